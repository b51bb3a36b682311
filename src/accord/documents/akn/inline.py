"""Negotiation markup as Akoma Ntoso inline elements, and back.

A provision's text becomes the content of one `<p>`. Brackets, option sets
and options are `<inline>` elements named `bracket`, `optionSet` and
`option`, with the delegations that asked for them in `refersTo` (pointing
at `<TLCOrganization>`s in the references) and their markup id in
`accord:id`. A deletion bracket has the class `deletion` and its text in a
`<del>`, so any Akoma Ntoso renderer strikes it through. The brackets,
braces, separators, labels and attributions a reader needs to see are there
as text too, in `<span>`s whose class says what they are, so that the text
content of the `<p>` is exactly the full text negotiators print
(`markup.full_text`). Reading back ignores those spans and takes the
structure from the elements. Line breaks are `<eol/>`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from accord.negotiation import markup
from accord.negotiation.markup.model import (
    CODE_PATTERN,
    DELETE,
    ID_PATTERN,
    join,
    label_problem,
)

from .safexml import local, text_of
from .vocabulary import accord, akn

DECORATIONS = frozenset({"punctuation", "attribution", "label", "noText"})
DELEGATION_PREFIX = "delegation_"
# Inline elements whose text is not part of the provision's text.
_SKIPPED = frozenset({"authorialNote", "noteRef", "eop", "marker", "img"})


@dataclass(frozen=True)
class Words:
    """The words the export writes itself, in the language of the file."""

    delete: str = DELETE
    no_text: str = "no text"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (controls other than
    tab and line breaks): each becomes U+FFFD, visibly."""
    return _NOT_XML.sub("\ufffd", text)


def _add_text(parent: etree._Element, text: str) -> None:
    """Append `text` at the end of `parent`'s content; line breaks become <eol/>."""
    for index, part in enumerate(xml_safe(text).split("\n")):
        if index:
            etree.SubElement(parent, akn("eol"))
        if not part:
            continue
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + part
        else:
            parent.text = (parent.text or "") + part


def _span(parent: etree._Element, role: str, text: str) -> None:
    span = etree.SubElement(parent, akn("span"))
    span.set("class", role)
    span.text = xml_safe(text)


class InlineWriter:
    """Writes markup into an Akoma Ntoso block. `reference(code)` gives the
    `#eId` of a delegation's TLCOrganization (and records that it is used)."""

    def __init__(self, *, words: Words, reference: Callable[[str], str]) -> None:
        self.words = words
        self.reference = reference

    def write(self, parent: etree._Element, value: markup.Markup) -> None:
        self._content(parent, value.content)

    def _refers(self, element: etree._Element, codes: tuple[str, ...]) -> None:
        if codes:
            element.set("refersTo", " ".join(self.reference(code) for code in codes))

    def _content(self, parent: etree._Element, content: tuple[markup.Node, ...]) -> None:
        for node in content:
            if isinstance(node, str):
                _add_text(parent, node)
            elif isinstance(node, markup.Bracket):
                self._bracket(parent, node)
            else:
                self._options(parent, node)

    def _bracket(self, parent: etree._Element, node: markup.Bracket) -> None:
        element = etree.SubElement(parent, akn("inline"), name="bracket")
        element.set("class", "bracket deletion" if node.deletion else "bracket")
        self._refers(element, node.attribution)
        element.set(accord("id"), node.id)
        _span(element, "punctuation", "[")
        body = etree.SubElement(element, akn("del")) if node.deletion else element
        self._content(body, node.content)
        _span(element, "punctuation", "]")
        codes = ", ".join(node.attribution)
        if node.deletion:
            note = f" ({codes}: {self.words.delete})" if codes else f" ({self.words.delete})"
        else:
            note = f" ({codes})" if codes else ""
        if note:
            _span(element, "attribution", note)

    def _options(self, parent: etree._Element, node: markup.OptionSet) -> None:
        element = etree.SubElement(parent, akn("inline"), name="optionSet")
        element.set("class", "optionSet")
        element.set(accord("id"), node.id)
        _span(element, "punctuation", "{")
        for index, option in enumerate(node.options):
            if index:
                _span(element, "punctuation", " / ")
            item = etree.SubElement(element, akn("inline"), name="option")
            item.set("class", "option noText" if option.content is None else "option")
            self._refers(item, option.attribution)
            item.set(accord("id"), option.id)
            _span(item, "label", option.label)
            if option.attribution:
                _span(item, "attribution", f" ({', '.join(option.attribution)})")
            _span(item, "punctuation", ": ")
            if option.content is None:
                _span(item, "noText", self.words.no_text)
            else:
                self._content(item, option.content)
        _span(element, "punctuation", "}")


