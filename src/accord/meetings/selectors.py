"""Reads of meetings, filtered for a user."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from accord.meetings.models import Attendance, Meeting, Venue
from accord.processes.access import access_for, visible_values
from accord.processes.models import Process


def visible_meetings(*, user: Any, process: Process) -> QuerySet[Meeting]:
    access = access_for(user, process)
    return (
        Meeting.objects.filter(
            process=process, visibility__in=visible_values(access, area="meetings")
        )
        .prefetch_related(
            Prefetch("venues", queryset=Venue.objects.select_related("host").order_by("position"))
        )
        .order_by("date", "id")
    )


def meeting_detail(*, meeting: Meeting, with_attendance: bool) -> Meeting:
    """A meeting with venues, agenda and (if allowed) attendance prefetched."""
    prefetches: list[Any] = [
        Prefetch("venues", queryset=Venue.objects.select_related("host").order_by("position")),
        "agenda_items",
    ]
    if with_attendance:
        prefetches.append(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related(
                    "person", "venue", "delegation__party"
                ).order_by("venue__position", "delegation__party__slug", "id"),
            )
        )
    return (
        Meeting.objects.prefetch_related(*prefetches).select_related("process").get(pk=meeting.pk)
    )
