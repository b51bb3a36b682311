"""Word, Markdown and plain text in; Word, HTML and JSON out.

- `import_files(files, *, actor, process, slug=None, title=None, language=None)
  -> ImportResult`: Word (.docx), Markdown (.md) and plain-text (.txt)
  charters, given as (file name, bytes), as one new document: preamble
  paragraphs, parts, chapters, sections, articles, numbered paragraphs and
  lettered points detected (`structure`), language versions lined up by
  provision number (`align`), hostile files refused (`safezip`), written in
  one transaction through the documents services;
- `export_docx(version, language)`, `export_redline_docx(old, new, language)`,
  `export_html(version, language)`, `export_json(version)`: bytes.

See docs/import-export.md.
"""

from accord.documents.akn.drafts import ImportResult

from .docx_writer import docx_filename, export_docx, export_redline_docx, redline_filename
from .html_writer import export_html, html_filename
from .importer import import_files, read_files
from .json_writer import ExportedDocument, export_json, json_filename, json_schema

__all__ = [
    "ExportedDocument",
    "ImportResult",
    "docx_filename",
    "export_docx",
    "export_html",
    "export_json",
    "export_redline_docx",
    "html_filename",
    "import_files",
    "json_filename",
    "json_schema",
    "read_files",
    "redline_filename",
]
