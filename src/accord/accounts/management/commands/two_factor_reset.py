"""`accord manage two_factor_reset USERNAME`: remove a person's authenticator
app and backup codes (a lost phone). If their role asks for two-factor
sign-in they set up a new app at their next sign-in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.accounts import two_factor
from accord.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Remove a user's two-factor authenticator and backup codes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        model = get_user_model()
        username: str = options["username"]
        user = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        removed = two_factor.reset(actor=SYSTEM, user=user)
        if not removed:
            self.stdout.write(f"{username} had no two-factor sign-in set up; nothing changed.")
            return
        self.stdout.write(
            f"Two-factor sign-in of {username} removed; "
            + (
                "they set up a new app at their next sign-in."
                if two_factor.required(user)
                else "they sign in with their password alone until they set it up again."
            )
        )
