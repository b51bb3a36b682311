"""States of the negotiation with their allowed transitions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.processes.enums import Phase


class Operation(models.TextChoices):
    REPLACE_TEXT = "replace_text", _("Replace the text")
    INSERT_BEFORE = "insert_before", _("Insert a provision before")
    INSERT_AFTER = "insert_after", _("Insert a provision after")
    DELETE = "delete", _("Delete the provision")
    ADD_OPTION = "add_option", _("Add an option")
    BRACKET = "bracket", _("Bracket a span")
    REMOVE_BRACKETS = "remove_brackets", _("Remove brackets")


# Operations that carry new text.
TEXT_OPERATIONS = frozenset(
    {Operation.REPLACE_TEXT, Operation.INSERT_BEFORE, Operation.INSERT_AFTER, Operation.ADD_OPTION}
)


class ProposalStatus(models.TextChoices):
    TABLED = "tabled", _("Tabled")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INCORPORATED = "incorporated", _("Incorporated")
    NOT_RETAINED = "not_retained", _("Not retained")


PROPOSAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ProposalStatus.TABLED: frozenset(
        {ProposalStatus.WITHDRAWN, ProposalStatus.INCORPORATED, ProposalStatus.NOT_RETAINED}
    ),
    ProposalStatus.WITHDRAWN: frozenset(),
    ProposalStatus.INCORPORATED: frozenset(),
    ProposalStatus.NOT_RETAINED: frozenset(),
}

# Phases in which delegations may table proposals.
PROPOSAL_PHASES = frozenset({Phase.CONSULTATION, Phase.NEGOTIATION})


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    CAN_LIVE_WITH = "can_live_with", _("Can live with")
    RESERVATION = "reservation", _("Reservation")
    OBJECTION = "objection", _("Objection")


class PositionVisibility(models.TextChoices):
    DELEGATION = "delegation", _("Own delegation")
    FACILITATORS = "facilitators", _("Chair and facilitators")
    PARTICIPANTS = "participants", _("All participants")


class ProvisionStatus(models.TextChoices):
    NOT_DISCUSSED = "not_discussed", _("Not discussed")
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    BRACKETED = "bracketed", _("Bracketed")
    AGREED_IN_INFORMALS = "agreed_informals", _("Agreed in informals")
    AGREED_AD_REFERENDUM = "agreed_ad_ref", _("Agreed ad referendum")
    AGREED = "agreed", _("Agreed")


S = ProvisionStatus
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NOT_DISCUSSED: frozenset({S.UNDER_DISCUSSION, S.BRACKETED}),
    S.UNDER_DISCUSSION: frozenset(
        {S.BRACKETED, S.AGREED_IN_INFORMALS, S.AGREED_AD_REFERENDUM, S.AGREED, S.NOT_DISCUSSED}
    ),
    S.BRACKETED: frozenset({S.UNDER_DISCUSSION, S.AGREED_IN_INFORMALS, S.AGREED_AD_REFERENDUM}),
    S.AGREED_IN_INFORMALS: frozenset(
        {S.AGREED_AD_REFERENDUM, S.AGREED, S.UNDER_DISCUSSION, S.BRACKETED}
    ),
    S.AGREED_AD_REFERENDUM: frozenset({S.AGREED, S.UNDER_DISCUSSION, S.BRACKETED}),
    S.AGREED: frozenset({S.UNDER_DISCUSSION}),
}
AGREED_STATUSES = frozenset({S.AGREED_IN_INFORMALS, S.AGREED_AD_REFERENDUM, S.AGREED})

# The white / yellow / green of UN practice, always shown with the text label too.
STATUS_COLOUR: dict[str, str] = {
    S.NOT_DISCUSSED: "white",
    S.UNDER_DISCUSSION: "white",
    S.BRACKETED: "white",
    S.AGREED_IN_INFORMALS: "yellow",
    S.AGREED_AD_REFERENDUM: "green",
    S.AGREED: "green",
}
