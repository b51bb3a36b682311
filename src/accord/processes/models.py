"""Parties, processes, their participants, delegations and people."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.core.models import Slugged, TimestampedModel, localized
from accord.processes.enums import MemberRole, PartyKind, Phase, ProcessRoleKind, Standing


class Party(Slugged, TimestampedModel):
    """A state or an international organisation."""

    kind = models.CharField(max_length=16, choices=PartyKind.choices, default=PartyKind.STATE)
    iso_code = models.CharField(
        _("ISO 3166-1 alpha-2 code"), max_length=2, null=True, blank=True, unique=True
    )
    names = models.JSONField(help_text=_("Short name per language, e.g. {'en': 'Belarus'}."))
    formal_names = models.JSONField(default=dict, blank=True)
    languages = models.JSONField(default=list, blank=True, help_text=_("Own language codes."))
    is_illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.names)

    @property
    def formal_name(self) -> str:
        return localized(self.formal_names) or self.name

    @property
    def code(self) -> str:
        """ISO 3166 alpha-2 code, or the upper-cased slug for parties without one."""
        return self.iso_code or self.slug.upper().replace("-", "")[:12]


class Process(Slugged, TimestampedModel):
    """One consultation, e.g. the Eurasian Charter process."""

    title = models.JSONField()
    summary = models.JSONField(default=dict, blank=True)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.PREPARATION)
    observers_see_documents = models.BooleanField(
        default=True, help_text=_("Observers may read the documents shared with participants.")
    )
    observers_see_meetings = models.BooleanField(
        default=True, help_text=_("Observers may see meetings and their attendance.")
    )

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = _("processes")

    def __str__(self) -> str:
        return localized(self.title)

    @property
    def display_title(self) -> str:
        return localized(self.title)

    @property
    def display_summary(self) -> str:
        return localized(self.summary)


class Person(TimestampedModel):
    """Someone who acts in a process: a minister, a delegate, a secretariat
    officer. A person may or may not have an account."""

    names = models.JSONField(help_text=_("Full name per language."))
    position = models.JSONField(default=dict, blank=True, help_text=_("Office held, per language."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_demo_account = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.names)

    @property
    def display_position(self) -> str:
        return localized(self.position)


class Participation(TimestampedModel):
    """A party's standing in a process, from a date and possibly until one."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="participations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="participations")
    standing = models.CharField(max_length=16, choices=Standing.choices)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["process", "party__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "party"], name="one_participation_per_party"
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True)
                | Q(since__isnull=True)
                | Q(until__gte=models.F("since")),
                name="participation_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} — {self.get_standing_display()}"


class Delegation(TimestampedModel):
    """The people a party sends to a process."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="delegations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="delegations")

    class Meta:
        ordering = ["process", "party__slug"]
        constraints = [
            models.UniqueConstraint(fields=["process", "party"], name="one_delegation_per_party"),
        ]

    def __str__(self) -> str:
        return str(self.party)

    @property
    def code(self) -> str:
        """The short code negotiators write in attributions: the ISO code, e.g. RU."""
        return self.party.code


class DelegationMember(TimestampedModel):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=MemberRole.choices)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["delegation", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "person", "role"], name="one_role_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.delegation})"


class ProcessRole(TimestampedModel):
    """Secretariat, chair or facilitator of a process."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="process_roles")
    role = models.CharField(max_length=16, choices=ProcessRoleKind.choices)

    class Meta:
        ordering = ["process", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "person", "role"], name="one_process_role_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"
