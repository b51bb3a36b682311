"""The admin over the demo data: every model can be listed and inspected,
domain data cannot be changed there, the audit log least of all, and what
the admin may do goes through the services."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from accord.accounts.models import ApiToken, User
from accord.accounts.services import create_api_token
from accord.core.actors import SYSTEM
from accord.demo.loader import DEMO_PASSWORD
from accord.record.audit import verify_chain
from accord.record.models import ChainHead, Event
from tests.pages.helpers import sign_in_with_password

ACCORD_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label in {"accounts", "processes", "meetings", "documents", "record"}
    ),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def client(demo) -> Client:
    client = Client()
    assert sign_in_with_password(client, "admin", DEMO_PASSWORD)
    return client


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_domain_apps_is_registered():
    expected = {
        model._meta.label
        for app in ("accounts", "processes", "meetings", "documents", "record")
        for model in apps.get_app_config(app).get_models()
    }
    assert {model._meta.label for model in ACCORD_MODELS} == expected


@pytest.mark.parametrize("model", ACCORD_MODELS, ids=lambda m: m._meta.label)
def test_every_model_lists_searches_and_shows_an_object(client, model):
    listing = client.get(_url(model, "changelist"))
    assert listing.status_code == 200
    if admin.site._registry[model].search_fields:
        assert client.get(_url(model, "changelist"), {"q": "minsk"}).status_code == 200
    obj = model._default_manager.first()
    if obj is None:
        return
    assert client.get(_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    "model",
    [m for m in ACCORD_MODELS if m is not User],
    ids=lambda m: m._meta.label,
)
def test_domain_models_cannot_be_added_changed_or_deleted(client, model):
    model_admin = admin.site._registry[model]
    request = client.get("/").wsgi_request
    request.user = User.objects.get(username="admin")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert client.get(_url(model, "add")).status_code == 403
    obj = model._default_manager.first()
    if obj is not None:
        assert client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
        assert model._default_manager.filter(pk=obj.pk).exists()


def test_the_audit_log_cannot_be_edited_through_the_admin(client):
    event = Event.objects.order_by("seq").first()
    before = (event.kind, event.payload, event.hash)
    response = client.post(_url(Event, "change", event.pk), {"kind": "forged"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.kind, event.payload, event.hash) == before
    response = client.post(
        _url(Event, "changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert Event.objects.filter(pk=event.pk).exists()
    assert client.get(_url(ChainHead, "add")).status_code == 403
    assert verify_chain().ok


def test_users_are_never_deleted_in_the_admin_since_events_refer_to_them(client):
    user = User.objects.get(username="by-member")
    assert client.get(_url(User, "delete", user.pk)).status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


def test_an_account_added_in_the_admin_goes_through_the_service_and_is_audited(client):
    events = Event.objects.count()
    response = client.post(
        _url(User, "add"),
        {
            "username": "new-delegate",
            "display_name": "New delegate",
            "email": "",
            "password1": "a long enough pass phrase",
            "password2": "a long enough pass phrase",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new-delegate")
    assert user.display_name == "New delegate"
    assert response["Location"] == _url(User, "change", user.pk)
    event = Event.objects.get(seq=events + 1)
    assert (event.kind, event.actor_label, event.subject_id) == (
        "account.created",
        "admin",
        str(user.pk),
    )
    assert Event.objects.count() == events + 1
    assert sign_in_with_password(Client(), "new-delegate", "a long enough pass phrase")
    assert verify_chain().ok


def test_a_token_is_revoked_from_the_admin_through_the_service(client):
    token, _ = create_api_token(actor=SYSTEM, user=User.objects.get(username="ru-head"), name="s")
    response = client.post(
        _url(ApiToken, "changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    last = Event.objects.order_by("-seq").first()
    assert (last.kind, last.actor_label) == ("token.revoked", "admin (admin site)")
    assert verify_chain().ok


def test_the_admin_is_for_superusers_only(demo):
    client = Client()
    assert sign_in_with_password(client, "secretariat", DEMO_PASSWORD)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
