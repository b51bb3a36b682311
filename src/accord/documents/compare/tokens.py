"""Cut a text into the tokens a redline compares: words, spaces, punctuation.

A token is always a run of whole grapheme clusters (Unicode UAX #29, as the
`regex` module's ``\\X`` implements it), so no diff boundary can fall inside
a letter with its combining marks, a Devanagari conjunct, a Hangul syllable
built from jamo or an emoji ZWJ sequence. Kinds of token:

- a run of white space;
- a word: a run of clusters that start with a letter, a digit or ``_``, in
  scripts that separate words with spaces (Latin, Cyrillic, Arabic, Hangul...);
- in scripts written without spaces between words, a smaller unit: one
  cluster for Chinese, Japanese, Thai, Lao, Khmer and the like, one syllable
  for Burmese (a consonant with its medials, vowels and finals; a stacked or
  killed consonant stays with the syllable before it);
- anything else (punctuation, symbols, emoji) one cluster at a time.

Most texts contain no character that can join a cluster with its neighbour;
for those a plain `re` pattern gives the same tokens several times faster,
and a test checks that the two paths agree.
"""

from __future__ import annotations

import re

import regex

# The characters for which str.isspace() is true (the same set `re`'s \s uses).
_SPACE = r"\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

# Scripts written without spaces between words: each cluster is a token.
_NO_SPACE_SCRIPTS = (
    r"\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\p{Yi}\p{Thai}\p{Lao}\p{Khmer}"
    r"\p{Tai_Tham}\p{Tai_Le}\p{New_Tai_Lue}\p{Tai_Viet}\p{Javanese}\p{Balinese}\p{Myanmar}"
)
_WORD_START = rf"[\p{{N}}_[\p{{L}}--[{_NO_SPACE_SCRIPTS}]]]"
# Burmese: a syllable starts at a letter that is neither stacked under the one
# before (after U+1039 virama) nor killed or stacking itself (followed by
# U+103A asat or U+1039, perhaps after U+1037 dot below); digits, punctuation
# and other scripts end it.
_MYANMAR_START = r"(?=[\p{Myanmar}&&\p{L}])"
_MYANMAR_CONTINUE = (
    r"(?=[\p{Myanmar}--[\p{N}\p{P}\p{Z}]])(?!(?<!\u1039)\p{L}(?!\u1037?[\u103a\u1039]))"
)

_GENERAL = regex.compile(
    rf"(?:(?=[{_SPACE}])\X)+"
    rf"|(?:(?={_WORD_START})\X)+"
    rf"|{_MYANMAR_START}\X(?:{_MYANMAR_CONTINUE}\X)*"
    r"|\X",
    regex.V1,
)

# Characters that never join a grapheme cluster with a neighbour (no combining
# marks, joiners, prepended marks, conjoining jamo, regional indicators) and
# do not belong to a script written without spaces. Texts made only of these
# are tokenised by _SIMPLE, which must agree with _GENERAL on them.
_SAFE = (
    "\x00-\u02ff"  # Latin, IPA, spacing modifiers
    "\u0370-\u0482\u048a-\u052f"  # Greek, Cyrillic (without combining marks)
    "\u0531-\u0556\u0559-\u058a\u058d-\u058f\u05d0-\u05f4"  # Armenian, Hebrew letters
    "\u0606-\u060f\u061b-\u064a\u0660-\u066f\u0671-\u06d5\u06e5\u06e6\u06ee-\u06ff"  # Arabic
    "\u1e00-\u1fff"  # Latin Extended Additional, Greek Extended
    "\u2010-\u2029\u2030-\u205e"  # punctuation
    "\u20a0-\u20c0\u2100-\u27bf"  # currency, letterlike, arrows, maths, dingbats
    "\u3000-\u3004\u3008-\u3020\u3131-\u318e"  # CJK punctuation, compatibility jamo
    "\uac00-\ud7a3\uff01-\uff65"  # Hangul syllables, full-width forms
)
_COMPLEX = re.compile(f"[^{_SAFE}]")
_SIMPLE = re.compile(r"\w+|\s+|.", re.DOTALL)


def tokenize(text: str) -> list[str]:
    """The tokens of `text`; joined, they give `text` back exactly."""
    if _COMPLEX.search(text) is None:
        return _SIMPLE.findall(text)
    return _GENERAL.findall(text)


_WORD_CHAR = regex.compile(r"[\p{L}\p{N}_]")


def is_word(token: str) -> bool:
    """True for a token that carries meaning (not a space or a punctuation mark)."""
    return _WORD_CHAR.match(token) is not None


_JOINS_BACK = regex.compile(r"[\p{GCB=Extend}\p{GCB=SpacingMark}\p{GCB=ZWJ}]")
_PREPEND = regex.compile(r"\p{GCB=Prepend}")


def _plain(char: str) -> bool:
    """A character that ends any token it is in when a space follows it."""
    return not char.isspace() and _COMPLEX.match(char) is None


def _cut_before_space(text: str, at: int) -> bool:
    """Whether `tokenize` ends a token at `at` (0 < at, text[at] a space), with
    the same tokens on either side as for text[:at] and text[at:] alone.

    A space starts a new grapheme cluster unless it follows a prepended mark;
    it then ends the token before it, unless that token is a run of spaces:
    a cluster that starts with a space and goes on with combining marks.
    So look back past the marks and joiners to the character that starts the
    cluster before `at`.
    """
    before = text[at - 1]
    if _plain(before):
        return True
    if before.isspace() or _PREPEND.match(before):
        return False
    start = at - 1
    while start >= 0 and _JOINS_BACK.match(text[start]):
        start -= 1
    return start < 0 or not text[start].isspace()


def common_cuts(old: str, new: str) -> tuple[int, int, int]:
    """Where to cut two different texts so that only their middles need tokenising.

    Returns (start, old_end, new_end): old[:start] == new[:start] and
    old[old_end:] == new[new_end:], with start <= old_end and start <= new_end,
    and every cut is a place where `tokenize` ends a token in that text, with
    the same tokens on either side as tokenising the whole text would give.
    A cut is made only before a space where a token ends (see
    `_cut_before_space`), or at either end of the text: texts in scripts
    without spaces are simply not cut, which is always correct.
    """
    n, m = len(old), len(new)
    # Common prefix length, by halving: slice comparisons run in C.
    low, high = 0, min(n, m)
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    start = old.rfind(" ", 0, low)
    while start > 0 and not _cut_before_space(old, start):
        start = old.rfind(" ", 0, start)
    start = max(start, 0)
    # Common suffix length, not reaching back into the prefix.
    low, high = 0, min(n, m) - start
    while low < high:
        middle = (low + high + 1) // 2
        if old[n - middle : n - low] == new[m - middle : m - low]:
            low = middle
        else:
            high = middle - 1
    shift = m - n
    end = old.find(" ", n - low)
    while end != -1 and not (_cut_before_space(old, end) and _cut_before_space(new, end + shift)):
        end = old.find(" ", end + 1)
    if end == -1 or end < start or end + shift < start:
        return start, n, m
    return start, end, end + shift
