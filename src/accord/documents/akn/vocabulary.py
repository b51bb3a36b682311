"""Names shared by the Akoma Ntoso export and import: namespaces, element
names per provision kind, document types per document kind, language codes.

See docs/akoma-ntoso.md for the mapping as a whole.
"""

from __future__ import annotations

from accord.documents.enums import DocumentKind, ProvisionKind

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ACCORD_NS = "urn:x-accord:akn:1"
"""Accord's own vocabulary: the `<proprietary>` metadata block and the `accord:id`
of brackets, option sets and options."""

NSMAP = {None: AKN_NS, "accord": ACCORD_NS}


def akn(name: str) -> str:
    """The Clark name of an Akoma Ntoso element: `{namespace}name`."""
    return f"{{{AKN_NS}}}{name}"


def accord(name: str) -> str:
    return f"{{{ACCORD_NS}}}{name}"


# Provision kinds as hierarchy elements. Preamble paragraphs are <recital>s in
# the <preamble>; points inside them are <item>s of a <blockList>.
ELEMENT_OF_KIND: dict[str, str] = {
    ProvisionKind.PART: "part",
    ProvisionKind.CHAPTER: "chapter",
    ProvisionKind.SECTION: "section",
    ProvisionKind.ARTICLE: "article",
    ProvisionKind.PARAGRAPH: "paragraph",
    ProvisionKind.POINT: "point",
}

# Document kinds: statements and joint visions are <statement>s (official
# declarations of a body); everything else is a generic <doc>. The kind itself
# is the `name` attribute, in camelCase as Akoma Ntoso names are.
STATEMENT_KINDS = frozenset({DocumentKind.STATEMENT, DocumentKind.JOINT_VISION})


def document_element(kind: str) -> str:
    return "statement" if kind in STATEMENT_KINDS else "doc"


def document_name(kind: str) -> str:
    head, *rest = kind.split("_")
    return head + "".join(word.title() for word in rest)


def kind_of_name(name: str) -> str | None:
    """The document kind an Accord export wrote as `name`, or None."""
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
    return snake if snake in DocumentKind.values else None


# Foreign document types: the closest document kind.
KIND_OF_DOCUMENT_TYPE: dict[str, str] = {
    "act": DocumentKind.CHARTER,
    "bill": DocumentKind.CHARTER,
    "statement": DocumentKind.STATEMENT,
    "debate": DocumentKind.MINUTES,
    "debateReport": DocumentKind.MINUTES,
}
DEFAULT_KIND = DocumentKind.NOTE

# ISO 639-1 codes with their ISO 639-2 (terminological and bibliographic) forms:
# FRBR expressions carry three-letter codes, Accord two-letter ones.
_LANGUAGES = (
    ("ar", "ara", "ara"),
    ("be", "bel", "bel"),
    ("de", "deu", "ger"),
    ("en", "eng", "eng"),
    ("es", "spa", "spa"),
    ("fa", "fas", "per"),
    ("fr", "fra", "fre"),
    ("it", "ita", "ita"),
    ("ko", "kor", "kor"),
    ("my", "mya", "bur"),
    ("nl", "nld", "dut"),
    ("pt", "por", "por"),
    ("ru", "rus", "rus"),
    ("uk", "ukr", "ukr"),
    ("zh", "zho", "chi"),
    ("ja", "jpn", "jpn"),
    ("hy", "hye", "arm"),
    ("kk", "kaz", "kaz"),
    ("ky", "kir", "kir"),
    ("tg", "tgk", "tgk"),
    ("uz", "uzb", "uzb"),
    ("vi", "vie", "vie"),
    ("lo", "lao", "lao"),
    ("km", "khm", "khm"),
    ("mn", "mon", "mon"),
    ("tr", "tur", "tur"),
    ("hi", "hin", "hin"),
)
_TWO_OF = {code: two for two, t, b in _LANGUAGES for code in (two, t, b)}
# Macrolanguage members and regional forms that write as their macrolanguage.
_TWO_OF.update({"arb": "ar", "pes": "fa", "cmn": "zh", "zh-hans": "zh", "zh-hant": "zh"})
_THREE_OF = {two: t for two, t, _ in _LANGUAGES}


def two_letter(code: str) -> str:
    """'eng' → 'en', 'zh-Hans' → 'zh', 'pes' → 'fa'; unknown codes as given, lower-cased."""
    lowered = code.strip().lower().replace("_", "-")
    if lowered in _TWO_OF:
        return _TWO_OF[lowered]
    base = lowered.split("-")[0]
    return _TWO_OF.get(base, base)


def three_letter(code: str) -> str:
    """'en' → 'eng' for FRBR identifiers; unknown codes as given."""
    return _THREE_OF.get(code, code)
