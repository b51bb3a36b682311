"""The websocket of a live session: `/ws/live/<session id>/?after=N&venue=V`.

A connection is authenticated by the Django session (the cookie the pages
use; `AuthMiddlewareStack` in `config/asgi.py`), its Origin checked there
too, and authorised here by `live.join_session`, the rule the pages use: a
refused connection is closed before the handshake completes (HTTP 403), so
it never joins the session's group and never receives an event.

On connecting the client says the number of the last event it holds
(`after`), or nothing for a fresh start, and gets either the events it
missed (`catchup`) or the whole state (`snapshot`), read under the session's
lock so that state and number agree. Events then arrive as they are
published; a client that sees a gap in the numbers sends `sync`. Commands
(`edit`, `focus`, `pen.*`, `floor.*`) each call one service and get a
`reply` with the same `ref`. docs/live-events.md describes the protocol.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.db import transaction
from django.utils import translation
from pydantic import ValidationError as SchemaError

from accord.accounts.two_factor import pending_for_scope
from accord.core.errors import AccordError
from accord.live import events, publish, selectors, services
from accord.live.models import LiveSession
from accord.live.rules import allows
from accord.processes.access import forget_access

logger = logging.getLogger(__name__)

REFUSED = 4403
"""Close code of a connection refused (sent as HTTP 403 during the handshake)."""
CLOSED = 4000
"""Close code after the session closed: the client should not reconnect."""


def _int(query: dict[str, list[str]], name: str) -> int | None:
    values = query.get(name)
    if not values:
        return None
    try:
        value = int(values[0])
    except ValueError:
        return None
    return value if value >= 0 else None


def _encode(message: events.Schema | dict[str, Any]) -> str:
    if isinstance(message, events.Schema):
        message = message.model_dump(mode="json")
    return publish.encode(message)


def hello(session: LiveSession, after: int | None) -> str:
    """What a connecting (or lagging) client needs, read consistently: the
    events after `after`, or the whole state."""
    with transaction.atomic():
        LiveSession.objects.select_for_update(no_key=True, of=("self",)).get(pk=session.pk)
        missed = selectors.events_after(session, after) if after is not None else None
        if missed is not None:
            return _encode({"type": "catchup", "events": missed})
        return _encode({"type": "snapshot", "state": selectors.session_state(session)})


class LiveConsumer(AsyncWebsocketConsumer):  # type: ignore[misc, unused-ignore]
    session: LiveSession | None = None
    user: Any = None
    language: str = "en"

    # Connection -------------------------------------------------------------------

    async def connect(self) -> None:
        user = self.scope.get("user")
        user = getattr(user, "_wrapped", user)
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        self.language = self._language()
        session_id = self.scope["url_route"]["kwargs"]["session_id"]
        session = await database_sync_to_async(self._admit)(user, session_id)
        if session is not None and await database_sync_to_async(pending_for_scope)(self.scope):
            session = None  # signed in, but the two-factor code is still owed
        if session is None:
            await self.close(code=REFUSED)
            return
        self.session, self.user = session, user
        await self.channel_layer.group_add(session.group, self.channel_name)
        await self.accept()
        try:
            text = await database_sync_to_async(self._join)(
                _int(query, "venue"), _int(query, "after")
            )
        except AccordError:
            await self._leave_group()
            await self.close(code=REFUSED)
            return
        await self.deliver(text)

    async def deliver(self, text: str) -> None:
        """Send `text`, unless the client has gone: its disconnect message is
        then on its way, and the consumer must live to handle it (and so to
        remove the connection from presence)."""
        try:
            await self.send(text_data=text)
        except OSError:  # the server's "client disconnected" (uvicorn's is an OSError)
            logger.debug("a client of live session went away before an event")

    def _language(self) -> str:
        cookies = self.scope.get("cookies") or {}
        code = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
        return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def _admit(self, user: Any, session_id: int) -> LiveSession | None:
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        session = selectors.get_session(session_id)
        if session is None or not session.is_open:
            return None
        return session if allows(user, "live.join_session", session) else None

    def _join(self, venue_id: int | None, after: int | None) -> str:
        assert self.session is not None
        with translation.override(self.language), transaction.atomic():
            services.join(
                actor=self.user,
                session=self.session,
                channel_name=self.channel_name,
                venue_id=venue_id,
            )
            return hello(self.session, after)

    async def disconnect(self, code: int) -> None:
        if self.session is None:
            return
        # Presence first: it is what every screen shows. Leaving the group can
        # fail under a storm of disconnections (the channel layer's connection
        # pool is full); a channel left behind only receives nothing, and the
        # layer forgets it when its messages expire.
        await database_sync_to_async(services.leave)(channel_name=self.channel_name)
        await self._leave_group()
        self.session = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            if self.session is not None:
                # The consumer died without handling its disconnect (the channel
                # layer failed under it, say): the server closes the socket, the
                # client reconnects and catches up; presence must not keep it.
                try:
                    await database_sync_to_async(services.leave)(channel_name=self.channel_name)
                except BaseException:
                    logger.warning(
                        "could not remove a dead connection from presence", exc_info=True
                    )
                    raise

    async def _leave_group(self) -> None:
        if self.session is None:
            return
        try:
            await self.channel_layer.group_discard(self.session.group, self.channel_name)
        except Exception:
            logger.warning(
                "could not leave the group of live session %s", self.session.pk, exc_info=True
            )

    # Events from the channel layer ------------------------------------------------

    async def live_event(self, message: dict[str, Any]) -> None:
        """One published event, already encoded: passed on as it is."""
        await self.deliver(message["text"])
        if message.get("last"):
            await self._leave_group()
            self.session = None
            await self.close(code=CLOSED)

    # Commands from the client -----------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.session is None:
            return
        try:
            command = events.COMMAND.validate_json(text_data or bytes_data or b"")
        except SchemaError as exc:
            ref = _loose_ref(text_data or bytes_data or b"")
            await self.deliver(_encode(_refusal(ref, "invalid", _first_error(exc))))
            return
        reply = await database_sync_to_async(self._perform)(command)
        await self.deliver(reply)

    def _perform(self, command: Any) -> str:
        assert self.session is not None
        with translation.override(self.language):
            try:
                if isinstance(command, events.Sync):
                    return hello(self.session, command.after)
                if isinstance(command, events.Ping):
                    services.touch(channel_name=self.channel_name)
                    services.sweep(session_id=self.session.pk)  # connections of a dead node
                    seq = LiveSession.objects.values_list("seq", flat=True).get(pk=self.session.pk)
                    return _encode(events.Pong(type="pong", seq=seq))
                # Roles may have changed since the connection opened: work them out again.
                forget_access(self.user)
                seq, revision = self._dispatch(command)
            except services.LiveConflict as exc:
                return _encode(_refusal(command.ref, exc.code, exc.message, current=exc.current))
            except AccordError as exc:
                return _encode(_refusal(command.ref, exc.code, exc.message))
        return _encode(
            events.Reply(type="reply", ref=command.ref, ok=True, seq=seq, revision=revision)
        )

    def _dispatch(self, command: Any) -> tuple[int, int | None]:
        """Run the command's service; return the session's event number after
        it and, for an edit, the text's new revision."""
        session, actor = self.session, self.user
        assert session is not None
        revision = None
        if isinstance(command, events.Edit):
            revision = services.edit_text(
                actor=actor,
                session=session,
                provision_uid=command.uid,
                text=command.text,
                heading=command.heading,
                expected_revision=command.revision,
            ).revision
        elif isinstance(command, events.Focus):
            services.set_focus(actor=actor, session=session, provision_uid=command.uid)
        elif isinstance(command, events.PenAction) and command.action == "pen.take":
            services.grant_pen(actor=actor, session=session, to=actor)
        elif isinstance(command, events.PenAction):
            {
                "pen.request": services.request_pen,
                "pen.withdraw": services.withdraw_pen_request,
                "pen.release": services.release_pen,
                "pen.revoke": services.revoke_pen,
            }[command.action](actor=actor, session=session)
        elif isinstance(command, events.PenDecision) and command.action == "pen.grant":
            services.grant_pen(actor=actor, session=session, request_id=command.request)
        elif isinstance(command, events.PenDecision):
            services.decline_pen_request(actor=actor, session=session, request_id=command.request)
        elif isinstance(command, events.FloorAction):
            if command.action == "floor.request":
                services.request_floor(actor=actor, session=session)
            else:
                services.end_floor(actor=actor, session=session)
        elif isinstance(command, events.FloorWithdraw):
            services.withdraw_floor(actor=actor, session=session, entry_id=command.entry)
        elif isinstance(command, events.FloorGive):
            services.give_floor(actor=actor, session=session, entry_id=command.entry)
        else:  # pragma: no cover - the schema admits nothing else
            raise AssertionError(command)
        seq = LiveSession.objects.values_list("seq", flat=True).get(pk=session.pk)
        return int(seq), revision


def _loose_ref(raw: str | bytes) -> str | None:
    """The `ref` of a command that failed validation, if it has a usable one."""
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    ref = body.get("ref") if isinstance(body, dict) else None
    return ref if isinstance(ref, str) and len(ref) <= 64 else None


def _first_error(exc: SchemaError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg"))


def _refusal(
    ref: str | None, code: str, message: str, *, current: events.ProvisionState | None = None
) -> events.Reply:
    return events.Reply(
        type="reply",
        ref=ref,
        ok=False,
        error=events.ErrorBody(code=code, message=message, current=current),
    )
