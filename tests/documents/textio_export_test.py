"""Word, HTML and JSON exports: Word files carry a cover, the numbered
structure and the negotiation markup, and import back to the same
structure and texts; the Word redline underlines insertions and strikes
deletions; the HTML page is standalone and escaped; the JSON has the
documented shape."""

from __future__ import annotations

import io
import json
import zipfile

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


def test_word_round_trip_gives_the_same_structure_and_texts():
    process, _ = codes_process()
    source = negotiated_document(process)
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
