from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    CONSULTATION_ROUND = "consultation_round", _("Consultation round")
    INFORMAL = "informal", _("Informal meeting")
