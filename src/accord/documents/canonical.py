"""The canonical serialisation of a version and its content hash.

The hash covers the whole tree (identity, kind, parent, order, number) and
every heading and text in every language, so that two versions have the same
hash exactly when they carry the same text. Texts are normalised to Unicode
NFC first: the same words typed on two keyboards hash alike.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

HASH_SCHEME = "accord-content-v1"


@dataclass(frozen=True)
class TextSnapshot:
    language: str
    heading: str
    text: str


@dataclass(frozen=True)
class ProvisionSnapshot:
    uid: str
    kind: str
    parent_uid: str | None
    number: str
    texts: tuple[TextSnapshot, ...] = field(default=())


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def canonical_bytes(provisions: Iterable[ProvisionSnapshot]) -> bytes:
    """Provisions must be given in document order; texts in any order."""
    body = [
        [
            p.uid,
            p.kind,
            p.parent_uid,
            _nfc(p.number),
            # An empty text says nothing: it hashes like a missing one.
            sorted(
                [t.language, _nfc(t.heading), _nfc(t.text)] for t in p.texts if t.heading or t.text
            ),
        ]
        for p in provisions
    ]
    return json.dumps(
        {"scheme": HASH_SCHEME, "provisions": body},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def content_hash(provisions: Iterable[ProvisionSnapshot]) -> str:
    return hashlib.sha256(canonical_bytes(provisions)).hexdigest()
