"""Authentic-language parity: stale translations and the concordance check.

**Staleness** (`stale_texts`, a selector). A text records in
`Translation.source_version` the version whose working-language text it was
made from. A text in language L (not the working language W) of provision P
in version V is *stale* when the W text of P in V is no longer the W text it
was made from:

- if P has a W text in the source version S, the text is stale exactly when
  that W text (heading or text; compared after NFC and with runs of
  whitespace made one space) differs from the W text of P in V;
- if it has none there (P, or its W text, came later), the text is stale when
  the W text of P in V was written in a version later than S.

Never stale: a W text (it is the source), a text without a recorded source
(imported, or its source version deleted), a text of a provision with no W
text in V (the concordance check reports that one as missing). The grain is
the version: inside one working copy, a translation made from that working
copy is not flagged if the W text is changed again before it is published.

**Concordance** (`check_concordance`, pure: version snapshots in, a report
out). Two language versions of one version are compared provision by
provision, aligned by identity (uid), never by position. Negotiation markup
is read as the words inside it (bracketed passages and every option; labels
and attributions are not text). Reported, in document order:

- `missing` / `extra`: a heading or text the left language has and the
  right has not, or the reverse;
- `numbers`: figures that differ, as multisets of values. Digits of every
  script count alike (Latin, Persian, Arabic-Indic, Burmese, full-width…,
  read with `unicodedata`), "1,000", "1 000" and "1.000" are 1000 and
  "2.5" and "2,5" are 2.5; Chinese numerals (一二三…十百千万, 〇/零,
  formal 壹贰叁…) count where they are numbers: after 第, after 百分之,
  or before a unit or counter (年 月 日 条 款 项 个 天…), except a lone 一
  (mostly "a", "one whole"); Roman numerals count after a word that numbers
  things (Chapter, Part, century, глава, век, siècle…); a month written as
  a word next to a figure ("10 December 1948", «10 декабря») counts as its
  number, as 12月/12월 does. Numbers spelled out in words ("three",
  «три») are not read. Figures inside a cross-reference are left to:
- `references`: the articles cited ("Article 5", "Articles 5 and 6",
  «статья 5», "المادة 5", "ماده ۵", "第五条", "제5조", "Artikel 5"…) that
  differ, as multisets of article numbers;
- `terms`: short passages in quotation marks ("…", “…”, «…», „…“, ‘…’,
  「…」, 『…』) — defined terms — when one language quotes more or fewer
  of them in a provision than the other.
"""

from accord.documents.concordance.check import (
    KIND_LABELS,
    Discrepancy,
    Kind,
    Report,
    check_concordance,
    describe,
    provision_labels,
)
from accord.documents.concordance.reading import (
    ascii_digits,
    chinese_number,
    chinese_value,
    defined_terms,
    figure_values,
    month_of,
    numbers,
    plain_text,
    references,
    roman_number,
)
from accord.documents.concordance.report import VersionReport, version_report
from accord.documents.concordance.stale import StaleText, stale_texts

__all__ = [
    "KIND_LABELS",
    "Discrepancy",
    "Kind",
    "Report",
    "StaleText",
    "VersionReport",
    "ascii_digits",
    "check_concordance",
    "chinese_number",
    "chinese_value",
    "defined_terms",
    "describe",
    "figure_values",
    "month_of",
    "numbers",
    "plain_text",
    "provision_labels",
    "references",
    "roman_number",
    "stale_texts",
    "version_report",
]
