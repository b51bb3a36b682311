"""Reading a provision's text for the concordance check: its plain words,
its figures in every script, Chinese and Roman numerals, months, the
articles it cites and the terms it quotes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from accord.negotiation import markup
from accord.negotiation.markup.model import CODE_PATTERN

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
