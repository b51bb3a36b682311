"""The public timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from accord.core.enums import DatePrecision, Visibility
from accord.record.models import Source
from tests.factories import DocumentFactory, MeetingFactory, RecordEntryFactory, world
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db


def test_entries_with_fuzzy_dates_sources_and_links(client: Client):
    w = world(slug="eur")
    meeting = MeetingFactory(
        process=w.process,
        slug="round",
        title={"en": "Five-party consultation"},
        visibility=Visibility.PUBLIC,
    )
    statement = DocumentFactory(
        process=w.process,
        slug="statement",
        title={"en": "Towards Diversity"},
        visibility=Visibility.PUBLIC,
    )
    entry = RecordEntryFactory(
        process=w.process,
        date=dt.date(2025, 1, 1),
        date_precision=DatePrecision.YEAR,
        weekday=1,
        text={
            "en": "Five parties met at two ministries at once.",
            "ru": "Пять сторон встретились.",
        },
    )
    Source.objects.create(entry=entry, name="BelTA", url="https://eng.belta.by/", position=1)
    entry.meetings.add(meeting)
    entry.documents.add(statement)
    entry.parties.add(w.delegations["a"].party)
    RecordEntryFactory(
        process=w.process,
        date=dt.date(2025, 8, 1),
        date_precision=DatePrecision.MONTH,
        text={"en": "Many countries expressed interest."},
    )
    RecordEntryFactory(
        process=w.process,
        date=dt.date(2023, 10, 1),
        date_precision=DatePrecision.APPROXIMATE,
        text={"en": "The concept was first proposed."},
        is_illustrative=True,
    )
    html = fetch(client, "/p/eur/timeline/")
    text = text_of(html)
    assert "around October 2023 The concept was first proposed. Illustrative Sources: TASS" in text
    assert (
        "a Tuesday in 2025 Five parties met at two ministries at once. Sources: TASS BelTA "
        "Meetings: Five-party consultation Documents: Towards Diversity Parties: Eur-A" in text
    )
    assert "August 2025 Many countries expressed interest. Sources: TASS" in text
    assert text.index("October 2023") < text.index("a Tuesday in 2025") < text.index("August 2025")
    assert '<a href="https://eng.belta.by/" rel="noopener noreferrer external">BelTA</a>' in html
    assert '<a href="/p/eur/meetings/round/">Five-party consultation</a>' in html
    assert '<a href="/p/eur/documents/statement/">Towards Diversity</a>' in html
    assert '<a href="/p/eur/parties/eur-a/">Eur-A</a>' in html
    assert '<time datetime="2025-01-01">a Tuesday in 2025</time>' in html


def test_a_public_entry_never_reveals_a_linked_document_or_meeting_the_reader_may_not_see(
    client: Client,
):
    w = world(slug="eur")
    hidden_doc = DocumentFactory(process=w.process, title={"en": "Confidential draft"})
    internal = DocumentFactory(
        process=w.process,
        title={"en": "Internal notes"},
        visibility=Visibility.DELEGATION,
        owner_delegation=w.delegations["a"],
    )
    hidden_meeting = MeetingFactory(process=w.process, title={"en": "Closed informal"})
    entry = RecordEntryFactory(process=w.process, text={"en": "A public entry."})
    entry.documents.add(hidden_doc, internal)
    entry.meetings.add(hidden_meeting)
    for role, sees_shared, sees_internal in (
        ("anonymous", False, False),
        ("interested", False, False),
        ("observer", True, False),
        ("other_participant", True, False),
        ("secretariat", True, False),
        ("participant", True, True),
    ):
        sign_in(client, w.users[role])
        html = fetch(client, "/p/eur/timeline/")
        assert "A public entry." in html
        assert ("Confidential draft" in html) is sees_shared, role
        assert ("Closed informal" in html) is sees_shared, role
        assert ("Internal notes" in html) is sees_internal, role


def test_the_entry_text_follows_the_interface_language(client: Client):
    w = world(slug="eur")
    RecordEntryFactory(process=w.process, text={"en": "In English.", "ru": "По-русски."})
    RecordEntryFactory(process=w.process, text={"en": "Only in English."})
    client.cookies["django_language"] = "ru"
    html = fetch(client, "/p/eur/timeline/")
    assert '<p class="timeline-text" lang="ru" dir="ltr">По-русски.</p>' in html
    assert '<p class="timeline-text" lang="en" dir="ltr">Only in English.</p>' in html


def test_an_empty_timeline_says_so(client: Client):
    world(slug="eur")
    assert "Nothing has been recorded yet." in fetch(client, "/p/eur/timeline/")


@pytest.mark.parametrize("size", [2, 10])
@pytest.mark.parametrize(("role", "expected"), [("anonymous", 6), ("participant", 11)])
def test_timeline_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int, role: str, expected: int
):
    w = world(slug="eur")
    for _ in range(size):
        entry = RecordEntryFactory(process=w.process)
        Source.objects.create(entry=entry, name="BelTA", url="https://eng.belta.by/")
        entry.meetings.add(MeetingFactory(process=w.process, visibility=Visibility.PUBLIC))
        entry.documents.add(DocumentFactory(process=w.process, visibility=Visibility.PUBLIC))
        entry.parties.add(w.delegations["a"].party, w.delegations["b"].party)
    sign_in(client, w.users[role])
    with django_assert_num_queries(expected):
        html = fetch(client, "/p/eur/timeline/")
    assert html.count('class="timeline-entry"') == size
