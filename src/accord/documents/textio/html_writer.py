"""A version in one language as a standalone HTML page: no scripts, no
external resources, a print style sheet, every text escaped, `lang` and
`dir` on the page and on every text (so Persian and Arabic run right to
left), negotiation markup rendered by `markup.to_html`, a note after each
stale translation. The page's own words (cover lines, notes, the words of
the markup) are in its language where the interface is translated into it,
else in English, and say which with their own `lang` and `dir`."""

from __future__ import annotations

from html import escape

from django.utils.translation import gettext, override

from accord.core import languages
from accord.documents.akn.export import read_markup
from accord.documents.concordance import stale_texts
from accord.documents.exportwords import interface_language, markup_words
from accord.documents.models import Version
from accord.documents.selectors import Node, version_tree
from accord.negotiation import markup

from .render import (
    STRUCTURAL,
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

STYLE = """
body { font-family: "Noto Serif", "Noto Serif CJK SC", "Noto Naskh Arabic",
  "Noto Sans Myanmar", serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
  line-height: 1.5; color: #111; }
header.cover { border-bottom: 1px solid #999; margin-bottom: 2em; padding-bottom: 1em; }
header.cover h1 { margin-bottom: .2em; }
.meta { color: #444; font-size: .9em; margin: .2em 0; overflow-wrap: anywhere; }
.note { font-style: italic; color: #555; }
section.provision { margin: .4em 0; }
h2, h3, h4, h5 { margin: 1.2em 0 .4em; page-break-after: avoid; }
.heading { display: block; font-weight: normal; }
.num { display: inline-block; min-width: 2.2em; }
.preamble p { text-indent: 2em; }
.depth-1 { margin-inline-start: 2em; } .depth-2 { margin-inline-start: 4em; }
.depth-3 { margin-inline-start: 6em; } .depth-4 { margin-inline-start: 8em; }
.markup { white-space: pre-line; }
.br { } .attr { font-style: italic; color: #555; font-size: .9em; }
.br-del-text { text-decoration: line-through; }
.opt-label { font-weight: bold; } .no-text { font-style: italic; }
.missing { font-style: italic; color: #777; }
.stale { font-style: italic; color: #8a5a00; border-inline-start: 3px solid #d9a400;
  padding-inline-start: .5em; font-size: .9em; }
@media print { body { margin: 0; max-width: none; } header.cover { page-break-after: always; }
  a { color: inherit; text-decoration: none; } }
@page { margin: 2cm; }
"""


def export_html(version: Version, language: str) -> bytes:
    """`version` in `language` as a standalone, print-friendly HTML page (UTF-8)."""
    check_language(version, language)
    ui = interface_language(language)
    with override(ui):
        return _page(version, language, ui)


def _page(version: Version, language: str, ui: str) -> bytes:
    """The page, written under `override(ui)`."""
    info = cover(version, language)
    codes = codes_of(version.document)
    stale = stale_texts(version)
    direction = languages.direction(language)
    lang = escape(language)
    # The page's own words say their language: the page's, or English.
    words_lang = f' lang="{ui}" dir="{languages.direction(ui)}"'
    words = markup_words(language)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}" dir="{direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Accord">',
        f"<title>{escape(info.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<header class="cover">',
        f"<h1>{escape(info.title)}</h1>",
    ]
    if info.symbol:
        out.append(f'<p class="meta symbol">{escape(info.symbol)}</p>')
    out.append(f'<p class="meta version"{words_lang}>{escape(state_line(info))}</p>')
    out.append(f'<p class="meta hash"{words_lang}>{escape(hash_line(info))}</p>')
    if info.illustrative:
        out.append(f'<p class="note"{words_lang}>{escape(illustrative_line())}</p>')
    out.append("</header>")
    out.append("<main>")

    def text_html(text: str) -> str:
        return markup.to_html(read_markup(text, codes), lang=language, words=words)

    def walk(nodes: list[Node], depth: int) -> None:
        for node in nodes:
            provision = node.provision
            translation = node.texts.get(language)
            heading = translation.heading if translation else ""
            text = translation.text if translation else ""
            kind = provision.kind
            out.append(
                f'<section class="provision {escape(kind)}" id="{escape(provision.eid)}" '
                f'data-uid="{provision.uid}">'
            )
            if kind in STRUCTURAL:
                level = min(2 + depth, 6)
                title = escape(label(kind, provision.number, language))
                if heading:
                    title += f'<span class="heading">{escape(heading)}</span>'
                out.append(f"<h{level}>{title}</h{level}>")
                if text:
                    out.append(f"<p>{text_html(text)}</p>")
            else:
                if heading:
                    out.append(f"<h5>{escape(heading)}</h5>")
                number = inline_number(kind, provision.number)
                shown = f'<span class="num">{escape(number)}</span> ' if number else ""
                css = f' class="depth-{min(depth, 4)}"' if kind == "point" else ""
                if text:
                    out.append(f"<p{css}>{shown}{text_html(text)}</p>")
                elif number:
                    out.append(f"<p{css}>{shown}</p>")
            flag = stale.get(translation.pk) if translation and (text or heading) else None
            if flag is not None:
                note = escape(stale_line(flag))
                out.append(f'<p class="stale"{words_lang}>{note}</p>')
            if not text and not heading and not (kind in STRUCTURAL and node.children):
                missing = gettext("No %(language)s text yet.") % {
                    "language": languages.label(language)
                }
                out.append(f'<p class="missing"{words_lang}>{escape(missing)}</p>')
            walk(node.children, depth + 1)
            out.append("</section>")

    walk(version_tree(version), 0)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out).encode()


def html_filename(version: Version, language: str) -> str:
    return file_name(version, language, "html")
