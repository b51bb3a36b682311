"""Who may table, sponsor, compile, take positions and decide statuses.

Positions have their own visibility (own delegation, chair and facilitators,
all participants); `position_visible` is the one place it is interpreted, for
pages, the API and the matrix alike.
"""

from __future__ import annotations

from typing import Any

import rules

from accord.documents.rules import can_view_document
from accord.negotiation.enums import PositionVisibility
from accord.processes.access import Access, access_for
from accord.processes.rules import is_process_secretariat


@rules.predicate
def can_act_for_delegation(user: Any, delegation: Any) -> bool:
    """A member of a participant delegation, acting for it."""
    if delegation is None:
        return False
    return delegation.pk in access_for(user, delegation.process).participant_delegation_ids


@rules.predicate
def can_withdraw_proposal(user: Any, proposal: Any) -> bool:
    return proposal is not None and bool(can_act_for_delegation(user, proposal.delegation))


@rules.predicate
def is_document_secretariat(user: Any, document: Any) -> bool:
    return document is not None and bool(is_process_secretariat(user, document.process))


@rules.predicate
def is_document_chair(user: Any, document: Any) -> bool:
    return document is not None and access_for(user, document.process).is_chair


@rules.predicate
def can_decide_status(user: Any, state: Any) -> bool:
    """The chair, or the facilitator who owns the provision."""
    if state is None:
        return False
    access = access_for(user, state.document.process)
    if access.is_chair:
        return True
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return (
        access.is_facilitator
        and person is not None
        and state.facilitator_id is not None
        and state.facilitator_id == person.pk
    )


@rules.predicate
def can_see_matrix(user: Any, document: Any) -> bool:
    if document is None:
        return False
    access = access_for(user, document.process)
    return access.is_chair or access.is_facilitator


@rules.predicate
def can_view_proposals(user: Any, document: Any) -> bool:
    """Proposals are tabled to all participants (and officers; observers per
    flag), on a document the reader may read at all."""
    if document is None or not can_view_document(user, document):
        return False
    return access_for(user, document.process).sees_participant_documents


def position_visible(access: Access, *, visibility: str, delegation_id: int) -> bool:
    """Whether a reader with `access` may see a delegation's position."""
    if delegation_id in access.delegation_ids:
        return True
    if visibility == PositionVisibility.PARTICIPANTS:
        return access.is_officer or access.is_participant
    if visibility == PositionVisibility.FACILITATORS:
        return access.is_chair or access.is_facilitator
    return False


rules.add_perm("negotiation.table_proposal", can_act_for_delegation)
rules.add_perm("negotiation.sponsor_proposal", can_act_for_delegation)
rules.add_perm("negotiation.withdraw_proposal", can_withdraw_proposal)
rules.add_perm("negotiation.view_proposals", can_view_proposals)
rules.add_perm("negotiation.manage_proposals", is_document_secretariat)
rules.add_perm("negotiation.compile", is_document_secretariat)
rules.add_perm("negotiation.record_position", can_act_for_delegation)
rules.add_perm("negotiation.decide_status", can_decide_status)
rules.add_perm("negotiation.assign_facilitator", is_document_secretariat | is_document_chair)
rules.add_perm("negotiation.view_matrix", can_see_matrix)
