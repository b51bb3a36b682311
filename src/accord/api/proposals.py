"""Proposals on a document: list and read them; table, withdraw, co-sponsor,
close them; set a version's deadline; compile a version from them.

Every write parses its input, fetches what the URL and body name through
`lookups` (404 when the reader may not see it), and calls one service, which
checks the rules (403) and the state (409).
"""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

import uuid
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accord.api.auth import WRITE_AUTH, viewer
from accord.api.lookups import (
    delegation_named,
    document_for,
    proposal_for,
    proposals_named,
    provision_named,
    version_for,
)
from accord.api.pagination import Pages
from accord.api.schemas.common import answers, writes
from accord.api.schemas.documents import VersionOut
from accord.api.schemas.negotiation import (
    CompilationResultOut,
    CompileIn,
    CosponsorIn,
    CosponsorshipOut,
    DeadlineIn,
    NotRetainedIn,
    ProposalDetailOut,
    ProposalIn,
    ProposalOut,
    ReasonIn,
)
from accord.documents.models import Version
from accord.negotiation import selectors
from accord.negotiation.enums import ProposalStatus
from accord.negotiation.models import Cosponsorship, Proposal
from accord.negotiation.services import compilation, proposals

router = Router(tags=["proposals"])


@router.get("/documents/{slug}/proposals", response=answers(list[ProposalOut]))
@paginate(Pages)
def list_proposals(
    request: HttpRequest,
    slug: str,
    status: Annotated[ProposalStatus | None, Query(description="Only this status.")] = None,
    provision: Annotated[
        uuid.UUID | None, Query(description="Only proposals on this provision (uid).")
    ] = None,
    delegation: Annotated[
        str | None, Query(description="Only this delegation's (party slug).")
    ] = None,
) -> QuerySet[Proposal]:
    """The proposals on a document, by number, with their co-sponsors. Proposals
    are for the process's participants and officers (observers when the process
    shows them its documents); for other readers the list is empty."""
    user = viewer(request)
    document = document_for(user, slug)
    if not user.has_perm("negotiation.view_proposals", document):
        return Proposal.objects.none()
    found = selectors.proposals(document=document)
    if status is not None:
        found = found.filter(status=status)
    if provision is not None:
        found = found.filter(provision_uid=provision)
    if delegation is not None:
        found = found.filter(delegation__party__slug=delegation)
    return found


@router.get("/documents/{slug}/proposals/{number}", response=answers(ProposalDetailOut))
def get_proposal(request: HttpRequest, slug: str, number: int) -> Proposal:
    """A proposal with the history of its co-sponsors and, once incorporated,
    the version, provision and bracket or option that carry it."""
    user = viewer(request)
    return proposal_for(user, document_for(user, slug), number)


@router.post(
    "/documents/{slug}/proposals", auth=WRITE_AUTH, response=writes(ProposalOut, status=201)
)
def table_proposal(request: HttpRequest, slug: str, body: ProposalIn) -> Status[Proposal]:
    """Table a delegation's proposal against a provision of a published version.
    Only members of the delegation may, while the process takes proposals and
    before the version's deadline. Invalid markup in `text` is a 400 that says
    where (line and column)."""
    user = viewer(request)
    document = document_for(user, slug)
    version = version_for(user, document, body.version)
    provision = provision_named(version, body.provision, field="provision")
    process = document.process
    proposal = proposals.table_proposal(
        actor=user,
        provision=provision,
        delegation=delegation_named(process, body.delegation),
        operation=body.operation,
        language=body.language,
        text=body.text,
        rationale=body.rationale,
        new_kind=body.new_kind or "",
        new_number=body.new_number,
        span=body.span,
        target_ref=body.target_ref,
        cosponsors=[delegation_named(process, p, field="cosponsors") for p in body.cosponsors],
    )
    return Status(201, proposal)


