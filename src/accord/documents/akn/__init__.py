"""Akoma Ntoso 3.0 in and out, and the Universal Declaration's XML in.

- `export_version(version, language) -> bytes`: one language of a version as
  an Akoma Ntoso document that validates against the OASIS schema;
- `import_akn(data, *, actor, process, slug=None, translations=()) -> ImportResult`:
  an Akoma Ntoso document (and other language expressions of the same work)
  as a new document, written through the documents services;
- `import_udhr(files, *, actor, process, slug=None) -> ImportResult`: the
  Universal Declaration of Human Rights XML files, as (name, bytes), as one
  document with a language version per file, aligned by article.

Imports refuse hostile or broken files before writing anything (safexml).
See docs/akoma-ntoso.md.
"""

from accord.documents.akn.drafts import ImportResult
from accord.documents.akn.export import export_version, filename
from accord.documents.akn.importer import import_akn
from accord.documents.akn.safexml import DEFAULT_MAX_BYTES, max_bytes
from accord.documents.akn.udhr import import_udhr

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ImportResult",
    "export_version",
    "filename",
    "import_akn",
    "import_udhr",
    "max_bytes",
]
