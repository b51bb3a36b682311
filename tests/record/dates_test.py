"""Dates of stated precision, as the record and meetings show them (accord.core.dates).

A date is never shown more precisely than its source: "August 2025", "2025",
"a Tuesday in 2025". Russian needs the month inflected: "12 августа 2025",
"вторник в августе 2025 г.", "около августа 2025 г.".
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from accord.core.dates import format_fuzzy_date, validate_fuzzy_date
from accord.core.errors import ValidationError

AUG_12 = dt.date(2025, 8, 12)  # a Tuesday

CASES = [
    # (precision, weekday, English, Russian)
    ("day", None, "12 August 2025", "12 августа 2025"),
    ("day", 1, "12 August 2025", "12 августа 2025"),
    ("month", None, "August 2025", "Август 2025 г."),
    ("year", None, "2025", "2025"),
    ("year", 1, "a Tuesday in 2025", "вторник в 2025 г."),
    ("month", 1, "a Tuesday in August 2025", "вторник в августе 2025 г."),
    ("approximate", None, "around August 2025", "около августа 2025 г."),
    ("approximate", 1, "a Tuesday, around 2025", "вторник, около 2025 г."),
]


@pytest.mark.parametrize(("precision", "weekday", "english", "russian"), CASES)
def test_a_fuzzy_date_in_english_and_russian(
    precision: str, weekday: int | None, english: str, russian: str
) -> None:
    assert format_fuzzy_date(AUG_12, precision, weekday) == english
    with translation.override("ru"):
        assert format_fuzzy_date(AUG_12, precision, weekday) == russian


@pytest.mark.parametrize(
    ("weekday", "english", "russian"),
    [
        (0, "a Monday", "понедельник"),
        (2, "a Wednesday", "среда"),
        (3, "a Thursday", "четверг"),
        (4, "a Friday", "пятница"),
        (5, "a Saturday", "суббота"),
        (6, "a Sunday", "воскресенье"),
    ],
)
def test_every_weekday_is_named(weekday: int, english: str, russian: str) -> None:
    assert format_fuzzy_date(AUG_12, "year", weekday) == f"{english} in 2025"
    with translation.override("ru"):
        assert format_fuzzy_date(AUG_12, "year", weekday) == f"{russian} в 2025 г."


MONTHS_AFTER_IN_RU = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_takes_its_case_in_russian(month: int) -> None:
    date = dt.date(2024, month, 1)
    with translation.override("ru"):
        assert format_fuzzy_date(date, "month", 4) == (
            f"пятница в {MONTHS_AFTER_IN_RU[month - 1]} 2024 г."
        )
    assert format_fuzzy_date(date, "month", 4) == f"a Friday in {date:%B} 2024"


def test_a_day_precision_date_is_not_made_vaguer_and_a_month_not_more_precise() -> None:
    assert "12" in format_fuzzy_date(AUG_12, "day")
    for precision in ("month", "year", "approximate"):
        assert "12" not in format_fuzzy_date(AUG_12, precision)
    assert "August" not in format_fuzzy_date(AUG_12, "year")


def test_validation_accepts_what_the_source_can_say() -> None:
    validate_fuzzy_date(date=AUG_12, precision="day", weekday=1)
    validate_fuzzy_date(date=AUG_12, precision="month", weekday=6)
    validate_fuzzy_date(date=AUG_12, precision="approximate")


def test_validation_refuses_a_weekday_that_the_date_contradicts() -> None:
    with pytest.raises(ValidationError, match="2025-08-12 is a Tuesday, not a Sunday") as info:
        validate_fuzzy_date(date=AUG_12, precision="day", weekday=6)
    assert info.value.field == "weekday"
