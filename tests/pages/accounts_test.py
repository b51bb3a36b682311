"""Signing in and out, and the API token page."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.accounts.models import ApiToken
from accord.accounts.services import create_api_token, user_for_token
from tests.factories import PASSWORD, UserFactory
from tests.pages.helpers import fetch, text_of

pytestmark = pytest.mark.django_db


def test_sign_in_page_has_labelled_fields(client: Client):
    html = fetch(client, "/accounts/login/?next=/p/eur/")
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert '<input type="hidden" name="next" value="/p/eur/">' in html


def test_signing_in_with_a_wrong_password_shows_an_error(client: Client):
    UserFactory(username="delegate")
    response = client.post("/accounts/login/", {"username": "delegate", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_in_and_out(client: Client):
    user = UserFactory(username="delegate", display_name="A. Delegate")
    response = client.post("/accounts/login/", {"username": "delegate", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = fetch(client, "/")
    assert "A. Delegate" in html
    assert '<form method="post" action="/accounts/logout/"' in html
    assert client.get("/accounts/logout/").status_code == 405  # sign out is a POST
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_tokens_page_requires_signing_in(client: Client):
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/tokens/"


def test_creating_a_token_shows_its_secret_once(client: Client):
    user = UserFactory(username="delegate")
    client.force_login(user)
    response = client.post("/accounts/tokens/", {"name": "minutes export"})
    assert response.status_code == 201
    html = response.content.decode()
    token = ApiToken.objects.get(user=user)
    secret = html.split('<code class="secret">')[1].split("</code>")[0]
    assert secret.startswith("acc_")
    assert user_for_token(secret) == user
    assert "Token “minutes export” created" in html
    assert "Copy it now: it is shown only this once" in html
    # Never again.
    html = fetch(client, "/accounts/tokens/")
    assert secret not in html
    assert f"{token.key_prefix}…" in html
    assert "minutes export" in html


def test_a_blank_token_name_is_refused_and_nothing_is_created(client: Client):
    client.force_login(UserFactory(username="delegate"))
    response = client.post("/accounts/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_service_error_is_shown_with_its_status(client: Client):
    client.force_login(UserFactory(username="delegate"))
    response = client.post("/accounts/tokens/", {"name": "   "})
    assert response.status_code == 400
    assert "Give the token a name" in response.content.decode() or (
        "This field is required." in response.content.decode()
    )
    assert not ApiToken.objects.exists()


def test_revoking_a_token(client: Client):
    user = UserFactory(username="delegate")
    token, secret = create_api_token(actor=user, user=user, name="script")
    client.force_login(user)
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert user_for_token(secret) is None
    text = text_of(fetch(client, "/accounts/tokens/"))
    assert "The token “script” is revoked." in text
    assert "Revoked" in text
    # Revoking twice is a conflict, shown with its message and status.
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 409
    assert "This token is already revoked." in response.content.decode()


def test_another_users_token_cannot_be_seen_or_revoked(client: Client):
    owner = UserFactory(username="owner")
    token, secret = create_api_token(actor=owner, user=owner, name="owner's script")
    client.force_login(UserFactory(username="intruder"))
    assert "owner&#x27;s script" not in fetch(client, "/accounts/tokens/")
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert user_for_token(secret) == owner


@pytest.mark.parametrize("size", [2, 10])
def test_tokens_page_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int
):
    user = UserFactory(username="delegate")
    for i in range(size):
        create_api_token(actor=user, user=user, name=f"token {i}")
    client.force_login(user)
    with django_assert_num_queries(3):
        html = fetch(client, "/accounts/tokens/")
    assert html.count('<td class="mono">acc_') == size
