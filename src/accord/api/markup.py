"""Stored provision texts as API readers get them.

Texts are stored in canonical negotiation notation (docs/adr/0005). Readers
get the notation as stored and, from the same parse, the structure
(`markup.to_json`), the clean text (agreed text only) and the full text (as
negotiators print it). Texts without a markup character are not parsed at all.
"""

from __future__ import annotations

from typing import Any

from accord.negotiation import markup

MARKUP_CHARACTERS = frozenset("[]{}\\")


def read(text: str, codes: frozenset[str]) -> markup.Markup | None:
    """The markup of a stored text, or None when it no longer parses.

    Every text was validated when it was written, against the delegations of
    its process; one that now names a code no delegation has (a party whose
    code changed) is given as stored, without the derived views, rather than
    failing the whole read.
    """
    if MARKUP_CHARACTERS.isdisjoint(text):
        return markup.Markup.of_text(text)
    try:
        return markup.parse(text, delegations=codes)
    except markup.MarkupError:
        return None


def views(text: str, codes: frozenset[str]) -> dict[str, Any]:
    """`notation`, `markup` (JSON), `clean` and `full` for one stored text."""
    parsed = read(text, codes)
    if parsed is None:
        return {"notation": text, "markup": None, "clean": None, "full": None}
    return {
        "notation": text,
        "markup": markup.to_json(parsed),
        "clean": markup.clean_text(parsed),
        "full": markup.full_text(parsed),
    }


def view(text: str, codes: frozenset[str], name: str) -> str:
    """One view of a stored text: "notation", "clean" or "full"; the notation
    when the text cannot be read as markup."""
    if name == "notation":
        return text
    parsed = read(text, codes)
    if parsed is None:
        return text
    return markup.clean_text(parsed) if name == "clean" else markup.full_text(parsed)
