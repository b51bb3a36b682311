"""Two-factor sign-in: a time-based code from an authenticator app (TOTP,
RFC 6238) after the password, with single-use backup codes, through
django-otp.

Who must use it: by default the secretariat of any process, the signatories
of any delegation and the admin site's staff (`ACCORD_TWO_FACTOR_ROLES`);
anyone else may turn it on. After the password, a person who has it, or
must, is *pending* until they give a code: pages send them to the code page
(or, without an app set up yet, to set one up), the API answers their
browser session with 401, websockets refuse them. What a sign-in needs is
worked out once, when it happens, and kept in the session, so pages cost no
extra query; a role given later applies from the next sign-in. API tokens
are not affected: they are created by a person already signed in.
"""

from __future__ import annotations

import base64
import io
import secrets
from typing import Any

import qrcode
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from accord.core.errors import ValidationError
from accord.processes.enums import MemberRole, ProcessRoleKind
from accord.record.audit import record_event

SESSION_KEY = "accord_two_factor"
"""In the session: "none" (no code needed), "required" (must set up an app),
"enrolled" (must give a code) or "verified" (gave one in this session)."""

BACKUP_CODES = 10
TOTP_NAME = "authenticator app"
BACKUP_NAME = "backup codes"


def required(user: Any) -> bool:
    """Whether the person must use two-factor sign-in (see the module docstring)."""
    from accord.processes.models import DelegationMember, ProcessRole

    roles = set(settings.ACCORD_TWO_FACTOR_ROLES)
    if "staff" in roles and (user.is_staff or user.is_superuser):
        return True
    if ProcessRoleKind.SECRETARIAT in roles and (
        ProcessRole.objects.filter(person__user=user, role=ProcessRoleKind.SECRETARIAT).exists()
    ):
        return True
    return MemberRole.SIGNATORY in roles and (
        DelegationMember.objects.filter(person__user=user, role=MemberRole.SIGNATORY).exists()
    )


def enrolled(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def state_for(user: Any) -> str:
    if enrolled(user):
        return "enrolled"
    return "required" if required(user) else "none"


@receiver(user_logged_in)
def _remember(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = state_for(user)


def pending(request: Any) -> str | None:
    """ "verify" or "setup" while the signed-in person still owes a code, else None."""
    if not request.user.is_authenticated:
        return None
    return _step(request.session, request.user)


def pending_for_scope(scope: dict[str, Any]) -> bool:
    """For websockets: whether the connection's session still owes a code."""
    user = scope.get("user")
    session = scope.get("session")
    if user is None or not user.is_authenticated or session is None:
        return False
    return _step(session, user) is not None


def _step(session: Any, user: Any) -> str | None:
    state = session.get(SESSION_KEY)
    if state is None:  # a session from before two-factor sign-in existed
        state = session[SESSION_KEY] = state_for(user)
    return {"enrolled": "verify", "required": "setup"}.get(state)


def _verified(request: Any, device: Any) -> None:
    otp_login(request, device)
    request.session[SESSION_KEY] = "verified"


# --- Setting up and giving a code ---------------------------------------------------------


def start_setup(user: Any) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user` (an earlier unconfirmed one goes)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The `otpauth://` address of the device as an inline SVG QR code (one
    path with a viewBox, so that it scales and needs no namespace prefixes,
    which HTML does not read)."""
    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=SvgPathFillImage).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def confirm_setup(request: Any, device: TOTPDevice, code: str) -> list[str]:
    """The first code from the app confirms it: the session counts as
    verified, earlier authenticators and backup codes go, and new backup
    codes are returned (shown once)."""
    if device.confirmed or device.user_id != request.user.pk:
        raise ValidationError("Start setting up again.", field="code")
    _check_allowed(device)
    if not device.verify_token(_digits(code)):
        raise ValidationError(
            "That code is not the one the app shows now: check the time on the phone "
            "and type the six digits again.",
            field="code",
        )
    with transaction.atomic():
        replaced, _ = TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(request.user)
        record_event(
            actor=request.user,
            kind="account.two_factor_on",
            subject=request.user,
            payload={"username": request.user.get_username(), "replaced": bool(replaced)},
        )
    _verified(request, device)
    return codes


def verify(request: Any, code: str) -> None:
    """A code from the app, or a backup code (used up), verifies the session.
    Wrong codes slow down the next tries (django-otp's throttling)."""
    user = request.user
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        _check_allowed(device)
        if device.verify_token(_digits(code)):
            _verified(request, device)
            return
    for backup in StaticDevice.objects.filter(user=user, confirmed=True):
        _check_allowed(backup)
        if backup.verify_token(_digits(code).lower()):
            _verified(request, backup)
            return
    raise ValidationError(
        "That code is not right: type the six digits the app shows now, or one of your "
        "backup codes.",
        field="code",
    )


def renew_backup_codes(user: Any) -> list[str]:
    """New backup codes instead of the old ones (shown once)."""
    with transaction.atomic():
        return _new_backup_codes(user)


def backup_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def turn_off(request: Any) -> None:
    """A person whose role does not ask for two-factor sign-in turns it off,
    after giving a code in this session. Records `account.two_factor_off`."""
    user = request.user
    if required(user):
        raise ValidationError("Your role asks for two-factor sign-in: it stays on.")
    if request.session.get(SESSION_KEY) != "verified":
        raise ValidationError("Give a code from your app first.")
    reset(actor=user, user=user, kind="account.two_factor_off")
    request.session[SESSION_KEY] = "none"


def reset(*, actor: Any, user: Any, kind: str = "account.two_factor_reset") -> int:
    """Remove a person's authenticator and backup codes (a lost phone): they
    set up a new one at their next sign-in if they must. Returns how many
    devices went. Records `account.two_factor_reset` (or `kind`)."""
    with transaction.atomic():
        totp, _ = TOTPDevice.objects.filter(user=user).delete()
        static, _ = StaticDevice.objects.filter(user=user).delete()
        if not totp + static:
            return 0
        record_event(
            actor=actor,
            kind=kind,
            subject=user,
            payload={"username": user.get_username()},
        )
    return int(totp) + int(static)


def _new_backup_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [secrets.token_hex(4) for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _check_allowed(device: TOTPDevice | StaticDevice) -> None:
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(
            "Too many wrong codes: wait a little before the next try.", field="code"
        )


def _digits(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace())
