"""Word (.docx) exports: a version in one language, and a redline between
two versions.

The structure is numbered as printed ('Chapter I', 'Article 4', '1.',
'(a)') in paragraph styles named after the provision kinds ('Accord
Chapter', 'Accord Article', 'Accord Paragraph', 'Accord Point'…, built on
Word's headings so that the navigation pane shows the outline). Negotiation
markup is written as negotiators print it: brackets in bold, attributions
in grey italics, option labels in bold, the text of a deletion bracket
struck through. A stale translation is followed by a note saying so. The
file's own words (cover, notes, "delete", "no text", the redline's legend)
are in its language where the interface is translated into it, else in
English; notes and cover are in styles an import leaves out. A part
of the file keeps every text's stored notation, so that importing the file
again gives back the markup exactly, for every text that was not edited in
Word.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

import docx
from django.utils.translation import gettext, override
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from accord.core import languages
from accord.documents.akn.export import read_markup
from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.compare import Change, Op, ProvisionDiff, compare_versions
from accord.documents.concordance import stale_texts
from accord.documents.enums import ProvisionKind
from accord.documents.exportwords import interface_language, markup_words
from accord.documents.models import Version
from accord.documents.selectors import Node, version_snapshot, version_tree
from accord.negotiation import markup

from .docx_reader import NOTATION_PART, NOTATION_RELTYPE
from .render import (
    STRUCTURAL,
    Cover,
    check_language,
    codes_of,
    cover,
    file_name,
    hash_line,
    illustrative_line,
    inline_number,
    label,
    stale_line,
    state_line,
)
from .structure import escape

GREY = RGBColor(0x59, 0x59, 0x59)
INSERTED = RGBColor(0x1F, 0x4E, 0x99)
DELETED = RGBColor(0xB0, 0x1C, 0x1C)
_BASE = {
    "Accord Title": "Title",
    "Accord Part": "Heading 1",
    "Accord Chapter": "Heading 2",
    "Accord Section": "Heading 3",
    "Accord Article": "Heading 4",
}
_FONTS = {
    "zh": ("eastAsia", "Noto Serif CJK SC"),
    "ko": ("eastAsia", "Noto Serif CJK KR"),
    "my": ("cs", "Noto Sans Myanmar"),
    "fa": ("cs", "Noto Naskh Arabic"),
    "ar": ("cs", "Noto Naskh Arabic"),
}


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    return element


def _setup(language: str) -> Any:
    """A new document with Accord's styles, in `language`."""
    document = docx.Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    rpr.append(
        _element("w:lang", **{"w:val": language, "w:eastAsia": language, "w:bidi": language})
    )
    if language in _FONTS:
        slot, font = _FONTS[language]
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = _element("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn(f"w:{slot}"), font)
    rtl = languages.direction(language) == "rtl"

    def add(name: str, *, base: str = "Normal", indent: float = 0, hanging: float = 0) -> Any:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[_BASE.get(name, base)]
        style.quick_style = True
        fmt = style.paragraph_format
        fmt.space_after = Pt(6)
        if indent or hanging:
            fmt.left_indent = Cm(indent + hanging)
            fmt.first_line_indent = Cm(-hanging) if hanging else None
        if rtl:
            style.element.get_or_add_pPr().append(_element("w:bidi"))
            style.element.get_or_add_rPr().append(_element("w:rtl"))
        return style

    add("Accord Title")
    cover_style = add("Accord Cover")
    cover_style.font.size = Pt(10)
    note = add("Accord Note")
    note.font.italic = True
    note.font.color.rgb = GREY
    for name in ("Accord Part", "Accord Chapter", "Accord Section", "Accord Article"):
        heading = add(name)
        heading.paragraph_format.keep_with_next = True
    add("Accord Preamble", indent=0).paragraph_format.first_line_indent = Cm(1)
    add("Accord Text")
    add("Accord Paragraph", hanging=1)
    for depth in range(1, 5):
        add("Accord Point" if depth == 1 else f"Accord Point {depth}", indent=depth, hanging=1)
    subheading = add("Accord Subheading")
    subheading.font.bold = True
    subheading.paragraph_format.keep_with_next = True
    return document


class MarkupWriter:
    """Markup as Word runs, with `words` for "delete" and "no text" (English
    by default, as in the full text); returns the text Word will show."""

    def __init__(self, paragraph: Any, words: markup.Words | None = None) -> None:
        self.paragraph = paragraph  # None: only the text is wanted
        self.words = words or markup.Words()
        self.shown: list[str] = []
        self.struck = 0

    def run(self, text: str, *, bold: bool = False, note: bool = False) -> None:
        if not text:
            return
        self.shown.append(text)
        if self.paragraph is None:
            return
        run = self.paragraph.add_run(text)
        if bold:
            run.bold = True
        if note:
            run.italic = True
            run.font.color.rgb = GREY
        if self.struck and not bold and not note:
            run.font.strike = True

    def write(self, value: markup.Markup) -> str:
        first_option = False
        for segment in markup.segments(value):
            if isinstance(segment, markup.TextRun):
                self.run(segment.text)
            elif isinstance(segment, markup.BracketOpen):
                self.run("[", bold=True)
                if segment.deletion:
                    self.struck += 1
            elif isinstance(segment, markup.BracketClose):
                if segment.deletion:
                    self.struck -= 1
                self.run("]", bold=True)
                codes = ", ".join(segment.attribution)
                delete = self.words.delete
                if segment.deletion:
                    self.run(f" ({codes}: {delete})" if codes else f" ({delete})", note=True)
                elif codes:
                    self.run(f" ({codes})", note=True)
            elif isinstance(segment, markup.OptionSetOpen):
                self.run("{", bold=True)
                first_option = True
            elif isinstance(segment, markup.OptionOpen):
                if not first_option:
                    self.run(" / ", bold=True)
                first_option = False
                self.run(segment.label, bold=True)
                if segment.attribution:
                    self.run(f" ({', '.join(segment.attribution)})", note=True)
                self.run(": ")
                if segment.no_text:
                    self.run(self.words.no_text, note=True)
            elif isinstance(segment, markup.OptionSetClose):
                self.run("}", bold=True)
        return "".join(self.shown)


def _cover(document: Any, info: Cover, *, lines: Iterable[str] = ()) -> None:
    document.add_paragraph(info.title, style="Accord Title")
    if info.symbol:
        document.add_paragraph(info.symbol, style="Accord Cover")
    document.add_paragraph(state_line(info), style="Accord Cover")
    document.add_paragraph(hash_line(info), style="Accord Cover")
    for line in lines:
        document.add_paragraph(line, style="Accord Cover")
    if info.illustrative:
        document.add_paragraph(illustrative_line(), style="Accord Note")
    document.add_page_break()


def _properties(document: Any, info: Cover, language: str, *, keywords: str) -> None:
    properties = document.core_properties
    properties.title = info.title
    properties.subject = info.symbol
    properties.category = info.kind
    properties.language = language
    properties.keywords = keywords
    properties.comments = f"{state_line(info)}. {hash_line(info)}"
    properties.author = gettext("Accord")


def _point_depth(node_kinds: list[str]) -> int:
    depth = 0
    for kind in reversed(node_kinds):
        if kind != "point":
            break
        depth += 1
    return max(1, min(depth, 4))


_STYLE = {"part": "Accord Part", "chapter": "Accord Chapter", "section": "Accord Section"}
_STYLE |= {"article": "Accord Article", "paragraph": "Accord Paragraph"}
_STYLE |= {"preamble_paragraph": "Accord Preamble"}


def _style(kind: str, ancestors: list[str]) -> str:
    if kind == "point":
        depth = _point_depth([*ancestors, "point"])
        return "Accord Point" if depth == 1 else f"Accord Point {depth}"
    return _STYLE[kind]


def export_docx(version: Version, language: str) -> bytes:
    """`version` in `language` as a Word document: cover, numbered structure,
    negotiation markup."""
    check_language(version, language)
    with override(interface_language(language)):
        return _docx(version, language)


def _docx(version: Version, language: str) -> bytes:
    """The Word document, written under `override(interface_language(language))`."""
    info = cover(version, language)
    document = _setup(language)
    _cover(document, info)
    _properties(document, info, language, keywords=gettext("Accord"))
    codes = codes_of(version.document)
    stale = stale_texts(version)
    words = markup_words(language)
    notations: list[list[str]] = []

    def text_paragraph(style: str, prefix: str, stored: str) -> None:
        paragraph = document.add_paragraph(style=style)
        if prefix:
            paragraph.add_run(f"{prefix}\t")
        value = read_markup(stored, codes)
        shown = MarkupWriter(paragraph, words).write(value)
        if stored != escape(shown):
            notations.append([shown, stored])

    def walk(nodes: list[Node], ancestors: list[str]) -> None:
        for node in nodes:
            provision = node.provision
            translation = node.texts.get(language)
            heading = translation.heading if translation else ""
            text = translation.text if translation else ""
            kind = provision.kind
            if kind in STRUCTURAL:
                title = label(kind, provision.number, language)
                paragraph = document.add_paragraph(style=_STYLE[kind])
                paragraph.add_run(title)
                if heading:
                    paragraph.add_run().add_break()
                    paragraph.add_run(heading)
                if text:
                    text_paragraph("Accord Text", "", text)
            else:
                if heading:
                    document.add_paragraph(heading, style="Accord Subheading")
                prefix = inline_number(kind, provision.number)
                if text or prefix:
                    text_paragraph(_style(kind, ancestors), prefix, text)
            flag = stale.get(translation.pk) if translation and (text or heading) else None
            if flag is not None:
                # A note, like the cover: an import of the file leaves it out.
                document.add_paragraph(f"({stale_line(flag)})", style="Accord Note")
            if (translation is None or not (text or heading)) and (
                kind not in STRUCTURAL or not node.children
            ):
                missing = gettext("No %(language)s text for this provision.") % {
                    "language": languages.label(language)
                }
                document.add_paragraph(f"({missing})", style="Accord Note")
            walk(node.children, [*ancestors, kind])

    walk(version_tree(version), [])
    if notations:
        blob = json.dumps({"scheme": "accord-docx-notation-v1", "texts": notations}).encode()
        part = Part(PackURI(NOTATION_PART), "application/json", blob, document.part.package)
        document.part.relate_to(part, NOTATION_RELTYPE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_filename(version: Version, language: str) -> str:
    return file_name(version, language, "docx")


# -- redline -------------------------------------------------------------------


def _readable(
    snapshots: list[ProvisionSnapshot], codes: frozenset[str], words: markup.Words
) -> list[ProvisionSnapshot]:
    """The snapshots with each text as negotiators read it (markup printed
    with `words`, ids and escapes gone), so the redline compares what people
    see."""

    def printed(text: str) -> str:
        return MarkupWriter(None, words).write(read_markup(text, codes))

    return [
        ProvisionSnapshot(
            uid=p.uid,
            kind=p.kind,
            parent_uid=p.parent_uid,
            number=p.number,
            texts=tuple(TextSnapshot(t.language, t.heading, printed(t.text)) for t in p.texts),
        )
        for p in snapshots
    ]


def _run(paragraph: Any, text: str, op: Op | None = None, *, note: bool = False) -> None:
    if not text:
        return
    run = paragraph.add_run(text)
    if op == Op.INSERT:
        run.font.underline = True
        run.font.color.rgb = INSERTED
    elif op == Op.DELETE:
        run.font.strike = True
        run.font.color.rgb = DELETED
    if note:
        run.italic = True
        run.font.color.rgb = GREY


def _counted(change: Change, count: int) -> str:
    """ "3 inserted": how many provisions show `change`, in the active language."""
    shown = {
        Change.INSERTED: gettext("%(count)s inserted"),
        Change.DELETED: gettext("%(count)s deleted"),
        Change.CHANGED: gettext("%(count)s changed"),
        Change.MOVED: gettext("%(count)s moved"),
        Change.RENUMBERED: gettext("%(count)s renumbered"),
        Change.RETYPED: gettext("%(count)s retyped"),
    }
    return shown[change] % {"count": count}


def export_redline_docx(old: Version, new: Version, language: str) -> bytes:
    """What changed from `old` to `new` in `language`, as a Word document:
    insertions underlined, deletions struck through, provisions aligned by
    identity (moved and renumbered ones say so). Its own words (the cover,
    the legend, the notes) are in the language of the texts compared where
    the interface is translated into it, else in English."""
    from accord.core.errors import ValidationError

    if old.document_id != new.document_id:
        raise ValidationError("The two versions belong to different documents.", field="compare")
    check_language(new, language)
    with override(interface_language(language)):
        return _redline(old, new, language)


def _redline(old: Version, new: Version, language: str) -> bytes:
    """The redline, written under `override(interface_language(language))`."""
    codes = codes_of(new.document)
    words = markup_words(language)
    redline = compare_versions(
        _readable(version_snapshot(old), codes, words),
        _readable(version_snapshot(new), codes, words),
    )
    info = cover(new, language)
    document = _setup(language)
    counts = redline.counts()
    summary = ", ".join(_counted(change, n) for change, n in counts.items() if n)
    compared = gettext(
        "Redline: %(old)s (version %(old_number)s) compared with %(new)s (version %(new_number)s)."
    ) % {"old": old.label, "old_number": old.number, "new": new.label, "new_number": new.number}
    legend = gettext("Insertions are underlined, deletions struck through.")
    provisions = gettext("Provisions: %(changes)s.") % {"changes": summary or gettext("no changes")}
    _cover(document, info, lines=[compared, f"{legend} {provisions}"])
    _properties(document, info, language, keywords=gettext("Accord redline"))
    kinds: dict[int, str] = {}
    for diff in redline.provisions:
        kinds[diff.depth] = diff.kind
        ancestors = [kinds[d] for d in range(diff.depth)]
        _redline_provision(document, diff, language, ancestors)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _whole(diff: ProvisionDiff) -> Op | None:
    if Change.INSERTED in diff.changes:
        return Op.INSERT
    if Change.DELETED in diff.changes:
        return Op.DELETE
    return None


def _number_runs(paragraph: Any, diff: ProvisionDiff, render: Any) -> None:
    whole = _whole(diff)
    if Change.RENUMBERED in diff.changes and diff.old and diff.new:
        _run(paragraph, render(diff.old.number), Op.DELETE)
        paragraph.add_run(" ")
        _run(paragraph, render(diff.new.number), Op.INSERT)
    else:
        _run(paragraph, render(diff.number), whole)


def _redline_provision(
    document: Any, diff: ProvisionDiff, language: str, ancestors: list[str]
) -> None:
    kind = diff.kind
    text = diff.text_in(language)
    whole = _whole(diff)
    notes = []
    if Change.MOVED in diff.changes:
        notes.append(gettext("moved"))
    if Change.RETYPED in diff.changes and diff.old:
        was = ProvisionKind(diff.old.kind).label
        notes.append(gettext("was a %(kind)s") % {"kind": str(was).lower()})
    if kind in STRUCTURAL:
        paragraph = document.add_paragraph(style=_STYLE[kind])
        _number_runs(paragraph, diff, lambda number: label(kind, number, language))
        if notes:
            _run(paragraph, f" ({'; '.join(notes)})", note=True)
        if text and text.heading:
            paragraph.add_run().add_break()
            for op, piece in text.heading:
                _run(paragraph, piece, op if op != Op.EQUAL else whole)
        if text and text.text:
            body = document.add_paragraph(style="Accord Text")
            for op, piece in text.text:
                _run(body, piece, op if op != Op.EQUAL else whole)
        return
    if text and text.heading:
        sub = document.add_paragraph(style="Accord Subheading")
        for op, piece in text.heading:
            _run(sub, piece, op if op != Op.EQUAL else whole)
    paragraph = document.add_paragraph(style=_style(kind, ancestors))
    if diff.number or (diff.old and diff.old.number):
        _number_runs(paragraph, diff, lambda number: inline_number(kind, number))
        paragraph.add_run("\t")
    if notes:
        _run(paragraph, f"({'; '.join(notes)}) ", note=True)
    for op, piece in text.text if text else ():
        _run(paragraph, piece, op if op != Op.EQUAL else whole)


def redline_filename(old: Version, new: Version, language: str) -> str:
    return file_name(new, language, "docx", suffix=f"-redline-v{old.number}")
