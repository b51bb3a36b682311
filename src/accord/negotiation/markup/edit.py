"""Changes to negotiation markup, as compilation and decisions make them.

Each function returns a new `Markup` and leaves its argument alone; each
raises `MarkupError` when the change cannot be made, and then nothing is
changed. Spans are given as character offsets `start` (inclusive) and `end`
(exclusive) in `clean_text(markup)` (the default) or in `full_text(markup)`
(`view="full"`). A span in the full text may start on the opening `[` or `{`
of a bracket or option set and end on its last character (the `]`, `}` or
the attribution's `)`) to take it whole; it is refused when it starts or
ends inside an attribution, label or separator, or begins inside one
bracket or option and ends outside it. In the clean text, brackets and
option sets are invisible: a span that reaches over one encloses it whole,
and one merely touching it at either end leaves it out.

New ids are one more than the highest number used with their prefix (`b`
for brackets, `s` for option sets, `o` for options), or the `id` given.

A proposed deletion is a deletion bracket: `bracket(..., deletion=True)`
around a span, `mark_deletion` around the whole text. `drop_bracket` makes
the deletion, `remove_brackets` drops the proposal and keeps the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from accord.negotiation.markup.model import (
    Bracket,
    Markup,
    MarkupError,
    Node,
    Option,
    OptionSet,
    check_attribution,
    check_id,
    join,
    label_problem,
    walk,
)
from accord.negotiation.markup.views import (
    Container,
    View,
    projection,
    seam,
    strip_trailing_space,
)

_NUMBERED = re.compile(r"([A-Za-z]+)([0-9]+)")


class _Ids:
    """Fresh ids for a markup: per prefix, one more than the highest used."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self.highest: dict[str, int] = {}
        for ident in self.taken:
            numbered = _NUMBERED.fullmatch(ident)
            if numbered:
                prefix, number = numbered.group(1), int(numbered.group(2))
                self.highest[prefix] = max(self.highest.get(prefix, 0), number)

    def claim(self, ident: str) -> str:
        check_id(ident)
        if ident in self.taken:
            raise MarkupError("duplicate-id", f"The id {ident!r} is already used in this text.")
        self.taken.add(ident)
        return ident

    def fresh(self, prefix: str) -> str:
        number = self.highest.get(prefix, 0) + 1
        self.highest[prefix] = number
        return self.claim(f"{prefix}{number}")

    def adopt(self, content: tuple[Node, ...]) -> tuple[Node, ...]:
        """`content` from another text, its ids that are taken here renewed."""
        nodes: list[Node] = []
        for node in content:
            if isinstance(node, Bracket):
                ident = self.fresh("b") if node.id in self.taken else self.claim(node.id)
                nodes.append(replace(node, id=ident, content=self.adopt(node.content)))
            elif isinstance(node, OptionSet):
                ident = self.fresh("s") if node.id in self.taken else self.claim(node.id)
                options = tuple(
                    replace(
                        option,
                        id=self.fresh("o") if option.id in self.taken else self.claim(option.id),
                        content=None if option.content is None else self.adopt(option.content),
                    )
                    for option in node.options
                )
                nodes.append(OptionSet(id=ident, options=options))
            else:
                nodes.append(node)
        return tuple(nodes)


def _cut(content: tuple[Node, ...], index: int, offset: int) -> tuple[list[Node], list[Node]]:
    """`content` split before character `offset` of node `index`."""
    if offset == 0:
        return list(content[:index]), list(content[index:])
    text = content[index]
    assert isinstance(text, str)
    return [*content[:index], text[:offset]], [text[offset:], *content[index + 1 :]]


def _wrap(
    content: tuple[Node, ...],
    begin: tuple[int, int],
    finish: tuple[int, int],
    make: Callable[[tuple[Node, ...]], Node],
) -> tuple[Node, ...]:
    """`content` with the part from `begin` to `finish` replaced by `make(part)`."""
    before, rest = _cut(content, *begin)
    index, offset = finish
    if begin[1]:  # `rest` starts with the remainder of node begin[0]
        offset = offset - begin[1] if index == begin[0] else offset
    middle, after = _cut(tuple(rest), index - begin[0], offset)
    return join([*before, make(join(middle)), *after])


