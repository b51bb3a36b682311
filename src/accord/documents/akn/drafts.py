"""What an import builds before it writes: a document and its provision tree
with texts per language, and the one place that writes it through the
documents services, in one transaction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from accord.core import languages
from accord.core.errors import ValidationError
from accord.documents import services
from accord.documents.enums import ALLOWED_CHILDREN, EID_PREFIX, DocumentKind, ProvisionKind
from accord.documents.models import Document
from accord.documents.tree import eid_number
from accord.processes.models import Process

MAX_NUMBER = 24
MAX_HEADING = 500
RANKS = (
    ProvisionKind.PART,
    ProvisionKind.CHAPTER,
    ProvisionKind.SECTION,
    ProvisionKind.ARTICLE,
    ProvisionKind.PARAGRAPH,
    ProvisionKind.POINT,
)


@dataclass
class Draft:
    """A provision to write. `role` is a provision kind, `"preamble"` for a
    preamble paragraph, or `"container"` for a grouping whose rank depends on
    where it sits; `fit` turns roles into kinds the tree allows. `key` lines
    the same provision up across language files."""

    role: str
    number: str = ""
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    children: list[Draft] = field(default_factory=list)
    key: str = ""
    kind: str = ""

    def walk(self) -> list[Draft]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


@dataclass
class DraftDocument:
    kind: str
    title: dict[str, str]
    languages: list[str]
    working_language: str
    provisions: list[Draft]
    symbol: str = ""
    summary: dict[str, str] = field(default_factory=dict)
    is_illustrative: bool = False
    label: str = "Imported"
    slug: str = ""


@dataclass
class ImportResult:
    """The document an import created, and what a person should know about
    how it was read (never an error: errors write nothing and raise)."""

    document: Document
    warnings: list[str]


class Warnings:
    """Warnings counted by message, so that a thousand alike read as one line."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, message: str, count: int = 1) -> None:
        self.counts[message] += count

    def update(self, counts: Counter[str]) -> None:
        self.counts.update(counts)

    def lines(self) -> list[str]:
        return [m if n == 1 else f"{m} ({n} times)" for m, n in self.counts.items()]


def _label(kind: str) -> str:
    return str(ProvisionKind(kind).label).lower()


def fit(drafts: list[Draft], warnings: Warnings, parent: str | None = None) -> None:
    """Give every draft a kind its parent may hold, as close to its role as
    the tree allows (a chapter inside an article becomes a paragraph, and so on)."""
    allowed = ALLOWED_CHILDREN[parent]
    structural = [k for k in RANKS if k in allowed]
    for draft in drafts:
        if draft.role == "preamble" and ProvisionKind.PREAMBLE_PARAGRAPH in allowed:
            draft.kind = ProvisionKind.PREAMBLE_PARAGRAPH
        elif draft.role == "container":
            draft.kind = (
                structural[0] if draft.children else _nearest(ProvisionKind.PARAGRAPH, structural)
            )
        else:
            wanted = ProvisionKind.PARAGRAPH if draft.role == "preamble" else draft.role
            draft.kind = _nearest(wanted, structural)
            if draft.kind != wanted:
                where = _label(parent) if parent else "the document"
                warnings.add(
                    f"a {_label(wanted)} inside {'a ' if parent else ''}{where} "
                    f"was imported as a {_label(draft.kind)}"
                )
        fit(draft.children, warnings, draft.kind)


def _nearest(wanted: str, structural: Sequence[str]) -> str:
    rank = RANKS.index(wanted)
    deeper = [k for k in structural if RANKS.index(k) >= rank]
    return deeper[0] if deeper else structural[-1]


