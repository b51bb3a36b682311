"""Akoma Ntoso export: every file validates against the OASIS schema (an
empty working copy included), carries FRBR identifiers, the provision tree
with eIds and uids, the negotiation markup as inline elements and the
status of each provision.

The helpers at the top are used by the other akn_*_test modules too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from accord.core.actors import SYSTEM
from accord.core.errors import ValidationError
from accord.documents import services
from accord.documents.akn import export_version, schema
from accord.documents.models import Document, Version
from accord.negotiation import markup
from accord.negotiation.models import ProvisionState
from accord.processes.models import Process
from tests.factories import PartyFactory, world

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SCHEMA = DATA / "akn" / "schema" / "akomantoso30.xsd"
EXAMPLES = DATA / "akn" / "examples"
UDHR = DATA / "texts" / "udhr"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "accord": "urn:x-accord:akn:1"}


def assert_valid(data: bytes) -> etree._Element:
    """`data` validates against akomantoso30.xsd (loaded once per session); its root."""
    problems = schema.errors(data, schema.load(SCHEMA))
    assert problems == [], "\n".join(problems[:10])
    return etree.fromstring(data)


def codes_process() -> tuple[Process, dict[str, str]]:
    """A process whose delegations have the codes RU, IR, KP and BY."""
    w = world()
    codes = {}
    for key, iso in (("a", "RU"), ("b", "IR"), ("obs", "KP"), ("int", "BY")):
        party = w.delegations[key].party
        party.iso_code = iso
        party.names = {"en": f"Party {iso}", "ru": f"Сторона {iso}", "fa": f"طرف {iso}"}
        party.save()
        codes[key] = iso
    return w.process, codes


def negotiated_document(process: Process, *, slug: str = "charter") -> Document:
    """A working copy in English, Russian and Persian with a preamble (and a
    point in it), a chapter, articles, paragraphs and points; brackets,
    deletion brackets, option sets, literal brackets and line breaks."""
    document = services.create_document(
        actor=SYSTEM,
        process=process,
        kind="charter",
        title={"en": "Eurasian Charter", "ru": "Евразийская хартия", "fa": "منشور اوراسیا"},
        authentic_languages=["en", "ru", "fa"],
        working_language="en",
        symbol="EC/2025/1",
        slug=slug,
    )
    version = document.versions.get()

    def add(kind: str, number: str = "", parent=None, **texts: tuple[str, str]):
        return services.add_provision(
            actor=SYSTEM, version=version, kind=kind, number=number, parent=parent, texts=texts
        )

    pre = add(
        "preamble_paragraph",
        en=("", "Recognising [the diversity]{RU, BY} of civilisations,"),
        ru=("", "Признавая [многообразие]{RU, BY} цивилизаций,"),
        fa=("", "با به رسمیت شناختن [تنوع]{RU, BY} تمدن‌ها،"),
    )
    add("point", "a", parent=pre, en=("", "in Eurasia;"), ru=("", "в Евразии;"))
    chapter = add("chapter", "I", en=("General provisions", ""), ru=("Общие положения", ""))
    article = add(
        "article",
        "1",
        parent=chapter,
        en=(
            "Purpose",
            "The Parties [shall]{RU} cooperate {{Alt 1 (IR): fully || Alt 2 (KP): no text}}"
            " [, taking all necessary measures]{delete: BY}.",
        ),
        ru=(
            "Цель",
            "Стороны [сотрудничают]{RU}"
            " {{Вариант 1 (IR): в полной мере || Вариант 2 (KP): no text}}"
            " [, принимая все необходимые меры]{delete: BY}.",
        ),
        fa=(
            "هدف",
            "طرف‌ها [همکاری می‌کنند]{RU} {{گزینه ۱ (IR): به طور کامل || گزینه ۲ (KP): no text}}"
            " [، با اتخاذ همه اقدامات لازم]{delete: BY}.",
        ),
    )
    paragraph = add(
        "paragraph",
        "1",
        parent=article,
        en=("", "Literal \\[square\\] and \\{curly\\} brackets\nand a second line."),
        ru=("", "Буквальные \\[скобки\\]\nи вторая строка."),
    )
    add("point", "a", parent=paragraph, en=("", "[[well] below 2 °C]{RU, BY};"))
    add("article", "2", parent=chapter, en=("Scope", "This Charter applies."))
    return document


def export_tree(root: etree._Element) -> list[tuple[str, str | None, str | None]]:
    """(element, eId, num) of every provision element, in document order."""
    names = ("recital", "item", "part", "chapter", "section", "article", "paragraph", "point")
    return [
        (etree.QName(e).localname, e.get("eId"), e.findtext("a:num", namespaces=NS))
        for e in root.iter(*(f"{{{NS['a']}}}{n}" for n in names))
    ]


# Tests ------------------------------------------------------------------------


def test_an_empty_working_copy_exports_valid_and_marked_as_a_draft():
    process, _ = codes_process()
    document = services.create_document(
        actor=SYSTEM,
        process=process,
        kind="charter",
        title={"en": "Empty charter"},
        authentic_languages=["en"],
        working_language="en",
        slug="empty-charter",
    )
    root = assert_valid(export_version(document.versions.get(), "en"))

    body = root.find("a:doc/a:mainBody", NS)
    assert [etree.QName(c).localname for c in body] == ["p"]  # an empty mainBody is invalid
    assert root.find("a:doc/a:preamble", NS) is None
    expression = root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
    assert expression.endswith(
        "/doc/charter/" + expression.split("/")[5] + "/empty-charter/eng@1-draft"
    )
    assert root.find(".//a:FRBRExpression/a:FRBRauthoritative", NS).get("value") == "false"
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "eng"
    assert root.find(".//accord:version", NS).get("status") == "working"
    status = root.find("a:doc/a:preface/a:p/a:docStatus", NS).text
    assert status == "Zero draft — working copy (draft, not published)"


def test_the_provision_tree_keeps_eids_uids_numbers_and_headings():
    process, _ = codes_process()
    document = negotiated_document(process)
    version = document.versions.get()
    root = assert_valid(export_version(version, "en"))

    provisions = list(version.provisions.order_by("position"))
    assert export_tree(root) == [
        ("recital", "preamble__p_1", None),
        ("item", "preamble__p_1__point_a", "a"),
        ("chapter", "chp_I", "I"),
        ("article", "chp_I__art_1", "1"),
        ("paragraph", "chp_I__art_1__para_1", "1"),
        ("point", "chp_I__art_1__para_1__point_a", "a"),
        ("article", "chp_I__art_2", "2"),
    ]
    assert [p.eid for p in provisions] == [eid for _, eid, _ in export_tree(root)]
    by_eid = {e.get("eId"): e for e in root.iter() if e.get("GUID")}
    assert {eid: e.get("GUID") for eid, e in by_eid.items()} == {
        p.eid: str(p.uid) for p in provisions
    }
    article = by_eid["chp_I__art_1"]
    assert article.findtext("a:heading", namespaces=NS) == "Purpose"
    # A provision with children has its text in <intro>, a leaf in <content>.
    assert article.find("a:intro/a:p", NS) is not None
    assert (
        by_eid["chp_I__art_2"].findtext("a:content/a:p", namespaces=NS) == "This Charter applies."
    )
    assert root.find("a:doc/a:preamble/a:recitals/a:recital/a:blockList/a:item", NS) is not None


def test_markup_becomes_inline_elements_whose_text_is_the_full_text():
    process, _ = codes_process()
    document = negotiated_document(process)
    version = document.versions.get()
    root = assert_valid(export_version(version, "en"))
    p = root.find(".//a:article[@eId='chp_I__art_1']/a:intro/a:p", NS)

    stored = version.provisions.get(eid="chp_I__art_1").texts.get(language="en").text
    parsed = markup.parse(stored, delegations={"RU", "IR", "KP", "BY"})
    assert "".join(p.itertext()) == markup.full_text(parsed)
    assert "".join(p.itertext()) == (
        "The Parties [shall] (RU) cooperate {Alt 1 (IR): fully / Alt 2 (KP): no text}"
        " [, taking all necessary measures] (BY: delete)."
    )
    bracket, options, deletion = p.findall("a:inline", NS)
    assert (bracket.get("name"), bracket.get("refersTo"), bracket.get(f"{{{NS['accord']}}}id")) == (
        "bracket",
        "#delegation_RU",
        "b1",
    )
    assert options.get("name") == "optionSet"
    assert [(o.get("class"), o.get("refersTo")) for o in options.findall("a:inline", NS)] == [
        ("option", "#delegation_IR"),
        ("option noText", "#delegation_KP"),
    ]
    assert deletion.get("class") == "bracket deletion"
    assert deletion.findtext("a:del", namespaces=NS) == ", taking all necessary measures"
    # Every attribution points at a delegation in the references, named in the file's language.
    organisations = {
        e.get("eId"): e.get("showAs")
        for e in root.iterfind(".//a:references/a:TLCOrganization", NS)
    }
    assert {
        "delegation_RU",
        "delegation_IR",
        "delegation_KP",
        "delegation_BY",
    } <= organisations.keys()
    assert organisations["delegation_RU"] == "Party RU"
    # Literal brackets are text, not markup; line breaks are <eol/>.
    literal = root.find(".//a:paragraph[@eId='chp_I__art_1__para_1']/a:intro/a:p", NS)
    assert "".join(literal.itertext()) == "Literal [square] and {curly} bracketsand a second line."
    assert literal.find("a:inline", NS) is None
    assert len(literal.findall("a:eol", NS)) == 1


@pytest.mark.parametrize("language", ["ru", "fa"])
def test_russian_and_persian_exports_are_valid_with_their_own_language(language: str):
    process, _ = codes_process()
    version = negotiated_document(process).versions.get()
    root = assert_valid(export_version(version, language))

    three = {"ru": "rus", "fa": "fas"}[language]
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == three
    assert root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value").endswith(f"/{three}@1-draft")
    translation = root.find(".//a:FRBRExpression/a:FRBRtranslation", NS)
    assert translation.get("fromLanguage") == "eng"
    assert root.find("a:doc/a:mainBody", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == (
        language
    )
    p = root.find(".//a:article[@eId='chp_I__art_1']/a:intro/a:p", NS)
    assert p.find("a:inline[@class='bracket deletion']/a:del", NS) is not None
    labels = [s.text for s in p.iterfind(".//a:span[@class='label']", NS)]
    assert labels == (["Вариант 1", "Вариант 2"] if language == "ru" else ["گزینه ۱", "گزینه ۲"])
    if language == "fa":
        assert "همکاری می‌کنند" in "".join(p.itertext())  # the zero-width non-joiner is kept
        assert p.find(".//a:span[@class='noText']", NS) is not None
    missing = {e.get("eId") for e in root.iterfind(".//accord:provision[@text='missing']", NS)}
    # Neither has a text for the last point or article 2; Persian none for the chapter
    # heading, the point of the preamble or the paragraph either.
    expected = {"chp_I__art_1__para_1__point_a", "chp_I__art_2"}
    if language == "fa":
        expected |= {"chp_I", "preamble__p_1__point_a", "chp_I__art_1__para_1"}
    assert missing == expected


def test_a_published_version_is_authoritative_and_carries_the_status_of_each_provision():
    process, _ = codes_process()
    document = negotiated_document(process)
    version = services.publish_version(actor=SYSTEM, version=document.versions.get(), label="Rev.1")
    article = version.provisions.get(eid="chp_I__art_2")
    ProvisionState.objects.create(document=document, provision_uid=article.uid, status="agreed")
    root = assert_valid(export_version(version, "en"))

    assert root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value").endswith("/eng@1")
    assert root.find(".//a:FRBRExpression/a:FRBRauthoritative", NS).get("value") == "true"
    assert root.find("a:doc/a:meta/a:publication", NS) is not None
    statuses = {e.get("eId"): e.get("status") for e in root.iterfind(".//accord:provision", NS)}
    assert statuses["chp_I__art_2"] == "agreed"
    assert statuses["chp_I__art_1"] == "not_discussed"
    assert root.find(".//accord:version", NS).get("contentHash") == version.content_hash


def test_an_illustrative_document_says_so():
    process, _ = codes_process()
    document = services.create_document(
        actor=SYSTEM,
        process=process,
        kind="statement",
        title={"en": "Joint statement"},
        authentic_languages=["en"],
        working_language="en",
        is_illustrative=True,
    )
    root = assert_valid(export_version(document.versions.get(), "en"))
    assert root.find("a:statement", NS).get("name") == "statement"
    assert root.find(".//a:preface/a:p[@class='illustrative']", NS) is not None
    assert root.find(".//a:FRBRWork/a:FRBRprescriptive", NS).get("value") == "false"


def test_a_language_that_is_not_authentic_is_refused():
    process, _ = codes_process()
    version: Version = negotiated_document(process).versions.get()
    with pytest.raises(ValidationError, match="not an authentic language"):
        export_version(version, "ko")


def test_a_code_no_delegation_has_any_more_still_exports():
    process, _ = codes_process()
    version = negotiated_document(process).versions.get()
    party = PartyFactory(iso_code="KZ")
    assert party.code == "KZ"
    # A text stored when BY was a delegation of the process, after BY left it.
    from accord.processes.models import Delegation

    Delegation.objects.filter(process=process, party__iso_code="BY").delete()
    root = assert_valid(export_version(version, "en"))
    organisation = root.find(".//a:TLCOrganization[@eId='delegation_BY']", NS)
    assert organisation.get("showAs") == "BY"
