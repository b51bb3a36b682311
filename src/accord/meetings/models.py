"""Meetings held at one or more venues at the same time."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.dates import format_fuzzy_date
from accord.core.enums import DatePrecision, Visibility
from accord.core.models import Slugged, TimestampedModel, localized
from accord.meetings.enums import MeetingKind


class Meeting(Slugged, TimestampedModel):
    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(max_length=24, choices=MeetingKind.choices)
    title = models.JSONField()
    date = models.DateField(help_text=_("A representative date, used for ordering."))
    date_precision = models.CharField(max_length=12, choices=DatePrecision.choices)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Opening time (stored in UTC), when known.")
    )
    ends_at = models.DateTimeField(null=True, blank=True)
    times_are_illustrative = models.BooleanField(
        default=False, help_text=_("The opening and closing times were not reported.")
    )
    summary = models.JSONField(default=dict, blank=True)
    visibility = models.CharField(
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PARTICIPANTS,
        help_text=_("Public meetings are listed to everyone; attendance is never public."),
    )

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return localized(self.title)

    @property
    def display_title(self) -> str:
        return localized(self.title)

    @property
    def display_summary(self) -> str:
        return localized(self.summary)

    @property
    def display_date(self) -> str:
        return format_fuzzy_date(self.date, self.date_precision, self.weekday)


class Venue(models.Model):
    """A place where a meeting is held; several venues of one meeting are in
    session at the same time."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="venues")
    host = models.ForeignKey("processes.Party", on_delete=models.PROTECT, related_name="+")
    city = models.JSONField()
    place = models.JSONField(default=dict, blank=True, help_text=_("Building or institution."))
    time_zone = models.CharField(max_length=64, help_text=_("IANA name, e.g. Europe/Minsk."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.display_city} ({self.meeting})"

    @property
    def display_city(self) -> str:
        return localized(self.city)

    @property
    def display_place(self) -> str:
        return localized(self.place)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, moment: dt.datetime | None) -> dt.datetime | None:
        return moment.astimezone(self.zone) if moment else None


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(max_length=16)
    title = models.JSONField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number}. {localized(self.title)}"

    @property
    def display_title(self) -> str:
        return localized(self.title)


class Attendance(models.Model):
    """Who was present, at which venue, for which delegation (if any)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        "processes.Person", on_delete=models.CASCADE, related_name="attendance"
    )
    delegation = models.ForeignKey(
        "processes.Delegation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["venue__position", "delegation__party__slug", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attend_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.venue}"
