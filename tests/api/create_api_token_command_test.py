"""`accord manage create_api_token USERNAME --name NAME`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from accord.accounts.models import ApiToken
from accord.accounts.services import user_for_token
from accord.record.models import Event
from tests.api.scene import scene
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prints_the_secret_alone_on_stdout_and_records_one_event():
    user = UserFactory(username="alice")
    before = Event.objects.count()
    out, err = _run("alice", "--name", "nightly export")
    secret = out.strip()
    assert out == secret + "\n"
    assert secret.startswith(ApiToken.PREFIX)
    assert user_for_token(secret) == user
    assert list(ApiToken.objects.filter(user=user).values_list("name", flat=True)) == [
        "nightly export"
    ]
    assert secret not in err
    assert "shown only this once" in err
    events = list(Event.objects.filter(seq__gt=before).values_list("kind", "actor_label"))
    assert events == [("token.created", "system")]


def test_the_printed_secret_works_against_the_api():
    s = scene()
    username = s.world.users["participant"].username
    secret = _run(username, "--name", "ci")[0].strip()
    response = Client().get(
        f"/api/v1/processes/{s.slug}/documents", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200
    assert {d["slug"] for d in response.json()["items"]} == {
        s.documents[key].slug for key in ("public", "participants", "delegation-a")
    }


def test_each_run_makes_a_new_token():
    UserFactory(username="bob")
    first = _run("bob", "--name", "a")[0]
    second = _run("bob", "--name", "a")[0]
    assert first != second
    assert ApiToken.objects.filter(user__username="bob").count() == 2


def test_an_unknown_user_is_a_clear_error_and_creates_nothing():
    with pytest.raises(CommandError) as caught:
        _run("nobody", "--name", "x")
    assert str(caught.value) == "There is no user 'nobody'."
    assert ApiToken.objects.count() == 0


def test_an_inactive_user_is_refused():
    UserFactory(username="gone", is_active=False)
    with pytest.raises(CommandError) as caught:
        _run("gone", "--name", "x")
    assert str(caught.value) == "The account 'gone' is inactive; its tokens would not work."
    assert ApiToken.objects.count() == 0


def test_a_name_the_service_refuses_is_reported_with_its_message():
    UserFactory(username="carol")
    with pytest.raises(CommandError) as caught:
        _run("carol", "--name", "x" * 101)
    assert str(caught.value) == "Give the token a name of at most 100 characters."
    assert ApiToken.objects.count() == 0


def test_the_name_is_required():
    UserFactory(username="dave")
    with pytest.raises(CommandError, match="--name"):
        _run("dave")
