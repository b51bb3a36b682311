"""What a PDF shows, worked out before any HTML is written: the cover, and the
provisions as rows of one or two language cells aligned by provision.

Headings are written the way each language numbers its provisions ("Article
5", «Статья 5», "ماده ۵", "第五条", "제5조", "အပိုဒ် ၅"); the words the
platform itself writes (cover labels, "delete", "no text") are in the
language of the PDF where the interface is translated into it, else in
English (`accord.documents.exportwords`, as in the Word and HTML files).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, override

from accord.core import languages
from accord.documents.canonical import ProvisionSnapshot, TextSnapshot, content_hash
from accord.documents.concordance import StaleText, roman_number, stale_texts
from accord.documents.enums import ProvisionKind
from accord.documents.exportwords import export_date, interface_language, markup_words
from accord.documents.models import Provision, Translation, Version
from accord.documents.selectors import provisions_with_texts
from accord.negotiation import markup
from accord.negotiation.markup.model import CODE_PATTERN

STRUCTURAL = frozenset(
    {ProvisionKind.PART, ProvisionKind.CHAPTER, ProvisionKind.SECTION, ProvisionKind.ARTICLE}
)

# How each language writes "Article 5" and its siblings; {n} is the number.
NUMBERED: dict[str, dict[str, str]] = {
    ProvisionKind.ARTICLE: {
        "en": "Article {n}", "ru": "Статья {n}", "be": "Артыкул {n}", "fr": "Article {n}",
        "es": "Artículo {n}", "it": "Articolo {n}", "nl": "Artikel {n}", "de": "Artikel {n}",
        "ar": "المادة {n}", "fa": "ماده {n}", "my": "အပိုဒ် {n}", "ko": "제{n}조",
        "zh": "第{n}条",
    },
    ProvisionKind.CHAPTER: {
        "en": "Chapter {n}", "ru": "Глава {n}", "be": "Глава {n}", "fr": "Chapitre {n}",
        "es": "Capítulo {n}", "it": "Capitolo {n}", "nl": "Hoofdstuk {n}", "de": "Kapitel {n}",
        "ar": "الفصل {n}", "fa": "فصل {n}", "my": "အခန်း {n}", "ko": "제{n}장", "zh": "第{n}章",
    },
    ProvisionKind.PART: {
        "en": "Part {n}", "ru": "Часть {n}", "be": "Частка {n}", "fr": "Partie {n}",
        "es": "Parte {n}", "it": "Parte {n}", "nl": "Deel {n}", "de": "Teil {n}",
        "ar": "الجزء {n}", "fa": "بخش {n}", "my": "အပိုင်း {n}", "ko": "제{n}편", "zh": "第{n}编",
    },
    ProvisionKind.SECTION: {
        "en": "Section {n}", "ru": "Раздел {n}", "be": "Раздзел {n}", "fr": "Section {n}",
        "es": "Sección {n}", "it": "Sezione {n}", "nl": "Afdeling {n}", "de": "Abschnitt {n}",
        "ar": "القسم {n}", "fa": "مبحث {n}", "my": "ပုဒ်မ {n}", "ko": "제{n}절", "zh": "第{n}节",
    },
}  # fmt: skip

_DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹", "my": "၀၁၂၃၄၅၆၇၈၉"}
_HAN_DIGITS = "零一二三四五六七八九"
# The counter style of page numbers (CSS Counter Styles) per language.
PAGE_COUNTER = {"fa": "persian", "my": "myanmar"}


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 105 → 一百零五, 1948 → 一千九百四十八 (below 10,000)."""
    if not 0 < value < 10_000:
        return str(value)
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if zero:
                out.append("零")
            zero = False
            out.append(("" if unit == 10 and not out and digit == 1 else _HAN_DIGITS[digit]) + name)
        elif out:
            zero = True
    return "".join(out)


def local_number(number: str, language: str) -> str:
    """A provision number as `language` writes it: Persian and Burmese digits,
    Chinese numerals in Chinese (Roman numerals too, in Chinese and Korean)."""
    code = language.split("-")[0]
    core = number.strip().rstrip(".")
    value = int(core) if core.isascii() and core.isdigit() else roman_number(core)
    if code == "zh" and value:
        return chinese_numeral(value)
    if code in ("ko", "ar", "fa", "my") and value:
        core = str(value)  # Roman numerals are Latin: these write chapters in digits
    if code in _DIGITS:
        return "".join(_DIGITS[code][int(c)] if c.isascii() and c.isdigit() else c for c in core)
    return core


def provision_label(kind: str, number: str, language: str) -> str:
    """ "Article 5", «Статья 5», "第五条": how a structural provision is headed."""
    pattern = NUMBERED.get(kind, {}).get(language.split("-")[0])
    if pattern is None:
        pattern = NUMBERED.get(kind, {}).get("en", "{n}")
    return pattern.format(n=local_number(number, language)).strip() if number else ""


def inline_number(kind: str, number: str, language: str) -> str:
    """ "1." before a paragraph, "(a)" before a point, in the language's digits."""
    core = number.strip()
    if core.endswith(".") and core[:-1].isalnum():
        core = core[:-1]  # "1." is paragraph 1
    if not core:
        return ""
    if not core.isalnum():
        return core  # "(a)", "1 bis": printed as written
    shown = local_number(core, language)
    if language.split("-")[0] == "zh" and shown != core:  # 一、 and （一）
        return f"（{shown}）" if kind == ProvisionKind.POINT else f"{shown}、"
    return f"({shown})" if kind == ProvisionKind.POINT else f"{shown}."


