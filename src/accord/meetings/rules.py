"""Who may see and manage meetings."""

from __future__ import annotations

from typing import Any

import rules

from accord.processes.access import access_for, visibility_allows
from accord.processes.rules import is_process_secretariat


@rules.predicate
def can_view_meeting(user: Any, meeting: Any) -> bool:
    if meeting is None:
        return False
    return visibility_allows(access_for(user, meeting.process), meeting.visibility, area="meetings")


@rules.predicate
def can_view_attendance(user: Any, meeting: Any) -> bool:
    return meeting is not None and access_for(user, meeting.process).sees_participant_meetings


@rules.predicate
def is_meeting_secretariat(user: Any, meeting: Any) -> bool:
    return meeting is not None and bool(is_process_secretariat(user, meeting.process))


rules.add_perm("meetings.view_meeting", can_view_meeting)
rules.add_perm("meetings.view_attendance", can_view_attendance)
rules.add_perm("meetings.create_meeting", is_process_secretariat)
rules.add_perm("meetings.change_meeting", is_meeting_secretariat)
