"""What the endpoints answer: shapes, texts per language, fuzzy dates, local
times, the provision tree, pagination and errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from accord.api.urls import api
from accord.core.enums import DatePrecision, Visibility
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.documents.models import Provision, Translation
from accord.meetings.models import AgendaItem
from accord.processes.models import Party
from accord.record.models import Source
from tests.api.scene import client_for
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    PartyFactory,
    RecordEntryFactory,
    VenueFactory,
    VersionFactory,
    add_provisions,
    world,
)

pytestmark = pytest.mark.django_db


def test_a_party_with_its_names_per_language():
    PartyFactory(
        slug="belarus",
        iso_code="BY",
        names={"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"},
        formal_names={"en": "Republic of Belarus"},
        languages=["be", "ru"],
    )
    response = client_for(None).get("/api/v1/parties/belarus")
    assert response.status_code == 200
    assert response.json() == {
        "slug": "belarus",
        "iso_code": "BY",
        "names": {"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"},
        "kind": "state",
        "formal_names": {"en": "Republic of Belarus"},
        "languages": ["be", "ru"],
        "is_illustrative": False,
    }


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/v1/parties/atlantis", "There is no party 'atlantis'."),
        ("/api/v1/processes/nowhere", "There is no process 'nowhere'."),
        ("/api/v1/processes/nowhere/documents", "There is no process 'nowhere'."),
        ("/api/v1/processes/nowhere/record", "There is no process 'nowhere'."),
        ("/api/v1/meetings/never", "There is no meeting 'never', or you may not see it."),
        ("/api/v1/documents/none", "There is no document 'none', or you may not see it."),
    ],
)
def test_what_does_not_exist_is_a_404_with_a_detail(url, detail):
    response = client_for(None).get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_a_process_with_its_flags():
    w = world(
        slug="eurasia",
        title={"en": "Eurasian Charter", "ru": "Евразийская хартия"},
        observers_see_meetings=False,
    )
    assert client_for(None).get(f"/api/v1/processes/{w.process.slug}").json() == {
        "slug": "eurasia",
        "title": {"en": "Eurasian Charter", "ru": "Евразийская хартия"},
        "summary": {},
        "phase": "consultation",
        "observers_see_documents": True,
        "observers_see_meetings": False,
    }


def test_a_meeting_at_two_venues_gives_each_venue_its_local_times():
    w = world()
    meeting = MeetingFactory(
        process=w.process,
        slug="five-party",
        visibility=Visibility.PUBLIC,
        date=dt.date(2025, 1, 7),
        date_precision=DatePrecision.YEAR,
        weekday=1,
        starts_at=dt.datetime(2025, 1, 7, 7, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 1, 7, 15, 30, tzinfo=dt.UTC),
    )
    minsk = VenueFactory(
        meeting=meeting,
        host=w.delegations["a"].party,
        city={"en": "Minsk"},
        time_zone="Europe/Minsk",
        position=0,
    )
    pyongyang = VenueFactory(
        meeting=meeting,
        host=w.delegations["b"].party,
        city={"en": "Pyongyang"},
        time_zone="Asia/Pyongyang",
        position=1,
    )
    AgendaItem.objects.create(meeting=meeting, number="2", title={"en": "Procedure"}, position=1)
    AgendaItem.objects.create(meeting=meeting, number="1", title={"en": "Opening"}, position=0)

    body = client_for(None).get("/api/v1/meetings/five-party").json()
    assert body["date"] == {
        "date": "2025-01-07",
        "precision": "year",
        "weekday": 1,
        "display": "a Tuesday in 2025",
    }
    assert (body["starts_at"], body["ends_at"]) == ("2025-01-07T07:00:00Z", "2025-01-07T15:30:00Z")
    assert [
        (v["id"], v["host"]["slug"], v["time_zone"], v["local_start"], v["local_end"])
        for v in body["venues"]
    ] == [
        (
            minsk.pk,
            w.delegations["a"].party.slug,
            "Europe/Minsk",
            "2025-01-07T10:00:00+03:00",
            "2025-01-07T18:30:00+03:00",
        ),
        (
            pyongyang.pk,
            w.delegations["b"].party.slug,
            "Asia/Pyongyang",
            "2025-01-07T16:00:00+09:00",
            "2025-01-08T00:30:00+09:00",
        ),
    ]
    assert body["agenda"] == [
        {"number": "1", "title": {"en": "Opening"}},
        {"number": "2", "title": {"en": "Procedure"}},
    ]
    # Attendance is never public.
    assert body["attendance"] is None


def test_a_meeting_without_known_times_has_no_local_times():
    w = world()
    meeting = MeetingFactory(process=w.process, visibility=Visibility.PUBLIC)
    VenueFactory(meeting=meeting)
    (venue,) = client_for(None).get(f"/api/v1/meetings/{meeting.slug}").json()["venues"]
    assert (venue["local_start"], venue["local_end"]) == (None, None)


def test_a_record_entry_with_its_date_sources_and_links():
    w = world()
    entry = RecordEntryFactory(
        process=w.process,
        date=dt.date(2025, 8, 15),
        date_precision=DatePrecision.MONTH,
        text={"en": "Many countries expressed interest.", "ru": "Многие страны проявили интерес."},
    )
    Source.objects.create(entry=entry, name="BelTA", url="https://www.belta.by/", position=1)
    entry.parties.set([w.delegations["a"].party])
    (item,) = client_for(None).get(f"/api/v1/processes/{w.process.slug}/record").json()["items"]
    assert item == {
        "id": entry.pk,
        "date": {
            "date": "2025-08-15",
            "precision": "month",
            "weekday": None,
            "display": "August 2025",
        },
        "text": {
            "en": "Many countries expressed interest.",
            "ru": "Многие страны проявили интерес.",
        },
        "visibility": "public",
        "is_illustrative": False,
        "sources": [{"name": "TASS", "url": ""}, {"name": "BelTA", "url": "https://www.belta.by/"}],
        "meetings": [],
        "documents": [],
        "parties": [w.delegations["a"].party.slug],
    }


def test_the_display_date_follows_the_requested_language():
    w = world()
    RecordEntryFactory(
        process=w.process, date=dt.date(2025, 8, 1), date_precision=DatePrecision.MONTH
    )
    url = f"/api/v1/processes/{w.process.slug}/record"
    english = client_for(None).get(url).json()["items"][0]["date"]
    russian = client_for(None).get(url, headers={"Accept-Language": "ru"}).json()["items"][0]
    assert english["display"] == "August 2025"
    assert russian["date"]["display"] == "Август 2025 г."
    # Only the display changes; the data stay the same.
    assert {k: v for k, v in russian["date"].items() if k != "display"} == {
        "date": "2025-08-01",
        "precision": "month",
        "weekday": None,
    }


def test_versions_with_label_status_hash_and_base():
    w = world()
    document = DocumentFactory(process=w.process, visibility=Visibility.PUBLIC)
    published = timezone.make_aware(dt.datetime(2025, 10, 1, 12, 0), dt.UTC)
    v1 = VersionFactory(
        document=document,
        number=1,
        label="Zero draft",
        published_at=published,
        content_hash="ab" * 32,
    )
    VersionFactory(
        document=document, number=2, label="Rev.1", status="working", content_hash="", base=v1
    )
    chair = client_for(w.users["chair"])
    versions = chair.get(f"/api/v1/documents/{document.slug}/versions").json()["items"]
    assert versions == [
        {
            "number": 1,
            "label": "Zero draft",
            "status": "published",
            "base": None,
            "published_at": "2025-10-01T12:00:00Z",
            "content_hash": "ab" * 32,
            "proposals_deadline": None,
        },
        {
            "number": 2,
            "label": "Rev.1",
            "status": "working",
            "base": 1,
            "published_at": None,
            "content_hash": None,
            "proposals_deadline": None,
        },
    ]
    assert chair.get(f"/api/v1/documents/{document.slug}/versions/1").json() == versions[0]


def test_a_delegation_document_names_its_owner():
    w = world()
    document = DocumentFactory(
        process=w.process,
        visibility=Visibility.DELEGATION,
        owner_delegation=w.delegations["a"],
        symbol="EC/A/1",
    )
    body = client_for(w.users["participant"]).get(f"/api/v1/documents/{document.slug}").json()
    assert (body["owner_delegation"], body["symbol"], body["visibility"], body["process"]) == (
        w.delegations["a"].party.slug,
        "EC/A/1",
        "delegation",
        w.process.slug,
    )


@pytest.fixture
def tree():
    """Version 2 of a document: article 1 with paragraphs 1 and 2, then article 2.
    Article 1's Russian text was translated from version 1 and edited once since."""
    w = world()
    document = DocumentFactory(process=w.process, visibility=Visibility.PUBLIC)
    v1 = VersionFactory(document=document, number=1)
    v2 = VersionFactory(document=document, number=2, base=v1)
    add_provisions(v2, 2)
    art1, art2 = v2.provisions.order_by("position")
    Translation.objects.filter(provision=art1, language="ru").update(source_version=v1, revision=2)
    paras = []
    for number in ("1", "2"):
        para = Provision.objects.create(
            version=v2,
            kind="paragraph",
            number=number,
            parent=art1,
            depth=1,
            position=0,
            eid=f"art_1__para_{number}",
        )
        Translation.objects.create(
            provision=para, language="en", text=f"Paragraph {number}.", source_version=v2
        )
        paras.append(para)
    # Document order: art 1, para 1, para 2, art 2.
    for position, provision in enumerate([art1, *paras, art2]):
        Provision.objects.filter(pk=provision.pk).update(position=position)
    url = f"/api/v1/documents/{document.slug}/versions/2/provisions"
    return url, art1, paras, art2


