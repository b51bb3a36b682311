"""Who may read and change documents and their versions."""

from __future__ import annotations

from typing import Any

import rules

from accord.core.enums import Visibility
from accord.processes.access import access_for, visibility_allows
from accord.processes.rules import is_process_secretariat


@rules.predicate
def can_view_document(user: Any, document: Any) -> bool:
    if document is None:
        return False
    return visibility_allows(
        access_for(user, document.process),
        document.visibility,
        owner_delegation_id=document.owner_delegation_id,
    )


def _is_delegation_document(document: Any) -> bool:
    return document.visibility == Visibility.DELEGATION


@rules.predicate
def can_view_version(user: Any, version: Any) -> bool:
    if version is None or not can_view_document(user, version.document):
        return False
    if version.is_published:
        return True
    document = version.document
    if _is_delegation_document(document):
        # Seeing the document at all already means belonging to its delegation.
        return True
    return access_for(user, document.process).sees_working_copies


@rules.predicate
def can_change_document(user: Any, document: Any) -> bool:
    """The secretariat edits the process's documents; a delegation edits its
    own internal material, and only it."""
    if document is None:
        return False
    access = access_for(user, document.process)
    if _is_delegation_document(document):
        return document.owner_delegation_id in access.delegation_ids
    return access.is_secretariat


@rules.predicate
def is_delegation_member(user: Any, delegation: Any) -> bool:
    return (
        delegation is not None
        and delegation.pk in access_for(user, delegation.process).delegation_ids
    )


rules.add_perm("documents.view_document", can_view_document)
rules.add_perm("documents.view_version", can_view_version)
rules.add_perm("documents.create_document", is_process_secretariat)
rules.add_perm("documents.create_delegation_document", is_delegation_member)
rules.add_perm("documents.change_document", can_change_document)
