"""Import of Word, Markdown and plain-text charters: every shared text
imports with the structure it has, language versions line up by article,
messy input gives a sensible structure with warnings, literal brackets stay
text, and everything is written through the services in one go."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from accord.core.actors import SYSTEM
from accord.documents.models import Document, Provision, Translation
from accord.documents.textio import import_files
from accord.negotiation import markup
from accord.record.models import Event
from tests.documents.akn_export_test import DATA, codes_process

pytestmark = pytest.mark.django_db

CHARTER = DATA / "texts" / "un-charter"
UNESCO = DATA / "texts" / "unesco-constitution" / "BWBV0003155_unesco-constitution.md"


def files(*paths: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


def kinds(document: Document) -> Counter[str]:
    return Counter(
        Provision.objects.filter(version__document=document).values_list("kind", flat=True)
    )


def tree(document: Document, language: str) -> list[tuple[int, str, str, str, str]]:
    """(depth, kind, number, heading, text) in document order."""
    version = document.versions.get()
    texts = {
        t.provision_id: (t.heading, t.text)
        for t in Translation.objects.filter(provision__version=version, language=language)
    }
    return [
        (p.depth, p.kind, p.number, *texts.get(p.pk, ("", "")))
        for p in version.provisions.order_by("position")
    ]


def test_un_charter_chapters_import_as_one_document_in_three_languages():
    process, _ = codes_process()
    events = Event.objects.count()
    result = import_files(
        files(*sorted(CHARTER.glob("*.md"))), actor=SYSTEM, process=process, slug="un-charter"
    )
    document = result.document
    assert document.authentic_languages == ["en", "zh", "es"]
    assert document.working_language == "en"
    assert kinds(document) == {"chapter": 3, "article": 8, "paragraph": 15}
    en = tree(document, "en")
    articles = [(n, depth) for depth, kind, n, _, _ in en if kind == "article"]
    assert articles == [(str(n), 1) for n in range(1, 9)]
    chapters = [(n, h) for _, kind, n, h, _ in en if kind == "chapter"]
    assert chapters == [("I", "PURPOSES AND PRINCIPLES"), ("II", "MEMBERSHIP"), ("III", "ORGANS")]
    assert [h for _, kind, _, h, _ in tree(document, "zh") if kind == "chapter"] == [
        "宗旨及原则",
        "会员",
        "机关",
    ]
    # Aligned by article, not by position: article 2's intro and paragraph 7 in each language.
    by_key = {
        lang: {(k, n, i): t for i, (_, k, n, _, t) in enumerate(tree(document, lang))}
        for lang in ("en", "zh", "es")
    }
    position = next(i for i, (_, k, n, _, _) in enumerate(en) if (k, n) == ("article", "2"))
    assert by_key["en"][("article", "2", position)].startswith("The Organization and its Members")
    assert by_key["zh"][("article", "2", position)].startswith("为求实现第一条所述各宗旨起见")
    assert by_key["es"][("article", "2", position)].startswith("Para la realización")
    # The Spanish list of organs, which has no counterpart in English, stays in paragraph 1.
    es_7 = next(t for *_, t in tree(document, "es") if t.startswith("Se establecen"))
    assert "\n(una Asamblea General" not in es_7
    assert "una Asamblea General\n" in es_7
    assert es_7.endswith("una Secretaría")
    assert any("es: provisions with no counterpart in the en text" in w for w in result.warnings)
    # One event for the document, one for the whole tree.
    assert Event.objects.count() - events == 2
    assert list(Event.objects.order_by("-seq").values_list("kind", flat=True)[:2]) == [
        "provisions.added",
        "document.created",
    ]


def test_unesco_constitution_messy_input_gives_structure_and_warnings():
    process, _ = codes_process()
    result = import_files(files(UNESCO), actor=SYSTEM, process=process)
    document = result.document
    assert document.authentic_languages == ["en", "nl"]
    assert document.title["en"].startswith("Constitution of the United Nations Educational")
    assert document.title["nl"].startswith("Statuut van de Organisatie")
    counts = kinds(document)
    assert counts["article"] == 15
    assert counts["preamble_paragraph"] == 8
    assert counts["paragraph"] == 62 + 1  # and the closing formula
    assert counts["point"] == 25
    en = tree(document, "en")
    nl = tree(document, "nl")
    roman = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV"
    assert [n for _, k, n, _, _ in en if k == "article"] == roman.split(" ")
    headings = {n: h for _, k, n, h, _ in en if k == "article"}
    assert headings["I"] == "Purposes and functions"
    assert {n: h for _, k, n, h, _ in nl if k == "article"}["I"] == "Doelstellingen en taak"
    # Article IV's sub-headings are kept on the paragraphs they introduce.
    assert ("A. Composition", "A. Samenstelling") in [
        (e[3], d[3]) for e, d in zip(en, nl, strict=True) if e[1] == "paragraph"
    ]
    # Lettered points, and the unnumbered items under "b) … culture:" as its points.
    points = [(depth, n) for depth, k, n, _, _ in en[:40] if k == "point"]
    assert points[:5] == [(2, "a"), (2, "b"), (3, ""), (3, ""), (3, "")]
    # The Markdown links are gone, their words kept.
    assert not any("README.md" in t or "](" in t for *_, t in en + nl)
    assert en[-1][1:3] == ("paragraph", "")
    assert en[-1][4].startswith("IN FAITH WHEREOF")
    assert nl[-1][4].startswith("TEN BLIJKE WAARVAN")
    warnings = "\n".join(result.warnings)
    assert "a Markdown heading had no space after its # marks" in warnings
    assert "imported as the nl language version, lined up by article" in warnings
    assert "an HTML line in the Markdown was left out" in warnings
    assert "a preamble paragraph that ran several recitals together was split" in warnings


def test_conversion_defects_read_as_meant(tmp_path: Path):
    text = (
        "Charter of Cooperation\n\n"
        "Article 1\n\n1.To promote cooperation [within the region] {as agreed}.\n"
        "2.Members shall report \\ annually:\n"
        "a)on progress;\nb) on obstacles.\n\n"
        "Article 2\nFinal provisions\n\nThis Charter enters into force on signature.\n"
    )
    process, _ = codes_process()
    result = import_files([("charter.txt", text.encode())], actor=SYSTEM, process=process)
    document = result.document
    assert document.title == {"en": "Charter of Cooperation"}
    en = tree(document, "en")
    assert [(d, k, n, h) for d, k, n, h, _ in en] == [
        (0, "article", "1", ""),
        (1, "paragraph", "1", ""),
        (1, "paragraph", "2", ""),
        (2, "point", "a", ""),
        (2, "point", "b", ""),
        (0, "article", "2", "Final provisions"),
    ]
    stored = en[1][4]
    assert stored == r"To promote cooperation \[within the region\] \{as agreed\}."
    assert markup.full_text(markup.parse(stored, delegations=set())) == (
        "To promote cooperation [within the region] {as agreed}."
    )
    assert en[2][4] == r"Members shall report \\ annually:"
    assert en[5][4] == "This Charter enters into force on signature."
    assert "a number ran into its text (as in “1.To”); read as a number (3 times)" in (
        result.warnings
    )


def test_markdown_preamble_parts_articles_points_and_closing():
    source = (
        "# Joint Statement\n\n"
        "Recognising the diversity of civilisations,\n\n"
        "Determined to cooperate,\n\n"
        "## Part I: Principles\n\n"
        "### Article 1 – Scope\n\n"
        "The Parties agree:\n\n"
        "1. to consult;\n"
        "   (a) regularly;\n"
        "   (b) in good faith;\n"
        "2. to report.\n\n"
        "## Part II: Final provisions\n\n"
        "### Article 2\n\nThis statement applies from its adoption.\n\n"
        "Done at Minsk on 5 August 2025.\n"
    )
    process, _ = codes_process()
    document = import_files([("s.md", source.encode())], actor=SYSTEM, process=process).document
    assert document.title == {"en": "Joint Statement"}
    assert [(d, k, n, h) for d, k, n, h, _ in tree(document, "en")] == [
        (0, "preamble_paragraph", "", ""),
        (0, "preamble_paragraph", "", ""),
        (0, "part", "I", "Principles"),
        (1, "article", "1", "Scope"),
        (2, "paragraph", "1", ""),
        (3, "point", "a", ""),
        (3, "point", "b", ""),
        (2, "paragraph", "2", ""),
        (0, "part", "II", "Final provisions"),
        (1, "article", "2", ""),
        (0, "paragraph", "", ""),
    ]
    assert tree(document, "en")[-1][4] == "Done at Minsk on 5 August 2025."
