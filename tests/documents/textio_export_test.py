"""Word, HTML and JSON exports: Word files carry a cover, the numbered
structure and the negotiation markup, and import back to the same
structure and texts; the Word redline underlines insertions and strikes
deletions; the HTML page is standalone and escaped; the JSON has the
documented shape. The Word and HTML files write their own words (cover,
notes, markup words, the redline's legend) in their language where the
interface is translated into it (Russian), else in English (Persian)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import docx
import pytest
from lxml import etree

from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.models import Document, Version
from accord.documents.textio import (
    ExportedDocument,
    export_docx,
    export_html,
    export_json,
    export_redline_docx,
    import_files,
)
from accord.documents.textio.docx_reader import paragraph_text
from accord.negotiation import markup
from tests.documents.akn_export_test import codes_process, negotiated_document
from tests.documents.textio_import_test import CHARTER, UNESCO, files

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def structure(document: Document) -> list[tuple[str, str, int, dict[str, tuple[str, str]]]]:
    """(kind, number, depth, {language: (heading, text)}) in document order."""
    version = document.versions.order_by("-number").first()
    assert version is not None
    return [
        (p.kind, p.number, p.depth, {t.language: (t.heading, t.text) for t in p.texts.all()})
        for p in version.provisions.order_by("position").prefetch_related("texts")
    ]


def paragraphs(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as container:
        root = etree.fromstring(container.read("word/document.xml"))
    return list(root.iter(f"{W}p"))


def text_of(p: etree._Element) -> str:
    """The text Word shows (line breaks and tabs included)."""
    return paragraph_text(p)


def runs_with(data: bytes, tag: str) -> list[str]:
    """Texts of the runs formatted with `tag` (w:strike, w:u…)."""
    found = []
    for p in paragraphs(data):
        for run in p.iter(f"{W}r"):
            props = run.find(f"{W}rPr")
            if props is not None and props.find(f"{W}{tag}") is not None:
                found.append("".join(t.text or "" for t in run.iter(f"{W}t")))
    return found


def test_word_export_has_cover_structure_and_markup():
    process, _ = codes_process()
    document = negotiated_document(process)
    version = document.versions.get()
    data = export_docx(version, "en")
    texts = [text_of(p) for p in paragraphs(data)]
    assert texts[0] == "Eurasian Charter"
    assert texts[1] == "EC/2025/1"
    assert texts[2].startswith("Zero draft (version 1), working copy exported")
    assert texts[3].startswith("Content hash of this draft (SHA-256, changes until published): ")
    assert any(t.startswith("Chapter I") for t in texts)
    assert any(t.startswith("Article 1") for t in texts)
    body = "\n".join(texts)
    for provision in version.provisions.prefetch_related("texts"):
        for text in provision.texts.all():
            if text.language == "en" and text.text:
                shown = markup.full_text(
                    markup.parse(text.text, delegations={"RU", "IR", "KP", "BY"})
                )
                assert shown in body
    # Deletion brackets are struck through, attributions printed.
    struck = runs_with(data, "strike")
    assert struck
    assert all(s.strip() for s in struck)
    assert "(BY: delete)" in body or "delete)" in body


MISSING = {
    "en": "No English text for this provision.",
    "ru": "Текста этого положения на языке «Русский» нет.",
    "fa": "No Persian text for this provision.",
}


def styled(data: bytes, style: str) -> list[str]:
    """The texts of the paragraphs in `style`."""
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def published(document: Document, label: str = "Rev.1") -> Version:
    """The working copy of `document` published as `label` on 28 November 2026."""
    version = services.publish_version(
        actor=SYSTEM, version=document.versions.get(status="working"), label=label
    )
    Version.objects.filter(pk=version.pk).update(
        published_at=dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    )
    version.refresh_from_db()
    return version


def test_word_round_trip_gives_the_same_structure_and_texts():
    process, _ = codes_process()
    source = negotiated_document(process)
    # Texts missing in Russian (a point, article 2) and in Persian.
    notes_expected = {"en": 0, "ru": 2, "fa": 4}
    for language in ("en", "ru", "fa"):
        data = export_docx(source.versions.get(), language)
        copy = import_files(
            [(f"c.{language}.docx", data)], actor=SYSTEM, process=process, slug=f"copy-{language}"
        ).document
        assert copy.authentic_languages == [language]
        assert copy.symbol == "EC/2025/1"
        assert copy.kind == "charter"
        want = [
            (
                kind,
                number.strip("."),
                depth,
                {language: texts[language]} if language in texts else {},
            )
            for kind, number, depth, texts in structure(source)
        ]
        got = [(k, n, d, t) for k, n, d, t in structure(copy)]
        assert got == want, language
        # The file's notes, in its own language, are left out by their style.
        notes = styled(data, "Accord Note")
        assert notes == [f"({MISSING[language]})"] * notes_expected[language], language
        imported = {x for _, _, _, t in structure(copy) for pair in t.values() for x in pair}
        assert not any(MISSING[language] in x for x in imported)


def test_markdown_and_word_round_trip_of_the_un_charter():
    process, _ = codes_process()
    first = import_files(files(*sorted(CHARTER.glob("*.md"))), actor=SYSTEM, process=process)
    original = structure(first.document)
    version = first.document.versions.get()
    for language in ("en", "zh", "es"):
        data = export_docx(version, language)
        again = import_files([("x.docx", data)], actor=SYSTEM, process=process).document
        assert structure(again) == [
            (k, n, d, {language: t[language]} if language in t else {}) for k, n, d, t in original
        ], language


def test_word_redline_underlines_insertions_and_strikes_deletions():
    process, _ = codes_process()
    document = import_files(files(UNESCO), actor=SYSTEM, process=process).document
    first = services.publish_version(actor=SYSTEM, version=document.versions.get(), label="Rev.1")
    services.start_working_copy(actor=SYSTEM, document=document, label="Rev.2")
    working = document.versions.get(status="working")
    article = working.provisions.get(kind="article", number="III")
    services.set_text(
        actor=SYSTEM,
        provision=article,
        language="en",
        heading="Organs",
        text="The Organization shall include a General Conference, an Executive Board, "
        "a Secretariat and [regional offices]{RU}.",
    )
    removed = working.provisions.get(kind="article", number="XIV").children.get(number="2")
    services.remove_provision(actor=SYSTEM, provision=removed)
    data = export_redline_docx(first, working, "en")
    # What people read: the markup printed, insertions underlined, deletions struck.
    assert runs_with(data, "u") == [", ", " and [regional offices] (RU)"]
    struck = runs_with(data, "strike")
    assert struck[0] == " and "
    assert struck[1] == "2."  # the deleted paragraph's number, then its text
    assert struck[2].startswith("Any question or dispute concerning the interpretation")
    assert len(struck) == 3
    texts = [text_of(p) for p in paragraphs(data)]
    assert any("Redline: Rev.1 (version 1) compared with Rev.2 (version 2)." in t for t in texts)


def test_a_russian_word_file_writes_its_own_words_in_russian_a_persian_one_in_english():
    process, _ = codes_process()
    document = negotiated_document(process)
    Document.objects.filter(pk=document.pk).update(is_illustrative=True)
    version = published(document)
    data = export_docx(version, "ru")
    texts = [text_of(p) for p in paragraphs(data)]
    assert texts[:5] == [
        "Евразийская хартия",
        "EC/2025/1",
        "Rev.1 (версия 1), опубликована 28 ноября 2026",
        f"Хеш содержания (SHA-256): {version.content_hash}",
        "Иллюстративный текст, написанный для демонстрации: не официальный текст.",
    ]
    body = "\n".join(texts)
    assert "(KP): нет текста}" in body
    assert "[, принимая все необходимые меры] (BY: исключить)." in body
    assert texts[-2:] == ["Статья 2", "(Текста этого положения на языке «Русский» нет.)"]
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.comments == (
        f"Rev.1 (версия 1), опубликована 28 ноября 2026. "
        f"Хеш содержания (SHA-256): {version.content_hash}"
    )
    # Persian: the interface is not translated into it, so English.
    persian = [text_of(p) for p in paragraphs(export_docx(version, "fa"))]
    assert persian[2:5] == [
        "Rev.1 (version 1), published 28 November 2026",
        f"Content hash (SHA-256): {version.content_hash}",
        "Illustrative text written for a demonstration: not an official text.",
    ]
    assert "(KP): no text}" in "\n".join(persian)
    assert "(BY: delete)." in "\n".join(persian)
    assert persian[-2:] == ["ماده 2", "(No Persian text for this provision.)"]


def test_a_russian_html_page_writes_its_own_words_in_russian_and_says_so():
    process, _ = codes_process()
    document = negotiated_document(process)
    Document.objects.filter(pk=document.pk).update(is_illustrative=True)
    version = published(document)
    page = export_html(version, "ru").decode()
    for line in (
        '<p class="meta version" lang="ru" dir="ltr">Rev.1 (версия 1), опубликована '
        "28 ноября 2026</p>",
        f'<p class="meta hash" lang="ru" dir="ltr">Хеш содержания (SHA-256): '
        f"{version.content_hash}</p>",
        '<p class="note" lang="ru" dir="ltr">Иллюстративный текст, написанный для '
        "демонстрации: не официальный текст.</p>",
        '<p class="missing" lang="ru" dir="ltr">Текста на языке «Русский» пока нет.</p>',
        '<span class="attr">(BY: исключить)</span>',
        '<span class="no-text">нет текста</span>',
    ):
        assert line in page
    assert 'lang="en"' not in page
    # Persian: English words, marked as English and left to right in a right-to-left page.
    persian = export_html(version, "fa").decode()
    for line in (
        '<p class="meta version" lang="en" dir="ltr">Rev.1 (version 1), published '
        "28 November 2026</p>",
        '<p class="missing" lang="en" dir="ltr">No Persian text yet.</p>',
        '<span class="attr" lang="en" dir="ltr">(BY: delete)</span>',
        '<span class="no-text" lang="en" dir="ltr">no text</span>',
    ):
        assert line in persian


def test_the_redline_legend_is_in_the_language_of_the_texts_compared():
    process, _ = codes_process()
    document = negotiated_document(process)
    first = published(document)
    working = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.2")
    services.set_text(
        actor=SYSTEM,
        provision=working.provisions.get(kind="article", number="2"),
        language="ru",
        text="Настоящая Хартия применяется.",
    )
    paragraph = working.provisions.get(kind="paragraph", number="1")
    services.remove_provision(actor=SYSTEM, provision=paragraph)  # with its point

    def cover_lines(language: str) -> list[str]:
        data = export_redline_docx(first, working, language)
        return [text_of(p) for p in paragraphs(data)][4:6]

    assert cover_lines("ru") == [
        "Сравнение версий: Rev.1 (версия 1) и Rev.2 (версия 2).",
        "Добавленный текст подчёркнут, исключённый — зачёркнут. "
        "Положения: исключено — 2, изменено — 1.",
    ]
    assert cover_lines("fa") == [
        "Redline: Rev.1 (version 1) compared with Rev.2 (version 2).",
        "Insertions are underlined, deletions struck through. Provisions: 2 deleted, 1 changed.",
    ]
    russian = export_redline_docx(first, working, "ru")
    assert runs_with(russian, "u") == ["Настоящая Хартия применяется."]
    assert any("(BY: исключить)" in text_of(p) for p in paragraphs(russian))


def test_html_is_standalone_escaped_and_directed():
    process, _ = codes_process()
    document = negotiated_document(process)
    version = document.versions.get()
    services.add_provision(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        texts={"en": ("", r"Never <script>alert(1)</script> \[sic\]"), "fa": ("", "متن")},
    )
    page = export_html(version, "fa").decode()
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fa" dir="rtl">' in page
    assert "<script" not in page
    assert "http" not in page  # nothing loaded from elsewhere
    english = export_html(version, "en").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [sic]" in english
    assert '<html lang="en" dir="ltr">' in english
    assert "Eurasian Charter" in english
    assert "EC/2025/1" in english
    assert 'class="br br-del"' in english  # a deletion bracket, struck through by the style sheet
    assert ".br-del-text { text-decoration: line-through; }" in english


def test_json_has_the_documented_shape_and_every_version():
    process, _ = codes_process()
    document = negotiated_document(process)
    services.publish_version(actor=SYSTEM, version=document.versions.get(), label="Rev.1")
    services.start_working_copy(actor=SYSTEM, document=document, label="Rev.2")
    data = json.loads(export_json(document.versions.get(number=2)))
    ExportedDocument.model_validate(data)  # raises on any missing, extra or mistyped key
    assert data["document"]["authentic_languages"] == ["en", "ru", "fa"]
    assert [v["number"] for v in data["versions"]] == [1, 2]
    assert data["versions"][0]["status"] == "published"
    assert len(data["versions"][0]["content_hash"]) == 64
    first, second = data["versions"]
    assert [p["uid"] for p in first["provisions"]] == [p["uid"] for p in second["provisions"]]
    by_uid = {p["uid"]: p for p in second["provisions"]}
    for provision in second["provisions"]:
        if provision["parent"] is not None:
            assert provision["parent"] in by_uid
        for text in provision["texts"].values():
            value = markup.from_json(text["markup"])
            assert markup.render(value) == text["notation"] or "\\" in text["notation"]
            assert markup.full_text(value) == text["full"]
    assert any(
        t["markup"]["content"] != [t["notation"]]
        for p in second["provisions"]
        for t in p["texts"].values()
        if t["notation"]
    )
    version_numbers = {v.number for v in Version.objects.filter(document=document)}
    assert version_numbers == {1, 2}
