"""The meeting page: venues side by side with their local times, the agenda,
and attendance per venue for those who may see it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accord.documents.selectors import visible_documents
from accord.meetings import selectors
from accord.meetings.models import Attendance, Meeting, Venue
from accord.processes.views import get_process, process_crumbs


@dataclass(frozen=True)
class VenueColumn:
    """A venue with the people recorded there."""

    venue: Venue
    attendees: list[Attendance]

    @property
    def all_illustrative(self) -> bool:
        """One label for a venue whose whole list is illustrative, not one per name."""
        return bool(self.attendees) and all(row.is_illustrative for row in self.attendees)


def detail(request: HttpRequest, process_slug: str, meeting_slug: str) -> HttpResponse:
    process = get_process(process_slug)
    meeting = get_object_or_404(Meeting, process=process, slug=meeting_slug)
    meeting.process = process
    if not request.user.has_perm("meetings.view_meeting", meeting):
        raise Http404  # never reveal that a meeting exists
    with_attendance = request.user.has_perm("meetings.view_attendance", meeting)
    meeting = selectors.meeting_detail(meeting=meeting, with_attendance=with_attendance)
    attendance: dict[int, list[Attendance]] = {}
    if with_attendance:
        for row in meeting.attendance.all():
            attendance.setdefault(row.venue_id, []).append(row)
    venues = [
        VenueColumn(venue=venue, attendees=attendance.get(venue.pk, []))
        for venue in meeting.venues.all()
    ]
    documents = visible_documents(user=request.user, process=process).filter(meeting=meeting)
    return render(
        request,
        "meetings/detail.html",
        {
            "process": process,
            "meeting": meeting,
            "venues": venues,
            "several_venues": len(venues) > 1,
            "with_attendance": with_attendance,
            "agenda": list(meeting.agenda_items.all()),
            "documents": list(documents),
            "breadcrumbs": process_crumbs(process, (meeting.display_title, None)),
        },
    )
