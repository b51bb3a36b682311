"""The whole document as JSON: the document, every version, every
provision with its identity and place, every text per language as stored
(notation) and as structured markup (`markup.to_json`), with its clean and
full text, whether it is a stale translation, and the negotiation status
of every provision. The shape is
`ExportedDocument` (pydantic models; `json_schema()` gives its JSON Schema,
documented in docs/import-export.md)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, Literal

from django.utils import timezone
from pydantic import BaseModel, ConfigDict

from accord.documents.akn.export import read_markup
from accord.documents.concordance import stale_texts
from accord.documents.models import Document, Version
from accord.documents.selectors import provisions_with_texts
from accord.negotiation import markup

from .render import codes_of

FORMAT = "accord-document"
FORMAT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TextOut(_Strict):
    language: str
    heading: str
    notation: str
    markup: dict[str, Any]
    clean: str
    full: str
    source_version: int | None
    stale: bool
    """A translation whose working-language source changed after it was made
    from `source_version` (`accord.documents.concordance.stale_texts`)."""
    source_changed_in: int | None
    """Number of the version the current source text was written in, for a
    stale text; null otherwise (or when that is not recorded)."""
    revision: int


class ProvisionOut(_Strict):
    uid: str
    eid: str
    kind: str
    number: str
    parent: str | None
    position: int
    depth: int
    texts: dict[str, TextOut]


class VersionOut(_Strict):
    number: int
    label: str
    status: Literal["working", "published"]
    published_at: str | None
    content_hash: str
    base: int | None
    provisions: list[ProvisionOut]


class DocumentOut(_Strict):
    slug: str
    process: str
    kind: str
    symbol: str
    title: dict[str, str]
    summary: dict[str, str]
    authentic_languages: list[str]
    working_language: str
    visibility: str
    is_illustrative: bool


class ExportedDocument(_Strict):
    format: Literal["accord-document"]
    format_version: Literal[1]
    exported_at: str
    document: DocumentOut
    statuses: dict[str, str]
    """Negotiation status of each provision (by uid); provisions not listed
    were never discussed."""
    versions: list[VersionOut]


def json_schema() -> dict[str, Any]:
    return ExportedDocument.model_json_schema()


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def document_data(document: Document, versions: Sequence[Version] | None = None) -> dict[str, Any]:
    """The whole document as JSON-ready data (at most four queries per version):
    `versions` (default: all of them; the pages and the API pass those the
    reader may read)."""
    from accord.negotiation.models import ProvisionState

    codes = codes_of(document)
    numbers = dict(document.versions.values_list("pk", "number"))
    rows: list[dict[str, Any]] = []
    chosen = document.versions.order_by("number") if versions is None else versions
    for version in chosen:
        provisions = provisions_with_texts(version)
        stale = stale_texts(version)
        uid_of = {p.pk: str(p.uid) for p in provisions}
        items = []
        for p in provisions:
            texts = {}
            for t in p.texts.all():
                value = read_markup(t.text, codes)
                flag = stale.get(t.pk)
                texts[t.language] = {
                    "language": t.language,
                    "heading": t.heading,
                    "notation": t.text,
                    "markup": markup.to_json(value),
                    "clean": markup.clean_text(value),
                    "full": markup.full_text(value),
                    "source_version": numbers.get(t.source_version_id)
                    if t.source_version_id
                    else None,
                    "stale": flag is not None,
                    "source_changed_in": flag.source_written_in_number if flag else None,
                    "revision": t.revision,
                }
            items.append(
                {
                    "uid": str(p.uid),
                    "eid": p.eid,
                    "kind": p.kind,
                    "number": p.number,
                    "parent": uid_of.get(p.parent_id) if p.parent_id else None,
                    "position": p.position,
                    "depth": p.depth,
                    "texts": texts,
                }
            )
        rows.append(
            {
                "number": version.number,
                "label": version.label,
                "status": version.status,
                "published_at": _iso(version.published_at),
                "content_hash": version.content_hash,
                "base": numbers.get(version.base_id) if version.base_id else None,
                "provisions": items,
            }
        )
    statuses = {
        str(uid): status
        for uid, status in ProvisionState.objects.filter(document=document).values_list(
            "provision_uid", "status"
        )
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "document": {
            "slug": document.slug,
            "process": document.process.slug,
            "kind": document.kind,
            "symbol": document.symbol,
            "title": dict(document.title),
            "summary": dict(document.summary or {}),
            "authentic_languages": list(document.authentic_languages),
            "working_language": document.working_language,
            "visibility": document.visibility,
            "is_illustrative": document.is_illustrative,
        },
        "statuses": statuses,
        "versions": rows,
    }


def export_json(
    version: Version, language: str = "", *, versions: Sequence[Version] | None = None
) -> bytes:
    """The whole document of `version` (every version, or those in
    `versions`; every language) as UTF-8 JSON; `language` is not used: one
    file holds them all."""
    data = document_data(version.document, versions)
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def json_filename(version: Version, language: str = "") -> str:
    return f"{version.document.slug}.json"
