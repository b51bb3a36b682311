"""A process with material at every visibility, for the API tests.

`scene()` builds on `world()` (a user in every role) and adds, each keyed by
its visibility: documents (each with a published version 1 and a working
copy 2), meetings (each with a venue and the participant's attendance) and
record entries. The public entry links every document and meeting, so what a
role sees of its links is checked too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.utils import timezone

from accord.accounts.services import create_api_token
from accord.core.actors import SYSTEM
from accord.core.enums import Visibility
from accord.documents.models import Document
from accord.meetings.models import Attendance, Meeting
from accord.processes.models import Person
from accord.record.models import RecordEntry
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    RecordEntryFactory,
    VenueFactory,
    VersionFactory,
    World,
    add_provisions,
    world,
)

PROVISIONS_IN_V1 = 3


@dataclass
class Scene:
    world: World
    documents: dict[str, Document] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    entries: dict[str, RecordEntry] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.world.process.slug

    def key_of_document(self, slug: str) -> str:
        return slug.removeprefix(f"{self.slug}-doc-")

    def key_of_meeting(self, slug: str) -> str:
        return slug.removeprefix(f"{self.slug}-meeting-")


def scene(**process_kwargs: Any) -> Scene:
    w = world(**process_kwargs)
    s = Scene(world=w)
    process = w.process
    for key, visibility, owner in (
        ("public", Visibility.PUBLIC, None),
        ("participants", Visibility.PARTICIPANTS, None),
        ("secretariat", Visibility.SECRETARIAT, None),
        ("delegation-a", Visibility.DELEGATION, w.delegations["a"]),
        ("delegation-obs", Visibility.DELEGATION, w.delegations["obs"]),
    ):
        document = DocumentFactory(
            process=process,
            slug=f"{s.slug}-doc-{key}",
            visibility=visibility,
            owner_delegation=owner,
        )
        v1 = VersionFactory(
            document=document,
            number=1,
            label="Zero draft",
            status="published",
            published_at=timezone.now(),
            content_hash="a" * 64,
        )
        add_provisions(v1, PROVISIONS_IN_V1)
        VersionFactory(
            document=document,
            number=2,
            label="Rev.1",
            status="working",
            content_hash="",
            base=v1,
        )
        s.documents[key] = document
    participant = Person.objects.get(user=w.users["participant"])
    for key, visibility in (
        ("public", Visibility.PUBLIC),
        ("participants", Visibility.PARTICIPANTS),
        ("secretariat", Visibility.SECRETARIAT),
    ):
        meeting = MeetingFactory(
            process=process,
            slug=f"{s.slug}-meeting-{key}",
            visibility=visibility,
            starts_at=dt.datetime(2025, 10, 28, 7, 0, tzinfo=dt.UTC),
        )
        venue = VenueFactory(meeting=meeting, host=w.delegations["a"].party)
        Attendance.objects.create(
            meeting=meeting, venue=venue, person=participant, delegation=w.delegations["a"]
        )
        s.meetings[key] = meeting
    # The public document belongs to the participants-only meeting: readers who
    # may not see that meeting must not learn its slug from the document.
    Document.objects.filter(pk=s.documents["public"].pk).update(meeting=s.meetings["participants"])
    for key, visibility in (
        ("public", Visibility.PUBLIC),
        ("participants", Visibility.PARTICIPANTS),
        ("secretariat", Visibility.SECRETARIAT),
    ):
        s.entries[key] = RecordEntryFactory(process=process, visibility=visibility)
    public_entry = s.entries["public"]
    public_entry.documents.set(s.documents.values())
    public_entry.meetings.set(s.meetings.values())
    public_entry.parties.set([w.delegations["a"].party])
    return s


def client_for(user: Any, via: str = "session") -> Client:
    """A test client acting as `user` (None: anonymous), signed in by session or token."""
    if user is None:
        return Client()
    if via == "session":
        client = Client()
        client.force_login(user)
        return client
    _, key = create_api_token(actor=SYSTEM, user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {key}"})