@router.post(
    "/documents/{slug}/proposals/{number}/withdraw",
    auth=WRITE_AUTH,
    response=writes(ProposalOut),
)
def withdraw_proposal(request: HttpRequest, slug: str, number: int, body: ReasonIn) -> Proposal:
    """The proposing delegation withdraws its tabled proposal."""
    user = viewer(request)
    proposal = proposal_for(user, document_for(user, slug), number)
    return proposals.withdraw_proposal(actor=user, proposal=proposal, reason=body.reason)


@router.post(
    "/documents/{slug}/proposals/{number}/not-retained",
    auth=WRITE_AUTH,
    response=writes(ProposalOut),
)
def not_retain_proposal(
    request: HttpRequest, slug: str, number: int, body: NotRetainedIn
) -> Proposal:
    """The secretariat records that a tabled proposal is not retained, and why."""
    user = viewer(request)
    proposal = proposal_for(user, document_for(user, slug), number)
    return proposals.not_retain_proposal(actor=user, proposal=proposal, reason=body.reason)


@router.post(
    "/documents/{slug}/proposals/{number}/cosponsors",
    auth=WRITE_AUTH,
    response=writes(CosponsorshipOut, status=201),
)
def join_proposal(
    request: HttpRequest, slug: str, number: int, body: CosponsorIn
) -> Status[Cosponsorship]:
    """A delegation signs on to a tabled proposal, by one of its members."""
    user = viewer(request)
    document = document_for(user, slug)
    proposal = proposal_for(user, document, number)
    row = proposals.join_proposal(
        actor=user,
        proposal=proposal,
        delegation=delegation_named(document.process, body.delegation),
    )
    return Status(201, row)


@router.delete(
    "/documents/{slug}/proposals/{number}/cosponsors/{party}",
    auth=WRITE_AUTH,
    response=writes(CosponsorshipOut),
)
def leave_proposal(request: HttpRequest, slug: str, number: int, party: str) -> Cosponsorship:
    """A delegation withdraws its co-sponsorship; the history keeps it, with the
    moment it left."""
    user = viewer(request)
    document = document_for(user, slug)
    return proposals.leave_proposal(
        actor=user,
        proposal=proposal_for(user, document, number),
        delegation=delegation_named(document.process, party),
    )


@router.put(
    "/documents/{slug}/versions/{number}/proposals-deadline",
    auth=WRITE_AUTH,
    response=writes(VersionOut),
)
def set_proposals_deadline(
    request: HttpRequest, slug: str, number: int, body: DeadlineIn
) -> Version:
    """The secretariat sets (or, with null, lifts) the moment proposals against a
    published version close."""
    user = viewer(request)
    version = version_for(user, document_for(user, slug), number)
    return proposals.set_proposals_deadline(actor=user, version=version, deadline=body.deadline)


@router.post(
    "/documents/{slug}/versions/{number}/compile",
    auth=WRITE_AUTH,
    response=writes(CompilationResultOut, status=201),
)
def compile_text(
    request: HttpRequest, slug: str, number: int, body: CompileIn
) -> Status[dict[str, Any]]:
    """The secretariat builds and publishes a compilation text from this version
    and the tabled proposals it selects. Each selected proposal is incorporated
    (with the provision and the bracket or option that carry it) or stays tabled
    with the reason it could not be applied."""
    user = viewer(request)
    document = document_for(user, slug)
    base = version_for(user, document, number)
    result = compilation.compile_text(
        actor=user,
        base=base,
        proposals=proposals_named(user, document, body.proposals),
        label=body.label,
    )
    return Status(
        201,
        {
            "version": result.version,
            "incorporated": [
                {
                    "number": p.number,
                    "provision": p.incorporated_provision_uid,
                    "ref": p.incorporated_ref,
                }
                for p in result.incorporated
            ],
            "not_applied": [
                {"number": p.number, "reason": p.status_reason} for p in result.not_applied
            ],
        },
    )
