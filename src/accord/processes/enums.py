"""States and kinds of the processes app, with the allowed transitions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    STATE = "state", _("State")
    ORGANISATION = "organisation", _("International organisation")


class Phase(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    CONSULTATION = "consultation", _("Consultation")
    NEGOTIATION = "negotiation", _("Negotiation")
    ADOPTION = "adoption", _("Adoption")
    SIGNATURE = "signature", _("Signature and ratification")
    IMPLEMENTATION = "implementation", _("Implementation")
    CLOSED = "closed", _("Closed")


PHASE_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.PREPARATION: frozenset({Phase.CONSULTATION, Phase.CLOSED}),
    Phase.CONSULTATION: frozenset({Phase.NEGOTIATION, Phase.CLOSED}),
    Phase.NEGOTIATION: frozenset({Phase.CONSULTATION, Phase.ADOPTION, Phase.CLOSED}),
    Phase.ADOPTION: frozenset({Phase.NEGOTIATION, Phase.SIGNATURE, Phase.CLOSED}),
    Phase.SIGNATURE: frozenset({Phase.IMPLEMENTATION, Phase.CLOSED}),
    Phase.IMPLEMENTATION: frozenset({Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
}


class Standing(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer")
    INVITED = "invited", _("Invited")
    INTERESTED = "interested", _("Interested")


class MemberRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    EXPERT = "expert", _("Expert")
    SIGNATORY = "signatory", _("Signatory")


class ProcessRoleKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    CHAIR = "chair", _("Chair")
    FACILITATOR = "facilitator", _("Facilitator")
