"""Choices shared by several apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read an object. Rules in each app interpret these the same way."""

    PUBLIC = "public", _("Public")
    PARTICIPANTS = "participants", _("Participants")
    DELEGATION = "delegation", _("Own delegation only")
    SECRETARIAT = "secretariat", _("Secretariat only")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    APPROXIMATE = "approximate", _("Approximate")
