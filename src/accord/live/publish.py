"""Broadcasting live events, only once the change they describe is committed.

A service appends its event to the session's log inside its transaction and
calls `publish_on_commit`; the event goes to the session's channel-layer
group when (and only if) the transaction commits. A rolled-back change is
never announced, and an announced change is always readable by a client that
asks for it. If the broadcast itself fails (the channel layer is down), the
change stays committed and clients find the gap by its number and catch up.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

MESSAGE_TYPE = "live.event"
"""The channel-layer message type; the consumer's `live_event` handler receives it."""


def encode(event: dict[str, Any]) -> str:
    """The event as the JSON text every client receives (encoded once per event)."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


def broadcast(group: str, text: str, *, last: bool = False) -> None:
    """Send one encoded event to every connection in `group`, now. `last`
    tells the connections to close after passing it on."""
    layer = get_channel_layer()
    if layer is None:  # pragma: no cover - settings always configure one
        return
    async_to_sync(layer.group_send)(group, {"type": MESSAGE_TYPE, "text": text, "last": last})


def publish_on_commit(group: str, event: dict[str, Any]) -> None:
    """Broadcast `event` to `group` after the current transaction commits."""
    text = encode(event)
    last = event["type"] == "session.closed"

    def send() -> None:
        broadcast(group, text, last=last)

    transaction.on_commit(send, robust=True)
