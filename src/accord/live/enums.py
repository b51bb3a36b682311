"""States of a live session, the pen, pen requests and the floor queue, with
their allowed transitions. Services refuse any other transition."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionStatus.OPEN: frozenset({SessionStatus.CLOSED}),
    SessionStatus.CLOSED: frozenset(),
}


class PenRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed")  # the session closed before anyone answered


PEN_REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    PenRequestStatus.PENDING: frozenset(
        {
            PenRequestStatus.GRANTED,
            PenRequestStatus.DECLINED,
            PenRequestStatus.WITHDRAWN,
            PenRequestStatus.LAPSED,
        }
    ),
    PenRequestStatus.GRANTED: frozenset(),
    PenRequestStatus.DECLINED: frozenset(),
    PenRequestStatus.WITHDRAWN: frozenset(),
    PenRequestStatus.LAPSED: frozenset(),
}


class PenEnd(models.TextChoices):
    """Why someone stopped holding the pen."""

    REVOKED = "revoked", _("Revoked")
    RELEASED = "released", _("Released")
    HANDED_OVER = "handed_over", _("Handed over")
    SESSION_CLOSED = "session_closed", _("Session closed")


class FloorStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SPEAKING = "speaking", _("Has the floor")
    DONE = "done", _("Spoke")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed")  # the session closed while waiting


FLOOR_TRANSITIONS: dict[str, frozenset[str]] = {
    FloorStatus.WAITING: frozenset(
        {FloorStatus.SPEAKING, FloorStatus.WITHDRAWN, FloorStatus.LAPSED}
    ),
    FloorStatus.SPEAKING: frozenset({FloorStatus.DONE}),
    FloorStatus.DONE: frozenset(),
    FloorStatus.WITHDRAWN: frozenset(),
    FloorStatus.LAPSED: frozenset(),
}

# Entries shown in the queue: those waiting and the one speaking.
ACTIVE_FLOOR = frozenset({FloorStatus.WAITING, FloorStatus.SPEAKING})


def can_move(table: dict[str, frozenset[str]], current: str, target: str) -> bool:
    return target in table.get(current, frozenset())
