"""Sign-in is Django's own view (throttled by django-axes, which answers a
locked-out attempt with `locked_out`); this module holds the API token page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accord.accounts.forms import TokenForm
from accord.accounts.models import ApiToken, User
from accord.accounts.services import create_api_token, revoke_api_token
from accord.core.errors import AccordError


def _user(request: HttpRequest) -> User:
    """The signed-in user (the views below require signing in)."""
    assert isinstance(request.user, User)
    return request.user


def _tokens_page(
    request: HttpRequest,
    *,
    form: TokenForm,
    secret: str | None = None,
    new_token: ApiToken | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": list(ApiToken.objects.filter(user=_user(request)).order_by("-created_at")),
            "secret": secret,
            "new_token": new_token,
            "breadcrumbs": [{"label": _("API tokens"), "url": None}],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; a POST creates one and shows its secret this once."""
    if request.method != "POST":
        return _tokens_page(request, form=TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, form=form, status=400)
    try:
        token, secret = create_api_token(
            actor=request.user, user=_user(request), name=form.cleaned_data["name"]
        )
    except AccordError as error:
        messages.error(request, error.message)
        return _tokens_page(request, form=form, status=error.status_code)
    # Rendered, not redirected: the secret must not be stored anywhere to show it later.
    return _tokens_page(request, form=TokenForm(), secret=secret, new_token=token, status=201)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=_user(request)).first()
    if token is None:
        raise Http404  # another user's token is as good as absent
    try:
        revoke_api_token(actor=request.user, token=token)
    except AccordError as error:
        messages.error(request, error.message)
        return _tokens_page(request, form=TokenForm(), status=error.status_code)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """A sign-in refused because the same username failed too often from the
    same address (settings.AXES_*): 429, and what to do about it."""
    from django.conf import settings

    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return render(
        request,
        "accounts/locked_out.html",
        {
            "username": str(username)[:150],
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
