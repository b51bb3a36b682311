"""Opening a Word file from outside without trusting it.

Refused, before anything is parsed and with a message that says why: a
file over `ACCORD_IMPORT_MAX_BYTES`; something that is not a ZIP container
(a .doc from Word 97–2003, an encrypted document, a truncated download);
a container that would unpack to more than ten times the import limit, or
one whose parts compress more than 200 to 1 (a zip bomb: the sizes are
read from the ZIP directory, and Python's zipfile never unpacks more than
the directory declares); more than 2,000 parts; encrypted parts; any XML
part that declares a document type or entities (external entities, entity
expansion). python-docx parses without resolving entities anyway.
"""

from __future__ import annotations

import io
import re
import zipfile

from accord.core.errors import ValidationError
from accord.documents.akn.safexml import check_size, max_bytes

MAX_PARTS = 2_000
MAX_RATIO = 200
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE|<!\s*ENTITY", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _mib(count: int) -> str:
    return f"{count / (1024 * 1024):,.1f} MiB"


def _declares_doctype(data: bytes) -> bool:
    if _DOCTYPE.search(data):
        return True
    head = data[:4]
    if b"\x00" in head or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return bool(_DOCTYPE.search(data.replace(b"\x00", b"")))
    return False


def open_docx(data: bytes, *, name: str = "The file") -> zipfile.ZipFile:
    """The checked ZIP container of a .docx file, or ValidationError."""
    check_size(len(data), name=name)
    if not data.strip():
        raise ValidationError(f"{name} is empty.", field="file")
    if data.startswith(_OLE):
        raise ValidationError(
            f"{name} is a Word 97–2003 (.doc) or password-protected document, not a .docx: "
            "open it in Word or LibreOffice, save it as .docx without a password, and "
            "import it again.",
            field="file",
        )
    try:
        container = zipfile.ZipFile(io.BytesIO(data))
        entries = container.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ValidationError(
            f"{name} is not a Word document (.docx): it is not a valid ZIP container ({exc}).",
            field="file",
        ) from exc
    if len(entries) > MAX_PARTS:
        raise ValidationError(
            f"{name} has {len(entries):,} parts, more than a Word document has "
            f"(at most {MAX_PARTS:,}); it was not read.",
            field="file",
        )
    limit = 10 * max_bytes()
    total = sum(max(e.file_size, 0) for e in entries)
    if total > limit:
        raise ValidationError(
            f"{name} would unpack to {_mib(total)}, over ten times the import limit "
            f"({_mib(limit)}): a zip bomb or a document far too large; it was not unpacked.",
            field="file",
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise ValidationError(
                f"{name} has encrypted parts; save it without a password and import it again.",
                field="file",
            )
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise ValidationError(
                f"{name}: the part {entry.filename} compresses {ratio:,} "
                f"to 1 ({_mib(entry.file_size)}), as zip bombs do; it was not unpacked.",
                field="file",
            )
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise ValidationError(
            f"{name} is a ZIP file but not a Word document (.docx): it has no word/document.xml.",
            field="file",
        )
    for entry in entries:
        if not entry.filename.lower().endswith((".xml", ".rels")):
            continue
        try:
            part = container.read(entry)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ValidationError(
                f"{name} is damaged: its part {entry.filename} cannot be read ({exc}).",
                field="file",
            ) from exc
        if _declares_doctype(part):
            raise ValidationError(
                f"{name}: its part {entry.filename} declares a document type (<!DOCTYPE> or "
                "<!ENTITY>). Imports refuse them, since they can fetch external files or "
                "expand into gigabytes; Word never writes them.",
                field="file",
            )
    return container