# Reading ---------------------------------------------------------------------


@dataclass
class _RawBracket:
    id: str | None
    deletion: bool
    attribution: tuple[str, ...]
    content: list[_Raw]


@dataclass
class _RawOption:
    id: str | None
    label: str
    attribution: tuple[str, ...]
    content: list[_Raw] | None


@dataclass
class _RawSet:
    id: str | None
    options: list[_RawOption]


_Raw = str | _RawBracket | _RawSet

_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_AROUND_BREAK = re.compile(r" *\n *")


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


@dataclass
class InlineReader:
    """Reads the text of Akoma Ntoso blocks as markup.

    `exact`: the file is an Accord export, whose whitespace is the text's own;
    otherwise whitespace is layout and collapsed, as a browser would. Unusual
    content is reported in `warnings` (counted), never dropped silently.
    """

    exact: bool
    warnings: Counter[str] = field(default_factory=Counter)

    # The walk --------------------------------------------------------------

    def _run(self, out: list[_Raw], text: str | None) -> None:
        if not text:
            return
        if not self.exact:
            text = _SPACES.sub(" ", text)
        out.append(text)

    def walk(self, element: etree._Element, out: list[_Raw], *, in_markup: bool = False) -> None:
        """Append the content of `element` (not the element itself) to `out`."""
        self._run(out, element.text)
        for child in element:
            name = local(child)
            if not name:
                pass  # a comment or processing instruction: not text
            elif name == "inline" and child.get("name") == "bracket":
                out.append(self._bracket(child))
            elif name == "inline" and child.get("name") == "optionSet":
                out.append(self._options(child))
            elif in_markup and name == "span" and _classes(child) & DECORATIONS:
                pass  # brackets, labels and attributions the export wrote for readers
            elif name in ("eol", "br"):
                out.append("\n")
            elif name in _SKIPPED:
                if text_of(child).strip():
                    self.warnings[f"<{name}> content (e.g. notes) was not imported"] += 1
            else:
                self.walk(child, out, in_markup=in_markup)
            self._run(out, child.tail)

    @staticmethod
    def codes(element: etree._Element) -> tuple[str, ...]:
        codes: list[str] = []
        for ref in (element.get("refersTo") or "").split():
            code = ref.lstrip("#").removeprefix(DELEGATION_PREFIX)
            if CODE_PATTERN.fullmatch(code) and code.casefold() != DELETE and code not in codes:
                codes.append(code)
        return tuple(codes)

    @staticmethod
    def _id(element: etree._Element) -> str | None:
        value = element.get(accord("id"))
        return value if value and ID_PATTERN.fullmatch(value) else None

    def _bracket(self, element: etree._Element) -> _RawBracket:
        content: list[_Raw] = []
        self.walk(element, content, in_markup=True)
        return _RawBracket(
            id=self._id(element),
            deletion="deletion" in _classes(element),
            attribution=self.codes(element),
            content=content,
        )

    def _options(self, element: etree._Element) -> _RawSet:
        options: list[_RawOption] = []
        for child in element:
            if local(child) != "inline" or child.get("name") != "option":
                continue
            labels = [s for s in child if local(s) == "span" and "label" in _classes(s) and s.text]
            label = (labels[0].text or "").strip() if labels else ""
            content: list[_Raw] = []
            self.walk(child, content, in_markup=True)
            # In an export the class says "no text"; whitespace there is the option's text.
            empty = (
                not content
                if self.exact
                else not any(not isinstance(n, str) or n.strip() for n in content)
            )
            options.append(
                _RawOption(
                    id=self._id(child),
                    label=label,
                    attribution=self.codes(child),
                    content=None if "noText" in _classes(child) or empty else content,
                )
            )
        return _RawSet(id=self._id(element), options=options)

    # Building markup ---------------------------------------------------------

    def build(self, raw: list[_Raw]) -> markup.Markup:
        """The markup of raw content; ids as written where valid and unique,
        else fresh ones as the notation's parser would give."""
        used: set[str] = set()
        self._claim(raw, used)
        self._counters = {"b": 0, "s": 0, "o": 0}
        self._used = used
        content = self._nodes(raw, top=True)
        return markup.Markup(content)

    def _claim(self, raw: list[_Raw], used: set[str]) -> None:
        for node in raw:
            if isinstance(node, _RawBracket):
                node.id = self._keep(node.id, used)
                self._claim(node.content, used)
            elif isinstance(node, _RawSet):
                node.id = self._keep(node.id, used)
                for option in node.options:
                    option.id = self._keep(option.id, used)
                    if option.content is not None:
                        self._claim(option.content, used)

    @staticmethod
    def _keep(ident: str | None, used: set[str]) -> str | None:
        if ident is None or ident in used:
            return None
        used.add(ident)
        return ident

    def _fresh(self, prefix: str) -> str:
        while True:
            self._counters[prefix] += 1
            candidate = f"{prefix}{self._counters[prefix]}"
            if candidate not in self._used:
                self._used.add(candidate)
                return candidate

    def _tidy(self, texts: list[_Raw], *, top: bool) -> list[_Raw]:
        merged: list[_Raw] = []
        for node in texts:
            if isinstance(node, str) and merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + node
            else:
                merged.append(node)
        if not self.exact:
            merged = [
                _AROUND_BREAK.sub("\n", re.sub(r" {2,}", " ", n)) if isinstance(n, str) else n
                for n in merged
            ]
            if top and merged and isinstance(merged[0], str):
                merged[0] = merged[0].lstrip()
            if top and merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1].rstrip()
        return [n for n in merged if not isinstance(n, str) or n]

    def _nodes(self, raw: list[_Raw], *, top: bool = False) -> tuple[markup.Node, ...]:
        out: list[markup.Node | str] = []
        for node in self._tidy(raw, top=top):
            if isinstance(node, str):
                out.append(node)
            elif isinstance(node, _RawBracket):
                content = self._nodes(node.content)
                if not content:
                    self.warnings["an empty bracket was left out"] += 1
                    continue
                out.append(
                    markup.Bracket(
                        id=node.id or self._fresh("b"),
                        content=content,
                        attribution=node.attribution,
                        deletion=node.deletion,
                    )
                )
            else:
                out.extend(self._option_set(node))
        return join(out)

    def _option_set(self, node: _RawSet) -> list[markup.Node]:
        options: list[markup.Option] = []
        labels: set[str] = set()
        for index, raw in enumerate(node.options):
            label = raw.label
            if label_problem(label) or label in labels:
                label = f"Alt {index + 1}"
                while label in labels:
                    label += "'"
                self.warnings["an option without a usable label was labelled 'Alt N'"] += 1
            labels.add(label)
            content = self._nodes(raw.content) if raw.content is not None else None
            options.append(
                markup.Option(
                    id=raw.id or self._fresh("o"),
                    label=label,
                    content=content or None,
                    attribution=raw.attribution,
                )
            )
        if len(options) < 2:
            self.warnings["an option set with fewer than two options was kept as text"] += 1
            return [n for o in options for n in (o.content or ())]
        return [markup.OptionSet(id=node.id or self._fresh("s"), options=tuple(options))]

    def read(self, blocks: list[etree._Element], *, separator: str = "\n") -> markup.Markup:
        """The markup of the text of `blocks`, one after the other."""
        raw: list[_Raw] = []
        for index, block in enumerate(blocks):
            if index:
                raw.append(separator)
            self.walk(block, raw)
        try:
            return self.build(raw)
        except markup.MarkupError as exc:
            self.warnings[f"markup that could not be read was kept as plain text ({exc})"] += 1
            text = separator.join(text_of(b) for b in blocks)
            if not self.exact:
                text = _AROUND_BREAK.sub("\n", _SPACES.sub(" ", text)).strip()
            return markup.Markup.of_text(text)
