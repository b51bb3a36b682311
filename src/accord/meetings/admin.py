"""Meetings, venues, agendas and attendance in the admin: read-only (see
accord.core.admin for why)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accord.core.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline
from accord.meetings.models import AgendaItem, Attendance, Meeting, Venue


class VenueInline(ReadOnlyTabularInline):
    model = Venue
    fields = ("position", "host", "city", "place", "time_zone")


class AgendaItemInline(ReadOnlyTabularInline):
    model = AgendaItem
    fields = ("number", "title")


class AttendanceInline(ReadOnlyTabularInline):
    model = Attendance
    fields = ("venue", "person", "delegation", "is_illustrative")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyModelAdmin):
    list_display = (
        "display_title",
        "kind",
        "display_date",
        "visibility",
        "process",
        "times_are_illustrative",
    )
    list_filter = ("kind", "visibility", "date_precision", "process")
    list_select_related = ("process",)
    search_fields = ("slug", "title", "summary")
    date_hierarchy = "date"
    inlines = (VenueInline, AgendaItemInline, AttendanceInline)

    @admin.display(description=_("title"))
    def display_title(self, obj: Meeting) -> str:
        return obj.display_title

    @admin.display(description=_("date"), ordering="date")
    def display_date(self, obj: Meeting) -> str:
        return obj.display_date


@admin.register(Venue)
class VenueAdmin(ReadOnlyModelAdmin):
    list_display = ("display_city", "host", "time_zone", "meeting")
    list_filter = ("time_zone",)
    list_select_related = ("host", "meeting")
    search_fields = ("city", "place", "time_zone", "meeting__slug")

    @admin.display(description=_("city"))
    def display_city(self, obj: Venue) -> str:
        return obj.display_city


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyModelAdmin):
    list_display = ("number", "display_title", "meeting")
    list_select_related = ("meeting",)
    search_fields = ("title", "meeting__slug")

    @admin.display(description=_("title"))
    def display_title(self, obj: AgendaItem) -> str:
        return obj.display_title


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyModelAdmin):
    list_display = ("person", "venue", "delegation", "meeting", "is_illustrative")
    list_filter = ("is_illustrative", "meeting")
    list_select_related = ("person", "venue__meeting", "delegation__party", "meeting")
    search_fields = ("person__names", "person__user__username", "meeting__slug")
