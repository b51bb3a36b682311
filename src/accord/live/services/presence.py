"""Who is connected. Presence is connection state, not a decision of the
negotiation: joining and leaving are logged for the screens (`presence.*`
events) but not in the audit chain, which would otherwise take its lock on
every websocket connection.

A connection whose server process died without closing it (killed, or its
machine lost) would stay listed. Every connection pings every 25 s
(`touch`); on each ping the session's connections not heard from for
`STALE_AFTER` leave (`sweep`), with the same `presence.left` event as a
closed one, so any live node tidies up after a dead one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.live import events, selectors
from accord.live.models import (
    LiveSession,
    Presence,
)
from accord.live.rules import require
from accord.live.services.common import (
    _append,
    _lock_open,
    _someone,
)


def join(
    *, actor: Any, session: LiveSession, channel_name: str, venue_id: int | None = None
) -> Presence:
    """A connection opens: the person is shown present, at their venue and
    with their delegation. Not audited (see the module's docstring)."""
    actor = _someone(actor)
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.join_session",
            session,
            message=_("You may not follow this live session."),
        )
        place = selectors.seat(user=actor, meeting=session.meeting, venue_id=venue_id)
        presence = Presence.objects.create(
            session=session,
            user=actor,
            channel_name=channel_name,
            delegation=place.delegation,
            venue=place.venue,
            connected_at=timezone.now(),
            last_seen=timezone.now(),
        )
        _append(
            session,
            "presence.joined",
            events.PresenceJoined(connection=selectors.connection_ref(presence)),
        )
    return presence


def leave(*, channel_name: str) -> None:
    """A connection closed. Nothing to do if the session closed meanwhile."""
    with transaction.atomic():
        row = Presence.objects.filter(channel_name=channel_name).values("pk", "session_id").first()
        if row is None:
            return
        session = LiveSession.objects.select_for_update(no_key=True).get(pk=row["session_id"])
        deleted, _rows = Presence.objects.filter(pk=row["pk"]).delete()
        if deleted and session.is_open:
            _append(session, "presence.left", events.PresenceLeft(connection=row["pk"]))


STALE_AFTER = timedelta(seconds=90)
"""Three missed pings."""


def touch(*, channel_name: str) -> None:
    """The connection is alive (one UPDATE, no event)."""
    Presence.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def sweep(*, session_id: int) -> int:
    """The session's connections not heard from for STALE_AFTER leave, each
    with its `presence.left` event. Returns how many left."""
    cutoff = timezone.now() - STALE_AFTER
    stale = list(
        Presence.objects.filter(session_id=session_id, last_seen__lt=cutoff).values_list(
            "channel_name", flat=True
        )
    )
    for channel_name in stale:
        leave(channel_name=channel_name)
    return len(stale)
