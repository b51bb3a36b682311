"""The fonts each language is set in, and the check that they are installed.

Every language Accord holds texts in is set in a Noto family that Debian
ships (`fonts-noto-core`, `fonts-noto-cjk`): a serif for the text and a sans
for headings and page furniture. Before rendering, fontconfig is asked
whether each family is installed *and* covers the language; if not, the
export stops with an error naming the family and the Debian package, rather
than writing a PDF whose Burmese or Korean comes out as empty boxes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from accord.core import languages
from accord.core.errors import AccordError

CORE = "fonts-noto-core"
CJK = "fonts-noto-cjk"


@dataclass(frozen=True)
class Faces:
    """The families a language is set in and the Debian package holding them."""

    text: str
    heading: str
    package: str
    fontconfig_lang: str  # the language fontconfig checks coverage of


_LATIN = Faces("Noto Serif", "Noto Sans", CORE, "en")
FACES: dict[str, Faces] = {
    "en": _LATIN,
    "fr": Faces("Noto Serif", "Noto Sans", CORE, "fr"),
    "es": Faces("Noto Serif", "Noto Sans", CORE, "es"),
    "it": Faces("Noto Serif", "Noto Sans", CORE, "it"),
    "nl": Faces("Noto Serif", "Noto Sans", CORE, "nl"),
    "de": Faces("Noto Serif", "Noto Sans", CORE, "de"),
    "ru": Faces("Noto Serif", "Noto Sans", CORE, "ru"),
    "be": Faces("Noto Serif", "Noto Sans", CORE, "be"),
    "ar": Faces("Noto Naskh Arabic", "Noto Sans Arabic", CORE, "ar"),
    "fa": Faces("Noto Naskh Arabic", "Noto Sans Arabic", CORE, "fa"),
    "my": Faces("Noto Serif Myanmar", "Noto Sans Myanmar", CORE, "my"),
    "ko": Faces("Noto Serif CJK KR", "Noto Sans CJK KR", CJK, "ko"),
    "zh": Faces("Noto Serif CJK SC", "Noto Sans CJK SC", CJK, "zh-cn"),
}
# Latin letters (delegation codes, symbols) inside any text, and the last resort.
FALLBACK = ("Noto Serif", "Noto Sans")


def faces(language: str) -> Faces:
    return FACES.get(language.split("-")[0], _LATIN)


def stack(language: str, *, heading: bool = False) -> str:
    """A CSS font-family list for `language`: its own family first."""
    own = faces(language)
    families = [own.heading if heading else own.text, *FALLBACK]
    return ", ".join(f'"{name}"' for name in dict.fromkeys(families))


class MissingFont(AccordError):
    """A script cannot be rendered: its font is not installed."""

    status_code = 503
    code = "missing_font"


class _FcFontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.c_void_p),
    ]


@functools.cache
def _fontconfig() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.FcNameParse.restype = ctypes.c_void_p
    lib.FcNameParse.argtypes = [ctypes.c_char_p]
    lib.FcObjectSetBuild.restype = ctypes.c_void_p
    lib.FcFontList.restype = ctypes.POINTER(_FcFontSet)
    lib.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FcFontSet)]
    lib.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
    lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    return lib


def _escape(value: str) -> str:
    for char in "\\-:,=":
        value = value.replace(char, "\\" + char)
    return value


@functools.cache
def font_installed(family: str, fontconfig_lang: str) -> bool:
    """Whether fontconfig knows a font of `family` that covers `fontconfig_lang`
    (as `fc-list "FAMILY:lang=LANG"` would list it)."""
    lib = _fontconfig()
    if lib is None:
        return False
    pattern = lib.FcNameParse(f"{_escape(family)}:lang={fontconfig_lang}".encode())
    objects = lib.FcObjectSetBuild(b"family", None)
    try:
        found = lib.FcFontList(None, pattern, objects)
        if not found:
            return False
        count = found.contents.nfont
        lib.FcFontSetDestroy(found)
        return count > 0
    finally:
        lib.FcObjectSetDestroy(objects)
        lib.FcPatternDestroy(pattern)


def missing_fonts(
    codes: Iterable[str], *, installed: Callable[[str, str], bool] = font_installed
) -> list[tuple[str, str, str]]:
    """(language, family, package) for every family `codes` need that is not installed."""
    missing: list[tuple[str, str, str]] = []
    for code in dict.fromkeys(codes):
        own = faces(code)
        for family in dict.fromkeys((own.text, own.heading)):
            if not installed(family, own.fontconfig_lang):
                missing.append((code, family, own.package))
    return missing


def require_fonts(
    codes: Iterable[str], *, installed: Callable[[str, str], bool] = font_installed
) -> None:
    """Raise MissingFont, naming the families and the Debian packages to
    install, unless every language in `codes` can be rendered."""
    missing = missing_fonts(codes, installed=installed)
    if not missing:
        return
    by_language: dict[str, list[str]] = {}
    for code, family, _ in missing:
        by_language.setdefault(code, []).append(family)
    what = "; ".join(
        f"{languages.label(code)} ({code}) needs {' and '.join(families)}"
        for code, families in by_language.items()
    )
    packages = " ".join(sorted({package for _, _, package in missing}))
    raise MissingFont(
        f"Cannot render this PDF: fonts are not installed ({what}). "
        f"Install the Debian package {packages}: apt-get install {packages}."
    )


def fonts_available(codes: Iterable[str] = tuple(FACES)) -> bool:
    """Whether every language in `codes` (by default all) can be rendered."""
    return not missing_fonts(codes)
