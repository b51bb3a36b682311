"""Lining up the language versions of one text: the first language's tree
is the structure; the others' provisions are matched to it by kind and
number (article 4 with 第四条, point (a) with point a.), unnumbered ones
by their order among unnumbered siblings, and preamble paragraphs by their
lengths (Gale and Church, as for the Universal Declaration). Never by
position alone."""

from __future__ import annotations

from collections import defaultdict

from accord.documents.akn.align import align
from accord.documents.akn.drafts import Draft

from .numbers import key
from .warnings import Warnings

_ORDINAL_ROLES = frozenset({"part", "chapter", "section", "article", "paragraph"})


def _keys(drafts: list[Draft]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    keys = []
    for draft in drafts:
        if draft.number:
            keys.append(f"{draft.role}:{key(draft.number, ordinal=draft.role in _ORDINAL_ROLES)}")
        else:
            counts[draft.role] += 1
            keys.append(f"{draft.role}#{counts[draft.role]}")
    return keys


def _label(draft: Draft) -> str:
    if not draft.number:
        return ""
    if draft.role == "point":
        return f"({draft.number}) "
    if draft.role == "paragraph":
        return f"{draft.number}. "
    return f"{draft.number} "


def flatten(draft: Draft, language: str) -> list[str]:
    """A provision and its sub-provisions as lines of text (numbers included)."""
    heading, text = draft.texts.get(language, ("", ""))
    lines = [line for line in (heading, _label(draft) + text if text else "") if line.strip()]
    for child in draft.children:
        lines.extend(flatten(child, language))
    return lines


def _text(draft: Draft, language: str) -> str:
    return draft.texts.get(language, ("", ""))[1]


def _join(draft: Draft, language: str, extra: list[str]) -> None:
    heading, text = draft.texts.get(language, ("", ""))
    draft.texts[language] = (heading, "\n".join([t for t in (text, *extra) if t]))


def merge(
    ours: list[Draft],
    theirs: list[Draft],
    language: str,
    warnings: Warnings,
    *,
    reference: str,
    parent: Draft | None = None,
) -> None:
    """Copy the `language` texts of `theirs` into the matching drafts of `ours`."""
    preamble_ours = [d for d in ours if d.role == "preamble"]
    preamble_theirs = [d for d in theirs if d.role == "preamble"]
    if preamble_ours and preamble_theirs:
        _preamble(preamble_ours, preamble_theirs, language, warnings, reference=reference)
    rest_ours = [d for d in ours if d.role != "preamble"]
    rest_theirs = [d for d in theirs if d.role != "preamble"]
    index = dict(zip(_keys(rest_theirs), rest_theirs, strict=True))
    for draft, draft_key in zip(rest_ours, _keys(rest_ours), strict=True):
        match = index.pop(draft_key, None)
        if match is None:
            continue
        heading, text = match.texts.get(language, ("", ""))
        draft.texts[language] = (heading, text)
        merge(draft.children, match.children, language, warnings, reference=reference, parent=draft)
    unmatched = {id(v) for v in index.values()}
    leftover = [d for d in rest_theirs if id(d) in unmatched]
    if not preamble_ours:
        leftover = preamble_theirs + leftover
    if not leftover:
        return
    if parent is not None:
        lines = [line for draft in leftover for line in flatten(draft, language)]
        _join(parent, language, lines)
        warnings.add(
            f"{language}: provisions with no counterpart in the {reference} text were added "
            "to the text of the provision they are in",
            len(leftover),
        )
    else:
        warnings.add(
            f"{language}: a provision with no counterpart in the {reference} text was left out",
            len(leftover),
        )


def _preamble(
    ours: list[Draft], theirs: list[Draft], language: str, warnings: Warnings, *, reference: str
) -> None:
    if len(ours) == len(theirs):
        for mine, other in zip(ours, theirs, strict=True):
            mine.texts[language] = other.texts.get(language, ("", ""))
        return
    beads = align([_text(d, reference) for d in ours], [_text(d, language) for d in theirs])
    for bead in beads:
        if not bead.ours:
            warnings.add(
                f"{language}: a preamble paragraph with no counterpart in the {reference} text "
                "was added to the one before it"
            )
            target = ours[max(0, min(len(ours) - 1, bead.theirs[0] - 1))]
            _join(target, language, [_text(theirs[j], language) for j in bead.theirs])
            continue
        target = max((ours[i] for i in bead.ours), key=lambda d: len(_text(d, reference)))
        if len(bead.ours) != 1 or len(bead.theirs) != 1:
            warnings.add(
                f"{language}: preamble paragraphs do not correspond one to one with the "
                f"{reference} text; lined up by length"
            )
        if bead.theirs:
            _join(target, language, [_text(theirs[j], language) for j in bead.theirs])
