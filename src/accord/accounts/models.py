"""Users and API tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

ACCORD_RULE_APPS = frozenset(
    {"processes", "meetings", "documents", "record", "negotiation", "live"}
)


class User(AbstractUser):
    """A person who signs in. What they may see follows from the Person they
    are (processes.Person.user) and that person's roles."""

    display_name = models.CharField(_("display name"), max_length=150, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.get_username()

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        """Accord's own permissions are decided by its rules alone: Django lets
        an active superuser through every check, which would open delegation-
        internal material to the site administrator. The rules name superusers
        where they should pass (creating parties and processes, managing them)."""
        if perm.split(".", 1)[0] not in ACCORD_RULE_APPS:
            return super().has_perm(perm, obj)
        if not self.is_active:
            return False
        for backend in auth.get_backends():
            try:
                if hasattr(backend, "has_perm") and backend.has_perm(self, perm, obj):
                    return True
            except PermissionDenied:
                return False
        return False


class ApiToken(models.Model):
    """A per-user token for scripts. Only a hash is stored; the token itself is
    shown once, when it is created."""

    PREFIX = "acc_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
