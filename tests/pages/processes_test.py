"""The list of processes, the process overview and the party page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from accord.core.enums import DatePrecision, Visibility
from tests.factories import (
    DelegationMemberFactory,
    DocumentFactory,
    MeetingFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    ProcessFactory,
    RecordEntryFactory,
    VenueFactory,
    world,
)
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db


def test_index_lists_every_process_with_its_phase_and_summary(client: Client):
    ProcessFactory(
        slug="charter",
        title={"en": "Eurasian Charter", "ru": "Евразийская хартия"},
        summary={"en": "A consultation on a charter."},
        phase="negotiation",
    )
    ProcessFactory(slug="other", title={"en": "Another process"}, phase="preparation")
    html = fetch(client, "/")
    text = text_of(html)
    assert '<a href="/p/charter/">Eurasian Charter</a>' in html
    assert '<a href="/p/other/">Another process</a>' in html
    assert "Phase: Negotiation" in text
    assert "Phase: Preparation" in text
    assert "A consultation on a charter." in text
    assert text.index("Eurasian Charter") < text.index("Another process")  # ordered by slug


def test_index_says_so_when_there_is_no_process(client: Client):
    assert "There are no processes yet." in fetch(client, "/")


def test_overview_groups_participants_by_standing_in_a_fixed_order(client: Client):
    w = world(slug="eur", phase="consultation")
    for slug, name, standing in (
        ("mm", "Myanmar", "participant"),
        ("cn", "China", "invited"),
        ("in", "India", "interested"),
    ):
        ParticipationFactory(
            process=w.process, party=PartyFactory(slug=slug, names={"en": name}), standing=standing
        )
    text = text_of(fetch(client, "/p/eur/"))
    assert "Current phase: Consultation" in text
    participants = text[text.index("Participants Participant") :]
    # world() gives parties eur-a, eur-b (participants), eur-obs (observer), eur-int (interested).
    assert participants.startswith(
        "Participants Participant Eur-A Eur-B Myanmar Observer Eur-Obs Invited China "
        "Interested Eur-Int India"
    )


def test_overview_lists_meetings_with_date_and_venues_and_documents_with_labels(client: Client):
    w = world(slug="eur")
    meeting = MeetingFactory(
        process=w.process,
        slug="round-1",
        title={"en": "Five-party consultation"},
        date=dt.date(2025, 1, 1),
        date_precision=DatePrecision.YEAR,
        weekday=1,
        visibility=Visibility.PUBLIC,
    )
    VenueFactory(meeting=meeting, host=w.delegations["a"].party, city={"en": "Minsk"})
    VenueFactory(meeting=meeting, host=w.delegations["b"].party, city={"en": "Moscow"})
    DocumentFactory(
        process=w.process,
        slug="draft",
        title={"en": "Draft charter"},
        symbol="EC/2025/1",
        visibility=Visibility.PUBLIC,
        is_illustrative=True,
    )
    html = fetch(client, "/p/eur/")
    text = text_of(html)
    assert '<a class="item-list__title" href="/p/eur/meetings/round-1/"' in html
    assert (
        "Five-party consultation a Tuesday in 2025 · Consultation round · Minsk, Moscow "
        "several venues at once" in text
    )
    assert '<a class="item-list__title" href="/p/eur/documents/draft/"' in html
    assert "Draft charter Charter · EC/2025/1 Illustrative text" in text


def test_overview_shows_the_five_latest_entries_oldest_first(client: Client):
    w = world(slug="eur")
    for day in range(1, 8):
        RecordEntryFactory(
            process=w.process,
            date=dt.date(2025, 3, day),
            date_precision=DatePrecision.DAY,
            text={"en": f"Event of March {day}"},
        )
    text = text_of(fetch(client, "/p/eur/"))
    shown = [day for day in range(1, 8) if f"Event of March {day}" in text]
    assert shown == [3, 4, 5, 6, 7]
    assert text.index("Event of March 3") < text.index("Event of March 7")
    assert "The full timeline with sources" in text


def test_anonymous_readers_are_told_why_no_document_is_listed(client: Client):
    world(slug="eur")
    assert "No public documents. Participants sign in to see the documents of the process." in (
        text_of(fetch(client, "/p/eur/"))
    )


def test_party_page_shows_names_in_every_language_standing_and_delegation(client: Client):
    w = world(slug="eur")
    party = w.delegations["a"].party
    party.names = {"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"}
    party.formal_names = {"en": "Republic of Belarus", "ru": "Республика Беларусь"}
    party.iso_code = "BY"
    party.languages = ["be", "ru"]
    party.save()
    head = PersonFactory(
        names={"en": "Maxim Ryzhenkov", "ru": "Максим Рыженков"},
        position={"en": "Minister of Foreign Affairs"},
    )
    DelegationMemberFactory(delegation=w.delegations["a"], person=head, role="head")
    sign_in(client, w.users["other_participant"])
    html = fetch(client, "/p/eur/parties/eur-a/")
    text = text_of(html)
    assert '<h1 lang="en" dir="ltr">Belarus</h1>' in html
    assert "State · BY" in text
    assert "Standing in this process: Participant" in text
    assert '<dd lang="ru" dir="ltr">Беларусь</dd>' in html
    assert '<dd lang="be" dir="ltr">Беларусь</dd>' in html
    assert '<dd lang="ru" dir="ltr">Республика Беларусь</dd>' in html
    assert "Languages Belarusian ( Беларуская ) Russian ( Русский )" in text
    # Heads of delegation first, whatever the order members were added in.
    members = text[text.index("Name Role Position") :]
    assert members.startswith(
        "Name Role Position Maxim Ryzhenkov Head of delegation Minister of Foreign Affairs "
        f"{w.users['participant'].person.names['en']} Delegate —"
    )


def test_party_page_explains_why_members_are_hidden(client: Client):
    world(slug="eur")
    text = text_of(fetch(client, "/p/eur/parties/eur-a/"))
    assert "The members of delegations are shown to the participants, observers" in text
    assert "Delegate" not in text


def test_party_page_lists_the_record_entries_that_name_the_party(client: Client):
    w = world(slug="eur")
    named = RecordEntryFactory(process=w.process, text={"en": "Belarus hosted a round."})
    named.parties.add(w.delegations["a"].party)
    RecordEntryFactory(process=w.process, text={"en": "Unrelated entry."})
    text = text_of(fetch(client, "/p/eur/parties/eur-a/"))
    assert "Belarus hosted a round." in text
    assert "Unrelated entry." not in text


def test_a_party_with_no_delegation_says_so(client: Client):
    w = world(slug="eur")
    ParticipationFactory(process=w.process, party=PartyFactory(slug="cn"), standing="invited")
    text = text_of(fetch(client, "/p/eur/parties/cn/"))
    assert "This party has not named a delegation to the process." in text


@pytest.mark.parametrize("size", [2, 10])
def test_index_costs_the_same_queries_for_2_or_10_processes(
    client: Client, django_assert_num_queries, size: int
):
    for _ in range(size):
        ProcessFactory()
    with django_assert_num_queries(1):
        fetch(client, "/")


def _populate(w, size: int) -> None:
    for i in range(size):
        meeting = MeetingFactory(process=w.process, visibility=Visibility.PUBLIC)
        VenueFactory(meeting=meeting, host=w.delegations["a"].party)
        VenueFactory(meeting=meeting, host=w.delegations["b"].party)
        document = DocumentFactory(process=w.process)
        entry = RecordEntryFactory(process=w.process)
        entry.meetings.add(meeting)
        entry.documents.add(document)
        entry.parties.add(w.delegations["a"].party)
        ParticipationFactory(process=w.process, standing="interested")
        DelegationMemberFactory(delegation=w.delegations["a"], role="expert")
        assert i >= 0


@pytest.mark.parametrize("size", [2, 10])
@pytest.mark.parametrize(
    ("role", "overview", "party"),
    [
        ("anonymous", 10, 9),
        ("participant", 15, 15),
    ],
)
def test_overview_and_party_page_cost_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int, role: str, overview: int, party: int
):
    w = world(slug="eur")
    _populate(w, size)
    sign_in(client, w.users[role])
    with django_assert_num_queries(overview):
        fetch(client, "/p/eur/")
    with django_assert_num_queries(party):
        fetch(client, "/p/eur/parties/eur-a/")
