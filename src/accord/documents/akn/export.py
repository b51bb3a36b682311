"""A version of a document as Akoma Ntoso 3.0 XML, one file per language.

The file validates against the OASIS schema (akomantoso30.xsd) whatever the
version holds, an empty working copy included. docs/akoma-ntoso.md gives the
mapping; in short:

- `<doc name="charter">` (or `<statement>` for statements and joint visions),
  FRBR Work / Expression / Manifestation identifiers
  `/akn/<country>/<doc|statement>/<kind>/<date>/<slug>/<lang>@<version>`;
- preamble paragraphs as `<recital>`s, the rest of the tree as
  `<part>`/`<chapter>`/`<section>`/`<article>`/`<paragraph>`/`<point>` with
  `<num>`, `<heading>` and `<content><p>` (or `<intro><p>` before children),
  each with the provision's eId and its identity (uid) as `GUID`;
- negotiation markup as inline elements (`inline.py`), the delegations named
  in attributions as `<TLCOrganization>`s;
- status, identity and translation source per provision in a
  `<proprietary source="#accord">` block, a text whose source has changed
  since it was made marked `stale="true"` there; a working copy is a draft: its
  expression is `@<n>-draft`, not authoritative, and its preface says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, override
from lxml import etree

from accord.core.errors import ValidationError
from accord.documents.concordance import stale_texts
from accord.documents.enums import ProvisionKind, VersionStatus
from accord.documents.models import Document, Provision, Translation, Version
from accord.documents.selectors import provisions_with_texts
from accord.negotiation import markup
from accord.negotiation.markup.model import CODE_PATTERN
from accord.negotiation.models import ProvisionState
from accord.processes.models import Party

from .inline import DELEGATION_PREFIX, InlineWriter, Words, xml_safe
from .safexml import local
from .vocabulary import (
    ELEMENT_OF_KIND,
    NSMAP,
    accord,
    akn,
    document_element,
    document_name,
    three_letter,
)

DEFAULT_COUNTRY = "un"
MARKUP_CHARACTERS = frozenset("[]{}\\")
_TEXT_HOLDERS = frozenset({"p", "num", "heading", "subheading"})


def country() -> str:
    """The country part of FRBR identifiers: settings.ACCORD_AKN_COUNTRY, 'un' by default."""
    return str(getattr(settings, "ACCORD_AKN_COUNTRY", DEFAULT_COUNTRY))


def _date(value: dt.datetime | None) -> str:
    return timezone.localtime(value or timezone.now(), dt.UTC).date().isoformat()


def read_markup(text: str, codes: frozenset[str]) -> markup.Markup:
    """The markup of a stored text. Codes named in it are accepted even when
    no delegation has them any more: an export shows what is stored."""
    if MARKUP_CHARACTERS.isdisjoint(text):
        return markup.Markup.of_text(text)
    try:
        return markup.parse(text, delegations=codes | set(CODE_PATTERN.findall(text)))
    except markup.MarkupError:
        return markup.Markup.of_text(text)  # stored before markup was checked: as it is


class _Exporter:
    def __init__(self, version: Version, language: str) -> None:
        self.version = version
        self.document: Document = version.document
        self.language = language
        self.provisions = provisions_with_texts(version)
        self.children: dict[int | None, list[Provision]] = defaultdict(list)
        for provision in self.provisions:
            self.children[provision.parent_id].append(provision)
        self.parties = {
            party.code: party
            for party in Party.objects.filter(delegations__process_id=self.document.process_id)
        }
        self.used_codes: dict[str, None] = {}
        with override(language):
            words = Words(delete=gettext("delete"), no_text=gettext("no text"))
        self.inline = InlineWriter(words=words, reference=self._reference)

    def _reference(self, code: str) -> str:
        self.used_codes[code] = None
        return f"#{DELEGATION_PREFIX}{code}"

    def _text(self, provision: Provision) -> Translation | None:
        for text in provision.texts.all():
            if text.language == self.language:
                return text
        return None

    # Identification ----------------------------------------------------------

    @property
    def is_draft(self) -> bool:
        return self.version.status != VersionStatus.PUBLISHED

    def uris(self) -> tuple[str, str]:
        kind = self.document.kind
        work = (
            f"/akn/{country()}/{document_element(kind)}/{document_name(kind)}/"
            f"{_date(self.document.created_at)}/{self.document.slug}"
        )
        suffix = "-draft" if self.is_draft else ""
        return work, f"{work}/{three_letter(self.language)}@{self.version.number}{suffix}"

    def identification(self, meta: etree._Element) -> None:
        work, expression = self.uris()
        when = _date(self.version.published_at or self.version.updated_at)
        ident = etree.SubElement(meta, akn("identification"), source="#accord")
        frbr = etree.SubElement(ident, akn("FRBRWork"))
        etree.SubElement(frbr, akn("FRBRthis"), value=f"{work}/!main")
        etree.SubElement(frbr, akn("FRBRuri"), value=work)
        if self.document.symbol:
            etree.SubElement(
                frbr, akn("FRBRalias"), name="symbol", value=xml_safe(self.document.symbol)
            )
        etree.SubElement(
            frbr, akn("FRBRdate"), date=_date(self.document.created_at), name="created"
        )
        etree.SubElement(frbr, akn("FRBRauthor"), href="#secretariat")
        etree.SubElement(frbr, akn("FRBRcountry"), value=country())
        etree.SubElement(frbr, akn("FRBRsubtype"), value=document_name(self.document.kind))
        etree.SubElement(frbr, akn("FRBRnumber"), value=self.document.slug)
        title = self.title()
        if title:
            etree.SubElement(frbr, akn("FRBRname"), value=xml_safe(title))
        etree.SubElement(
            frbr,
            akn("FRBRprescriptive"),
            value="false" if self.document.is_illustrative else "true",
        )

        expr = etree.SubElement(ident, akn("FRBRExpression"))
        etree.SubElement(expr, akn("FRBRthis"), value=f"{expression}/!main")
        etree.SubElement(expr, akn("FRBRuri"), value=expression)
        etree.SubElement(
            expr, akn("FRBRdate"), date=when, name="draft" if self.is_draft else "published"
        )
        etree.SubElement(expr, akn("FRBRauthor"), href="#secretariat")
        etree.SubElement(expr, akn("FRBRversionNumber"), value=str(self.version.number))
        authoritative = not self.is_draft and not self.document.is_illustrative
        etree.SubElement(expr, akn("FRBRauthoritative"), value="true" if authoritative else "false")
        etree.SubElement(expr, akn("FRBRlanguage"), language=three_letter(self.language))
        working = self.document.working_language
        if self.language != working:
            etree.SubElement(
                expr,
                akn("FRBRtranslation"),
                href=f"{work}/{three_letter(working)}@{self.version.number}"
                + ("-draft" if self.is_draft else ""),
                fromLanguage=three_letter(working),
                authoritative="true",
                by="#secretariat",
            )

        manifestation = etree.SubElement(ident, akn("FRBRManifestation"))
        etree.SubElement(manifestation, akn("FRBRthis"), value=f"{expression}/!main.xml")
        etree.SubElement(manifestation, akn("FRBRuri"), value=f"{expression}.akn")
        etree.SubElement(manifestation, akn("FRBRdate"), date=when, name="exported")
        etree.SubElement(manifestation, akn("FRBRauthor"), href="#accord")
        etree.SubElement(manifestation, akn("FRBRformat"), value="application/akn+xml")

        if not self.is_draft:
            etree.SubElement(
                meta,
                akn("publication"),
                date=when,
                name="accord",
                showAs=xml_safe(f"{self.version.label} ({self.version.content_hash[:12]})"),
            )

    def title(self) -> str:
        titles = self.document.title or {}
        return str(
            titles.get(self.language) or titles.get(self.document.working_language) or ""
        ).strip()

    def references(self, meta: etree._Element) -> None:
        refs = etree.SubElement(meta, akn("references"), source="#accord")
        etree.SubElement(
            refs,
            akn("TLCOrganization"),
            eId="secretariat",
            href=f"/akn/ontology/organization/accord/{self.document.process.slug}",
            showAs=f"{self.document.process.display_title}",
        )
        etree.SubElement(
            refs,
            akn("TLCOrganization"),
            eId="accord",
            href="/akn/ontology/organization/accord",
            showAs="Accord",
        )
        for code in self.used_codes:
            party = self.parties.get(code)
            name = ""
            if party is not None:
                name = party.names.get(self.language) or party.name
            etree.SubElement(
                refs,
                akn("TLCOrganization"),
                eId=f"{DELEGATION_PREFIX}{code}",
                href=f"/akn/ontology/organization/delegation/{code}",
                showAs=name or code,
                shortForm=code,
            )

    def proprietary(self, meta: etree._Element) -> None:
        block = etree.SubElement(meta, akn("proprietary"), source="#accord")
        document = self.document
        doc = etree.SubElement(
            block,
            accord("document"),
            slug=document.slug,
            process=document.process.slug,
            kind=document.kind,
            symbol=xml_safe(document.symbol),
            workingLanguage=document.working_language,
            authenticLanguages=" ".join(document.authentic_languages),
            illustrative="true" if document.is_illustrative else "false",
        )
        if not str((document.title or {}).get(self.language) or "").strip():
            # The title shown is the working language's: say so, or an import
            # would take it for this language's own title.
            doc.set("title", "missing")
        etree.SubElement(
            block,
            accord("version"),
            number=str(self.version.number),
            label=xml_safe(self.version.label),
            status=self.version.status,
            contentHash=self.version.content_hash,
            published=self.version.published_at.isoformat() if self.version.published_at else "",
        )
        statuses = dict(
            ProvisionState.objects.filter(document=document).values_list("provision_uid", "status")
        )
        versions = dict(document.versions.values_list("pk", "number"))
        stale = stale_texts(self.version)
        listing = etree.SubElement(block, accord("provisions"))
        for provision in self.provisions:
            text = self._text(provision)
            item = etree.SubElement(
                listing,
                accord("provision"),
                eId=provision.eid,
                uid=str(provision.uid),
                kind=provision.kind,
                status=str(statuses.get(provision.uid, "not_discussed")),
            )
            if text is None or not (text.text or text.heading):
                item.set("text", "missing")
            elif text.source_version_id is not None:
                item.set("sourceVersion", str(versions.get(text.source_version_id, "")))
                flag = stale.get(text.pk)
                if flag is not None:
                    item.set("stale", "true")
                    if flag.source_written_in_number is not None:
                        item.set("sourceChangedIn", str(flag.source_written_in_number))

    # Text --------------------------------------------------------------------

    def preface(self, doc: etree._Element) -> None:
        preface = etree.SubElement(doc, akn("preface"))
        long_title = etree.SubElement(preface, akn("longTitle"))
        title = etree.SubElement(etree.SubElement(long_title, akn("p")), akn("docTitle"))
        title.text = xml_safe(self.title() or self.document.slug)
        if self.document.symbol:
            number = etree.SubElement(etree.SubElement(preface, akn("p")), akn("docNumber"))
            number.text = xml_safe(self.document.symbol)
        with override(self.language):
            if self.is_draft:
                status = gettext("%(label)s — working copy (draft, not published)") % {
                    "label": self.version.label
                }
            else:
                status = gettext("%(label)s — published on %(date)s") % {
                    "label": self.version.label,
                    "date": _date(self.version.published_at),
                }
            illustrative = gettext(
                "Illustrative text written for the demonstration; not an official text."
            )
        line = etree.SubElement(preface, akn("p"))
        line.set("class", "draft" if self.is_draft else "published")
        etree.SubElement(line, akn("docStatus")).text = xml_safe(status)
        if self.document.is_illustrative:
            note = etree.SubElement(preface, akn("p"))
            note.set("class", "illustrative")
            note.text = illustrative

    def _p(self, parent: etree._Element, text: Translation | None) -> None:
        p = etree.SubElement(parent, akn("p"))
        if text is not None and text.text:
            self.inline.write(p, read_markup(text.text, frozenset(self.parties)))

    def _head(self, element: etree._Element, provision: Provision) -> Translation | None:
        element.set("eId", provision.eid)
        element.set("GUID", str(provision.uid))
        if provision.number:
            etree.SubElement(element, akn("num")).text = xml_safe(provision.number)
        text = self._text(provision)
        if text is not None and text.heading:
            etree.SubElement(element, akn("heading")).text = xml_safe(text.heading)
        return text

    def item(self, parent: etree._Element, provision: Provision, tag: str) -> None:
        """A preamble paragraph (<recital>) or a point in one (<item>)."""
        element = etree.SubElement(parent, akn(tag))
        text = self._head(element, provision)
        self._p(element, text)
        points = self.children[provision.pk]
        if points:
            listing = etree.SubElement(element, akn("blockList"))
            for point in points:
                self.item(listing, point, "item")

    def hierarchy(self, parent: etree._Element, provision: Provision) -> None:
        element = etree.SubElement(parent, akn(ELEMENT_OF_KIND[provision.kind]))
        text = self._head(element, provision)
        children = self.children[provision.pk]
        if not children:
            self._p(etree.SubElement(element, akn("content")), text)
            return
        if text is not None and text.text:
            self._p(etree.SubElement(element, akn("intro")), text)
        for child in children:
            self.hierarchy(element, child)

    def build(self) -> etree._Element:
        root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)  # type: ignore[arg-type]
        doc = etree.SubElement(
            root, akn(document_element(self.document.kind)), name=document_name(self.document.kind)
        )
        meta = etree.SubElement(doc, akn("meta"))
        self.identification(meta)
        self.preface(doc)
        top = self.children[None]
        recitals = [p for p in top if p.kind == ProvisionKind.PREAMBLE_PARAGRAPH]
        if recitals:
            preamble = etree.SubElement(doc, akn("preamble"))
            group = etree.SubElement(preamble, akn("recitals"), eId="recitals")
            for provision in recitals:
                self.item(group, provision, "recital")
        body = etree.SubElement(doc, akn("mainBody"))
        body_provisions = [p for p in top if p.kind != ProvisionKind.PREAMBLE_PARAGRAPH]
        for provision in body_provisions:
            self.hierarchy(body, provision)
        if not body_provisions:
            # An empty mainBody is invalid: a document without provisions yet
            # says so with one empty block.
            etree.SubElement(body, akn("p")).set("class", "noProvisions")
        for element in (doc.find(akn("preface")), doc.find(akn("preamble")), body):
            if element is not None:
                element.set("{http://www.w3.org/XML/1998/namespace}lang", self.language)
        self.references(meta)
        self.proprietary(meta)
        return root


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the structure for people reading the file, never inside text:
    whitespace in a <p>, <num> or <heading> would change the provision's text."""
    if local(element) in _TEXT_HOLDERS or not len(element):
        return
    if element.text and element.text.strip():
        return  # mixed content (e.g. a preface line): leave it as it is
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def export_version(version: Version, language: str) -> bytes:
    """`version` in `language` as an Akoma Ntoso 3.0 document (UTF-8 bytes).

    `language` must be an authentic language of the document; provisions
    without a text in it are exported with an empty one and marked
    `text="missing"` in the proprietary block. The caller has checked that
    whoever asked may read the version.
    """
    document = version.document
    if language not in document.authentic_languages:
        raise ValidationError(
            f"{language!r} is not an authentic language of this document "
            f"({', '.join(document.authentic_languages)}).",
            field="language",
        )
    root = _Exporter(version, language).build()
    _indent(root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def filename(version: Version, language: str) -> str:
    """A file name for an export: `<slug>.v<number>[-draft].<lang>.akn.xml`."""
    draft = "-draft" if version.status != VersionStatus.PUBLISHED else ""
    slug = _FILENAME_UNSAFE.sub("-", version.document.slug)
    return f"{slug}.v{version.number}{draft}.{language}.akn.xml"
