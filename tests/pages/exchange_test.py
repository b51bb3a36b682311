"""Downloads from the document page and the import page: the same formats,
checks and refusals as `accord export` and `accord import`."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import html as lxml_html

from accord.accounts.models import User
from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.models import Document, Provision, Translation
from accord.documents.pdf import fonts_available
from accord.documents.textio import export_docx
from accord.record.models import Event
from tests.conftest import require_or_skip
from tests.documents.akn_export_test import assert_valid, codes_process, negotiated_document
from tests.documents.akn_hostile_test import LAUGHS, XXE
from tests.documents.textio_export_test import runs_with
from tests.documents.textio_import_test import CHARTER
from tests.factories import world
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def user(process, role: str):
    return User.objects.get(username=f"{process.slug}-{role}")


@pytest.fixture
def scene():
    """Rev.1 published; Rev.2, the working copy, changes article 2."""
    process, _ = codes_process()
    document = negotiated_document(process, slug="charter")
    services.publish_version(actor=SYSTEM, version=document.versions.get(), label="Rev.1")
    working = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.2")
    article = working.provisions.get(kind="article", number="2")
    services.set_text(
        actor=SYSTEM, provision=article, language="en", heading="Scope", text="Everywhere."
    )
    return process, document


def _downloads(client: Client, url: str) -> dict[str, str]:
    """The Download panel of a document page: label → link."""
    tree = lxml_html.fromstring(fetch(client, url))
    panel = tree.get_element_by_id("downloads-heading").getparent()
    return {" ".join(a.text_content().split()): a.get("href") for a in panel.iter("a")}


def _attachment(client: Client, url: str, media_type: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == media_type
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


def test_the_document_page_links_each_format_and_each_link_downloads_it(client, scene):
    process, _ = scene
    sign_in(client, user(process, "participant"))
    links = _downloads(client, f"/p/{process.slug}/documents/charter/?version=1&lang=ru")
    assert list(links) == [
        "Akoma Ntoso XML (ru)",
        "PDF/A (ru)",
        "Word (ru)",
        "HTML (ru)",
        "JSON, all languages",
    ]
    akn = _attachment(client, links["Akoma Ntoso XML (ru)"], "application/akn+xml")
    assert assert_valid(akn).find(".//{*}FRBRlanguage").get("language") == "rus"
    word = _attachment(client, links["Word (ru)"], DOCX)
    assert zipfile.ZipFile(io.BytesIO(word)).testzip() is None
    page = _attachment(client, links["HTML (ru)"], "text/html; charset=utf-8")
    assert "Евразийская хартия" in page.decode()
    whole = json.loads(_attachment(client, links["JSON, all languages"], "application/json"))
    assert set(whole["document"]["authentic_languages"]) == {"en", "ru", "fa"}


def test_a_side_by_side_pdf_and_a_redline_follow_what_the_page_shows(client, scene):
    process, _ = scene
    sign_in(client, user(process, "secretariat"))
    first = _downloads(client, f"/p/{process.slug}/documents/charter/?version=1&lang=en")
    assert not any("redline" in label for label in first)  # nothing before Rev.1
    links = _downloads(client, f"/p/{process.slug}/documents/charter/?version=2&lang=en&compare=fa")
    assert "Word redline from Rev.1" in links
    redline = _attachment(client, links["Word redline from Rev.1"], DOCX)
    assert runs_with(redline, "u") == ["Everywhere"]
    require_or_skip(
        fonts_available(), "needs the Noto fonts (Debian fonts-noto-core)", needs="fonts"
    )
    pdf = _attachment(client, links["PDF/A, en and fa side by side"], "application/pdf")
    assert pdf.startswith(b"%PDF-")


def test_a_working_copy_downloads_only_for_those_who_see_it(client, scene):
    process, _ = scene
    url = f"/p/{process.slug}/documents/charter/export/?version=2&format=json&lang=en"
    sign_in(client, user(process, "participant"))
    assert client.get(url).status_code == 404
    sign_in(client, None)
    assert client.get(url).status_code == 404
    assert client.get(url.replace("version=2", "version=1")).status_code == 404  # participants


def test_bad_export_requests_answer_a_clear_400(client, scene):
    process, _ = scene
    sign_in(client, user(process, "participant"))
    base = f"/p/{process.slug}/documents/charter/export/?version=1"
    cases = {
        "&format=odt&lang=en": "Unknown export format 'odt'",
        "&format=akn&lang=ko": "'ko' is not an authentic language of this document",
        "&format=docx&lang=en&beside=ru": "Two languages side by side are for pdf.",
        "&format=pdf&lang=en&beside=en": "'en' is not another authentic language",
        "&format=akn&lang=en&compare=1": "A redline is for docx.",
    }
    for query, message in cases.items():
        response = client.get(base + query)
        assert response.status_code == 400, query
        assert message in response.content.decode(), (query, response.content)
    assert client.get(base.replace("version=1", "version=x") + "&format=akn").status_code == 404


# --- Import --------------------------------------------------------------------------------

IMPORT = "/p/{}/documents/import/"


def counts() -> tuple[int, int, int, int]:
    return (
        Document.objects.count(),
        Provision.objects.count(),
        Translation.objects.count(),
        Event.objects.count(),
    )


def _post(client: Client, process, files: list[tuple[str, bytes]], **fields: str):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(IMPORT.format(process.slug), {"uploads": uploads, **fields})


def test_only_the_secretariat_reaches_the_import_page_and_its_link():
    w = world()
    url = IMPORT.format(w.process.slug)
    client = Client()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    for role in ("participant", "chair", "observer", "outsider"):
        sign_in(client, w.users[role])
        response = client.get(url)
        assert response.status_code == 403, role
        assert "Only the secretariat imports" in response.content.decode()
        assert url not in fetch(client, f"/p/{w.process.slug}/")
    sign_in(client, w.users["secretariat"])
    assert url in fetch(client, f"/p/{w.process.slug}/")
    page = text_of(fetch(client, url))
    assert "Files of up to 10 MB each" in page
    assert "Universal Declaration XML" in page


def test_the_un_charter_chapters_import_from_the_page_with_their_warnings(client):
    process, _ = codes_process()
    sign_in(client, user(process, "secretariat"))
    files = [(path.name, path.read_bytes()) for path in sorted(CHARTER.glob("*.md"))]
    response = _post(client, process, files, slug="un-charter")
    assert response.status_code == 302
    assert response["Location"] == f"/p/{process.slug}/documents/un-charter/"
    document = Document.objects.get(slug="un-charter")
    assert document.authentic_languages == ["en", "zh", "es"]
    page = text_of(fetch(client, response["Location"]))
    assert "was imported: 26 provisions, working copy." in page
    assert "the files do not name the document" in page
    event = Event.objects.filter(kind="document.created").latest("seq")
    assert event.actor_id == user(process, "secretariat").pk


@pytest.mark.parametrize(
    ("files", "fields", "message"),
    [
        ([("bomb.xml", LAUGHS)], {}, "declares a document type"),
        ([("xxe.xml", XXE)], {"format": "akn"}, "declares a document type"),
        ([("notes.pdf", b"%PDF-1.7")], {}, "Cannot tell the format of notes.pdf"),
        ([("a.md", b"# A"), ("b.xml", LAUGHS)], {}, "The files are of different kinds"),
        ([("a.md", b"Article 1\n\nText.")], {"slug": "import"}, "'import' is reserved"),
        ([], {}, "This field is required."),
    ],
)
def test_hostile_broken_or_wrong_files_are_refused_and_nothing_is_written(
    client, files, fields, message
):
    process, _ = codes_process()
    sign_in(client, user(process, "secretariat"))
    before = counts()
    response = _post(client, process, files, **fields)
    assert response.status_code == 400
    page = text_of(response.content.decode())
    assert message in page
    assert "Nothing was changed" in page
    assert counts() == before


def test_a_zip_bomb_and_a_file_over_the_limit_are_refused_from_the_page(client, settings):
    process, _ = codes_process()
    sign_in(client, user(process, "secretariat"))
    word = export_docx(negotiated_document(process, slug="source").versions.get(), "en")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(word)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, source.read(item))
        target.writestr("word/media/padding.bin", b"\x00" * (30 * 1024 * 1024))
    before = counts()
    response = _post(client, process, [("bomb.docx", out.getvalue())])
    assert response.status_code == 400
    assert "as zip bombs do" in text_of(response.content.decode())
    settings.ACCORD_IMPORT_MAX_BYTES = 1000
    response = _post(client, process, [("big.md", b"Article 1\n\n" + b"x" * 5000)])
    assert response.status_code == 400
    assert "big.md is 5,011 bytes, over the import limit of 1,000 bytes" in text_of(
        response.content.decode()
    )
    assert counts() == before


def test_the_import_page_sets_the_kind_the_secretariat_chooses(client):
    process, _ = codes_process()
    sign_in(client, user(process, "secretariat"))
    response = _post(
        client, process, [("s.md", b"# Joint statement\n\nArticle 1\n\nText.")], kind="statement"
    )
    assert response.status_code == 302
    assert Document.objects.get(slug__endswith="joint-statement").kind == "statement"
