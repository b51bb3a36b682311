"""The public timeline of a process."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accord.processes.views import get_process, process_crumbs
from accord.record.selectors import visible_entries


def timeline(request: HttpRequest, process_slug: str) -> HttpResponse:
    """Every entry the reader may see, oldest first, with sources and links
    (the links themselves filtered by the selector)."""
    process = get_process(process_slug)
    return render(
        request,
        "record/timeline.html",
        {
            "process": process,
            "entries": list(visible_entries(user=request.user, process=process)),
            "breadcrumbs": process_crumbs(process, (_("Timeline"), None)),
        },
    )
