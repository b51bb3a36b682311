"""Dates of stated precision: "14 October 2025", "August 2025", "2025",
"a Tuesday in 2025", "about October 2023".

Reporting on diplomacy is often vague about dates. We store one representative
calendar date for ordering, the precision the source supports, and optionally
the weekday the source names; everything shown is derived from those.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats
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
        names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        raise ValidationError(
            f"{date.isoformat()} is a {names[date.weekday()]}, not a {names[weekday]}: "
            "correct the date or the weekday.",
            field="weekday",
        )


# The month as it follows "in" ("a Tuesday in August 2025"): languages with
# cases need their own form here (Russian: "в августе").
MONTHS_AFTER_IN = (
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "January"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "February"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "March"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "April"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "May"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "June"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "July"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "August"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "September"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "October"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "November"),
    lambda: pgettext("month after 'in', as in 'a Tuesday in August 2025'", "December"),
)


def format_fuzzy_date(date: dt.date, precision: str, weekday: int | None = None) -> str:
    """Render a date no more precisely than its precision allows, in the active language.

    Each form is one translatable phrase, so that languages with cases can
    inflect the month (Russian: "12 августа 2025", "вторник в августе 2025",
    "около августа 2025"). Django's alternative month name (format "E")
    is the form used after a day number, which is also the one "around"
    takes in those languages.
    """
    year = date.year
    if precision == DatePrecision.DAY:
        return formats.date_format(date, "j E Y")
    if weekday is not None:
        day = WEEKDAYS[weekday]()
        if precision == DatePrecision.MONTH:
            return pgettext("fuzzy date", "%(weekday)s in %(month)s %(year)s") % {
                "weekday": day,
                "month": MONTHS_AFTER_IN[date.month - 1](),
                "year": year,
            }
        if precision == DatePrecision.YEAR:
            return pgettext("fuzzy date", "%(weekday)s in %(year)s") % {
                "weekday": day,
                "year": year,
            }
        return pgettext("fuzzy date", "%(weekday)s, around %(year)s") % {
            "weekday": day,
            "year": year,
        }
    if precision == DatePrecision.MONTH:
        return formats.date_format(date, "YEAR_MONTH_FORMAT")
    if precision == DatePrecision.YEAR:
        return str(year)
    return pgettext("fuzzy date", "around %(month)s %(year)s") % {
        "month": formats.date_format(date, "E"),
        "year": year,
    }
