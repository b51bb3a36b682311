"""Writes to accounts and API tokens."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accord.accounts.models import ApiToken, User
from accord.core.actors import SystemActor
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.record.audit import record_event


def create_user(
    *,
    actor: Any,
    username: str,
    password: str,
    display_name: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> User:
    """Create an account. Only an administrator or the command line may.
    Records `account.created`."""
    if not (isinstance(actor, SystemActor) or getattr(actor, "is_superuser", False)):
        raise PermissionDenied("Only an administrator can create accounts.")
    if not username.strip():
        raise ValidationError("A username is required.", field="username")
    model = get_user_model()
    with transaction.atomic():
        if model.objects.filter(username=username).exists():
            raise Conflict(f"The username {username!r} is taken.", field="username")
        user = model.objects.create_user(
            username=username,
            password=password,
            email=email,
            display_name=display_name,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        record_event(
            actor=actor,
            kind="account.created",
            subject=user,
            payload={"username": username, "superuser": is_superuser},
        )
    return user


def create_api_token(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for `user`; return it with the secret, which is shown
    only this once. Records `token.created`."""
    if not isinstance(actor, SystemActor) and getattr(actor, "pk", None) != user.pk:
        raise PermissionDenied("You can only create tokens for your own account.")
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError("Give the token a name of at most 100 characters.", field="name")
    key = ApiToken.PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, key_prefix=key[:10], key_hash=ApiToken.hash_key(key)
        )
        record_event(
            actor=actor,
            kind="token.created",
            subject=token,
            payload={"user": user.get_username(), "name": name, "prefix": key[:10]},
        )
    return token, key


def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token; requests made with it fail from now on. Records `token.revoked`."""
    if not isinstance(actor, SystemActor) and getattr(actor, "pk", None) != token.user_id:
        raise PermissionDenied("You can only revoke your own tokens.")
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise Conflict("This token is already revoked.")
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record_event(
            actor=actor, kind="token.revoked", subject=locked, payload={"prefix": locked.key_prefix}
        )
    return locked


def user_for_token(key: str) -> User | None:
    """The active user a token belongs to, or None. Not an audited write:
    last_used_at is bookkeeping."""
    if not key.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Bookkeeping at minute resolution: a script's burst of requests costs one
    # write, not one per request (SQLite serialises writers).
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
