"""Template helpers for texts in several languages, text direction and venue times.

{% load accord_tags %}
<p lang="{{ code }}" dir="{{ code|text_dir }}">{{ party.names|pick:code }}</p>
{% venue_time venue meeting.starts_at as t %}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language

from accord.core import languages

register = template.Library()


@register.filter
def pick(texts: dict[str, str] | None, language: str | None = None) -> str:
    """The text of a {language: text} field in `language` (default: the active
    interface language), falling back to English, then to any language."""
    return languages.pick(texts, language or get_language() or "en")


@register.filter
def pick_lang(texts: dict[str, str] | None, language: str | None = None) -> str:
    """The language code of the text `pick` chooses, for the `lang` attribute."""
    if not texts:
        return language or get_language() or "en"
    wanted = language or get_language() or "en"
    for code in (wanted, wanted.split("-")[0], "en"):
        if texts.get(code):
            return code
    return next((code for code, text in texts.items() if text), wanted)


@register.filter
def text_dir(code: str | None) -> str:
    """'rtl' or 'ltr' for the dir attribute of a text block in language `code`."""
    return languages.direction(code or "en")


@register.filter
def lang_label(code: str) -> str:
    """The language's name in the interface language, e.g. 'Russian'."""
    return languages.label(code)


@register.filter
def autonym(code: str) -> str:
    """The language's name in itself, e.g. 'Русский'."""
    return languages.autonym(code)


@register.filter
def texts_items(texts: dict[str, str] | None) -> list[tuple[str, str]]:
    """(code, text) pairs of a {language: text} field, English and Russian first."""
    if not texts:
        return []
    order = list(languages.TEXT_LANGUAGES)
    return sorted(
        ((code, text) for code, text in texts.items() if text),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )


@register.filter
def short_hash(value: str | None, length: int = 12) -> str:
    return (value or "")[: int(length)]


@dataclass(frozen=True)
class VenueTime:
    """A moment as the clock on the wall of a venue shows it."""

    local: dt.datetime
    date: str
    time: str
    offset: str
    iso: str


def _offset_label(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\N{MINUS SIGN}"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"


@register.simple_tag
def venue_time(venue: Any, moment: dt.datetime | None) -> VenueTime | None:
    """`moment` (aware, stored in UTC) in the venue's time zone, formatted."""
    if moment is None:
        return None
    local = venue.local(moment)
    return VenueTime(
        local=local,
        date=formats.date_format(local, "j E Y"),  # E: genitive month where the language has one
        time=formats.time_format(local, "H:i"),
        offset=_offset_label(local),
        iso=local.isoformat(),
    )


@register.filter
def text_in(texts: dict[str, Any] | None, language: str) -> Any:
    """The entry of a {language: value} mapping for `language`, or None."""
    return (texts or {}).get(language)


@register.filter
def inline_number(provision: Any) -> str:
    """How a paragraph or point number is printed before its text: '1.' or '(a)';
    numbers that already carry punctuation are printed as they are."""
    number = (getattr(provision, "number", "") or "").strip()
    if not number or not number.isalnum():
        return number
    if provision.kind == "point":
        return f"({number})"
    return f"{number}."


@register.filter
def rendered_by(translation: Any, renderer: Any) -> str:
    """`{{ t|rendered_by:texts }}`: a provision text as HTML with its
    negotiation markup, through the page's renderer."""
    if not translation or not translation.text:
        return ""
    return renderer.html(translation.text, translation.language)
