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

from __future__ import annotations

import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Prefetch
from django.utils.translation import gettext, gettext_lazy

from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.enums import ProvisionKind
from accord.documents.models import Translation, Version
from accord.negotiation import markup
from accord.negotiation.markup.model import CODE_PATTERN


class Kind(StrEnum):
    MISSING = "missing"
    EXTRA = "extra"
    NUMBERS = "numbers"
    REFERENCES = "references"
    TERMS = "terms"


KIND_LABELS = {
    Kind.MISSING: gettext_lazy("Missing"),
    Kind.EXTRA: gettext_lazy("Extra"),
    Kind.NUMBERS: gettext_lazy("Numbers differ"),
    Kind.REFERENCES: gettext_lazy("Cross-references differ"),
    Kind.TERMS: gettext_lazy("Defined terms differ"),
}
_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


@dataclass(frozen=True)
class Discrepancy:
    """One finding. `left` and `right` are what each language has that the
    other lacks: the parts ("heading", "text") for missing and extra, the
    values for numbers and references (sorted, repeated as often as they are
    in excess), and every quoted term of each side for terms."""

    kind: Kind
    uid: str
    label: str
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


@dataclass
class Report:
    left: str
    right: str
    compared: int = 0
    discrepancies: list[Discrepancy] = field(default_factory=list)

    @property
    def concordant(self) -> bool:
        return not self.discrepancies

    def counts(self) -> dict[str, int]:
        counted = Counter(d.kind.value for d in self.discrepancies)
        return {kind.value: counted[kind.value] for kind in Kind}


# --- Reading a text ---------------------------------------------------------------------

_MARKUP = frozenset("[]{}\\")


def plain_text(text: str) -> str:
    """The words of a stored text: its markup's text runs (bracketed passages
    and every option), separated where markup stood between them."""
    if _MARKUP.isdisjoint(text):
        return text
    try:
        parsed = markup.parse(text, delegations=set(CODE_PATTERN.findall(text)))
    except markup.MarkupError:
        return text
    parts: list[str] = []
    for segment in markup.segments(parsed):
        parts.append(segment.text if isinstance(segment, markup.TextRun) else " ")
    return "".join(parts)


def ascii_digits(text: str) -> str:
    """Decimal digits of any script as ASCII digits: '۱۲' → '12', '၅' → '5'."""
    return "".join(
        str(unicodedata.decimal(c))
        if not c.isascii() and unicodedata.decimal(c, None) is not None
        else c
        for c in text
    )


_HAN_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_HAN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_HAN_BIG = {"万": 10_000, "萬": 10_000, "亿": 10**8, "億": 10**8}
_HAN = "".join([*_HAN_DIGITS, *_HAN_UNITS, *_HAN_BIG])
_HAN_COUNTERS = "年月日号號天次个個名岁歲人国國倍条條款项項章节節编編时時"
# Alone, these are words more often than numbers: 一 ("a", "whole"), 万国 ("all
# nations"); 一 still counts in dates (一月一日).
_HAN_LONE_WORDS = frozenset("一万萬亿億")
_HAN_DATE_UNITS = frozenset("月日号號")


def chinese_number(numeral: str) -> int | None:
    """The value of a Chinese numeral: '十五' → 15, '二〇二五' → 2025,
    '一千九百四十八' → 1948, '三万五千' → 35000; None if it is not one."""
    if not numeral or any(c not in _HAN for c in numeral):
        return None
    if all(c in _HAN_DIGITS for c in numeral):  # positional: 一九四八
        return int("".join(str(_HAN_DIGITS[c]) for c in numeral))
    total = section = digit = 0
    for char in numeral:
        if char in _HAN_DIGITS:
            digit = _HAN_DIGITS[char]
        elif char in _HAN_UNITS:
            section += (digit or 1) * _HAN_UNITS[char]
            digit = 0
        else:
            total += (section + digit) * _HAN_BIG[char]
            section = digit = 0
    return total + section + digit


