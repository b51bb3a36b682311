"""docs/live-events.md and the schemas agree: every event type is documented
with an example, every example validates, every command is listed."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from accord.live import events

DOC = Path(__file__).resolve().parents[2] / "docs" / "live-events.md"
TEXT = DOC.read_text()
EXAMPLES = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", TEXT, re.S)]
EVENTS_PART = TEXT.split("\n## Events\n", 1)[1]


def _kind(example: dict[str, Any]) -> str:
    return example.get("type") or f"command:{example['action']}"


def test_every_event_type_is_documented_under_its_own_heading():
    headings = re.findall(r"^### (.+)$", EVENTS_PART, re.M)
    documented = {name for heading in headings for name in re.findall(r"`([a-z._]+)`", heading)}
    assert documented == events.EVENT_TYPES


def test_every_event_type_has_an_example_and_every_example_validates():
    seen: set[str] = set()
    for example in EXAMPLES:
        kind = _kind(example)
        if kind in events.EVENT_TYPES:
            events.validate_event(example)
        elif kind == "snapshot":
            events.Snapshot.model_validate(example)
        elif kind == "catchup":
            for event in events.Catchup.model_validate(example).events:
                events.validate_event(event.model_dump(mode="json"))
        elif kind == "reply":
            events.Reply.model_validate(example)
        elif kind == "pong":
            events.Pong.model_validate(example)
        else:
            events.COMMAND.validate_python(example)
        seen.add(kind)
    assert seen >= events.EVENT_TYPES
    assert {"snapshot", "catchup", "reply", "pong", "command:edit"} <= seen


def _actions() -> set[str]:
    names: set[str] = set()
    for member in typing.get_args(typing.get_args(events.ClientCommand)[0]):
        names.update(typing.get_args(member.model_fields["action"].annotation))
    return names


def test_the_command_table_lists_every_command():
    table = TEXT.split("## Commands from a client", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z._]+)` \|", table, re.M))
    assert listed == _actions()


@pytest.mark.parametrize(
    "event",
    [
        {
            "type": "focus.set",
            "seq": 0,
            "session": 1,
            "at": "2025-10-28T07:00:00Z",
            "data": {"uid": None, "by": {"user": 1, "name": "x"}},
        },
        {
            "type": "focus.set",
            "seq": 1,
            "session": 1,
            "at": "2025-10-28T07:00:00Z",
            "data": {"uid": None},
        },
        {
            "type": "focus.set",
            "seq": 1,
            "session": 1,
            "at": "2025-10-28T07:00:00Z",
            "data": {"uid": None, "by": {"user": 1, "name": "x"}, "extra": 1},
        },
        {
            "type": "floor.given",
            "seq": 1,
            "session": 1,
            "at": "2025-10-28T07:00:00Z",
            "data": {"entry": "four", "previous": None, "by": {"user": 1, "name": "x"}},
        },
    ],
)
def test_malformed_events_are_refused(event):
    with pytest.raises(ValidationError):
        events.validate_event(event)


def test_an_unknown_event_type_is_refused():
    with pytest.raises(ValueError, match="unknown event type"):
        events.validate_event(
            {
                "type": "screen.melted",
                "seq": 1,
                "session": 1,
                "at": "2025-10-28T07:00:00Z",
                "data": {},
            }
        )


def test_a_service_cannot_build_an_event_with_the_wrong_payload():

    with pytest.raises(TypeError, match=r"focus\.set carries FocusSet"):
        events.event(
            kind="focus.set",
            seq=1,
            session=1,
            at=dt.datetime(2025, 10, 28, tzinfo=dt.UTC),
            data=events.PresenceLeft(connection=1),
        )


@pytest.mark.parametrize(
    "command",
    [
        {"action": "edit", "uid": "u", "text": "x" * 20_001, "revision": 1},
        {"action": "edit", "uid": "u", "text": "x", "revision": -1},
        {"action": "floor.give"},
        {"action": "pen.grant", "request": "one"},
        {"action": "sync", "after": 1, "ref": "r" * 65},
    ],
)
def test_malformed_commands_are_refused(command):
    with pytest.raises(ValidationError):
        events.COMMAND.validate_python(command)
