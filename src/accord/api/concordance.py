"""Authentic-language parity: the concordance check of two language versions
of a version, and its stale translations (`accord.documents.concordance`)."""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

import uuid
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from accord.api.auth import viewer
from accord.api.lookups import document_for, version_for
from accord.api.schemas.common import answers
from accord.core.errors import ValidationError
from accord.documents.concordance import Kind, StaleText, stale_texts, version_report
from accord.documents.views import document_languages

router = Router(tags=["concordance"])


class DiscrepancyOut(Schema):
    kind: Kind = Field(
        description="missing (left has it, right has not), extra (the reverse), numbers, "
        "references (articles cited) or terms (quoted defined terms)."
    )
    uid: uuid.UUID = Field(description="The provision's identity.")
    eid: str
    label: str = Field(description='e.g. "Article 5, paragraph 2".')
    left: list[str] = Field(
        description="What the left language has that the right lacks: the parts (heading, "
        "text), the number or article values in excess, or every quoted term."
    )
    right: list[str] = Field(description="The same for the right language.")


class StaleTextOut(Schema):
    uid: uuid.UUID
    eid: str
    language: str
    made_from: int = Field(description="Number of the version the text was made from.")
    source_written_in: int | None = Field(
        description="Number of the version the current working-language text was written in."
    )


class ConcordanceOut(Schema):
    version: int
    left: str
    right: str
    compared: int = Field(description="Provisions with text in at least one of the two.")
    concordant: bool
    counts: dict[str, int] = Field(description="Discrepancies per kind.")
    discrepancies: list[DiscrepancyOut]
    stale: list[StaleTextOut] = Field(description="Stale texts in the two languages.")


def _stale_row(text: StaleText) -> dict[str, Any]:
    return {
        "uid": text.uid,
        "eid": text.eid,
        "language": text.language,
        "made_from": text.made_from_number,
        "source_written_in": text.source_written_in_number,
    }


@router.get("/documents/{slug}/versions/{number}/concordance", response=answers(ConcordanceOut))
def get_concordance(
    request: HttpRequest,
    slug: str,
    number: int,
    left: Annotated[str | None, Query(description="Default: the working language.")] = None,
    right: Annotated[
        str | None, Query(description="Default: the first other language of the document.")
    ] = None,
) -> dict[str, Any]:
    """Compare two language versions of a version provision by provision
    (aligned by identity): missing or extra provisions, numbers that differ
    (in any script's digits, Chinese numerals included), articles cited that
    differ, quoted defined terms without a counterpart. A 400 names a
    language the document does not have."""
    user = viewer(request)
    document = document_for(user, slug)
    version = version_for(user, document, number)
    available = document_languages(document)
    left = left or document.working_language
    right = right or next((c for c in available if c != left), None)
    for code, name in ((left, "left"), (right, "right")):
        if code not in available:
            raise ValidationError(
                f"{code!r} is not a language of this document ({', '.join(available)}).",
                field=name,
            )
    assert right is not None
    if left == right:
        raise ValidationError("Compare two different languages.", field="right")
    checked = version_report(version, left=left, right=right)
    report = checked.report
    return {
        "version": version.number,
        "left": left,
        "right": right,
        "compared": report.compared,
        "concordant": report.concordant,
        "counts": report.counts(),
        "discrepancies": [
            {
                "kind": d.kind,
                "uid": d.uid,
                "eid": checked.eids.get(d.uid, ""),
                "label": d.label,
                "left": list(d.left),
                "right": list(d.right),
            }
            for d in report.discrepancies
        ],
        "stale": [_stale_row(s) for s in checked.stale],
    }


@router.get("/documents/{slug}/versions/{number}/stale-texts", response=answers(list[StaleTextOut]))
def list_stale_texts(request: HttpRequest, slug: str, number: int) -> list[dict[str, Any]]:
    """The texts of a version made from a working-language text that has
    changed since (see the concordance module for the exact rule), in
    document order."""
    user = viewer(request)
    version = version_for(user, document_for(user, slug), number)
    return [_stale_row(s) for s in stale_texts(version).values()]
