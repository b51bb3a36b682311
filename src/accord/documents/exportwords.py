"""The words an export writes itself, and the language they are in.

The PDF, Word and HTML files of a text carry words of their own besides
the text: cover lines, notes (a stale translation, a missing text), the
words of the negotiation markup ("delete", "no text"), dates. They are in
the language of the file when Accord's interface is translated into it,
else in English: a Russian delegation's file speaks Russian throughout, a
Persian one has its notes in English. One rule for every export, here.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext, override

from accord.negotiation import markup


def interface_language(language: str) -> str:
    """The language an export of a text in `language` writes its own words
    in: `language` if the interface is translated into it, else English."""
    translated = {code for code, _name in settings.LANGUAGES}
    return language if language in translated else "en"


def markup_words(language: str) -> markup.Words:
    """The words written into the markup of a text in `language`, and
    their language."""
    ui = interface_language(language)
    with override(ui):
        return markup.Words(delete=gettext("delete"), no_text=gettext("no text"), lang=ui)


def export_date(day: dt.date) -> str:
    """`day` as the active language writes a date in full: "28 November
    2026", «28 ноября 2026» (the month in the genitive, as a Russian date
    reads; "F" would give the nominative, «28 Ноябрь 2026»)."""
    return formats.date_format(day, "j E Y")
