"""Login throttling: a username that fails too often from one address is
refused for a while, with a page that says so; others are not affected."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from tests.factories import PASSWORD, UserFactory
from tests.pages.helpers import sign_in_with_password, text_of

pytestmark = pytest.mark.django_db


def _client(address: str = "198.51.100.7") -> Client:
    return Client(REMOTE_ADDR=address)


def _fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        assert not sign_in_with_password(client, username, "not-the-password")


def test_five_failures_lock_that_username_from_that_address(settings):
    user = UserFactory(username="ru-head")
    client = _client()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in_with_password(client, user.username, PASSWORD)  # four, then right: fine
    client.logout()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    page = text_of(response.content.decode())
    assert "Too many failed sign-ins" in page
    assert "Signing in as ru-head from this address failed 5 times in a row." in page
    assert "refused for 15 minutes" in page
    assert "_auth_user_id" not in client.session
    # Another person at the same address, and the same person elsewhere, sign in.
    other = UserFactory(username="by-head")
    assert sign_in_with_password(_client(), other.username, PASSWORD)
    assert sign_in_with_password(_client("203.0.113.9"), user.username, PASSWORD)


def test_the_lock_lifts_after_the_cool_off_or_when_the_secretariat_resets_it(settings):
    user = UserFactory(username="ir-head")
    client = _client()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    assert not sign_in_with_password(client, user.username, PASSWORD)
    long_ago = dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=long_ago)
    assert sign_in_with_password(client, user.username, PASSWORD)
    client.logout()
    _fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    assert not sign_in_with_password(client, user.username, PASSWORD)
    call_command("axes_reset_username", user.username, verbosity=0)
    assert sign_in_with_password(client, user.username, PASSWORD)


def test_the_admin_sign_in_is_throttled_too(settings):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = _client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "admin", "password": "guess"})
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429
