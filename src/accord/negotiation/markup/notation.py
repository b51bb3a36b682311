"""The plain-text notation of negotiation markup: `parse` and `render`.

The notation is described for people in `docs/negotiation-markup.md`. In
short::

    text       := (plain | escape | bracket | options)*
    escape     := "\\" any-character
    bracket    := "[" ("#" ID " ")? text "]" ("{" (codes | "delete" (":" codes)?) "}")?
    options    := "{{" ("#" ID ws)? option ("||" option)+ "}}"
    option     := ws? ("#" ID ws)? LABEL ("(" codes ")")? ":" ws? (text | "no text") ws?
    codes      := CODE ("," CODE)*

A bracket whose braces start with the word `delete` (any letter case) is a
deletion bracket: `[text]{delete: RU, BY}`, or `[text]{delete}` when nobody
is named; that word is therefore never a delegation code.

Inside an option set `||` separates options and `}}` closes the set, so a
literal "|" there is written `\\|`; whitespace around an option's text is not
part of it (escape it to keep it). `render` writes the canonical form, and
`parse(render(m)) == m` for every valid `m`.

The parser is a single left-to-right scan (linear in the length of the
text); fresh ids are assigned after the scan, in document order, so that they
never collide with the explicit ones wherever those appear.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NoReturn, TypeAlias

from accord.negotiation.markup.model import (
    CODE_PATTERN,
    DELETE,
    ID_PATTERN,
    MAX_DEPTH,
    NO_TEXT,
    Bracket,
    Markup,
    MarkupError,
    Node,
    Option,
    OptionSet,
    label_problem,
)

_SPECIAL = re.compile(r"[\\\[\]{}|]")
_LABEL_END = re.compile(r"[():\[\]{}|\\#]")
_ESCAPE = re.compile(r"[\\\[\]{}]")
_ESCAPE_IN_OPTION = re.compile(r"[\\\[\]{}|]")
_SPACES = " \t"
_LISTED_CODES = 12

_Raw: TypeAlias = "str | _RawBracket | _RawOptions"


class _RawBracket:
    __slots__ = ("attribution", "content", "deletion", "id")

    def __init__(
        self,
        id: str | None,
        content: list[_Raw],
        attribution: tuple[str, ...],
        deletion: bool,
    ) -> None:
        self.id = id
        self.content = content
        self.attribution = attribution
        self.deletion = deletion


class _RawOption:
    __slots__ = ("attribution", "content", "id", "label")

    def __init__(
        self,
        id: str | None,
        label: str,
        content: list[_Raw] | None,
        attribution: tuple[str, ...],
    ) -> None:
        self.id = id
        self.label = label
        self.content = content
        self.attribution = attribution


class _RawOptions:
    __slots__ = ("id", "options")

    def __init__(self, id: str | None, options: list[_RawOption]) -> None:
        self.id = id
        self.options = options


def parse(text: str, *, delegations: Collection[str]) -> Markup:
    """The markup written in `text`.

    Every attribution must name delegations in `delegations`. Raises
    `MarkupError` with the offset, line, column and reason of the first
    problem; nothing is returned then.
    """
    parser = _Parser(text, delegations)
    content = parser.sequence(trim=False)
    return Markup(parser.build(content))


class _Parser:
    def __init__(self, text: str, delegations: Collection[str]) -> None:
        self.text = text
        self.end = len(text)
        self.pos = 0
        self.known = frozenset(delegations)
        self.explicit: set[str] = set()
        self.open: list[tuple[str, int]] = []  # ("[" or "{{", offset) of what is open
        self.options_open = 0
        self.content_start = 0
        self.content_end = 0
        self.counters = {"b": 0, "s": 0, "o": 0}

    def fail(self, kind: str, reason: str, offset: int) -> NoReturn:
        raise MarkupError(kind, reason, offset=offset, text=self.text)

    def enter(self, kind: str, offset: int) -> None:
        if len(self.open) >= MAX_DEPTH:
            self.fail("too-deep", f"Markup cannot be nested more than {MAX_DEPTH} deep.", offset)
        self.open.append((kind, offset))
        if kind == "{{":
            self.options_open += 1

    def leave(self) -> None:
        kind, _ = self.open.pop()
        if kind == "{{":
            self.options_open -= 1

    def unclosed(self, *, by_outer: bool = False) -> NoReturn:
        """Fail on the innermost open construct: the text ended, or (`by_outer`)
        something closed a construct around it first."""
        kind, offset = self.open[-1]
        if kind == "[" and by_outer:
            reason = "This '[' is not closed by ']' before its option ends."
        elif kind == "[":
            reason = "This '[' is never closed by a matching ']'."
        elif by_outer:
            reason = "This option set is not closed by '}}' before the bracket around it ends."
        else:
            reason = "This option set is never closed by '}}'."
        self.fail("unclosed-bracket" if kind == "[" else "unclosed-options", reason, offset)

    def skip_spaces(self, pos: int) -> int:
        while pos < self.end and self.text[pos] in _SPACES:
            pos += 1
        return pos

    def skip_whitespace(self, pos: int) -> int:
        while pos < self.end and self.text[pos].isspace():
            pos += 1
        return pos

    def sequence(self, *, trim: bool) -> list[_Raw]:
        """Text and markup up to the end of the enclosing construct, which is
        left unconsumed. With `trim` (option content), unescaped whitespace at
        both ends is dropped and the span of what remains is recorded."""
        text, end = self.text, self.end
        in_options = self.options_open > 0
        nodes: list[_Raw] = []
        buffer: list[str] = []
        trailing = 0  # unescaped whitespace at the end of `buffer`
        if trim:
            self.pos = self.skip_whitespace(self.pos)
        content_start = self.pos
        while True:
            pos = self.pos
            found = _SPECIAL.search(text, pos)
            stop = found.start() if found else end
            if stop > pos:
                chunk = text[pos:stop]
                buffer.append(chunk)
                if trim:
                    kept = len(chunk.rstrip())
                    trailing = trailing + len(chunk) if kept == 0 else len(chunk) - kept
            self.pos = stop
            if stop == end:
                if self.open:
                    self.unclosed()
                break
            char = text[stop]
            if char == "\\":
                if stop + 1 == end:
                    self.fail(
                        "dangling-escape",
                        "A backslash at the end escapes nothing; write '\\\\' for a backslash.",
                        stop,
                    )
                buffer.append(text[stop + 1])
                trailing = 0
                self.pos = stop + 2
            elif char == "[":
                if buffer:
                    nodes.append("".join(buffer))
                    buffer.clear()
                nodes.append(self.bracket())
                trailing = 0
            elif char == "]":
                if self.open and self.open[-1][0] == "[":
                    break
                if any(kind == "[" for kind, _ in self.open):
                    self.unclosed(by_outer=True)
                self.fail(
                    "stray-bracket",
                    "This ']' closes no bracket; write '\\]' for a literal bracket.",
                    stop,
                )
            elif char == "{" and text.startswith("{{", stop):
                if buffer:
                    nodes.append("".join(buffer))
                    buffer.clear()
                nodes.append(self.options())
                trailing = 0
            elif char == "{":
                self.fail(
                    "stray-brace",
                    "This '{' starts nothing: an attribution follows ']' directly, an option "
                    "set starts with '{{'; write '\\{' for a literal brace.",
                    stop,
                )
            elif in_options and text.startswith(("}}", "||"), stop):
                if self.open[-1][0] == "{{":
                    break
                self.unclosed(by_outer=True)
            elif char == "}":
                self.fail(
                    "stray-brace",
                    "This '}' closes nothing; write '\\}' for a literal brace.",
                    stop,
                )
            else:  # a "|" that separates nothing
                buffer.append(char)
                trailing = 0
                self.pos = stop + 1
        if buffer:
            nodes.append("".join(buffer))
        self.content_start = content_start
        self.content_end = self.pos
        if trim and trailing:
            last = nodes[-1]
            assert isinstance(last, str)
            if len(last) == trailing:
                nodes.pop()
            else:
                nodes[-1] = last[:-trailing]
            self.content_end -= trailing
        return nodes

    def claim(self, ident: str, offset: int) -> None:
        if ident in self.explicit:
            self.fail("duplicate-id", f"The id {ident!r} is already used in this text.", offset)
        self.explicit.add(ident)

    def read_id(self, pos: int) -> tuple[str, int]:
        """The id written at `pos` (on its "#") and where it ends."""
        found = ID_PATTERN.match(self.text, pos + 1)
        if not found:
            self.fail(
                "malformed-id",
                "'#' here begins an id: a letter, then letters, digits, '_' or '-' "
                "(for example '#b1'); write '\\#' for a literal '#'.",
                pos,
            )
        self.claim(found.group(), pos)
        return found.group(), found.end()

    def bracket(self) -> _RawBracket:
        text = self.text
        start = self.pos
        self.enter("[", start)
        pos = start + 1
        ident = None
        if text.startswith("#", pos):
            ident, pos = self.read_id(pos)
            if text.startswith("]", pos):
                self.fail("empty-bracket", "This bracket is empty.", start)
            if not text.startswith(" ", pos):
                self.fail("malformed-id", "An id must be followed by a space.", pos)
            pos += 1
        self.pos = pos
        content = self.sequence(trim=False)
        self.leave()
        if not content:
            self.fail("empty-bracket", "This bracket is empty.", start)
        self.pos += 1
        attribution: tuple[str, ...] = ()
        deletion = False
        if text.startswith("{", self.pos) and not text.startswith("{{", self.pos):
            deletion, attribution = self.bracket_attribution()
        return _RawBracket(ident, content, attribution, deletion)

    def bracket_attribution(self) -> tuple[bool, tuple[str, ...]]:
        """Whether the braces opening at `self.pos` mark a deletion, and the
        delegation codes they name."""
        text = self.text
        start = self.pos
        pos = self.skip_spaces(start + 1)
        word = CODE_PATTERN.match(text, pos)
        if not word or word.group().casefold() != DELETE:
            return False, self.attribution("}")
        pos = self.skip_spaces(word.end())
        if text.startswith("}", pos):
            self.pos = pos + 1
            return True, ()
        if text.startswith(":", pos):
            return True, self.attribution(
                "}",
                first=pos + 1,
                empty=(
                    "This deletion names no delegation after ':'; write '{delete}' "
                    "if it names none."
                ),
            )
        if pos == self.end:
            self.fail("unclosed-attribution", "This attribution is never closed by '}'.", start)
        self.fail(
            "malformed-attribution",
            "Expected ':' or '}' after 'delete', as in '{delete: RU}' or '{delete}'.",
            pos,
        )

    def attribution(
        self,
        closer: str,
        *,
        first: int | None = None,
        empty: str = "This attribution names no delegation; leave it out instead.",
    ) -> tuple[str, ...]:
        """The delegation codes of the attribution opening at `self.pos`, the
        first of them expected from `first` (by default right after the
        opening character); `empty` says why naming none is refused."""
        text = self.text
        start = self.pos
        codes: list[str] = []
        pos = start + 1 if first is None else first
        while True:
            pos = self.skip_spaces(pos)
            if pos == self.end:
                break
            if text[pos] == closer and not codes:
                self.fail("empty-attribution", empty, start)
            found = CODE_PATTERN.match(text, pos)
            if not found:
                self.fail(
                    "malformed-attribution",
                    "Expected a delegation code here, such as 'RU'.",
                    pos,
                )
            code = found.group()
            if code.casefold() == DELETE:
                self.fail(
                    "malformed-attribution",
                    f"{code!r} is not a delegation code: a deletion bracket starts its "
                    "braces with it, as in '[text]{delete: RU}'.",
                    pos,
                )
            if code in codes:
                self.fail(
                    "malformed-attribution",
                    f"Delegation {code} appears twice in this attribution.",
                    pos,
                )
            if code not in self.known:
                self.fail("unknown-delegation", self.unknown_reason(code), pos)
            codes.append(code)
            pos = self.skip_spaces(found.end())
            if pos == self.end:
                break
            if text[pos] == ",":
                pos += 1
            elif text[pos] == closer:
                self.pos = pos + 1
                return tuple(codes)
            elif text[pos] == ":" and closer == "}" and first is None:
                self.fail(
                    "malformed-attribution",
                    f"Expected ',' or '}}' after delegation {code}; a deletion is written "
                    f"with 'delete' first, as in '{{delete: {code}}}'.",
                    pos,
                )
            else:
                self.fail(
                    "malformed-attribution",
                    f"Expected ',' or '{closer}' after delegation {code}.",
                    pos,
                )
        self.fail(
            "unclosed-attribution",
            f"This attribution is never closed by '{closer}'.",
            start,
        )

    def unknown_reason(self, code: str) -> str:
        reason = f"Unknown delegation {code!r}"
        near = [known for known in self.known if known.casefold() == code.casefold()]
        if near:
            return f"{reason}; did you mean {near[0]!r}?"
        if not self.known:
            return f"{reason}: no delegation takes part."
        if len(self.known) <= _LISTED_CODES:
            return f"{reason}; known: {', '.join(sorted(self.known))}."
        return f"{reason}."

    def options(self) -> _RawOptions:
        text = self.text
        start = self.pos
        self.enter("{{", start)
        pos = self.skip_whitespace(start + 2)
        ident = None
        if text.startswith("#", pos):
            ident, pos = self.read_id(pos)
            if not (pos < self.end and text[pos].isspace()):
                self.fail("malformed-id", "An id must be followed by a space.", pos)
        options: list[_RawOption] = []
        labels: set[str] = set()
        while True:
            pos = self.skip_whitespace(pos)
            if not options and text.startswith("}}", pos):
                self.fail("too-few-options", "This option set has no options.", start)
            option_id = None
            if text.startswith("#", pos):
                option_id, pos = self.read_id(pos)
                if not (pos < self.end and text[pos].isspace()):
                    self.fail("malformed-id", "An id must be followed by a space.", pos)
                pos = self.skip_whitespace(pos)
            found = _LABEL_END.search(text, pos)
            if not found:
                self.unclosed()
            stop = found.start()
            if text[stop] not in "(:":
                self.fail(
                    "missing-colon",
                    "An option starts with a label and ':', as in 'Alt 1: ...' "
                    "or 'Alt 1 (RU): ...'.",
                    stop,
                )
            label = text[pos:stop].strip()
            if not label:
                self.fail(
                    "empty-label", "This option has no label, such as 'Alt 1', before ':'.", pos
                )
            problem = label_problem(label)
            if problem:
                self.fail("malformed-label", problem, pos)
            if label in labels:
                self.fail(
                    "duplicate-label", f"Another option of this set is labelled {label!r}.", pos
                )
            labels.add(label)
            attribution: tuple[str, ...] = ()
            if text[stop] == "(":
                self.pos = stop
                attribution = self.attribution(")")
                stop = self.skip_spaces(self.pos)
                if not text.startswith(":", stop):
                    self.fail("missing-colon", "Expected ':' after the option's attribution.", stop)
            self.pos = stop + 1
            content = self.sequence(trim=True)
            if not content:
                self.fail(
                    "empty-option",
                    f"Option {label!r} has no text; write 'no text' if it proposes none.",
                    pos,
                )
            written = text[self.content_start : self.content_end]
            if written.isascii() and written.lower() == NO_TEXT:
                options.append(_RawOption(option_id, label, None, attribution))
            else:
                options.append(_RawOption(option_id, label, content, attribution))
            pos = self.pos + 2
            if text.startswith("}}", self.pos):
                break
        self.leave()
        if len(options) < 2:
            self.fail(
                "too-few-options",
                "An option set needs at least two options; this one has one.",
                start,
            )
        self.pos = pos
        return _RawOptions(ident, options)

    def fresh(self, prefix: str) -> str:
        while True:
            self.counters[prefix] += 1
            candidate = f"{prefix}{self.counters[prefix]}"
            if candidate not in self.explicit:
                return candidate

    def build(self, content: list[_Raw]) -> tuple[Node, ...]:
        """Frozen nodes for `content`, with fresh ids in document order."""
        nodes: list[Node] = []
        for raw in content:
            if isinstance(raw, str):
                nodes.append(raw)
            elif isinstance(raw, _RawBracket):
                ident = raw.id or self.fresh("b")
                nodes.append(
                    Bracket(
                        id=ident,
                        content=self.build(raw.content),
                        attribution=raw.attribution,
                        deletion=raw.deletion,
                    )
                )
            else:
                ident = raw.id or self.fresh("s")
                options = []
                for option in raw.options:
                    option_id = option.id or self.fresh("o")
                    options.append(
                        Option(
                            id=option_id,
                            label=option.label,
                            content=None if option.content is None else self.build(option.content),
                            attribution=option.attribution,
                        )
                    )
                nodes.append(OptionSet(id=ident, options=tuple(options)))
        return tuple(nodes)


def render(markup: Markup, *, with_ids: bool = True) -> str:
    """`markup` in the notation. With `with_ids` every bracket, option set and
    option carries its id, and `parse` gives back exactly `markup`; without,
    `parse` assigns fresh ids."""
    out: list[str] = []
    _render(markup.content, out, with_ids=with_ids, in_option=False)
    return "".join(out)


def _escape(text: str, in_option: bool) -> str:
    return (_ESCAPE_IN_OPTION if in_option else _ESCAPE).sub(r"\\\g<0>", text)


def _attribution(codes: tuple[str, ...]) -> str:
    return ", ".join(codes)


def _render(content: tuple[Node, ...], out: list[str], *, with_ids: bool, in_option: bool) -> None:
    for node in content:
        if isinstance(node, str):
            out.append(_escape(node, in_option))
        elif isinstance(node, Bracket):
            out.append(f"[#{node.id} " if with_ids else "[")
            first = node.content[0]
            if not with_ids and isinstance(first, str) and first.startswith("#"):
                out.append("\\")
            _render(node.content, out, with_ids=with_ids, in_option=in_option)
            out.append("]")
            if node.deletion and node.attribution:
                out.append(f"{{{DELETE}: {_attribution(node.attribution)}}}")
            elif node.deletion:
                out.append(f"{{{DELETE}}}")
            elif node.attribution:
                out.append(f"{{{_attribution(node.attribution)}}}")
        else:
            out.append(f"{{{{#{node.id} " if with_ids else "{{")
            for index, option in enumerate(node.options):
                if index:
                    out.append(" || ")
                _render_option(option, out, with_ids=with_ids)
            out.append("}}")


def _render_option(option: Option, out: list[str], *, with_ids: bool) -> None:
    if with_ids:
        out.append(f"#{option.id} ")
    out.append(option.label)
    if option.attribution:
        out.append(f" ({_attribution(option.attribution)})")
    out.append(": ")
    content = option.content
    if content is None:
        out.append(NO_TEXT)
        return
    if len(content) == 1 and isinstance(content[0], str):
        only = content[0]
        if only.isascii() and only.lower() == NO_TEXT:
            out.append(f"{only[:2]}\\ {only[3:]}")  # the words "no text", not the marker
            return
    # Whitespace around an option's text is layout, so keep it by escaping it.
    last = len(content) - 1
    for index, node in enumerate(content):
        if not isinstance(node, str) or not (
            (index == 0 and node[0].isspace()) or (index == last and node[-1].isspace())
        ):
            _render((node,), out, with_ids=with_ids, in_option=True)
            continue
        head = tail = ""
        if index == 0 and node[0].isspace():
            head, node = f"\\{node[0]}", node[1:]
        if index == last and node and node[-1].isspace():
            node, tail = node[:-1], f"\\{node[-1]}"
        out.append(head + _escape(node, True) + tail)
