"""How the API knows who is calling: tokens, the browser session, or nobody."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, RequestFactory
from ninja.errors import HttpError

from accord.accounts.services import create_api_token, revoke_api_token
from accord.api.auth import BrowserSession
from accord.core.actors import SYSTEM
from tests.api.scene import scene
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INVALID = {"detail": "This API token is unknown or has been revoked."}


def _documents(client: Client, slug: str, **headers: str):
    return client.get(f"/api/v1/processes/{slug}/documents", headers=headers)


def _keys(s, response) -> set[str]:
    assert response.status_code == 200, response.content
    return {s.key_of_document(d["slug"]) for d in response.json()["items"]}


def test_a_valid_token_reads_as_its_owner_and_is_marked_used():
    s = scene()
    token, key = create_api_token(actor=SYSTEM, user=s.world.users["participant"], name="script")
    assert token.last_used_at is None
    response = _documents(Client(), s.slug, Authorization=f"Bearer {key}")
    assert _keys(s, response) == {"public", "participants", "delegation-a"}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_bearer_scheme_is_case_insensitive():
    s = scene()
    _, key = create_api_token(actor=SYSTEM, user=s.world.users["secretariat"], name="s")
    response = _documents(Client(), s.slug, Authorization=f"bearer {key}")
    assert _keys(s, response) == {"public", "participants", "secretariat"}


def test_a_revoked_token_is_refused_with_401_not_read_as_anonymous():
    s = scene()
    token, key = create_api_token(actor=SYSTEM, user=s.world.users["participant"], name="x")
    revoke_api_token(actor=SYSTEM, token=token)
    response = _documents(Client(), s.slug, Authorization=f"Bearer {key}")
    assert response.status_code == 401
    assert response.json() == INVALID
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.parametrize(
    "key", ["acc_not-a-real-token", "not-even-our-prefix"], ids=["unknown", "foreign"]
)
def test_an_unknown_token_is_refused_with_401(key):
    s = scene()
    response = _documents(Client(), s.slug, Authorization=f"Bearer {key}")
    assert response.status_code == 401
    assert response.json() == INVALID


def test_a_token_of_a_deactivated_account_is_refused():
    s = scene()
    user = s.world.users["participant"]
    _, key = create_api_token(actor=SYSTEM, user=user, name="x")
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = _documents(Client(), s.slug, Authorization=f"Bearer {key}")
    assert response.status_code == 401
    assert response.json() == INVALID


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Bearer", "The Authorization header has no token after 'Bearer'."),
        ("Bearer   ", "The Authorization header has no token after 'Bearer'."),
        (
            "Basic dXNlcjpwYXNz",
            "Unsupported Authorization scheme: send 'Authorization: Bearer <token>'.",
        ),
        (
            "Token acc_abc",
            "Unsupported Authorization scheme: send 'Authorization: Bearer <token>'.",
        ),
    ],
)
def test_malformed_authorization_headers_are_refused_with_a_message(header, detail):
    s = scene()
    response = _documents(Client(), s.slug, Authorization=header)
    assert response.status_code == 401
    assert response.json() == {"detail": detail}


def test_a_bad_token_wins_over_a_valid_session():
    """A script that sends a dead token must learn so, even from a signed-in browser."""
    s = scene()
    client = Client()
    client.force_login(s.world.users["secretariat"])
    response = _documents(client, s.slug, Authorization="Bearer acc_revoked-or-unknown")
    assert response.status_code == 401
    assert response.json() == INVALID


def test_a_token_wins_over_the_session_of_another_user():
    s = scene()
    client = Client()
    client.force_login(s.world.users["secretariat"])
    _, key = create_api_token(actor=SYSTEM, user=s.world.users["observer"], name="x")
    response = _documents(client, s.slug, Authorization=f"Bearer {key}")
    assert _keys(s, response) == {"public", "participants", "delegation-obs"}


def test_the_browser_session_reads_as_the_signed_in_user():
    s = scene()
    client = Client(enforce_csrf_checks=True)
    client.force_login(s.world.users["participant"])
    assert _keys(s, _documents(client, s.slug)) == {"public", "participants", "delegation-a"}


def test_without_credentials_the_reader_is_anonymous():
    s = scene()
    assert _keys(s, _documents(Client(), s.slug)) == {"public"}


def _post_with_session(*, csrf: bool):
    user = UserFactory()
    secret = _get_new_csrf_string()
    headers = {"HTTP_X_CSRFTOKEN": secret} if csrf else {}
    request = RequestFactory().post("/api/v1/anything", **headers)
    request.COOKIES["csrftoken"] = secret
    request.user = user
    return request, user


def test_the_session_needs_the_csrf_token_on_unsafe_methods():
    request, _ = _post_with_session(csrf=False)
    with pytest.raises(HttpError) as caught:
        BrowserSession()(request)
    assert caught.value.status_code == 403
    assert str(caught.value) == (
        "CSRF check failed: send the value of the csrftoken cookie in an X-CSRFToken header."
    )


def test_the_session_with_the_csrf_token_passes_on_unsafe_methods():
    request, user = _post_with_session(csrf=True)
    assert BrowserSession()(request) == user


def test_the_session_is_not_checked_for_csrf_on_reads():
    user = UserFactory()
    request = RequestFactory().get("/api/v1/anything")
    request.user = user
    assert BrowserSession()(request) == user


def test_the_session_does_not_vouch_for_anonymous_visitors():
    request = RequestFactory().post("/api/v1/anything")
    request.user = AnonymousUser()
    assert BrowserSession()(request) is None
