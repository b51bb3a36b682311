"""Accounts services: creating accounts, and API tokens for scripts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from accord.accounts.models import ApiToken
from accord.accounts.services import (
    create_api_token,
    create_user,
    revoke_api_token,
    user_for_token,
)
from accord.core.actors import SYSTEM
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.record.models import Event
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


# --- accounts ------------------------------------------------------------------------------


def test_the_command_line_creates_an_account_with_a_usable_password() -> None:
    user = create_user(
        actor=SYSTEM, username="secretariat", password=PASSWORD, display_name="Secretariat"
    )
    assert user.check_password(PASSWORD)
    assert (str(user), user.is_superuser, user.is_staff) == ("Secretariat", False, False)
    event = Event.objects.get(kind="account.created")
    assert event.payload == {"username": "secretariat", "superuser": False}
    assert PASSWORD not in str(event.payload)


def test_an_administrator_creates_accounts_and_nobody_else_does() -> None:
    admin = UserFactory(is_superuser=True)
    create_user(actor=admin, username="chair", password=PASSWORD)
    ordinary = UserFactory()
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        create_user(actor=ordinary, username="intruder", password=PASSWORD)
    with pytest.raises(PermissionDenied):
        create_user(actor=None, username="intruder", password=PASSWORD)
    assert not User.objects.filter(username="intruder").exists()


def test_a_username_is_required_and_unique() -> None:
    create_user(actor=SYSTEM, username="observer", password=PASSWORD)
    before = (User.objects.count(), Event.objects.count())
    with pytest.raises(ValidationError, match="A username is required"):
        create_user(actor=SYSTEM, username="  ", password=PASSWORD)
    with pytest.raises(Conflict, match="The username 'observer' is taken"):
        create_user(actor=SYSTEM, username="observer", password=PASSWORD)
    assert (User.objects.count(), Event.objects.count()) == before


# --- API tokens ----------------------------------------------------------------------------


def test_a_token_is_shown_once_and_only_its_hash_is_kept() -> None:
    user = UserFactory()
    token, key = create_api_token(actor=user, user=user, name="nightly export")
    assert key.startswith("acc_")
    assert len(key) > 40
    row = ApiToken.objects.get(pk=token.pk)
    assert row.key_hash == ApiToken.hash_key(key)
    assert row.key_prefix == key[:10]
    assert key not in {row.key_hash, row.key_prefix, row.name}
    event = Event.objects.get(kind="token.created")
    assert key not in str(event.payload)
    assert event.payload == {"user": user.username, "name": "nightly export", "prefix": key[:10]}


def test_two_tokens_of_one_user_have_different_keys() -> None:
    user = UserFactory()
    _, first = create_api_token(actor=user, user=user, name="one")
    _, second = create_api_token(actor=user, user=user, name="two")
    assert first != second
    assert user_for_token(first) == user
    assert user_for_token(second) == user


def test_a_token_finds_its_user_and_notes_when_it_was_used() -> None:
    user = UserFactory()
    token, key = create_api_token(actor=user, user=user, name="script")
    assert token.last_used_at is None
    events = Event.objects.count()
    assert user_for_token(key) == user
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    assert Event.objects.count() == events  # bookkeeping, not an audited write


@pytest.mark.parametrize(
    "key",
    ["", "acc_", "acc_not-a-real-token", "Bearer acc_x", "not-a-token"],
)
def test_an_unknown_key_finds_nobody(key: str) -> None:
    user = UserFactory()
    create_api_token(actor=user, user=user, name="script")
    assert user_for_token(key) is None


def test_a_key_differing_in_one_character_finds_nobody() -> None:
    user = UserFactory()
    _, key = create_api_token(actor=user, user=user, name="script")
    last = "A" if key[-1] != "A" else "B"
    assert user_for_token(key[:-1] + last) is None
    assert user_for_token(key.upper()) is None


def test_a_revoked_token_finds_nobody_and_cannot_be_revoked_again() -> None:
    user = UserFactory()
    token, key = create_api_token(actor=user, user=user, name="script")
    revoked = revoke_api_token(actor=user, token=token)
    assert revoked.revoked_at is not None
    assert not revoked.is_active
    assert user_for_token(key) is None
    with pytest.raises(Conflict, match="already revoked"):
        revoke_api_token(actor=user, token=token)
    assert list(Event.objects.values_list("kind", flat=True)) == ["token.created", "token.revoked"]


def test_the_token_of_a_deactivated_account_finds_nobody() -> None:
    user = UserFactory()
    _, key = create_api_token(actor=user, user=user, name="script")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert user_for_token(key) is None


def test_tokens_are_created_and_revoked_only_by_their_owner() -> None:
    owner, other = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied, match="only create tokens for your own account"):
        create_api_token(actor=other, user=owner, name="stolen")
    token, key = create_api_token(actor=owner, user=owner, name="mine")
    with pytest.raises(PermissionDenied, match="only revoke your own tokens"):
        revoke_api_token(actor=other, token=token)
    assert user_for_token(key) == owner
    assert ApiToken.objects.count() == 1


def test_the_command_line_creates_and_revokes_tokens_for_anyone() -> None:
    user = UserFactory()
    token, key = create_api_token(actor=SYSTEM, user=user, name="made by the operator")
    assert user_for_token(key) == user
    revoke_api_token(actor=SYSTEM, token=token)
    assert user_for_token(key) is None


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_token_needs_a_short_name(name: str) -> None:
    user = UserFactory()
    with pytest.raises(ValidationError, match="at most 100 characters"):
        create_api_token(actor=user, user=user, name=name)
    assert not ApiToken.objects.exists()
    assert not Event.objects.exists()
