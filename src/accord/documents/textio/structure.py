"""From blocks to a provision tree: the structure detection rules.

One language at a time. In reading order:

- headings before any text are the title (one per language where a file
  holds several); a heading reading "Preamble" is dropped;
- a line opening a part, chapter, section or article ('CHAPTER I,
  PURPOSES', 'Article 4', '第四条') opens that provision; a part, chapter
  or section closes those of its rank or below; the rest of the line, or a
  heading right after it, is its heading;
- before the first of those, blocks without a marker are preamble
  paragraphs (a long one that runs recitals together, "…; That …; That …",
  is split at the words that open recitals, with a warning);
- a block opening with a marker ('1.', '(1)', '1.2', 'a)', '(a)', 'a.',
  '(iv)', '-') is a numbered paragraph or a point; each marker style gets a
  level the first time it appears in an article (as reStructuredText does
  with underlines), so '1.' then 'a)' then '(i)' nest, and the same style
  later returns to its level. The first level of numbers is paragraphs,
  everything deeper (and letters or bullets at the first level) points;
- a block without a marker: the text of the article (or chapter) while it
  has no paragraphs yet; a point of the paragraph or point before it when
  that ends with a colon (the markers were lost); else an unnumbered
  paragraph;
- a heading inside an article ('A. Composition') becomes the heading of the
  provision that follows it, with a warning;
- a closing formula ('IN FAITH WHEREOF', 'DONE at') ends the articles and
  is kept as a final unnumbered paragraph.

Conversion defects are read as meant and reported: '1.To' is paragraph 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.documents.akn.drafts import Draft
from accord.negotiation import markup

from .blocks import Block
from .numbers import is_roman, plain_number
from .patterns import (
    CLOSING,
    NUMBERED_HEADING,
    PREAMBLE_WORDS,
    RANK,
    RECITAL_SPLIT,
    Heading,
    Marker,
    marker,
    structural,
)
from .warnings import Warnings

ACCORD_KINDS = frozenset(
    {"preamble", "part", "chapter", "section", "article", "paragraph", "point", "text"}
)


def escape(text: str) -> str:
    """Plain text in the negotiation notation: literal brackets, braces and
    backslashes escaped, so that they stay text."""
    return markup.render(markup.Markup.of_text(text))


@dataclass
class Tree:
    """One language version as read: its titles and its provisions, with
    texts keyed by `language` as (heading, notation)."""

    language: str
    titles: list[str] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    """The first and last chapter labels as written ('CHAPTER I', '第三章')."""


_SENTENCE_END = frozenset(".;:,!?。；：，！？…။၊؛۔")


def _looks_like_heading(text: str) -> bool:
    return len(text) <= 120 and "\n" not in text and text.rstrip()[-1:] not in _SENTENCE_END


def _successor(value: str) -> str:
    return chr(ord(value[-1]) + 1) if value else "a"


class Builder:
    def __init__(self, language: str, warnings: Warnings) -> None:
        self.language = language
        self.warnings = warnings
        self.tree = Tree(language)
        self.containers: list[Draft] = []
        self.article: Draft | None = None
        self.styles: list[str] = []
        self.open: list[Draft] = []
        self.last_value: dict[str, str] = {}
        self.colon_parent: Draft | None = None
        self.awaiting_heading: Draft | None = None
        self.pending_heading = ""
        self.started = False  # a structural provision or numbered paragraph was seen
        self.closed = False  # after a closing formula

    # -- helpers ----------------------------------------------------------

    def _text(self, draft: Draft) -> tuple[str, str]:
        return draft.texts.get(self.language, ("", ""))

    def _set(self, draft: Draft, *, heading: str | None = None, text: str | None = None) -> None:
        old_heading, old_text = self._text(draft)
        draft.texts[self.language] = (
            old_heading if heading is None else heading,
            old_text if text is None else text,
        )

    def _append_text(self, draft: Draft, notation: str) -> None:
        current = self._text(draft)[1]
        self._set(draft, text=f"{current}\n{notation}" if current else notation)

    def _new(self, role: str, number: str = "", heading: str = "", text: str = "") -> Draft:
        if self.pending_heading and not heading:
            heading, self.pending_heading = self.pending_heading, ""
        return Draft(role=role, number=number, texts={self.language: (heading, text)})

    def _owner(self) -> Draft | None:
        if self.article is not None:
            return self.article
        return self.containers[-1] if self.containers else None

    def _scope(self) -> list[Draft]:
        owner = self._owner()
        return owner.children if owner is not None else self.tree.drafts

    def _reset_lists(self) -> None:
        self.styles, self.open, self.last_value = [], [], {}
        self.colon_parent = None

    # -- items --------------------------------------------------------------

    def feed(self, block: Block) -> None:
        if block.style == "title":
            self.tree.titles.append(block.text.strip())
            return
        if block.style in ACCORD_KINDS:
            self._accord(block)
            return
        text = block.text.strip()
        if not text:
            return
        first_line = text.split("\n", 1)[0]
        found = structural(first_line)
        if found is not None:
            rest = text.split("\n", 1)[1].strip() if "\n" in text else ""
            self._structural(found, extra=rest)
            return
        if block.heading:
            self._heading(text)
            return
        if CLOSING.match(text) and self.started:
            self._closing(escape(text))
            return
        found_marker = marker(text)
        if found_marker is not None and not self.closed:
            self._marked(found_marker, block)
            return
        self._plain(text, escape(text), block)

    def _accord(self, block: Block) -> None:
        """A paragraph of an Accord Word export: its kind is its style."""
        style = block.style
        body = block.notation if block.notation is not None else escape(block.text)
        if style in RANK:
            found = structural(block.text.split("\n", 1)[0])
            number = plain_number(found.number) if found else block.number
            heading = block.text.split("\n", 1)[1].strip() if "\n" in block.text else ""
            if found is not None:
                self._structural(found, extra=heading)
            else:
                self._open(style, number, heading, label=block.text.split("\n", 1)[0])
            return
        self.started = self.started or style != "preamble"
        if style == "preamble":
            draft = self._new("preamble", block.number, text=body)
            self.tree.drafts.append(draft)
            self.open = [draft]
            return
        if style == "text":
            owner = self._owner()
            if owner is not None:
                self._append_text(owner, body)
            else:
                self.tree.drafts.append(self._new("paragraph", text=body))
            return
        draft = self._new(style, block.number, text=body)
        if style == "paragraph":
            self._scope().append(draft)
            self.open = [draft]
            return
        # A point at `level` (1 = directly under a paragraph, article or preamble paragraph).
        level = max(block.level, 1)
        parents = self.open[:level]
        if parents:
            parents[-1].children.append(draft)
            self.open = [*parents, draft]
        else:
            self._scope().append(draft)
            self.open = [draft]

    def _structural(self, found: Heading, *, extra: str = "") -> None:
        heading = found.rest or ""
        if extra and not heading:
            heading, extra = (
                extra.split("\n", 1)[0],
                extra.split("\n", 1)[1] if "\n" in extra else "",
            )
        self._open(found.kind, plain_number(found.number), heading, label=found.label)
        if extra:
            self._plain(extra, escape(extra), Block(extra))

    def _open(self, kind: str, number: str, heading: str, *, label: str) -> None:
        self.started = True
        self.closed = False
        self.pending_heading = ""
        draft = self._new(kind, number, heading)
        if kind == "article":
            self._scope_for_article().append(draft)
            self.article = draft
        else:
            while self.containers and RANK[self.containers[-1].role] >= RANK[kind]:
                self.containers.pop()
            (self.containers[-1].children if self.containers else self.tree.drafts).append(draft)
            self.containers.append(draft)
            self.article = None
            if kind == "chapter":
                self.tree.labels.setdefault("first", " ".join(label.split()))
                self.tree.labels["last"] = " ".join(label.split())
        self._reset_lists()
        self.awaiting_heading = None if heading else draft

    def _scope_for_article(self) -> list[Draft]:
        return self.containers[-1].children if self.containers else self.tree.drafts

    def _heading(self, text: str) -> None:
        if self.awaiting_heading is not None:
            self._set(self.awaiting_heading, heading=text)
            self.awaiting_heading = None
            return
        if not self.started and not any(d.role == "preamble" for d in self.tree.drafts):
            if PREAMBLE_WORDS.match(text):
                return
            self.tree.titles.append(text)
            return
        if PREAMBLE_WORDS.match(text):
            return
        numbered = NUMBERED_HEADING.match(text)
        if numbered and self.article is None and self.started:
            kind = "section" if self.containers else "chapter"
            self._open(kind, numbered["number"], numbered["rest"].strip(), label=text)
            return
        self.pending_heading = text
        where = "an article" if self.article is not None else "the text"
        self.warnings.add(
            f"a heading inside {where} was kept as the heading of the provision that follows it"
        )

    def _closing(self, notation: str) -> None:
        self.article = None
        self.containers = []
        self._reset_lists()
        self.closed = True
        self.tree.drafts.append(self._new("paragraph", text=notation))

    def _level(self, found: Marker) -> int:
        style = found.style
        value = found.value
        # 'i', 'v', 'x' are letters after 'h', 'u', 'w', roman numerals otherwise.
        if found.family == "letter" and is_roman(value):
            letter_style = style
            roman_style = "rom" + style
            previous = self.last_value.get(letter_style)
            follows = previous is not None and _successor(previous) == value
            if not follows and (len(value) > 1 or value == "i" or roman_style in self.styles):
                style = roman_style
        if style in self.styles:
            level = self.styles.index(style)
            self.styles = self.styles[: level + 1]
        else:
            self.styles.append(style)
            level = len(self.styles) - 1
        self.last_value[style] = value
        return level

    def _marked(self, found: Marker, block: Block) -> None:
        if found.tight:
            self.warnings.add("a number ran into its text (as in “1.To”); read as a number")
        if not self.started and found.family == "number":
            self.started = True
        if not self.started:
            # Lettered points or bullets in the preamble: points of its last paragraph.
            last = self.tree.drafts[-1] if self.tree.drafts else None
            if last is not None and last.role == "preamble":
                point = self._new("point", plain_number(found.value), text=escape(found.rest))
                last.children.append(point)
                return
            self.started = True
        level = self._level(found)
        level = min(level, len(self.open))
        role = "paragraph" if level == 0 and found.family == "number" else "point"
        if found.family == "bullet":
            self.warnings.add("a bulleted item was imported as an unnumbered point")
        draft = self._new(role, plain_number(found.value), text=escape(found.rest.strip()))
        if level == 0:
            self._scope().append(draft)
        else:
            self.open[level - 1].children.append(draft)
        self.open = [*self.open[:level], draft]
        self.colon_parent = None
        self.awaiting_heading = None

    def _plain(self, text: str, notation: str, block: Block) -> None:
        if self.awaiting_heading is not None:
            if _looks_like_heading(text) and not block.heading:
                self._set(self.awaiting_heading, heading=text)
                self.awaiting_heading = None
                return
            self.awaiting_heading = None
        if self.closed:
            self.tree.drafts.append(self._new("paragraph", text=notation))
            return
        if not self.started:
            if not self.tree.titles and not self.tree.drafts and _looks_like_heading(text):
                self.tree.titles.append(text)
                return
            self._preamble(text)
            return
        owner = self._owner()
        if not self.open:
            if owner is not None and not owner.children:
                self._append_text(owner, notation)
            else:
                self._scope().append(self._new("paragraph", text=notation))
            return
        deepest = self.open[-1]
        if self.colon_parent is not None:
            self.colon_parent.children.append(self._new("point", text=notation))
            return
        if self._text(deepest)[1].rstrip().endswith(":"):
            self.colon_parent = deepest
            deepest.children.append(self._new("point", text=notation))
            self.warnings.add(
                "text after a paragraph or point ending with a colon was imported as its "
                "unnumbered points"
            )
            return
        self.open = []
        self._scope().append(self._new("paragraph", text=notation))

    def _preamble(self, text: str) -> None:
        pieces = [p.strip() for p in RECITAL_SPLIT.split(text)] if len(text) > 400 else [text]
        if len(pieces) > 2:
            self.warnings.add(
                "a preamble paragraph that ran several recitals together was split where "
                "recitals begin (“That …”, “Considering …”)"
            )
        else:
            pieces = [text]
        for piece in pieces:
            if piece:
                self.tree.drafts.append(self._new("preamble", text=escape(piece)))
        self.open = []


def build(blocks: list[Block], *, language: str, warnings: Warnings) -> Tree:
    """The provision tree of one language version."""
    builder = Builder(language, warnings)
    for block in blocks:
        builder.feed(block)
    return builder.tree
