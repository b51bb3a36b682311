"""The meeting page: venues side by side with local times, agenda, attendance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from accord.core.enums import DatePrecision, Visibility
from accord.meetings.models import AgendaItem, Attendance
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    PartyFactory,
    PersonFactory,
    VenueFactory,
    world,
)
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db

UTC = dt.UTC
DASH = "\N{EN DASH}"


def _two_ministries(w, **meeting_kwargs):
    """A consultation held at once in Minsk and Moscow, and a third room in Pyongyang."""
    kwargs = {
        "process": w.process,
        "slug": "five-party",
        "title": {"en": "Five-party consultation"},
        "date": dt.date(2025, 10, 28),
        "date_precision": DatePrecision.DAY,
        "starts_at": dt.datetime(2025, 10, 28, 7, 0, tzinfo=UTC),
        "ends_at": dt.datetime(2025, 10, 28, 10, 30, tzinfo=UTC),
        "visibility": Visibility.PUBLIC,
    }
    kwargs.update(meeting_kwargs)
    meeting = MeetingFactory(**kwargs)
    minsk = VenueFactory(
        meeting=meeting,
        host=w.delegations["a"].party,
        city={"en": "Minsk", "ru": "Минск"},
        place={"en": "Ministry of Foreign Affairs of Belarus"},
        time_zone="Europe/Minsk",
        position=0,
    )
    moscow = VenueFactory(
        meeting=meeting,
        host=w.delegations["b"].party,
        city={"en": "Moscow", "ru": "Москва"},
        place={"en": "Ministry of Foreign Affairs of Russia"},
        time_zone="Europe/Moscow",
        position=1,
    )
    pyongyang = VenueFactory(
        meeting=meeting,
        host=PartyFactory(slug="kp"),
        city={"en": "Pyongyang"},
        time_zone="Asia/Pyongyang",
        position=2,
    )
    return meeting, minsk, moscow, pyongyang


def test_venues_are_shown_side_by_side_with_their_local_times(client: Client):
    w = world(slug="eur")
    _two_ministries(w)
    html = fetch(client, "/p/eur/meetings/five-party/")
    text = text_of(html)
    assert "Venues, in session at the same time" in text
    assert (
        f"Minsk Ministry of Foreign Affairs of Belarus Host: Eur-A Local time: 10:00 {DASH} 13:30 "
        "28 October 2025 · local time, UTC+3 · Europe/Minsk" in text
    )
    assert (
        f"Moscow Ministry of Foreign Affairs of Russia Host: Eur-B Local time: 10:00 {DASH} 13:30 "
        "28 October 2025 · local time, UTC+3 · Europe/Moscow" in text
    )
    assert (
        f"Pyongyang Host: Kp Local time: 16:00 {DASH} 19:30 28 October 2025 · local time, UTC+9"
        in text
    )
    assert '<time datetime="2025-10-28T16:00:00+09:00">16:00</time>' in html
    assert text.index("Minsk") < text.index("Moscow") < text.index("Pyongyang")


def test_an_imprecise_date_is_not_made_precise_and_illustrative_times_are_labelled(
    client: Client,
):
    w = world(slug="eur")
    _two_ministries(
        w,
        date=dt.date(2025, 1, 1),
        date_precision=DatePrecision.YEAR,
        weekday=1,
        times_are_illustrative=True,
    )
    text = text_of(fetch(client, "/p/eur/meetings/five-party/"))
    assert "a Tuesday in 2025 (the sources do not give the exact date)" in text
    assert "Illustrative times — the sources do not report when the meeting opened" in text
    assert (
        f"Local time: 10:00 {DASH} 13:30 local time, UTC+3 · Europe/Minsk Illustrative time" in text
    )
    assert "28 October 2025" not in text


def test_a_meeting_without_times_says_they_are_not_announced(client: Client):
    w = world(slug="eur")
    _two_ministries(w, starts_at=None, ends_at=None)
    text = text_of(fetch(client, "/p/eur/meetings/five-party/"))
    assert text.count("Time not announced") == 3
    assert "Illustrative times" not in text


def test_agenda_in_order_and_documents_of_the_meeting(client: Client):
    w = world(slug="eur")
    meeting, *_ = _two_ministries(w)
    AgendaItem.objects.create(meeting=meeting, number="2", title={"en": "Next steps"}, position=1)
    AgendaItem.objects.create(meeting=meeting, number="1", title={"en": "Opening"}, position=0)
    DocumentFactory(
        process=w.process,
        meeting=meeting,
        title={"en": "Joint statement"},
        visibility=Visibility.PUBLIC,
    )
    DocumentFactory(process=w.process, meeting=meeting, title={"en": "Participants' draft"})
    text = text_of(fetch(client, "/p/eur/meetings/five-party/"))
    assert "Agenda 1. Opening 2. Next steps" in text
    assert "Joint statement" in text
    assert "Participants' draft" not in text  # anonymous readers do not see it


def test_attendance_per_venue_with_illustrative_rows_labelled(client: Client):
    w = world(slug="eur")
    meeting, minsk, moscow, _ = _two_ministries(w)
    lavrov = PersonFactory(names={"en": "Sergey Lavrov"})
    ryzhenkov = PersonFactory(names={"en": "Maxim Ryzhenkov"})
    Attendance.objects.create(
        meeting=meeting, venue=moscow, person=lavrov, delegation=w.delegations["b"]
    )
    Attendance.objects.create(
        meeting=meeting,
        venue=minsk,
        person=ryzhenkov,
        delegation=w.delegations["a"],
        is_illustrative=True,
    )
    sign_in(client, w.users["participant"])
    text = text_of(fetch(client, "/p/eur/meetings/five-party/"))
    minsk_part = text[text.index("Minsk Ministry") : text.index("Moscow Ministry")]
    moscow_part = text[text.index("Moscow Ministry") : text.index("Pyongyang")]
    # A venue whose whole list is illustrative carries one label, not one per name.
    assert "Attendance Illustrative attendance Maxim Ryzhenkov (Eur-A)" in minsk_part
    assert "Attendance Sergey Lavrov (Eur-B)" in moscow_part
    assert "Illustrative" not in moscow_part


def test_illustrative_rows_among_reported_ones_are_labelled_one_by_one(client: Client):
    w = world(slug="eur")
    meeting, minsk, *_ = _two_ministries(w)
    Attendance.objects.create(
        meeting=meeting, venue=minsk, person=PersonFactory(names={"en": "Reported Person"})
    )
    Attendance.objects.create(
        meeting=meeting,
        venue=minsk,
        is_illustrative=True,
        person=PersonFactory(names={"en": "Invented Person"}),
    )
    sign_in(client, w.users["secretariat"])
    text = text_of(fetch(client, "/p/eur/meetings/five-party/"))
    assert "Attendance Reported Person Invented Person Illustrative" in text
    assert "Illustrative attendance" not in text
    assert "No attendance recorded at this venue." in text[text.index("Pyongyang") :]


def test_anonymous_readers_of_a_public_meeting_are_told_attendance_is_for_participants(
    client: Client,
):
    w = world(slug="eur")
    meeting, minsk, *_ = _two_ministries(w)
    Attendance.objects.create(
        meeting=meeting, venue=minsk, person=PersonFactory(names={"en": "Hidden Person"})
    )
    text = text_of(fetch(client, "/p/eur/meetings/five-party/"))
    assert "Attendance is shown to the participants of the process." in text
    assert "Hidden Person" not in text


@pytest.mark.parametrize("size", [2, 10])
def test_meeting_page_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int
):
    w = world(slug="eur")
    meeting, minsk, moscow, _ = _two_ministries(w)
    for i in range(size):
        AgendaItem.objects.create(
            meeting=meeting, number=str(i + 1), title={"en": f"Item {i}"}, position=i
        )
        Attendance.objects.create(
            meeting=meeting,
            venue=minsk if i % 2 else moscow,
            person=PersonFactory(),
            delegation=w.delegations["a"],
        )
        DocumentFactory(process=w.process, meeting=meeting)
    sign_in(client, w.users["participant"])
    with django_assert_num_queries(12):
        fetch(client, "/p/eur/meetings/five-party/")
