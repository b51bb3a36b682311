"""A live session to test with: the five-party consultation held at once in
Minsk and Moscow, on the working copy of a short charter.

Attendance: the participant (delegation A) and the secretariat officer in
Minsk; the other participant (delegation B) and the chair in Moscow; the
observer in Minsk. Nobody holds the pen when the session starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from accord.core.actors import SYSTEM
from accord.core.enums import DatePrecision, Visibility
from accord.documents import services as documents
from accord.documents.models import Document, Provision, Version
from accord.live import services
from accord.live.models import LiveSession
from accord.meetings.models import Attendance, Meeting, Venue
from tests.factories import MeetingFactory, VenueFactory, World, world

TEXTS = {
    "1": ("Purposes", "The purposes of this Charter are peace and cooperation."),
    "2": ("Principles", "The Parties shall respect [sovereign equality]{%(a)s}."),
    "3": ("Security", "Security in Eurasia is indivisible."),
}


@dataclass
class Live:
    w: World
    meeting: Meeting
    minsk: Venue
    moscow: Venue
    document: Document
    version: Version
    provisions: dict[str, Provision] = field(default_factory=dict)
    session: LiveSession | None = None

    def user(self, role: str) -> Any:
        return self.w.users[role]

    @property
    def s(self) -> LiveSession:
        assert self.session is not None
        return self.session

    def uid(self, number: str) -> str:
        return str(self.provisions[number].uid)


def live_scene(
    *,
    start: bool = True,
    extra_provisions: int = 0,
    parties: dict[str, tuple[str, dict[str, str]]] | None = None,
    texts: dict[str, tuple[str, str]] | None = None,
    title: dict[str, str] | None = None,
    **process_kwargs: Any,
) -> Live:
    """`parties` renames the delegations' parties (key → ISO code, names);
    `texts` and `title` replace the statement's English texts and title."""
    w = world(**process_kwargs)
    for key, (code, names) in (parties or {}).items():
        party = w.delegations[key].party
        party.iso_code, party.names = code, names
        party.save(update_fields=["iso_code", "names"])
    meeting = MeetingFactory(
        process=w.process,
        slug=f"{w.process.slug}-five-party",
        title={"en": "Five-party consultation", "ru": "Пятисторонние консультации"},
        date=dt.date(2025, 10, 28),
        date_precision=DatePrecision.DAY,
        visibility=Visibility.PARTICIPANTS,
    )
    minsk = VenueFactory(
        meeting=meeting,
        host=w.delegations["a"].party,
        city={"en": "Minsk", "ru": "Минск"},
        time_zone="Europe/Minsk",
        position=0,
    )
    moscow = VenueFactory(
        meeting=meeting,
        host=w.delegations["b"].party,
        city={"en": "Moscow", "ru": "Москва"},
        time_zone="Europe/Moscow",
        position=1,
    )
    for role, venue, delegation in (
        ("participant", minsk, "a"),
        ("other_participant", moscow, "b"),
        ("observer", minsk, "obs"),
        ("secretariat", minsk, None),
        ("chair", moscow, None),
    ):
        Attendance.objects.create(
            meeting=meeting,
            venue=venue,
            person=w.users[role].person,
            delegation=w.delegations[delegation] if delegation else None,
        )
    document = documents.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="statement",
        slug=f"{w.process.slug}-statement",
        title=title or {"en": "Joint statement", "ru": "Совместное заявление"},
        authentic_languages=["en", "ru"],
        working_language="en",
        meeting=meeting,
        is_illustrative=texts is not None,
    )
    version = document.versions.get()
    live = Live(
        w=w, meeting=meeting, minsk=minsk, moscow=moscow, document=document, version=version
    )
    source = texts or TEXTS
    numbers = list(source) + [str(len(source) + 1 + i) for i in range(extra_provisions)]
    for number in numbers:
        heading, text = source.get(number, (f"Article {number}", f"Text of article {number}."))
        text = text % {"a": w.delegations["a"].code} if "%(a)s" in text else text
        live.provisions[number] = documents.add_provision(
            actor=SYSTEM,
            version=version,
            kind="article",
            number=number,
            texts={"en": (heading, text), "ru": (heading, f"Текст статьи {number}.")},
        )
    if start:
        live.session = services.start_session(
            actor=w.users["secretariat"], meeting=meeting, document=document
        )
    return live


# Listening to what services publish ------------------------------------------------


async def _drain(layer: Any, channel: str, wait: float) -> list[dict[str, Any]]:
    got = []
    while True:
        try:
            message = await asyncio.wait_for(layer.receive(channel), timeout=wait)
        except TimeoutError:
            return got
        got.append(json.loads(message["text"]))


class Listener:
    """A connection's view of `session`'s group: `take()` returns what arrived."""

    def __init__(self, session: LiveSession) -> None:
        self.layer = get_channel_layer()
        self.group = session.group
        # A channel of no particular process: received directly, from any
        # event loop (each take() runs in its own), on every channel layer.
        self.channel = f"test.listener.{uuid.uuid4().hex}"
        async_to_sync(self.layer.group_add)(self.group, self.channel)

    def take(self, *, wait: float = 0.05) -> list[dict[str, Any]]:
        return async_to_sync(_drain)(self.layer, self.channel, wait)

    def close(self) -> None:
        async_to_sync(self.layer.group_discard)(self.group, self.channel)


@contextlib.contextmanager
def listening(session: LiveSession) -> Iterator[Listener]:
    listener = Listener(session)
    try:
        yield listener
    finally:
        listener.close()


@contextlib.contextmanager
def published(session: LiveSession, *, wait: float = 0.05) -> Iterator[list[dict[str, Any]]]:
    """Collect the events broadcast to `session`'s group during the block, as
    a connection in the group receives them."""
    got: list[dict[str, Any]] = []
    with listening(session) as listener:
        yield got
        got.extend(listener.take(wait=wait))
