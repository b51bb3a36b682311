"""Reads of the negotiation, filtered for the reader, at a constant query count."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from accord.documents.models import Document, Provision, Version
from accord.documents.selectors import provisions_with_texts
from accord.negotiation.enums import STATUS_COLOUR, ProposalStatus, ProvisionStatus
from accord.negotiation.models import Cosponsorship, Position, Proposal, ProvisionState
from accord.negotiation.rules import position_visible
from accord.processes.access import access_for, visibility_allows
from accord.processes.enums import Standing
from accord.processes.models import Delegation, Participation


def states_by_uid(document: Document) -> dict[uuid.UUID, ProvisionState]:
    """Every provision state of a document, by provision uid: one query."""
    return {
        s.provision_uid: s
        for s in ProvisionState.objects.filter(document=document).select_related("facilitator")
    }


def status_of(states: dict[uuid.UUID, ProvisionState], uid: uuid.UUID) -> str:
    state = states.get(uid)
    return state.status if state else ProvisionStatus.NOT_DISCUSSED


def proposals(*, document: Document) -> QuerySet[Proposal]:
    """Proposals with their delegation, provision and co-sponsors prefetched."""
    return (
        Proposal.objects.filter(document=document)
        .select_related("delegation__party", "version", "provision", "incorporated_version")
        .prefetch_related(
            Prefetch(
                "cosponsorships",
                queryset=Cosponsorship.objects.select_related("delegation__party").order_by(
                    "joined_at", "id"
                ),
            )
        )
        .order_by("number")
    )


def proposal_counts(document: Document) -> dict[uuid.UUID, int]:
    """Tabled proposals per provision uid: one query."""
    return dict(
        Proposal.objects.filter(document=document, status=ProposalStatus.TABLED)
        .values_list("provision_uid")
        .annotate(n=Count("id"))
        .values_list("provision_uid", "n")
    )


@dataclass
class CompilationRow:
    provision: Provision
    status: str
    colour: str
    tabled: int
    facilitator: str


def compilation_rows(*, version: Version) -> list[CompilationRow]:
    """The provisions of a version with texts, status and proposal counts: four queries."""
    document = version.document
    states = states_by_uid(document)
    counts = proposal_counts(document)
    rows = []
    for provision in provisions_with_texts(version):
        status = status_of(states, provision.uid)
        state = states.get(provision.uid)
        rows.append(
            CompilationRow(
                provision=provision,
                status=status,
                colour=STATUS_COLOUR[status],
                tabled=counts.get(provision.uid, 0),
                facilitator=str(state.facilitator) if state and state.facilitator else "",
            )
        )
    return rows


def visible_positions(
    *,
    user: Any,
    document: Document,
    provision_uid: uuid.UUID | None = None,
    include_history: bool = False,
) -> list[Position]:
    """Positions on `document` the reader may see (current ones unless
    `include_history`): one query, then the visibility rule in Python. None
    at all on a document the reader may not read."""
    access = access_for(user, document.process)
    if not visibility_allows(
        access, document.visibility, owner_delegation_id=document.owner_delegation_id
    ):
        return []
    qs = Position.objects.filter(document=document).select_related("delegation__party", "proposal")
    if provision_uid is not None:
        qs = qs.filter(provision_uid=provision_uid)
    if not include_history:
        qs = qs.filter(superseded_at__isnull=True)
    return [
        p
        for p in qs.order_by("recorded_at", "id")
        if position_visible(access, visibility=p.visibility, delegation_id=p.delegation_id)
    ]


@dataclass
class Matrix:
    delegations: list[Delegation]
    rows: list[tuple[Provision, str, list[Position | None]]]


def position_matrix(*, user: Any, version: Version) -> Matrix:
    """Provisions × the delegations that take positions (those of participant
    parties: observers and others do not), with the current positions the
    reader may see."""
    document = version.document
    participants = Participation.objects.filter(
        process=document.process, standing=Standing.PARTICIPANT
    ).values("party_id")
    delegations = list(
        Delegation.objects.filter(process=document.process, party_id__in=participants)
        .select_related("party")
        .order_by("party__slug")
    )
    column = {d.pk: i for i, d in enumerate(delegations)}
    cells: dict[uuid.UUID, list[Position | None]] = defaultdict(lambda: [None] * len(delegations))
    for position in visible_positions(user=user, document=document):
        if position.provision_uid is not None and position.delegation_id in column:
            cells[position.provision_uid][column[position.delegation_id]] = position
    states = states_by_uid(document)
    rows = [
        (p, status_of(states, p.uid), cells[p.uid]) for p in version.provisions.order_by("position")
    ]
    return Matrix(delegations=delegations, rows=rows)


@dataclass
class Dashboard:
    total: int
    by_status: dict[str, int]
    by_part: list[tuple[Provision, dict[str, int]]] = field(default_factory=list)
    by_facilitator: list[tuple[str, dict[str, int]]] = field(default_factory=list)


def dashboard(*, version: Version) -> Dashboard:
    """What is left to agree: counts by status, per top-level part and per facilitator."""
    states = states_by_uid(version.document)
    provisions = list(version.provisions.order_by("position"))
    by_pk = {p.pk: p for p in provisions}
    totals: Counter[str] = Counter()
    per_part: dict[int, Counter[str]] = defaultdict(Counter)
    per_facilitator: dict[str, Counter[str]] = defaultdict(Counter)
    for p in provisions:
        status = status_of(states, p.uid)
        totals[status] += 1
        top = p
        while top.parent_id is not None:
            top = by_pk[top.parent_id]
        per_part[top.pk][status] += 1
        state = states.get(p.uid)
        who = str(state.facilitator) if state and state.facilitator else ""
        per_facilitator[who][status] += 1
    order = list(ProvisionStatus.values)
    return Dashboard(
        total=len(provisions),
        by_status={s: totals.get(s, 0) for s in order},
        by_part=[(by_pk[pk], {s: c.get(s, 0) for s in order}) for pk, c in per_part.items()],
        by_facilitator=sorted(
            ((who, {s: c.get(s, 0) for s in order}) for who, c in per_facilitator.items()),
            key=lambda item: item[0],
        ),
    )
