"""Writes to meetings, venues, agendas and attendance."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from accord.core import languages
from accord.core.actors import require
from accord.core.dates import validate_fuzzy_date
from accord.core.enums import Visibility
from accord.core.errors import Conflict, ValidationError
from accord.meetings.enums import MeetingKind
from accord.meetings.models import AgendaItem, Attendance, Meeting, Venue
from accord.processes.models import Delegation, Party, Person, Process
from accord.record.audit import record_event


def _check_zone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            f"{name!r} is not an IANA time zone (e.g. Europe/Minsk).", field="time_zone"
        ) from exc


def create_meeting(
    *,
    actor: Any,
    process: Process,
    kind: str,
    title: dict[str, str],
    date: dt.date,
    date_precision: str,
    weekday: int | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    times_are_illustrative: bool = False,
    summary: dict[str, str] | None = None,
    visibility: str = Visibility.PARTICIPANTS,
    slug: str | None = None,
) -> Meeting:
    """Schedule or record a meeting of the process. Records `meeting.created`."""
    require(actor, "meetings.create_meeting", process)
    if kind not in MeetingKind.values:
        raise ValidationError(f"Unknown meeting kind {kind!r}.", field="kind")
    if visibility not in (Visibility.PUBLIC, Visibility.PARTICIPANTS):
        raise ValidationError("A meeting is either public or for participants.", field="visibility")
    title = languages.validate_texts(title, field="title")
    summary = languages.validate_texts(summary or {}, field="summary", required=False)
    validate_fuzzy_date(date=date, precision=date_precision, weekday=weekday)
    for name, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if moment is not None and moment.tzinfo is None:
            raise ValidationError(f"{name} must carry a time zone.", field=name)
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError("The meeting ends before it starts.", field="ends_at")
    slug = slug or slugify(f"{process.slug}-{title.get('en') or next(iter(title.values()))}")[:80]
    with transaction.atomic():
        if Meeting.objects.filter(slug=slug).exists():
            raise Conflict(f"A meeting with the slug {slug!r} already exists.", field="slug")
        meeting = Meeting.objects.create(
            process=process,
            slug=slug,
            kind=kind,
            title=title,
            date=date,
            date_precision=date_precision,
            weekday=weekday,
            starts_at=starts_at,
            ends_at=ends_at,
            times_are_illustrative=times_are_illustrative,
            summary=summary,
            visibility=visibility,
        )
        record_event(
            actor=actor,
            kind="meeting.created",
            process=process,
            subject=meeting,
            payload={
                "slug": slug,
                "kind": kind,
                "title": title,
                "date": date,
                "date_precision": date_precision,
            },
        )
    return meeting


def add_venue(
    *,
    actor: Any,
    meeting: Meeting,
    host: Party,
    city: dict[str, str],
    time_zone: str,
    place: dict[str, str] | None = None,
) -> Venue:
    """Add a venue at which the meeting sits, at the same time as its other
    venues. Records `meeting.venue_added`."""
    require(actor, "meetings.change_meeting", meeting)
    city = languages.validate_texts(city, field="city")
    place = languages.validate_texts(place or {}, field="place", required=False)
    _check_zone(time_zone)
    with transaction.atomic():
        Meeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
        position = meeting.venues.count()
        venue = Venue.objects.create(
            meeting=meeting,
            host=host,
            city=city,
            place=place,
            time_zone=time_zone,
            position=position,
        )
        record_event(
            actor=actor,
            kind="meeting.venue_added",
            process=meeting.process,
            subject=venue,
            payload={
                "meeting": meeting.slug,
                "host": host.slug,
                "city": city,
                "time_zone": time_zone,
            },
        )
    return venue


def add_agenda_item(
    *, actor: Any, meeting: Meeting, title: dict[str, str], number: str | None = None
) -> AgendaItem:
    """Append an item to the agenda. Records `meeting.agenda_item_added`."""
    require(actor, "meetings.change_meeting", meeting)
    title = languages.validate_texts(title, field="title")
    with transaction.atomic():
        Meeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
        position = meeting.agenda_items.count()
        item = AgendaItem.objects.create(
            meeting=meeting, title=title, number=number or str(position + 1), position=position
        )
        record_event(
            actor=actor,
            kind="meeting.agenda_item_added",
            process=meeting.process,
            subject=item,
            payload={"meeting": meeting.slug, "number": item.number, "title": title},
        )
    return item


def record_attendance(
    *,
    actor: Any,
    meeting: Meeting,
    venue: Venue,
    person: Person,
    delegation: Delegation | None = None,
    is_illustrative: bool = False,
) -> Attendance:
    """Record that a person attended at one of the meeting's venues.
    Records `meeting.attendance_recorded`."""
    require(actor, "meetings.change_meeting", meeting)
    if venue.meeting_id != meeting.pk:
        raise ValidationError("That venue belongs to another meeting.", field="venue")
    if delegation is not None and delegation.process_id != meeting.process_id:
        raise ValidationError(
            "That delegation is not in this meeting's process.", field="delegation"
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = Attendance.objects.create(
                    meeting=meeting,
                    venue=venue,
                    person=person,
                    delegation=delegation,
                    is_illustrative=is_illustrative,
                )
        except IntegrityError as exc:
            raise Conflict(f"{person} is already recorded as attending this meeting.") from exc
        record_event(
            actor=actor,
            kind="meeting.attendance_recorded",
            process=meeting.process,
            subject=row,
            payload={
                "meeting": meeting.slug,
                "venue": venue.pk,
                "person": person.pk,
                "delegation": delegation.pk if delegation else None,
            },
        )
    return row
