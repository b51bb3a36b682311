"""`accord export … --format akn` and `accord import … --format akn|udhr`,
run in-process against the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.cli import main
from accord.documents.models import Document
from tests.documents.akn_export_test import (
    EXAMPLES,
    UDHR,
    assert_valid,
    codes_process,
    negotiated_document,
)
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def test_export_one_language_to_stdout(capsysbinary):
    process, _ = codes_process()
    negotiated_document(process, slug="cli-charter")
    assert main(["export", "cli-charter", "--format", "akn", "--lang", "ru"]) == 0
    captured = capsysbinary.readouterr()
    root = assert_valid(captured.out)
    assert root.find(".//{*}FRBRlanguage").get("language") == "rus"
    assert b"working copy, exported as a draft" in captured.err


def test_export_every_language_into_a_directory(tmp_path: Path, capsys):
    process, _ = codes_process()
    negotiated_document(process, slug="cli-charter")
    assert (
        main(["export", "cli-charter", "--format", "akn", "--lang", "all", "-o", str(tmp_path)])
        == 0
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "cli-charter.v1-draft.en.akn.xml",
        "cli-charter.v1-draft.fa.akn.xml",
        "cli-charter.v1-draft.ru.akn.xml",
    ]
    for path in tmp_path.iterdir():
        assert_valid(path.read_bytes())


def test_export_errors_are_clear(capsys):
    process, _ = codes_process()
    negotiated_document(process, slug="cli-charter")
    assert main(["export", "nope", "--format", "akn"]) == 1
    assert "no document with the slug 'nope'" in capsys.readouterr().err
    assert main(["export", "cli-charter", "--format", "akn", "--version", "7"]) == 1
    assert "has no version 7" in capsys.readouterr().err
    assert main(["export", "cli-charter", "--format", "akn", "--lang", "ko"]) == 1
    assert "'ko' is not an authentic language" in capsys.readouterr().err
    assert main(["export", "cli-charter", "--format", "akn", "--lang", "all"]) == 1
    assert "give -o DIRECTORY" in capsys.readouterr().err


def test_import_the_files_of_an_export_as_one_document(tmp_path: Path, capsys):
    process, _ = codes_process()
    negotiated_document(process, slug="cli-charter")
    main(["export", "cli-charter", "--format", "akn", "--lang", "all", "-o", str(tmp_path)])
    capsys.readouterr()
    files = sorted(str(p) for p in tmp_path.iterdir())
    code = main(["import", *files, "--process", process.slug, "--slug", "cli-copy"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Imported cli-copy: 7 provisions in en, ru, fa (Zero draft, working copy)." in out
    copy = Document.objects.get(slug="cli-copy")
    assert copy.authentic_languages == ["en", "ru", "fa"]


def test_import_recognises_the_format_and_reports_warnings(capsys):
    process, _ = codes_process()
    code = main(
        ["import", str(EXAMPLES / "uk_pga-2014-27-enacted-data.xml"), "--process", process.slug]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Imported process-" in out
    assert "  warning: a paragraph inside a paragraph was imported as a point (32 times)" in out


def test_import_the_universal_declaration(capsys):
    process, _ = codes_process()
    files = [str(p) for p in sorted(UDHR.glob("udhr_*.xml"))]
    assert main(["import", *files, "--format", "udhr", "--process", process.slug]) == 0
    out = capsys.readouterr().out
    assert "in en, ar, zh, fr, ko, my, fa, ru" in out
    assert Document.objects.filter(kind="statement", process=process).count() == 1


def test_import_refusals_say_why_and_import_nothing(tmp_path: Path, capsys):
    process, _ = codes_process()
    before = Document.objects.count()
    evil = tmp_path / "evil.xml"
    evil.write_bytes(b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><akomaNtoso/>')
    good = EXAMPLES / "us_Title9-Chap3-eng.xml"
    assert main(["import", str(good), str(evil), "--format", "akn", "--process", process.slug]) == 1
    err = capsys.readouterr().err
    assert "evil.xml declares a document type" in err
    assert "Nothing was imported." in err
    assert Document.objects.count() == before  # not even the good file

    assert main(["import", str(tmp_path / "missing.xml"), "--process", process.slug]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["import", str(good), "--process", "nope"]) == 1
    assert "no process with the slug 'nope'" in capsys.readouterr().err
    ProcessFactory(slug="another-process")
    assert main(["import", str(good)]) == 1
    assert "name the process with --process" in capsys.readouterr().err
