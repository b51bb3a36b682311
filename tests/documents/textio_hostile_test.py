"""Hostile or broken files are refused with a clear message and nothing is
written: a damaged or fake .docx, a zip bomb (caught from the sizes in the
ZIP directory, before unpacking), external entities inside a Word part, a
file over ACCORD_IMPORT_MAX_BYTES, binary data given as text."""

from __future__ import annotations

import io
import zipfile

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import ValidationError
from accord.documents.models import Document, Provision, Translation
from accord.documents.textio import export_docx, import_files
from accord.processes.models import Process
from accord.record.models import Event
from tests.documents.akn_export_test import codes_process, negotiated_document

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        Document.objects.count(),
        Provision.objects.count(),
        Translation.objects.count(),
        Event.objects.count(),
    )


def refused(name: str, data: bytes, message: str) -> None:
    process = Process.objects.get()
    before = counts()
    with pytest.raises(ValidationError, match=message):
        import_files([(name, data)], actor=SYSTEM, process=process)
    assert counts() == before


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, replace.get(item.filename, source.read(item)))
    return out.getvalue()


@pytest.fixture(autouse=True)
def process() -> Process:
    return codes_process()[0]


@pytest.fixture
def word(process: Process) -> bytes:
    return export_docx(negotiated_document(process, slug="source").versions.get(), "en")


def test_a_truncated_word_file_is_refused(word: bytes):
    refused("damaged.docx", word[: len(word) // 2], r"not a valid ZIP container")


def test_random_bytes_and_old_word_files_are_refused():
    refused("noise.docx", b"PK\x03\x04" + bytes(range(256)) * 4, r"not a valid ZIP container")
    refused("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, r"Word 97–2003")


def test_a_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as container:
        container.writestr("hello.txt", "hello")
    refused("other.docx", out.getvalue(), r"not a Word document \(.docx\): it has no word/document")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(word: bytes):
    with zipfile.ZipFile(io.BytesIO(word)) as source:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item.filename, source.read(item))
            target.writestr("word/media/padding.bin", b"\x00" * (30 * 1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 200_000
    refused("bomb.docx", bomb, r"compresses [\d,]+ to 1 .* as zip bombs do")


def test_a_container_that_unpacks_over_ten_times_the_limit_is_refused(word: bytes, settings):
    settings.ACCORD_IMPORT_MAX_BYTES = len(word) + 10
    refused("big.docx", word, r"would unpack to .* over ten times the import limit")


def test_external_entities_in_a_word_part_are_refused(word: bytes):
    with zipfile.ZipFile(io.BytesIO(word)) as container:
        xml = container.read("word/document.xml")
    evil = xml.replace(
        b"?>",
        b'?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        1,
    ).replace(b"Eurasian Charter", b"&secret;", 1)
    refused(
        "evil.docx",
        rezip(word, {"word/document.xml": evil}),
        r"word/document.xml declares a document type",
    )
    styles = rezip(word, {"word/styles.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'})
    refused("evil.docx", styles, r"word/styles.xml declares a document type")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.ACCORD_IMPORT_MAX_BYTES = 1000
    refused("long.md", b"Article 1\n\n" + b"word " * 400, r"over the import limit")


def test_binary_data_as_text_is_refused():
    refused("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"not a text file")


def test_a_damaged_word_part_is_refused(word: bytes):
    broken = rezip(word, {"word/document.xml": b"<w:document><w:body><w:p>"})
    refused("broken.docx", broken, r"could not be read as a Word document")
