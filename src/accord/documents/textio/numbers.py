"""Provision numbers as people write them, and the keys that line them up
across languages: 'IV' and '4', '第四条' and 'Article 4', '۴' and '4' are
the same article."""

from __future__ import annotations

import re

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN = re.compile(r"^(?=[mdclxvi])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)
_CJK_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CJK_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CJK_NUMERAL = "零〇一二两兩三四五六七八九十拾百佰千仟"
_FIRST = {"premier", "première", "1er", "1re", "primero", "primo", "erster", "eerste", "first"}


def is_roman(value: str) -> bool:
    return bool(value) and bool(_ROMAN.match(value))


def roman_value(value: str) -> int:
    total, previous = 0, 0
    for char in reversed(value.lower()):
        digit = _ROMAN_VALUES[char]
        total += -digit if digit < previous else digit
        previous = max(previous, digit)
    return total


def to_roman(value: int) -> str:
    out = []
    for number, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def cjk_value(value: str) -> int | None:
    """一 → 1, 十二 → 12, 一百一十 → 110; None when `value` is not a Chinese numeral."""
    if not value or any(c not in CJK_NUMERAL for c in value):
        return None
    total, digit = 0, 0
    for char in value:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        else:
            total += (digit or 1) * _CJK_UNITS[char]
            digit = 0
    return total + digit


def arabic(value: str) -> int | None:
    """The value of a number written in any decimal digits (Persian, Arabic-Indic,
    Burmese, full-width…), in Chinese numerals or as 'premier'/'1er'; else None."""
    if value.isdecimal():
        return int(value)
    if value.lower() in _FIRST:
        return 1
    return cjk_value(value)


def plain_number(raw: str) -> str:
    """A number as stored: without its punctuation ('1.' → '1', '(a)' → 'a',
    'a)' → 'a'); digits of any script are kept as written."""
    return raw.strip().strip("().:;,]-–—").strip()


def key(number: str, *, ordinal: bool) -> str:
    """What lines a number up across languages. `ordinal` numbers (of parts,
    chapters, sections, articles, paragraphs) compare by value: roman
    numerals, Chinese numerals and any script's digits alike; the letters of
    points compare as letters."""
    number = plain_number(number)
    value = arabic(number)
    if value is not None:
        return str(value)
    if ordinal and is_roman(number):
        return str(roman_value(number))
    return number.casefold()
