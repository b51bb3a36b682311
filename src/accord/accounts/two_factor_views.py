"""The two-factor pages: set up an authenticator app, give a code after the
password, see how many backup codes are left and make new ones."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts import two_factor
from accord.accounts.forms import CodeForm, SetupCodeForm
from accord.core.errors import AccordError

SETUP_DEVICE = "accord_two_factor_setup"
"""In the session: the unconfirmed authenticator being set up."""


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = {
        "next": _next(request),
        "breadcrumbs": [{"label": _("Two-factor sign-in"), "url": None}],
        **context,
    }
    return render(request, f"accounts/{template}", context, status=status)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    return _page(
        request,
        "two_factor.html",
        {
            "enrolled": two_factor.enrolled(user),
            "required": two_factor.required(user),
            "backup_left": two_factor.backup_codes_left(user),
            "pending": two_factor.pending(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """GET: a new authenticator to scan; POST: its first code confirms it."""
    if two_factor.pending(request) == "verify":
        # Replacing an app needs a code from the current one first.
        verify_url = reverse("accounts:two_factor_verify")
        return redirect(f"{verify_url}?{urlencode({'next': request.get_full_path()})}")
    device = None
    device_id = request.session.get(SETUP_DEVICE)
    if device_id is not None:
        device = TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = two_factor.confirm_setup(request, device, form.cleaned_data["code"])
        except AccordError as error:
            form.add_error("code", error.message)
        else:
            del request.session[SETUP_DEVICE]
            return _page(request, "two_factor_codes.html", {"codes": codes, "first": True})
    if device is None:
        device = two_factor.start_setup(request.user)
        request.session[SETUP_DEVICE] = device.pk
        form = SetupCodeForm()
    return _page(
        request,
        "two_factor_setup.html",
        {
            "form": form,
            "secret": two_factor.secret_of(device),
            "qr": two_factor.qr_svg(device),
            "required": two_factor.required(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if two_factor.pending(request) != "verify":
        return HttpResponseRedirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.verify(request, form.cleaned_data["code"])
        except AccordError as error:
            form.add_error("code", error.message)
        else:
            return HttpResponseRedirect(_next(request))
    return _page(
        request, "two_factor_verify.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def new_backup_codes(request: HttpRequest) -> HttpResponse:
    if two_factor.pending(request) or not two_factor.enrolled(request.user):
        messages.error(request, _("Give a code from your app first."))
        return redirect("accounts:two_factor")
    codes = two_factor.renew_backup_codes(request.user)
    return _page(request, "two_factor_codes.html", {"codes": codes, "first": False})


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    try:
        two_factor.turn_off(request)
    except AccordError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:two_factor")
