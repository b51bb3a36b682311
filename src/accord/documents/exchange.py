"""Files in and out of Accord, shared by `accord export` / `accord import`,
the document pages and the API, so that the three accept and refuse the same
things with the same messages.

- `EXPORT_FORMATS`: each format's label, media type and writer;
- `export_file(version, *, actor, format, language, beside=None, compare=None)
  -> ExportedFile`: one file of one language of a version (`beside`: a second
  language side by side, PDF; `compare`: a redline from an older version,
  Word);
- `IMPORT_FORMATS`, `sniff(name, head)`: the formats an import reads and how
  one is recognised from a file's name and first bytes;
- `import_documents(files, *, actor, process, format=None, slug=None, kind=None)
  -> list[ImportResult]`: files given as (name, bytes) as new documents, all
  of them or none.

Who may do what is decided by the rules: exporting needs
`documents.view_version` on the version (and on the older one of a redline),
importing needs the right to create the process's documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.actors import require
from accord.core.errors import ValidationError

if TYPE_CHECKING:  # the command line reads the format names before Django is set up
    from accord.documents.akn.drafts import ImportResult
    from accord.documents.models import Version
    from accord.processes.models import Process

# Export ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExportedFile:
    data: bytes
    filename: str
    media_type: str


@dataclass(frozen=True)
class ExportFormat:
    label: Any  # lazy translation
    media_type: str
    write: Callable[[Version, str, Any], tuple[bytes, str]]
    """(version, language, actor) → (file content, suggested file name)."""


def _akn(version: Version, language: str, actor: Any) -> tuple[bytes, str]:
    from accord.documents.akn import export_version, filename

    return export_version(version, language), filename(version, language)


def _pdf(version: Version, language: str, actor: Any) -> tuple[bytes, str]:
    from accord.documents.pdf import export_pdf, filename

    return export_pdf(version, language=language), filename(version, language)


def _docx(version: Version, language: str, actor: Any) -> tuple[bytes, str]:
    from accord.documents.textio import docx_filename, export_docx

    return export_docx(version, language), docx_filename(version, language)


def _html(version: Version, language: str, actor: Any) -> tuple[bytes, str]:
    from accord.documents.textio import export_html, html_filename

    return export_html(version, language), html_filename(version, language)


def _json(version: Version, language: str, actor: Any) -> tuple[bytes, str]:
    """Every version of the document that the actor may read."""
    from accord.documents.textio import export_json, json_filename

    readable = []
    for candidate in version.document.versions.order_by("number"):
        candidate.document = version.document
        if actor.has_perm("documents.view_version", candidate):
            readable.append(candidate)
    return export_json(version, versions=readable), json_filename(version)


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "akn": ExportFormat(_("Akoma Ntoso XML"), "application/akn+xml", _akn),
    "pdf": ExportFormat(_("PDF/A"), "application/pdf", _pdf),
    "docx": ExportFormat(
        _("Word"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _docx,
    ),
    "html": ExportFormat(_("HTML"), "text/html; charset=utf-8", _html),
    "json": ExportFormat(_("JSON"), "application/json", _json),
}
"""Format → its label, media type and writer. One file per language; the JSON
holds every language."""

SIDE_BY_SIDE_FORMATS = frozenset({"pdf"})
REDLINE_FORMATS = frozenset({"docx"})


def export_file(
    version: Version,
    *,
    actor: Any,
    format: str,
    language: str,
    beside: str | None = None,
    compare: Version | None = None,
) -> ExportedFile:
    """One language of `version` as a file. Raises ValidationError for a format,
    language or combination that does not exist, PermissionDenied when the
    actor may not read the version."""
    document = version.document
    require(actor, "documents.view_version", version, message="You may not read this version.")
    exporter = EXPORT_FORMATS.get(format)
    if exporter is None:
        raise ValidationError(
            f"Unknown export format {format!r} (formats: {', '.join(EXPORT_FORMATS)}).",
            field="format",
        )
    codes = document.authentic_languages  # the writers refuse any other `language`
    if beside is not None and compare is not None:
        raise ValidationError("Choose either a second language or a redline, not both.")
    if beside is not None:
        if format not in SIDE_BY_SIDE_FORMATS:
            raise ValidationError("Two languages side by side are for pdf.", field="beside")
        if beside not in codes or beside == language:
            raise ValidationError(
                f"{beside!r} is not another authentic language of this document "
                f"({', '.join(codes)}).",
                field="beside",
            )
        from accord.documents.pdf import export_pdf, filename

        data = export_pdf(version, language=language, compare=beside)
        return ExportedFile(data, filename(version, language, beside), exporter.media_type)
    if compare is not None:
        if format not in REDLINE_FORMATS:
            raise ValidationError("A redline is for docx.", field="compare")
        if compare.document_id != version.document_id:
            raise ValidationError("A redline compares two versions of one document.")
        require(actor, "documents.view_version", compare, message="You may not read that version.")
        from accord.documents.textio import export_redline_docx, redline_filename

        data = export_redline_docx(compare, version, language)
        return ExportedFile(data, redline_filename(compare, version, language), exporter.media_type)
    data, name = exporter.write(version, language, actor)
    return ExportedFile(data, name, exporter.media_type)


# Import ---------------------------------------------------------------------

Reader = Callable[..., "list[ImportResult]"]


def _import_akn(
    files: Sequence[tuple[str, bytes]],
    *,
    actor: Any,
    process: Process,
    slug: str | None,
    kind: str | None,
) -> list[ImportResult]:
    """Akoma Ntoso files; the language expressions of one work (as an export of
    several languages gives them) become one document."""
    from accord.documents.akn import import_akn
    from accord.documents.akn.safexml import parse
    from accord.documents.akn.vocabulary import akn

    works: dict[str, list[bytes]] = {}
    for name, data in files:
        found = parse(data, name=name).find(f".//{akn('FRBRWork')}/{akn('FRBRuri')}")
        work = found.get("value", "") if found is not None else ""
        works.setdefault(work or name, []).append(data)
    if slug is not None and len(works) > 1:
        raise ValidationError("A slug names one document, but the files hold several works.")
    return [
        import_akn(first, actor=actor, process=process, slug=slug, translations=rest, kind=kind)
        for first, *rest in works.values()
    ]


def _import_udhr(
    files: Sequence[tuple[str, bytes]],
    *,
    actor: Any,
    process: Process,
    slug: str | None,
    kind: str | None,
) -> list[ImportResult]:
    from accord.documents.akn import import_udhr

    return [import_udhr(files, actor=actor, process=process, slug=slug, kind=kind)]


def _import_text(
    files: Sequence[tuple[str, bytes]],
    *,
    actor: Any,
    process: Process,
    slug: str | None,
    kind: str | None,
) -> list[ImportResult]:
    """Word, Markdown or plain-text files as one document: several files are its
    consecutive parts (the UN Charter's chapters); language versions in a file
    are lined up by provision number."""
    from accord.documents import textio

    return [textio.import_files(files, actor=actor, process=process, slug=slug, kind=kind)]


IMPORT_FORMATS: dict[str, Reader] = {
    "akn": _import_akn,
    "udhr": _import_udhr,
    "docx": _import_text,
    "md": _import_text,
    "txt": _import_text,
}
"""Format → reader of (name, bytes) files. Word, Markdown and text share one
reader, so one import may mix them."""

IMPORT_LABELS = {
    "akn": _("Akoma Ntoso XML"),
    "udhr": _("Universal Declaration XML (one file per language)"),
    "docx": _("Word (.docx)"),
    "md": _("Markdown"),
    "txt": _("Plain text"),
}

IMPORT_REFUSED = "Only the secretariat imports the process's documents."

TEXT_SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "txt"}


def sniff(name: str, head: bytes) -> str | None:
    """The import format of a file from its name and first bytes (4 KiB are
    enough), or None."""
    if b"akomaNtoso" in head:
        return "akn"
    if b"<udhr" in head:
        return "udhr"
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if head.startswith(b"PK\x03\x04") or suffix == ".docx":
        return "docx"
    return TEXT_SUFFIXES.get(suffix)


def import_documents(
    files: Sequence[tuple[str, bytes]],
    *,
    actor: Any,
    process: Process,
    format: str | None = None,
    slug: str | None = None,
    kind: str | None = None,
) -> list[ImportResult]:
    """Files as new documents in `process`, in one transaction: a refused file
    (too large, hostile, broken, of an unknown or mixed format) raises
    ValidationError and nothing is written. `kind` (a DocumentKind) is the
    new documents' kind; by default what the files say, else a charter (a
    statement for the Universal Declaration)."""
    from accord.documents.akn.safexml import check_size

    require(actor, "documents.create_document", process, message=IMPORT_REFUSED)
    if not files:
        raise ValidationError("Choose at least one file.", field="file")
    for name, data in files:
        check_size(len(data), name=name)
    if format is not None and format not in IMPORT_FORMATS:
        raise ValidationError(
            f"Unknown import format {format!r} (formats: {', '.join(IMPORT_FORMATS)}).",
            field="format",
        )
    if format is None:
        found = {name: sniff(name, data[:4096]) for name, data in files}
        unknown = [name for name, fmt in found.items() if fmt is None]
        if unknown:
            raise ValidationError(
                f"Cannot tell the format of {', '.join(unknown)}: choose the format.",
                field="format",
            )
        readers = {IMPORT_FORMATS[fmt] for fmt in found.values() if fmt}
        if len(readers) > 1:
            raise ValidationError(
                "The files are of different kinds ("
                + ", ".join(sorted({str(fmt) for fmt in found.values()}))
                + "): import them separately.",
                field="file",
            )
        format = next(iter(found.values()))
        assert format is not None
    with transaction.atomic():  # all files or none
        return IMPORT_FORMATS[format](files, actor=actor, process=process, slug=slug, kind=kind)
