"""Two-factor sign-in: who must give a code, setting up an app, giving a
code (or a backup code) after the password, and what a pending sign-in may
not reach: pages, the API's browser session, websockets."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts import two_factor
from accord.record.models import Event
from tests.factories import PASSWORD, world
from tests.pages.helpers import sign_in_with_password, text_of

pytestmark = pytest.mark.django_db

ROLES = ["secretariat", "signatory", "staff"]


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.ACCORD_TWO_FACTOR_ROLES = ROLES
    # A wrong code delays the next try by a second, doubling: the throttling test turns it on.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an app shows for `device` (a later step: codes are single-use)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def _set_up(client: Client, overview: str) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/accounts/two-factor/setup/?next=" + overview)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    key = re.search(r'class="mono secret"[^>]*>([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(confirmed=False)
    assert key.replace(" ", "") == two_factor.secret_of(device).replace(" ", "")
    wrong = client.post("/accounts/two-factor/setup/", {"code": "000000", "next": overview})
    assert wrong.status_code == 400
    assert "That code is not the one the app shows now" in text_of(wrong.content.decode())
    done = client.post("/accounts/two-factor/setup/", {"code": code(device), "next": overview})
    assert done.status_code == 200
    codes = re.findall(r"<li>([0-9a-f]{8})</li>", done.content.decode())
    assert len(codes) == two_factor.BACKUP_CODES
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


def test_the_secretariat_sets_up_an_app_at_first_sign_in_and_gives_codes_after():
    w = world()
    user = w.users["secretariat"]
    overview = f"/p/{w.process.slug}/"
    client = Client()
    assert sign_in_with_password(client, user.username, PASSWORD)
    # Signed in, but every page leads to setting up the app first; the API too.
    response = client.get(overview)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/?next=")
    api = client.get(f"/api/v1/processes/{w.process.slug}")
    assert api.status_code == 401
    assert "two-factor" in api.json()["detail"]
    device, codes = _set_up(client, overview)
    assert client.get(overview).status_code == 200
    assert Event.objects.filter(kind="account.two_factor_on").count() == 1

    # The next sign-in asks for a code; a wrong one is refused.
    client.logout()
    assert sign_in_with_password(client, user.username, PASSWORD)
    response = client.get(overview)
    assert response["Location"] == "/accounts/two-factor/verify/?next=" + overview.replace(
        "/", "%2F"
    )
    # Replacing the app needs a code from the current one first.
    replace = client.get("/accounts/two-factor/setup/")
    assert replace["Location"] == (
        "/accounts/two-factor/verify/?next=%2Faccounts%2Ftwo-factor%2Fsetup%2F"
    )
    wrong = client.post("/accounts/two-factor/verify/", {"code": "123456", "next": overview})
    assert wrong.status_code == 400
    assert "That code is not right" in text_of(wrong.content.decode())
    right = client.post(
        "/accounts/two-factor/verify/", {"code": code(device, steps_ahead=1), "next": overview}
    )
    assert right.status_code == 302
    assert right["Location"] == overview
    assert client.get(overview).status_code == 200

    # A backup code works once.
    for attempt in (1, 2):
        client.logout()
        assert sign_in_with_password(client, user.username, PASSWORD)
        answer = client.post("/accounts/two-factor/verify/", {"code": codes[0], "next": "/"})
        assert answer.status_code == (302 if attempt == 1 else 400)
    assert StaticToken.objects.count() == two_factor.BACKUP_CODES - 1


def test_a_delegate_without_such_a_role_signs_in_with_the_password_alone():
    w = world()
    client = Client()
    assert sign_in_with_password(client, w.users["participant"].username, PASSWORD)
    assert client.get(f"/p/{w.process.slug}/").status_code == 200
    assert client.get("/accounts/two-factor/").status_code == 200  # may still turn it on


def test_a_next_address_elsewhere_is_not_followed():
    w = world()
    client = Client()
    sign_in_with_password(client, w.users["secretariat"].username, PASSWORD)
    _set_up(client, "/")
    client.logout()
    sign_in_with_password(client, w.users["secretariat"].username, PASSWORD)
    device = TOTPDevice.objects.get()
    answer = client.post(
        "/accounts/two-factor/verify/",
        {"code": code(device, steps_ahead=1), "next": "https://evil.example/"},
    )
    assert answer["Location"] == "/"


def test_wrong_codes_slow_down_the_next_tries(settings):
    w = world()
    client = Client()
    sign_in_with_password(client, w.users["secretariat"].username, PASSWORD)
    _set_up(client, "/")
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    client.logout()
    sign_in_with_password(client, w.users["secretariat"].username, PASSWORD)
    for _ in range(3):
        client.post("/accounts/two-factor/verify/", {"code": "111111"})
    device = TOTPDevice.objects.get()
    throttled = client.post("/accounts/two-factor/verify/", {"code": code(device, steps_ahead=1)})
    assert throttled.status_code == 400
    assert "Too many wrong codes" in text_of(throttled.content.decode())


def test_a_pending_sign_in_opens_no_websocket():
    w = world()
    user = w.users["secretariat"]
    session = SessionStore()
    session[two_factor.SESSION_KEY] = "required"
    session.save()
    assert two_factor.pending_for_scope({"user": user, "session": session})
    session[two_factor.SESSION_KEY] = "verified"
    assert not two_factor.pending_for_scope({"user": user, "session": session})
    participant = w.users["participant"]
    assert not two_factor.pending_for_scope({"user": participant, "session": SessionStore()})


def test_the_operator_resets_a_lost_phone():
    w = world()
    user = w.users["secretariat"]
    client = Client()
    sign_in_with_password(client, user.username, PASSWORD)
    _set_up(client, "/")
    call_command("two_factor_reset", user.username, stdout=__import__("io").StringIO())
    assert not TOTPDevice.objects.exists()
    assert Event.objects.filter(kind="account.two_factor_reset").count() == 1
    client.logout()
    sign_in_with_password(client, user.username, PASSWORD)
    response = client.get(f"/p/{w.process.slug}/")
    assert response["Location"].startswith("/accounts/two-factor/setup/")


def test_who_must_use_it_follows_the_setting(settings):
    w = world()
    assert two_factor.required(w.users["secretariat"])
    assert not two_factor.required(w.users["chair"])
    settings.ACCORD_TWO_FACTOR_ROLES = []
    assert not two_factor.required(w.users["secretariat"])


def test_a_delegate_who_turned_it_on_may_turn_it_off_but_the_secretariat_may_not():
    w = world()
    delegate = Client()
    sign_in_with_password(delegate, w.users["participant"].username, PASSWORD)
    _set_up(delegate, "/")
    page = text_of(delegate.get("/accounts/two-factor/").content.decode())
    assert "An authenticator app is set up; 10 backup codes are left." in page
    response = delegate.post("/accounts/two-factor/off/", follow=True)
    assert "Two-factor sign-in is off." in text_of(response.content.decode())
    assert not TOTPDevice.objects.exists()
    assert Event.objects.filter(kind="account.two_factor_off").count() == 1
    delegate.logout()
    sign_in_with_password(delegate, w.users["participant"].username, PASSWORD)
    assert delegate.get(f"/p/{w.process.slug}/").status_code == 200  # no code asked

    secretariat = Client()
    sign_in_with_password(secretariat, w.users["secretariat"].username, PASSWORD)
    _set_up(secretariat, "/")
    assert "Turn off" not in secretariat.get("/accounts/two-factor/").content.decode()
    response = secretariat.post("/accounts/two-factor/off/", follow=True)
    assert "Your role asks for two-factor sign-in: it stays on." in text_of(
        response.content.decode()
    )
    assert TOTPDevice.objects.filter(user=w.users["secretariat"]).exists()
