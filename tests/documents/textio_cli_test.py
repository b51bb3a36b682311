"""`accord import` of Word, Markdown and text files and `accord export
--format docx|html|json [--compare N]`, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.cli import main
from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.models import Document
from accord.documents.textio import ExportedDocument
from tests.documents.akn_export_test import codes_process, negotiated_document
from tests.documents.textio_export_test import runs_with
from tests.documents.textio_import_test import CHARTER, UNESCO

pytestmark = pytest.mark.django_db


def test_import_the_un_charter_chapters_as_one_document(capsys):
    process, _ = codes_process()
    paths = [str(p) for p in sorted(CHARTER.glob("*.md"))]
    assert main(["import", *paths, "--process", process.slug, "--slug", "un-charter"]) == 0
    out = capsys.readouterr().out
    assert "Imported un-charter: 26 provisions in en, zh, es (Imported, working copy)." in out
    assert "  warning: the files do not name the document" in out
    assert Document.objects.get(slug="un-charter").title["zh"] == "第一章 – 第三章"


def test_import_messy_markdown_reports_warnings(capsys):
    process, _ = codes_process()
    assert main(["import", str(UNESCO), "--process", process.slug]) == 0
    out = capsys.readouterr().out
    assert "provisions in en, nl" in out
    assert "  warning: a heading inside an article was kept as the heading" in out


def test_export_word_html_json_and_a_redline(tmp_path: Path, capsys):
    process, _ = codes_process()
    document = negotiated_document(process, slug="cli-charter")
    services.publish_version(actor=SYSTEM, version=document.versions.get(), label="Rev.1")
    working = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.2")
    article = working.provisions.get(kind="article", number="2")
    services.set_text(
        actor=SYSTEM,
        provision=article,
        language="en",
        heading="Scope",
        text="This Charter applies everywhere.",
    )
    for fmt in ("docx", "html", "json"):
        code = main(
            ["export", "cli-charter", "--format", fmt, "--lang", "all", "-o", str(tmp_path)]
        )
        assert code == 0, capsys.readouterr().err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert set(names) == {
        "cli-charter.json",
        *(
            f"cli-charter.v2-draft.{lang}.{ext}"
            for ext in ("docx", "html")
            for lang in ("en", "fa", "ru")
        ),
    }
    ExportedDocument.model_validate(json.loads((tmp_path / "cli-charter.json").read_text()))
    redline = tmp_path / "redline.docx"
    assert (
        main(["export", "cli-charter", "--format", "docx", "--compare", "1", "-o", str(redline)])
        == 0
    )
    assert runs_with(redline.read_bytes(), "u") == [" everywhere"]
    capsys.readouterr()
    assert main(["export", "cli-charter", "--format", "html", "--compare", "1"]) == 1
    assert "A redline is for docx" in capsys.readouterr().err
    assert (
        main(["export", "cli-charter", "--format", "docx", "--compare", "9", "-o", str(redline)])
        == 1
    )
    assert "has no version 9" in capsys.readouterr().err


def test_import_round_trip_of_a_word_export(tmp_path: Path, capsys):
    process, _ = codes_process()
    negotiated_document(process, slug="cli-charter")
    target = tmp_path / "charter.docx"
    assert (
        main(["export", "cli-charter", "--format", "docx", "--lang", "ru", "-o", str(target)]) == 0
    )
    assert main(["import", str(target), "--process", process.slug, "--slug", "back"]) == 0
    assert "Imported back: 7 provisions in ru" in capsys.readouterr().out


def test_a_refused_word_file_imports_nothing(tmp_path: Path, capsys):
    process, _ = codes_process()
    before = Document.objects.count()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["import", str(bad), "--process", process.slug]) == 1
    err = capsys.readouterr().err
    assert "bad.docx is not a Word document (.docx)" in err
    assert "Nothing was imported." in err
    assert Document.objects.count() == before


def test_import_with_a_kind(capsys):
    process, _ = codes_process()
    paths = [str(p) for p in sorted(CHARTER.glob("*.md"))]
    args = ["import", *paths, "--process", process.slug, "--slug", "un", "--kind", "statement"]
    assert main(args) == 0
    assert Document.objects.get(slug="un").kind == "statement"
    with pytest.raises(SystemExit):
        main(["import", *paths, "--process", process.slug, "--kind", "treaty"])
    assert "invalid choice: 'treaty'" in capsys.readouterr().err
