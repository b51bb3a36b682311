"""Who may read and change documents and their versions."""

from __future__ import annotations

from typing import Any

import rules

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


@rules.predicate
def can_view_version(user: Any, version: Any) -> bool:
    if version is None or not can_view_document(user, version.document):
        return False
    return version.is_published or access_for(user, version.document.process).sees_working_copies


@rules.predicate
def is_document_secretariat(user: Any, document: Any) -> bool:
    return document is not None and bool(is_process_secretariat(user, document.process))


rules.add_perm("documents.view_document", can_view_document)
rules.add_perm("documents.view_version", can_view_version)
rules.add_perm("documents.create_document", is_process_secretariat)
rules.add_perm("documents.change_document", is_document_secretariat)
