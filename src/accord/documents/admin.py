"""Documents, versions, provisions and texts in the admin: read-only (see
accord.core.admin for why). A published version must never change at all:
its content hash is what the record and, later, signatures refer to."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accord.core.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline, short_hash
from accord.documents.models import Document, Provision, Translation, Version


class VersionInline(ReadOnlyTabularInline):
    model = Version
    fields = ("number", "label", "status", "published_at", "content_hash")


@admin.register(Document)
class DocumentAdmin(ReadOnlyModelAdmin):
    list_display = (
        "display_title",
        "kind",
        "symbol",
        "visibility",
        "owner_delegation",
        "working_language",
        "is_illustrative",
        "process",
    )
    list_filter = ("kind", "visibility", "is_illustrative", "process")
    list_select_related = ("process", "owner_delegation__party")
    search_fields = ("slug", "symbol", "title")
    inlines = (VersionInline,)

    @admin.display(description=_("title"))
    def display_title(self, obj: Document) -> str:
        return obj.display_title


@admin.register(Version)
class VersionAdmin(ReadOnlyModelAdmin):
    list_display = ("document", "number", "label", "status", "published_at", "hash_prefix")
    list_filter = ("status", "document__process")
    list_select_related = ("document",)
    search_fields = ("label", "content_hash", "document__slug", "document__symbol")

    @admin.display(description=_("content hash"), ordering="content_hash")
    def hash_prefix(self, obj: Version) -> str:
        return short_hash(obj.content_hash)


class TranslationInline(ReadOnlyTabularInline):
    model = Translation
    fields = ("language", "heading", "text", "source_version", "revision")
    show_change_link = False


@admin.register(Provision)
class ProvisionAdmin(ReadOnlyModelAdmin):
    list_display = ("eid", "kind", "number", "version", "position", "uid")
    list_filter = ("kind", "version__document")
    list_select_related = ("version__document",)
    search_fields = ("eid", "uid", "version__document__slug")
    inlines = (TranslationInline,)


@admin.register(Translation)
class TranslationAdmin(ReadOnlyModelAdmin):
    list_display = ("provision", "language", "heading", "revision", "source_version")
    list_filter = ("language",)
    list_select_related = ("provision", "source_version__document")
    search_fields = ("heading", "text", "provision__eid")
