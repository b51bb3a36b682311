"""The Universal Declaration of Human Rights in eight languages as one
document: articles line up by number, never by position; the preamble,
which has 8 to 10 paragraphs depending on the language, lines up by length,
with every paragraph that is not one-to-one reported."""

from __future__ import annotations

import pytest
from django.db import transaction

from accord.core.actors import SYSTEM
from accord.documents.akn import export_version, import_udhr
from accord.documents.akn.align import Bead, align
from accord.documents.models import Document
from tests.documents.akn_export_test import UDHR, assert_valid, codes_process

pytestmark = pytest.mark.django_db

FILES = sorted(UDHR.glob("udhr_*.xml"))
LANGUAGES = ["en", "ar", "zh", "fr", "ko", "my", "fa", "ru"]


@pytest.fixture(scope="module")
def declaration(django_db_setup, django_db_blocker):
    """Imported once for the module's read-only tests, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        process, _ = codes_process()
        yield import_udhr([(f.name, f.read_bytes()) for f in FILES], actor=SYSTEM, process=process)
        transaction.set_rollback(True)


def _texts(document: Document, eid: str) -> dict[str, str]:
    provision = document.versions.get().provisions.get(eid=eid)
    return {t.language: t.text for t in provision.texts.all()}


def test_eight_files_make_one_document_with_eight_authentic_languages(declaration):
    document = declaration.document
    assert len(FILES) == 8
    assert document.authentic_languages == LANGUAGES
    assert document.working_language == "en"
    assert document.kind == "statement"
    assert document.title["en"] == "Universal Declaration of Human Rights"
    assert document.title["ru"] == "Всеобщая декларация прав человека"
    assert "217" in document.summary["ru"]  # the adoption note, where the file has one
    assert Document.objects.filter(slug=document.slug).count() == 1


def test_article_1_in_eight_languages_is_one_provision(declaration):
    version = declaration.document.versions.get()
    article = version.provisions.get(eid="art_1")
    texts = {t.language: t.text for t in article.texts.all()}
    assert sorted(texts) == sorted(LANGUAGES)
    assert texts["en"].startswith("All human beings are born free and equal")
    assert texts["fr"].startswith("Tous les êtres humains naissent libres et égaux")
    assert texts["ru"].startswith("Все люди рождаются свободными")
    assert version.provisions.filter(kind="article").count() == 30
    assert [p.number for p in version.provisions.filter(kind="article")] == [
        str(n) for n in range(1, 31)
    ]


def test_paragraphs_of_an_article_line_up_by_place_in_every_language(declaration):
    version = declaration.document.versions.get()
    article = version.provisions.get(eid="art_21")
    paragraphs = list(article.children.order_by("position"))
    assert [(p.kind, p.number) for p in paragraphs] == [
        ("paragraph", "1"),
        ("paragraph", "2"),
        ("paragraph", "3"),
    ]
    for paragraph in paragraphs:
        assert {t.language for t in paragraph.texts.all()} == set(LANGUAGES)
    assert _texts(declaration.document, "art_21__para_3")["zh"].startswith(
        "人民的意志是政府权力的基础"
    )
    # Two unnumbered paragraphs (article 2) count by place.
    assert _texts(declaration.document, "art_2__para_2")["en"].startswith("Furthermore")


def test_the_preamble_lines_up_by_length_and_reports_what_is_not_one_to_one(declaration):
    document = declaration.document
    preamble = list(
        document.versions.get().provisions.filter(kind="preamble_paragraph").order_by("position")
    )
    assert len(preamble) == 10  # English and Korean have ten; the others fewer
    by_place = [{t.language: t.text for t in p.texts.all()} for p in preamble]
    assert by_place[7]["en"] == "Now, therefore,"
    assert "fr" not in by_place[7]
    assert "ru" not in by_place[7]
    assert by_place[7]["ko"] == "이에,"
    assert by_place[8]["fr"] == "L’Assemblée générale"
    assert by_place[8]["ru"] == "Генеральная Ассамблея,"
    assert by_place[8]["ar"] == "فإن الجمعية العامة"
    # Chinese and Persian say "now therefore the General Assembly proclaims…" in one
    # paragraph: it goes with the proclamation.
    assert by_place[9]["zh"].startswith("因此现在,大会,发布")
    assert "zh" not in by_place[8]
    assert by_place[0]["my"]
    assert by_place[0]["fa"].startswith("از آنجا که")
    warnings = declaration.warnings
    assert 'fr: no text for preamble paragraph 8 (the en "Now, therefore,")' in warnings
    assert 'zh: no text for preamble paragraph 9 (the en "The General Assembly")' in warnings
    assert any(w.startswith("ar: preamble paragraph(s) 10 of en correspond to 2") for w in warnings)
    # Every language's preamble is there, in one paragraph or another.
    for language in LANGUAGES:
        joined = "\n".join(p[language] for p in by_place if language in p)
        assert len(joined) > 300, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_exports_valid(declaration, language: str):
    root = assert_valid(export_version(declaration.document.versions.get(), language))
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert len(root.findall(".//a:article", ns)) == 30


def test_the_length_alignment_keeps_one_to_one_when_paragraphs_match():
    same = ["a" * 100, "b" * 20, "c" * 300]
    assert align(same, ["x" * 110, "y" * 22, "z" * 290]) == [
        Bead((0,), (0,)),
        Bead((1,), (1,)),
        Bead((2,), (2,)),
    ]
    # A short line missing in the other language is a gap, not a shift.
    assert align(["a" * 200, "b" * 15, "c" * 400], ["x" * 210, "z" * 380]) == [
        Bead((0,), (0,)),
        Bead((1,), ()),
        Bead((2,), (1,)),
    ]
