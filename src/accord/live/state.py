"""How a client's state changes with each event: the reference reducer.

`apply(state, event)` is what `static/live/live.js` does in the browser, in
Python, on the JSON values of `events.State` and `events.Envelope`. The
invariant tests check that the state rendered before an action, with the
events the action published applied here, equals the state rendered after
it; the browser test checks that the page follows the same events.

Events carry their number: one at or below the state's number was already
applied and is ignored (so a replayed event is never applied twice); one
beyond the next number means the client missed some, and `Gap` tells it to
ask the server for what it missed.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from typing import Any

JSON = dict[str, Any]


class Gap(Exception):
    """An event arrived before the ones that precede it."""

    def __init__(self, have: int, got: int) -> None:
        super().__init__(f"have #{have}, got #{got}: events #{have + 1}–#{got - 1} are missing")
        self.have = have
        self.got = got


def _moment(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _queue_key(row: JSON) -> tuple[dt.datetime, int]:
    return (_moment(row["requested_at"]), row["id"])


def _without(rows: list[JSON], ident: int | None) -> list[JSON]:
    return [row for row in rows if row["id"] != ident]


def apply(state: JSON, event: JSON) -> JSON:
    """The state after `event` (a new value; `state` is not changed)."""
    seq = event["seq"]
    if seq <= state["seq"]:
        return state
    if seq != state["seq"] + 1:
        raise Gap(state["seq"], seq)
    new = copy.deepcopy(state)
    new["seq"] = seq
    kind, data = event["type"], event["data"]
    if kind == "focus.set":
        new["focus"] = data["uid"]
    elif kind in ("text.edited", "text.refreshed"):
        if data["language"] == new["language"]:
            for provision in new["provisions"]:
                if provision["uid"] == data["uid"]:
                    for key in ("heading", "text", "display", "revision", "redline"):
                        provision[key] = data[key]
    elif kind == "pen.requested":
        new["pen_requests"] = sorted(
            [*_without(new["pen_requests"], data["request"]["id"]), data["request"]],
            key=_queue_key,
        )
    elif kind in ("pen.request_withdrawn", "pen.request_declined"):
        new["pen_requests"] = _without(new["pen_requests"], data["request"])
    elif kind == "pen.granted":
        new["pen"] = data["holder"]
        new["pen_requests"] = _without(new["pen_requests"], data["request"])
    elif kind in ("pen.released", "pen.revoked"):
        new["pen"] = None
    elif kind == "floor.requested":
        new["floor"] = sorted(
            [*_without(new["floor"], data["entry"]["id"]), data["entry"]], key=_queue_key
        )
    elif kind in ("floor.withdrawn", "floor.ended"):
        new["floor"] = _without(new["floor"], data["entry"])
    elif kind == "floor.given":
        floor = _without(new["floor"], data["previous"])
        for entry in floor:
            if entry["id"] == data["entry"]:
                entry["status"] = "speaking"
        new["floor"] = floor
    elif kind == "presence.joined":
        new["presence"] = sorted(
            [*_without(new["presence"], data["connection"]["id"]), data["connection"]],
            key=lambda row: row["id"],
        )
    elif kind == "presence.left":
        new["presence"] = _without(new["presence"], data["connection"])
    elif kind == "session.closed":
        new.update(status="closed", pen=None, pen_requests=[], floor=[], presence=[])
    else:
        raise ValueError(f"unknown event type {kind!r}")
    return new


def apply_all(state: JSON, events: Iterable[JSON]) -> JSON:
    """Apply events in their order of number, as a client does."""
    for event in sorted(events, key=lambda e: e["seq"]):
        state = apply(state, event)
    return state
