"""Dates of stated precision: "14 October 2025", "August 2025", "2025",
"a Tuesday in 2025", "about October 2023".

Reporting on diplomacy is often vague about dates. We store one representative
calendar date for ordering, the precision the source supports, and optionally
the weekday the source names; everything shown is derived from those.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accord.core.enums import DatePrecision
from accord.core.errors import ValidationError

WEEKDAYS = (
    lambda: pgettext("weekday with indefinite article", "a Monday"),
    lambda: pgettext("weekday with indefinite article", "a Tuesday"),
    lambda: pgettext("weekday with indefinite article", "a Wednesday"),
    lambda: pgettext("weekday with indefinite article", "a Thursday"),
    lambda: pgettext("weekday with indefinite article", "a Friday"),
    lambda: pgettext("weekday with indefinite article", "a Saturday"),
    lambda: pgettext("weekday with indefinite article", "a Sunday"),
)


def validate_fuzzy_date(*, date: dt.date, precision: str, weekday: int | None = None) -> None:
    """Refuse combinations that would claim more than the source says."""
    if precision not in DatePrecision.values:
        raise ValidationError(f"Unknown date precision {precision!r}.", field="date_precision")
    if weekday is None:
        return
    if not 0 <= weekday <= 6:
        raise ValidationError("Weekday must be 0 (Monday) to 6 (Sunday).", field="weekday")
    if precision == DatePrecision.DAY and date.weekday() != weekday:
        raise ValidationError(
            f"{date.isoformat()} is not on the weekday given ({weekday}).", field="weekday"
        )


def format_fuzzy_date(date: dt.date, precision: str, weekday: int | None = None) -> str:
    """Render a date no more precisely than its precision allows, in the active language."""
    if precision == DatePrecision.DAY:
        return formats.date_format(date, "j F Y")
    month_year = formats.date_format(date, "YEAR_MONTH_FORMAT")
    year = str(date.year)
    if weekday is not None:
        day = WEEKDAYS[weekday]()
        if precision == DatePrecision.MONTH:
            return _("%(day)s in %(period)s") % {"day": day, "period": month_year}
        if precision == DatePrecision.YEAR:
            return _("%(day)s in %(period)s") % {"day": day, "period": year}
        return _("%(day)s, around %(period)s") % {"day": day, "period": year}
    if precision == DatePrecision.MONTH:
        return month_year
    if precision == DatePrecision.YEAR:
        return year
    return _("around %(period)s") % {"period": month_year}
