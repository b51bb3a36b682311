"""Negotiation markup: brackets and options inside a provision's text.

The structured form (`Markup` and its nodes) is what is stored and compared;
the notation (`parse`, `render`) is what people type and read back; the
views (`clean_text`, `full_text`, `markers`) are what pages and exports show;
the edits (`bracket`, `add_alternative`, `add_option`, `remove_brackets`,
`drop_bracket`, `select_option`) are what compilation and decisions do.
`to_json` and `from_json` store it. See `docs/negotiation-markup.md`.

Pure Python: nothing here touches the database.
"""

from accord.negotiation.markup.edit import (
    add_alternative,
    add_option,
    bracket,
    drop_bracket,
    mark_deletion,
    remove_brackets,
    select_option,
)
from accord.negotiation.markup.model import (
    CODE_PATTERN,
    DELETE,
    ID_PATTERN,
    MAX_DEPTH,
    Bracket,
    Markup,
    MarkupError,
    Node,
    Option,
    OptionSet,
    check_delegations,
    walk,
)
from accord.negotiation.markup.notation import parse, render
from accord.negotiation.markup.storage import from_json, to_json
from accord.negotiation.markup.views import (
    BracketClose,
    BracketOpen,
    Marker,
    OptionClose,
    OptionOpen,
    OptionSetClose,
    OptionSetOpen,
    Segment,
    TextRun,
    View,
    Words,
    clean_text,
    full_text,
    markers,
    segments,
    to_html,
)

__all__ = [
    "CODE_PATTERN",
    "DELETE",
    "ID_PATTERN",
    "MAX_DEPTH",
    "Bracket",
    "BracketClose",
    "BracketOpen",
    "Marker",
    "Markup",
    "MarkupError",
    "Node",
    "Option",
    "OptionClose",
    "OptionOpen",
    "OptionSet",
    "OptionSetClose",
    "OptionSetOpen",
    "Segment",
    "TextRun",
    "View",
    "Words",
    "add_alternative",
    "add_option",
    "bracket",
    "check_delegations",
    "clean_text",
    "drop_bracket",
    "from_json",
    "full_text",
    "mark_deletion",
    "markers",
    "parse",
    "remove_brackets",
    "render",
    "segments",
    "select_option",
    "to_html",
    "to_json",
    "walk",
]
