"""Meetings services: meetings held at several venues at once, agendas, attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.meetings import services
from accord.meetings.models import AgendaItem, Attendance, Meeting, Venue
from accord.meetings.selectors import meeting_detail
from accord.processes.models import Party, Process
from accord.record.models import Event
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    PartyFactory,
    PersonFactory,
    VenueFactory,
    world,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _state() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Meeting, Venue, AgendaItem, Attendance, Event))


class unchanged:
    """Assert that the block wrote nothing at all."""

    def __enter__(self) -> None:
        self.before = _state()

    def __exit__(self, *exc: Any) -> None:
        assert _state() == self.before


def _meeting(process: Process, **kwargs: Any) -> Meeting:
    fields: dict[str, Any] = {
        "kind": "consultation_round",
        "title": {"en": "Five-party consultation", "ru": "Пятисторонние консультации"},
        "date": dt.date(2025, 1, 1),
        "date_precision": "year",
        "weekday": 1,
        **kwargs,
    }
    return services.create_meeting(actor=SYSTEM, process=process, **fields)


# --- meetings ------------------------------------------------------------------------------


def test_a_meeting_on_an_unknown_tuesday_shows_no_more_than_the_source_says() -> None:
    w = world()
    meeting = _meeting(w.process)
    assert meeting.display_date == "a Tuesday in 2025"
    assert (meeting.visibility, meeting.slug) == (
        "participants",
        f"{w.process.slug}-five-party-consultation",
    )


def test_an_unknown_kind_is_refused() -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="Unknown meeting kind 'summit'"):
        _meeting(w.process, kind="summit")


@pytest.mark.parametrize("visibility", ["delegation", "secretariat", "everyone"])
def test_a_meeting_is_public_or_for_participants(visibility: str) -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="either public or for participants"):
        _meeting(w.process, visibility=visibility)


def test_a_meeting_that_ends_before_it_starts_is_refused() -> None:
    w = world()
    start = dt.datetime(2025, 10, 28, 7, 0, tzinfo=UTC)
    with unchanged(), pytest.raises(ValidationError, match=r"The meeting ends before it starts\."):
        _meeting(w.process, starts_at=start, ends_at=start - dt.timedelta(hours=1))
    with unchanged(), pytest.raises(ValidationError, match="ends before it starts"):
        _meeting(w.process, starts_at=start, ends_at=start)


def test_times_without_a_time_zone_are_refused() -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="starts_at must carry a time zone"):
        _meeting(w.process, starts_at=dt.datetime(2025, 10, 28, 10, 0))


def test_a_weekday_that_contradicts_a_day_precision_date_is_refused() -> None:
    w = world()
    with (
        unchanged(),
        pytest.raises(
            ValidationError, match="2025-10-28 is a Tuesday, not a Monday: correct the date"
        ),
    ):
        _meeting(w.process, date=dt.date(2025, 10, 28), date_precision="day", weekday=0)


def test_a_second_meeting_with_the_same_slug_is_a_conflict() -> None:
    w = world()
    _meeting(w.process)
    with unchanged(), pytest.raises(Conflict, match="already exists"):
        _meeting(w.process)


def test_only_the_secretariat_schedules_meetings() -> None:
    w = world()
    for role in ("chair", "participant", "outsider", "anonymous"):
        with unchanged(), pytest.raises(PermissionDenied):
            services.create_meeting(
                actor=w.users[role],
                process=w.process,
                kind="informal",
                title={"en": "Informal"},
                date=dt.date(2025, 1, 1),
                date_precision="year",
            )


# --- venues --------------------------------------------------------------------------------


def _two_ministries() -> tuple[Meeting, Venue, Venue]:
    """The five-party meeting, held at once in Minsk and Moscow, opening at 10:00 local."""
    w = world()
    meeting = _meeting(
        w.process, starts_at=dt.datetime(2025, 6, 3, 7, 0, tzinfo=UTC), times_are_illustrative=True
    )
    belarus = PartyFactory(names={"en": "Belarus"})
    russia = PartyFactory(names={"en": "Russia"})
    minsk = services.add_venue(
        actor=SYSTEM,
        meeting=meeting,
        host=belarus,
        city={"en": "Minsk", "ru": "Минск"},
        place={"en": "Ministry of Foreign Affairs of Belarus"},
        time_zone="Europe/Minsk",
    )
    moscow = services.add_venue(
        actor=SYSTEM,
        meeting=meeting,
        host=russia,
        city={"en": "Moscow", "ru": "Москва"},
        time_zone="Europe/Moscow",
    )
    return meeting, minsk, moscow


def test_venues_are_kept_in_the_order_added_and_show_local_times() -> None:
    meeting, minsk, moscow = _two_ministries()
    assert [(v.position, v.display_city) for v in meeting.venues.all()] == [
        (0, "Minsk"),
        (1, "Moscow"),
    ]
    pyongyang = services.add_venue(
        actor=SYSTEM,
        meeting=meeting,
        host=PartyFactory(),
        city={"en": "Pyongyang"},
        time_zone="Asia/Pyongyang",
    )
    assert meeting.starts_at is not None
    local = [v.local(meeting.starts_at) for v in (minsk, moscow, pyongyang)]
    assert [t.strftime("%H:%M %Z") for t in local if t] == ["10:00 +03", "10:00 MSK", "16:00 KST"]


@pytest.mark.parametrize(
    "zone", ["Europe/Atlantis", "Europe/minsk", "", "../../etc/passwd", "/etc/localtime", "MSK"]
)
def test_a_venue_in_an_unknown_time_zone_is_refused(zone: str) -> None:
    meeting, _, _ = _two_ministries()
    host = Party.objects.first()
    assert host is not None
    with unchanged(), pytest.raises(ValidationError, match="is not an IANA time zone"):
        services.add_venue(
            actor=SYSTEM, meeting=meeting, host=host, city={"en": "Nowhere"}, time_zone=zone
        )


def test_a_venue_needs_a_city_in_a_known_language() -> None:
    meeting, _, _ = _two_ministries()
    host = Party.objects.first()
    assert host is not None
    with unchanged(), pytest.raises(ValidationError, match="city: unknown language code 'xx'"):
        services.add_venue(
            actor=SYSTEM, meeting=meeting, host=host, city={"xx": "?"}, time_zone="UTC"
        )


# --- agenda --------------------------------------------------------------------------------


def test_agenda_items_are_numbered_in_order_unless_numbered_by_hand() -> None:
    meeting, _, _ = _two_ministries()
    for title in ("Opening", "Procedural matters"):
        services.add_agenda_item(actor=SYSTEM, meeting=meeting, title={"en": title})
    services.add_agenda_item(actor=SYSTEM, meeting=meeting, title={"en": "Other"}, number="3bis")
    assert [str(i) for i in meeting.agenda_items.all()] == [
        "1. Opening",
        "2. Procedural matters",
        "3bis. Other",
    ]


# --- attendance ----------------------------------------------------------------------------


def test_attendance_is_recorded_per_venue() -> None:
    meeting, minsk, moscow = _two_ministries()
    process = meeting.process
    by = DelegationFactory(process=process)
    ru = DelegationFactory(process=process)
    ryzhenkov, lavrov = PersonFactory(), PersonFactory()
    services.record_attendance(
        actor=SYSTEM, meeting=meeting, venue=minsk, person=ryzhenkov, delegation=by
    )
    services.record_attendance(
        actor=SYSTEM, meeting=meeting, venue=moscow, person=lavrov, delegation=ru
    )
    detail = meeting_detail(meeting=meeting, with_attendance=True)
    assert [(a.venue.display_city, a.person_id) for a in detail.attendance.all()] == [
        ("Minsk", ryzhenkov.pk),
        ("Moscow", lavrov.pk),
    ]


def test_attendance_at_another_meetings_venue_is_refused() -> None:
    meeting, _, _ = _two_ministries()
    elsewhere = VenueFactory(meeting=MeetingFactory(process=meeting.process))
    person = PersonFactory()
    with unchanged(), pytest.raises(ValidationError, match="venue belongs to another meeting"):
        services.record_attendance(actor=SYSTEM, meeting=meeting, venue=elsewhere, person=person)


def test_attendance_for_a_delegation_of_another_process_is_refused() -> None:
    meeting, minsk, _ = _two_ministries()
    stranger = DelegationFactory()
    person = PersonFactory()
    with unchanged(), pytest.raises(ValidationError, match="not in this meeting's process"):
        services.record_attendance(
            actor=SYSTEM, meeting=meeting, venue=minsk, person=person, delegation=stranger
        )


def test_a_person_attends_a_meeting_once_even_with_two_venues() -> None:
    meeting, minsk, moscow = _two_ministries()
    person = PersonFactory(names={"en": "Sergey Lavrov"})
    services.record_attendance(actor=SYSTEM, meeting=meeting, venue=moscow, person=person)
    with unchanged(), pytest.raises(Conflict, match="Sergey Lavrov is already recorded"):
        services.record_attendance(actor=SYSTEM, meeting=meeting, venue=minsk, person=person)


def test_only_the_secretariat_records_attendance() -> None:
    w = world()
    venue = VenueFactory(meeting=MeetingFactory(process=w.process))
    person = PersonFactory()
    with unchanged(), pytest.raises(PermissionDenied):
        services.record_attendance(
            actor=w.users["chair"], meeting=venue.meeting, venue=venue, person=person
        )
