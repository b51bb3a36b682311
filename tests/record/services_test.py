"""Record services: timeline entries with dates of stated precision and their sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from accord.core.errors import PermissionDenied, ValidationError
from accord.record import services
from accord.record.models import Event, RecordEntry, Source
from accord.record.selectors import visible_entries
from tests.factories import DocumentFactory, MeetingFactory, PartyFactory, World, world

pytestmark = pytest.mark.django_db


def _state() -> tuple[int, ...]:
    return (
        RecordEntry.objects.count(),
        Source.objects.count(),
        RecordEntry.meetings.through.objects.count(),
        RecordEntry.documents.through.objects.count(),
        RecordEntry.parties.through.objects.count(),
        Event.objects.count(),
    )


class unchanged:
    """Assert that the block wrote nothing at all."""

    def __enter__(self) -> None:
        self.before = _state()

    def __exit__(self, *exc: Any) -> None:
        assert _state() == self.before


def _entry(w: World, **kwargs: Any) -> RecordEntry:
    fields: dict[str, Any] = {
        "date": dt.date(2025, 8, 15),
        "date_precision": "month",
        "text": {
            "en": "Minister Ryzhenkov said many countries had expressed interest.",
            "ru": "Министр Рыженков заявил о большом интересе многих стран.",
        },
        "sources": [("TASS", "https://tass.com/politics")],
        **kwargs,
    }
    return services.create_record_entry(actor=w.users["secretariat"], process=w.process, **fields)


def test_an_entry_keeps_its_sources_in_order_and_its_links() -> None:
    w = world()
    meeting = MeetingFactory(process=w.process)
    document = DocumentFactory(process=w.process)
    belarus = PartyFactory()
    entry = _entry(
        w,
        sources=[(" BelTA ", "https://eng.belta.by/"), ("TASS", "")],
        meetings=[meeting],
        documents=[document],
        parties=[belarus],
    )
    assert [(s.name, s.url, s.position) for s in entry.sources.all()] == [
        ("BelTA", "https://eng.belta.by/", 0),
        ("TASS", "", 1),
    ]
    assert (list(entry.meetings.all()), list(entry.documents.all())) == ([meeting], [document])
    assert list(entry.parties.all()) == [belarus]
    assert entry.created_by == w.users["secretariat"]
    assert entry.display_date == "August 2025"
    event = Event.objects.get(kind="record.entry_created")
    assert event.payload["sources"] == ["BelTA", "TASS"]
    assert event.payload["date"] == "2025-08-15"


def test_an_entry_without_a_source_is_refused() -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="Name at least one source"):
        _entry(w, sources=[])


def test_a_source_without_a_name_is_refused() -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="Every source needs a name"):
        _entry(w, sources=[("TASS", ""), ("  ", "https://example.org/")])


@pytest.mark.parametrize(
    "url",
    [
        "ftp://tass.ru/file",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "tass.ru",
        "https://",
        "data:text/html,<script>",
    ],
)
def test_a_source_address_that_is_not_a_web_address_is_refused(url: str) -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="is not a web address"):
        _entry(w, sources=[("TASS", url)])


def test_a_weekday_that_contradicts_a_day_precision_date_is_refused() -> None:
    w = world()
    with (
        unchanged(),
        pytest.raises(
            ValidationError, match="2024-11-20 is a Wednesday, not a Tuesday: correct the date"
        ),
    ):
        _entry(w, date=dt.date(2024, 11, 20), date_precision="day", weekday=1)


def test_a_weekday_out_of_range_and_an_unknown_precision_are_refused() -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match=r"0 \(Monday\) to 6 \(Sunday\)"):
        _entry(w, weekday=7)
    with unchanged(), pytest.raises(ValidationError, match="Unknown date precision 'week'"):
        _entry(w, date_precision="week")


def test_delegation_visibility_is_not_for_the_public_record() -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="cannot have visibility 'delegation'"):
        _entry(w, visibility="delegation")


def test_links_to_another_process_are_refused() -> None:
    w = world()
    stranger = MeetingFactory()
    with unchanged(), pytest.raises(ValidationError, match="belongs to another process"):
        _entry(w, meetings=[stranger])


def test_text_in_an_unknown_language_is_refused() -> None:
    w = world()
    with unchanged(), pytest.raises(ValidationError, match="text: unknown language code 'tlh'"):
        _entry(w, text={"en": "Text", "tlh": "Qapla'"})


@pytest.mark.parametrize("role", ["chair", "facilitator", "participant", "observer", "anonymous"])
def test_only_the_secretariat_writes_the_record(role: str) -> None:
    w = world()
    with unchanged(), pytest.raises(PermissionDenied):
        services.create_record_entry(
            actor=w.users[role],
            process=w.process,
            date=dt.date(2025, 8, 1),
            date_precision="month",
            text={"en": "Text"},
            sources=[("TASS", "")],
        )


def test_the_timeline_is_in_date_order_and_shows_dates_in_the_readers_language() -> None:
    w = world()
    _entry(
        w,
        date=dt.date(2025, 10, 28),
        date_precision="day",
        text={"en": "Third conference opens."},
        sources=[("BelTA", "")],
    )
    _entry(
        w,
        date=dt.date(2025, 1, 1),
        date_precision="year",
        weekday=1,
        text={"en": "Five parties meet."},
        sources=[("BelTA", "")],
    )
    _entry(
        w,
        date=dt.date(2023, 10, 1),
        date_precision="approximate",
        text={"en": "Concept proposed."},
        sources=[("BelTA", "")],
    )
    rows = list(visible_entries(user=None, process=w.process))
    assert [e.display_date for e in rows] == [
        "around October 2023",
        "a Tuesday in 2025",
        "28 October 2025",
    ]
    with translation.override("ru"):
        assert [e.display_date for e in rows] == [
            "около октября 2023 г.",
            "вторник в 2025 г.",
            "28 октября 2025",
        ]
