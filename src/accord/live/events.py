"""The live protocol, typed: events of a session's log, the state a client
holds, and the messages clients and server exchange. `docs/live-events.md`
describes each with an example; tests validate every published event and
every example in that file against these models.

Every event is an `Envelope`: its type, its number in the session's log
(`seq`, 1, 2, 3…, without gaps), the session, when it happened (UTC) and the
type's `data`. Services build events only through these models, so nothing is
broadcast that does not match its schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

MAX_CLIENT_TEXT = 20_000
"""Longest text a client may send (the documents service enforces the same)."""


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Pieces ----------------------------------------------------------------------


class PersonRef(Schema):
    user: int
    name: str


class DelegationRef(Schema):
    id: int
    code: str
    names: dict[str, str]


class VenueRef(Schema):
    id: int
    city: dict[str, str]
    time_zone: str


class PenHolder(Schema):
    user: PersonRef
    delegation: DelegationRef | None
    venue: VenueRef | None
    since: dt.datetime


class PenRequestRef(Schema):
    id: int
    user: PersonRef
    delegation: DelegationRef | None
    venue: VenueRef | None
    requested_at: dt.datetime


class FloorEntryRef(Schema):
    id: int
    user: PersonRef
    delegation: DelegationRef
    venue: VenueRef | None
    requested_at: dt.datetime
    status: Literal["waiting", "speaking"]


class ConnectionRef(Schema):
    id: int
    user: PersonRef
    delegation: DelegationRef | None
    venue: VenueRef | None


RedlineOp = Literal["equal", "insert", "delete"]
Redline = list[tuple[RedlineOp, str]]


class ProvisionState(Schema):
    """A provision on screen. `text` is its stored notation, with the
    identities of its brackets and options (what the pen-holder edits, so
    that proposals and positions keep pointing at them); `display` is the
    same without identities (what screens show); `redline` compares
    `display` with the display of the text the session started from."""

    uid: str
    kind: str
    number: str
    eid: str
    depth: int
    heading: str
    text: str
    display: str
    revision: int
    redline: Redline


class State(Schema):
    """What a client shows, as of event `seq`."""

    session: int
    seq: int
    status: Literal["open", "closed"]
    language: str
    focus: str | None
    pen: PenHolder | None
    pen_requests: list[PenRequestRef]
    floor: list[FloorEntryRef]
    presence: list[ConnectionRef]
    provisions: list[ProvisionState]


# Event data, one model per type ------------------------------------------------


class FocusSet(Schema):
    uid: str | None
    by: PersonRef


class TextEdited(Schema):
    uid: str
    language: str
    heading: str
    text: str
    display: str
    revision: int
    redline: Redline
    by: PersonRef


class TextRefreshed(Schema):
    """The text changed outside the live screen (found when an edit conflicted)."""

    uid: str
    language: str
    heading: str
    text: str
    display: str
    revision: int
    redline: Redline


class PenRequested(Schema):
    request: PenRequestRef


class PenRequestClosed(Schema):
    """A pending request withdrawn by its author or declined by the chair."""

    request: int
    by: PersonRef


class PenGranted(Schema):
    holder: PenHolder
    request: int | None
    by: PersonRef


class PenTaken(Schema):
    """The pen-holder released the pen, or the chair revoked it."""

    holder: PersonRef
    by: PersonRef


class FloorRequested(Schema):
    entry: FloorEntryRef


class FloorWithdrawn(Schema):
    entry: int
    by: PersonRef


class FloorGiven(Schema):
    entry: int
    previous: int | None
    by: PersonRef


class FloorEnded(Schema):
    entry: int
    by: PersonRef


class PresenceJoined(Schema):
    connection: ConnectionRef


class PresenceLeft(Schema):
    connection: int


class SessionClosed(Schema):
    by: PersonRef


DATA_MODELS: dict[str, type[Schema]] = {
    "focus.set": FocusSet,
    "text.edited": TextEdited,
    "text.refreshed": TextRefreshed,
    "pen.requested": PenRequested,
    "pen.request_withdrawn": PenRequestClosed,
    "pen.request_declined": PenRequestClosed,
    "pen.granted": PenGranted,
    "pen.released": PenTaken,
    "pen.revoked": PenTaken,
    "floor.requested": FloorRequested,
    "floor.withdrawn": FloorWithdrawn,
    "floor.given": FloorGiven,
    "floor.ended": FloorEnded,
    "presence.joined": PresenceJoined,
    "presence.left": PresenceLeft,
    "session.closed": SessionClosed,
}
EVENT_TYPES = frozenset(DATA_MODELS)


class Envelope(Schema):
    type: str
    seq: int = Field(ge=1)
    session: int
    at: dt.datetime
    data: dict[str, Any]


def event(*, kind: str, seq: int, session: int, at: dt.datetime, data: Schema) -> dict[str, Any]:
    """An event as plain JSON values, checked against its type's schema."""
    expected = DATA_MODELS[kind]
    if not isinstance(data, expected):
        raise TypeError(f"{kind} carries {expected.__name__}, not {type(data).__name__}")
    return Envelope(
        type=kind, seq=seq, session=session, at=at, data=data.model_dump(mode="json")
    ).model_dump(mode="json")


def validate_event(value: dict[str, Any]) -> Schema:
    """Check a published event (envelope and data); return its typed data."""
    envelope = Envelope.model_validate(value)
    if envelope.type not in DATA_MODELS:
        raise ValueError(f"unknown event type {envelope.type!r}")
    return DATA_MODELS[envelope.type].model_validate(envelope.data)


# Messages between client and server -----------------------------------------


class Snapshot(Schema):
    type: Literal["snapshot"]
    state: State


class Catchup(Schema):
    type: Literal["catchup"]
    events: list[Envelope]


class ErrorBody(Schema):
    code: str
    message: str
    current: ProvisionState | None = None


class Reply(Schema):
    type: Literal["reply"]
    ref: str | None
    ok: bool
    seq: int | None = None
    revision: int | None = None
    error: ErrorBody | None = None


class Pong(Schema):
    type: Literal["pong"]
    seq: int


ServerMessage = Annotated[
    Snapshot | Catchup | Reply | Pong | Envelope, Field(union_mode="left_to_right")
]


class Command(Schema):
    ref: str | None = Field(default=None, max_length=64)


class Sync(Command):
    action: Literal["sync"]
    after: int = Field(ge=0)


class Ping(Command):
    action: Literal["ping"]


class Edit(Command):
    action: Literal["edit"]
    uid: str = Field(max_length=64)
    text: str = Field(max_length=MAX_CLIENT_TEXT)
    revision: int = Field(ge=0)
    heading: str | None = Field(default=None, max_length=500)


class Focus(Command):
    action: Literal["focus"]
    uid: str | None = Field(max_length=64)


class PenAction(Command):
    action: Literal["pen.request", "pen.withdraw", "pen.release", "pen.revoke", "pen.take"]


class PenDecision(Command):
    action: Literal["pen.grant", "pen.decline"]
    request: int


class FloorAction(Command):
    action: Literal["floor.request", "floor.end"]


class FloorWithdraw(Command):
    action: Literal["floor.withdraw"]
    entry: int | None = None


class FloorGive(Command):
    action: Literal["floor.give"]
    entry: int


ClientCommand = Annotated[
    Sync | Ping | Edit | Focus | PenAction | PenDecision | FloorAction | FloorWithdraw | FloorGive,
    Field(discriminator="action"),
]
COMMAND = TypeAdapter(ClientCommand)
