"""The structured form of a provision's text under negotiation.

A `Markup` is a sequence of nodes. A node is a run of plain text (a `str`), a
`Bracket` around content that is not agreed, or an `OptionSet` of two or more
alternative `Option`s. Brackets and option sets nest inside each other.
Every bracket, option set and option has an `id` unique in its `Markup`, so
that proposals, positions and the record can point at it across edits; every
bracket and option has an `attribution`, the delegations that asked for it.
A bracket is either ordinary (text under negotiation, such as a proposed
insertion) or, with `deletion=True`, text that its delegations propose to
delete ("[text] (RU: delete)", struck through on pages).

Every value of these classes is valid: the constructors check the invariants
below and raise `MarkupError` otherwise. That is what makes
`parse(render(m)) == m` hold for every `m`.

- a content tuple holds no empty string and no two strings side by side;
- a bracket's content is not empty; an option's content is either a
  non-empty tuple or `None`, which means "no text";
- an option set has at least two options, with distinct labels;
- an id matches `ID_PATTERN`, a delegation code matches `CODE_PATTERN`, is
  not the word "delete" (`DELETE`, in any letter case: the notation reserves
  it) and appears at most once in an attribution;
- a bracket's `deletion` is a bool;
- a label is non-empty, has no surrounding whitespace, no whitespace but
  ordinary spaces and none of the characters `LABEL_FORBIDDEN`;
- ids are unique in a `Markup`, and nothing is nested deeper than `MAX_DEPTH`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TypeAlias

from accord.core.errors import ValidationError

ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
LABEL_FORBIDDEN = frozenset("()[]{}|:\\#")
MAX_DEPTH = 32
NO_TEXT = "no text"
DELETE = "delete"
"""The word that marks a deletion bracket in the notation (`[text]{delete: RU}`)
and in the full text (`[text] (RU: delete)`); reserved, so never a code."""


class MarkupError(ValidationError):
    """Negotiation markup that is not valid; nothing was built or changed.

    `kind` is a stable machine-readable name of the problem (for example
    `"unclosed-bracket"`), `reason` the sentence a person reads. When the
    error is about a position in a text, `offset` is its 0-based character
    (code point) offset, `line` and `column` its 1-based line and column
    (lines end at "\\n").
    """

    code = "invalid_markup"

    def __init__(
        self, kind: str, reason: str, *, offset: int | None = None, text: str | None = None
    ) -> None:
        self.kind = kind
        self.reason = reason
        self.offset = offset
        self.line: int | None = None
        self.column: int | None = None
        message = reason
        if offset is not None:
            source = text or ""
            self.line = source.count("\n", 0, offset) + 1
            self.column = offset - (source.rfind("\n", 0, offset) + 1) + 1
            message = f"{reason} (line {self.line}, column {self.column})"
        super().__init__(message)


def _invalid(kind: str, reason: str) -> MarkupError:
    return MarkupError(kind, reason)


def check_id(value: str) -> None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise _invalid(
            "malformed-id",
            f"{value!r} is not a valid id: a letter, then letters, digits, '_' or '-'.",
        )


def check_attribution(codes: tuple[str, ...]) -> None:
    if not isinstance(codes, tuple):
        raise _invalid("malformed-attribution", "An attribution is a tuple of delegation codes.")
    seen: set[str] = set()
    for code in codes:
        if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
            raise _invalid(
                "malformed-attribution",
                f"{code!r} is not a delegation code: letters, digits, '_', '.' or '-'.",
            )
        if code.casefold() == DELETE:
            raise _invalid(
                "malformed-attribution",
                f"{code!r} is reserved for deletion brackets and is not a delegation code.",
            )
        if code in seen:
            raise _invalid(
                "malformed-attribution", f"Delegation {code} appears twice in one attribution."
            )
        seen.add(code)


def label_problem(label: str) -> str | None:
    """Why `label` cannot label an option, or None when it can."""
    if not label:
        return "An option label cannot be empty."
    if label != label.strip():
        return f"The option label {label!r} has whitespace around it."
    for char in label:
        if char in LABEL_FORBIDDEN:
            return f"An option label cannot contain {char!r}."
        if char.isspace() and char != " ":
            return "An option label can contain spaces but no other whitespace."
    return None


def _check_content(content: object, where: str) -> None:
    if not isinstance(content, tuple):
        raise _invalid("malformed-content", f"The content of {where} must be a tuple.")
    previous_is_text = False
    for node in content:
        if isinstance(node, str):
            if not node:
                raise _invalid("malformed-content", f"The content of {where} has an empty text.")
            if previous_is_text:
                raise _invalid(
                    "malformed-content", f"The content of {where} has two texts side by side."
                )
            previous_is_text = True
        elif isinstance(node, Bracket | OptionSet):
            previous_is_text = False
        else:
            raise _invalid("malformed-content", f"{type(node).__name__} cannot be in {where}.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Bracket:
    """Text in square brackets: not agreed. `attribution` lists the delegations
    that asked for it, in the order they did (possibly none). With `deletion`
    the bracket is a proposed deletion: its delegations want its text
    deleted; otherwise it is an ordinary bracket (text under negotiation,
    such as a proposed insertion)."""

    id: str
    content: tuple[Node, ...]
    attribution: tuple[str, ...] = ()
    deletion: bool = False

    def __post_init__(self) -> None:
        check_id(self.id)
        _check_content(self.content, f"bracket {self.id}")
        if not self.content:
            raise _invalid("empty-bracket", f"Bracket {self.id} is empty.")
        check_attribution(self.attribution)
        if not isinstance(self.deletion, bool):
            raise _invalid(
                "malformed-content", f"Bracket {self.id}: deletion must be True or False."
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    """One alternative of an option set. `content` None means "no text": the
    alternative of deleting the passage."""

    id: str
    label: str
    content: tuple[Node, ...] | None
    attribution: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_id(self.id)
        problem = label_problem(self.label) if isinstance(self.label, str) else "not a string"
        if problem:
            raise _invalid("malformed-label", problem)
        if self.content is not None:
            _check_content(self.content, f"option {self.id}")
            if not self.content:
                raise _invalid(
                    "empty-option", f"Option {self.id} is empty; use None for 'no text'."
                )
        check_attribution(self.attribution)


@dataclass(frozen=True, slots=True, kw_only=True)
class OptionSet:
    """Alternatives for one passage ("Alt 1 / Alt 2 / ..."), of which at most
    one will be kept."""

    id: str
    options: tuple[Option, ...]

    def __post_init__(self) -> None:
        check_id(self.id)
        if not isinstance(self.options, tuple) or not all(
            isinstance(option, Option) for option in self.options
        ):
            raise _invalid(
                "malformed-content", f"Option set {self.id} must hold a tuple of Option."
            )
        if len(self.options) < 2:
            raise _invalid(
                "too-few-options",
                f"Option set {self.id} has {len(self.options)} option(s); it needs at least two.",
            )
        labels: set[str] = set()
        for option in self.options:
            if option.label in labels:
                raise _invalid(
                    "duplicate-label",
                    f"Option set {self.id} has two options labelled {option.label!r}.",
                )
            labels.add(option.label)

    @property
    def attribution(self) -> tuple[str, ...]:
        """Every delegation attributed in any option, in order of first appearance."""
        codes: dict[str, None] = {}
        for option in self.options:
            codes.update(dict.fromkeys(option.attribution))
        return tuple(codes)


Node: TypeAlias = str | Bracket | OptionSet


@dataclass(frozen=True, slots=True)
class Markup:
    """A provision's text with its negotiation markup."""

    content: tuple[Node, ...] = ()

    def __post_init__(self) -> None:
        _check_content(self.content, "the text")
        seen: set[str] = set()
        for node, depth in _walk(self.content, 1):
            if depth > MAX_DEPTH:
                raise _invalid("too-deep", f"Markup is nested more than {MAX_DEPTH} levels deep.")
            if node.id in seen:
                raise _invalid("duplicate-id", f"The id {node.id!r} is used twice.")
            seen.add(node.id)

    @classmethod
    def of_text(cls, text: str) -> Markup:
        """Plain text without markup."""
        return cls((text,) if text else ())

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(node.id for node, _ in _walk(self.content, 1))