def text_html(text: str, language: str, words: markup.Words) -> SafeString:
    """A stored text as HTML: markup rendered (brackets, struck-through
    deletions, options with attributions), everything escaped. Text stored
    before markup was checked is shown as it is."""
    if not text:
        return mark_safe("")
    if not any(c in text for c in "[]{}\\"):
        return escape(text)
    try:
        parsed = markup.parse(text, delegations=set(CODE_PATTERN.findall(text)))
    except markup.MarkupError:
        return escape(text)
    return mark_safe(markup.to_html(parsed, lang=language, words=words))  # to_html escapes


@dataclass
class Cell:
    language: str
    direction: str
    label: str = ""
    number: str = ""
    heading: str = ""
    html: SafeString = field(default_factory=lambda: mark_safe(""))
    missing: str = ""
    stale: str = ""


@dataclass
class Row:
    eid: str
    kind: str
    depth: int
    structural: bool
    cells: list[Cell]


@dataclass
class Cover:
    title: dict[str, str]
    symbol: str
    kind: str
    label: str
    published: bool
    date: str
    iso_date: str
    content_hash: str
    languages: list[tuple[str, str]]
    illustrative: bool
    stale_count: int
    words: dict[str, str]


@dataclass
class Layout:
    language: str
    compare: str | None
    ui: str
    cover: Cover
    rows: list[Row]
    page_counter: str
    footer: str

    @property
    def columns(self) -> list[str]:
        return [self.language, self.compare] if self.compare else [self.language]


def _snapshot(provisions: list[Provision]) -> list[ProvisionSnapshot]:
    uid_of = {p.pk: str(p.uid) for p in provisions}
    return [
        ProvisionSnapshot(
            uid=str(p.uid),
            kind=p.kind,
            parent_uid=uid_of.get(p.parent_id) if p.parent_id else None,
            number=p.number,
            texts=tuple(TextSnapshot(t.language, t.heading, t.text) for t in p.texts.all()),
        )
        for p in provisions
    ]


def _date(moment: dt.datetime, ui: str) -> str:
    with override(ui):
        return export_date(timezone.localtime(moment, dt.UTC).date())


def _cell(
    provision: Provision,
    text: Translation | None,
    language: str,
    words: markup.Words,
    stale: dict[int, StaleText],
) -> Cell:
    cell = Cell(language=language, direction=languages.direction(language))
    if provision.kind in STRUCTURAL:
        cell.label = provision_label(provision.kind, provision.number, language)
    else:
        cell.number = inline_number(provision.kind, provision.number, language)
    if text is None or not (text.heading or text.text):
        # Said only where another language has words here: an article made
        # of paragraphs has no text of its own in any language.
        if any(t.heading or t.text for t in provision.texts.all()):
            cell.missing = gettext("No text in this language for this provision yet.")
        return cell
    cell.heading = text.heading
    cell.html = text_html(text.text, language, words)
    flag = stale.get(text.pk)
    if flag is not None:
        cell.stale = gettext(
            "Translation not yet revised: made from %(made_from)s; the source text "
            "changed in %(changed)s."
        ) % {
            "made_from": flag.made_from,
            "changed": flag.source_written_in or gettext("a later version"),
        }
    return cell


def build(version: Version, *, language: str, compare: str | None = None) -> Layout:
    """Everything the PDF of `version` in `language` (side by side with
    `compare`) shows. A constant number of queries."""
    document = version.document
    ui = interface_language(language)
    provisions = provisions_with_texts(version)
    stale = stale_texts(version)
    columns = [language, compare] if compare else [language]
    with override(ui):
        word_sets = {code: markup_words(code) for code in columns}
        rows = [
            Row(
                eid=p.eid,
                kind=p.kind,
                depth=p.depth,
                structural=p.kind in STRUCTURAL,
                cells=[
                    _cell(
                        p,
                        next((t for t in p.texts.all() if t.language == code), None),
                        code,
                        word_sets[code],
                        stale,
                    )
                    for code in columns
                ],
            )
            for p in provisions
        ]
        if version.is_published and version.published_at:
            date, moment = _date(version.published_at, ui), version.published_at
            digest = version.content_hash
        else:
            moment = timezone.now()
            date, digest = _date(moment, ui), content_hash(_snapshot(provisions))
        shown = {t.pk for p in provisions for t in p.texts.all() if t.language in columns}
        cover = Cover(
            title={code: languages.pick(document.title, code) for code in columns},
            symbol=document.symbol,
            kind=document.get_kind_display(),
            label=version.label,
            published=version.is_published,
            date=date,
            iso_date=timezone.localtime(moment, dt.UTC).date().isoformat(),
            content_hash=digest,
            languages=[(c, languages.autonym(c)) for c in document.authentic_languages],
            illustrative=document.is_illustrative,
            stale_count=len(shown & set(stale)),
            words=_cover_words(),
        )
        footer = " · ".join(x for x in (document.symbol, version.label) if x)
    return Layout(
        language=language,
        compare=compare,
        ui=ui,
        cover=cover,
        rows=rows,
        page_counter=PAGE_COUNTER.get(language.split("-")[0], "decimal"),
        footer=footer,
    )


def _cover_words() -> dict[str, str]:
    return {
        "symbol": gettext("Symbol"),
        "version": gettext("Version"),
        "date": gettext("Date"),
        "published": gettext("Published"),
        "working": gettext("Working copy — a draft, not published; it may still change"),
        "hash": gettext("Content hash (SHA-256)"),
        "draft_hash": gettext("Draft content hash (SHA-256)"),
        "languages": gettext("Authentic languages"),
        "illustrative": gettext("Illustrative text — not an official text"),
        "stale": gettext(
            "Some translations in this file were made from an earlier version of the "
            "working-language text; they are marked where they stand."
        ),
        "page": gettext("Page"),
    }
