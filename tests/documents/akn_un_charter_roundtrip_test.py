"""Round trip of the UN Charter's chapters through Akoma Ntoso: the shared
Markdown chapters, imported as one document and each on its own, exported
in English, Chinese and Spanish (every file valid against the schema) and
imported again give the same provisions in the same tree, with the same
headings and texts in every language and the same title."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from accord.core.actors import SYSTEM
from accord.documents.akn import import_akn
from accord.documents.textio import import_files
from tests.documents.akn_export_test import codes_process
from tests.documents.roundtrip import export_all, snapshot
from tests.documents.textio_import_test import CHARTER, files

pytestmark = pytest.mark.django_db

CHAPTERS = [CHARTER / f"chime_chapter{n}.md" for n in (1, 2, 3)]

# Provisions, and the texts (heading or text) each language has: articles 4
# and 7 open straight on their paragraphs, with neither heading nor text.
CASES = {
    "chapters-I-III": (CHAPTERS, 26, 24),
    "chapter-I": (CHAPTERS[:1], 14, 14),
    "chapter-II": (CHAPTERS[1:2], 7, 6),
    "chapter-III": (CHAPTERS[2:], 5, 4),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_un_charter_round_trips_through_akoma_ntoso(case: str):
    paths: list[Path]
    paths, provisions, texts = CASES[case]
    process, _ = codes_process()
    document = import_files(files(*paths), actor=SYSTEM, process=process).document
    assert document.authentic_languages == ["en", "zh", "es"]
    before = snapshot(document)
    assert len(before) == provisions
    counts = Counter(language for *_, by_language in before for language in by_language)
    assert counts == {"en": texts, "zh": texts, "es": texts}

    exported = export_all(document)
    assert len(exported) == 3
    again = import_akn(exported[0], actor=SYSTEM, process=process, translations=exported[1:])
    assert again.warnings == []
    imported = again.document
    assert imported.pk != document.pk
    assert snapshot(imported) == before
    assert imported.kind == document.kind
    assert imported.authentic_languages == document.authentic_languages
    assert imported.working_language == document.working_language
    assert imported.title == document.title
