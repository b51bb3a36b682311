"""Delegations' positions on provisions and proposals, and the matrix of them.

What a reader sees of positions is decided in one place,
`negotiation.rules.position_visible` (docs/adr/0006-position-visibility.md):
a delegation's own positions, those it shared with the chair and facilitators
(for them), and those shared with all participants.
"""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

import uuid
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accord.api.auth import WRITE_AUTH, viewer
from accord.api.lookups import (
    delegation_named,
    document_for,
    proposals_named,
    version_for,
)
from accord.api.pagination import Pages
from accord.api.schemas.common import Detail, answers, writes
from accord.api.schemas.negotiation import DelegationRef, MatrixOut, PositionIn, PositionOut
from accord.core.errors import PermissionDenied
from accord.negotiation import selectors
from accord.negotiation.models import Position
from accord.negotiation.services import positions

router = Router(tags=["positions"])


@router.get("/documents/{slug}/positions", response=answers(list[PositionOut]))
@paginate(Pages)
def list_positions(
    request: HttpRequest,
    slug: str,
    provision: Annotated[
        uuid.UUID | None, Query(description="Only positions on this provision (uid).")
    ] = None,
    proposal: Annotated[
        int | None, Query(description="Only positions on this proposal (its number).")
    ] = None,
    history: Annotated[
        bool, Query(description="Also the positions later ones replaced (?history=1).")
    ] = False,
) -> list[Position]:
    """The positions on a document that you may see, oldest first: the current
    ones, or with `?history=1` every position ever recorded."""
    user = viewer(request)
    document = document_for(user, slug)
    found = selectors.visible_positions(
        user=user, document=document, provision_uid=provision, include_history=history
    )
    if proposal is not None:
        found = [p for p in found if p.proposal is not None and p.proposal.number == proposal]
    return found


@router.post(
    "/documents/{slug}/positions", auth=WRITE_AUTH, response=writes(PositionOut, status=201)
)
def record_position(request: HttpRequest, slug: str, body: PositionIn) -> Status[Position]:
    """Record a delegation's position on a provision (`provision`) or a proposal
    (`proposal`), by one of its members. It replaces the delegation's current
    position there, which stays in the history. An objection needs a reason."""
    user = viewer(request)
    document = document_for(user, slug)
    proposal = (
        proposals_named(user, document, [body.proposal])[0] if body.proposal is not None else None
    )
    position = positions.record_position(
        actor=user,
        delegation=delegation_named(document.process, body.delegation),
        document=document,
        stance=body.stance,
        visibility=body.visibility,
        provision_uid=body.provision,
        proposal=proposal,
        reason=body.reason,
    )
    return Status(201, position)


@router.get(
    "/documents/{slug}/versions/{number}/matrix",
    response={**answers(MatrixOut), 403: Detail},
)
def get_position_matrix(request: HttpRequest, slug: str, number: int) -> dict[str, Any]:
    """Provisions × delegations: each delegation's current position on each
    provision of the version, as far as you may see it. For the chair and the
    facilitators only: anyone else who reads the document is refused (403), as
    on the matrix page; a delegation lists its own positions with
    `list_positions`."""
    user = viewer(request)
    document = document_for(user, slug)
    version = version_for(user, document, number)
    if not user.has_perm("negotiation.view_matrix", document):
        raise PermissionDenied("The position matrix is for the chair and the facilitators.")
    matrix = selectors.position_matrix(user=user, version=version)
    return {
        "version": version.number,
        "delegations": [DelegationRef.of(d) for d in matrix.delegations],
        "rows": [
            {
                "provision": provision.uid,
                "eid": provision.eid,
                "kind": provision.kind,
                "number": provision.number,
                "depth": provision.depth,
                "status": status,
                "cells": [
                    None
                    if cell is None
                    else {
                        "stance": cell.stance,
                        "reason": cell.reason,
                        "visibility": cell.visibility,
                        "recorded_at": cell.recorded_at,
                    }
                    for cell in cells
                ],
            }
            for provision, status, cells in matrix.rows
        ],
    }
