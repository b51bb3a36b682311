"""What the lines of a charter look like: the words that open a part, a
chapter, a section or an article in the languages Accord holds texts in, the
markers of numbered paragraphs and lettered points, the words that open a
recital or a closing formula. Used by the Markdown, plain-text and Word
readers alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import CJK_NUMERAL

KEYWORDS: dict[str, tuple[str, ...]] = {
    "part": ("part", "partie", "parte", "teil", "deel", "часть", "частка", "بخش", "الجزء", "အပိုင်း"),
    "chapter": (
        "chapter", "chapitre", "capítulo", "capitulo", "capitolo", "kapitel", "hoofdstuk",
        "глава", "فصل", "الفصل", "အခန်း",
    ),
    "section": (
        "section", "sección", "seccion", "sezione", "secção", "abschnitt", "afdeling",
        "раздел", "раздзел", "مبحث", "گفتار", "အပိုဒ်ခွဲ",
    ),
    "article": (
        "article", "art.", "artículo", "articulo", "articolo", "artigo", "artikel", "статья",
        "стаття", "артыкул", "ماده", "مادهٔ", "المادة", "مادة", "ပုဒ်မ",
    ),
}  # fmt: skip
RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3}

_NUMBER = r"(?:\d+[a-z]?|[IVXLCDM]+|[ivxlcdm]+|premier|première|1er|1re|first|one|two|three)"
_KEYWORD_LINE = re.compile(
    r"^(?P<label>(?P<word>"
    + "|".join(re.escape(w) for words in KEYWORDS.values() for w in sorted(words, key=len)[::-1])
    + r")\s*(?P<number>"
    + _NUMBER
    + r"))(?![\w])[\s.:,;–—-]*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_CJK_LINE = re.compile(
    r"^(?P<label>第\s*(?P<number>[0-9０-９IVXLCDM"
    + CJK_NUMERAL
    + r"]+)\s*(?P<unit>编|編|部分|章|节|節|条|條))[\s：:、.,，]*(?P<rest>.*)$",
    re.DOTALL,
)
_KOREAN_LINE = re.compile(
    r"^(?P<label>제\s*(?P<number>\d+|[IVXLCDM]+)\s*(?P<unit>편|장|절|조))[\s.:,]*(?P<rest>.*)$",
    re.DOTALL,
)
_CJK_UNIT = {"编": "part", "編": "part", "部分": "part", "章": "chapter", "节": "section"}
_CJK_UNIT |= {"節": "section", "条": "article", "條": "article"}
_KOREAN_UNIT = {"편": "part", "장": "chapter", "절": "section", "조": "article"}
_KIND_OF_WORD = {w.casefold(): kind for kind, words in KEYWORDS.items() for w in words}


@dataclass(frozen=True)
class Heading:
    """A line that opens a part, chapter, section or article."""

    kind: str
    label: str
    number: str
    rest: str


def structural(line: str) -> Heading | None:
    """'Article 4', 'CHAPTER I, PURPOSES AND PRINCIPLES', '第四条', '제1조(목적)'…"""
    line = line.strip()
    if not line or len(line) > 400:
        return None
    match = _KEYWORD_LINE.match(line)
    if match:
        kind = _KIND_OF_WORD[match["word"].casefold()]
        rest = match["rest"].strip()
        if rest[:1].islower() or (len(rest) > 200 and rest.endswith(".")):
            return None  # "Article 5 of the Charter applies…": a sentence, not a heading
        return Heading(kind, match["label"], match["number"], rest)
    for pattern, units in ((_CJK_LINE, _CJK_UNIT), (_KOREAN_LINE, _KOREAN_UNIT)):
        found = pattern.match(line)
        if found:
            rest = found["rest"].strip().strip("()（）")
            return Heading(units[found["unit"]], found["label"], found["number"], rest)
    return None


# Markers of numbered paragraphs and points: '1.', '1)', '(1)', '1.2', 'a)',
# '(a)', 'a.', '(iv)', '-', '•'. `tight` is true when no space follows the
# marker (a conversion defect: '1.To').
_MARKER = re.compile(
    r"""^(?:
        (?P<multi>\d{1,3}(?:\.\d{1,3})+)\.?(?=\s)
      | (?P<dec>\d{1,3})(?P<decp>[.)])(?!\d)
      | \((?P<pdec>\d{1,3})\)
      | (?P<let>[a-z]{1,2}|[ivxl]{1,5})(?P<letp>\))
      | (?P<dot>[a-z])\.(?=\s)
      | \((?P<plet>[a-z]{1,2}|[ivxl]{1,5})\)
      | (?P<bul>[-*•–—▪◦·])(?=\s)
    )(?P<space>\s*)(?P<rest>.*)$""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Marker:
    """A numbered or lettered start of a block. `style` tells markers of
    different levels apart ('dec.', 'let)', 'plet', 'bul', 'multi2'…);
    `family` is 'number', 'letter' or 'bullet'."""

    style: str
    family: str
    value: str
    rest: str
    tight: bool


def marker(text: str) -> Marker | None:
    match = _MARKER.match(text.lstrip())
    if match is None:
        return None
    rest = match["rest"]
    tight = bool(rest) and not match["space"]
    if tight and (not rest or not rest[0].isalpha()):
        return None  # '1.5 million', '3.-', 'a)b'
    if match["multi"]:
        value = match["multi"]
        if rest[:1].islower():
            return None  # '1.5 million'
        return Marker(f"multi{value.count('.') + 1}", "number", value, rest, tight)
    if match["dec"]:
        return Marker(f"dec{match['decp']}", "number", match["dec"], rest, tight)
    if match["pdec"]:
        return Marker("pdec", "number", match["pdec"], rest, tight)
    if match["let"]:
        return Marker(f"let{match['letp']}", "letter", match["let"], rest, tight)
    if match["dot"]:
        return Marker("let.", "letter", match["dot"], rest, tight)
    if match["plet"]:
        return Marker("plet", "letter", match["plet"], rest, tight)
    if tight:
        return None
    return Marker("bul", "bullet", "", rest, tight)


CLOSING = re.compile(
    r"^(?:in faith whereof|in witness whereof|done at|done in|en foi de quoi|fait à|"
    r"en fe de lo cual|hecho en|ten blijke waarvan|gedaan te|zu urkund dessen|"
    r"в удостоверение чего|совершено в)\b",
    re.IGNORECASE,
)
PREAMBLE_WORDS = re.compile(
    r"^(?:preamble|préambule|preámbulo|preambolo|präambel|преамбула)\W*$", re.I
)
_RECITAL = (
    r"That|Considering|Recognizing|Recognising|Noting|Whereas|Believing|Desiring|Convinced|"
    r"Reaffirming|Recalling|Determined|Mindful|Bearing in mind|For these reasons|"
    r"In consequence whereof|Now, therefore|Dat|Om deze redenen|In overeenstemming hiermee|"
    r"Considérant|Reconnaissant|Que|Considerando|Reconociendo"
)
RECITAL_SPLIT = re.compile(r"(?<=[;:.])\s+(?=(?:" + _RECITAL + r")\b)")
NUMBERED_HEADING = re.compile(r"^(?P<number>[IVXLC]+|[A-Z]|\d{1,2})[.)]\s+(?P<rest>\S.*)$")
