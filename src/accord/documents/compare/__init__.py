"""The redline: what changed between two versions of a document.

A pure computation on `ProvisionSnapshot` lists (see `documents.canonical`;
`documents.selectors.version_snapshot` reads one from the database), with no
database access of its own:

- `compare_versions(old, new)` aligns provisions by identity and says for each
  whether it was inserted, deleted, changed, moved, renumbered or retyped,
  with a word-level diff of its heading and text in every language
  (`provisions` module);
- `diff_text(old, new)` is the word-level diff of two strings, a list of
  `Segment(op, text)` (`words` module), over tokens that never split a
  grapheme cluster (`tokens` module);
- `redline_html(segments, language)` renders segments as HTML (`render`).
"""

from accord.documents.compare.provisions import (
    Change,
    ProvisionDiff,
    Redline,
    TextDiff,
    TextStatus,
    compare_versions,
)
from accord.documents.compare.render import redline_html
from accord.documents.compare.tokens import tokenize
from accord.documents.compare.words import Op, Segment, diff_text, diff_tokens

__all__ = [
    "Change",
    "Op",
    "ProvisionDiff",
    "Redline",
    "Segment",
    "TextDiff",
    "TextStatus",
    "compare_versions",
    "diff_text",
    "diff_tokens",
    "redline_html",
    "tokenize",
]
