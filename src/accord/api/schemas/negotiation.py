"""Proposals, co-sponsorships, positions, provision states, the position matrix
and the status dashboard: what is sent and what is answered."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from accord.api import markup as texts
from accord.api.schemas.common import Texts
from accord.api.schemas.documents import VersionOut
from accord.documents.enums import ProvisionKind
from accord.documents.services import delegation_codes
from accord.negotiation import markup
from accord.negotiation.enums import (
    Operation,
    PositionVisibility,
    ProposalStatus,
    ProvisionStatus,
    Stance,
)
from accord.negotiation.models import Proposal
from accord.processes.models import Delegation

Colour = Literal["white", "yellow", "green"]
PartySlug = Annotated[str, Field(description="The slug of the delegation's party.")]
StatusCounts = Annotated[
    dict[str, int], Field(description="Provisions per status; every status is listed.")
]


class DelegationRef(Schema):
    """A delegation as it is named inside other objects."""

    party: str = Field(description="The slug of its party.")
    code: str = Field(description='The code used in attributions, e.g. "RU".')

    @staticmethod
    def of(delegation: Delegation) -> dict[str, str]:
        return {"party": delegation.party.slug, "code": delegation.code}


# --- Proposals ---------------------------------------------------------------------------


class ProposalIn(Schema):
    version: int = Field(description="The published version the proposal is tabled against.")
    provision: uuid.UUID = Field(description="uid of the provision it is about.")
    delegation: PartySlug
    operation: Operation
    language: str | None = Field(
        None, description="Language of `text`; the document's working language when omitted."
    )
    text: str = Field(
        "",
        description="The proposed text in negotiation notation (replace, insert, add an "
        "option); empty for the other operations.",
    )
    rationale: str = ""
    new_kind: ProvisionKind | None = Field(
        None, description="For an insertion: the kind of the new provision (default: the same)."
    )
    new_number: str = Field("", description="For an insertion: its number, if not the default.")
    span: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]] | None = Field(
        None, description="To bracket a span: [start, end) in the clean text of `language`."
    )
    target_ref: str = Field(
        "", description="Id of the bracket to remove, or of the option set to add an option to."
    )
    cosponsors: list[PartySlug] = Field(
        default_factory=list, description="Delegations co-sponsoring from the start."
    )


class ReasonIn(Schema):
    reason: str = ""


class NotRetainedIn(Schema):
    reason: str = Field(description="Why the proposal is not retained; required.")


class CosponsorIn(Schema):
    delegation: PartySlug


class DeadlineIn(Schema):
    deadline: dt.datetime | None = Field(
        description="When proposals close, with a time zone; null lifts the deadline."
    )


class CompileIn(Schema):
    proposals: list[int] = Field(
        min_length=1, description="Numbers of the tabled proposals to compile (P-3 is 3)."
    )
    label: str = "Compilation text"


class CosponsorshipOut(Schema):
    delegation: DelegationRef
    joined_at: dt.datetime
    withdrawn_at: dt.datetime | None = Field(description="Null while it still co-sponsors.")

    @staticmethod
    def resolve_delegation(obj: Any) -> dict[str, str]:
        return DelegationRef.of(obj.delegation)


class ProposalOut(Schema):
    number: int
    label: str = Field(description='How the proposal is cited: "P-" and its number.')
    version: int = Field(description="Number of the version it was tabled against.")
    provision: uuid.UUID = Field(description="uid of the provision it is about.")
    provision_eid: str = Field(description="That provision's eId in that version.")
    delegation: DelegationRef = Field(description="The proposing delegation.")
    cosponsors: list[DelegationRef] = Field(
        description="The current co-sponsors, in the order they joined."
    )
    operation: Operation
    language: str
    text: str = Field(description="The proposed text in canonical negotiation notation.")
    new_kind: ProvisionKind | None
    new_number: str
    span: tuple[int, int] | None = Field(description="[start, end) of the span to bracket.")
    target_ref: str
    rationale: str
    status: ProposalStatus
    status_reason: str = Field(
        description="Why it was withdrawn or not retained, or why the last compilation "
        "could not apply it."
    )
    tabled_at: dt.datetime
    incorporated_in: int | None = Field(description="Number of the version that carries it.")

    @staticmethod
    def resolve_version(obj: Any) -> int:
        return int(obj.version.number)

    @staticmethod
    def resolve_provision(obj: Any) -> uuid.UUID:
        return obj.provision_uid

    @staticmethod
    def resolve_provision_eid(obj: Any) -> str:
        return str(obj.provision.eid)

    @staticmethod
    def resolve_delegation(obj: Any) -> dict[str, str]:
        return DelegationRef.of(obj.delegation)

    @staticmethod
    def resolve_cosponsors(obj: Any) -> list[dict[str, str]]:
        return [
            DelegationRef.of(row.delegation)
            for row in obj.cosponsorships.all()
            if row.withdrawn_at is None
        ]

    @staticmethod
    def resolve_new_kind(obj: Any) -> str | None:
        return obj.new_kind or None

    @staticmethod
    def resolve_span(obj: Any) -> tuple[int, int] | None:
        if obj.span_start is None or obj.span_end is None:
            return None
        return (obj.span_start, obj.span_end)

    @staticmethod
    def resolve_tabled_at(obj: Any) -> dt.datetime:
        return obj.created_at

    @staticmethod
    def resolve_incorporated_in(obj: Any) -> int | None:
        return obj.incorporated_version.number if obj.incorporated_version_id else None


class CarrierOut(Schema):
    """The bracket or option that carries a proposal in the compilation text."""

    kind: Literal["bracket", "option_set", "option"]
    id: str
    label: str | None = Field(description="An option's label, e.g. Alt 2.")
    attribution: list[str] = Field(description="Codes of the delegations it is attributed to.")
    deletion: bool = Field(description="A deletion bracket: text proposed to be deleted.")
    text: str = Field(description="What it holds, as the full text shows it.")


class IncorporationOut(Schema):
    version: int = Field(description="Number of the version that carries the proposal.")
    version_label: str
    provision: uuid.UUID = Field(description="uid of the provision that carries it.")
    eid: str | None = Field(description="That provision's eId in that version.")
    ref: str = Field(description="Id of the bracket or option that carries it.")
    carrier: CarrierOut | None = Field(
        description="That bracket or option as it stands in that version; null if its text "
        "can no longer be read."
    )


class ProposalDetailOut(ProposalOut):
    cosponsorships: list[CosponsorshipOut] = Field(
        description="Every delegation that co-sponsored it, including those that left, "
        "in the order they joined."
    )
    incorporation: IncorporationOut | None = Field(
        description="Where its words or options went, when it was incorporated."
    )

    @staticmethod
    def resolve_cosponsorships(obj: Any) -> list[Any]:
        return list(obj.cosponsorships.all())

    @staticmethod
    def resolve_incorporation(obj: Any) -> dict[str, Any] | None:
        return incorporation_trace(obj)


def incorporation_trace(proposal: Proposal) -> dict[str, Any] | None:
    """The version, provision and markup node that carry an incorporated
    proposal: two queries (the carrying provision with its texts, and the
    process's delegation codes to read its markup)."""
    version = proposal.incorporated_version
    if version is None or proposal.incorporated_provision_uid is None:
        return None
    provision = (
        version.provisions.filter(uid=proposal.incorporated_provision_uid)
        .prefetch_related("texts")
        .first()
    )
    carrier = None
    text = (
        next((t for t in provision.texts.all() if t.language == proposal.language), None)
        if provision is not None
        else None
    )
    if text is not None:
        parsed = texts.read(text.text, delegation_codes(proposal.document))
        found = (
            next((m for m in markup.markers(parsed) if m.id == proposal.incorporated_ref), None)
            if parsed is not None
            else None
        )
        if found is not None:
            carrier = {
                "kind": found.kind,
                "id": found.id,
                "label": found.label,
                "attribution": list(found.attribution),
                "deletion": found.deletion,
                "text": found.text,
            }
    return {
        "version": version.number,
        "version_label": version.label,
        "provision": proposal.incorporated_provision_uid,
        "eid": provision.eid if provision is not None else None,
        "ref": proposal.incorporated_ref,
        "carrier": carrier,
    }


class IncorporatedOut(Schema):
    number: int
    provision: uuid.UUID = Field(description="uid of the provision that carries it.")
    ref: str = Field(description="Id of the bracket or option that carries it.")


class NotAppliedOut(Schema):
    number: int
    reason: str = Field(description="Why it could not be applied; it stays tabled.")


class CompilationResultOut(Schema):
    version: VersionOut = Field(description="The new, published compilation text.")
    incorporated: list[IncorporatedOut]
    not_applied: list[NotAppliedOut]


# --- Positions ---------------------------------------------------------------------------


class PositionIn(Schema):
    delegation: PartySlug
    stance: Stance
    visibility: PositionVisibility = Field(
        description="Who sees it: the own delegation, also the chair and facilitators, or "
        "all participants."
    )
    provision: uuid.UUID | None = Field(None, description="uid of the provision; or:")
    proposal: int | None = Field(None, description="number of the proposal.")
    reason: str = Field("", description="Required for an objection.")


class PositionOut(Schema):
    id: int
    delegation: DelegationRef
    provision: uuid.UUID | None = Field(description="uid of the provision it is on, if any.")
    proposal: int | None = Field(description="Number of the proposal it is on, if any.")
    stance: Stance
    reason: str
    visibility: PositionVisibility
    recorded_at: dt.datetime
    superseded_at: dt.datetime | None = Field(
        description="When a later position of the delegation replaced it; null while current."
    )

    @staticmethod
    def resolve_delegation(obj: Any) -> dict[str, str]:
        return DelegationRef.of(obj.delegation)

    @staticmethod
    def resolve_provision(obj: Any) -> uuid.UUID | None:
        return obj.provision_uid

    @staticmethod
    def resolve_proposal(obj: Any) -> int | None:
        return obj.proposal.number if obj.proposal_id else None


class MatrixCell(Schema):
    stance: Stance
    reason: str
    visibility: PositionVisibility
    recorded_at: dt.datetime


class MatrixRow(Schema):
    provision: uuid.UUID
    eid: str
    kind: ProvisionKind
    number: str
    depth: int
    status: ProvisionStatus
    cells: list[MatrixCell | None] = Field(
        description="One per delegation, in the order of `delegations`; null where there "
        "is no current position you may see."
    )


class MatrixOut(Schema):
    version: int
    delegations: list[DelegationRef]
    rows: list[MatrixRow] = Field(description="The provisions of the version in document order.")


# --- Provision status --------------------------------------------------------------------


class StatusIn(Schema):
    status: ProvisionStatus
    note: str = ""
    override_reason: str = Field(
        "", description="To agree despite a standing objection: the chair's reason."
    )
    subject_to: uuid.UUID | None = Field(
        None, description="uid of the provision this agreement is subject to."
    )


class FacilitatorIn(Schema):
    provisions: list[uuid.UUID] = Field(min_length=1, description="uids of the provisions.")
    facilitator: int | None = Field(
        description="Id of the facilitator (a person); null takes the provisions back."
    )


class FacilitatorOut(Schema):
    id: int = Field(description="The person's id, as `assign_facilitator` takes it.")
    names: Texts


class ProvisionStateOut(Schema):
    provision: uuid.UUID
    status: ProvisionStatus
    colour: Colour = Field(description="white, yellow or green, as in UN practice.")
    facilitator: FacilitatorOut | None = Field(
        description="Null when none is assigned, or for readers who may not see the "
        "process's people."
    )
    subject_to: uuid.UUID | None = Field(
        description="uid of the provision the agreement is subject to."
    )
    revision: int = Field(description="Bumped on every change of status.")


class DecisionOut(Schema):
    from_status: ProvisionStatus
    to_status: ProvisionStatus
    decided_at: dt.datetime
    note: str
    override_reason: str
    subject_to: uuid.UUID | None


class ProvisionStateDetailOut(ProvisionStateOut):
    decisions: list[DecisionOut] = Field(description="Every change of status, oldest first.")


class PartCounts(Schema):
    provision: uuid.UUID = Field(description="uid of the top-level provision.")
    eid: str
    kind: ProvisionKind
    number: str
    counts: StatusCounts


class FacilitatorCounts(Schema):
    facilitator: str | None = Field(description="The facilitator's name; null: none assigned.")
    counts: StatusCounts


class DashboardOut(Schema):
    version: int
    total: int = Field(description="Provisions in the version.")
    by_status: StatusCounts
    by_part: list[PartCounts] = Field(
        description="Per top-level provision (part, chapter, ...), counting it and "
        "everything in it."
    )
    by_facilitator: list[FacilitatorCounts] | None = Field(
        description="Per facilitator; null for readers who may not see the process's people."
    )
