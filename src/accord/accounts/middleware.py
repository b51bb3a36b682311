"""Holds a signed-in person who still owes a two-factor code at the code page."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from accord.accounts import two_factor

OPEN_PATHS = (
    "/accounts/two-factor/",
    "/accounts/logout/",
    "/accounts/login/",
    "/static/",
    "/i18n/",
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = None if request.path.startswith(OPEN_PATHS) else two_factor.pending(request)
        if step is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": "Give the code of your two-factor sign-in first, on the site."},
                status=401,
            )
        target = reverse(
            "accounts:two_factor_verify" if step == "verify" else "accounts:two_factor_setup"
        )
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
