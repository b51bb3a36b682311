"""Role by endpoint: what each role of `world()` reads through the API.

The same rules as the pages apply (docs/adr/0002, 0004): delegation-internal
material is for that delegation alone, not even the secretariat; material for
participants is hidden from anonymous readers, outsiders and 'interested'
parties; observers see what the process grants them; what a reader may not
see answers 404 and is left out of lists.

Every role is checked signed in by session and by API token.
"""

from __future__ import annotations

import pytest

from accord.processes.models import Person
from tests.api.scene import PROVISIONS_IN_V1, Scene, client_for, scene
from tests.factories import ROLES, DocumentFactory, VersionFactory, world

pytestmark = pytest.mark.django_db

ALL_DOCUMENTS = {"public", "participants", "secretariat", "delegation-a", "delegation-obs"}

DOCUMENTS: dict[str, set[str]] = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "participant": {"public", "participants", "delegation-a"},
    "other_participant": {"public", "participants"},
    "observer": {"public", "participants", "delegation-obs"},
    "interested": {"public"},
    # Not the delegations' internal material (ADR 0002).
    "secretariat": {"public", "participants", "secretariat"},
    "chair": {"public", "participants"},
    "facilitator": {"public", "participants"},
}
MEETINGS: dict[str, set[str]] = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "participant": {"public", "participants"},
    "other_participant": {"public", "participants"},
    "observer": {"public", "participants"},
    "interested": {"public"},
    "secretariat": {"public", "participants", "secretariat"},
    "chair": {"public", "participants"},
    "facilitator": {"public", "participants"},
}
RECORD: dict[str, set[str]] = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "participant": {"public", "participants"},
    "other_participant": {"public", "participants"},
    "observer": {"public", "participants"},
    "interested": {"public"},
    "secretariat": {"public", "participants", "secretariat"},
    "chair": {"public", "participants"},
    "facilitator": {"public", "participants"},
}
SEES_ATTENDANCE = {
    "participant",
    "other_participant",
    "observer",
    "secretariat",
    "chair",
    "facilitator",
}
SEES_PEOPLE = {
    "participant",
    "other_participant",
    "observer",
    "secretariat",
    "chair",
    "facilitator",
}
SEES_WORKING_COPIES = {"secretariat", "chair"}

# A process that does not open its participants' material to observers.
CLOSED_TO_OBSERVERS = {"observers_see_documents": False, "observers_see_meetings": False}
OBSERVER_IN_CLOSED_PROCESS = {
    "documents": {"public", "delegation-obs"},
    "meetings": {"public"},
    # The record follows sees_participant_record, which the flags do not narrow.
    "record": {"public", "participants"},
    "attendance": False,
}

CASES = [
    pytest.param(role, via, id=f"{role}-{via}")
    for role in ROLES
    for via in (("none",) if role == "anonymous" else ("session", "token"))
]


def _expected(role: str, area: str, closed: bool) -> set[str]:
    if closed and role == "observer":
        return set(OBSERVER_IN_CLOSED_PROCESS[area])  # type: ignore[arg-type]
    return {"documents": DOCUMENTS, "meetings": MEETINGS, "record": RECORD}[area][role]


def _slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["items"]}


@pytest.fixture(params=[False, True], ids=["open-process", "closed-to-observers"])
def setting(request) -> tuple[Scene, bool]:
    closed = request.param
    return scene(**(CLOSED_TO_OBSERVERS if closed else {})), closed


@pytest.mark.parametrize(("role", "via"), CASES)
def test_documents_and_versions_by_role(setting, role, via):
    s, closed = setting
    client = client_for(s.world.users[role], via)
    expected = _expected(role, "documents", closed)

    listed = client.get(f"/api/v1/processes/{s.slug}/documents")
    assert {s.key_of_document(slug) for slug in _slugs(listed)} == expected

    for key, document in s.documents.items():
        # A delegation's members see the drafts of its own internal material.
        working = role in SEES_WORKING_COPIES or key.startswith("delegation-")
        base = f"/api/v1/documents/{document.slug}"
        urls = [base, f"{base}/versions", f"{base}/versions/1", f"{base}/versions/1/provisions"]
        if key not in expected:
            for url in [*urls, f"{base}/versions/2", f"{base}/versions/2/provisions"]:
                response = client.get(url)
                assert response.status_code == 404, url
                assert response.json() == {
                    "detail": f"There is no document {document.slug!r}, or you may not see it."
                }
            continue
        detail = client.get(base)
        assert detail.status_code == 200
        assert [v["number"] for v in detail.json()["versions"]] == ([1, 2] if working else [1])
        versions = client.get(f"{base}/versions").json()["items"]
        assert [v["number"] for v in versions] == ([1, 2] if working else [1])
        assert client.get(f"{base}/versions/1").status_code == 200
        provisions = client.get(f"{base}/versions/1/provisions")
        assert provisions.status_code == 200
        assert provisions.json()["count"] == PROVISIONS_IN_V1
        for url in (f"{base}/versions/2", f"{base}/versions/2/provisions"):
            response = client.get(url)
            assert response.status_code == (200 if working else 404), url
            if not working:
                assert response.json() == {
                    "detail": f"Document {document.slug!r} has no version 2, or you may not see it."
                }


