"""Views of negotiation markup for people: the clean text, the full text,
every bracket and option with who asked for it, and the typed display
segments (and HTML built from them) that pages and exports render.

Both texts are built together with a map from their characters back to the
markup, which `accord.negotiation.markup.edit` uses to act on a span a
person selected in either view.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Literal, TypeAlias

from accord.core.languages import direction
from accord.negotiation.markup.model import (
    DELETE,
    NO_TEXT,
    Bracket,
    Markup,
    MarkupError,
    Node,
    Option,
    OptionSet,
)

View: TypeAlias = Literal["clean", "full"]
Container: TypeAlias = "str | None"
"""Where a node sits: None for the top level, else the id of the bracket or
option whose content holds it."""

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Punctuation that attaches to the word before it, in the scripts of the demo
# and the UN languages; a removed passage must not leave a space before it.
# (RUF001: the look-alike characters are the point here.)
_CLOSING = frozenset(".,;:!?)]}»”’…。，、；：！？）」』》〉】،؛؟۔၊။।")


def _is_space(char: str) -> bool:
    """Whitespace that tidying may remove: not a line break, which is structure."""
    return char.isspace() and char not in _LINE_BREAKS


def leading_space(text: str) -> int:
    count = 0
    for char in text:
        if not _is_space(char):
            break
        count += 1
    return count


def strip_trailing_space(text: str) -> str:
    end = len(text)
    while end and _is_space(text[end - 1]):
        end -= 1
    return text[:end]


def seam(left_last: str | None, right: str | None) -> tuple[bool, int]:
    """How to tidy whitespace where a passage was taken out of a text.

    `left_last` is the last character before the gap (None at the start of
    the text), `right` the text after it (None at the end). Returns whether
    to strip the spaces that end the left side and how many characters to
    drop from the start of `right`, so that no double space, no space at
    either end and no space before closing punctuation is left behind.
    """
    if right is None:
        return True, 0
    lead = leading_space(right)
    if left_last is None:
        return False, lead
    # Spaces never end up before closing punctuation or a line break.
    closing = lead < len(right) and (right[lead] in _CLOSING or right[lead] in _LINE_BREAKS)
    if _is_space(left_last):
        return closing, lead
    return False, lead if closing else 0


class Projection:
    """A text for people and where each of its characters comes from.

    Characters of plain text map to (container, node index, offset in that
    text); the first and last character of a bracket or option set as shown
    map to the node. Everything else shown (attributions, labels,
    separators) maps to nothing.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        # (start in this text, length, container, node index, offset in the node)
        self.segments: list[tuple[int, int, Container, int, int]] = []
        self.starts: dict[int, tuple[Container, int]] = {}
        self.ends: dict[int, tuple[Container, int]] = {}

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def add_text(self, text: str, container: Container, index: int, offset: int) -> None:
        self.segments.append((self.length, len(text), container, index, offset))
        self.parts.append(text)
        self.length += len(text)

    def add_mark(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def last_char(self) -> str | None:
        return self.parts[-1][-1] if self.parts else None

    def strip_trailing_space(self) -> None:
        """Remove spaces at the end (only used while every part is text)."""
        while self.parts:
            kept = strip_trailing_space(self.parts[-1])
            cut = len(self.parts[-1]) - len(kept)
            if not cut:
                return
            self.length -= cut
            start, _, container, index, offset = self.segments[-1]
            if kept:
                self.parts[-1] = kept
                self.segments[-1] = (start, len(kept), container, index, offset)
                return
            self.parts.pop()
            self.segments.pop()

    def _segment_at(self, offset: int) -> tuple[Container, int, int] | None:
        index = bisect_right(self.segments, offset, key=lambda segment: segment[0]) - 1
        if index < 0:
            return None
        start, length, container, node, node_offset = self.segments[index]
        if offset >= start + length:
            return None
        return container, node, node_offset + offset - start

    def span(self, start: int, end: int) -> tuple[Container, tuple[int, int], tuple[int, int]]:
        """The container holding the characters `start` to `end` (exclusive)
        of this text and the positions (node index, offset in it) where they
        begin and end in it."""
        text = self.text
        if not 0 <= start < end <= self.length:
            raise MarkupError(
                "span-out-of-range",
                f"The span {start} to {end} is not a non-empty part of a text of "
                f"{self.length} characters.",
            )
        first = self._segment_at(start)
        if first is not None:
            container, index, offset = first
            begin = (index, offset)
        elif start in self.starts:
            container, index = self.starts[start]
            begin = (index, 0)
        else:
            raise MarkupError(
                "span-inside-markup",
                "The span starts inside markup (an attribution, a label or a separator); "
                "start it on text or on the opening '[' or '{'.",
                offset=start,
                text=text,
            )
        last = self._segment_at(end - 1)
        if last is not None:
            end_container, index, offset = last
            finish = (index, offset + 1)
        elif end in self.ends:
            end_container, index = self.ends[end]
            finish = (index + 1, 0)
        else:
            raise MarkupError(
                "span-inside-markup",
                "The span ends inside markup (an attribution, a label or a separator); "
                "end it on text or on the closing ']' or '}' with its attribution.",
                offset=end - 1,
                text=text,
            )
        if end_container != container:
            raise MarkupError(
                "span-crosses-markup",
                "The span crosses the edge of a bracket or an option: it must begin "
                "and end inside the same one, or enclose it whole.",
                offset=start,
                text=text,
            )
        return container, begin, finish


def clean_projection(markup: Markup) -> Projection:
    shown = Projection()
    gap = False
    for index, node in enumerate(markup.content):
        if not isinstance(node, str):
            gap = True
            continue
        drop = 0
        if gap:
            strip_left, drop = seam(shown.last_char(), node)
            if strip_left:
                shown.strip_trailing_space()
            gap = False
        if drop < len(node):
            shown.add_text(node[drop:], None, index, drop)
    if gap and seam(shown.last_char(), None)[0]:
        shown.strip_trailing_space()
    return shown


def clean_text(markup: Markup) -> str:
    """The agreed text only: every bracket and option set left out, and the
    whitespace where they were tidied (no double space, no space at either
    end, before closing punctuation or before a line break; line breaks
    are kept). A text without
    markup is returned unchanged."""
    return clean_projection(markup).text


def full_projection(markup: Markup) -> Projection:
    shown = Projection()
    _project(markup.content, None, shown)
    return shown


def _codes(codes: tuple[str, ...]) -> str:
    return f" ({', '.join(codes)})" if codes else ""


def _bracket_note(node: Bracket) -> str:
    """What the full text prints after a bracket's "]": " (RU, BY)",
    " (RU, BY: delete)", " (delete)" or nothing."""
    if not node.deletion:
        return _codes(node.attribution)
    if node.attribution:
        return f" ({', '.join(node.attribution)}: {DELETE})"
    return f" ({DELETE})"


def _project(content: tuple[Node, ...], container: Container, shown: Projection) -> None:
    for index, node in enumerate(content):
        if isinstance(node, str):
            shown.add_text(node, container, index, 0)
            continue
        start = shown.length
        if isinstance(node, Bracket):
            shown.add_mark("[")
            _project(node.content, node.id, shown)
            shown.add_mark("]" + _bracket_note(node))
        else:
            shown.add_mark("{")
            for number, option in enumerate(node.options):
                shown.add_mark(
                    (" / " if number else "") + option.label + _codes(option.attribution) + ": "
                )
                if option.content is None:
                    shown.add_mark(NO_TEXT)
                else:
                    _project(option.content, option.id, shown)
            shown.add_mark("}")
        shown.starts[start] = (container, index)
        shown.ends[shown.length] = (container, index)


def full_text(markup: Markup) -> str:
    """The text as negotiators print it, without ids: a bracket as
    `[well below 2 °C] (RU, BY)`, a deletion bracket as
    `[well below 2 °C] (RU, BY: delete)` (or `(delete)` when it names no
    delegation), an option set as
    `{Alt 1 (RU, BY): text one / Alt 2 (IR): no text}`. For reading, not
    for parsing back: literal brackets in the text are not escaped."""
    return full_projection(markup).text


def projection(markup: Markup, view: View) -> Projection:
    if view == "clean":
        return clean_projection(markup)
    if view == "full":
        return full_projection(markup)
    raise MarkupError("unknown-view", f"Unknown view {view!r}: 'clean' or 'full'.")


@dataclass(frozen=True, slots=True)
class Marker:
    """A bracket, option set or option, for tracing who asked for what.

    `parents` are the ids of the brackets, option sets and options around
    it, outermost first; `text` is what it holds as `full_text` shows it
    (for an option set, the whole set). An option set's `attribution` is
    every delegation named in any of its options, in order of appearance.
    `deletion` is true for a deletion bracket (kind "bracket"), false for
    everything else.
    """

    kind: Literal["bracket", "option_set", "option"]
    id: str
    attribution: tuple[str, ...]
    label: str | None
    parents: tuple[str, ...]
    text: str
    node: Bracket | OptionSet | Option
    deletion: bool = False


def markers(markup: Markup) -> Iterator[Marker]:
    """Every bracket, option set and option of `markup`, in document order."""
    yield from _markers(markup.content, ())


def _markers(content: tuple[Node, ...], parents: tuple[str, ...]) -> Iterator[Marker]:
    for node in content:
        if isinstance(node, Bracket):
            text = full_text(Markup(node.content))
            yield Marker(
                "bracket",
                node.id,
                node.attribution,
                None,
                parents,
                text,
                node,
                deletion=node.deletion,
            )
            yield from _markers(node.content, (*parents, node.id))
        elif isinstance(node, OptionSet):
            text = full_text(Markup((node,)))
            yield Marker("option_set", node.id, node.attribution, None, parents, text, node)
            for option in node.options:
                inside = (*parents, node.id)
                text = NO_TEXT if option.content is None else full_text(Markup(option.content))
                yield Marker(
                    "option", option.id, option.attribution, option.label, inside, text, option
                )
                if option.content is not None:
                    yield from _markers(option.content, (*inside, option.id))


# --- Display segments ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextRun:
    """Plain text, to be shown as it is (escaped for the output format)."""

    text: str


@dataclass(frozen=True, slots=True)
class BracketOpen:
    """A bracket begins: "[". `deletion` marks a proposed deletion, whose text
    up to the matching `BracketClose` is shown struck through."""

    id: str
    deletion: bool
    attribution: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BracketClose:
    """A bracket ends: "]", then its attribution ("(RU, BY)", "(RU: delete)",
    "(delete)" or nothing). It repeats what its `BracketOpen` says."""

    id: str
    deletion: bool
    attribution: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OptionSetOpen:
    """An option set begins. `attribution` is every delegation named in its
    options; `size` is its number of options."""

    id: str
    attribution: tuple[str, ...]
    size: int


@dataclass(frozen=True, slots=True)
class OptionOpen:
    """An option begins: its `label` and `attribution` come first. `index`
    counts from 0 in its set (a separator goes before every option but the
    first). A `no_text` option proposes deleting the passage: its
    `OptionClose` follows directly, and "no text" is shown in between."""

    id: str
    label: str
    attribution: tuple[str, ...]
    index: int
    no_text: bool


@dataclass(frozen=True, slots=True)
class OptionClose:
    id: str


@dataclass(frozen=True, slots=True)
class OptionSetClose:
    id: str


Segment: TypeAlias = (
    TextRun | BracketOpen | BracketClose | OptionSetOpen | OptionOpen | OptionClose | OptionSetClose
)


def segments(markup: Markup) -> Iterator[Segment]:
    """`markup` as a flat sequence of display segments in document order:
    each bracket, option set and option as an opening and a closing segment
    around the segments of its content, plain text as `TextRun`. Pages and
    exports render these (struck-through deletions, attributions, labelled
    options) without walking the tree themselves; `to_html` is one such
    rendering."""
    yield from _segments(markup.content)


def _segments(content: tuple[Node, ...]) -> Iterator[Segment]:
    for node in content:
        if isinstance(node, str):
            yield TextRun(node)
        elif isinstance(node, Bracket):
            yield BracketOpen(node.id, node.deletion, node.attribution)
            yield from _segments(node.content)
            yield BracketClose(node.id, node.deletion, node.attribution)
        else:
            yield OptionSetOpen(node.id, node.attribution, len(node.options))
            for index, option in enumerate(node.options):
                yield OptionOpen(
                    option.id, option.label, option.attribution, index, option.content is None
                )
                if option.content is not None:
                    yield from _segments(option.content)
                yield OptionClose(option.id)
            yield OptionSetClose(node.id)


# --- HTML -------------------------------------------------------------------------------

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True, slots=True)
class Words:
    """The words `to_html` writes itself, and the language they are in: by
    default English, as in the full text. Pass translated words (and their
    language) to show "(RU: исключить)"."""

    delete: str = DELETE
    no_text: str = NO_TEXT
    lang: str = "en"


