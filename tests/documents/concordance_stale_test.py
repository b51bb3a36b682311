"""Stale translations: a text made from a working-language text that has
changed since is flagged (by content, at the grain of the version); the
document page's provision partial and every export (Akoma Ntoso, Word,
HTML, JSON) show the flag, and only on the stale texts."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.akn import export_version, import_akn
from accord.documents.concordance import stale_texts
from accord.documents.models import Document, Provision, Version
from accord.documents.selectors import version_tree
from accord.documents.textio import (
    ExportedDocument,
    export_docx,
    export_html,
    export_json,
    import_files,
)
from accord.documents.views import TextRenderer
from tests.documents.akn_export_test import NS, assert_valid
from tests.documents.textio_export_test import paragraphs, text_of
from tests.factories import world

pytestmark = pytest.mark.django_db


def _charter(slug: str = "charter") -> tuple[Document, Version]:
    document = services.create_document(
        actor=SYSTEM,
        process=world().process,
        kind="charter",
        title={"en": "Charter", "ru": "Хартия"},
        authentic_languages=["en", "ru", "fa"],
        working_language="en",
        slug=slug,
    )
    version = document.versions.get()
    for number, en, ru, fa in (
        ("1", "The Parties cooperate.", "Стороны сотрудничают.", "طرف‌ها همکاری می‌کنند."),
        ("2", "This Charter applies.", "Настоящая Хартия применяется.", ""),
    ):
        texts = {"en": ("", en), "ru": ("", ru)} | ({"fa": ("", fa)} if fa else {})
        services.add_provision(
            actor=SYSTEM, version=version, kind="article", number=number, texts=texts
        )
    return document, version


def _next(document: Document, version: Version, label: str) -> Version:
    services.publish_version(actor=SYSTEM, version=version, label=version.label)
    return services.start_working_copy(actor=SYSTEM, document=document, label=label)


def _article(version: Version, number: str) -> Provision:
    return version.provisions.get(kind="article", number=number)


def _flags(version: Version) -> set[tuple[str, str]]:
    return {(s.eid, s.language) for s in stale_texts(version).values()}


def test_a_changed_source_makes_its_translations_stale_until_they_are_revised():
    document, first = _charter()
    second = _next(document, first, "Rev.1")
    assert _flags(second) == set()  # copied texts, sources unchanged
    services.set_text(
        actor=SYSTEM,
        provision=_article(second, "1"),
        language="en",
        text="The Parties shall cooperate.",
    )
    # Flagged at once in the working copy, and in the versions after it.
    assert _flags(second) == {("art_1", "ru"), ("art_1", "fa")}
    third = _next(document, second, "Rev.2")
    stale = stale_texts(third)
    assert {(s.eid, s.language) for s in stale.values()} == {("art_1", "ru"), ("art_1", "fa")}
    ru = next(s for s in stale.values() if s.language == "ru")
    assert (ru.made_from, ru.made_from_number) == ("Zero draft", 1)
    assert (ru.source_written_in, ru.source_written_in_number) == ("Rev.1", 2)
    # A translator revises the Russian text from the current English one.
    services.set_text(
        actor=SYSTEM,
        provision=_article(third, "1"),
        language="ru",
        text="Стороны обязаны сотрудничать.",
        source_version=second,
    )
    assert _flags(third) == {("art_1", "fa")}


def test_the_grain_is_the_version_a_translation_made_from_the_working_copy_is_current():
    document, first = _charter()
    second = _next(document, first, "Rev.1")
    article = _article(second, "1")
    services.set_text(actor=SYSTEM, provision=article, language="en", text="New.")
    services.set_text(actor=SYSTEM, provision=article, language="ru", text="Новое.")
    services.set_text(actor=SYSTEM, provision=article, language="en", text="Newer.")
    assert _flags(second) == {("art_1", "fa")}  # ru names Rev.1 itself as its source


def test_an_identical_rewrite_of_the_source_or_a_working_language_text_is_never_stale():
    document, first = _charter()
    second = _next(document, first, "Rev.1")
    services.set_text(
        actor=SYSTEM,
        provision=_article(second, "2"),
        language="en",
        text="This  Charter applies.",  # the same words, spaced differently
    )
    third = _next(document, second, "Rev.2")
    assert _flags(third) == set()


def test_a_translation_claiming_a_source_in_which_the_provision_had_no_text_is_stale():
    document, first = _charter()
    second = _next(document, first, "Rev.1")
    article = services.add_provision(
        actor=SYSTEM,
        version=second,
        kind="article",
        number="3",
        texts={"en": ("", "Amendments.")},
    )
    services.set_text(
        actor=SYSTEM, provision=article, language="ru", text="Поправки.", source_version=first
    )
    third = _next(document, second, "Rev.2")
    assert _flags(third) == {("art_3", "ru")}


def test_stale_texts_costs_two_queries_whatever_the_size():
    document, first = _charter()
    second = _next(document, first, "Rev.1")
    for number in range(3, 30):
        services.add_provision(
            actor=SYSTEM,
            version=second,
            kind="article",
            number=str(number),
            texts={"en": ("", f"Text {number}."), "ru": ("", f"Текст {number}.")},
        )
    services.set_text(actor=SYSTEM, provision=_article(second, "1"), language="en", text="New.")
    third = _next(document, second, "Rev.2")
    with CaptureQueriesContext(connection) as queries:
        assert _flags(third) == {("art_1", "ru"), ("art_1", "fa")}
    assert len(queries) == 2


def test_the_provision_partial_shows_a_stale_badge_where_the_page_passes_the_flags():
    document, first = _charter()
    second = _next(document, first, "Rev.1")
    services.set_text(actor=SYSTEM, provision=_article(second, "1"), language="en", text="New.")
    third = _next(document, second, "Rev.2")
    roots = version_tree(third)
    request = RequestFactory().get("/")
    context = {
        "node": roots[0],
        "columns": ["en", "ru"],
        "compare": "ru",
        "texts": TextRenderer(document),
    }
    without = render_to_string("documents/_node.html", context, request=request)
    assert "stale" not in without
    assert "INVALID" not in without
    flagged = render_to_string(
        "documents/_node.html", {**context, "stale_texts": stale_texts(third)}, request=request
    )
    assert flagged.count('<span class="label label--warn">stale</span>') == 1
    assert "Made from Zero draft; the source text changed in Rev.1." in flagged


# Exports ---------------------------------------------------------------------------------

NOTE = "Stale translation: made from Zero draft; the source text changed in Rev.1."
# In a Russian file the note is in Russian, as the interface is translated into it.
NOTE_RU = "Устаревший перевод: сделан с версии Zero draft; исходный текст изменён в версии Rev.1."


def _stale_article_1(slug: str = "charter") -> tuple[Document, Version]:
    """Rev.2 of the charter: article 1's English changed in Rev.1, after its
    Russian and Persian texts were made from the Zero draft; article 2 did not."""
    document, first = _charter(slug)
    second = _next(document, first, "Rev.1")
    services.set_text(actor=SYSTEM, provision=_article(second, "1"), language="en", text="New.")
    third = _next(document, second, "Rev.2")
    assert _flags(third) == {("art_1", "ru"), ("art_1", "fa")}
    return document, third


def test_akoma_ntoso_marks_a_stale_text_in_the_proprietary_block_and_still_imports():
    document, version = _stale_article_1()
    data = export_version(version, "ru")
    root = assert_valid(data)
    listed = {
        e.get("eId"): (e.get("sourceVersion"), e.get("stale"), e.get("sourceChangedIn"))
        for e in root.iterfind(".//accord:provision", NS)
    }
    assert listed == {"art_1": ("1", "true", "2"), "art_2": ("1", None, None)}
    # The working language is the source: never stale.
    english = assert_valid(export_version(version, "en"))
    assert english.find(".//accord:provision[@stale]", NS) is None
    # The importer reads past the flag.
    copy = import_akn(data, actor=SYSTEM, process=document.process, slug="copy").document
    texts = {t.text for p in copy.versions.get().provisions.all() for t in p.texts.all()}
    assert texts == {"Стороны сотрудничают.", "Настоящая Хартия применяется."}


def test_word_notes_a_stale_text_after_it_and_only_there():
    document, version = _stale_article_1()
    data = export_docx(version, "ru")
    shown = [text_of(p) for p in paragraphs(data)]
    at = shown.index("Стороны сотрудничают.")
    assert shown[at - 1 : at + 2] == ["Статья 1", "Стороны сотрудничают.", f"({NOTE_RU})"]
    assert sum("Устаревший перевод" in t for t in shown) == 1
    english = [text_of(p) for p in paragraphs(export_docx(version, "en"))]
    assert not any("Stale translation" in t for t in english)
    # Persian, the interface not translated into it: the note is in English.
    persian = [text_of(p) for p in paragraphs(export_docx(version, "fa"))]
    at = persian.index("طرف‌ها همکاری می‌کنند.")
    assert persian[at + 1] == f"({NOTE})"
    # The note is not a text: importing the file leaves it out.
    copy = import_files([("c.ru.docx", data)], actor=SYSTEM, process=document.process).document
    texts = {t.text for p in copy.versions.get().provisions.all() for t in p.texts.all()}
    assert texts == {"Стороны сотрудничают.", "Настоящая Хартия применяется."}


def test_html_notes_a_stale_text_after_it_and_only_there():
    _, version = _stale_article_1()
    page = export_html(version, "fa").decode()
    note = f'<p class="stale" lang="en" dir="ltr">{NOTE}</p>'
    assert page.count('class="stale"') == 1
    article_1 = page[page.index('id="art_1"') : page.index('id="art_2"')]
    assert article_1.index("طرف‌ها همکاری می‌کنند.") < article_1.index(note)
    assert 'class="stale"' not in export_html(version, "en").decode()


def test_json_flags_each_text_stale_or_not_in_each_version():
    _, version = _stale_article_1()
    data = json.loads(export_json(version))
    ExportedDocument.model_validate(data)
    flags = {
        (v["number"], p["eid"], language): (t["stale"], t["source_changed_in"])
        for v in data["versions"]
        for p in v["provisions"]
        for language, t in p["texts"].items()
        if t["stale"]
    }
    # Stale from Rev.1 on, where the English changed; never in the Zero draft.
    assert flags == {
        (2, "art_1", "ru"): (True, 2),
        (2, "art_1", "fa"): (True, 2),
        (3, "art_1", "ru"): (True, 2),
        (3, "art_1", "fa"): (True, 2),
    }
    texts = [t for v in data["versions"] for p in v["provisions"] for t in p["texts"].values()]
    assert sum(t["source_changed_in"] is None for t in texts) == len(texts) - 4
    schema = ExportedDocument.model_json_schema()
    assert {"stale", "source_changed_in"} <= set(schema["$defs"]["TextOut"]["required"])


@pytest.mark.parametrize("export", [export_version, export_docx, export_html, export_json])
def test_exports_cost_the_same_queries_however_many_texts_are_stale(export):
    def queries(articles: int) -> int:
        document, working = _stale_article_1(f"charter-{articles}")
        for number in range(3, 3 + articles):
            services.add_provision(
                actor=SYSTEM,
                version=working,
                kind="article",
                number=str(number),
                texts={"en": ("", f"Text {number}."), "ru": ("", f"Текст {number}.")},
            )
        services.publish_version(actor=SYSTEM, version=working, label="Rev.2")
        later = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.3")
        for provision in later.provisions.filter(kind="article"):
            services.set_text(
                actor=SYSTEM, provision=provision, language="en", text=f"{provision.number}!"
            )
        # Articles 1 and 2 and the new ones, in Russian; article 1 in Persian.
        assert len(stale_texts(later)) == 3 + articles
        later = Version.objects.get(pk=later.pk)
        with CaptureQueriesContext(connection) as captured:
            export(later, "ru")
        return len(captured)

    assert queries(2) == queries(12)
