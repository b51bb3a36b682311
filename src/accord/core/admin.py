"""What the Django admin may do with Accord's data, shared by every app's admin.

The admin is a window on the data for operators, not a way to change it.
Domain writes go through the services (`accord.*.services`): each one checks
the rules, changes the data in one transaction and records exactly one audit
event. An edit made here would skip all three. Deleting is worse: audit events
refer to users and processes, and a deletion that cascades into an event
changes content its hash covers, which breaks the chain for good. So domain
models are registered read-only; where a change is harmless or goes through a
service, the app's admin says so next to it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Accord administration")
admin.site.site_title = _("Accord administration")
admin.site.index_title = _(
    "Read-only view of the data: changes are made in Accord's pages, API and command line, "
    "which record them in the audit log"
)


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """List, search and inspect; never add, change or delete."""

    formfield_overrides = {
        # Django 5.2 warns unless URL fields name their default scheme.
        models.URLField: {"assume_scheme": "https"},
    }

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyTabularInline(admin.TabularInline):
    """Related rows shown on their parent's page, read-only."""

    extra = 0
    show_change_link = True
    formfield_overrides = ReadOnlyModelAdmin.formfield_overrides

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def short_hash(value: str) -> str:
    """The first 12 hex digits: enough to tell hashes apart on a list."""
    return f"{value[:12]}…" if value else "—"
