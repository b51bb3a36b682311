"""The concordance report page: two language versions of one version of a
document compared provision by provision (`accord.documents.concordance`),
with the stale translations in those languages.

Query parameters: `version=<number>` (default: the latest published version,
else the working copy for those who see it), `left=<code>` (default: the
working language), `right=<code>` (default: the next authentic language).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from accord.core import languages as language_names
from accord.documents.concordance import KIND_LABELS, Discrepancy, Kind, version_report
from accord.documents.views import document_languages
from accord.negotiation.views.common import crumbs, negotiation_for


@dataclass(frozen=True)
class Entry:
    discrepancy: Discrepancy
    kind_label: str
    url: str


def choose_pair(
    available: list[str], working: str, *, left: str | None, right: str | None
) -> tuple[str, str | None]:
    """The two languages compared: unknown codes fall back to the working
    language (left) and the first other language (right)."""
    if left not in available:
        left = working if working in available else available[0]
    if right not in available or right == left:
        right = next((code for code in available if code != left), None)
    return left, right


def concordance(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    negotiation = negotiation_for(request, process_slug, document_slug)
    document = negotiation.document
    version = negotiation.version(request.GET.get("version"))
    available = document_languages(document)
    left, right = choose_pair(
        available,
        document.working_language,
        left=request.GET.get("left"),
        right=request.GET.get("right"),
    )
    context: dict[str, Any] = {
        "process": negotiation.process,
        "document": document,
        "version": version,
        "versions": list(reversed(negotiation.versions)),
        "languages": available,
        "left": left,
        "right": right,
        "breadcrumbs": crumbs(negotiation, (gettext("Concordance"), None)),
        "entries": [],
        "stale": [],
        "counts": [],
        "report": None,
    }
    if version is None or right is None:
        return render(request, "documents/concordance.html", context)
    checked = version_report(version, left=left, right=right)
    base = reverse("documents:detail", args=[negotiation.process.slug, document.slug])
    page = base + "?" + urlencode({"version": str(version.number), "lang": left, "compare": right})
    counts = checked.report.counts()
    context.update(
        {
            "report": checked.report,
            "entries": [
                Entry(d, str(KIND_LABELS[d.kind]), f"{page}#{checked.eids.get(d.uid, '')}")
                for d in checked.report.discrepancies
            ],
            "counts": [
                {"kind": kind.value, "label": KIND_LABELS[kind], "count": counts[kind.value]}
                for kind in Kind
            ],
            "stale": [
                {
                    "text": s,
                    "language": language_names.label(s.language),
                    "url": f"{page}#{s.eid}",
                }
                for s in checked.stale
            ],
        }
    )
    return render(request, "documents/concordance.html", context)
