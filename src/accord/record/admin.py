"""The public record and the audit log in the admin.

Record entries are read-only like every domain model (see accord.core.admin).
The audit log is read-only for a stronger reason: an edited, deleted or added
event breaks the hash chain, and `accord audit verify` would report it as
tampering, which it would be."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accord.core.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline, short_hash
from accord.record.models import ChainHead, Event, RecordEntry, Source


class SourceInline(ReadOnlyTabularInline):
    model = Source
    fields = ("position", "name", "url")
    show_change_link = False


@admin.register(RecordEntry)
class RecordEntryAdmin(ReadOnlyModelAdmin):
    list_display = ("display_date", "short_text", "visibility", "is_illustrative", "process")
    list_filter = ("visibility", "is_illustrative", "date_precision", "process")
    list_select_related = ("process",)
    search_fields = ("text", "sources__name")
    date_hierarchy = "date"
    inlines = (SourceInline,)

    @admin.display(description=_("date"), ordering="date")
    def display_date(self, obj: RecordEntry) -> str:
        return obj.display_date

    @admin.display(description=_("text"))
    def short_text(self, obj: RecordEntry) -> str:
        text = obj.display_text
        return f"{text[:100]}…" if len(text) > 100 else text


@admin.register(Source)
class SourceAdmin(ReadOnlyModelAdmin):
    list_display = ("name", "url", "entry")
    list_select_related = ("entry",)
    search_fields = ("name", "url")


@admin.register(Event)
class EventAdmin(ReadOnlyModelAdmin):
    list_display = (
        "seq",
        "kind",
        "actor_label",
        "process",
        "subject_type",
        "subject_id",
        "occurred_at",
        "hash_prefix",
    )
    list_filter = ("kind", "process")
    list_select_related = ("process",)
    search_fields = ("kind", "actor_label", "subject_type", "subject_id", "hash")
    date_hierarchy = "occurred_at"
    ordering = ("-seq",)

    @admin.display(description=_("hash"), ordering="hash")
    def hash_prefix(self, obj: Event) -> str:
        return short_hash(obj.hash)


@admin.register(ChainHead)
class ChainHeadAdmin(ReadOnlyModelAdmin):
    list_display = ("seq", "hash")