def _in_container(
    content: tuple[Node, ...],
    container: Container,
    change: Callable[[tuple[Node, ...]], tuple[Node, ...]],
) -> tuple[Node, ...] | None:
    """`content` with `change` applied to the content of `container`, or None
    when `container` is not in it."""
    if container is None:
        return change(content)
    for index, node in enumerate(content):
        new: Node | None = None
        if isinstance(node, Bracket):
            inner = (
                change(node.content)
                if node.id == container
                else _in_container(node.content, container, change)
            )
            if inner is not None:
                new = replace(node, content=inner)
        elif isinstance(node, OptionSet):
            for number, option in enumerate(node.options):
                if option.content is None:
                    continue
                inner = (
                    change(option.content)
                    if option.id == container
                    else _in_container(option.content, container, change)
                )
                if inner is not None:
                    changed = _option_content(option, inner)
                    options = (*node.options[:number], changed, *node.options[number + 1 :])
                    new = replace(node, options=options)
                    break
        if new is not None:
            return (*content[:index], new, *content[index + 1 :])
    return None


def _option_content(option: Option, content: tuple[Node, ...]) -> Option:
    # An option whose every word was taken out proposes no text.
    return replace(option, content=content or None)


def _locate(
    content: tuple[Node, ...], container: Container, ident: str
) -> tuple[Container, int, Bracket | OptionSet] | None:
    for index, node in enumerate(content):
        if isinstance(node, Bracket | OptionSet) and node.id == ident:
            return container, index, node
        found = None
        if isinstance(node, Bracket):
            found = _locate(node.content, node.id, ident)
        elif isinstance(node, OptionSet):
            for option in node.options:
                if option.content is not None:
                    found = found or _locate(option.content, option.id, ident)
        if found:
            return found
    return None


def _replace_node(
    markup: Markup,
    ident: str,
    kind: type[Bracket] | type[OptionSet],
    change: Callable[[Bracket | OptionSet], tuple[Node, ...]],
    *,
    tidy: bool = False,
) -> Markup:
    located = _locate(markup.content, None, ident)
    if located is None or not isinstance(located[2], kind):
        what = "bracket" if kind is Bracket else "option set"
        raise MarkupError("not-found", f"There is no {what} with id {ident!r} in this text.")
    container, index, node = located

    def splice(content: tuple[Node, ...]) -> tuple[Node, ...]:
        before, after = list(content[:index]), list(content[index + 1 :])
        replacement = change(node)
        if tidy and not replacement:
            left = before[-1] if before else None
            right = after[0] if after else None
            left_last = left[-1] if isinstance(left, str) else (None if left is None else "")
            strip_left, drop = seam(
                left_last, right if isinstance(right, str) else (None if right is None else "")
            )
            if strip_left and isinstance(left, str):
                before[-1] = strip_trailing_space(left)
            if drop and isinstance(right, str):
                after[0] = right[drop:]
        result = join([*before, *replacement, *after])
        if not result and container is not None and _is_bracket(markup, container):
            raise MarkupError(
                "empty-bracket",
                f"Taking out {ident} would leave bracket {container} empty; "
                f"take out {container} instead.",
            )
        return result

    content = _in_container(markup.content, container, splice)
    assert content is not None
    return Markup(content)


def _is_bracket(markup: Markup, ident: str) -> bool:
    return any(isinstance(node, Bracket) and node.id == ident for node in walk(markup))


def bracket(
    markup: Markup,
    start: int,
    end: int,
    *,
    attribution: tuple[str, ...] = (),
    view: View = "clean",
    id: str | None = None,
    deletion: bool = False,
) -> Markup:
    """`markup` with the span `start` to `end` put in a new bracket attributed to
    `attribution` (with id `id`, or a fresh one); with `deletion`, a deletion
    bracket: `attribution` proposes deleting the span."""
    check_attribution(attribution)
    container, begin, finish = projection(markup, view).span(start, end)
    ids = _Ids(markup.ids)
    ident = ids.claim(id) if id is not None else ids.fresh("b")

    def make(part: tuple[Node, ...]) -> Node:
        return Bracket(id=ident, content=part, attribution=attribution, deletion=deletion)

    content = _in_container(
        markup.content, container, lambda inside: _wrap(inside, begin, finish, make)
    )
    assert content is not None
    return Markup(content)


def mark_deletion(
    markup: Markup, *, attribution: tuple[str, ...] = (), id: str | None = None
) -> Markup:
    """`markup` with its whole content in a deletion bracket attributed to
    `attribution` (with id `id`, or a fresh one): the delegations propose
    deleting the whole text. When the whole content is already one deletion
    bracket, no bracket is added: the codes of `attribution` it does not name
    yet are added at the end of its attribution, and it keeps its id (`id` is
    not used). Empty markup is refused (`empty-bracket`)."""
    check_attribution(attribution)
    content = markup.content
    if not content:
        raise MarkupError("empty-bracket", "There is no text to propose for deletion.")
    only = content[0]
    if len(content) == 1 and isinstance(only, Bracket) and only.deletion:
        added = tuple(code for code in attribution if code not in only.attribution)
        return Markup((replace(only, attribution=only.attribution + added),))
    ids = _Ids(markup.ids)
    ident = ids.claim(id) if id is not None else ids.fresh("b")
    return Markup((Bracket(id=ident, content=content, attribution=attribution, deletion=True),))


