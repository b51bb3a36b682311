"""Word (.docx) files as blocks, through python-docx.

Paragraph styles give headings ('Title', 'Heading 1'…, or an outline
level); Word's automatic numbering is resolved into the number it shows
('1.', 'a)', '(iv)', bullets), so numbered paragraphs and lettered points
are detected as in typed text. Tracked changes are read as accepted
(insertions kept, deletions left out); tables are read cell by cell; text
boxes, comments, footnotes and images are left out. A Word file that
Accord exported is recognised by its styles ('Accord Article'…) and its
notation part, which gives back each text exactly as it was stored as long
as it was not edited in Word.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx

from accord.core.errors import ValidationError

from .blocks import Block, clean_characters
from .safezip import open_docx
from .warnings import Warnings

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTATION_RELTYPE = "urn:x-accord:docx:notation"
NOTATION_PART = "/customXml/accord-notation.json"
ACCORD_STYLES: dict[str, tuple[str, int]] = {
    "Accord Title": ("title", 0),
    "Accord Cover": ("cover", 0),
    "Accord Note": ("cover", 0),
    "Accord Preamble": ("preamble", 0),
    "Accord Part": ("part", 0),
    "Accord Chapter": ("chapter", 0),
    "Accord Section": ("section", 0),
    "Accord Article": ("article", 0),
    "Accord Text": ("text", 0),
    "Accord Paragraph": ("paragraph", 0),
    "Accord Point": ("point", 1),
    "Accord Point 2": ("point", 2),
    "Accord Point 3": ("point", 3),
    "Accord Point 4": ("point", 4),
    "Accord Subheading": ("subheading", 0),
}
_HEADING = re.compile(r"^heading\s*(\d)$", re.I)
_SKIP_ANCESTORS = frozenset({f"{W}del", f"{W}moveFrom", f"{W}txbxContent"})
_NUMBER_PREFIX = re.compile(r"^(\S{1,12})\t")


@dataclass
class Style:
    name: str
    based_on: str | None = None
    num: tuple[str, int] | None = None
    outline: int | None = None


@dataclass
class Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)
    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.abstract.get(self.nums.get(num_id, ""), {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return "-"
        counts = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        start = self.starts.get((num_id, ilvl), level.start)
        counts[ilvl] = counts.get(ilvl, start - 1) + 1

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            at = levels.get(index)
            count = counts.get(index, at.start if at else 1)
            return _format(count, at.fmt if at else "decimal")

        return re.sub(r"%(\d)", value, level.text)


def _format(count: int, fmt: str) -> str:
    from .numbers import to_roman

    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = count
        while n > 0:
            n, remainder = divmod(n - 1, 26)
            letters = chr(97 + remainder) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt == "lowerRoman":
        return to_roman(count).lower()
    if fmt == "upperRoman":
        return to_roman(count)
    return str(count)


def _val(element: Any, path: str) -> str | None:
    found = element.find(path)
    return found.get(f"{W}val") if found is not None else None


def _styles(document: Any) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for element in document.styles.element.findall(f"{W}style"):
        style_id = element.get(f"{W}styleId") or ""
        name = _val(element, f"{W}name") or style_id
        num_id = _val(element, f"{W}pPr/{W}numPr/{W}numId")
        ilvl = _val(element, f"{W}pPr/{W}numPr/{W}ilvl")
        outline = _val(element, f"{W}pPr/{W}outlineLvl")
        styles[style_id] = Style(
            name=name,
            based_on=_val(element, f"{W}basedOn"),
            num=(num_id, int(ilvl or 0)) if num_id and num_id != "0" else None,
            outline=int(outline) if outline and outline.isdigit() else None,
        )
    return styles


def _numbering(document: Any) -> Numbering:
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    for abstract in root.findall(f"{W}abstractNum"):
        levels: dict[int, Level] = {}
        for lvl in abstract.findall(f"{W}lvl"):
            ilvl = int(lvl.get(f"{W}ilvl") or 0)
            start = _val(lvl, f"{W}start")
            levels[ilvl] = Level(
                fmt=_val(lvl, f"{W}numFmt") or "decimal",
                text=_val(lvl, f"{W}lvlText") or "",
                start=int(start) if start and start.isdigit() else 1,
            )
        numbering.abstract[abstract.get(f"{W}abstractNumId") or ""] = levels
    for num in root.findall(f"{W}num"):
        num_id = num.get(f"{W}numId") or ""
        numbering.nums[num_id] = _val(num, f"{W}abstractNumId") or ""
        for override in num.findall(f"{W}lvlOverride"):
            start = _val(override, f"{W}startOverride")
            if start and start.isdigit():
                numbering.starts[(num_id, int(override.get(f"{W}ilvl") or 0))] = int(start)
    return numbering


def paragraph_text(p: Any) -> str:
    """The text Word shows for a paragraph, with tracked changes accepted."""
    out: list[str] = []
    for run in p.iter(f"{W}r"):
        parent = run.getparent()
        skip = False
        while parent is not None and parent is not p:
            if parent.tag in _SKIP_ANCESTORS:
                skip = True
                break
            parent = parent.getparent()
        if skip:
            continue
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append(" " if child.get(f"{W}type") in ("page", "column") else "\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
    return "".join(out)


def _body_paragraphs(body: Any, warnings: Warnings) -> Iterator[Any]:
    for child in body:
        if child.tag == f"{W}p":
            yield child
        elif child.tag == f"{W}tbl":
            warnings.add("a table was imported as text, cell by cell")
            yield from (p for p in child.iter(f"{W}p"))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_paragraphs(content, warnings)


def _inherited(styles: dict[str, Style], style_id: str | None) -> tuple[str, Any, int | None]:
    """Name, numbering and outline level of a style, following basedOn."""
    name, num, outline = "", None, None
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        name = name or style.name
        num = num or style.num
        outline = outline if outline is not None else style.outline
        style_id = style.based_on
    return name, num, outline


@dataclass
class WordFile:
    blocks: list[Block]
    language: str = ""
    title: str = ""
    symbol: str = ""
    kind: str = ""
    accord: bool = False


def read_docx(data: bytes, *, warnings: Warnings, name: str = "The file") -> WordFile:
    """The blocks of a Word file (refused with ValidationError when hostile or broken)."""
    open_docx(data, name=name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise ValidationError(
            f"{name} could not be read as a Word document ({type(exc).__name__}: {exc}).",
            field="file",
        ) from exc
    notations = _notations(document)
    styles = _styles(document)
    numbering = _numbering(document)
    default_style = next(
        (
            e.get(f"{W}styleId")
            for e in document.styles.element.findall(f"{W}style")
            if e.get(f"{W}default") == "1" and e.get(f"{W}type") == "paragraph"
        ),
        None,
    )
    blocks: list[Block] = []
    accord = False
    for p in _body_paragraphs(document.element.body, warnings):
        raw = clean_characters(paragraph_text(p))
        text = raw.strip()
        ppr = p.find(f"{W}pPr")
        style_id = _val(ppr, f"{W}pStyle") if ppr is not None else None
        name_, style_num, outline = _inherited(styles, style_id or default_style)
        if name_ in ACCORD_STYLES:
            accord = True
            kind, level = ACCORD_STYLES[name_]
            if kind == "cover" or not text:
                continue
            blocks.append(_accord_block(kind, level, raw.lstrip(), notations))
            continue
        if not text:
            continue
        num = style_num
        if ppr is not None:
            num_id = _val(ppr, f"{W}numPr/{W}numId")
            if num_id is not None:
                ilvl = _val(ppr, f"{W}numPr/{W}ilvl")
                num = (num_id, int(ilvl or 0)) if num_id != "0" else None
            own_outline = _val(ppr, f"{W}outlineLvl")
            if own_outline and own_outline.isdigit():
                outline = int(own_outline)
        if num is not None:
            label = numbering.label(num[0], num[1])
            if label:
                text = f"{label} {text}"
        heading = 0
        found = _HEADING.match(name_)
        if name_.lower() in ("title", "subtitle"):
            heading = 1
        elif found:
            heading = int(found.group(1))
        elif outline is not None and outline < 9:
            heading = outline + 1
        blocks.append(Block(text.replace("\t", " ") if not heading else text, heading=heading))
    properties = document.core_properties
    return WordFile(
        blocks=blocks,
        language=(properties.language or "").split("-")[0].lower() if accord else "",
        title=properties.title or "",
        symbol=(properties.subject or "") if accord else "",
        kind=(properties.category or "") if accord else "",
        accord=accord,
    )


def _accord_block(kind: str, level: int, text: str, notations: dict[str, list[str]]) -> Block:
    if kind in ("paragraph", "point", "preamble"):
        number = ""
        found = _NUMBER_PREFIX.match(text)
        if found:
            number = found.group(1).strip("().")
            text = text[found.end() :]
        text = text.strip()
        candidates = notations.get(text)
        notation = candidates.pop(0) if candidates else None
        return Block(text, style=kind, number=number, level=level, notation=notation)
    text = text.strip()
    if kind == "text":
        candidates = notations.get(text)
        return Block(text, style="text", notation=candidates.pop(0) if candidates else None)
    if kind == "subheading":
        return Block(text, heading=3)
    if kind == "title":
        return Block(text, heading=1, style="title")
    return Block(text, style=kind)


def _notations(document: Any) -> dict[str, list[str]]:
    """The stored notation of each text of an Accord export, by the text Word shows."""
    for rel in document.part.rels.values():
        if rel.reltype != NOTATION_RELTYPE or rel.is_external:
            continue
        try:
            data = json.loads(rel.target_part.blob)
        except (ValueError, UnicodeDecodeError):
            return {}
        if not isinstance(data, dict) or not isinstance(data.get("texts"), list):
            return {}
        found: dict[str, list[str]] = {}
        for pair in data["texts"]:
            if (
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(value, str) for value in pair)
            ):
                found.setdefault(pair[0], []).append(pair[1])
        return found
    return {}


__all__ = ["NOTATION_PART", "NOTATION_RELTYPE", "WordFile", "read_docx"]
