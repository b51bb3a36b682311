"""Parsing XML from outside without trusting it.

Imports refuse, with a message a person can act on and before anything is
written: a file over the configured size (`ACCORD_IMPORT_MAX_BYTES`), any
document type declaration (so no external entities, no entity expansion
bombs such as "billion laughs", no DTD fetched from the network), and XML
that is not well-formed. The parser never resolves entities, never loads a
DTD, never touches the network and keeps libxml2's limits on depth and size.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from lxml import etree

from accord.core.errors import ValidationError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE|<!\s*ENTITY", re.IGNORECASE)


def max_bytes() -> int:
    """The largest file an import accepts: settings.ACCORD_IMPORT_MAX_BYTES,
    10 MiB by default."""
    return int(getattr(settings, "ACCORD_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MiB" if count >= 1024 * 1024 else f"{count:,} bytes"


def check_size(size: int, *, name: str = "The file") -> None:
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            f"{name} is {_size(size)}, over the import limit of {_size(limit)} "
            "(ACCORD_IMPORT_MAX_BYTES).",
            field="file",
        )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        collect_ids=False,
    )


def _declares_doctype(data: bytes) -> bool:
    if _DOCTYPE.search(data):
        return True
    # The same in a UTF-16 or UTF-32 file: look at the text without its NULs.
    return b"\x00" in data[:4] and bool(_DOCTYPE.search(data.replace(b"\x00", b"")))


def parse(data: bytes, *, name: str = "The file") -> etree._Element:
    """The root element of `data`, or ValidationError saying why not."""
    if not isinstance(data, bytes | bytearray):
        raise ValidationError(f"{name}: expected the file's bytes.", field="file")
    check_size(len(data), name=name)
    if not data.strip():
        raise ValidationError(f"{name} is empty.", field="file")
    if _declares_doctype(bytes(data)):
        raise ValidationError(
            f"{name} declares a document type (<!DOCTYPE> or <!ENTITY>). Imports refuse "
            "them, since they can fetch external files or expand into gigabytes; "
            "remove the declaration and import again.",
            field="file",
        )
    try:
        root = etree.fromstring(bytes(data), parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ValidationError(f"{name} is not well-formed XML: {exc}", field="file") from exc
    tree = root.getroottree()
    docinfo: Any = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ValidationError(f"{name} declares a document type; imports refuse them.")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise ValidationError(
                f"{name} uses the entity reference {node.text}; imports refuse entities.",
                field="file",
            )
    return root


def local(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(element: etree._Element) -> str:
    """All the text in `element`, its descendants' included."""
    return "".join(t if isinstance(t, str) else t.decode() for t in element.itertext())
