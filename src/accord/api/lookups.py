"""The only way API endpoints fetch a single object for a reader.

Each helper answers the object if it exists and the reader may see it, and
raises NotFound otherwise, with the same message either way: what a reader may
not see must not even be shown to exist (docs/adr/0004-invisible-is-not-found.md).
"""

from __future__ import annotations

from typing import Any

from accord.core.errors import NotFound
from accord.documents.models import Document, Version
from accord.meetings.models import Meeting
from accord.processes.models import Party, Process


def party_by_slug(slug: str) -> Party:
    party = Party.objects.filter(slug=slug).first()
    if party is None:
        raise NotFound(f"There is no party {slug!r}.")
    return party


def process_by_slug(slug: str) -> Process:
    """Processes are public by design: any reader may see any process."""
    process = Process.objects.filter(slug=slug).first()
    if process is None:
        raise NotFound(f"There is no process {slug!r}.")
    return process


def meeting_for(user: Any, slug: str) -> Meeting:
    meeting = Meeting.objects.select_related("process").filter(slug=slug).first()
    if meeting is None or not user.has_perm("meetings.view_meeting", meeting):
        raise NotFound(f"There is no meeting {slug!r}, or you may not see it.")
    return meeting


def document_for(user: Any, slug: str) -> Document:
    document = (
        Document.objects.select_related("process", "owner_delegation__party", "meeting__process")
        .filter(slug=slug)
        .first()
    )
    if document is None or not user.has_perm("documents.view_document", document):
        raise NotFound(f"There is no document {slug!r}, or you may not see it.")
    return document


def version_for(user: Any, document: Document, number: int) -> Version:
    """A version of a document the reader may see (see `document_for`)."""
    version = document.versions.select_related("base").filter(number=number).first()
    if version is None or not user.has_perm("documents.view_version", version):
        raise NotFound(
            f"Document {document.slug!r} has no version {number}, or you may not see it."
        )
    return version
