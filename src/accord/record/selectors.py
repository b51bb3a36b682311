"""Reads of the public record."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from accord.documents.selectors import visible_documents
from accord.meetings.models import Meeting
from accord.processes.access import access_for, visible_values
from accord.processes.models import Process
from accord.record.models import RecordEntry


def visible_entries(*, user: Any, process: Process) -> QuerySet[RecordEntry]:
    """Timeline entries `user` may read, with sources and links prefetched.

    Linked meetings and documents are themselves filtered: a public entry never
    reveals the title of a document the reader may not see.
    """
    access = access_for(user, process)
    return (
        RecordEntry.objects.filter(
            process=process, visibility__in=visible_values(access, area="record")
        )
        .prefetch_related(
            "sources",
            "parties",
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(
                    visibility__in=visible_values(access, area="meetings")
                ),
            ),
            Prefetch("documents", queryset=visible_documents(user=user, process=process)),
        )
        .order_by("date", "id")
    )
