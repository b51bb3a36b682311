"""A version of a document as PDF/A-3b: one file per authentic language, or
two languages side by side, aligned by provision.

- a cover page with the document's kind, title, symbol, version label, date
  and content hash (of the published text; of the draft, marked as such, for
  a working copy), the authentic languages, and the illustrative notice;
- the provision tree, headed as each language numbers provisions, with the
  negotiation markup rendered (brackets, options with their attributions,
  proposed deletions struck through) and stale translations marked;
- every script set in its Noto family, embedded (`fonts.py`); a language
  whose font is not installed stops the export with `MissingFont`, which
  names the Debian package to install.
"""

from __future__ import annotations

from pathlib import Path

from django.template import Context, Engine
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override

from accord.core import languages
from accord.core.errors import ValidationError
from accord.documents.exportwords import interface_language
from accord.documents.models import Version

from . import fonts, layout
from .fonts import MissingFont, fonts_available, require_fonts
from .render import html_to_pdf

__all__ = ["MissingFont", "export_pdf", "filename", "fonts_available", "render_html"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENGINE = Engine(dirs=[str(_TEMPLATES)], autoescape=True)


def _document_languages(version: Version) -> list[str]:
    document = version.document
    codes = list(document.authentic_languages)
    if document.working_language not in codes:
        codes.append(document.working_language)
    return codes


_CSS_PLAIN = frozenset(" .,-—–/()·:;'")


def _css_string(value: str) -> str:
    """`value` for a CSS string (`content: "..."`): anything but letters,
    digits and plain punctuation as a CSS escape, so nothing in it can end
    the string or the style sheet."""
    return "".join(c if c.isalnum() or c in _CSS_PLAIN else f"\\{ord(c):x} " for c in value)


def render_html(version: Version, *, language: str, compare: str | None = None) -> str:
    """The HTML the PDF is printed from (useful to look at in a browser)."""
    available = _document_languages(version)
    for code, name in ((language, "language"), (compare, "compare")):
        if code is not None and code not in available:
            raise ValidationError(
                f"{code!r} is not a language of this document ({', '.join(available)}).",
                field=name,
            )
    if compare == language:
        compare = None
    built = layout.build(version, language=language, compare=compare)
    columns = built.columns
    font_css = "\n".join(
        f'[lang="{code}"] {{ font-family: {fonts.stack(code)}; }}\n'
        f'[lang="{code}"] .label, [lang="{code}"] .heading, [lang="{code}"].doc-title, '
        f'[lang="{code}"] h2, [lang="{code}"].title '
        f"{{ font-family: {fonts.stack(code, heading=True)}; }}"
        for code in dict.fromkeys([*columns, built.ui, *version.document.authentic_languages])
    )
    line_heights = {"my": 1.95, "fa": 1.75, "ar": 1.75, "zh": 1.65, "ko": 1.65}
    font_css += "\n" + "\n".join(
        f'[lang="{code}"] {{ line-height: {height}; }}' for code, height in line_heights.items()
    )
    cover = built.cover
    digest = cover.content_hash
    title = " — ".join(
        x
        for x in (languages.pick(version.document.title, language), cover.symbol, cover.label)
        if x
    )
    with override(built.ui):
        context = {
            "layout": built,
            # Style sheets written here from fixed text and known language codes.
            "css": mark_safe((_TEMPLATES / "document.css").read_text(encoding="utf-8")),
            "font_css": mark_safe(font_css),
            "direction": languages.direction(language),
            "ui_direction": languages.direction(built.ui),
            "title": title,
            "author": gettext("Accord"),
            "subject": f"{cover.words['hash']}: {digest}",
            "footer_css": mark_safe(_css_string(f"{built.footer} — ") if built.footer else ""),
            "illustrative_css": mark_safe(_css_string(cover.words["illustrative"])),
            "titles": [(c, languages.direction(c), cover.title[c]) for c in columns],
            "headers": [(c, languages.direction(c), languages.autonym(c)) for c in columns],
            "cover_languages": [(c, languages.direction(c), name) for c, name in cover.languages],
            "hash_parts": [digest[i : i + 16] for i in range(0, len(digest), 16)],
            "no_provisions": gettext("This version has no provisions yet."),
        }
        return _ENGINE.get_template("document.html").render(Context(context))


def export_pdf(version: Version, *, language: str, compare: str | None = None) -> bytes:
    """`version` as a PDF/A-3b file in `language`, or side by side with
    `compare`. Raises ValidationError for a language the document does not
    have and MissingFont when a language's font is not installed."""
    html = render_html(version, language=language, compare=compare)
    ui = interface_language(language)
    require_fonts([language, *([compare] if compare else []), ui])
    return html_to_pdf(html)


def filename(version: Version, language: str, compare: str | None = None) -> str:
    """e.g. `charter-v2-en.pdf`, `charter-v2-en-ru.pdf`."""
    languages_part = f"{language}-{compare}" if compare else language
    return f"{version.document.slug}-v{version.number}-{languages_part}.pdf"
