"""The public record (timeline) and the hash-chained audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.dates import format_fuzzy_date
from accord.core.enums import DatePrecision, Visibility
from accord.core.models import TimestampedModel, localized


class RecordEntry(TimestampedModel):
    """One entry of a process's timeline: what happened, when (as precisely as
    the sources say), and who reported it."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="record_entries"
    )
    date = models.DateField(help_text=_("A representative date, used for ordering."))
    date_precision = models.CharField(max_length=12, choices=DatePrecision.choices)
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("0 = Monday; set when the source names the weekday.")
    )
    text = models.JSONField(help_text=_("The entry's text per language."))
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_illustrative = models.BooleanField(default=False)
    meetings = models.ManyToManyField("meetings.Meeting", blank=True, related_name="record_entries")
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="record_entries"
    )
    parties = models.ManyToManyField("processes.Party", blank=True, related_name="record_entries")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = _("record entries")

    def __str__(self) -> str:
        return f"{self.display_date}: {localized(self.text)[:60]}"

    @property
    def display_date(self) -> str:
        return format_fuzzy_date(self.date, self.date_precision, self.weekday)

    @property
    def display_text(self) -> str:
        return localized(self.text)


class Source(models.Model):
    """Who reported a record entry: an agency name and, when known, an address."""

    entry = models.ForeignKey(RecordEntry, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(max_length=200)
    url = models.URLField(blank=True, max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """One entry of the append-only audit log.

    Each event's hash covers its content and the previous event's hash, so any
    edit, deletion or reordering breaks the chain (see record.audit).
    """

    seq = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    # PROTECT: both are covered by the hash, so deleting them would rewrite history.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=80)
    process = models.ForeignKey(
        "processes.Process", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind}"


class ChainHead(models.Model):
    """A single row holding the last sequence number and hash of the chain.

    Writers lock it, which serialises appends; the verifier compares it with the
    last event, which detects deletion of the newest events.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head #{self.seq}"
