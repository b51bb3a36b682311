"""Pieces shared by every area: texts per language, fuzzy dates, references."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema

from accord.core.enums import DatePrecision

Texts = Annotated[
    dict[str, str],
    Field(description='Text per language code, e.g. {"en": "Belarus", "ru": "Беларусь"}.'),
]


class FuzzyDate(Schema):
    """A date no more precise than its sources: "August 2025", "a Tuesday in 2025"."""

    date: dt.date = Field(
        description="A representative calendar date, for ordering; "
        "only as precise as `precision` says."
    )
    precision: DatePrecision
    weekday: int | None = Field(
        description="0 (Monday) to 6 (Sunday), when the source names the day of the week."
    )
    display: str = Field(description="The date as it should be shown, in the request's language.")

    @staticmethod
    def of(obj: Any) -> dict[str, Any]:
        """The FuzzyDate of a model with `date`, `date_precision`, `weekday` and `display_date`."""
        return {
            "date": obj.date,
            "precision": obj.date_precision,
            "weekday": obj.weekday,
            "display": obj.display_date,
        }


class PartyRef(Schema):
    """A party as it is named inside other objects."""

    slug: str
    iso_code: str | None = Field(description="ISO 3166-1 alpha-2, when the party has one.")
    names: Texts


class PersonOut(Schema):
    names: Texts
    position: Texts


class Detail(Schema):
    """Every error: 400 (invalid input; for markup, with line and column), 401
    (no or bad credentials), 403, 404 (absent or not visible to you), 409."""

    detail: str


def answers(ok: Any, *, lookup: bool = True) -> dict[int, Any]:
    """The responses an endpoint documents: `ok` on 200, the errors it may give."""
    codes: dict[int, Any] = {200: ok, 401: Detail}
    if lookup:
        codes[404] = Detail
    return codes


def writes(ok: Any, *, status: int = 200) -> dict[int, Any]:
    """The responses a write documents: `ok` on `status` (None for no content),
    and the errors: 400 (invalid input), 401 (no or bad credentials), 403 (you
    see it but may not do this), 404 (absent or not visible to you), 409 (the
    state forbids it, or it changed since you read it)."""
    return {status: ok, 400: Detail, 401: Detail, 403: Detail, 404: Detail, 409: Detail}