def _next_label(taken: set[str]) -> str:
    number = len(taken) + 1
    while f"Alt {number}" in taken:
        number += 1
    return f"Alt {number}"


def _checked_label(label: str, taken: set[str]) -> str:
    problem = label_problem(label)
    if problem:
        raise MarkupError("malformed-label", problem)
    if label in taken:
        raise MarkupError("duplicate-label", f"Another option of this set is labelled {label!r}.")
    return label


def add_alternative(
    markup: Markup,
    start: int,
    end: int,
    *,
    content: Markup | None,
    attribution: tuple[str, ...] = (),
    view: View = "clean",
    label: str = "Alt 2",
    base_label: str = "Alt 1",
    id: str | None = None,
) -> Markup:
    """`markup` with the span `start` to `end` turned into an option set: option
    `base_label` keeps the span as it is, unattributed, and option `label`,
    attributed to `attribution`, proposes `content` instead (None: delete
    the span, "no text"). The set has id `id` or a fresh one."""
    check_attribution(attribution)
    _checked_label(label, {_checked_label(base_label, set())})
    container, begin, finish = projection(markup, view).span(start, end)
    ids = _Ids(markup.ids)
    ident = ids.claim(id) if id is not None else ids.fresh("s")
    base_id, proposal_id = ids.fresh("o"), ids.fresh("o")
    proposed = None if content is None or not content.content else ids.adopt(content.content)

    def make(part: tuple[Node, ...]) -> Node:
        return OptionSet(
            id=ident,
            options=(
                Option(id=base_id, label=base_label, content=part),
                Option(id=proposal_id, label=label, content=proposed, attribution=attribution),
            ),
        )

    result = _in_container(
        markup.content, container, lambda inside: _wrap(inside, begin, finish, make)
    )
    assert result is not None
    return Markup(result)


def add_option(
    markup: Markup,
    option_set_id: str,
    *,
    content: Markup | None,
    attribution: tuple[str, ...] = (),
    label: str | None = None,
    id: str | None = None,
) -> Markup:
    """`markup` with one more option at the end of option set
    `option_set_id`: `content` (None: "no text"), attributed to
    `attribution`, labelled `label` (by default the first free "Alt N"),
    with id `id` or a fresh one. Ids inside `content` that are already used
    in `markup` are renewed."""
    check_attribution(attribution)
    ids = _Ids(markup.ids)
    ident = ids.claim(id) if id is not None else ids.fresh("o")
    proposed = None if content is None or not content.content else ids.adopt(content.content)

    def change(node: Bracket | OptionSet) -> tuple[Node, ...]:
        assert isinstance(node, OptionSet)
        taken = {option.label for option in node.options}
        name = _checked_label(label, taken) if label is not None else _next_label(taken)
        option = Option(id=ident, label=name, content=proposed, attribution=attribution)
        return (OptionSet(id=node.id, options=(*node.options, option)),)

    return _replace_node(markup, option_set_id, OptionSet, change)


def remove_brackets(markup: Markup, bracket_id: str) -> Markup:
    """`markup` with the brackets of `bracket_id` lifted: its text stays, now
    agreed at this level (brackets inside it stay). For a deletion bracket,
    the deletion is not retained."""

    def change(node: Bracket | OptionSet) -> tuple[Node, ...]:
        assert isinstance(node, Bracket)
        return node.content

    return _replace_node(markup, bracket_id, Bracket, change)


def drop_bracket(markup: Markup, bracket_id: str) -> Markup:
    """`markup` without bracket `bracket_id` and its text, the whitespace
    around it tidied as in `clean_text`. An option left without text
    becomes "no text"; a bracket left empty is refused. For a deletion
    bracket, the deletion is made."""
    return _replace_node(markup, bracket_id, Bracket, lambda node: (), tidy=True)


def select_option(markup: Markup, option_set_id: str, option_id: str) -> Markup:
    """`markup` with option set `option_set_id` replaced by the content of its
    option `option_id` (or by nothing, tidied, if that option is "no text")."""

    def change(node: Bracket | OptionSet) -> tuple[Node, ...]:
        assert isinstance(node, OptionSet)
        for option in node.options:
            if option.id == option_id:
                return option.content or ()
        raise MarkupError(
            "not-found", f"Option set {option_set_id} has no option with id {option_id!r}."
        )

    return _replace_node(markup, option_set_id, OptionSet, change, tidy=True)