def tidy(drafts: list[Draft], warnings: Warnings) -> None:
    """Make numbers and headings fit the columns and every eId unique among
    siblings, as the provision tree will number them."""
    counters: dict[str, int] = defaultdict(int)
    seen: set[str] = set()
    for draft in drafts:
        if len(draft.number) > MAX_NUMBER:
            warnings.add(f"a number longer than {MAX_NUMBER} characters was shortened")
            draft.number = draft.number[:MAX_NUMBER].strip()
        for code, (heading, text) in list(draft.texts.items()):
            if len(heading) > MAX_HEADING:
                warnings.add(f"a heading longer than {MAX_HEADING} characters was shortened")
                draft.texts[code] = (heading[: MAX_HEADING - 1].rstrip() + "…", text)
        counters[draft.kind] += 1
        eid = f"{EID_PREFIX[draft.kind]}_{eid_number(draft.number, counters[draft.kind])}"
        if eid in seen:
            base, suffix = draft.number or str(counters[draft.kind]), 2
            while eid in seen:
                draft.number = f"{base}-{suffix}"[:MAX_NUMBER]
                eid = f"{EID_PREFIX[draft.kind]}_{eid_number(draft.number, 0)}"
                suffix += 1
            warnings.add("two provisions had the same number; the second was renumbered")
        seen.add(eid)
        tidy(draft.children, warnings)


def _free_slug(base: str) -> str:
    base = base[:72].strip("-") or "imported"
    slug, n = base, 1
    while Document.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def new_provisions(drafts: list[Draft]) -> list[services.NewProvision]:
    """Drafts as the tree `services.add_provisions` writes in one pass."""
    return [
        services.NewProvision(
            kind=draft.kind,
            number=draft.number,
            texts={code: pair for code, pair in draft.texts.items() if pair[0] or pair[1]},
            children=new_provisions(draft.children),
        )
        for draft in drafts
    ]


def write(
    draft: DraftDocument,
    *,
    actor: Any,
    process: Process,
    slug: str | None,
    warnings: Warnings,
    prepare: Callable[[list[Draft], Warnings], None] | None = None,
    kind: str | None = None,
) -> ImportResult:
    """Create the document and its provisions through the services, all or
    nothing: the whole tree in one `add_provisions` (one renumbering, one
    audit event). `prepare` reshapes the tree after it was fitted to the
    services' limits (the text importer splits over-long texts). `kind`, when
    given, is the document's kind whatever the file says."""
    if kind is not None:
        if kind not in DocumentKind.values:
            raise ValidationError(f"Unknown document kind {kind!r}.", field="kind")
        draft.kind = kind
    unknown = [code for code in draft.languages if not languages.is_known(code)]
    if unknown:
        known = ", ".join(sorted(languages.TEXT_LANGUAGES))
        raise ValidationError(
            f"The file is in a language Accord does not hold texts in ({', '.join(unknown)}); "
            f"the languages it knows are {known}.",
            field="language",
        )
    if slug is not None and (not slug or len(slug) > 80 or slugify(slug) != slug):
        raise ValidationError(
            f"{slug!r} cannot be a slug: use at most 80 lower-case letters, digits and hyphens.",
            field="slug",
        )
    fit(draft.provisions, warnings)
    tidy(draft.provisions, warnings)
    if prepare is not None:
        prepare(draft.provisions, warnings)
        tidy(draft.provisions, warnings)
    title = {code: text[:500] for code, text in draft.title.items() if text.strip()} or {
        draft.working_language: "Imported document"
    }
    with transaction.atomic():
        if slug is None:
            base = draft.slug or slugify(
                f"{process.slug}-{title.get('en') or next(iter(title.values()))}"
            )
            slug = _free_slug(base)
        document = services.create_document(
            actor=actor,
            process=process,
            kind=draft.kind,
            title=title,
            authentic_languages=draft.languages,
            working_language=draft.working_language,
            symbol=draft.symbol[:60],
            summary=draft.summary,
            is_illustrative=draft.is_illustrative,
            first_label=draft.label[:80] or "Imported",
            slug=slug,
        )
        version = document.versions.get()
        services.add_provisions(
            actor=actor, version=version, items=new_provisions(draft.provisions)
        )
    return ImportResult(document=document, warnings=warnings.lines())