def chinese_value(numeral: str) -> str | None:
    """A Chinese numeral written plainly, decimals included: '二点五' → '2.5'."""
    whole, _, decimals = numeral.replace("點", "点").partition("点")
    value = chinese_number(whole)
    if value is None or any(c not in _HAN_DIGITS for c in decimals):
        return None
    return _plain(str(value), "".join(str(_HAN_DIGITS[c]) for c in decimals))


_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_number(numeral: str) -> int | None:
    if not numeral or not _ROMAN.fullmatch(numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_FIGURE = r"\d+(?:[.,٫٬\u00a0\u202f\u2009 ]\d+)*"
_FIGURE_RE = re.compile(_FIGURE)
_SPACES = frozenset(" \u00a0\u202f\u2009")


def figure_values(token: str) -> list[str]:
    """The numbers in a run of digits and separators: thousands grouped by
    space, comma, point or '٬' (groups of three), one decimal part after a
    point, comma or '٫'. Values are written plainly: '1000', '2.5'."""
    parts = re.split(r"([.,٫٬\u00a0\u202f\u2009 ])", ascii_digits(token))
    values: list[str] = []
    whole, decimals, grouped = parts[0], "", False
    for sep, group in zip(parts[1::2], parts[2::2], strict=True):
        thousands = len(group) == 3 and sep != "٫" and not decimals
        if thousands and (sep not in _SPACES or grouped or len(whole) <= 3):
            whole, grouped = whole + group, True
        elif sep not in _SPACES and sep != "٬" and not decimals:
            decimals = group
        else:
            values.append(_plain(whole, decimals))
            whole, decimals, grouped = group, "", False
    values.append(_plain(whole, decimals))
    return values


def _plain(whole: str, decimals: str) -> str:
    number = str(int(whole))
    decimals = decimals.rstrip("0")
    return f"{number}.{decimals}" if decimals else number


_MONTH_NAMES = (
    "january janvier enero gennaio januari januar январ* студзен* ژانویه يناير ဇန်နဝါရီ*",
    "february février febrero febbraio februari februar феврал* лют* فوریه فبراير ဖေဖော်ဝါရီ*",
    "march mars marzo maart märz март* сакавік* مارس မတ်*",
    "april avril abril aprile апрел* красавік* آوریل أبريل ابريل ဧပြီ*",
    "may mai mayo maggio mei май мая мае травен* травн* مه مايو မေ*",
    "june juin junio giugno juni июн* чэрвен* ژوئن يونيو ဇွန်*",
    "july juillet julio luglio juli июл* ліпен* ژوئیه يوليو ဇူလိုင်*",
    "august août agosto augustus август* жнів* اوت آگوست أغسطس اغسطس ဩဂုတ်*",
    "september septembre septiembre setiembre settembre сентябр* верас* سپتامبر سبتمبر စက်တင်ဘာ*",
    "october octobre octubre ottobre oktober октябр* кастрычні* اکتبر أكتوبر اكتوبر အောက်တိုဘာ*",
    "november novembre noviembre ноябр* лістапад* نوامبر نوفمبر နိုဝင်ဘာ*",
    "december décembre diciembre dicembre dezember декабр* снеж* دسامبر ديسمبر ဒီဇင်ဘာ*",
)
# Burmese month names take 'လ' ("month"): ဒီဇင်ဘာလ; hence their stars.
# Levantine month names (Arabic UN texts write "10 كانون الأول / ديسمبر 1948").
_LEVANTINE = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
_MONTHS: dict[str, int] = {}
for _month, _names in enumerate(_MONTH_NAMES, start=1):
    _MONTHS.update(dict.fromkeys(_names.split(), _month))
for _month, _name in enumerate(_LEVANTINE, start=1):
    _MONTHS[_name] = _month
_MONTH_RE = re.compile(
    r"(?<!\w)("
    + "|".join(
        re.escape(n.rstrip("*")) + (r"\w*" if n.endswith("*") else "")
        for n in sorted(_MONTHS, key=len, reverse=True)
    )
    + r")(?!\w)",
    re.IGNORECASE,
)
# English words that are months only when capitalised ("may" is a verb).
_CAPITALISED_ONLY = frozenset({"may", "march", "august"})
_NEAR_FIGURE_BEFORE = re.compile(r"\d[\s.,/]{0,3}$")
_NEAR_FIGURE_AFTER = re.compile(r"[\s,/]{1,3}\d")


def month_of(word: str) -> int | None:
    """The month a month name (any case, any inflection of a stemmed name) names."""
    lowered = word.lower()
    if lowered in _MONTHS:
        return _MONTHS[lowered]
    return next(
        (n for name, n in _MONTHS.items() if name.endswith("*") and lowered.startswith(name[:-1])),
        None,
    )


_NUMBERING_WORDS = (
    r"century|centuries|chapter|part|section|annex|title|article|"
    r"век\w*|столети\w*|глав\w*|част\w*|раздел\w*|приложени\w*|стать\w*|"
    r"стагодд\w*|раздзел\w*|частк\w*|артыкул\w*|"
    r"siècle|siècles|chapitre|partie|titre|annexe|"
    r"siglo|siglos|capítulo|parte|título|anexo|artículo|"
    r"jahrhundert\w*|kapitel|teil|abschnitt|anhang|artikel|"
    r"secolo|secoli|capitolo|titolo|allegato|articolo|eeuw|hoofdstuk|deel|titel|bijlage"
)
_ROMAN_RE = re.compile(
    rf"(?<!\w)(?:(?:{_NUMBERING_WORDS})\s+((?-i:[IVXLCDM]+))|((?-i:[IVXLCDM]+))(?:-?(?:e|го|м|й|ый))?\s+"
    rf"(?:{_NUMBERING_WORDS}))(?!\w)",
    re.IGNORECASE,
)

_HAN_NUMBER = f"[{_HAN}]+(?:[点點][{''.join(_HAN_DIGITS)}]+)?"
_HAN_RE = re.compile(
    rf"第({_HAN_NUMBER})|百分之({_HAN_NUMBER})|({_HAN_NUMBER})(?=[{_HAN_COUNTERS}])"
)

# --- Cross-references -------------------------------------------------------------------

_REF_NUMBER = rf"(?:\d+|{_HAN_NUMBER}|(?-i:[IVXLCDM]+))"
_CONNECTOR = (
    r"\s*(?:,|;|–|-|—|\band\b|\bor\b|\bto\b|\bи\b|\bили\b|\bі\b|\bці\b|\bet\b|\bou\b|\bà\b|"
    r"\by\b|\bo\b|\ba\b|\bund\b|\boder\b|\bbis\b|\be\b|\ben\b|\bof\b|\btot\b|"
    r"و|یا|تا|أو|إلى|및|과|와|또는|부터|까지|、|和|及|或|至|到)\s*"
)
_ARTICLE_WORD = (
    r"(?<!\w)(?:articles?|arts?\.|artículos?|articol[oi]|artikel(?:n|en)?|"
    r"стать\w*|ст\.|артыкул\w*|(?:ال)?(?:مادة|ماده|مواد)(?:\u0654|\u200cی|ی)?|"
    r"အပိုဒ်)"
)
_REFERENCE_RE = re.compile(
    rf"{_ARTICLE_WORD}\s*\(?({_REF_NUMBER}(?:\)?{_CONNECTOR}\(?{_REF_NUMBER})*)\)?(?!\w)"
    rf"|第\s*({_REF_NUMBER})\s*[条條]|제\s*(\d+)\s*조",
    re.IGNORECASE,
)
_REF_PARTS = re.compile(_REF_NUMBER, re.IGNORECASE)


def _number_value(token: str) -> str | None:
    """The value of one number as written in a reference: figures, Chinese or Roman."""
    digits = ascii_digits(token)
    if digits.isdigit():
        return str(int(digits))
    han = chinese_value(token)
    if han is not None:
        return han
    roman = roman_number(token.upper())
    return str(roman) if roman else None


def references(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The article numbers `text` cites, in order, and the spans citing them."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _REFERENCE_RE.finditer(text):
        listed = match.group(1)
        numbers = _REF_PARTS.findall(listed) if listed else [match.group(2) or match.group(3)]
        values = [v for v in (_number_value(n) for n in numbers) if v is not None]
        if values:
            found.extend(values)
            spans.append(match.span())
    return found, spans


def numbers(text: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The numbers written in `text` (see the module docstring), outside `skip` spans."""
    taken = list(skip)

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    values: list[str] = []
    for match in _HAN_RE.finditer(text):
        numeral = match.group(1) or match.group(2) or match.group(3)
        lone = match.group(3) in _HAN_LONE_WORDS
        if not free(*match.span()) or (lone and text[match.end()] not in _HAN_DATE_UNITS):
            continue
        value = chinese_value(numeral)
        if value is not None:
            values.append(value)
            taken.append(match.span())
    for match in _ROMAN_RE.finditer(text):
        numeral = (match.group(1) or match.group(2)).upper()
        roman = roman_number(numeral)
        if roman and free(*match.span()):
            values.append(str(roman))
            taken.append(match.span())
    last_month = (-10, 0)  # (end, month) of the month name before
    for match in _MONTH_RE.finditer(text):
        word, (start, end) = match.group(1), match.span()
        if word.lower() in _CAPITALISED_ONLY and not word[0].isupper():
            continue
        near = _NEAR_FIGURE_BEFORE.search(text, 0, start) or _NEAR_FIGURE_AFTER.match(text, end)
        month = month_of(word)
        # "كانون الأول / ديسمبر": one month named twice, in two calendars' words.
        repeated = month == last_month[1] and start - last_month[0] <= 3
        if near and month and not repeated and free(start, end):
            values.append(str(month))
            taken.append((start, end))
        if month:
            last_month = (end, month)
    for match in _FIGURE_RE.finditer(text):
        if free(*match.span()):
            values.extend(figure_values(match.group()))
    return values


_QUOTED = re.compile(
    r"“([^“”\n]{1,60})”|„([^“”„\n]{1,60})[“”]|«([^«»\n]{1,60})»|"
    r"(?<![\w\"])\"([^\"\n]{1,60})\"|(?<!\w)‘([^‘’\n]{1,60})’(?!\w)|"
    r"「([^「」\n]{1,60})」|『([^『』\n]{1,60})』|‹([^‹›\n]{1,60})›"
)


def defined_terms(text: str) -> list[str]:
    """Short quoted passages (at most 60 characters and 8 words): defined terms."""
    terms = []
    for match in _QUOTED.finditer(text):
        term = next(g for g in match.groups() if g is not None).strip()
        if term and len(term.split()) <= 8:
            terms.append(term)
    return terms


# --- The check --------------------------------------------------------------------------


def _has(snapshot: ProvisionSnapshot, language: str) -> tuple[str, str] | None:
    for text in snapshot.texts:
        if text.language == language and (text.heading.strip() or text.text.strip()):
            return text.heading.strip(), text.text.strip()
    return None


def _excess(mine: Counter[str], theirs: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted((mine - theirs).elements(), key=lambda v: (len(v), v)))


def provision_labels(provisions: Sequence[ProvisionSnapshot]) -> dict[str, str]:
    """'Article 5', 'Article 5, paragraph 2', 'Preamble paragraph 3' per uid.
    Unnumbered provisions count by their place among siblings of their kind."""
    by_uid = {p.uid: p for p in provisions}
    counts: Counter[tuple[str | None, str]] = Counter()
    own: dict[str, str] = {}
    for p in provisions:
        counts[(p.parent_uid, p.kind)] += 1
        number = p.number.strip().rstrip(".").strip("()") or str(counts[(p.parent_uid, p.kind)])
        if p.kind == ProvisionKind.POINT:
            number = f"({number})"
        own[p.uid] = f"{ProvisionKind(p.kind).label} {number}"
    labels: dict[str, str] = {}
    for p in provisions:
        chain = [p]
        while chain[-1].kind in (ProvisionKind.PARAGRAPH, ProvisionKind.POINT):
            parent = by_uid.get(chain[-1].parent_uid or "")
            if parent is None:
                break
            chain.append(parent)
        parts = [own[c.uid] for c in reversed(chain)]
        labels[p.uid] = ", ".join([parts[0], *(s[:1].lower() + s[1:] for s in parts[1:])])
    return labels


def check_concordance(provisions: Sequence[ProvisionSnapshot], *, left: str, right: str) -> Report:
    """Compare the `left` and `right` language versions of one version's
    provisions (in document order, as `version_snapshot` gives them)."""
    report = Report(left=left, right=right)
    labels = provision_labels(provisions)
    for provision in provisions:
        ours, theirs = _has(provision, left), _has(provision, right)
        if ours is None and theirs is None:
            continue
        report.compared += 1
        label = labels[provision.uid]
        found: list[Discrepancy] = []
        pairs = list(zip(("heading", "text"), ours or ("", ""), theirs or ("", ""), strict=True))
        missing = tuple(part for part, a, b in pairs if a and not b)
        extra = tuple(part for part, a, b in pairs if b and not a)
        if missing:
            found.append(Discrepancy(Kind.MISSING, provision.uid, label, left=missing))
        if extra:
            found.append(Discrepancy(Kind.EXTRA, provision.uid, label, right=extra))
        if ours is not None and theirs is not None:
            found.extend(_compare_texts(provision.uid, label, ours, theirs))
        report.discrepancies.extend(sorted(found, key=lambda d: _KIND_ORDER[d.kind]))
    return report


def _compare_texts(
    uid: str, label: str, ours: tuple[str, str], theirs: tuple[str, str]
) -> Iterable[Discrepancy]:
    a = "\n".join(plain_text(t) for t in ours if t)
    b = "\n".join(plain_text(t) for t in theirs if t)
    refs_a, spans_a = references(a)
    refs_b, spans_b = references(b)
    nums_a, nums_b = Counter(numbers(a, skip=spans_a)), Counter(numbers(b, skip=spans_b))
    if nums_a != nums_b:
        yield Discrepancy(
            Kind.NUMBERS, uid, label, _excess(nums_a, nums_b), _excess(nums_b, nums_a)
        )
    if Counter(refs_a) != Counter(refs_b):
        counted_a, counted_b = Counter(refs_a), Counter(refs_b)
        yield Discrepancy(
            Kind.REFERENCES,
            uid,
            label,
            _excess(counted_a, counted_b),
            _excess(counted_b, counted_a),
        )
    terms_a, terms_b = defined_terms(a), defined_terms(b)
    if len(terms_a) != len(terms_b):
        yield Discrepancy(Kind.TERMS, uid, label, tuple(terms_a), tuple(terms_b))


def describe(discrepancy: Discrepancy, *, left: str, right: str) -> str:
    """One line for people (the CLI, logs): what differs, in the interface language."""
    d = discrepancy
    values = {
        "label": d.label,
        "left": left,
        "right": right,
        "ours": ", ".join(d.left) or "—",
        "theirs": ", ".join(d.right) or "—",
    }
    if d.kind == Kind.MISSING:
        return gettext("%(label)s: %(ours)s in %(left)s, none in %(right)s") % values
    if d.kind == Kind.EXTRA:
        return gettext("%(label)s: %(theirs)s in %(right)s, none in %(left)s") % values
    if d.kind == Kind.NUMBERS:
        return (
            gettext("%(label)s: numbers only in %(left)s: %(ours)s; only in %(right)s: %(theirs)s")
            % values
        )
    if d.kind == Kind.REFERENCES:
        return (
            gettext(
                "%(label)s: articles cited only in %(left)s: %(ours)s; "
                "only in %(right)s: %(theirs)s"
            )
            % values
        )
    return (
        gettext("%(label)s: quoted terms differ: %(left)s has %(ours)s; %(right)s has %(theirs)s")
        % values
    )


# --- Staleness (a selector) -------------------------------------------------------------


@dataclass(frozen=True)
class StaleText:
    """A text whose working-language source changed after it was made."""

    translation_id: int
    uid: uuid.UUID
    eid: str
    language: str
    made_from: str  # label of the version it was made from
    made_from_number: int
    source_written_in: str  # label of the version the current source text was written in
    source_written_in_number: int | None


def _same(a: tuple[str, str], b: tuple[str, str]) -> bool:
    def norm(value: str) -> str:
        return " ".join(unicodedata.normalize("NFC", value).split())

    return norm(a[0]) == norm(b[0]) and norm(a[1]) == norm(b[1])


def stale_texts(version: Version) -> dict[int, StaleText]:
    """The stale texts of `version` (see the module docstring), by translation
    id, in document order. Two queries, whatever the size of the document."""
    working = version.document.working_language
    texts = list(
        Translation.objects.filter(provision__version=version)
        .select_related("provision", "source_version")
        .order_by("provision__position", "language")
    )
    current = {t.provision.uid: t for t in texts if t.language == working}
    candidates = [
        t
        for t in texts
        if t.language != working and t.source_version is not None and t.provision.uid in current
    ]
    source_ids = {t.source_version_id for t in candidates if t.source_version_id} - {version.pk}
    before: dict[tuple[int, uuid.UUID], tuple[str, str]] = {}
    if source_ids:
        before = {
            (version_id, uid): (heading, text)
            for version_id, uid, heading, text in Translation.objects.filter(
                language=working, provision__version_id__in=source_ids
            ).values_list("provision__version_id", "provision__uid", "heading", "text")
        }
    stale: dict[int, StaleText] = {}
    for text in candidates:
        source = text.source_version
        assert source is not None
        now = current[text.provision.uid]
        written_in = now.source_version
        if source.pk == version.pk:
            continue
        then = before.get((source.pk, text.provision.uid))
        if then is not None:
            changed = not _same(then, (now.heading, now.text))
        else:
            changed = written_in is not None and written_in.number > source.number
        if changed:
            stale[text.pk] = StaleText(
                translation_id=text.pk,
                uid=text.provision.uid,
                eid=text.provision.eid,
                language=text.language,
                made_from=source.label,
                made_from_number=source.number,
                source_written_in=written_in.label if written_in else "",
                source_written_in_number=written_in.number if written_in else None,
            )
    return stale


# --- Reading a version (a selector) -----------------------------------------------------


@dataclass
class VersionReport:
    """The concordance report of two languages of a version, with what pages
    and the API need beside it: each provision's eId, and the stale texts in
    those two languages."""

    report: Report
    eids: dict[str, str]
    stale: list[StaleText]


def version_report(version: Version, *, left: str, right: str) -> VersionReport:
    """Check `left` against `right` in `version`. Four queries, whatever its size."""
    provisions = list(
        version.provisions.order_by("position").prefetch_related(
            Prefetch("texts", queryset=Translation.objects.order_by("language"))
        )
    )
    uid_of = {p.pk: str(p.uid) for p in provisions}
    snapshot = [
        ProvisionSnapshot(
            uid=str(p.uid),
            kind=p.kind,
            parent_uid=uid_of.get(p.parent_id) if p.parent_id else None,
            number=p.number,
            texts=tuple(TextSnapshot(t.language, t.heading, t.text) for t in p.texts.all()),
        )
        for p in provisions
    ]
    stale = [s for s in stale_texts(version).values() if s.language in (left, right)]
    return VersionReport(
        report=check_concordance(snapshot, left=left, right=right),
        eids={str(p.uid): p.eid for p in provisions},
        stale=stale,
    )
