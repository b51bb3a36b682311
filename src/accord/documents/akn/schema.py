"""Validation against the OASIS Akoma Ntoso 3.0 schema.

The schema is not shipped with Accord (see ../shared/data/akn/schema/); the
caller names the file. A loaded schema is kept, so a test session or a batch
of exports loads it once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree


@lru_cache(maxsize=4)
def load(path: str | Path) -> etree.XMLSchema:
    """The schema in `path` (akomantoso30.xsd, with xml.xsd beside it)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser=parser))


def errors(data: bytes, schema: etree.XMLSchema) -> list[str]:
    """Why `data` is not valid against `schema`: one line per error, none when valid."""
    document = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]
