"""The pen: requests, grants, hand-overs, revocation, release."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.errors import Conflict, ValidationError
from accord.live import events, selectors
from accord.live.enums import (
    PEN_REQUEST_TRANSITIONS,
    PenEnd,
    PenRequestStatus,
    can_move,
)
from accord.live.models import (
    LiveSession,
    PenRequest,
    PenTenure,
)
from accord.live.rules import can_request_pen, require
from accord.live.services.common import (
    _append,
    _audit,
    _lock_open,
    _now,
    _person,
    _someone,
    _user,
)


def _pending_request(session: LiveSession, **filters: Any) -> PenRequest | None:
    return (
        PenRequest.objects.select_for_update(of=("self",))
        .select_related("user", "delegation__party", "venue")
        .filter(session=session, status=PenRequestStatus.PENDING, **filters)
        .first()
    )


def _current_tenure(session: LiveSession) -> PenTenure | None:
    return (
        PenTenure.objects.select_for_update(of=("self",))
        .select_related("holder", "delegation__party", "venue")
        .filter(session=session, ended_at__isnull=True)
        .first()
    )


def request_pen(*, actor: Any, session: LiveSession, venue_id: int | None = None) -> PenRequest:
    """Ask the chair for the pen. Records `live.pen_requested`."""
    actor = _someone(actor)
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.request_pen",
            session,
            message=_("Officers and participant delegations may ask for the pen."),
        )
        tenure = _current_tenure(session)
        if tenure is not None and tenure.holder_id == actor.pk:
            raise Conflict(_("You already hold the pen."))
        if _pending_request(session, user=actor) is not None:
            raise Conflict(_("You have already asked for the pen."))
        place = selectors.seat(user=actor, meeting=session.meeting, venue_id=venue_id)
        request = PenRequest.objects.create(
            session=session,
            user=actor,
            delegation=place.delegation,
            venue=place.venue,
            requested_at=_now(),
        )
        _audit(actor, "live.pen_requested", session, request=request.pk)
        _append(
            session,
            "pen.requested",
            events.PenRequested(request=selectors.pen_request_ref(request)),
        )
    return request


def _close_request(request: PenRequest, status: str, actor: Any) -> None:
    if not can_move(PEN_REQUEST_TRANSITIONS, request.status, status):
        raise Conflict(_("That request for the pen is no longer pending."))
    request.status = status
    request.decided_at = timezone.now()
    request.decided_by = _user(actor)
    request.save(update_fields=["status", "decided_at", "decided_by"])


def withdraw_pen_request(*, actor: Any, session: LiveSession) -> PenRequest:
    """Withdraw one's own pending request for the pen. Records `live.pen_request_withdrawn`."""
    actor = _someone(actor)
    with transaction.atomic():
        session = _lock_open(session)
        request = _pending_request(session, user=actor)
        if request is None:
            raise Conflict(_("You have no pending request for the pen."))
        require(
            actor,
            "live.withdraw_pen_request",
            request,
            message=_("Only the person who asked withdraws a request."),
        )
        _close_request(request, PenRequestStatus.WITHDRAWN, actor)
        _audit(actor, "live.pen_request_withdrawn", session, request=request.pk)
        _append(
            session,
            "pen.request_withdrawn",
            events.PenRequestClosed(request=request.pk, by=_person(actor)),
        )
    return request


def decline_pen_request(*, actor: Any, session: LiveSession, request_id: int) -> PenRequest:
    """The chair declines a request for the pen. Records `live.pen_request_declined`."""
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.decide_pen",
            session,
            message=_("Only the chair or the secretariat decides who holds the pen."),
        )
        request = _pending_request(session, pk=request_id)
        if request is None:
            raise Conflict(_("That request for the pen is no longer pending."))
        _close_request(request, PenRequestStatus.DECLINED, actor)
        _audit(actor, "live.pen_request_declined", session, request=request.pk)
        _append(
            session,
            "pen.request_declined",
            events.PenRequestClosed(request=request.pk, by=_person(actor)),
        )
    return request


def grant_pen(
    *,
    actor: Any,
    session: LiveSession,
    request_id: int | None = None,
    to: Any = None,
    venue_id: int | None = None,
) -> PenTenure:
    """Give the pen: to the author of a pending request, or directly to
    `to` (the chair taking it, say). Whoever held it hands it over. Records
    `live.pen_granted`."""
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.decide_pen",
            session,
            message=_("Only the chair or the secretariat decides who holds the pen."),
        )
        if (request_id is None) == (to is None):
            raise ValidationError(_("Grant the pen either on a request or to a person."))
        if request_id is not None:
            request = _pending_request(session, pk=request_id)
            if request is None:
                raise Conflict(_("That request for the pen is no longer pending."))
            holder = request.user
            delegation, venue = request.delegation, request.venue
        else:
            holder = to
            request = _pending_request(session, user=holder)
            place = selectors.seat(user=holder, meeting=session.meeting, venue_id=venue_id)
            delegation, venue = place.delegation, place.venue
        if not can_request_pen(holder, session):
            raise ValidationError(
                _("%(name)s may not hold the pen in this session.") % {"name": holder}
            )
        previous = _current_tenure(session)
        now = timezone.now()
        if previous is not None:
            if previous.holder_id == holder.pk:
                raise Conflict(_("%(name)s already holds the pen.") % {"name": holder})
            previous.ended_at, previous.ended_by = now, _user(actor)
            previous.end_reason = PenEnd.HANDED_OVER
            previous.save(update_fields=["ended_at", "ended_by", "end_reason"])
        if request is not None:
            _close_request(request, PenRequestStatus.GRANTED, actor)
        tenure = PenTenure.objects.create(
            session=session,
            holder=holder,
            delegation=delegation,
            venue=venue,
            request=request,
            granted_by=_user(actor),
            granted_at=now,
        )
        _audit(
            actor,
            "live.pen_granted",
            session,
            holder=holder.pk,
            request=request.pk if request else None,
            previous=previous.holder_id if previous else None,
        )
        _append(
            session,
            "pen.granted",
            events.PenGranted(
                holder=selectors.pen_holder(tenure),
                request=request.pk if request else None,
                by=_person(actor),
            ),
        )
    return tenure


def _end_tenure(*, actor: Any, session: LiveSession, reason: str) -> PenTenure:
    tenure = _current_tenure(session)
    if tenure is None:
        raise Conflict(_("Nobody holds the pen."))
    tenure.ended_at, tenure.ended_by, tenure.end_reason = timezone.now(), _user(actor), reason
    tenure.save(update_fields=["ended_at", "ended_by", "end_reason"])
    kind = "revoked" if reason == PenEnd.REVOKED else "released"
    _audit(actor, f"live.pen_{kind}", session, holder=tenure.holder_id)
    _append(
        session,
        f"pen.{kind}",
        events.PenTaken(holder=selectors.person_ref(tenure.holder), by=_person(actor)),
    )
    return tenure


def revoke_pen(*, actor: Any, session: LiveSession) -> PenTenure:
    """The chair takes the pen back. Records `live.pen_revoked`."""
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.decide_pen",
            session,
            message=_("Only the chair or the secretariat decides who holds the pen."),
        )
        return _end_tenure(actor=actor, session=session, reason=PenEnd.REVOKED)


def release_pen(*, actor: Any, session: LiveSession) -> PenTenure:
    """The pen-holder gives the pen back. Records `live.pen_released`."""
    with transaction.atomic():
        session = _lock_open(session)
        require(actor, "live.release_pen", session, message=_("You do not hold the pen."))
        return _end_tenure(actor=actor, session=session, reason=PenEnd.RELEASED)
