"""Round trips: every Akoma Ntoso example imports and re-exports valid, and
export → import gives back the same structure and texts, for the examples
and for documents with negotiation markup in several languages and scripts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from lxml import etree

from accord.core.actors import SYSTEM
from accord.documents.akn import import_akn
from accord.documents.akn.inline import InlineReader, InlineWriter, Words
from accord.documents.akn.safexml import parse
from accord.documents.akn.vocabulary import NSMAP, akn
from accord.negotiation.markup import Markup
from tests.documents.akn_export_test import EXAMPLES, codes_process, negotiated_document
from tests.documents.roundtrip import Snapshot, export_all, snapshot
from tests.negotiation.markup_test import markups


def _uk(rows: Snapshot, warnings: list[str]) -> None:
    """Sections of a British act are its articles; subsections their paragraphs."""
    first_article = next(row for row in rows if row[0] == "article")
    assert first_article[1] == "1"
    assert first_article[4]["en"][0] == (
        "Powers for retention of relevant communications data subject to safeguards"
    )
    children = [row for row in rows if row[2].startswith(first_article[2] + "__")]
    assert children[0][:2] == ("paragraph", "1")
    assert "a paragraph inside a paragraph was imported as a point (32 times)" in warnings


def _kenya(rows: Snapshot, warnings: list[str]) -> None:
    """A debate: its sections become parts, chapters…, its speeches paragraphs."""
    headings = [row[4]["en"][0] for row in rows if row[4].get("en", ("", ""))[0]]
    assert any(h.startswith("PRAYERS") for h in headings)
    assert {row[0] for row in rows} <= {"part", "chapter", "section", "article", "paragraph"}
    assert "the document's conclusions were not imported" in warnings


def _eu(rows: Snapshot, warnings: list[str]) -> None:
    """A document collection: each of its three components is a part."""
    parts = [row for row in rows if row[3] == 0]
    assert [(row[0], row[1]) for row in parts] == [("part", "1"), ("part", "2"), ("part", "3")]
    assert parts[1][4]["en"][0].startswith("Proposal for a")
    assert "a collection of 3 documents: each was imported as a part" in warnings


def _italy(rows: Snapshot, warnings: list[str]) -> None:
    """Numbers lose their labels and punctuation ("Art. 1." → "1", "a)" → "a")."""
    articles = [row for row in rows if row[0] == "article"]
    assert articles[0][1] == "1"
    points = [row for row in rows if row[0] == "point"]
    assert points
    assert all(")" not in row[1] and "." not in row[1] for row in points)
    assert "the document's attachments were not imported" in warnings


def _chile(rows: Snapshot, warnings: list[str]) -> None:
    assert "a text longer than 20,000 characters was split into paragraphs" in warnings
    assert all(len(text) <= 20_000 for *_, texts in rows for _, text in texts.values())


def _us(rows: Snapshot, warnings: list[str]) -> None:
    """A portion of the US Code: its sections (§ 301…) are articles."""
    assert rows[0][:2] == ("chapter", "3")
    assert [row[1] for row in rows if row[0] == "article"][:3] == ["301", "302", "303"]


EXPECTED = {
    # file: (kind, language, provisions at least, a title fragment, further checks)
    "cl_Sesion56_2.xml": ("minutes", "es", 50, "", _chile),
    "eu_COM(2013)0619_EN-8.xml": ("note", "en", 100, "psychoactive substances", _eu),
    "it_senato_ddl_2013.xml": ("charter", "it", 10, "", _italy),
    "ke_Debate_Bungeni_2011-06-10.xml": ("minutes", "en", 20, "SECOND MEETING", _kenya),
    "uk_pga-2014-27-enacted-data.xml": ("charter", "en", 50, "Data Retention", _uk),
    "us_Title9-Chap3-eng.xml": ("note", "en", 10, "INTER-AMERICAN CONVENTION", _us),
}


def test_every_example_is_listed():
    assert sorted(p.name for p in EXAMPLES.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_example_imports_re_exports_valid_and_round_trips(name: str):
    process, _ = codes_process()
    first = import_akn((EXAMPLES / name).read_bytes(), actor=SYSTEM, process=process)
    kind, language, at_least, title, check = EXPECTED[name]
    document = first.document
    assert (document.kind, document.authentic_languages) == (kind, [language])
    assert title in document.title[language]
    before = snapshot(document)
    assert len(before) >= at_least
    check(before, first.warnings)

    files = export_all(document)
    again = import_akn(files[0], actor=SYSTEM, process=process, translations=files[1:])
    assert again.warnings == []
    assert again.document.pk != document.pk
    assert snapshot(again.document) == before
    assert again.document.kind == document.kind
    assert again.document.title == document.title


@pytest.mark.django_db
def test_a_negotiated_document_in_three_languages_round_trips_with_its_markup():
    process, _ = codes_process()
    document = negotiated_document(process)
    files = export_all(document)
    result = import_akn(files[0], actor=SYSTEM, process=process, translations=files[1:])
    assert result.warnings == []
    imported = result.document
    assert snapshot(imported) == snapshot(document)
    assert imported.authentic_languages == ["en", "ru", "fa"]
    assert imported.working_language == "en"
    assert imported.title == document.title
    assert imported.symbol == "EC/2025/1"
    assert imported.slug == "charter-2"
    assert imported.versions.get().label == "Zero draft"


@pytest.mark.django_db
def test_attributions_to_delegations_outside_the_process_are_dropped_with_a_warning():
    process, _ = codes_process()
    files = export_all(negotiated_document(process))
    from accord.processes.models import Delegation

    Delegation.objects.filter(process=process, party__iso_code="BY").delete()  # BY left
    result = import_akn(files[0], actor=SYSTEM, process=process)
    assert result.warnings == [
        "delegation BY is not in this process: its name was taken out of attributions (3 times)",
        "the document's authentic languages ru, fa were not in the files imported: "
        "their texts are missing",
    ]
    pre = result.document.versions.get().provisions.get(eid="preamble__p_1")
    assert (
        pre.texts.get(language="en").text == "Recognising [#b1 the diversity]{RU} of civilisations,"
    )


def _inline_round_trip(value: Markup) -> Markup:
    root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)  # type: ignore[arg-type]
    p = etree.SubElement(root, akn("p"))
    InlineWriter(words=Words(), reference=lambda code: f"#delegation_{code}").write(p, value)
    reread = parse(etree.tostring(root, encoding="UTF-8"))
    return InlineReader(exact=True).read([reread[0]])


def _xml_safe(value: Markup) -> bool:
    from accord.negotiation.markup import full_text

    text = full_text(value)
    return all(
        c in "\t\n\r" or (ord(c) >= 32 and not 0xD800 <= ord(c) <= 0xDFFF) for c in text
    ) and ("\ufffe" not in text and "\uffff" not in text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markups())
def test_any_markup_survives_akoma_ntoso_inline_elements(value: Markup):
    assume(_xml_safe(value))
    assert _inline_round_trip(value) == value


def test_characters_xml_cannot_hold_are_replaced_visibly():
    assert _inline_round_trip(Markup(("a\x01b",))) == Markup(("a\ufffdb",))


@pytest.mark.django_db
def test_an_explicit_kind_overrides_the_kind_in_the_file():
    from accord.documents.akn import export_version, import_akn
    from tests.documents.akn_export_test import codes_process, negotiated_document

    process, _ = codes_process()
    document = negotiated_document(process, slug="kinded")
    data = export_version(document.versions.get(), "en")
    assert import_akn(data, actor=SYSTEM, process=process).document.kind == "charter"
    again = import_akn(data, actor=SYSTEM, process=process, kind="joint_vision")
    assert again.document.kind == "joint_vision"