def test_provisions_in_document_order_with_parents_and_texts(tree):
    url, art1, (para1, para2), art2 = tree
    body = client_for(None).get(url).json()
    assert (body["count"], body["page"], body["page_size"]) == (4, 1, 500)
    assert [
        (p["uid"], p["eid"], p["kind"], p["number"], p["parent"], p["depth"], p["position"])
        for p in body["items"]
    ] == [
        (str(art1.uid), "art_1", "article", "1", None, 0, 0),
        (str(para1.uid), "art_1__para_1", "paragraph", "1", str(art1.uid), 1, 1),
        (str(para2.uid), "art_1__para_2", "paragraph", "2", str(art1.uid), 1, 2),
        (str(art2.uid), "art_2", "article", "2", None, 0, 3),
    ]
    assert body["items"][0]["texts"] == {
        "en": {
            "heading": "Heading 1",
            "text": "Text of article 1 in en.",
            "source_version": 2,
            "revision": 1,
        },
        "ru": {
            "heading": "Heading 1",
            "text": "Text of article 1 in ru.",
            "source_version": 1,
            "revision": 2,
        },
    }
    assert body["items"][1]["texts"] == {
        "en": {"heading": "", "text": "Paragraph 1.", "source_version": 2, "revision": 1},
    }


def test_provisions_filtered_by_language(tree):
    url = tree[0]
    only_ru = client_for(None).get(url, {"lang": "ru"}).json()["items"]
    assert [sorted(p["texts"]) for p in only_ru] == [["ru"], [], [], ["ru"]]
    both = client_for(None).get(url, {"lang": ["en", "ru"]}).json()["items"]
    assert [sorted(p["texts"]) for p in both] == [["en", "ru"], ["en"], ["en"], ["en", "ru"]]


