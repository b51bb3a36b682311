"""Meetings, their venues (each with its own time zone), agenda and attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from accord.api.auth import viewer
from accord.api.schemas.common import FuzzyDate, PartyRef, PersonOut, Texts
from accord.core.enums import Visibility
from accord.meetings.enums import MeetingKind


class VenueOut(Schema):
    """One of the places where the meeting is in session at the same time."""

    id: int
    host: PartyRef
    city: Texts
    place: Texts
    time_zone: str = Field(description="IANA time zone name, e.g. Europe/Minsk.")
    local_start: dt.datetime | None = Field(
        description="The meeting's opening in this venue's time zone (with its UTC offset)."
    )
    local_end: dt.datetime | None = Field(
        description="The meeting's closing in this venue's time zone."
    )

    @staticmethod
    def resolve_local_start(obj: Any) -> dt.datetime | None:
        return obj.local(obj.meeting.starts_at)

    @staticmethod
    def resolve_local_end(obj: Any) -> dt.datetime | None:
        return obj.local(obj.meeting.ends_at)


class MeetingOut(Schema):
    slug: str
    process: str = Field(description="The process's slug.")
    kind: MeetingKind
    title: Texts
    summary: Texts
    date: FuzzyDate
    starts_at: dt.datetime | None = Field(description="Opening time in UTC, when known.")
    ends_at: dt.datetime | None
    times_are_illustrative: bool = Field(
        description="The opening and closing times were not reported; they are placeholders."
    )
    visibility: Visibility
    venues: list[VenueOut]

    @staticmethod
    def resolve_process(obj: Any) -> str:
        return str(obj.process.slug)

    @staticmethod
    def resolve_date(obj: Any) -> dict[str, Any]:
        return FuzzyDate.of(obj)


class AgendaItemOut(Schema):
    number: str
    title: Texts


class AttendanceOut(Schema):
    venue: int = Field(description="The id of the venue (see `venues`).")
    person: PersonOut
    party: str | None = Field(description="Slug of the party whose delegation the person was in.")
    is_illustrative: bool

    @staticmethod
    def resolve_venue(obj: Any) -> int:
        return int(obj.venue_id)

    @staticmethod
    def resolve_party(obj: Any) -> str | None:
        return obj.delegation.party.slug if obj.delegation else None


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    attendance: list[AttendanceOut] | None = Field(
        description="Who attended, at which venue; null for readers who may not see attendance."
    )

    @staticmethod
    def resolve_agenda(obj: Any) -> list[Any]:
        return list(obj.agenda_items.all())

    @staticmethod
    def resolve_attendance(obj: Any, context: dict[str, Any]) -> list[Any] | None:
        if not viewer(context["request"]).has_perm("meetings.view_attendance", obj):
            return None
        return list(obj.attendance.all())
