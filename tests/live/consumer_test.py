"""The live websocket through the real ASGI application (origin check,
session authentication, routing, consumer), with Channels' test communicator.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accord.config.asgi import application
from accord.documents import services as documents
from accord.live import events, services
from accord.live.consumers import CLOSED, REFUSED
from accord.live.models import Presence
from accord.live.state import apply_all
from accord.processes.models import DelegationMember
from tests.live.communicator import WebsocketCommunicator
from tests.live.scene import Live, live_scene

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = "http://localhost:8000"


def _cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def cookies(live: Live) -> dict[str, str | None]:
    """A signed-in session cookie for every role (None for the anonymous)."""
    return {
        role: None if user is None else f"{settings.SESSION_COOKIE_NAME}={_cookie(user)}"
        for role, user in live.w.users.items()
    }


def socket(
    live: Live,
    cookie: str | None = None,
    *,
    origin: str | None = ORIGIN,
    query: str = "",
) -> WebsocketCommunicator:
    headers = []
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    path = f"/ws/live/{live.s.pk}/" + (f"?{query}" if query else "")
    return WebsocketCommunicator(application, path, headers=headers)


async def receive(ws: WebsocketCommunicator, timeout: float = 3) -> dict[str, Any]:
    return json.loads(await ws.receive_from(timeout=timeout))


async def receive_event(ws: WebsocketCommunicator, kind: str) -> dict[str, Any]:
    """The next event of type `kind`, skipping others (presence, say)."""
    for _ in range(20):
        message = await receive(ws)
        if message.get("type") == kind:
            return message
    raise AssertionError(f"no {kind} event")


async def command(ws: WebsocketCommunicator, **body: Any) -> dict[str, Any]:
    """Send a command; return its reply (events that arrive first are skipped)."""
    await ws.send_to(text_data=json.dumps({"ref": "r1", **body}))
    for _ in range(20):
        message = await receive(ws)
        if message.get("type") == "reply":
            assert message["ref"] == "r1"
            return message
    raise AssertionError("no reply")


def run(coroutine_function: Any, *args: Any) -> Any:
    return async_to_sync(coroutine_function)(*args)


async def published_but_not_received(live: Live, *refused: WebsocketCommunicator) -> None:
    """Publish an event; a member of the group gets it, the refused sockets do not."""
    layer = get_channel_layer()
    member = await layer.new_channel()
    await layer.group_add(live.s.group, member)
    await database_sync_to_async(services.set_focus)(
        actor=live.user("chair"), session=live.s, provision_uid=live.uid("1")
    )
    message = await asyncio.wait_for(layer.receive(member), timeout=3)
    assert json.loads(message["text"])["type"] == "focus.set"
    for ws in refused:
        assert await ws.receive_nothing(timeout=0.2)
    await layer.group_discard(live.s.group, member)


# Who may connect ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["participant", "other_participant", "observer", "secretariat", "chair", "facilitator"]
)
def test_members_of_the_meeting_connect_and_get_the_whole_state(role):
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        ws = socket(live, c[role])
        connected, _ = await ws.connect()
        assert connected
        hello = await receive(ws)
        assert hello["type"] == "snapshot"
        state = events.State.model_validate(hello["state"])
        assert [p.text for p in state.provisions][2] == "Security in Eurasia is indivisible."
        assert [(c.user.user, c.venue.city["en"] if c.venue else None) for c in state.presence] == [
            (live.user(role).pk, {"facilitator": None}.get(role, _venue(live, role)))
        ]
        await ws.disconnect()

    run(scenario)
    assert not Presence.objects.exists()


def _venue(live: Live, role: str) -> str:
    return "Moscow" if role in ("other_participant", "chair") else "Minsk"


@pytest.mark.parametrize("role", ["anonymous", "outsider", "interested"])
def test_non_participants_cannot_join_nor_receive(role):
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        ws = socket(live, c[role])
        connected, code = await ws.connect()
        assert (connected, code) == (False, REFUSED)
        await published_but_not_received(live, ws)

    run(scenario)
    assert not Presence.objects.exists()


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "https://localhost.evil.example", "null", None]
)
def test_a_foreign_or_missing_origin_is_refused_even_with_a_valid_session(origin):
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        ws = socket(live, c["participant"], origin=origin)
        connected, _ = await ws.connect()
        assert not connected
        await published_but_not_received(live, ws)

    run(scenario)


def test_a_forged_session_cookie_is_anonymous():
    live = live_scene()

    async def scenario() -> None:
        ws = socket(live, f"{settings.SESSION_COOKIE_NAME}=not-a-session")
        assert await ws.connect() == (False, REFUSED)

    run(scenario)


def test_a_closed_or_unknown_session_refuses_connections():
    live = live_scene()
    c = cookies(live)
    services.close_session(actor=live.user("chair"), session=live.s)

    async def scenario() -> None:
        assert (await socket(live, c["participant"]).connect())[0] is False
        live.s.pk = 999_999
        assert (await socket(live, c["participant"]).connect())[0] is False

    run(scenario)


# Events, commands, conflicts ----------------------------------------------------------


def test_an_edit_by_the_pen_holder_reaches_every_venue():
    live = live_scene()
    c = cookies(live)
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("other_participant"))

    async def scenario() -> None:
        minsk = socket(live, c["participant"])
        moscow = socket(live, c["other_participant"])
        assert (await minsk.connect())[0]
        assert (await moscow.connect())[0]
        await receive(minsk)
        snapshot = await receive(moscow)
        assert snapshot["state"]["pen"]["venue"]["city"]["en"] == "Moscow"
        reply = await command(
            moscow,
            action="edit",
            uid=live.uid("3"),
            text="Security in Eurasia is [indivisible].",
            revision=1,
        )
        assert (reply["ok"], reply["revision"]) == (True, 2)
        edited = await receive_event(minsk, "text.edited")
        events.validate_event(edited)
        # Stored with the bracket's identity; shown without, against the start.
        assert edited["data"]["text"] == "Security in Eurasia is [#b1 indivisible]."
        assert edited["data"]["display"] == "Security in Eurasia is [indivisible]."
        assert edited["data"]["redline"] == [
            ["equal", "Security in Eurasia is "],
            ["insert", "["],
            ["equal", "indivisible"],
            ["insert", "]"],
            ["equal", "."],
        ]
        assert edited["data"]["by"]["user"] == live.user("other_participant").pk
        await minsk.disconnect()
        await moscow.disconnect()

    run(scenario)


def test_others_are_refused_edits_and_get_a_reason():
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        ws = socket(live, c["secretariat"])
        await ws.connect()
        await receive(ws)
        reply = await command(ws, action="edit", uid=live.uid("3"), text="x", revision=1)
        assert reply["ok"] is False
        assert reply["error"]["code"] == "forbidden"
        assert "pen-holder" in reply["error"]["message"]
        bad = await command(ws, action="edit", uid=live.uid("3"), text=7)
        assert (bad["ok"], bad["error"]["code"]) == (False, "invalid")
        unknown = await command(ws, action="dance")
        assert unknown["error"]["code"] == "invalid"
        await ws.disconnect()

    run(scenario)


def test_the_second_writer_gets_a_conflict_with_the_current_text():
    live = live_scene()
    c = cookies(live)
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("participant"))

    async def scenario() -> None:
        pen = socket(live, c["participant"])
        viewer = socket(live, c["observer"])
        await pen.connect()
        await viewer.connect()
        await receive(pen)
        await receive(viewer)
        # The secretariat, at the other venue, writes first (through the documents page).
        await database_sync_to_async(documents.set_text)(
            actor=live.user("secretariat"),
            provision=live.provisions["3"],
            language="en",
            heading="Security",
            text="Security in Eurasia is equal.",
            expected_revision=1,
        )
        reply = await command(
            pen, action="edit", uid=live.uid("3"), text="Security is indivisible.", revision=1
        )
        assert reply["ok"] is False
        assert reply["error"]["code"] == "conflict"
        assert reply["error"]["current"]["text"] == "Security in Eurasia is equal."
        assert reply["error"]["current"]["revision"] == 2
        refreshed = await receive_event(viewer, "text.refreshed")
        assert refreshed["data"]["text"] == "Security in Eurasia is equal."
        await pen.disconnect()
        await viewer.disconnect()

    run(scenario)


def test_the_floor_queue_and_the_pen_move_through_commands():
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        chair = socket(live, c["chair"])
        a = socket(live, c["participant"])
        for ws in (chair, a):
            await ws.connect()
            await receive(ws)
        assert (await command(a, action="floor.request"))["ok"]
        entry = (await receive_event(chair, "floor.requested"))["data"]["entry"]
        assert (entry["delegation"]["id"], entry["venue"]["city"]["en"]) == (
            live.w.delegations["a"].pk,
            "Minsk",
        )
        assert (await command(chair, action="floor.give", entry=entry["id"]))["ok"]
        assert (await receive_event(a, "floor.given"))["data"]["entry"] == entry["id"]
        assert (await command(a, action="floor.end"))["ok"]
        assert (await command(a, action="pen.request"))["ok"]
        request = (await receive_event(chair, "pen.requested"))["data"]["request"]
        assert (await command(chair, action="pen.grant", request=request["id"]))["ok"]
        assert (await receive_event(a, "pen.granted"))["data"]["holder"]["user"]["user"] == (
            live.user("participant").pk
        )
        assert (await command(a, action="focus", uid=live.uid("2")))["ok"]
        assert (await command(chair, action="pen.revoke"))["ok"]
        refused = await command(a, action="focus", uid=live.uid("1"))
        assert refused["error"]["code"] == "forbidden"
        await chair.disconnect()
        await a.disconnect()

    run(scenario)


def test_a_delegate_removed_from_the_delegation_loses_the_right_at_once():
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        a = socket(live, c["participant"])
        await a.connect()
        await receive(a)
        await database_sync_to_async(
            DelegationMember.objects.filter(person__user=live.user("participant")).delete
        )()
        reply = await command(a, action="floor.request")
        assert reply["error"]["code"] == "forbidden"
        await a.disconnect()

    run(scenario)


# Reconnecting -------------------------------------------------------------------------


async def receive_until(ws: WebsocketCommunicator, done: Any) -> list[dict[str, Any]]:
    """Messages until (and with) the first for which `done` is true."""
    got = []
    for _ in range(50):
        got.append(await receive(ws))
        if done(got[-1]):
            return got
    raise AssertionError("never came")


def test_a_client_that_reconnects_catches_up_without_losing_or_repeating_an_edit():
    live = live_scene()
    c = cookies(live)
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("participant"))

    def edited(revision: int) -> Any:
        return lambda m: m.get("type") == "text.edited" and m["data"]["revision"] == revision

    async def scenario() -> None:
        viewer = socket(live, c["observer"])
        await viewer.connect()
        state = (await receive(viewer))["state"]
        pen = socket(live, c["participant"])
        await pen.connect()
        await receive(pen)
        for revision in (1, 2):
            text = f"Security, take {revision}."
            await command(pen, action="edit", uid=live.uid("3"), text=text, revision=revision)
        # The viewer follows both edits (its own arrival comes back too, and
        # is ignored by number: the snapshot had it); then it drops.
        state = apply_all(state, await receive_until(viewer, edited(3)))
        assert state["provisions"][2]["text"] == "Security, take 2."
        await viewer.disconnect()
        for revision in (3, 4):
            text = f"Security, take {revision}."
            await command(pen, action="edit", uid=live.uid("3"), text=text, revision=revision)
        # It comes back saying what it holds and gets exactly what it missed.
        back = socket(live, c["observer"], query=f"after={state['seq']}")
        await back.connect()
        catchup = await receive(back)
        assert catchup["type"] == "catchup"
        missed = catchup["events"]
        assert [e["type"] for e in missed] == [
            "presence.left",
            "text.edited",
            "text.edited",
            "presence.joined",
        ]
        assert [e["seq"] for e in missed] == list(range(state["seq"] + 1, state["seq"] + 5))
        state = apply_all(state, missed)
        # Then live events; those the catch-up already had are ignored by number.
        fresh = socket(live, c["chair"])
        await fresh.connect()
        now = (await receive(fresh))["state"]
        chair = live.user("chair").pk
        state = apply_all(
            state,
            await receive_until(
                back,
                lambda m: (
                    m.get("type") == "presence.joined"
                    and m["data"]["connection"]["user"]["user"] == chair
                ),
            ),
        )
        assert state == now
        assert state["provisions"][2]["text"] == "Security, take 4."
        for ws in (back, pen, fresh):
            await ws.disconnect()

    run(scenario)


def test_a_client_too_far_behind_gets_a_snapshot_and_a_sync_returns_what_is_missing():
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        ws = socket(live, c["chair"], query="after=12345")
        await ws.connect()
        hello = await receive(ws)
        assert hello["type"] == "snapshot"  # ahead of the server: start afresh
        await database_sync_to_async(services.set_focus)(
            actor=live.user("chair"), session=live.s, provision_uid=live.uid("1")
        )
        focus = await receive_event(ws, "focus.set")
        await ws.send_to(text_data=json.dumps({"action": "sync", "after": focus["seq"] - 1}))
        again = await receive(ws)
        assert again == {"type": "catchup", "events": [focus]}
        await ws.send_to(text_data=json.dumps({"action": "ping"}))
        assert await receive(ws) == {"type": "pong", "seq": focus["seq"]}
        await ws.disconnect()

    run(scenario)


def test_closing_the_session_tells_every_screen_and_closes_the_connections():
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        ws = socket(live, c["participant"])
        await ws.connect()
        await receive(ws)
        await database_sync_to_async(services.close_session)(
            actor=live.user("chair"), session=live.s
        )
        closed = await receive_event(ws, "session.closed")
        assert closed["data"]["by"]["user"] == live.user("chair").pk
        output = await ws.receive_output(timeout=2)
        assert output == {"type": "websocket.close", "code": CLOSED}

    run(scenario)
    assert not Presence.objects.exists()


def test_an_event_for_a_client_that_has_gone_does_not_kill_the_consumer():
    """uvicorn raises (an OSError) when a consumer sends to a client that has
    closed; the consumer must survive to handle the disconnect that follows,
    or the connection would stay listed as present."""
    from accord.live.consumers import LiveConsumer

    class Gone(OSError):
        pass

    async def server_send(message: dict[str, Any]) -> None:
        raise Gone("client disconnected")

    async def scenario() -> None:
        consumer = LiveConsumer()
        consumer.base_send = server_send
        await consumer.live_event({"type": "live.event", "text": "{}", "last": False})

    run(scenario)


def test_a_consumer_that_dies_does_not_stay_present():
    """If a consumer fails (here: a message it has no handler for; in the field,
    the channel layer timing out under it), the server drops the socket, the
    client reconnects and catches up, and presence does not keep the dead one."""
    live = live_scene()
    c = cookies(live)

    async def scenario() -> None:
        ws = socket(live, c["participant"])
        await ws.connect()
        await receive(ws)
        assert await database_sync_to_async(Presence.objects.count)() == 1
        await get_channel_layer().group_send(live.s.group, {"type": "no.such.handler"})
        with pytest.raises(ValueError, match="No handler for message type"):
            await ws.wait(timeout=3)

    run(scenario)
    assert not Presence.objects.exists()
    assert list(live.s.events.values_list("type", flat=True)) == [
        "presence.joined",
        "presence.left",
    ]


def test_a_ping_sweeps_away_the_connections_of_a_dead_node():
    live = live_scene()
    c = cookies(live)
    ghost = services.join(actor=live.user("chair"), session=live.s, channel_name="dead-node!x")
    Presence.objects.filter(pk=ghost.pk).update(
        last_seen=timezone.now() - services.presence.STALE_AFTER - dt.timedelta(seconds=5)
    )

    async def scenario() -> None:
        ws = socket(live, c["participant"])
        await ws.connect()
        hello = await receive(ws)
        assert ghost.pk in [p["id"] for p in hello["state"]["presence"]]
        await ws.send_to(text_data=json.dumps({"action": "ping"}))
        # The pong comes straight back; the event through the channel layer.
        got: dict[str, Any] = {}
        while not {"pong", "presence.left"} <= got.keys():
            message = await receive(ws)
            got[message["type"]] = message
        assert got["presence.left"]["data"]["connection"] == ghost.pk
        assert got["pong"]["seq"] == got["presence.left"]["seq"]
        await ws.disconnect()

    run(scenario)
    assert not Presence.objects.filter(pk=ghost.pk).exists()


def test_a_sign_in_that_still_owes_its_two_factor_code_opens_no_websocket(settings):
    settings.ACCORD_TWO_FACTOR_ROLES = ["secretariat"]
    live = live_scene()
    pending = f"{settings.SESSION_COOKIE_NAME}={_cookie(live.user('secretariat'))}"
    settings.ACCORD_TWO_FACTOR_ROLES = []
    fine = f"{settings.SESSION_COOKIE_NAME}={_cookie(live.user('secretariat'))}"

    async def scenario() -> None:
        ws = socket(live, pending)
        assert await ws.connect() == (False, REFUSED)
        ws = socket(live, fine)
        connected, _code = await ws.connect()
        assert connected
        await ws.disconnect()

    run(scenario)
