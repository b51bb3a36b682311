"""Meetings: venues in their own time zones, agenda, and attendance for those
who may see it."""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from accord.api.auth import viewer
from accord.api.lookups import meeting_for, process_by_slug
from accord.api.pagination import Pages
from accord.api.schemas.common import answers
from accord.api.schemas.meetings import MeetingDetailOut, MeetingOut
from accord.meetings import selectors
from accord.meetings.models import Meeting

router = Router(tags=["meetings"])


@router.get("/processes/{slug}/meetings", response=answers(list[MeetingOut]))
@paginate(Pages)
def list_meetings(request: HttpRequest, slug: str) -> QuerySet[Meeting]:
    """The meetings of a process that you may see, oldest first, with their venues."""
    process = process_by_slug(slug)
    return selectors.visible_meetings(user=viewer(request), process=process).select_related(
        "process"
    )


@router.get("/meetings/{slug}", response=answers(MeetingDetailOut))
def get_meeting(request: HttpRequest, slug: str) -> Meeting:
    """A meeting with its venues and agenda; attendance for those who may see it."""
    user = viewer(request)
    meeting = meeting_for(user, slug)
    return selectors.meeting_detail(
        meeting=meeting, with_attendance=user.has_perm("meetings.view_attendance", meeting)
    )
