"""Accounts and API tokens in the admin.

Account administration is what the admin is for, so users can be edited here
(active flag, staff and superuser flags, password reset): these change who
may sign in, not the data of any process. New accounts are created through
`accounts.services.create_user`, so they are recorded in the audit log like
any other. Users are never deleted here: audit events refer to their actor,
and the deletion would rewrite those events and break the hash chain;
deactivate the account instead.

API tokens are read-only; revoking one goes through the service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accord.accounts import services
from accord.accounts.models import ApiToken, User
from accord.core.actors import SystemActor
from accord.core.admin import ReadOnlyModelAdmin
from accord.core.errors import AccordError


def _admin_actor(request: HttpRequest) -> SystemActor:
    """The services' operator actor, named after the signed-in administrator so
    the audit log says who acted."""
    return SystemActor(f"{request.user.get_username()} (admin site)")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("display_name", "first_name", "last_name", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_form = UserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "display_name", "email", "password1", "password2"),
            },
        ),
    )
    list_display = (
        "username",
        "display_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
    )
    search_fields = ("username", "display_name", "first_name", "last_name", "email")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # create_user accepts only an administrator as actor.
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.create_user(
            actor=request.user,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data.get("display_name") or "",
            email=form.cleaned_data.get("email") or "",
        )
        # The admin goes on to log the addition and redirect to `obj`.
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyModelAdmin):
    list_display = ("name", "user", "key_prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("name", "key_prefix", "user__username")
    actions = ("revoke",)

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description=_("Revoke selected tokens"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                services.revoke_api_token(actor=_admin_actor(request), token=token)
            except AccordError as exc:
                self.message_user(request, f"{token}: {exc.message}", messages.ERROR)
            else:
                revoked += 1
        self.message_user(request, _("%(n)d token(s) revoked.") % {"n": revoked})