ENGLISH = Words()


def _attrs(**values: str) -> str:
    return "".join(
        f' {name.replace("_", "-")}="{escape(value)}"' for name, value in values.items() if value
    )


def to_html(markup: Markup, *, lang: str, words: Words = ENGLISH) -> str:
    """`markup` as an HTML fragment, everything in it escaped, styled only
    through classes (no inline style, no script), in the layout of the full
    text so that its text content is `full_text(markup)` (with English
    `words`):

    - the whole in `<span class="markup" lang=".." dir="..">`, `lang` being
      the language of the text (`dir` is "rtl" for Arabic-script languages);
    - a bracket as `<span class="br" data-id="b1">[…] <span class="attr">(RU,
      BY)</span></span>`; a deletion bracket as `<span class="br br-del"
      data-id="b1">[<del class="br-del-text">…</del>] <span class="attr">(RU,
      BY: delete)</span></span>`: brackets and attribution are not struck;
    - an option set as `<span class="opts" data-id="s1">{…}</span>`, each
      option as `<span class="opt" data-id="o1"><span class="opt-label">Alt
      1</span> <span class="attr">(IR)</span>: …</span>` separated by
      `<span class="opt-sep"> / </span>`; "no text" as `<span
      class="no-text">no text</span>`.

    `words` are the words written in attributions and for "no text"; where
    their language or direction is not the text's, their elements say so
    with `lang` and `dir`. Raises `ValueError` for a malformed `lang`.
    """
    if not _LANGUAGE_TAG.fullmatch(lang) or not _LANGUAGE_TAG.fullmatch(words.lang):
        raise ValueError(f"Not a language tag: {lang!r} or {words.lang!r}.")
    text_dir = direction(lang)
    words_dir = direction(words.lang)
    # The words' own language and direction, where they differ from the text's;
    # delegation codes are Latin, so an attribution without words reads ltr.
    worded = _attrs(
        lang=words.lang if words.lang != lang else "",
        dir=words_dir if words_dir != text_dir else "",
    )
    codes_only = _attrs(dir="ltr" if text_dir != "ltr" else "")
    out = [f'<span class="markup"{_attrs(lang=lang, dir=text_dir)}>']
    for segment in segments(markup):
        if isinstance(segment, TextRun):
            out.append(escape(segment.text))
        elif isinstance(segment, BracketOpen):
            if segment.deletion:
                out.append(
                    f'<span class="br br-del"{_attrs(data_id=segment.id)}>'
                    '[<del class="br-del-text">'
                )
            else:
                out.append(f'<span class="br"{_attrs(data_id=segment.id)}>[')
        elif isinstance(segment, BracketClose):
            out.append("</del>]" if segment.deletion else "]")
            codes = ", ".join(segment.attribution)
            if segment.deletion:
                note = f"{codes}: {words.delete}" if codes else words.delete
                out.append(f' <span class="attr"{worded}>({escape(note)})</span>')
            elif codes:
                out.append(f' <span class="attr"{codes_only}>({escape(codes)})</span>')
            out.append("</span>")
        elif isinstance(segment, OptionSetOpen):
            out.append(f'<span class="opts"{_attrs(data_id=segment.id)}>{{')
        elif isinstance(segment, OptionOpen):
            if segment.index:
                out.append('<span class="opt-sep"> / </span>')
            out.append(
                f'<span class="opt"{_attrs(data_id=segment.id)}>'
                f'<span class="opt-label">{escape(segment.label)}</span>'
            )
            if segment.attribution:
                codes = escape(", ".join(segment.attribution))
                out.append(f' <span class="attr"{codes_only}>({codes})</span>')
            out.append(": ")
            if segment.no_text:
                out.append(f'<span class="no-text"{worded}>{escape(words.no_text)}</span>')
        elif isinstance(segment, OptionClose):
            out.append("</span>")
        else:
            out.append("}</span>")
    out.append("</span>")
    return "".join(out)
