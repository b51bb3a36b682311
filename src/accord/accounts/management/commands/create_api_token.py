"""`accord manage create_api_token USERNAME --name NAME`: a token for a script.

The secret is printed once, alone on standard output (so `$(...)` captures
it); the notice that goes with it is written to standard error.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.accounts.services import create_api_token
from accord.core.actors import SYSTEM
from accord.core.errors import AccordError


class Command(BaseCommand):
    help = "Create an API token for a user and print its secret, which is shown only once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The account the token acts as.")
        parser.add_argument(
            "--name", required=True, help="What the token is for, e.g. 'nightly export'."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        model = get_user_model()
        user = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        if not user.is_active:
            raise CommandError(f"The account {username!r} is inactive; its tokens would not work.")
        try:
            token, secret = create_api_token(actor=SYSTEM, user=user, name=options["name"])
        except AccordError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"Created API token {token.name!r} for {username}. It is shown only this once; "
            "send it as 'Authorization: Bearer <token>'."
        )
        self.stdout.write(secret)
