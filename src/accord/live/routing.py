"""Websocket routes of live sessions (mounted in config/asgi.py)."""

from __future__ import annotations

from django.urls import path

from accord.live.consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/live/<int:session_id>/", LiveConsumer.as_asgi()),
]
