"""The Universal Declaration of Human Rights XML (unicode-corpus/udhr-in-unicode
format: `<udhr xml:lang>` with `<preamble>`, `<article number>`, `<para>`,
`<orderedlist>`/`<listitem>`) as one document with a language version per file.

Articles line up by their number and, inside an article, paragraphs and list
items by their place (the structure is the same in every language). The
preamble is where language versions differ (8 to 10 paragraphs: some drop
"Now, therefore,", some merge the proclamation into one paragraph), so its
paragraphs are lined up by length (`align`) against the language with the
most of them, and every paragraph that is not one-to-one is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from accord.core import languages
from accord.core.errors import ValidationError
from accord.documents.enums import DocumentKind, ProvisionKind
from accord.negotiation import markup
from accord.processes.models import Process

from . import safexml
from .align import align
from .drafts import Draft, DraftDocument, ImportResult, Warnings, write
from .safexml import local, text_of
from .vocabulary import two_letter

UDHR_NS = "http://www.unhchr.ch/udhr"
_SPACES = re.compile(r"\s+")


def _u(name: str) -> str:
    return f"{{{UDHR_NS}}}{name}"


def _text(element: etree._Element) -> str:
    return _SPACES.sub(" ", text_of(element)).strip()


def _notation(text: str) -> str:
    """Plain text as stored: literal brackets and braces escaped."""
    return markup.render(markup.Markup.of_text(text))


@dataclass
class Version:
    """One language file, read."""

    language: str
    name: str
    title: str
    note: str
    preamble: list[str]
    articles: dict[str, list[tuple[str, str]]]  # number → [(paragraph number, text)]


def read(data: bytes, *, name: str) -> Version:
    root = safexml.parse(data, name=name)
    if local(root) != "udhr" or etree.QName(root).namespace != UDHR_NS:
        raise ValidationError(
            f"{name} is not a Universal Declaration XML file (root <udhr> in {UDHR_NS}).",
            field="file",
        )
    raw = root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("iso639-3") or ""
    language = two_letter(raw)
    if not languages.is_known(language):
        raise ValidationError(
            f"{name} is in {raw or 'an unnamed language'}, which Accord does not hold texts in.",
            field="file",
        )
    title = root.find(_u("title"))
    note = root.find(_u("note"))
    preamble = root.find(_u("preamble"))
    paragraphs = [] if preamble is None else [_text(p) for p in preamble.iter(_u("para"))]
    articles: dict[str, list[tuple[str, str]]] = {}
    for article in root.iter(_u("article")):
        number = (article.get("number") or "").strip()
        if not number or number in articles:
            raise ValidationError(
                f"{name}: an article has no number, or the number {number} twice.", field="file"
            )
        parts: list[tuple[str, str]] = []
        for child in article:
            if local(child) == "para":
                parts.append(("", _text(child)))
            elif local(child) == "orderedlist":
                items = [c for c in child if local(c) == "listitem"]
                parts.extend((str(n), _text(item)) for n, item in enumerate(items, 1))
        articles[number] = parts
    return Version(
        language=language,
        name=name,
        title=_text(title) if title is not None else "",
        note="\n".join(_text(p) for p in note.iter(_u("para"))) if note is not None else "",
        preamble=[p for p in paragraphs if p],
        articles=articles,
    )


def _preamble(versions: list[Version], warnings: Warnings) -> list[Draft]:
    reference = max(versions, key=lambda v: len(v.preamble))
    drafts = [
        Draft(role="preamble", texts={reference.language: ("", _notation(text))})
        for text in reference.preamble
    ]
    for version in versions:
        if version is reference:
            continue
        for bead in align(reference.preamble, version.preamble):
            theirs = "\n".join(version.preamble[j] for j in bead.theirs)
            if not bead.ours:
                # A paragraph with no counterpart joins the one before it (or after).
                target = min(len(drafts) - 1, bead.theirs[0]) if drafts else None
                if target is None:
                    drafts.append(Draft(role="preamble"))
                    target = 0
                old = drafts[target].texts.get(version.language, ("", ""))[1]
                joined = "\n".join(t for t in (old, _notation(theirs)) if t)
                drafts[target].texts[version.language] = ("", joined)
                warnings.add(
                    f"{version.language}: preamble paragraph {bead.theirs[0] + 1} has no "
                    f"counterpart in {reference.language}; it was joined to paragraph {target + 1}"
                )
                continue
            if not bead.theirs:
                warnings.add(
                    f"{version.language}: no text for preamble paragraph {bead.ours[0] + 1} "
                    f'(the {reference.language} "{reference.preamble[bead.ours[0]][:40]}")'
                )
                continue
            # Several reference paragraphs for one of theirs: the text goes with the
            # longest of them; the others have none in this language.
            target = max(bead.ours, key=lambda i: len(reference.preamble[i]))
            drafts[target].texts[version.language] = ("", _notation(theirs))
            if len(bead.ours) > 1 or len(bead.theirs) > 1:
                ours = ", ".join(str(i + 1) for i in bead.ours)
                warnings.add(
                    f"{version.language}: preamble paragraph(s) {ours} of {reference.language} "
                    f"correspond to {len(bead.theirs)} paragraph(s) in {version.language}; "
                    f"the text is with paragraph {target + 1}"
                )
    return drafts


def _articles(versions: list[Version], warnings: Warnings) -> list[Draft]:
    order: list[str] = []
    for version in versions:
        order.extend(n for n in version.articles if n not in order)
    drafts: list[Draft] = []
    for number in order:
        article = Draft(role=ProvisionKind.ARTICLE, number=number, key=f"article {number}")
        shapes = {v.language: len(v.articles.get(number, [])) for v in versions}
        longest = max(versions, key=lambda v: len(v.articles.get(number, [])))
        layout = longest.articles.get(number, [])
        if len(set(shapes.values())) > 1:
            warnings.add(
                f"article {number} has a different number of paragraphs per language "
                f"({', '.join(f'{k}: {n}' for k, n in shapes.items())})"
            )
        single = len(layout) == 1 and not layout[0][0]
        if not single:
            article.children = [
                Draft(role=ProvisionKind.PARAGRAPH, number=num, key=f"article {number}/{i}")
                for i, (num, _) in enumerate(layout)
            ]
        for version in versions:
            parts = version.articles.get(number)
            if parts is None:
                warnings.add(f"{version.language}: article {number} is missing")
                continue
            if single:
                article.texts[version.language] = ("", _notation(parts[0][1]))
                continue
            for child, (_, text) in zip(article.children, parts, strict=False):
                child.texts[version.language] = ("", _notation(text))
        drafts.append(article)
    return drafts


def import_udhr(
    files: Sequence[tuple[str, bytes]],
    *,
    actor: Any,
    process: Process,
    slug: str | None = None,
    kind: str | None = None,
) -> ImportResult:
    """Import the Universal Declaration XML files, given as (name, bytes), as
    one document in `process`, one authentic language per file, English the
    working language when it is there. Every file is read and checked before anything is
    written; nothing is written if one is refused."""
    if not files:
        raise ValidationError("Name at least one Universal Declaration XML file.", field="file")
    warnings = Warnings()
    versions: list[Version] = []
    for name, data in files:
        safexml.check_size(len(data), name=name)
        versions.append(read(data, name=name))
    codes = [v.language for v in versions]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValidationError(
            f"Two files are in the same language ({', '.join(duplicates)}).", field="file"
        )
    working = "en" if "en" in codes else codes[0]
    provisions = _preamble(versions, warnings) + _articles(versions, warnings)
    draft = DraftDocument(
        kind=DocumentKind.STATEMENT,  # unless `kind` says otherwise
        title={v.language: v.title for v in versions if v.title},
        languages=[working, *(c for c in codes if c != working)],
        working_language=working,
        provisions=provisions,
        summary={v.language: v.note for v in versions if v.note},
        label="Adopted text (10 December 1948)",
        slug=f"{process.slug}-universal-declaration-of-human-rights",
    )
    return write(draft, actor=actor, process=process, slug=slug, warnings=warnings, kind=kind)
