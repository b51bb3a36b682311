"""What every export of a version shares: the words that label provisions
in each language, how numbers are printed, the stored notation read back as
markup, the facts of the cover page and the note on a stale translation.

The lines written here are in the active language: the writers call them
under `override(interface_language(language))`
(`accord.documents.exportwords`), so that a Russian file speaks Russian
and a Persian one, its interface not translated, English."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from accord.core import languages
from accord.core.errors import ValidationError
from accord.documents.canonical import content_hash
from accord.documents.concordance import StaleText
from accord.documents.exportwords import export_date
from accord.documents.models import Version
from accord.documents.selectors import version_snapshot

# Part, chapter, section, article: '{n}' is the number as stored.
LABELS: dict[str, tuple[str, str, str, str]] = {
    "en": ("Part {n}", "Chapter {n}", "Section {n}", "Article {n}"),
    "ru": ("Часть {n}", "Глава {n}", "Раздел {n}", "Статья {n}"),
    "be": ("Частка {n}", "Глава {n}", "Раздзел {n}", "Артыкул {n}"),
    "fa": ("بخش {n}", "فصل {n}", "گفتار {n}", "ماده {n}"),
    "ar": ("الجزء {n}", "الفصل {n}", "مبحث {n}", "المادة {n}"),
    "zh": ("第{n}部分", "第{n}章", "第{n}节", "第{n}条"),
    "ko": ("제{n}편", "제{n}장", "제{n}절", "제{n}조"),
    "my": ("အပိုင်း {n}", "အခန်း {n}", "အပိုဒ်ခွဲ {n}", "ပုဒ်မ {n}"),
    "fr": ("Partie {n}", "Chapitre {n}", "Section {n}", "Article {n}"),
    "es": ("Parte {n}", "Capítulo {n}", "Sección {n}", "Artículo {n}"),
    "it": ("Parte {n}", "Capitolo {n}", "Sezione {n}", "Articolo {n}"),
    "nl": ("Deel {n}", "Hoofdstuk {n}", "Afdeling {n}", "Artikel {n}"),
    "de": ("Teil {n}", "Kapitel {n}", "Abschnitt {n}", "Artikel {n}"),
}
_INDEX = {"part": 0, "chapter": 1, "section": 2, "article": 3}
STRUCTURAL = frozenset(_INDEX)


def label(kind: str, number: str, language: str) -> str:
    """'Article 4', 'Статья 4', '第4条'; the kind alone when there is no number."""
    templates = LABELS.get(language, LABELS["en"])
    text = templates[_INDEX[kind]].format(n=number or "").strip()
    return " ".join(text.split())


def inline_number(kind: str, number: str) -> str:
    """How a paragraph or point number is printed before its text: '1.' or
    '(a)'; numbers that already carry punctuation are printed as they are."""
    number = number.strip()
    if not number or not number.isalnum():
        return number
    return f"({number})" if kind == "point" else f"{number}."


def check_language(version: Version, language: str) -> None:
    document = version.document
    if language not in document.authentic_languages:
        raise ValidationError(
            f"{language!r} is not an authentic language of this document "
            f"({', '.join(document.authentic_languages)}).",
            field="language",
        )


@dataclass(frozen=True)
class Cover:
    """What the first page says about the version exported."""

    title: str
    symbol: str
    label: str
    number: int
    published: bool
    date: dt.date
    content_hash: str
    illustrative: bool
    kind: str


def cover(version: Version, language: str) -> Cover:
    document = version.document
    published = version.is_published
    when = version.published_at if published and version.published_at else timezone.now()
    digest = version.content_hash if published else content_hash(version_snapshot(version))
    return Cover(
        title=languages.pick(document.title, language) or document.slug,
        symbol=document.symbol,
        label=version.label,
        number=version.number,
        published=published,
        date=timezone.localtime(when).date(),
        content_hash=digest,
        illustrative=document.is_illustrative,
        kind=document.kind,
    )


def state_line(info: Cover) -> str:
    """The version, its state and its date, in the active language."""
    values = {"label": info.label, "number": info.number, "date": export_date(info.date)}
    if info.published:
        return gettext("%(label)s (version %(number)s), published %(date)s") % values
    return (
        gettext(
            "%(label)s (version %(number)s), working copy exported %(date)s: a draft, not published"
        )
        % values
    )


def hash_line(info: Cover) -> str:
    """The content hash, labelled, in the active language."""
    if info.published:
        return gettext("Content hash (SHA-256): %(hash)s") % {"hash": info.content_hash}
    return gettext("Content hash of this draft (SHA-256, changes until published): %(hash)s") % {
        "hash": info.content_hash
    }


def illustrative_line() -> str:
    return gettext("Illustrative text written for a demonstration: not an official text.")


def stale_line(flag: StaleText) -> str:
    """The note after a stale translation, in the active language: what the
    document page and the PDF say."""
    values = {"made_from": flag.made_from, "changed": flag.source_written_in}
    if flag.source_written_in:
        return (
            gettext(
                "Stale translation: made from %(made_from)s; the source text changed in "
                "%(changed)s."
            )
            % values
        )
    return (
        gettext(
            "Stale translation: made from %(made_from)s; the source text changed in a later "
            "version."
        )
        % values
    )


def file_name(version: Version, language: str, extension: str, *, suffix: str = "") -> str:
    draft = "" if version.is_published else "-draft"
    return f"{version.document.slug}.v{version.number}{draft}{suffix}.{language}.{extension}"


def codes_of(document: Any) -> frozenset[str]:
    from accord.documents.services import delegation_codes

    return delegation_codes(document)
