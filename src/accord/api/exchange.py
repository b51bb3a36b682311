"""Files in and out: a version exported as Akoma Ntoso, PDF/A, Word, HTML or
JSON, and files imported as new documents (`accord.documents.exchange`, as
`accord export` and `accord import` and the pages use it)."""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from accord.api.auth import WRITE_AUTH, viewer
from accord.api.lookups import document_for, process_by_slug, version_for
from accord.api.schemas.common import Detail, writes
from accord.api.schemas.documents import DocumentOut
from accord.documents import exchange
from accord.documents.enums import DocumentKind
from accord.documents.exchange import EXPORT_FORMATS, IMPORT_FORMATS, export_file
from accord.documents.exchange_views import download, read_upload

router = Router(tags=["files"])

ExportFormat = Literal["akn", "pdf", "docx", "html", "json"]
ImportFormat = Literal["akn", "udhr", "docx", "md", "txt"]
assert set(ExportFormat.__args__) == set(EXPORT_FORMATS)  # type: ignore[attr-defined]
assert set(ImportFormat.__args__) == set(IMPORT_FORMATS)  # type: ignore[attr-defined]

BINARY = {"schema": {"type": "string", "format": "binary"}}
EXPORT_RESPONSES = {
    200: {
        "description": "The file, as an attachment with a suggested file name.",
        "content": {f.media_type.split(";")[0]: BINARY for f in EXPORT_FORMATS.values()},
    }
}


@router.get(
    "/documents/{slug}/versions/{number}/export",
    response={400: Detail, 401: Detail, 404: Detail},
    openapi_extra={"responses": EXPORT_RESPONSES},
)
def export_version(
    request: HttpRequest,
    slug: str,
    number: int,
    format: Annotated[ExportFormat, Query(description="The file format.")],
    lang: Annotated[
        str | None, Query(description="Language code (default: the working language).")
    ] = None,
    beside: Annotated[
        str | None, Query(description="pdf: a second language, side by side.")
    ] = None,
    compare: Annotated[
        int | None, Query(description="docx: a redline from this version number.")
    ] = None,
) -> HttpResponse:
    """One language of a version as a file (JSON: the whole document, every
    language). A working copy, for those who may read it, is exported as a
    draft."""
    user = viewer(request)
    document = document_for(user, slug)
    version = version_for(user, document, number)
    old = version_for(user, document, compare) if compare is not None else None
    return download(
        export_file(
            version,
            actor=user,
            format=format,
            language=lang or document.working_language,
            beside=beside,
            compare=old,
        )
    )


class ImportedOut(Schema):
    document: DocumentOut
    provisions: int
    warnings: list[str]


@router.post(
    "/processes/{slug}/documents/import",
    auth=WRITE_AUTH,
    response=writes(list[ImportedOut], status=201),
)
def import_documents(
    request: HttpRequest,
    slug: str,
    files: File[list[UploadedFile]],
    format: Form[ImportFormat | None] = None,
    document_slug: Form[str | None] = None,
    kind: Form[DocumentKind | None] = None,
) -> Status[list[dict[str, Any]]]:
    """Import files (multipart, field `files`, repeatable) as new documents of
    the process, as the secretariat: Word, Markdown or text files are the parts
    of one document; Akoma Ntoso files of one work its language versions; the
    Universal Declaration XML one language per file. `format` is recognised
    from the files when not given, and so is `kind` (a charter by default).
    A refused file (over the size limit, hostile, broken) is a 400 naming
    it, and nothing is written."""
    user = viewer(request)
    process = process_by_slug(slug)
    results = exchange.import_documents(
        [read_upload(upload) for upload in files],
        actor=user,
        process=process,
        format=format,
        slug=document_slug or None,
        kind=kind,
    )
    return Status(
        201,
        [
            {
                "document": result.document,
                "provisions": result.document.versions.get().provisions.count(),
                "warnings": result.warnings,
            }
            for result in results
        ],
    )
