"""Negotiation markup as JSON, for storage.

Version 1::

    {"v": 1, "content": [<node>, ...]}
    <node> := "plain text"
            | {"type": "bracket", "id": "b1", "attribution": ["RU", "BY"],
               "content": [<node>, ...]}
            | {"type": "bracket", "id": "b2", "deletion": true, "attribution": ["IR"],
               "content": [<node>, ...]}
            | {"type": "options", "id": "s1", "options": [
                  {"id": "o1", "label": "Alt 1", "attribution": ["IR"],
                   "content": [<node>, ...] or null}, ...]}

Every key is always present but `deletion`, which `to_json` writes (as
`true`) only for a deletion bracket: a bracket without it is an ordinary
one, so markup stored before deletion brackets existed reads unchanged, and
markup without them is written exactly as it was. `null` content is "no
text". `from_json` accepts what `to_json` writes (no other keys, no other
versions; `deletion` must be a JSON boolean, and `false` is read as its
absence) and everything a `Markup` requires (see
`accord.negotiation.markup.model`).
"""

from __future__ import annotations

from typing import TypeAlias

from accord.negotiation.markup.model import (
    MAX_DEPTH,
    Bracket,
    Markup,
    MarkupError,
    Node,
    Option,
    OptionSet,
)

JSONValue: TypeAlias = "str | int | bool | list[JSONValue] | dict[str, JSONValue] | None"
VERSION = 1


def to_json(markup: Markup) -> dict[str, JSONValue]:
    """`markup` as a JSON-ready dict (see the module docstring)."""
    return {"v": VERSION, "content": _content(markup.content)}


def _content(content: tuple[Node, ...]) -> list[JSONValue]:
    nodes: list[JSONValue] = []
    for node in content:
        if isinstance(node, str):
            nodes.append(node)
        elif isinstance(node, Bracket):
            bracket: dict[str, JSONValue] = {"type": "bracket", "id": node.id}
            if node.deletion:
                bracket["deletion"] = True
            bracket["attribution"] = list[JSONValue](node.attribution)
            bracket["content"] = _content(node.content)
            nodes.append(bracket)
        else:
            nodes.append(
                {
                    "type": "options",
                    "id": node.id,
                    "options": [
                        {
                            "id": option.id,
                            "label": option.label,
                            "attribution": list[JSONValue](option.attribution),
                            "content": None if option.content is None else _content(option.content),
                        }
                        for option in node.options
                    ],
                }
            )
    return nodes


def from_json(data: object) -> Markup:
    """The markup stored as `data` by `to_json`. Raises `MarkupError`, naming
    the JSON path of the problem, for anything else."""
    if not isinstance(data, dict):
        raise _error("$", "expected an object")
    if data.get("v") != VERSION or isinstance(data.get("v"), bool):
        raise MarkupError(
            "unsupported-version", f"$.v: markup version {data.get('v')!r} is not supported."
        )
    _keys(data, {"v", "content"}, "$")
    content = _nodes(data["content"], "$.content", 1)
    try:
        return Markup(content)
    except MarkupError as error:
        raise _located(error, "$") from None


def _error(path: str, reason: str) -> MarkupError:
    return MarkupError("malformed-json", f"{path}: {reason}.")


def _located(error: MarkupError, path: str) -> MarkupError:
    """`error` naming `path`, unless it names a path already."""
    if error.reason.startswith("$"):
        return error
    return MarkupError(error.kind, f"{path}: {error.reason}")


def _keys(
    data: dict[object, object], keys: set[str], path: str, optional: frozenset[str] = frozenset()
) -> None:
    if not keys <= set(data) <= keys | optional:
        expected = f"expected exactly the keys {', '.join(sorted(keys))}"
        if optional:
            expected += f", and optionally {', '.join(sorted(optional))}"
        raise _error(path, expected)


def _flag(data: dict[object, object], key: str, path: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise _error(f"{path}.{key}", "expected true or false")
    return value


def _codes(data: object, path: str) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(code, str) for code in data):
        raise _error(path, "expected a list of delegation codes")
    return tuple(data)


def _string(data: object, path: str) -> str:
    if not isinstance(data, str):
        raise _error(path, "expected a string")
    return data


def _nodes(data: object, path: str, depth: int) -> tuple[Node, ...]:
    if not isinstance(data, list):
        raise _error(path, "expected a list")
    nodes: list[Node] = []
    for index, item in enumerate(data):
        where = f"{path}[{index}]"
        if isinstance(item, str):
            nodes.append(item)
            continue
        if not isinstance(item, dict):
            raise _error(where, "expected a string or an object")
        if depth > MAX_DEPTH:
            raise MarkupError("too-deep", f"{where}: markup is nested more than {MAX_DEPTH} deep.")
        try:
            nodes.append(_node(item, where, depth))
        except MarkupError as error:
            raise _located(error, where) from None
    return tuple(nodes)


def _node(item: dict[object, object], where: str, depth: int) -> Node:
    kind = item.get("type")
    if kind == "bracket":
        _keys(item, {"type", "id", "attribution", "content"}, where, frozenset({"deletion"}))
        return Bracket(
            id=_string(item["id"], f"{where}.id"),
            content=_nodes(item["content"], f"{where}.content", depth + 1),
            attribution=_codes(item["attribution"], f"{where}.attribution"),
            deletion=_flag(item, "deletion", where),
        )
    if kind == "options":
        _keys(item, {"type", "id", "options"}, where)
        raw_options = item["options"]
        if not isinstance(raw_options, list):
            raise _error(f"{where}.options", "expected a list")
        options = []
        for number, raw in enumerate(raw_options):
            at = f"{where}.options[{number}]"
            if not isinstance(raw, dict):
                raise _error(at, "expected an object")
            _keys(raw, {"id", "label", "attribution", "content"}, at)
            content = raw["content"]
            try:
                options.append(
                    Option(
                        id=_string(raw["id"], f"{at}.id"),
                        label=_string(raw["label"], f"{at}.label"),
                        content=None
                        if content is None
                        else _nodes(content, f"{at}.content", depth + 1),
                        attribution=_codes(raw["attribution"], f"{at}.attribution"),
                    )
                )
            except MarkupError as error:
                raise _located(error, at) from None
        return OptionSet(id=_string(item["id"], f"{where}.id"), options=tuple(options))
    raise _error(f"{where}.type", "expected 'bracket' or 'options'")
