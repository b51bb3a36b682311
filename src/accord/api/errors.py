"""How errors reach API clients: always `{"detail": ...}` with a fitting status."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from accord.api.auth import InvalidToken
from accord.core.errors import AccordError


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api` (ninja's defaults cover validation: 422)."""

    def domain_error(request: HttpRequest, exc: Any) -> HttpResponse:
        # Services raise these with a message a person can act on; pass it on as is.
        return api.create_response(request, {"detail": exc.message}, status=exc.status_code)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": "Not found."}, status=404)

    def invalid_token(request: HttpRequest, exc: Any) -> HttpResponse:
        response = api.create_response(request, {"detail": exc.message}, status=401)
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response

    def no_credentials(request: HttpRequest, exc: Any) -> HttpResponse:
        # Raised by ninja when no authentication applies: only writes need one.
        response = api.create_response(
            request,
            {"detail": "Sign in, or send 'Authorization: Bearer <token>', to change anything."},
            status=401,
        )
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    api.add_exception_handler(AccordError, domain_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(InvalidToken, invalid_token)
    api.add_exception_handler(AuthenticationError, no_credentials)
