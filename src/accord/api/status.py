"""Where each provision stands: its status, facilitator and decisions, the
chair's (or facilitator's) changes of status, and the dashboard of what is left.

Statuses are read by everyone who may read the document; the names of
facilitators only by those who may see the process's people.
"""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from accord.api.auth import WRITE_AUTH, viewer
from accord.api.lookups import document_for, officer_named, version_for
from accord.api.pagination import Pages
from accord.api.schemas.common import answers, writes
from accord.api.schemas.negotiation import (
    DashboardOut,
    FacilitatorIn,
    ProvisionStateDetailOut,
    ProvisionStateOut,
    StatusIn,
)
from accord.core.errors import NotFound
from accord.documents.models import Document
from accord.documents.selectors import visible_versions
from accord.negotiation import selectors
from accord.negotiation.enums import STATUS_COLOUR
from accord.negotiation.models import ProvisionState, StatusDecision
from accord.negotiation.services import status

router = Router(tags=["provision status"])


def _sees_people(user: Any, document: Document) -> bool:
    return bool(user.has_perm("processes.view_process_people", document.process))


def _state_row(state: ProvisionState, *, sees_people: bool) -> dict[str, Any]:
    facilitator = state.facilitator if sees_people else None
    return {
        "provision": state.provision_uid,
        "status": state.status,
        "colour": STATUS_COLOUR[state.status],
        "facilitator": (
            {"id": facilitator.pk, "names": facilitator.names} if facilitator is not None else None
        ),
        "subject_to": state.subject_to_uid,
        "revision": state.revision,
    }


def _decision_row(decision: StatusDecision) -> dict[str, Any]:
    return {
        "from_status": decision.from_status,
        "to_status": decision.to_status,
        "decided_at": decision.decided_at,
        "note": decision.note,
        "override_reason": decision.override_reason,
        "subject_to": decision.subject_to_uid,
    }


@router.get("/documents/{slug}/states", response=answers(list[ProvisionStateOut]))
@paginate(Pages)
def list_provision_states(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """The provisions whose status was ever decided or that have a facilitator,
    by provision uid; every other provision is "not discussed"."""
    user = viewer(request)
    document = document_for(user, slug)
    sees_people = _sees_people(user, document)
    return [
        _state_row(state, sees_people=sees_people)
        for state in selectors.states_by_uid(document).values()
    ]


@router.get("/documents/{slug}/states/{uid}", response=answers(ProvisionStateDetailOut))
def get_provision_state(request: HttpRequest, slug: str, uid: uuid.UUID) -> dict[str, Any]:
    """A provision's status with every decision that changed it. A provision
    of the document that no one has decided on yet is "not discussed"."""
    user = viewer(request)
    document = document_for(user, slug)
    state = selectors.states_by_uid(document).get(uid)
    if state is None:
        if not visible_versions(user=user, document=document).filter(provisions__uid=uid).exists():
            raise NotFound(f"Document {document.slug!r} has no provision {uid}.")
        state = ProvisionState(document=document, provision_uid=uid)
        decisions: list[StatusDecision] = []
    else:
        decisions = list(state.decisions.order_by("decided_at", "id"))
    return {
        **_state_row(state, sees_people=_sees_people(user, document)),
        "decisions": [_decision_row(d) for d in decisions],
    }


@router.post(
    "/documents/{slug}/states/{uid}/status",
    auth=WRITE_AUTH,
    response=writes(ProvisionStateOut),
)
def change_provision_status(
    request: HttpRequest, slug: str, uid: uuid.UUID, body: StatusIn
) -> dict[str, Any]:
    """Move a provision to another status, as the transition table allows. Only
    the chair, or the facilitator who owns the provision, decides. "Agreed" is
    refused (409) while an objection stands, unless the chair gives an
    `override_reason`. With `subject_to`, the agreement falls back when that
    other provision's text changes."""
    user = viewer(request)
    document = document_for(user, slug)
    state = status.change_status(
        actor=user,
        document=document,
        provision_uid=uid,
        status=body.status,
        note=body.note,
        override_reason=body.override_reason,
        subject_to_uid=body.subject_to,
    )
    return _state_row(state, sees_people=_sees_people(user, document))


@router.post(
    "/documents/{slug}/facilitators",
    auth=WRITE_AUTH,
    response=writes(list[ProvisionStateOut]),
)
def assign_facilitator(
    request: HttpRequest, slug: str, body: FacilitatorIn
) -> list[dict[str, Any]]:
    """The secretariat or the chair gives provisions to a facilitator (a person
    id), or takes them back (null)."""
    user = viewer(request)
    document = document_for(user, slug)
    facilitator = (
        officer_named(user, document.process, body.facilitator, field="facilitator")
        if body.facilitator is not None
        else None
    )
    states = status.assign_facilitator(
        actor=user, document=document, provision_uids=list(body.provisions), facilitator=facilitator
    )
    sees_people = _sees_people(user, document)
    return [_state_row(state, sees_people=sees_people) for state in states]


@router.get("/documents/{slug}/versions/{number}/dashboard", response=answers(DashboardOut))
def get_status_dashboard(request: HttpRequest, slug: str, number: int) -> dict[str, Any]:
    """What is left to agree in a version: provisions per status, in total, per
    top-level provision (part, chapter, ...) and per facilitator."""
    user = viewer(request)
    document = document_for(user, slug)
    version = version_for(user, document, number)
    board = selectors.dashboard(version=version)
    return {
        "version": version.number,
        "total": board.total,
        "by_status": board.by_status,
        "by_part": [
            {
                "provision": part.uid,
                "eid": part.eid,
                "kind": part.kind,
                "number": part.number,
                "counts": counts,
            }
            for part, counts in board.by_part
        ],
        "by_facilitator": (
            [{"facilitator": who or None, "counts": counts} for who, counts in board.by_facilitator]
            if _sees_people(user, document)
            else None
        ),
    }
