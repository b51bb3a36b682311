"""Languages Accord knows how to label, order and lay out.

Texts may be in any of these; the interface itself is translated into the
languages in settings.LANGUAGES.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXT_LANGUAGES: dict[str, tuple[str | Promise, str]] = {
    # code: (English name for the interface, autonym)
    "en": (_("English"), "English"),
    "ru": (_("Russian"), "Русский"),
    "be": (_("Belarusian"), "Беларуская"),
    "fa": (_("Persian"), "فارسی"),
    "ko": (_("Korean"), "한국어"),
    "my": (_("Burmese"), "မြန်မာ"),
    "zh": (_("Chinese"), "中文"),
    "fr": (_("French"), "Français"),
    "ar": (_("Arabic"), "العربية"),
    "es": (_("Spanish"), "Español"),
    "it": (_("Italian"), "Italiano"),
    "nl": (_("Dutch"), "Nederlands"),
    "de": (_("German"), "Deutsch"),
}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def is_known(code: str) -> bool:
    return code in TEXT_LANGUAGES


def direction(code: str) -> str:
    """'rtl' or 'ltr' for the HTML dir attribute."""
    return "rtl" if code.split("-")[0] in RTL_LANGUAGES else "ltr"


def label(code: str) -> str:
    names = TEXT_LANGUAGES.get(code)
    return str(names[0]) if names else code


def autonym(code: str) -> str:
    names = TEXT_LANGUAGES.get(code)
    return names[1] if names else code


def pick(texts: dict[str, str] | None, language: str, fallback: str = "en") -> str:
    """The text in `language`, else in `fallback`, else in any language, else ''."""
    if not texts:
        return ""
    for code in (language, language.split("-")[0], fallback):
        if texts.get(code):
            return texts[code]
    return next((t for t in texts.values() if t), "")


def check_characters(text: str, *, field: str) -> None:
    """Refuse control characters no text should hold (NUL breaks PostgreSQL)."""
    from accord.core.errors import ValidationError

    bad = next((c for c in text if ord(c) < 32 and c not in "\t\n\r"), None)
    if bad is not None:
        raise ValidationError(
            f"{field}: contains the control character U+{ord(bad):04X}.", field=field
        )


def validate_texts(texts: object, *, field: str, required: bool = True) -> dict[str, str]:
    """Check a {language: text} mapping and return it cleaned of blank entries."""
    from accord.core.errors import ValidationError

    if not isinstance(texts, dict):
        raise ValidationError(f"{field}: expected a mapping of language code to text.", field=field)
    cleaned: dict[str, str] = {}
    for code, text in texts.items():
        if not isinstance(code, str) or not is_known(code):
            raise ValidationError(f"{field}: unknown language code {code!r}.", field=field)
        if not isinstance(text, str):
            raise ValidationError(f"{field}: the {code} text must be a string.", field=field)
        check_characters(text, field=f"{field} ({code})")
        if text.strip():
            cleaned[code] = text.strip()
    if required and not cleaned:
        raise ValidationError(f"{field}: give the text in at least one language.", field=field)
    return cleaned
