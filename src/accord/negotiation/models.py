"""Proposals, co-sponsors, positions and the status of each provision.

Proposals and statuses refer to provisions by `uid`, the identity a provision
keeps in every version, so they survive renumbering and new versions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel
from accord.negotiation.enums import (
    Operation,
    PositionVisibility,
    ProposalStatus,
    ProvisionStatus,
    Stance,
)


class Proposal(TimestampedModel):
    """A delegation's textual proposal against a provision of a published version."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="proposals"
    )
    number = models.PositiveIntegerField(help_text=_("Sequence within the document: P-1, P-2…"))
    version = models.ForeignKey(
        "documents.Version", on_delete=models.PROTECT, related_name="proposals"
    )
    provision = models.ForeignKey(
        "documents.Provision", on_delete=models.PROTECT, related_name="proposals"
    )
    provision_uid = models.UUIDField(db_index=True)
    delegation = models.ForeignKey(
        "processes.Delegation", on_delete=models.PROTECT, related_name="proposals"
    )
    operation = models.CharField(max_length=20, choices=Operation.choices)
    language = models.CharField(max_length=8)
    text = models.TextField(blank=True, help_text=_("Proposed text, in negotiation notation."))
    new_kind = models.CharField(max_length=24, blank=True)
    new_number = models.CharField(max_length=24, blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    target_ref = models.CharField(
        max_length=32, blank=True, help_text=_("Bracket or option set the proposal acts on.")
    )
    rationale = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.TABLED
    )
    status_reason = models.TextField(blank=True)
    tabled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    incorporated_version = models.ForeignKey(
        "documents.Version", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    incorporated_provision_uid = models.UUIDField(null=True, blank=True)
    incorporated_ref = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="proposal_number_unique"),
        ]

    def __str__(self) -> str:
        return f"P-{self.number}"

    @property
    def label(self) -> str:
        return f"P-{self.number}"


class Cosponsorship(models.Model):
    """A delegation joining (and perhaps later leaving) a proposal. Rows are
    never deleted, so the history of who backed what is kept."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cosponsorships")
    delegation = models.ForeignKey(
        "processes.Delegation", on_delete=models.PROTECT, related_name="cosponsorships"
    )
    joined_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposal", "joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "delegation"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_cosponsorship",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation} on {self.proposal}"


class Position(models.Model):
    """A delegation's stance on a provision or a proposal. A new position
    supersedes the previous one; superseded rows are the history."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="positions"
    )
    delegation = models.ForeignKey(
        "processes.Delegation", on_delete=models.PROTECT, related_name="positions"
    )
    provision_uid = models.UUIDField(null=True, blank=True, db_index=True)
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="positions"
    )
    stance = models.CharField(max_length=16, choices=Stance.choices)
    reason = models.TextField(blank=True)
    visibility = models.CharField(max_length=16, choices=PositionVisibility.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(provision_uid__isnull=True) ^ Q(proposal__isnull=True),
                name="position_on_provision_or_proposal",
            ),
            models.CheckConstraint(
                condition=~Q(stance="objection") | ~Q(reason=""),
                name="objection_has_a_reason",
            ),
            models.UniqueConstraint(
                fields=["delegation", "provision_uid"],
                condition=Q(superseded_at__isnull=True, provision_uid__isnull=False),
                name="one_current_position_per_provision",
            ),
            models.UniqueConstraint(
                fields=["delegation", "proposal"],
                condition=Q(superseded_at__isnull=True, proposal__isnull=False),
                name="one_current_position_per_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.get_stance_display()}"


class ProvisionState(models.Model):
    """Where a provision stands in the negotiation, across versions."""

    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="provision_states"
    )
    provision_uid = models.UUIDField()
    status = models.CharField(
        max_length=20, choices=ProvisionStatus.choices, default=ProvisionStatus.NOT_DISCUSSED
    )
    facilitator = models.ForeignKey(
        "processes.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_to_uid = models.UUIDField(null=True, blank=True)
    subject_to_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("Hash of the other provision's text when this one was agreed subject to it."),
    )
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "provision_uid"], name="one_state_per_provision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provision_uid}: {self.get_status_display()}"


class StatusDecision(models.Model):
    """One change of a provision's status: the decision record."""

    state = models.ForeignKey(ProvisionState, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(max_length=20, choices=ProvisionStatus.choices)
    to_status = models.CharField(max_length=20, choices=ProvisionStatus.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField()
    note = models.TextField(blank=True)
    override_reason = models.TextField(
        blank=True, help_text=_("Why the chair agreed the provision despite an objection.")
    )
    subject_to_uid = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["state", "decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
