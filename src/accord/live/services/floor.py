"""The floor queue shared by every venue."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.errors import Conflict, ValidationError
from accord.live import events, selectors
from accord.live.enums import (
    FLOOR_TRANSITIONS,
    FloorStatus,
    can_move,
)
from accord.live.models import (
    FloorEntry,
    LiveSession,
)
from accord.live.rules import require
from accord.live.services.common import (
    _append,
    _audit,
    _lock_open,
    _now,
    _person,
    _someone,
    _user,
)
from accord.processes.access import access_for
from accord.processes.models import Delegation


def _floor_delegation(actor: Any, session: LiveSession, delegation_id: int | None) -> Delegation:
    own = access_for(actor, session.meeting.process).delegation_ids
    if delegation_id is not None:
        if delegation_id not in own:
            raise ValidationError(
                _("You may ask for the floor only for your own delegation."), field="delegation"
            )
        return Delegation.objects.select_related("party").get(pk=delegation_id)
    place = selectors.seat(user=actor, meeting=session.meeting)
    if place.delegation is not None and place.delegation.pk in own:
        return place.delegation
    if len(own) == 1:
        return Delegation.objects.select_related("party").get(pk=next(iter(own)))
    raise ValidationError(_("Say for which delegation you ask for the floor."), field="delegation")


def _move(entry: FloorEntry, status: str) -> None:
    if not can_move(FLOOR_TRANSITIONS, entry.status, status):
        refusals = {
            FloorStatus.WAITING: _("That delegation has not been given the floor yet."),
            FloorStatus.SPEAKING: _("That delegation has the floor already."),
            FloorStatus.DONE: _("That delegation has already spoken."),
            FloorStatus.WITHDRAWN: _("That request for the floor was withdrawn."),
            FloorStatus.LAPSED: _("That request for the floor lapsed when the session closed."),
        }
        raise Conflict(refusals[FloorStatus(entry.status)])
    entry.status = status


def request_floor(
    *,
    actor: Any,
    session: LiveSession,
    delegation_id: int | None = None,
    venue_id: int | None = None,
) -> FloorEntry:
    """A delegation asks for the floor; it joins the queue shared by every
    venue, in order of the time of request. Records `live.floor_requested`."""
    actor = _someone(actor)
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.request_floor",
            session,
            message=_("Members of the delegations in the meeting may ask for the floor."),
        )
        delegation = _floor_delegation(actor, session, delegation_id)
        if FloorEntry.objects.filter(
            session=session,
            delegation=delegation,
            status__in=(FloorStatus.WAITING, FloorStatus.SPEAKING),
        ).exists():
            raise Conflict(
                _("The delegation of %(party)s has already asked for the floor.")
                % {"party": delegation.party.name}
            )
        place = selectors.seat(user=actor, meeting=session.meeting, venue_id=venue_id)
        entry = FloorEntry.objects.create(
            session=session,
            user=actor,
            delegation=delegation,
            venue=place.venue,
            requested_at=_now(),
        )
        _audit(actor, "live.floor_requested", session, entry=entry.pk, delegation=delegation.pk)
        _append(
            session,
            "floor.requested",
            events.FloorRequested(entry=selectors.floor_entry_ref(entry)),
        )
    return entry


def _entry(session: LiveSession, **filters: Any) -> FloorEntry | None:
    return (
        FloorEntry.objects.select_for_update(of=("self",))
        .select_related("session__meeting__process", "delegation__party", "user", "venue")
        .filter(session=session, **filters)
        .first()
    )


def withdraw_floor(*, actor: Any, session: LiveSession, entry_id: int | None = None) -> FloorEntry:
    """Withdraw a request for the floor (one's delegation's, or any for the
    chair). Records `live.floor_withdrawn`."""
    with transaction.atomic():
        session = _lock_open(session)
        if entry_id is not None:
            entry = _entry(session, pk=entry_id)
        else:
            own = access_for(actor, session.meeting.process).delegation_ids
            entry = _entry(session, delegation_id__in=own, status=FloorStatus.WAITING)
        if entry is None:
            raise Conflict(_("There is no such request for the floor."))
        require(
            actor,
            "live.withdraw_floor",
            entry,
            message=_("Only the delegation that asked, or the chair, withdraws a request."),
        )
        _move(entry, FloorStatus.WITHDRAWN)
        entry.ended_at = timezone.now()
        entry.save(update_fields=["status", "ended_at"])
        _audit(actor, "live.floor_withdrawn", session, entry=entry.pk)
        _append(
            session, "floor.withdrawn", events.FloorWithdrawn(entry=entry.pk, by=_person(actor))
        )
    return entry


def give_floor(*, actor: Any, session: LiveSession, entry_id: int) -> FloorEntry:
    """The chair gives the floor to a waiting delegation; the one speaking
    (if any) is done. Records `live.floor_given`."""
    with transaction.atomic():
        session = _lock_open(session)
        require(actor, "live.give_floor", session, message=_("Only the chair gives the floor."))
        entry = _entry(session, pk=entry_id)
        if entry is None:
            raise Conflict(_("There is no such request for the floor."))
        _move(entry, FloorStatus.SPEAKING)
        now = timezone.now()
        speaker = _entry(session, status=FloorStatus.SPEAKING)
        if speaker is not None:
            _move(speaker, FloorStatus.DONE)
            speaker.ended_at = now
            speaker.save(update_fields=["status", "ended_at"])
        entry.given_at, entry.given_by = now, _user(actor)
        entry.save(update_fields=["status", "given_at", "given_by"])
        _audit(
            actor,
            "live.floor_given",
            session,
            entry=entry.pk,
            delegation=entry.delegation_id,
            previous=speaker.pk if speaker else None,
        )
        _append(
            session,
            "floor.given",
            events.FloorGiven(
                entry=entry.pk, previous=speaker.pk if speaker else None, by=_person(actor)
            ),
        )
    return entry


def end_floor(*, actor: Any, session: LiveSession) -> FloorEntry:
    """The delegation speaking is done (it says so, or the chair). Records
    `live.floor_ended`."""
    with transaction.atomic():
        session = _lock_open(session)
        entry = _entry(session, status=FloorStatus.SPEAKING)
        if entry is None:
            raise Conflict(_("Nobody has the floor."))
        require(
            actor,
            "live.end_floor",
            entry,
            message=_("Only the delegation speaking, or the chair, ends its turn."),
        )
        _move(entry, FloorStatus.DONE)
        entry.ended_at = timezone.now()
        entry.save(update_fields=["status", "ended_at"])
        _audit(actor, "live.floor_ended", session, entry=entry.pk)
        _append(session, "floor.ended", events.FloorEnded(entry=entry.pk, by=_person(actor)))
    return entry
