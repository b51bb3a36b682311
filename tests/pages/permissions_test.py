"""Role by page: what each role of world() gets through the pages.

Objects a reader may not see answer 404 (never 403: their existence is not
revealed), and lists leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from accord.core.enums import Visibility
from tests.factories import (
    ROLES,
    DocumentFactory,
    MeetingFactory,
    RecordEntryFactory,
    VenueFactory,
    VersionFactory,
    World,
    add_provisions,
    world,
)
from tests.pages.helpers import SEES_PARTICIPANT_MATERIAL, fetch, sign_in

pytestmark = pytest.mark.django_db


@dataclass
class Scene:
    w: World
    urls: dict[str, str]


def build_scene() -> Scene:
    w = world(slug="perm")
    p = w.process.slug
    public_meeting = MeetingFactory(
        process=w.process,
        slug="open-round",
        title={"en": "Open round"},
        visibility=Visibility.PUBLIC,
    )
    closed_meeting = MeetingFactory(
        process=w.process,
        slug="closed-round",
        title={"en": "Closed round"},
        visibility=Visibility.PARTICIPANTS,
    )
    for meeting in (public_meeting, closed_meeting):
        VenueFactory(meeting=meeting, host=w.delegations["a"].party)
    docs = {
        "public": DocumentFactory(
            process=w.process,
            slug="public-doc",
            title={"en": "Public statement"},
            visibility=Visibility.PUBLIC,
        ),
        "participants": DocumentFactory(
            process=w.process,
            slug="shared-doc",
            title={"en": "Shared draft"},
            visibility=Visibility.PARTICIPANTS,
        ),
        "delegation": DocumentFactory(
            process=w.process,
            slug="internal-doc",
            title={"en": "Internal notes of A"},
            visibility=Visibility.DELEGATION,
            owner_delegation=w.delegations["a"],
        ),
        "secretariat": DocumentFactory(
            process=w.process,
            slug="secretariat-doc",
            title={"en": "Secretariat memo"},
            visibility=Visibility.SECRETARIAT,
        ),
    }
    for document in docs.values():
        add_provisions(VersionFactory(document=document, number=1, label="Rev.1"), 2)
    working = VersionFactory(
        document=docs["participants"],
        number=2,
        label="Rev.2 draft",
        status="working",
        content_hash="",
    )
    add_provisions(working, 3)  # Rev.1 has articles 1-2, the working copy 1-3
    RecordEntryFactory(process=w.process, text={"en": "Public entry"})
    RecordEntryFactory(
        process=w.process,
        text={"en": "Participants-only entry"},
        visibility=Visibility.PARTICIPANTS,
    )
    RecordEntryFactory(
        process=w.process,
        text={"en": "Secretariat-only entry"},
        visibility=Visibility.SECRETARIAT,
    )
    urls = {
        "index": "/",
        "process": f"/p/{p}/",
        "party": f"/p/{p}/parties/{w.delegations['a'].party.slug}/",
        "timeline": f"/p/{p}/timeline/",
        "public_meeting": f"/p/{p}/meetings/open-round/",
        "closed_meeting": f"/p/{p}/meetings/closed-round/",
        "public_doc": f"/p/{p}/documents/public-doc/",
        "shared_doc": f"/p/{p}/documents/shared-doc/",
        "shared_doc_rev1": f"/p/{p}/documents/shared-doc/?version=1",
        "shared_doc_working": f"/p/{p}/documents/shared-doc/?version=2",
        "internal_doc": f"/p/{p}/documents/internal-doc/",
        "secretariat_doc": f"/p/{p}/documents/secretariat-doc/",
    }
    return Scene(w=w, urls=urls)


# page -> roles that get 200; every other role gets 404.
ALL = frozenset(ROLES)
EXPECTED: dict[str, frozenset[str]] = {
    "index": ALL,
    "process": ALL,
    "party": ALL,
    "timeline": ALL,
    "public_meeting": ALL,
    "closed_meeting": SEES_PARTICIPANT_MATERIAL,
    "public_doc": ALL,
    "shared_doc": SEES_PARTICIPANT_MATERIAL,
    "shared_doc_rev1": SEES_PARTICIPANT_MATERIAL,
    "shared_doc_working": frozenset({"secretariat", "chair"}),
    "internal_doc": frozenset({"participant"}),  # not even the secretariat (ADR 0002)
    "secretariat_doc": frozenset({"secretariat"}),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_the_pages_it_may_see(client: Client, role: str):
    scene = build_scene()
    sign_in(client, scene.w.users[role])
    got = {}
    for page, url in scene.urls.items():
        got[page] = client.get(url).status_code
    expected = {page: 200 if role in roles else 404 for page, roles in EXPECTED.items()}
    assert got == expected


@pytest.mark.parametrize("role", ROLES)
def test_lists_on_the_overview_leave_out_what_the_role_may_not_see(client: Client, role: str):
    scene = build_scene()
    sign_in(client, scene.w.users[role])
    html = fetch(client, scene.urls["process"])
    shown = {
        title
        for title in (
            "Open round",
            "Closed round",
            "Public statement",
            "Shared draft",
            "Internal notes of A",
            "Secretariat memo",
            "Public entry",
            "Participants-only entry",
            "Secretariat-only entry",
        )
        if title in html
    }
    expected = {"Open round", "Public statement", "Public entry"}
    if role in SEES_PARTICIPANT_MATERIAL:
        expected |= {"Closed round", "Shared draft", "Participants-only entry"}
    if role == "participant":
        expected.add("Internal notes of A")
    if role == "secretariat":
        expected |= {"Secretariat memo", "Secretariat-only entry"}
    assert shown == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_timeline_shows_each_role_only_its_entries(client: Client, role: str):
    scene = build_scene()
    sign_in(client, scene.w.users[role])
    html = fetch(client, scene.urls["timeline"])
    shown = {
        t
        for t in ("Public entry", "Participants-only entry", "Secretariat-only entry")
        if t in html
    }
    expected = {"Public entry"}
    if role in SEES_PARTICIPANT_MATERIAL:
        expected.add("Participants-only entry")
    if role == "secretariat":
        expected.add("Secretariat-only entry")
    assert shown == expected


@pytest.mark.parametrize("role", ROLES)
def test_delegation_members_and_attendance_only_for_members_of_the_process(
    client: Client, role: str
):
    scene = build_scene()
    w = scene.w
    closed = w.process.meetings.get(slug="open-round")
    venue = closed.venues.get()
    member = w.delegations["a"].members.select_related("person").get()
    closed.attendance.create(venue=venue, person=member.person, delegation=w.delegations["a"])
    sign_in(client, w.users[role])
    party_html = fetch(client, scene.urls["party"])
    meeting_html = fetch(client, scene.urls["public_meeting"])
    sees = role in SEES_PARTICIPANT_MATERIAL
    assert (member.person.names["en"] in party_html) is sees
    assert ("Head of delegation" in party_html or "Delegate" in party_html) is sees
    assert ("<h4>Attendance</h4>" in meeting_html) is sees
    assert (member.person.names["en"] in meeting_html) is sees


@pytest.mark.parametrize("role", ROLES)
def test_working_copies_are_listed_only_for_those_who_may_see_them(client: Client, role: str):
    scene = build_scene()
    sign_in(client, scene.w.users[role])
    if role not in SEES_PARTICIPANT_MATERIAL:
        fetch(client, scene.urls["shared_doc"], status=404)
        return
    html = fetch(client, scene.urls["shared_doc"])
    sees_working = role in {"secretariat", "chair"}
    assert ("Rev.2 draft" in html) is sees_working
    # The reader lands on the newest version they may see.
    assert ("Text of article 3 in en." in html) is sees_working
    assert "Text of article 1 in en." in html


def test_observers_see_nothing_more_when_the_process_withholds_it(client: Client):
    scene = build_scene()
    process = scene.w.process
    process.observers_see_documents = False
    process.observers_see_meetings = False
    process.save()
    sign_in(client, scene.w.users["observer"])
    fetch(client, scene.urls["shared_doc"], status=404)
    fetch(client, scene.urls["closed_meeting"], status=404)
    html = fetch(client, scene.urls["process"])
    assert "Shared draft" not in html
    assert "Closed round" not in html
    # Participants still see both.
    sign_in(client, scene.w.users["participant"])
    fetch(client, scene.urls["shared_doc"])
    fetch(client, scene.urls["closed_meeting"])


def test_an_unknown_process_meeting_or_document_is_not_found(client: Client):
    scene = build_scene()
    sign_in(client, scene.w.users["secretariat"])
    fetch(client, "/p/no-such-process/", status=404)
    fetch(client, "/p/no-such-process/timeline/", status=404)
    fetch(client, "/p/perm/meetings/no-such-meeting/", status=404)
    fetch(client, "/p/perm/documents/no-such-document/", status=404)
    fetch(client, "/p/perm/documents/shared-doc/?version=9", status=404)
    fetch(client, "/p/perm/documents/shared-doc/?version=x", status=404)
    # A party that takes no part in the process.
    fetch(client, "/p/perm/parties/nowhere/", status=404)


def test_a_meeting_of_another_process_is_not_found_under_this_one(client: Client):
    scene = build_scene()
    other = world(slug="other")
    MeetingFactory(process=other.process, slug="elsewhere", visibility=Visibility.PUBLIC)
    DocumentFactory(process=other.process, slug="elsewhere-doc", visibility=Visibility.PUBLIC)
    sign_in(client, scene.w.users["secretariat"])
    fetch(client, "/p/perm/meetings/elsewhere/", status=404)
    fetch(client, "/p/perm/documents/elsewhere-doc/", status=404)
    fetch(client, "/p/other/meetings/elsewhere/")
