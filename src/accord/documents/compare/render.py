"""HTML for a redline, for pages and exports."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe

from accord.core.languages import direction
from accord.documents.compare.words import Op, Segment

_TAGS = {Op.INSERT: "ins", Op.DELETE: "del"}


def redline_html(segments: Iterable[Segment], language: str) -> SafeString:
    """The segments as escaped HTML: insertions in <ins>, deletions in <del>,
    the whole in a <span> carrying the language and its direction (Arabic and
    Persian right to left), so that mixed-direction text lays out correctly."""
    parts = [f'<span class="redline" lang="{escape(language)}" dir="{direction(language)}">']
    for op, text in segments:
        tag = _TAGS.get(op)
        parts.append(
            f"<{tag}>{escape(text, quote=False)}</{tag}>" if tag else escape(text, quote=False)
        )
    parts.append("</span>")
    return mark_safe("".join(parts))  # every piece of text is escaped above
