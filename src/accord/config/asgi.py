"""ASGI entry point: HTTP through Django, websockets through Channels."""

from __future__ import annotations

import os

from channels.routing import ProtocolTypeRouter
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")

django_asgi = get_asgi_application()

application = ProtocolTypeRouter({"http": django_asgi})
