"""Who performs an action, and the one check every service makes."""

from __future__ import annotations

from typing import Any

from accord.core.errors import PermissionDenied


class SystemActor:
    """The operator at the command line (demo loader, imports run by an admin).

    Services accept it in place of a user; it passes every rule and is recorded
    in the audit log by name.
    """

    is_authenticated = False
    is_superuser = True

    def __init__(self, name: str = "system") -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True


SYSTEM = SystemActor()


def require(actor: Any, perm: str, obj: Any = None, *, message: str | None = None) -> None:
    """Raise PermissionDenied unless `actor` holds `perm` on `obj`."""
    if isinstance(actor, SystemActor):
        return
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(message or "You are not allowed to do this.")