@pytest.mark.parametrize(("role", "via"), CASES)
def test_a_public_document_names_its_meeting_only_to_those_who_see_the_meeting(setting, role, via):
    s, closed = setting
    client = client_for(s.world.users[role], via)
    sees_meeting = "participants" in _expected(role, "meetings", closed)
    expected = s.meetings["participants"].slug if sees_meeting else None
    document = s.documents["public"]
    assert client.get(f"/api/v1/documents/{document.slug}").json()["meeting"] == expected
    listed = client.get(f"/api/v1/processes/{s.slug}/documents").json()["items"]
    assert [d["meeting"] for d in listed if d["slug"] == document.slug] == [expected]


@pytest.mark.parametrize(("role", "via"), CASES)
def test_meetings_and_attendance_by_role(setting, role, via):
    s, closed = setting
    client = client_for(s.world.users[role], via)
    expected = _expected(role, "meetings", closed)
    listed = client.get(f"/api/v1/processes/{s.slug}/meetings")
    assert {s.key_of_meeting(slug) for slug in _slugs(listed)} == expected

    sees_attendance = role in SEES_ATTENDANCE and not (closed and role == "observer")
    participant = Person.objects.get(user=s.world.users["participant"])
    for key, meeting in s.meetings.items():
        response = client.get(f"/api/v1/meetings/{meeting.slug}")
        if key not in expected:
            assert response.status_code == 404
            assert response.json() == {
                "detail": f"There is no meeting {meeting.slug!r}, or you may not see it."
            }
            continue
        assert response.status_code == 200
        attendance = response.json()["attendance"]
        if sees_attendance:
            assert [(a["person"]["names"], a["party"]) for a in attendance] == [
                (participant.names, s.world.delegations["a"].party.slug)
            ]
        else:
            assert attendance is None


@pytest.mark.parametrize(("role", "via"), CASES)
def test_record_and_its_links_by_role(setting, role, via):
    s, closed = setting
    client = client_for(s.world.users[role], via)
    response = client.get(f"/api/v1/processes/{s.slug}/record")
    assert response.status_code == 200
    items = response.json()["items"]
    ids = {entry["id"] for entry in items}
    assert ids == {s.entries[key].pk for key in _expected(role, "record", closed)}

    # The public entry links everything; each reader sees only the links it may see.
    (public,) = [e for e in items if e["id"] == s.entries["public"].pk]
    assert set(public["documents"]) == {
        s.documents[key].slug for key in _expected(role, "documents", closed)
    }
    assert set(public["meetings"]) == {
        s.meetings[key].slug for key in _expected(role, "meetings", closed)
    }
    assert public["parties"] == [s.world.delegations["a"].party.slug]


@pytest.mark.parametrize(("role", "via"), CASES)
def test_public_process_data_and_delegation_members_by_role(setting, role, via):
    s, _ = setting
    client = client_for(s.world.users[role], via)
    w = s.world
    parties = {d.party.slug for d in w.delegations.values()}

    assert _slugs(client.get("/api/v1/processes")) == {s.slug}
    assert client.get(f"/api/v1/processes/{s.slug}").json()["slug"] == s.slug
    assert _slugs(client.get("/api/v1/parties")) == parties
    participations = client.get(f"/api/v1/processes/{s.slug}/participations").json()["items"]
    assert {(p["party"]["slug"], p["standing"]) for p in participations} == {
        (w.delegations["a"].party.slug, "participant"),
        (w.delegations["b"].party.slug, "participant"),
        (w.delegations["obs"].party.slug, "observer"),
        (w.delegations["int"].party.slug, "interested"),
    }

    delegations = client.get(f"/api/v1/processes/{s.slug}/delegations").json()["items"]
    assert {d["party"]["slug"] for d in delegations} == parties
    members = {d["party"]["slug"]: d["members"] for d in delegations}
    if role in SEES_PEOPLE:
        for key, member_role in (
            ("a", "participant"),
            ("b", "other_participant"),
            ("obs", "observer"),
            ("int", "interested"),
        ):
            person = Person.objects.get(user=w.users[member_role])
            assert members[w.delegations[key].party.slug] == [
                {
                    "person": {"names": person.names, "position": person.position},
                    "role": "delegate",
                    "since": None,
                    "until": None,
                }
            ]
    else:
        assert set(members.values()) == {None}


def test_the_tables_cover_every_role_and_every_visibility():
    """A new role in world() or a new document in the scene must be added to the tables."""
    for table in (DOCUMENTS, MEETINGS, RECORD):
        assert set(table) == set(ROLES)
    assert set().union(*DOCUMENTS.values()) == ALL_DOCUMENTS


def test_membership_of_one_process_opens_nothing_in_another():
    """A participant here is an outsider there."""
    here = world()
    there = world()
    shared = DocumentFactory(process=there.process, visibility="participants")
    VersionFactory(document=shared, number=1)
    client = client_for(here.users["participant"])
    assert client.get(f"/api/v1/documents/{shared.slug}").status_code == 404
    assert _slugs(client.get(f"/api/v1/processes/{there.process.slug}/documents")) == set()
    delegations = client.get(f"/api/v1/processes/{there.process.slug}/delegations").json()
    assert {d["members"] is None for d in delegations["items"]} == {True}
