"""The redline between any two versions of a document.

Query parameters: `from=<number>`, `to=<number>`, `lang=<code>`,
`show=changes` (leave out unchanged provisions). Provisions are aligned by
identity (`documents.compare`): a moved or renumbered provision shows as
moved or renumbered, never as deleted and inserted. Texts are compared as
negotiators read them (`markup.full_text`: brackets and options printed,
without identifiers), so a new bracket reads as "[" … "] (RU)" inserted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.compare import Change, ProvisionDiff, compare_versions, redline_html
from accord.documents.enums import ProvisionKind
from accord.documents.models import Version
from accord.documents.selectors import version_snapshot
from accord.documents.services import delegation_codes
from accord.negotiation import markup
from accord.negotiation.views.common import (
    Negotiation,
    Renderer,
    choose_language,
    crumbs,
    negotiation_for,
    page_url,
    provision_number,
    tabs,
)

CHANGE_LABELS = {
    Change.INSERTED: gettext_lazy("Inserted"),
    Change.DELETED: gettext_lazy("Deleted"),
    Change.CHANGED: gettext_lazy("Text changed"),
    Change.MOVED: gettext_lazy("Moved"),
    Change.RENUMBERED: gettext_lazy("Renumbered"),
    Change.RETYPED: gettext_lazy("Kind changed"),
}
CHANGE_ORDER = list(CHANGE_LABELS)


@dataclass
class Line:
    diff: ProvisionDiff
    label: str
    old_label: str
    changes: list[dict[str, str]]
    moved_note: str
    heading: SafeString
    text: SafeString
    has_text: bool
    depth: int
    state: str


def _readable(snapshots: list[ProvisionSnapshot], renderer: Renderer) -> list[ProvisionSnapshot]:
    """The same provisions with each text as negotiators print it."""

    def full(text: str) -> str:
        parsed = renderer.parse(text) if text else None
        return markup.full_text(parsed) if parsed is not None else text

    return [
        dataclasses.replace(
            s, texts=tuple(TextSnapshot(t.language, t.heading, full(t.text)) for t in s.texts)
        )
        for s in snapshots
    ]


def _preamble_numbers(snapshots: Sequence[ProvisionSnapshot]) -> dict[str, int]:
    """Unnumbered preamble paragraphs by their place: 1, 2, 3…"""
    numbers: dict[str, int] = {}
    for s in snapshots:
        if s.kind == ProvisionKind.PREAMBLE_PARAGRAPH and not s.number.strip():
            numbers[s.uid] = len(numbers) + 1
    return numbers


def _name(snapshot: ProvisionSnapshot | None, preamble: dict[str, int] | None = None) -> str:
    if snapshot is None:
        return ""
    kind = str(ProvisionKind(snapshot.kind).label) if snapshot.kind in ProvisionKind.values else ""
    number = provision_number(snapshot.kind, snapshot.number)
    if not number and preamble and snapshot.uid in preamble:
        number = str(preamble[snapshot.uid])
    return f"{kind} {number}".strip()


def _lines(
    diffs: Sequence[ProvisionDiff],
    old: dict[str, ProvisionSnapshot],
    new: dict[str, ProvisionSnapshot],
    lang: str,
) -> list[Line]:
    old_preamble = _preamble_numbers(list(old.values()))
    new_preamble = _preamble_numbers(list(new.values()))
    lines = []
    for diff in diffs:
        label = (
            _name(diff.new, new_preamble) if diff.new is not None else _name(diff.old, old_preamble)
        )
        old_label = (
            _name(diff.old, old_preamble)
            if Change.RENUMBERED in diff.changes or Change.RETYPED in diff.changes
            else ""
        )
        moved_note = ""
        if Change.MOVED in diff.changes and diff.old and diff.new:
            before = _name(old.get(diff.old.parent_uid or "")) or _("the top level")
            after = _name(new.get(diff.new.parent_uid or "")) or _("the top level")
            moved_note = (
                _("moved from %(before)s to %(after)s") % {"before": before, "after": after}
                if diff.old.parent_uid != diff.new.parent_uid
                else _("moved within %(parent)s") % {"parent": after}
            )
        text = diff.text_in(lang)
        if Change.INSERTED in diff.changes:
            state = "inserted"
        elif Change.DELETED in diff.changes:
            state = "deleted"
        elif diff.changes:
            state = "changed"
        else:
            state = "unchanged"
        lines.append(
            Line(
                diff=diff,
                label=label,
                old_label=old_label,
                changes=[
                    {"kind": str(c), "label": str(CHANGE_LABELS[c])}
                    for c in CHANGE_ORDER
                    if c in diff.changes
                ],
                moved_note=moved_note,
                heading=redline_html(text.heading, lang)
                if text and text.heading
                else SafeString(""),
                text=redline_html(text.text, lang) if text and text.text else SafeString(""),
                has_text=bool(text and (text.text or text.heading)),
                depth=min(diff.depth, 4),
                state=state,
            )
        )
    return lines


def _pick(negotiation: Negotiation, requested: str | None) -> Version | None:
    if not requested:
        return None
    if not requested.isdigit():
        raise Http404
    found = next((v for v in negotiation.versions if v.number == int(requested)), None)
    if found is None:
        raise Http404
    return found


def redline(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    negotiation = negotiation_for(request, process_slug, document_slug)
    document = negotiation.document
    versions = negotiation.versions
    languages, lang = choose_language(negotiation, request.GET.get("lang"))
    only_changes = request.GET.get("show") == "changes"
    new = _pick(negotiation, request.GET.get("to")) or (versions[-1] if versions else None)
    old = _pick(negotiation, request.GET.get("from"))
    if old is None and new is not None:
        earlier = [v for v in versions if v.number < new.number]
        based = next((v for v in earlier if v.pk == new.base_id), None)
        old = based or (earlier[-1] if earlier else new)
    context: dict[str, Any] = {
        "negotiation": negotiation,
        "process": negotiation.process,
        "document": document,
        "versions": list(reversed(versions)),
        "old": old,
        "new": new,
        "languages": languages,
        "lang": lang,
        "only_changes": only_changes,
        "change_labels": [{"kind": str(c), "label": CHANGE_LABELS[c]} for c in CHANGE_ORDER],
        "tabs": tabs(request, negotiation, "redline", lang=lang),
        "breadcrumbs": crumbs(negotiation, (_("Redline"), None)),
    }
    if old is None or new is None:
        return render(request, "negotiation/redline.html", context)
    renderer = Renderer(delegation_codes(document))
    before = _readable(version_snapshot(old), renderer)
    after = _readable(version_snapshot(new), renderer)
    result = compare_versions(before, after)
    lines = _lines(
        result.provisions,
        {s.uid: s for s in before},
        {s.uid: s for s in after},
        lang,
    )
    counts = result.counts()
    context.update(
        {
            "lines": [line for line in lines if line.state != "unchanged"]
            if only_changes
            else lines,
            "changed": result.changed,
            "same": old.pk == new.pk,
            "counts": [
                {"kind": str(c), "label": CHANGE_LABELS[c], "count": counts[c]}
                for c in CHANGE_ORDER
            ],
            "unchanged": sum(1 for line in lines if line.state == "unchanged"),
            "all_url": page_url(
                "redline", negotiation, **{"from": old.number, "to": new.number, "lang": lang}
            ),
            "changes_url": page_url(
                "redline",
                negotiation,
                **{"from": old.number, "to": new.number, "lang": lang, "show": "changes"},
            ),
        }
    )
    return render(request, "negotiation/redline.html", context)
