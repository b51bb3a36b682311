"""Helpers for the Akoma Ntoso round-trip tests: a version as comparable
rows, and every language of it exported and checked against the schema."""

from __future__ import annotations

from accord.documents.akn import export_version
from accord.documents.models import Document
from tests.documents.akn_export_test import assert_valid

Snapshot = list[tuple[str, str, str, int, dict[str, tuple[str, str]]]]


def snapshot(document: Document) -> Snapshot:
    """Kind, number, eId, depth and texts per language of every provision, in order.

    Positions, depths and eIds are laid out depth-first from the parent links
    (documents.tree), so equal rows in equal order mean the same nesting.
    """
    version = document.versions.order_by("-number").first()
    assert version is not None
    return [
        (
            p.kind,
            p.number,
            p.eid,
            p.depth,
            {t.language: (t.heading, t.text) for t in p.texts.all() if t.heading or t.text},
        )
        for p in version.provisions.order_by("position").prefetch_related("texts")
    ]


def export_all(document: Document) -> list[bytes]:
    """The latest version in every authentic language, each valid against the schema."""
    version = document.versions.order_by("-number").first()
    assert version is not None
    files = [export_version(version, code) for code in document.authentic_languages]
    for data in files:
        assert_valid(data)
    return files
