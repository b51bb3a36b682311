"""Live sessions: one shared screen of a meeting, at every venue at once.

A `LiveSession` puts a document's working copy on screen for a meeting. The
pen-holder (`PenTenure`, at most one open at a time) edits it; others ask for
the pen (`PenRequest`) and for the floor (`FloorEntry`); `Presence` says who
is connected, from which venue and delegation. Every change a client must see
is appended to the session's numbered `LiveEvent` log in the transaction that
makes it and broadcast after commit, so a client that missed something asks
for the events after the last number it saw.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel
from accord.live.enums import FloorStatus, PenEnd, PenRequestStatus, SessionStatus


class LiveSession(TimestampedModel):
    """A meeting's shared screen on one document's working copy, in one language."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="live_sessions"
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="live_sessions"
    )
    version = models.ForeignKey(
        "documents.Version",
        on_delete=models.CASCADE,
        related_name="live_sessions",
        help_text=_("The working copy on screen."),
    )
    language = models.CharField(max_length=8, help_text=_("The language on screen."))
    status = models.CharField(
        max_length=8, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    key = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Names the broadcast group; unique across installations sharing a Redis."),
    )
    seq = models.PositiveBigIntegerField(
        default=0, help_text=_("Number of the last event appended to the session's log.")
    )
    focus_uid = models.UUIDField(
        null=True, blank=True, help_text=_("The provision on screen (its stable uid).")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(status="open"), name="one_open_live_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.document}"

    @property
    def group(self) -> str:
        """The channel-layer group every connection to this session joins."""
        return f"live.{self.key.hex}"

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN


class LiveBaseline(models.Model):
    """A provision's text when the session started: what edits are shown against."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="baseline")
    provision_uid = models.UUIDField()
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "provision_uid"], name="one_baseline_per_provision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.provision_uid}"


class PenRequest(models.Model):
    """Someone asked for the pen; the chair grants or declines, the asker may withdraw."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="pen_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(
        "processes.Delegation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    venue = models.ForeignKey(
        "meetings.Venue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=PenRequestStatus.choices, default=PenRequestStatus.PENDING
    )
    requested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status="pending"),
                name="one_pending_pen_request_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} asks for the pen ({self.get_status_display()})"


class PenTenure(models.Model):
    """A period during which one person held the pen."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="pen_tenures")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(
        "processes.Delegation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    venue = models.ForeignKey(
        "meetings.Venue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request = models.OneToOneField(
        PenRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="tenure"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason = models.CharField(max_length=16, choices=PenEnd.choices, blank=True)

    class Meta:
        ordering = ["granted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"], condition=Q(ended_at__isnull=True), name="one_pen_holder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} holds the pen"


class FloorEntry(models.Model):
    """A delegation asked for the floor. The queue is ordered by the time of
    the request, whatever the venue."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="floor_entries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(
        "processes.Delegation", on_delete=models.CASCADE, related_name="+"
    )
    venue = models.ForeignKey(
        "meetings.Venue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=FloorStatus.choices, default=FloorStatus.WAITING
    )
    requested_at = models.DateTimeField()
    given_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name_plural = _("floor entries")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "delegation"],
                condition=Q(status__in=["waiting", "speaking"]),
                name="one_floor_request_per_delegation",
            ),
            models.UniqueConstraint(
                fields=["session"], condition=Q(status="speaking"), name="one_speaker"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation} ({self.get_status_display()})"


class Presence(models.Model):
    """One open websocket connection to a session."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="presence")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    delegation = models.ForeignKey(
        "processes.Delegation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    venue = models.ForeignKey(
        "meetings.Venue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    connected_at = models.DateTimeField()
    last_seen = models.DateTimeField(
        help_text=_("When the connection last said it was alive (its pings, every 25 s).")
    )

    class Meta:
        ordering = ["connected_at", "id"]
        verbose_name_plural = _("presence")

    def __str__(self) -> str:
        return f"{self.user} connected"


class LiveEvent(models.Model):
    """One numbered event of a session's log, stored as it was broadcast."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=32)
    payload = models.JSONField(
        help_text=_("The whole event as broadcast (see docs/live-events.md).")
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="live_event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.type}"
