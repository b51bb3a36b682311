"""Hostile or broken files are refused with a clear message, before anything
is written: not XML, a DOCTYPE (external entities, entity bombs), a file over
the configured size, something that is not Akoma Ntoso, a language Accord
does not hold texts in."""

from __future__ import annotations

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import ValidationError
from accord.documents.akn import DEFAULT_MAX_BYTES, import_akn, import_udhr, max_bytes
from accord.documents.models import Document
from accord.record.models import Event
from tests.documents.akn_export_test import EXAMPLES, UDHR, codes_process

pytestmark = pytest.mark.django_db

SMALL = (EXAMPLES / "us_Title9-Chap3-eng.xml").read_bytes()

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x">
<mainBody><p>&secret;</p></mainBody></doc></akomaNtoso>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&lol9;</akomaNtoso>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso SYSTEM "http://example.org/evil.dtd">
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>"""

UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'.encode(
        "utf-16"
    )
)

NOT_AKN = b"""<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></html>"""

NO_LANGUAGE = SMALL.replace(b'<FRBRlanguage language="eng"/>', b"")

KLINGON = SMALL.replace(b'<FRBRlanguage language="eng"/>', b'<FRBRlanguage language="tlh"/>')


def _refused(data: bytes, message: str) -> None:
    process, _ = codes_process()
    documents, events = Document.objects.count(), Event.objects.count()
    with pytest.raises(ValidationError, match=message):
        import_akn(data, actor=SYSTEM, process=process)
    assert (Document.objects.count(), Event.objects.count()) == (documents, events)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<akomaNtoso><doc>", "not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not well-formed XML"),
        (b"   ", "is empty"),
        (XXE, r"declares a document type \(<!DOCTYPE> or <!ENTITY>\)"),
        (LAUGHS, "declares a document type"),
        (EXTERNAL_DTD, "declares a document type"),
        (UTF16_DOCTYPE, "declares a document type"),
        (NOT_AKN, r"not an Akoma Ntoso 3.0 document: its root is <html>"),
        (NO_LANGUAGE, "does not say its language"),
        (KLINGON, r"a language Accord does not hold texts in \(tlh\)"),
    ],
    ids=[
        "truncated",
        "binary",
        "empty",
        "xxe",
        "billion-laughs",
        "external-dtd",
        "utf16-doctype",
        "not-akn",
        "no-language",
        "unknown-language",
    ],
)
def test_hostile_or_broken_files_are_refused_and_nothing_is_written(data: bytes, message: str):
    _refused(data, message)


def test_the_size_limit_is_a_setting_with_a_default(settings):
    assert max_bytes() == DEFAULT_MAX_BYTES == 10 * 1024 * 1024
    settings.ACCORD_IMPORT_MAX_BYTES = 1000
    assert max_bytes() == 1000
    _refused(
        SMALL,
        r"The file is 17,986 bytes, over the import limit of 1,000 bytes "
        r"\(ACCORD_IMPORT_MAX_BYTES\)",
    )


def test_a_file_far_over_the_limit_is_refused_before_it_is_parsed(settings):
    settings.ACCORD_IMPORT_MAX_BYTES = 1024 * 1024
    huge = b"<akomaNtoso>" + b"<p>x</p>" * 2_000_000 + b"</akomaNtoso>"
    _refused(huge, r"15\.3 MiB, over the import limit of 1\.0 MiB")


def test_a_broken_translation_writes_nothing_either():
    process, _ = codes_process()
    documents = Document.objects.count()
    with pytest.raises(ValidationError, match="Translation 1 declares a document type"):
        import_akn(SMALL, actor=SYSTEM, process=process, translations=[XXE])
    assert Document.objects.count() == documents


def test_a_failure_half_way_through_writing_rolls_everything_back():
    """The provisions are written one by one: a refusal on the last (an
    over-long text) leaves no document and no event behind."""
    index = SMALL.rindex(b"<p>") + len(b"<p>")
    too_long = SMALL[:index] + b"x" * 25_000 + SMALL[index:]
    _refused(too_long, r"The en text is too long \(at most 20000 characters\)")


def test_a_hostile_udhr_file_is_refused_and_nothing_is_written():
    process, _ = codes_process()
    english = UDHR / "udhr_eng.xml"
    documents = Document.objects.count()
    with pytest.raises(ValidationError, match=r"udhr_bad\.xml declares a document type"):
        import_udhr(
            [(english.name, english.read_bytes()), ("udhr_bad.xml", LAUGHS)],
            actor=SYSTEM,
            process=process,
        )
    assert Document.objects.count() == documents


def test_a_slug_that_cannot_be_one_is_refused():
    process, _ = codes_process()
    with pytest.raises(ValidationError, match="cannot be a slug"):
        import_akn(SMALL, actor=SYSTEM, process=process, slug="Not a slug!")
    with pytest.raises(ValidationError, match="cannot be a slug"):
        import_akn(SMALL, actor=SYSTEM, process=process, slug="x" * 81)
