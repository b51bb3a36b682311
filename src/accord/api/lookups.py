"""The only way API endpoints fetch a single object for a reader.

Each helper answers the object if it exists and the reader may see it, and
raises NotFound otherwise, with the same message either way: what a reader may
not see must not even be shown to exist (docs/adr/0004-invisible-is-not-found.md).

The `*_named` helpers fetch what a write's body names (a delegation, a
proposal, a provision): what is absent or invisible there is invalid input, a
ValidationError (400) on that field, again with one message for both.
"""

from __future__ import annotations

import uuid
from typing import Any

from accord.core.errors import NotFound, ValidationError
from accord.documents.models import Document, Provision, Version
from accord.meetings.models import Meeting
from accord.negotiation import selectors as negotiation
from accord.negotiation.models import Proposal
from accord.processes.models import Delegation, Party, Person, Process


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


def provision_of(version: Version, uid: uuid.UUID) -> Provision:
    """A provision of a version the reader may see (see `version_for`), by its uid."""
    provision = version.provisions.filter(uid=uid).first()
    if provision is None:
        raise NotFound(f"Version {version.number} has no provision {uid}.")
    provision.version = version
    return provision


def proposal_for(user: Any, document: Document, number: int) -> Proposal:
    """A proposal on a document the reader may see (see `document_for`), with its
    delegation, versions and co-sponsorships; proposals are for those who may read
    the process's participant material (negotiation.view_proposals)."""
    proposal = (
        negotiation.proposals(document=document).filter(number=number).first()
        if user.has_perm("negotiation.view_proposals", document)
        else None
    )
    if proposal is None:
        raise NotFound(
            f"Document {document.slug!r} has no proposal P-{number}, or you may not see it."
        )
    proposal.document = document
    return proposal


def provision_named(version: Version, uid: uuid.UUID, *, field: str) -> Provision:
    provision = version.provisions.filter(uid=uid).first()
    if provision is None:
        raise ValidationError(f"Version {version.number} has no provision {uid}.", field=field)
    provision.version = version
    return provision


def version_named(user: Any, document: Document, number: int, *, field: str) -> Version:
    try:
        return version_for(user, document, number)
    except NotFound as exc:
        raise ValidationError(exc.message, field=field) from exc


def delegation_named(process: Process, party: str, *, field: str = "delegation") -> Delegation:
    """A delegation of the process, named by its party's slug. Delegations are
    public by design."""
    delegation = (
        Delegation.objects.select_related("party", "process")
        .filter(process=process, party__slug=party)
        .first()
    )
    if delegation is None:
        raise ValidationError(f"There is no delegation of {party!r} in this process.", field=field)
    return delegation


def proposals_named(user: Any, document: Document, numbers: list[int]) -> list[Proposal]:
    """Proposals on a document, by number; all must exist and be visible to the reader."""
    found = (
        list(Proposal.objects.filter(document=document, number__in=numbers))
        if user.has_perm("negotiation.view_proposals", document)
        else []
    )
    missing = sorted(set(numbers) - {p.number for p in found})
    if missing:
        raise ValidationError(
            f"No such proposal on this document: {', '.join(f'P-{n}' for n in missing)}.",
            field="proposals",
        )
    return found


def officer_named(user: Any, process: Process, person_id: int, *, field: str) -> Person:
    """An officer (secretariat, chair, facilitator) of the process, by person id,
    for a reader who may see the process's people. Whether the role fits is the
    service's to say."""
    person = (
        Person.objects.filter(pk=person_id, process_roles__process=process).first()
        if user.has_perm("processes.view_process_people", process)
        else None
    )
    if person is None:
        raise ValidationError(f"Person {person_id} is not an officer of this process.", field=field)
    return person
