"""Who may join a live session and what each may do there.

The same permissions decide the pages, the websocket consumer and the
services (which check them again with the rows locked). They start from
`processes.access.access_for`, like every other rule.

- Join (see the screen, receive its events): whoever may see the meeting and
  the documents shared with participants (officers, participant delegations,
  observers where the process lets them see both), and may read the document.
  Delegation-internal material never goes on a shared screen.
- The chair and the secretariat run the session: start and close it, grant,
  decline and revoke the pen, give the floor.
- Only the pen-holder edits the screen; the pen-holder and those who run the
  session move the focus.
- Officers and members of participant delegations may ask for the pen;
  members of participant and observer delegations may ask for the floor.

These names are checked with `rules.has_perm`, not `User.has_perm`: Django
lets an active superuser through `User.has_perm` for apps outside
`accounts.models.ACCORD_RULE_APPS`, and a site administrator is not a
participant of the negotiation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules import permissions as _permissions
from rules.predicates import Predicate

from accord.core.actors import SystemActor
from accord.core.enums import Visibility
from accord.core.errors import PermissionDenied
from accord.documents.rules import can_view_document
from accord.meetings.rules import can_view_meeting
from accord.processes.access import Access, access_for

_add_perm: Callable[[str, Predicate], None] = _permissions.add_perm
_has_perm: Callable[..., Any] = _permissions.has_perm


def _access(user: Any, session: Any) -> Access:
    return access_for(user, session.meeting.process)


def can_follow_meeting(user: Any, meeting: Any) -> bool:
    """May follow the meeting's live sessions (on documents they may read)."""
    if meeting is None or not getattr(user, "is_authenticated", False):
        return False
    access = access_for(user, meeting.process)
    if not (access.sees_participant_meetings and access.sees_participant_documents):
        return False
    return bool(can_view_meeting(user, meeting))


def can_join_session(user: Any, session: Any) -> bool:
    if session is None or not can_follow_meeting(user, session.meeting):
        return False
    if session.document.visibility == Visibility.DELEGATION:
        return False
    return bool(can_view_document(user, session.document))


def _runs(user: Any, process: Any) -> bool:
    access = access_for(user, process)
    return access.is_chair or access.is_secretariat


def can_start_session(user: Any, meeting: Any) -> bool:
    """The chair or the secretariat of a meeting they can see."""
    return can_follow_meeting(user, meeting) and _runs(user, meeting.process)


def can_run_session(user: Any, session: Any) -> bool:
    return can_join_session(user, session) and _runs(user, session.meeting.process)


def holds_pen(user: Any, session: Any) -> bool:
    if session is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(session.pen_tenures.filter(ended_at__isnull=True, holder_id=user.pk).exists())


def can_edit_screen(user: Any, session: Any) -> bool:
    return holds_pen(user, session) and can_join_session(user, session)


def can_set_focus(user: Any, session: Any) -> bool:
    return can_run_session(user, session) or can_edit_screen(user, session)


def can_request_pen(user: Any, session: Any) -> bool:
    if not can_join_session(user, session):
        return False
    access = _access(user, session)
    return access.is_officer or bool(access.participant_delegation_ids)


def can_withdraw_pen_request(user: Any, request: Any) -> bool:
    return (
        request is not None
        and getattr(user, "is_authenticated", False)
        and request.user_id == user.pk
        and can_join_session(user, request.session)
    )


def can_request_floor(user: Any, session: Any) -> bool:
    return can_join_session(user, session) and bool(_access(user, session).delegation_ids)


def can_withdraw_floor(user: Any, entry: Any) -> bool:
    """A member of the delegation that asked, or whoever runs the session."""
    if entry is None or not can_join_session(user, entry.session):
        return False
    access = _access(user, entry.session)
    return entry.delegation_id in access.delegation_ids or _runs(
        user, entry.session.meeting.process
    )


def can_end_floor(user: Any, entry: Any) -> bool:
    """The speaker's delegation says it is done, or the chair moves on."""
    return can_withdraw_floor(user, entry)


_add_perm("live.follow_meeting", Predicate(can_follow_meeting))
_add_perm("live.join_session", Predicate(can_join_session))
_add_perm("live.start_session", Predicate(can_start_session))
_add_perm("live.close_session", Predicate(can_run_session))
_add_perm("live.edit_screen", Predicate(can_edit_screen))
_add_perm("live.set_focus", Predicate(can_set_focus))
_add_perm("live.request_pen", Predicate(can_request_pen))
_add_perm("live.withdraw_pen_request", Predicate(can_withdraw_pen_request))
_add_perm("live.decide_pen", Predicate(can_run_session))
_add_perm("live.release_pen", Predicate(holds_pen))
_add_perm("live.request_floor", Predicate(can_request_floor))
_add_perm("live.withdraw_floor", Predicate(can_withdraw_floor))
_add_perm("live.give_floor", Predicate(can_run_session))
_add_perm("live.end_floor", Predicate(can_end_floor))


def allows(actor: Any, perm: str, obj: Any = None) -> bool:
    """Whether `actor` (a user, anonymous, or the command-line operator) holds `perm`."""
    if isinstance(actor, SystemActor):
        return True
    if actor is None or not getattr(actor, "is_active", True):
        return False
    return bool(_has_perm(perm, actor, obj))


def require(actor: Any, perm: str, obj: Any = None, *, message: str) -> None:
    """Raise PermissionDenied with `message` unless `actor` holds `perm` on `obj`."""
    if not allows(actor, perm, obj):
        raise PermissionDenied(message)
