"""The public record: timeline entries with their sources and links."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from accord.api.schemas.common import FuzzyDate, Texts
from accord.core.enums import Visibility


class SourceOut(Schema):
    name: str = Field(description='Who reported it, e.g. "BelTA".')
    url: str = Field(description="Address of the report; empty when not known.")


class EntryOut(Schema):
    id: int
    date: FuzzyDate
    text: Texts
    visibility: Visibility
    is_illustrative: bool
    sources: list[SourceOut]
    meetings: list[str] = Field(description="Slugs of the linked meetings you may see.")
    documents: list[str] = Field(description="Slugs of the linked documents you may see.")
    parties: list[str] = Field(description="Slugs of the linked parties.")

    @staticmethod
    def resolve_date(obj: Any) -> dict[str, Any]:
        return FuzzyDate.of(obj)

    @staticmethod
    def resolve_meetings(obj: Any) -> list[str]:
        return [m.slug for m in obj.meetings.all()]

    @staticmethod
    def resolve_documents(obj: Any) -> list[str]:
        return [d.slug for d in obj.documents.all()]

    @staticmethod
    def resolve_parties(obj: Any) -> list[str]:
        return [p.slug for p in obj.parties.all()]
