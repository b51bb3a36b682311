"""Who is calling the API.

Three ways in, tried in this order:

1. `Authorization: Bearer <token>`: a per-user API token for scripts. A token
   that is unknown or revoked is refused with 401; it never degrades to an
   anonymous request, so a script with a dead token fails loudly instead of
   quietly reading less.
2. The browser's Django session, with the CSRF check on unsafe methods (the
   same protection the pages have).
3. Nobody: anonymous requests are allowed to read, and see what is public.

Reads take all three (`AUTH`); writes take only the first two (`WRITE_AUTH`),
so a write without credentials is refused with 401 before anything is looked
up. Whichever applies, `request.auth` (and `request.user`) is the reader, and the
endpoints ask the same rules and selectors as the pages do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import LazyObject
from ninja.errors import AuthenticationError, HttpError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from accord.accounts.services import user_for_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class InvalidToken(AuthenticationError):
    """The request carried credentials that do not identify an active user."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=401, message=message)


class BearerToken(AuthBase):
    """`Authorization: Bearer acc_...`, created with `accord manage create_api_token`."""

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _, key = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise InvalidToken(
                "Unsupported Authorization scheme: send 'Authorization: Bearer <token>'."
            )
        key = key.strip()
        if not key:
            raise InvalidToken("The Authorization header has no token after 'Bearer'.")
        user = user_for_token(key)
        if user is None:
            raise InvalidToken("This API token is unknown or has been revoked.")
        # Anything downstream that reads request.user sees the token's owner.
        request.user = user
        return user


class BrowserSession(AuthBase):
    """The signed-in browser's session cookie, CSRF-checked on unsafe methods."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    # Read by ninja's docs page: it then sends the CSRF token with "Try it out".
    csrf = True

    def __init__(self) -> None:
        self.openapi_name = settings.SESSION_COOKIE_NAME
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if (
            request.method not in SAFE_METHODS
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise HttpError(
                403,
                "CSRF check failed: send the value of the csrftoken cookie "
                "in an X-CSRFToken header.",
            )
        # request.user is a lazy proxy. Hand on the User itself: the rules receive
        # the User (has_perm runs on it), and processes.access caches a reader's
        # roles on the object it is given, so selectors and rules must share it.
        return user._wrapped if isinstance(user, LazyObject) else user


def anonymous(request: HttpRequest) -> Any:
    """Nobody signed in: public data only. Always succeeds."""
    return AnonymousUser()


AUTH: list[Callable[[HttpRequest], Any]] = [BearerToken(), BrowserSession(), anonymous]
WRITE_AUTH: list[Callable[[HttpRequest], Any]] = [BearerToken(), BrowserSession()]


def viewer(request: HttpRequest) -> Any:
    """The reader of this request: a User, or an AnonymousUser."""
    return getattr(request, "auth", None) or AnonymousUser()
