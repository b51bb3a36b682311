"""Telling which language a stretch of text is in, well enough to label the
language versions of an imported file (a treaty text followed by its
translation): scripts first, then the commonest short words."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words("the of and to in shall be is which by for with that its as on or are any this"),
    "fr": _words("le la les des et du est dans une pour par qui au aux sur sont ses ce"),
    "es": _words("el la los las de y que en del por para con una se al sus como"),
    "nl": _words("de het een van en in is dat op te zijn voor met door zal aan die of"),
    "de": _words("der die das und ist nicht mit von zu den dem ein eine für auf sich des"),
    "it": _words("il lo la gli di e che per con del della una sono le nel alla"),
}
_PERSIAN = frozenset("پچژگیک")
_BELARUSIAN = frozenset("ўі")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("CJK", "HANGUL", "MYANMAR", "ARABIC", "CYRILLIC", "LATIN"):
        if name.startswith(script):
            return script
    return ""


def guess(text: str, *, minimum: int = 12) -> str | None:
    """The language code of `text`, or None when there is too little of it to tell."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if len(letters) < minimum:
        return None
    scripts = Counter(_script(c) for c in letters)
    script, count = scripts.most_common(1)[0]
    if count < len(letters) / 2:
        return None
    if script == "CJK":
        return "zh"
    if script == "HANGUL":
        return "ko"
    if script == "MYANMAR":
        return "my"
    if script == "ARABIC":
        return "fa" if _PERSIAN.intersection(letters) else "ar"
    if script == "CYRILLIC":
        return "be" if _BELARUSIAN.intersection(letters) else "ru"
    if script != "LATIN":
        return None
    words = [w.casefold() for w in _WORD.findall(text[:20_000])]
    if len(words) < 4:
        return None
    scores = {code: sum(w in stop for w in words) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[1]:
        return None
    return best
