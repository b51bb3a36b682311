"""The API's files: GET .../versions/{n}/export and POST .../documents/import,
with the same checks and refusals as the pages and the command line."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.accounts.models import User
from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.models import Document
from accord.record.models import Event
from tests.api.negotiation_scene import writer
from tests.api.scene import client_for
from tests.documents.akn_export_test import assert_valid, codes_process, negotiated_document
from tests.documents.akn_hostile_test import LAUGHS
from tests.documents.textio_export_test import runs_with
from tests.documents.textio_import_test import CHARTER, UNESCO
from tests.factories import ROLES
from tests.pages.exchange_test import counts

pytestmark = pytest.mark.django_db


def user(process, role: str) -> User:
    return User.objects.get(username=f"{process.slug}-{role}")


@pytest.fixture
def charter():
    """Rev.1 published, Rev.2 the working copy."""
    process, _ = codes_process()
    document = negotiated_document(process, slug="charter")
    services.publish_version(actor=SYSTEM, version=document.versions.get(), label="Rev.1")
    working = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.2")
    article = working.provisions.get(kind="article", number="2")
    services.set_text(
        actor=SYSTEM, provision=article, language="en", heading="Scope", text="Everywhere."
    )
    return process


EXPORT = "/api/v1/documents/charter/versions/{}/export"


def test_every_format_downloads_for_a_reader_of_the_version(charter):
    client = client_for(user(charter, "participant"), via="token")
    response = client.get(EXPORT.format(1), {"format": "akn", "lang": "fa"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/akn+xml"
    assert response["Content-Disposition"] == 'attachment; filename="charter.v1.fa.akn.xml"'
    assert assert_valid(response.content).find(".//{*}FRBRlanguage").get("language") == "fas"
    for fmt, media_type in (
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("html", "text/html; charset=utf-8"),
        ("json", "application/json"),
    ):
        response = client.get(EXPORT.format(1), {"format": fmt})
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == media_type
    # The whole document, but only the versions the reader may read: not the working copy.
    assert [v["number"] for v in json.loads(response.content)["versions"]] == [1]
    secretariat = client_for(user(charter, "secretariat"), via="token")
    response = secretariat.get(EXPORT.format(1), {"format": "json"})
    assert [v["number"] for v in json.loads(response.content)["versions"]] == [1, 2]


def test_a_redline_and_the_working_copy_for_the_secretariat_only(charter):
    secretariat = client_for(user(charter, "secretariat"), via="token")
    response = secretariat.get(EXPORT.format(2), {"format": "docx", "lang": "en", "compare": 1})
    assert response.status_code == 200
    assert runs_with(response.content, "u") == ["Everywhere"]
    participant = client_for(user(charter, "participant"), via="token")
    response = participant.get(EXPORT.format(2), {"format": "json"})
    assert response.status_code == 404
    response = participant.get(EXPORT.format(1), {"format": "docx", "compare": 2})
    assert response.status_code == 404  # the older side of a redline must be readable too
    assert client_for(None).get(EXPORT.format(1), {"format": "json"}).status_code == 404


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"format": "odt"}, 422, None),
        ({"format": "akn", "lang": "ko"}, 400, "'ko' is not an authentic language"),
        ({"format": "docx", "beside": "ru"}, 400, "Two languages side by side are for pdf."),
        ({"format": "html", "compare": 1}, 400, "A redline is for docx."),
        ({"format": "docx", "compare": 9}, 404, "has no version 9"),
    ],
)
def test_bad_export_requests_are_refused_clearly(charter, query, status, message):
    client = client_for(user(charter, "secretariat"), via="token")
    response = client.get(EXPORT.format(1), query)
    assert response.status_code == status, response.content
    if message:
        assert message in response.json()["detail"]


IMPORT = "/api/v1/processes/{}/documents/import"


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_the_secretariat_imports_the_un_charter_chapters():
    process, _ = codes_process()
    client = client_for(user(process, "secretariat"), via="token")
    files = [_upload(p.name, p.read_bytes()) for p in sorted(CHARTER.glob("*.md"))]
    response = client.post(
        IMPORT.format(process.slug), {"files": files, "document_slug": "un-charter"}
    )
    assert response.status_code == 201, response.content
    [imported] = response.json()
    assert imported["document"]["slug"] == "un-charter"
    assert imported["document"]["authentic_languages"] == ["en", "zh", "es"]
    assert imported["provisions"] == 26
    assert any("do not name the document" in w for w in imported["warnings"])
    assert Document.objects.get(slug="un-charter").process == process


def test_messy_markdown_imports_with_warnings_and_explicit_format():
    process, _ = codes_process()
    client = client_for(user(process, "secretariat"), via="token")
    upload = _upload("unesco.txt", UNESCO.read_bytes())
    response = client.post(IMPORT.format(process.slug), {"files": [upload], "format": "md"})
    assert response.status_code == 201, response.content
    assert response.json()[0]["warnings"]


@pytest.mark.parametrize(
    ("role", "files", "fields", "status", "message"),
    [
        ("participant", [("a.md", b"Article 1\n\nText.")], {}, 403, "Only the secretariat"),
        ("secretariat", [("bomb.xml", LAUGHS)], {}, 400, "declares a document type"),
        ("secretariat", [("x.bin", b"\x00\x01")], {}, 400, "Cannot tell the format of x.bin"),
        ("secretariat", [("a.md", b"# A")], {"format": "odt"}, 422, None),
        ("secretariat", [("a.md", b"A\n" * 600)], {}, 400, "over the import limit"),
    ],
)
def test_refused_imports_write_nothing(settings, role, files, fields, status, message):
    settings.ACCORD_IMPORT_MAX_BYTES = 1000
    process, _ = codes_process()
    client = client_for(user(process, role), via="token")
    before = counts()
    uploads = [_upload(name, data) for name, data in files]
    response = client.post(IMPORT.format(process.slug), {"files": uploads, **fields})
    assert response.status_code == status, response.content
    if message:
        assert message in response.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_import_or_is_refused_with_nothing_written(role):
    process, _ = codes_process()
    user_of_role = None if role == "anonymous" else user(process, role)
    before = counts()
    last = Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    response = _import_as(user_of_role, process)
    expected = {"anonymous": 401, "secretariat": 201}.get(role, 403)
    assert response.status_code == expected, response.content
    if expected != 201:
        assert counts() == before
        return
    kinds = Event.objects.filter(seq__gt=last).order_by("seq").values_list("kind", flat=True)
    assert list(kinds) == ["document.created", "provisions.added"]


def _import_as(person, process, *, csrf: bool = True):
    """A multipart POST from the browser's session (with or without its CSRF token)."""
    session = writer(person, "session", csrf=csrf)
    upload = _upload("a.md", b"Article 1\n\nText.")
    return session.client.post(
        IMPORT.format(process.slug), {"files": [upload]}, headers=session.headers
    )


def test_an_import_from_the_browser_needs_the_csrf_token():
    process, _ = codes_process()
    before = counts()
    refused = _import_as(user(process, "secretariat"), process, csrf=False)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert counts() == before
    assert _import_as(user(process, "secretariat"), process).status_code == 201


def test_the_kind_of_the_new_document_can_be_chosen_and_is_checked():
    process, _ = codes_process()
    client = client_for(user(process, "secretariat"), via="token")
    upload = _upload("statement.md", b"# Joint statement\n\nArticle 1\n\nText.")
    response = client.post(IMPORT.format(process.slug), {"files": [upload], "kind": "statement"})
    assert response.status_code == 201, response.content
    assert response.json()[0]["document"]["kind"] == "statement"
    before = counts()
    upload = _upload("statement.md", b"# Joint statement\n\nArticle 1\n\nText.")
    response = client.post(IMPORT.format(process.slug), {"files": [upload], "kind": "treaty"})
    assert response.status_code == 422
    assert counts() == before