def test_an_unknown_language_is_a_422(tree):
    response = client_for(None).get(tree[0], {"lang": ["ru", "xx", "qq"]})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["query", "lang"],
                "msg": "Unknown language code(s): qq, xx.",
                "type": "value_error",
            }
        ]
    }


def test_provisions_paginate(tree):
    url, _, (_, para2), art2 = tree
    body = client_for(None).get(url, {"page": 2, "page_size": 2}).json()
    assert (body["count"], body["page"], body["page_size"]) == (4, 2, 2)
    assert [p["uid"] for p in body["items"]] == [str(para2.uid), str(art2.uid)]


def test_a_page_size_above_the_maximum_is_lowered_to_it():
    Party.objects.bulk_create(
        Party(slug=f"party-{i:03}", names={"en": f"Party {i}"}) for i in range(205)
    )
    client = client_for(None)
    body = client.get("/api/v1/parties", {"page_size": 1000}).json()
    assert (body["count"], body["page_size"], len(body["items"])) == (205, 200, 200)
    last = client.get("/api/v1/parties", {"page": 2, "page_size": 1000}).json()
    assert [p["slug"] for p in last["items"]] == [f"party-{i:03}" for i in range(200, 205)]
    default = client.get("/api/v1/parties").json()
    assert (default["page_size"], len(default["items"])) == (50, 50)


@pytest.mark.parametrize("params", [{"page": 0}, {"page_size": 0}, {"page": "x"}])
def test_bad_paging_parameters_are_a_422(params):
    response = client_for(None).get("/api/v1/parties", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_a_version_number_that_is_not_a_number_is_a_422():
    w = world()
    document = DocumentFactory(process=w.process, visibility=Visibility.PUBLIC)
    response = client_for(None).get(f"/api/v1/documents/{document.slug}/versions/first")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "number"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (ValidationError("Give the text in at least one language.", field="texts"), 400),
        (PermissionDenied("Only the secretariat can publish a version."), 403),
        (Conflict("Rev.1 is published and can no longer change."), 409),
    ],
)
def test_domain_errors_reach_the_client_with_their_status_and_message(error, status):
    """The handler later write endpoints rely on: an AccordError becomes its
    status with {"detail": message}."""
    response = api.on_exception(RequestFactory().post("/api/v1/x"), error)
    assert response.status_code == status
    assert json.loads(response.content) == {"detail": error.message}


def test_a_django_404_is_a_json_404_too():
    response = api.on_exception(RequestFactory().get("/api/v1/x"), Http404("No Party matches"))
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Not found."}
