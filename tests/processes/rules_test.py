"""Who may do what: every role of `world()` against every registered permission.

The expected table is written out as data below, not computed from the
rules, so a change of policy has to change this file too. The selectors must
return exactly what the table lets each role read.

Product decisions the table encodes:
- the process itself and public material are for everyone, signed in or not;
- participants (and officers) read what is shared with participants;
- observers read it too unless the process withholds documents or meetings;
- an 'interested' party has no more than the public;
- delegation-internal material is for that delegation alone, not even the
  secretariat (docs/adr/0002-delegation-internal-material.md);
- working copies are for the secretariat and the chair, except that a
  delegation's members see the drafts of its own internal material;
- the secretariat writes the process's documents; a delegation writes its own
  internal material, and only it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model

from accord.core.actors import SYSTEM, require
from accord.core.enums import Visibility
from accord.core.errors import PermissionDenied
from accord.documents.models import Document, Version
from accord.documents.selectors import visible_documents, visible_versions
from accord.meetings.models import Meeting
from accord.meetings.selectors import visible_meetings
from accord.processes.selectors import delegations, user_sees_people
from accord.record.models import RecordEntry
from accord.record.selectors import visible_entries
from tests.factories import (
    ROLES,
    DelegationMemberFactory,
    DocumentFactory,
    MeetingFactory,
    RecordEntryFactory,
    VersionFactory,
    World,
    world,
)

pytestmark = pytest.mark.django_db


# --- the table -----------------------------------------------------------------------------

# action name → (permission, which object of the scene it is checked on)
ACTIONS: dict[str, tuple[str, str]] = {
    "view_process": ("processes.view_process", "process"),
    "create_process": ("processes.create_process", "none"),
    "create_party": ("processes.create_party", "none"),
    "manage_process": ("processes.manage_process", "process"),
    "view_process_people": ("processes.view_process_people", "process"),
    "view_delegation_members": ("processes.view_delegation_members", "delegation_a"),
    "view_document:public": ("documents.view_document", "doc_public"),
    "view_document:participants": ("documents.view_document", "doc_participants"),
    "view_document:delegation": ("documents.view_document", "doc_delegation"),
    "view_document:secretariat": ("documents.view_document", "doc_secretariat"),
    "view_version:public/published": ("documents.view_version", "public_published"),
    "view_version:public/working": ("documents.view_version", "public_working"),
    "view_version:participants/published": ("documents.view_version", "published"),
    "view_version:participants/working": ("documents.view_version", "working"),
    "view_version:delegation/published": ("documents.view_version", "delegation_published"),
    "view_version:delegation/working": ("documents.view_version", "delegation_working"),
    "create_document": ("documents.create_document", "process"),
    "create_delegation_document": ("documents.create_delegation_document", "delegation_a"),
    "change_document": ("documents.change_document", "doc_participants"),
    "change_document:delegation": ("documents.change_document", "doc_delegation"),
    "view_meeting:public": ("meetings.view_meeting", "meeting_public"),
    "view_meeting:participants": ("meetings.view_meeting", "meeting_participants"),
    "view_attendance": ("meetings.view_attendance", "meeting_participants"),
    "view_attendance:public_meeting": ("meetings.view_attendance", "meeting_public"),
    "create_meeting": ("meetings.create_meeting", "process"),
    "change_meeting": ("meetings.change_meeting", "meeting_participants"),
    "view_entry:public": ("record.view_entry", "entry_public"),
    "view_entry:participants": ("record.view_entry", "entry_participants"),
    "view_entry:secretariat": ("record.view_entry", "entry_secretariat"),
    "create_entry": ("record.create_entry", "process"),
}

PUBLIC = frozenset(
    {
        "view_process",
        "view_document:public",
        "view_version:public/published",
        "view_meeting:public",
        "view_entry:public",
    }
)
MEMBER = PUBLIC | {
    "view_process_people",
    "view_delegation_members",
    "view_document:participants",
    "view_version:participants/published",
    "view_meeting:participants",
    "view_attendance",
    "view_attendance:public_meeting",
    "view_entry:participants",
}
WORKING_COPIES = frozenset({"view_version:public/working", "view_version:participants/working"})

EXPECTED: dict[str, frozenset[str]] = {
    "anonymous": PUBLIC,
    "outsider": PUBLIC,
    "interested": PUBLIC,
    "participant": MEMBER
    | {
        "view_document:delegation",
        "view_version:delegation/published",
        "view_version:delegation/working",
        "create_delegation_document",
        "change_document:delegation",
    },
    "other_participant": MEMBER,
    "observer": MEMBER,
    "facilitator": MEMBER,
    "chair": MEMBER | WORKING_COPIES,
    "secretariat": MEMBER
    | WORKING_COPIES
    | {
        "manage_process",
        "view_document:secretariat",
        "create_document",
        "change_document",
        "create_meeting",
        "change_meeting",
        "view_entry:secretariat",
        "create_entry",
    },
}

# What observers lose when the process withholds documents or meetings from them.
OBSERVER_WITHOUT = {
    "observers_see_documents": {
        "view_document:participants",
        "view_version:participants/published",
    },
    "observers_see_meetings": {
        "view_meeting:participants",
        "view_attendance",
        "view_attendance:public_meeting",
    },
}


def test_the_table_covers_every_registered_permission_and_every_role() -> None:
    registered = {
        name
        for name in rules.permissions.permissions
        if name.split(".")[0] in {"processes", "documents", "meetings", "record"}
    }
    assert {perm for perm, _ in ACTIONS.values()} == registered
    assert set(EXPECTED) == set(ROLES)
    for allowed in EXPECTED.values():
        assert allowed <= set(ACTIONS)


# --- the scene -----------------------------------------------------------------------------


@dataclass
class Scene:
    world: World
    objects: dict[str, Any]

    def user(self, role: str) -> Any:
        user = self.world.users[role]
        return AnonymousUser() if user is None else user


def scene(**process_kwargs: Any) -> Scene:
    w = world(**process_kwargs)
    p = w.process

    def doc(visibility: str, **kwargs: Any) -> Document:
        return DocumentFactory(process=p, visibility=visibility, **kwargs)

    objects: dict[str, Any] = {
        "none": None,
        "process": p,
        "delegation_a": w.delegations["a"],
        "doc_public": doc(Visibility.PUBLIC),
        "doc_participants": doc(Visibility.PARTICIPANTS),
        "doc_delegation": doc(Visibility.DELEGATION, owner_delegation=w.delegations["a"]),
        "doc_secretariat": doc(Visibility.SECRETARIAT),
        "meeting_public": MeetingFactory(process=p, visibility=Visibility.PUBLIC),
        "meeting_participants": MeetingFactory(process=p, visibility=Visibility.PARTICIPANTS),
        "entry_public": RecordEntryFactory(process=p, visibility=Visibility.PUBLIC),
        "entry_participants": RecordEntryFactory(process=p, visibility=Visibility.PARTICIPANTS),
        "entry_secretariat": RecordEntryFactory(process=p, visibility=Visibility.SECRETARIAT),
    }
    for prefix, document in (
        ("public_", objects["doc_public"]),
        ("", objects["doc_participants"]),
        ("delegation_", objects["doc_delegation"]),
    ):
        objects[f"{prefix}published"] = VersionFactory(document=document, number=1)
        objects[f"{prefix}working"] = VersionFactory(
            document=document, number=2, status="working", content_hash=""
        )
    return Scene(w, objects)


def allowed(s: Scene, role: str, action: str) -> bool:
    perm, key = ACTIONS[action]
    return bool(s.user(role).has_perm(perm, s.objects[key]))


# --- the cells -----------------------------------------------------------------------------

CELLS = [(role, action) for role in ROLES for action in ACTIONS]


@pytest.mark.parametrize(("role", "action"), CELLS, ids=[f"{r}-{a}" for r, a in CELLS])
def test_role_action_cell(role: str, action: str) -> None:
    s = scene()
    assert allowed(s, role, action) is (action in EXPECTED[role])


OBSERVER_CELLS = [
    (flag, action) for flag in OBSERVER_WITHOUT for action in sorted(EXPECTED["observer"])
]


@pytest.mark.parametrize(
    ("flag", "action"), OBSERVER_CELLS, ids=[f"{f}=False-{a}" for f, a in OBSERVER_CELLS]
)
def test_observer_cell_when_the_process_withholds(flag: str, action: str) -> None:
    s = scene(**{flag: False})
    expected = action in EXPECTED["observer"] - OBSERVER_WITHOUT[flag]
    assert allowed(s, "observer", action) is expected
    # Participants are not affected by what observers are granted.
    assert allowed(s, "other_participant", action) is (action in EXPECTED["other_participant"])


def test_delegation_material_is_hidden_from_every_officer_of_the_process() -> None:
    """Not the secretariat, not the chair, not the facilitator: only delegation A."""
    s = scene()
    readers = {role for role in ROLES if allowed(s, role, "view_document:delegation")}
    assert readers == {"participant"}


def test_a_member_of_two_delegations_reads_the_material_of_both() -> None:
    s = scene()
    member = s.world.users["other_participant"]
    assert not member.has_perm("documents.view_document", s.objects["doc_delegation"])
    DelegationMemberFactory(delegation=s.world.delegations["a"], person=member.person)
    fresh = type(member).objects.get(pk=member.pk)  # a new request: no cached Access
    assert fresh.has_perm("documents.view_document", s.objects["doc_delegation"])


def test_roles_in_one_process_grant_nothing_in_another() -> None:
    s = scene()
    other = scene()
    for role in ("participant", "observer", "secretariat", "chair", "facilitator"):
        user = s.user(role)
        for action, (perm, key) in ACTIONS.items():
            if key == "none":
                continue
            assert bool(user.has_perm(perm, other.objects[key])) is (action in PUBLIC), (
                role,
                action,
            )


def test_require_refuses_a_missing_actor_and_lets_the_command_line_through() -> None:
    s = scene()
    with pytest.raises(PermissionDenied, match="not allowed"):
        require(None, "processes.manage_process", s.world.process)
    with pytest.raises(PermissionDenied):
        require(AnonymousUser(), "processes.manage_process", s.world.process)
    require(SYSTEM, "processes.manage_process", s.world.process)


# --- selectors agree with the rules --------------------------------------------------------


def _expected_visible(role: str, kinds: dict[str, str]) -> set[str]:
    return {key for action, key in kinds.items() if action in EXPECTED[role]}


def _keys(s: Scene, rows: Sequence[Model], candidates: list[str]) -> set[str]:
    return {key for key in candidates for row in rows if row.pk == s.objects[key].pk}


DOCUMENT_ACTIONS = {
    "view_document:public": "doc_public",
    "view_document:participants": "doc_participants",
    "view_document:delegation": "doc_delegation",
    "view_document:secretariat": "doc_secretariat",
}
MEETING_ACTIONS = {
    "view_meeting:public": "meeting_public",
    "view_meeting:participants": "meeting_participants",
}
ENTRY_ACTIONS = {
    "view_entry:public": "entry_public",
    "view_entry:participants": "entry_participants",
    "view_entry:secretariat": "entry_secretariat",
}


@pytest.mark.parametrize("role", ROLES)
def test_visible_documents_returns_exactly_what_the_rules_allow(role: str) -> None:
    s = scene()
    rows = list(visible_documents(user=s.world.users[role], process=s.world.process))
    assert _keys(s, rows, list(DOCUMENT_ACTIONS.values())) == _expected_visible(
        role, DOCUMENT_ACTIONS
    )
    assert len(rows) == len(_expected_visible(role, DOCUMENT_ACTIONS))


@pytest.mark.parametrize("role", ROLES)
def test_visible_meetings_returns_exactly_what_the_rules_allow(role: str) -> None:
    s = scene()
    rows = list(visible_meetings(user=s.world.users[role], process=s.world.process))
    expected = _expected_visible(role, MEETING_ACTIONS)
    assert _keys(s, rows, list(MEETING_ACTIONS.values())) == expected
    assert len(rows) == len(expected)


@pytest.mark.parametrize("role", ROLES)
def test_visible_entries_returns_exactly_what_the_rules_allow(role: str) -> None:
    s = scene()
    rows = list(visible_entries(user=s.world.users[role], process=s.world.process))
    expected = _expected_visible(role, ENTRY_ACTIONS)
    assert _keys(s, rows, list(ENTRY_ACTIONS.values())) == expected
    assert len(rows) == len(expected)


@pytest.mark.parametrize("flag", list(OBSERVER_WITHOUT))
def test_selectors_follow_the_observer_flags(flag: str) -> None:
    s = scene(**{flag: False})
    observer = s.world.users["observer"]
    docs = {d.pk for d in visible_documents(user=observer, process=s.world.process)}
    meetings = {m.pk for m in visible_meetings(user=observer, process=s.world.process)}
    sees_docs = flag != "observers_see_documents"
    sees_meetings = flag != "observers_see_meetings"
    assert (s.objects["doc_participants"].pk in docs) is sees_docs
    assert (s.objects["meeting_participants"].pk in meetings) is sees_meetings
    assert s.objects["doc_public"].pk in docs
    assert s.objects["meeting_public"].pk in meetings


@pytest.mark.parametrize("role", ROLES)
def test_delegation_members_are_listed_only_to_those_who_may_see_people(role: str) -> None:
    s = scene()
    user = s.world.users[role]
    sees = "view_process_people" in EXPECTED[role]
    assert user_sees_people(user=user, process=s.world.process) is sees
    rows = list(delegations(user=user, process=s.world.process))
    assert len(rows) == 4
    # Members are prefetched only for those who may see them.
    assert all(("members" in getattr(d, "_prefetched_objects_cache", {})) is sees for d in rows)


def test_a_public_entry_does_not_reveal_linked_material_the_reader_may_not_see() -> None:
    s = scene()
    entry: RecordEntry = s.objects["entry_public"]
    entry.documents.set([s.objects["doc_public"], s.objects["doc_secretariat"]])
    entry.meetings.set([s.objects["meeting_public"], s.objects["meeting_participants"]])

    def links(role: str) -> tuple[set[int], set[int]]:
        (row,) = [
            e
            for e in visible_entries(user=s.world.users[role], process=s.world.process)
            if e.pk == entry.pk
        ]
        return {d.pk for d in row.documents.all()}, {m.pk for m in row.meetings.all()}

    doc_public, doc_secretariat = s.objects["doc_public"].pk, s.objects["doc_secretariat"].pk
    meet_public = s.objects["meeting_public"].pk
    meet_participants = s.objects["meeting_participants"].pk
    assert links("anonymous") == ({doc_public}, {meet_public})
    assert links("participant") == ({doc_public}, {meet_public, meet_participants})
    assert links("secretariat") == (
        {doc_public, doc_secretariat},
        {meet_public, meet_participants},
    )


def test_selectors_never_return_another_process_s_material() -> None:
    s = scene()
    other = scene()
    secretariat = s.world.users["secretariat"]
    assert not visible_documents(user=secretariat, process=s.world.process).filter(
        process=other.world.process
    )
    assert {m.process_id for m in visible_meetings(user=secretariat, process=s.world.process)} == {
        s.world.process.pk
    }
    assert Meeting.objects.filter(process=other.world.process).count() == 2
    assert Version.objects.filter(document__process=other.world.process).count() == 6


VERSION_ACTIONS = {
    "doc_public": ("view_version:public/published", "view_version:public/working"),
    "doc_participants": (
        "view_version:participants/published",
        "view_version:participants/working",
    ),
    "doc_delegation": ("view_version:delegation/published", "view_version:delegation/working"),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("document_key", list(VERSION_ACTIONS))
def test_visible_versions_agrees_with_the_version_rule_for_every_document(
    role: str, document_key: str
) -> None:
    """Even when a caller forgets to check the document first, the selector
    lists no version of a document the reader may not see."""
    s = scene()
    published, working = VERSION_ACTIONS[document_key]
    expected = [1] if published in EXPECTED[role] else []
    if working is not None and working in EXPECTED[role]:
        expected.append(2)
    document = s.objects[document_key]
    rows = visible_versions(user=s.world.users[role], document=document)
    assert [v.number for v in rows] == expected
    for v in rows:
        assert s.user(role).has_perm("documents.view_version", v)
