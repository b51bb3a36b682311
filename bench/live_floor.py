"""The floor of the live fan-out benchmark (bench/live.py): the same server
stack as `accord serve` (uvicorn, Channels, the Redis channel layer of
ACCORD_REDIS_URL) without Accord's logic.

A connection to `/ws/floor/?group=<name>` joins that group at once (no
session, no authorisation, no presence, no database) and passes on every
`live.event` message of the group, as Accord's consumer does. The benchmark
publishes the same messages to the group with `group_send`, so the time it
measures is the channel layer's and the server's alone.

    DJANGO_SETTINGS_MODULE=accord.config.settings ACCORD_REDIS_URL=... \\
        uvicorn bench.live_floor:application --port N
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")
django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402


class Floor(AsyncWebsocketConsumer):  # type: ignore[misc, unused-ignore]
    group = ""

    async def connect(self) -> None:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        self.group = query.get("group", ["bench.floor"])[0]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def live_event(self, message: dict[str, Any]) -> None:
        await self.send(text_data=message["text"])


application = ProtocolTypeRouter({"websocket": URLRouter([path("ws/floor/", Floor.as_asgi())])})
