"""Every list (and the document and meeting detail) costs the same number of
SQL queries whatever the size of the data: each endpoint is measured at two
sizes against one fixed count, so an N+1 regression fails here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accord.core.enums import Visibility
from accord.documents.models import Provision, Translation, Version
from accord.meetings.models import AgendaItem, Attendance
from accord.record.models import Source
from tests.api.scene import client_for
from tests.factories import (
    DelegationFactory,
    DelegationMemberFactory,
    DocumentFactory,
    MeetingFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    RecordEntryFactory,
    VenueFactory,
    VersionFactory,
    World,
    add_provisions,
    world,
)

pytestmark = pytest.mark.django_db


@dataclass
class Grown:
    world: World
    document: str
    version: int
    meeting: str


def grow(n: int) -> Grown:
    """A process with about `n` of everything, linked to each other."""
    w = world()
    process = w.process
    for i in range(n):
        party = PartyFactory(slug=f"{process.slug}-extra-{i}")
        ParticipationFactory(process=process, party=party, standing="participant")
        delegation = DelegationFactory(process=process, party=party)
        for role in ("head", "delegate"):
            DelegationMemberFactory(
                delegation=delegation, person=PersonFactory(user=None), role=role
            )

    meetings = []
    for i in range(n):
        meeting = MeetingFactory(
            process=process,
            visibility=Visibility.PARTICIPANTS if i % 2 else Visibility.PUBLIC,
            starts_at=dt.datetime(2025, 10, 28, 7, tzinfo=dt.UTC),
            ends_at=dt.datetime(2025, 10, 28, 15, tzinfo=dt.UTC),
        )
        VenueFactory(meeting=meeting, host=w.delegations["a"].party, time_zone="Europe/Minsk")
        VenueFactory(
            meeting=meeting, host=w.delegations["b"].party, time_zone="Asia/Pyongyang", position=1
        )
        for k in range(2):
            AgendaItem.objects.create(
                meeting=meeting, number=str(k + 1), title={"en": "Item"}, position=k
            )
        meetings.append(meeting)
    target = meetings[0]
    venues = list(target.venues.all())
    for i in range(n):
        delegation = w.delegations["a" if i % 2 else "b"]
        Attendance.objects.create(
            meeting=target,
            venue=venues[i % 2],
            person=PersonFactory(user=None),
            delegation=delegation,
        )

    documents = []
    for i in range(n):
        visibility = (Visibility.PUBLIC, Visibility.PARTICIPANTS, Visibility.DELEGATION)[i % 3]
        documents.append(
            DocumentFactory(
                process=process,
                meeting=meetings[i],
                visibility=visibility,
                owner_delegation=w.delegations["a"]
                if visibility == Visibility.DELEGATION
                else None,
            )
        )
    document = documents[0]
    previous = None
    for number in range(1, n + 1):
        previous = VersionFactory(
            document=document, number=number, base=previous, published_at=timezone.now()
        )

    for i in range(n):
        entry = RecordEntryFactory(
            process=process,
            visibility=Visibility.PARTICIPANTS if i % 2 else Visibility.PUBLIC,
        )
        Source.objects.create(entry=entry, name="BelTA", url="https://www.belta.by/", position=1)
        entry.documents.set(documents[i : i + 2])
        entry.meetings.set(meetings[i : i + 2])
        entry.parties.set([w.delegations["a"].party, w.delegations["b"].party])
    return Grown(world=w, document=document.slug, version=1, meeting=target.slug)


def nested_provisions(version: Version, articles: int) -> None:
    """`articles` articles, each with one paragraph: a tree, not a flat list."""
    add_provisions(version, articles)
    for article in list(version.provisions.order_by("position")):
        paragraph = Provision.objects.create(
            version=version,
            kind="paragraph",
            number="1",
            parent=article,
            position=10_000 + article.position,
            depth=1,
            eid=f"{article.eid}__para_1",
        )
        Translation.objects.bulk_create(
            Translation(
                provision=paragraph, language=lang, text="Paragraph.", source_version=version
            )
            for lang in ("en", "ru")
        )


ENDPOINTS = {
    "parties": lambda g: "/api/v1/parties",
    "processes": lambda g: "/api/v1/processes",
    "participations": lambda g: f"/api/v1/processes/{g.world.process.slug}/participations",
    "delegations": lambda g: f"/api/v1/processes/{g.world.process.slug}/delegations",
    "meetings": lambda g: f"/api/v1/processes/{g.world.process.slug}/meetings",
    "meeting": lambda g: f"/api/v1/meetings/{g.meeting}",
    "documents": lambda g: f"/api/v1/processes/{g.world.process.slug}/documents",
    "document": lambda g: f"/api/v1/documents/{g.document}",
    "versions": lambda g: f"/api/v1/documents/{g.document}/versions",
    "record": lambda g: f"/api/v1/processes/{g.world.process.slug}/record",
}

# What each answer holds, to show the data really grew (world() has 4 parties).
SIZE_OF = {
    **dict.fromkeys(ENDPOINTS, lambda body: body["count"]),
    "meeting": lambda body: len(body["attendance"]),
    "document": lambda body: len(body["versions"]),
}
EXPECTED_SIZE = {
    **dict.fromkeys(ENDPOINTS, lambda n: n),
    "parties": lambda n: 4 + n,
    "processes": lambda n: 1,
    "participations": lambda n: 4 + n,
    "delegations": lambda n: 4 + n,
}

# A participant signed in by session: the session and the user (2 queries),
# the reader's standing in the process (3, once per request: processes.access),
# then the lookup of the object in the URL and the rows themselves.
QUERIES = {
    "parties": 4,  # + count, parties
    "processes": 4,  # + count, processes
    "participations": 5,  # + process, count, participations with parties
    "delegations": 9,  # + process, 3 access, count, delegations, members
    "meetings": 9,  # + process, 3 access, count, meetings, venues
    "meeting": 10,  # + meeting, 3 access, meeting again, venues, agenda, attendance
    "documents": 8,  # + process, 3 access, count, documents with meeting and owner
    "document": 7,  # + document, 3 access, versions
    "versions": 8,  # + document, 3 access, count, versions
    "record": 12,  # + process, 3 access, count, entries, sources, parties, meetings, documents
}
PROVISIONS_QUERIES = 10  # + document, 3 access, version, provisions, texts, source versions
# Nobody signed in: no session, no roles to look up.
ANONYMOUS_QUERIES = {"documents": 3, "meetings": 4, "record": 7, "delegations": 3}


@pytest.mark.parametrize("size", [2, 10])
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_query_count_does_not_grow_with_the_data(endpoint, size, django_assert_num_queries):
    grown = grow(size)
    client = client_for(grown.world.users["participant"])
    url = ENDPOINTS[endpoint](grown)
    with django_assert_num_queries(QUERIES[endpoint]):
        response = client.get(url)
    assert response.status_code == 200, response.content
    assert SIZE_OF[endpoint](response.json()) == EXPECTED_SIZE[endpoint](size)


@pytest.mark.parametrize("size", [5, 50])
def test_query_count_of_provisions_does_not_grow_with_the_text(size, django_assert_num_queries):
    w = world()
    document = DocumentFactory(process=w.process)
    version = VersionFactory(document=document, number=1)
    nested_provisions(version, size)
    client = client_for(w.users["participant"])
    with django_assert_num_queries(PROVISIONS_QUERIES):
        response = client.get(f"/api/v1/documents/{document.slug}/versions/1/provisions")
    assert response.status_code == 200
    assert response.json()["count"] == 2 * size


@pytest.mark.parametrize("size", [2, 10])
@pytest.mark.parametrize("endpoint", ["documents", "meetings", "record", "delegations"])
def test_anonymous_lists_cost_the_same_at_any_size(endpoint, size, django_assert_num_queries):
    grown = grow(size)
    with django_assert_num_queries(ANONYMOUS_QUERIES[endpoint]):
        response = client_for(None).get(ENDPOINTS[endpoint](grown))
    assert response.status_code == 200
    # Public: every third document, every other meeting and entry; all delegations.
    expected = {
        "documents": {2: 1, 10: 4},
        "meetings": {2: 1, 10: 5},
        "record": {2: 1, 10: 5},
        "delegations": {2: 6, 10: 14},
    }
    assert response.json()["count"] == expected[endpoint][size]
