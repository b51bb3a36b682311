"""ASGI entry point: HTTP through Django, websockets through Channels."""

from __future__ import annotations

import os
import warnings

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")

# WhiteNoise hands Django file responses with synchronous iterators; under ASGI
# Django then warns on every static file. Static files are small and served from
# memory-mapped files, so the thread hop it warns about is harmless.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)

# Django first: the routes below import models.
django_asgi = get_asgi_application()

from accord.live.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi,
        # A websocket is refused unless its Origin is one of ALLOWED_HOSTS (a page
        # of another site cannot ride the visitor's session cookie), and is
        # authenticated by the same session cookie as the pages.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
