"""Small helpers shared by the negotiation services."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from accord.core.actors import require
from accord.core.errors import NotFound, PermissionDenied
from accord.documents.canonical import ProvisionSnapshot, TextSnapshot, canonical_bytes
from accord.documents.enums import VersionStatus
from accord.documents.models import Document, Provision, Version


def latest_version(document: Document) -> Version | None:
    """The working copy if there is one, else the latest published version."""
    working = document.versions.filter(status=VersionStatus.WORKING).first()
    if working is not None:
        return working
    return document.versions.order_by("-number").first()


def provision_text_hash(provision: Provision | None) -> str:
    """A hash of a provision's headings and texts in every language ('' if absent)."""
    if provision is None:
        return ""
    snapshot = ProvisionSnapshot(
        uid=str(provision.uid),
        kind="",
        parent_uid=None,
        number="",
        texts=tuple(TextSnapshot(t.language, t.heading, t.text) for t in provision.texts.all()),
    )
    return hashlib.sha256(canonical_bytes([snapshot])).hexdigest()


def find_provision(version: Version | None, uid: uuid.UUID | str) -> Provision | None:
    if version is None:
        return None
    return version.provisions.filter(uid=uid).prefetch_related("texts").first()


def require_readable(actor: Any, document: Document) -> None:
    """A document the actor may not read is, for them, not there (ADR 0004):
    they cannot table, sponsor or take positions on it."""
    try:
        require(actor, "documents.view_document", document)
    except PermissionDenied:
        raise NotFound("No such document.") from None
