"""ASGI entry point: HTTP through Django, websockets through Channels."""

from __future__ import annotations

import os
import warnings

from channels.routing import ProtocolTypeRouter
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")

# WhiteNoise hands Django file responses with synchronous iterators; under ASGI
# Django then warns on every static file. Static files are small and served from
# memory-mapped files, so the thread hop it warns about is harmless.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)

django_asgi = get_asgi_application()

application = ProtocolTypeRouter({"http": django_asgi})
