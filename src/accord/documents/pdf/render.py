"""HTML to PDF/A-3b through WeasyPrint, with text that extracts as written.

WeasyPrint maps each glyph to the text it was first drawn for. In scripts
whose shaping reorders or splits characters (Burmese puts the vowel sign ေ
before its consonant; Indic scripts do the like), a glyph stands for
different text in different clusters, so a PDF reader copying or searching
the text would get it garbled or missing. Each line of such text is therefore
wrapped in a marked-content span carrying its logical text as /ActualText
(ISO 32000-1, 14.9.4), which PDF/A allows and text extractors read. Right-to-
left lines are left alone: their glyphs map one to one and readers reorder
them themselves.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

_COMPLEX_LTR = re.compile(
    "[\u0900-\u0dff"  # Indic scripts
    "\u0e00-\u0fff"  # Thai, Lao, Tibetan
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u1a20-\u1aaf]"  # Khmer, Tai Tham
)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_MARK = "_accord_actual_text"


def _install_actual_text() -> None:
    """Wrap WeasyPrint's line drawing (once per process) as the module says."""
    import pydyf
    from weasyprint.draw import text as draw

    original = draw.draw_first_line
    if getattr(original, _MARK, False):
        return

    def draw_first_line(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        text = getattr(textbox, "text", "")
        if not text.strip() or not _COMPLEX_LTR.search(text) or _RTL.search(text):
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    setattr(draw_first_line, _MARK, True)
    draw.draw_first_line = draw_first_line


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    """Everything a PDF shows is inline: nothing is fetched, from anywhere."""
    raise ValueError(f"Accord's PDFs load no resources ({url[:80]}).")


def html_to_pdf(html: str) -> bytes:
    """A PDF/A-3b file of `html` (which names its fonts; they are embedded)."""
    import weasyprint

    _install_actual_text()
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetching)
    with warnings.catch_warnings():
        # WeasyPrint opens its sRGB profile (the PDF/A output intent) and
        # never closes it; the warning is about its file, not ours.
        warnings.filterwarnings("ignore", r"unclosed file .*sRGB2014\.icc", ResourceWarning)
        pdf = document.write_pdf(pdf_variant="pdf/a-3b")
    assert pdf is not None
    return bytes(pdf)
