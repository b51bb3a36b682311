"""Documents, their versions, the provision tree and its texts per language."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.core import languages
from accord.core.enums import Visibility
from accord.core.models import Slugged, TimestampedModel, localized
from accord.documents.enums import DocumentKind, ProvisionKind, VersionStatus


class Document(Slugged, TimestampedModel):
    """A text under negotiation or adopted."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    title = models.JSONField()
    symbol = models.CharField(max_length=60, blank=True, help_text=_("e.g. EC/2025/1"))
    summary = models.JSONField(default=dict, blank=True)
    authentic_languages = models.JSONField(default=list)
    working_language = models.CharField(max_length=8)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PARTICIPANTS
    )
    owner_delegation = models.ForeignKey(
        "processes.Delegation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_documents",
        help_text=_("For delegation-internal material: the only delegation that may read it."),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    is_illustrative = models.BooleanField(
        default=False, help_text=_("Text written for the demo, not an official text.")
    )

    class Meta:
        ordering = ["process", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility="delegation") | Q(owner_delegation__isnull=False),
                name="delegation_documents_have_an_owner",
            ),
        ]

    def __str__(self) -> str:
        return localized(self.title)

    @property
    def display_title(self) -> str:
        return localized(self.title)

    @property
    def display_summary(self) -> str:
        return localized(self.summary)


class Version(TimestampedModel):
    """A state of a document: a mutable working copy until it is published,
    then immutable, identified by a label and a content hash."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=80)
    status = models.CharField(
        max_length=12, choices=VersionStatus.choices, default=VersionStatus.WORKING
    )
    base = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="derived"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    proposals_deadline = models.DateTimeField(
        null=True, blank=True, help_text=_("Proposals against this version close at this moment.")
    )

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status="working"),
                name="one_working_copy",
            ),
            models.CheckConstraint(
                condition=Q(status="working") | ~Q(content_hash=""),
                name="published_versions_have_a_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} — {self.label}"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class Provision(models.Model):
    """A node of a version's text tree.

    `uid` is the provision's identity: it is the same in every version of the
    document, whatever the provision's number or place, so versions and
    language texts line up by identity, never by position. `eid` is the
    Akoma Ntoso-style identifier derived from kind and number.
    """

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="provisions")
    uid = models.UUIDField(default=uuid.uuid4)
    kind = models.CharField(max_length=24, choices=ProvisionKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(help_text=_("Order in document (depth-first)."))
    depth = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(max_length=24, blank=True)
    eid = models.CharField(max_length=200)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "uid"], name="provision_uid_per_version"),
        ]
        indexes = [
            # eId and position are unique per version too; documents.tree keeps them so
            # (a database constraint would trip half-way through a bulk renumbering).
            models.Index(fields=["version", "eid"], name="provision_eid_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class Translation(models.Model):
    """A provision's heading and text in one language.

    `source_version` is the version whose working-language text this text was
    made from (for the working language itself: the version it was written in),
    so a translation whose source has since changed can be flagged stale.
    """

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8)
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    source_version = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.PositiveIntegerField(
        default=1, help_text=_("Bumped on every edit; writers send the revision they read.")
    )

    class Meta:
        ordering = ["provision", "language"]
        constraints = [
            models.UniqueConstraint(fields=["provision", "language"], name="one_text_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.provision} [{self.language}]"

    @property
    def direction(self) -> str:
        return languages.direction(self.language)