def _walk(
    content: tuple[Node, ...], depth: int
) -> Iterator[tuple[Bracket | OptionSet | Option, int]]:
    """Every bracket, option set and option, in document order, with its depth
    (option sets and brackets count; an option has the depth of its set)."""
    for node in content:
        if isinstance(node, Bracket):
            yield node, depth
            yield from _walk(node.content, depth + 1)
        elif isinstance(node, OptionSet):
            yield node, depth
            for option in node.options:
                yield option, depth
                if option.content is not None:
                    yield from _walk(option.content, depth + 1)


def walk(markup: Markup) -> Iterator[Bracket | OptionSet | Option]:
    """Every bracket, option set and option of `markup` in document order."""
    for node, _ in _walk(markup.content, 1):
        yield node


def join(nodes: list[Node] | tuple[Node, ...]) -> tuple[Node, ...]:
    """`nodes` as valid content: empty texts dropped, neighbouring texts merged."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + node
                continue
        out.append(node)
    return tuple(out)


def check_delegations(markup: Markup, delegations: Collection[str]) -> None:
    """Raise `MarkupError` if `markup` attributes anything to a delegation
    not in `delegations` (as `parse` does, for markup from elsewhere)."""
    known = frozenset(delegations)
    for node in walk(markup):
        for code in node.attribution:
            if code not in known:
                raise _invalid(
                    "unknown-delegation", f"{node.id} is attributed to unknown delegation {code!r}."
                )
