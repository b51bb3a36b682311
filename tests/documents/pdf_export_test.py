"""PDF/A export: one file per language and two languages side by side, from
a document built out of the Universal Declaration in Russian, Persian,
Burmese, Korean and Chinese (and English). The text extracted from each file
holds every provision's text; the cover holds symbol, version, date and
content hash; the file is PDF/A-3b with its Noto fonts embedded; the
negotiation markup and stale translations are shown."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from pypdf import PdfReader

from accord.core import languages
from accord.core.actors import SYSTEM
from accord.core.errors import ValidationError
from accord.documents import services
from accord.documents.akn.udhr import read
from accord.documents.models import Document, Provision, Version
from accord.documents.pdf import export_pdf, filename, fonts_available, render_html
from accord.documents.pdf.fonts import MissingFont, require_fonts
from accord.negotiation import markup
from accord.processes.models import Process
from tests.conftest import require_or_skip
from tests.documents.akn_export_test import codes_process
from tests.factories import world

pytestmark = pytest.mark.django_db

# --- The document: a few articles of the Universal Declaration in six languages ---

UDHR = Path(__file__).resolve().parents[3] / "shared" / "data" / "texts" / "udhr"
FILES = {
    "en": "udhr_eng.xml",
    "ru": "udhr_rus.xml",
    "fa": "udhr_pes_1.xml",
    "my": "udhr_mya.xml",
    "ko": "udhr_kor.xml",
    "zh": "udhr_cmn_hans.xml",
}
LANGUAGES = list(FILES)
ARTICLES = ("1", "2", "3", "21")

NEGOTIATED = {
    "en": (
        "Cooperation",
        "The Parties [shall]{RU} cooperate {{Alt 1 (IR): fully || Alt 2 (KP): no text}}"
        " [, taking all necessary measures]{delete: BY}.",
    ),
    "ru": (
        "Сотрудничество",
        "Стороны [сотрудничают]{RU}"
        " {{Вариант 1 (IR): в полной мере || Вариант 2 (KP): no text}}"
        " [, принимая все необходимые меры]{delete: BY}.",
    ),
    "fa": (
        "همکاری",
        "طرف‌ها [همکاری می‌کنند]{RU} {{گزینه ۱ (IR): به طور کامل || گزینه ۲ (KP): no text}}"
        " [، با اتخاذ همه اقدامات لازم]{delete: BY}.",
    ),
}


def plain(text: str) -> str:
    """Plain text as the services store it (literal brackets escaped)."""
    return markup.render(markup.Markup.of_text(text))


@dataclass
class Scene:
    document: Document
    version: Version
    texts: dict[tuple[str, str], str]  # (eid, language) → the plain text put in
    provisions: dict[str, Provision]


def udhr_document(process: Process, *, slug: str = "udhr-extract") -> Scene:
    """Preamble paragraph 1 and articles 1, 2, 3 and 21 of the Declaration in
    English (working language), Russian, Persian, Burmese, Korean and Chinese,
    and an article 31 with negotiation markup in English, Russian and Persian;
    a working copy."""
    read_files = {code: read((UDHR / name).read_bytes(), name=name) for code, name in FILES.items()}
    document = services.create_document(
        actor=SYSTEM,
        process=process,
        kind="statement",
        title={code: v.title for code, v in read_files.items()},
        authentic_languages=LANGUAGES,
        working_language="en",
        symbol="A/RES/217(III)",
        slug=slug,
    )
    version = document.versions.get()
    texts: dict[tuple[str, str], str] = {}
    provisions: dict[str, Provision] = {}

    def add(kind: str, number: str = "", parent: Provision | None = None, **by_code: str):
        provision = services.add_provision(
            actor=SYSTEM,
            version=version,
            kind=kind,
            number=number,
            parent=parent,
            texts={code: ("", plain(text)) for code, text in by_code.items()},
        )
        provision.refresh_from_db()
        provisions[provision.eid] = provision
        for code, text in by_code.items():
            texts[(provision.eid, code)] = text
        return provision

    add("preamble_paragraph", **{c: v.preamble[0] for c, v in read_files.items()})
    for number in ARTICLES:
        parts = {c: v.articles[number] for c, v in read_files.items()}
        if len(parts["en"]) == 1:
            add("article", number, **{c: p[0][1] for c, p in parts.items()})
            continue
        article = add("article", number)
        for i, (paragraph_number, _) in enumerate(parts["en"]):
            add(
                "paragraph",
                paragraph_number,
                parent=article,
                **{c: p[i][1] for c, p in parts.items()},
            )
    negotiated = services.add_provision(
        actor=SYSTEM, version=version, kind="article", number="31", texts=NEGOTIATED
    )
    negotiated.refresh_from_db()
    provisions[negotiated.eid] = negotiated
    return Scene(document=document, version=version, texts=texts, provisions=provisions)


# --- Reading PDFs -----------------------------------------------------------------

A4 = (595, 842)
BODY = {"y": 60, "H": 842 - 60 - 58}  # the page without its header and footer lines
PARAGRAPH_NUMBER = re.compile(r"\s*[.、]?\d+[.、]?\s*")  # ".۱" when drawn right to left


def require_pdf_tools() -> None:
    require_or_skip(
        fonts_available(),
        "needs the Noto fonts (Debian fonts-noto-core fonts-noto-cjk)",
        needs="fonts",
    )
    require_or_skip(
        shutil.which("pdftotext") is not None,
        "needs pdftotext for the fonts tests (Debian poppler-utils)",
        needs="fonts",
    )


def pdftotext(data: bytes, *, first: int = 1, last: int | None = None, **crop: int) -> str:
    """The text of pages `first`..`last` as Poppler extracts it (it reads
    /ActualText), in the order it is drawn, optionally cropped to a
    rectangle in points."""
    args = ["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    for key in ("x", "y", "W", "H"):
        if key in crop:
            args += [f"-{key}", str(crop[key])]
    result = subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


def extract(data: bytes, language: str, *, x0: int = 0, x1: int = A4[0]) -> str:
    """The text of the provisions' pages (from the second: the first is the
    cover) between x0 and x1, without the header and footer lines.

    Right-to-left text is read with pypdf: Poppler splits it into words and
    reverses lam-alef ligatures. Everything else is read with Poppler, which
    honours the /ActualText that Burmese needs (pypdf ignores it)."""
    if languages.direction(language) == "ltr":
        return pdftotext(data, first=2, x=x0, W=x1 - x0, **BODY)
    reader = PdfReader(io.BytesIO(data))
    lines: list[str] = []
    for page in reader.pages[1:]:

        def keep(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
            inside = x0 <= x < x1 and BODY["y"] - 2 < A4[1] - y < BODY["y"] + BODY["H"]
            # pypdf would glue a paragraph's number to the end of its first line.
            if inside and not PARAGRAPH_NUMBER.fullmatch(text):
                lines.append(text)

        page.extract_text(visitor_text=keep)
    return "".join(lines)


def without(text: str, *furniture: str) -> str:
    """`text` squeezed, without the page furniture (repeated column heads)."""
    squeezed = squeeze(text)
    for item in furniture:  # as printed: column heads are in capitals
        squeezed = squeezed.replace(squeeze(item).upper(), "").replace(squeeze(item), "")
    return squeezed


def squeeze(text: str) -> str:
    """Text as compared: NFC, without spaces, line breaks or invisible
    formatting characters (bidi marks, ZWNJ), which extraction moves or drops."""
    return "".join(
        c
        for c in unicodedata.normalize("NFC", text)
        if not c.isspace() and unicodedata.category(c) != "Cf"
    )


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    """The extract, published as 'Adopted text', and a working copy 'Rev.1'
    whose English article 3 changed (so its translations are stale)."""
    with django_db_blocker.unblock(), transaction.atomic():
        process, _ = codes_process()
        built = udhr_document(process)
        services.publish_version(actor=SYSTEM, version=built.version, label="Adopted text")
        built.version.refresh_from_db()
        working = services.start_working_copy(actor=SYSTEM, document=built.document, label="Rev.1")
        services.set_text(
            actor=SYSTEM,
            provision=working.provisions.get(eid="art_3"),
            language="en",
            text="Everyone has the right to life, liberty and security of person, at all times.",
        )
        yield built
        transaction.set_rollback(True)


_cache: dict[tuple[str, str | None], bytes] = {}


def pdf_of(scene: Scene, language: str, compare: str | None = None) -> bytes:
    key = (language, compare)
    if key not in _cache:
        _cache[key] = export_pdf(scene.version, language=language, compare=compare)
    return _cache[key]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_text_of_every_provision_is_in_the_pdf_of_its_language(scene, language):
    require_pdf_tools()
    body = squeeze(extract(pdf_of(scene, language), language))
    expected = {eid: text for (eid, code), text in scene.texts.items() if code == language}
    assert len(expected) == 8  # preamble paragraph, articles 1 and 3, 2 + 3 paragraphs
    missing = [eid for eid, text in expected.items() if squeeze(text) not in body]
    assert missing == []


@pytest.mark.parametrize(("language", "compare"), [("en", "fa"), ("ru", "my"), ("zh", "ko")])
def test_two_languages_side_by_side_each_in_its_column(scene, language, compare):
    require_pdf_tools()
    data = pdf_of(scene, language, compare)
    half = A4[0] // 2
    # Poppler crops glyphs by their box (a gutter keeps stray ones out); pypdf
    # places a right-to-left line at its origin, up to 10 points left of its column.
    left_end = half - 10 if languages.direction(language) == "rtl" else half - 6
    right_start = half - 10 if languages.direction(compare) == "rtl" else half + 6
    heads = [languages.autonym(language), languages.autonym(compare)]
    columns = {
        language: without(extract(data, language, x1=left_end), *heads),
        compare: without(extract(data, compare, x0=right_start), *heads),
    }
    for (eid, code), text in scene.texts.items():
        if code in columns:
            assert squeeze(text) in columns[code], (eid, code)
    other = next(t for (e, c), t in scene.texts.items() if c == compare and e == "art_1")
    assert squeeze(other) not in columns[language]


def test_the_cover_gives_symbol_version_date_and_content_hash(scene):
    require_pdf_tools()
    version = scene.version
    data = pdf_of(scene, "fa")
    cover = pdftotext(data, first=1, last=1)
    title = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "اعلامیه جهانی حقوق بشر" in title  # the title, in the language of the file
    for field in ("Symbol", "A/RES/217(III)", "Version", "Adopted text", "Date", "Content hash"):
        assert field in cover
    assert version.published_at is not None
    assert version.published_at.date().isoformat() in cover
    assert version.content_hash in squeeze(cover)
    assert "Working copy" not in cover


def test_a_working_copy_is_marked_as_a_draft_with_the_hash_of_its_text(scene):
    require_pdf_tools()
    working = scene.document.versions.get(label="Rev.1")
    cover = pdftotext(export_pdf(working, language="en"), first=1, last=1)
    assert squeeze("Working copy — a draft, not published; it may still change") in squeeze(cover)
    assert squeeze("Draft content hash (SHA-256)") in squeeze(cover)
    assert re.search(r"[0-9a-f]{64}", squeeze(cover))


def test_stale_translations_are_marked_where_they_stand(scene):
    require_pdf_tools()
    working = scene.document.versions.get(label="Rev.1")
    data = export_pdf(working, language="ru", compare="en")
    text = pdftotext(data)
    # The file speaks the language of its first text: Russian here.
    assert squeeze("Некоторые переводы в этом файле сделаны с более ранней версии") in squeeze(text)
    note = (
        "Перевод ещё не пересмотрен: сделан с версии Adopted text; "
        "исходный текст изменён в версии Rev.1."
    )
    assert squeeze(note) in squeeze(text)
    assert squeeze(text).count(squeeze(note)) == 1  # article 3 only, in the Russian column


def test_the_file_is_pdf_a_3b_with_its_fonts_embedded(scene):
    require_pdf_tools()
    expected = {
        "en": {"NotoSerif", "NotoSans"},
        "ru": {"NotoSerif", "NotoSans"},
        "fa": {"NotoNaskhArabic", "NotoSansArabic"},
        "my": {"NotoSerifMyanmar", "NotoSansMyanmar"},
        "ko": {"NotoSerifCJKKR", "NotoSansCJKKR"},
        "zh": {"NotoSerifCJKSC", "NotoSansCJKSC"},
    }
    for language, families in expected.items():
        data = pdf_of(scene, language)
        assert data.startswith(b"%PDF-1.7")
        reader = PdfReader(io.BytesIO(data))
        catalog = reader.trailer["/Root"]
        xmp = catalog["/Metadata"].get_object().get_data()
        assert re.search(rb"pdfaid:part[^0-9]{1,3}3", xmp), "PDF/A part 3 in the XMP metadata"
        assert re.search(rb"pdfaid:conformance[^A-Z]{1,3}B", xmp)
        intents = [i.get_object() for i in catalog["/OutputIntents"]]
        assert [str(i["/S"]) for i in intents] == ["/GTS_PDFA1"]
        assert "/DestOutputProfile" in intents[0]
        embedded = embedded_fonts(data)
        names = {
            re.sub(r"^[A-Z]{6}\+|-(Regular|Bold|Italic)$", "", n).replace("-", "") for n in embedded
        }
        assert families <= names, (language, names)


def embedded_fonts(data: bytes) -> set[str]:
    """Base names of the fonts used on the pages; every one must carry its font file."""
    reader = PdfReader(io.BytesIO(data))
    names: set[str] = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font[
                "/BaseFont"
            ]
            names.add(str(font["/BaseFont"]).lstrip("/"))
    return names


def test_negotiation_markup_is_printed_with_brackets_options_and_deletions(scene):
    require_pdf_tools()
    html = render_html(scene.version, language="en")
    assert '<del class="br-del-text">, taking all necessary measures</del>' in html
    text = squeeze(pdftotext(pdf_of(scene, "en"), first=2))
    assert (
        squeeze("The Parties [shall] (RU) cooperate {Alt 1 (IR): fully / Alt 2 (KP): no text}")
        in text
    )
    assert squeeze("[, taking all necessary measures] (BY: delete).") in text
    persian = squeeze(extract(pdf_of(scene, "fa"), "fa"))
    # (Brackets in right-to-left text are mirrored glyphs: they extract mirrored.)
    assert squeeze("همکاری می‌کنند") in persian
    assert "(RU)" in persian
    assert '<span class="attr" lang="en" dir="ltr">(BY: delete)</span>' in render_html(
        scene.version, language="fa"
    )


def test_headings_are_numbered_the_way_each_language_numbers_articles(scene):
    expected = {
        "en": "Article 21",
        "ru": "Статья 21",
        "fa": "ماده ۲۱",
        "my": "အပိုဒ် ၂၁",
        "ko": "제21조",
        "zh": "第二十一条",
    }
    for language, heading in expected.items():
        assert f'<p class="label">{heading}</p>' in render_html(scene.version, language=language)


def test_a_language_the_document_does_not_have_is_refused(scene):
    with pytest.raises(ValidationError, match="'ar' is not a language of this document"):
        export_pdf(scene.version, language="ar")
    assert filename(scene.version, "ru", "my") == "udhr-extract-v1-ru-my.pdf"


def test_a_missing_font_is_named_with_its_debian_package():
    with pytest.raises(MissingFont) as caught:
        require_fonts(["ru", "ko"], installed=lambda family, lang: "CJK" not in family)
    assert caught.value.message == (
        "Cannot render this PDF: fonts are not installed (Korean (ko) needs Noto Serif CJK KR "
        "and Noto Sans CJK KR). Install the Debian package fonts-noto-cjk: "
        "apt-get install fonts-noto-cjk."
    )


def test_fontconfig_without_fonts_stops_the_export_before_rendering(tmp_path: Path):
    """With fontconfig configured to know no fonts at all (a real run, in a
    process of its own), Burmese cannot be rendered and the error says what
    to install."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    script = (
        "import django; django.setup()\n"
        "from accord.documents.pdf.fonts import MissingFont, require_fonts\n"
        "try:\n    require_fonts(['my'])\n"
        "except MissingFont as exc:\n    print(exc.message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={
            "FONTCONFIG_FILE": str(config),
            "DJANGO_SETTINGS_MODULE": "accord.config.settings_test",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PYTHONPATH": ":".join(sys.path),
        },
        check=True,
    )
    assert result.stdout.strip() == (
        "Cannot render this PDF: fonts are not installed (Burmese (my) needs Noto Serif Myanmar "
        "and Noto Sans Myanmar). Install the Debian package fonts-noto-core: "
        "apt-get install fonts-noto-core."
    )


def test_an_empty_working_copy_prints_a_cover_and_says_it_has_no_provisions():
    require_pdf_tools()
    document = services.create_document(
        actor=SYSTEM,
        process=world().process,
        kind="charter",
        title={"en": "Empty charter", "my": "ပဋိဉာဉ်"},
        authentic_languages=["en", "my"],
        working_language="en",
        symbol="EC/2025/0",
        slug="empty-charter",
    )
    data = export_pdf(document.versions.get(), language="my", compare="en")
    text = pdftotext(data)
    assert "EC/2025/0" in text
    assert "This version has no provisions yet." in text
