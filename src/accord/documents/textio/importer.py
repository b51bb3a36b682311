"""Word, Markdown and plain-text charters as a new document.

Every file is read and checked, its structure detected and its language
versions lined up before anything is written; then the document, its
working copy and its whole provision tree are written through the
documents services (`create_document`, `add_provisions`) in one
transaction. A refused file writes nothing.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from accord.core import languages
from accord.core.errors import ValidationError
from accord.documents import services
from accord.documents.akn.drafts import Draft, DraftDocument, ImportResult, write
from accord.documents.akn.safexml import check_size
from accord.documents.enums import DocumentKind
from accord.processes.models import Process

from . import language as guessing
from .align import merge
from .blocks import Block, clean_characters, front_matter, read_blocks
from .docx_reader import read_docx
from .numbers import key
from .patterns import structural
from .structure import Tree, build
from .warnings import Warnings

MAX_TEXT = services.MAX_TEXT_LENGTH
DOCX_EXTENSIONS = (".docx", ".docm", ".dotx")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")


def _language_code(value: str) -> str | None:
    """'zh-cn' → 'zh', 'EN' → 'en'; None for a language Accord does not hold texts in."""
    value = value.strip().lower().replace("_", "-")
    for candidate in (value, value.split("-")[0]):
        if languages.is_known(candidate):
            return candidate
    return None


def decode(data: bytes, *, name: str, warnings: Warnings) -> str:
    """The text of a text file: UTF-8 (with or without a byte order mark),
    UTF-16 with a byte order mark, else Windows-1252 with a warning."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return clean_characters(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise ValidationError(
                f"{name} is not valid UTF-16 text ({exc}).", field="file"
            ) from exc
    if b"\x00" in data[:8192]:
        raise ValidationError(
            f"{name} is not a text file (it holds binary data); import Word files as .docx.",
            field="file",
        )
    try:
        return clean_characters(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{name} is neither UTF-8 nor Windows-1252 text; save it as UTF-8 and import again.",
            field="file",
        ) from exc
    warnings.add(f"{name} is not UTF-8: it was read as Windows-1252")
    return clean_characters(text)


class Run:
    """A stretch of blocks in one language (None: not known yet)."""

    def __init__(self, language: str | None, blocks: list[Block]) -> None:
        self.language = language
        self.blocks = blocks


def _text_of(blocks: Sequence[Block]) -> str:
    return "\n".join(b.text for b in blocks)[:20_000]


def _article_key(block: Block) -> str | None:
    found = structural(block.text.split("\n", 1)[0])
    if found is None or found.kind != "article":
        return None
    return key(found.number, ordinal=True)


def split_languages(blocks: list[Block], warnings: Warnings, *, name: str) -> list[Run]:
    """A body that holds a text and then its translation ('Article I … Article XV',
    then 'Artikel I …') as one run per language: where the article numbers
    start again and the language changes."""
    runs: list[Run] = []
    start = 0
    seen: set[str] = set()
    for index, block in enumerate(blocks):
        article = _article_key(block)
        if article is None:
            continue
        if article in seen:
            before = guessing.guess(_text_of(blocks[start:index]))
            after = guessing.guess(_text_of(blocks[index : index + 40]))
            if before and after and before != after:
                cut = index
                while (
                    cut > start + 1
                    and structural(blocks[cut - 1].text.split("\n", 1)[0]) is None
                    and guessing.guess(blocks[cut - 1].text) == after
                ):
                    cut -= 1
                runs.append(Run(before, blocks[start:cut]))
                warnings.add(
                    f"{name}: the text goes on in another language ({after}) after article "
                    f"numbers started again: imported as the {after} language version, "
                    "lined up by article"
                )
                start, seen = cut, set()
        seen.add(article)
    runs.append(Run(None, blocks[start:]))
    return runs


def _text_runs(name: str, data: bytes, *, warnings: Warnings) -> list[Run]:
    text = decode(data, name=name, warnings=warnings)
    markdown = not name.lower().endswith(".txt")
    meta, body = front_matter(text, warnings, name) if markdown else ({}, text)
    runs: list[Run] = []
    declared = _language_code(meta.get("lang", "") or meta.get("language", "") or "")

    def with_title(title_key: str, blocks: list[Block]) -> list[Block]:
        title = " ".join(meta.get(title_key, "").split())
        return [Block(title, heading=1), *blocks] if title else blocks

    main = read_blocks(body, markdown=markdown, warnings=warnings)
    if "title" in meta or main:
        for run in split_languages(with_title("title", main), warnings, name=name):
            if run.language is None and declared:
                run.language = declared
            runs.append(run)
    for field_name, value in meta.items():
        if not field_name.startswith("body-"):
            continue
        code = _language_code(field_name[5:])
        if code is None:
            warnings.add(
                f"{name}: {field_name} is in a language Accord does not hold texts in; left out"
            )
            continue
        blocks = read_blocks(value, markdown=True, warnings=warnings)
        runs.append(Run(code, with_title(f"title-{field_name[5:]}", blocks)))
    return runs


def _guess_languages(runs: list[Run], warnings: Warnings, fallback: str | None) -> None:
    for run in runs:
        if run.language is None:
            run.language = guessing.guess(_text_of(run.blocks)) or fallback
        if run.language is None:
            run.language = "en"
            warnings.add("the language of the text could not be told; it was taken as English")


def _titles_by_language(tree: Tree, codes: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for title in tree.titles:
        code = guessing.guess(title, minimum=8) or tree.language
        if code in codes:
            found.setdefault(code, title)
    return found


def read_files(
    files: Sequence[tuple[str, bytes]],
    *,
    warnings: Warnings,
    language: str | None = None,
    title: dict[str, str] | None = None,
    kind: str = DocumentKind.CHARTER,
    symbol: str = "",
) -> DraftDocument:
    """What the files make together (nothing written): several files are
    chapters of one text in order, and each file may hold several language
    versions (front matter bodies, or a translation after the text)."""
    if not files:
        raise ValidationError("Give at least one file to import.", field="file")
    runs: list[Run] = []
    word_titles: dict[str, str] = {}
    for name, data in files:
        check_size(len(data), name=name)
        if name.lower().endswith(DOCX_EXTENSIONS) or data[:4] == b"PK\x03\x04":
            word = read_docx(data, warnings=warnings, name=name)
            if word.accord:
                kind = word.kind if word.kind in DocumentKind.values else kind
                symbol = symbol or word.symbol
            code = _language_code(word.language) if word.language else None
            split = (
                [Run(code, word.blocks)]
                if word.accord
                else split_languages(word.blocks, warnings, name=name)
            )
            if word.title and word.accord:
                word_titles[code or ""] = word.title
            runs.extend(split)
        else:
            runs.extend(_text_runs(name, data, warnings=warnings))
    _guess_languages(runs, warnings, _language_code(language) if language else None)
    order: list[str] = []
    grouped: dict[str, list[Block]] = {}
    for run in runs:
        assert run.language is not None
        if run.language not in grouped:
            order.append(run.language)
            grouped[run.language] = []
        grouped[run.language].extend(run.blocks)
    trees = [build(grouped[code], language=code, warnings=warnings) for code in order]
    primary = trees[0]
    for other in trees[1:]:
        merge(primary.drafts, other.drafts, other.language, warnings, reference=primary.language)
    if not primary.drafts:
        warnings.add("no provisions were found in the text")
    titles: dict[str, str] = {}
    for tree in trees:
        for code, text in _titles_by_language(tree, order).items():
            titles.setdefault(code, text)
    for code, text in word_titles.items():
        titles.setdefault(code or primary.language, text)
    if len(files) > 1 and not any(t for t in titles.values()):
        for tree in trees:
            first, last = tree.labels.get("first"), tree.labels.get("last")
            if first and last and first != last:
                titles[tree.language] = f"{first} – {last}"
        if titles:
            warnings.add(
                "the files do not name the document: it was titled after its first and last "
                f"chapters (“{titles.get(primary.language, next(iter(titles.values())))}”)"
            )
    if title:
        titles = {code: text for code, text in title.items() if text.strip()}
    if not titles:
        stem = PurePath(files[0][0]).stem.replace("_", " ").replace("-", " ").strip()
        titles = {primary.language: stem[:1].upper() + stem[1:] if stem else "Imported document"}
    return DraftDocument(
        kind=kind,
        title=titles,
        languages=order,
        working_language=primary.language,
        provisions=primary.drafts,
        symbol=symbol,
        label="Imported",
    )


def _split_long(drafts: list[Draft], warnings: Warnings) -> None:
    """Texts longer than a provision may hold go on in unnumbered paragraphs."""
    index = 0
    while index < len(drafts):
        draft = drafts[index]
        extra: list[Draft] = []
        for code, (heading, text) in list(draft.texts.items()):
            if len(text) <= MAX_TEXT:
                continue
            pieces = _pieces(text)
            draft.texts[code] = (heading, pieces[0])
            for n, piece in enumerate(pieces[1:]):
                while len(extra) <= n:
                    extra.append(Draft(role=draft.role, kind=draft.kind))
                extra[n].texts[code] = ("", piece)
            warnings.add(f"a text longer than {MAX_TEXT:,} characters was split into paragraphs")
        _split_long(draft.children, warnings)
        drafts[index + 1 : index + 1] = extra
        index += 1 + len(extra)


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    while len(text) > MAX_TEXT:
        cut = max(text.rfind("\n", 0, MAX_TEXT), text.rfind(". ", 0, MAX_TEXT) + 1)
        if cut <= MAX_TEXT // 2:
            cut = text.rfind(" ", 0, MAX_TEXT)
        if cut <= 0:
            cut = MAX_TEXT
        while cut > 0 and text[cut - 1] == "\\":
            cut -= 1  # never split an escape
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    pieces.append(text)
    return [p for p in pieces if p]


def import_files(
    files: Sequence[tuple[str, bytes]],
    *,
    actor: Any,
    process: Process,
    slug: str | None = None,
    title: dict[str, str] | None = None,
    language: str | None = None,
    kind: str | None = None,
    symbol: str = "",
) -> ImportResult:
    """Import Word (.docx), Markdown (.md) or plain-text (.txt) files, given as
    (file name, content), as one new document with a working copy.

    Several files are read as consecutive parts of one text (the chapters of
    the UN Charter, one file each); language versions inside a file (the
    front matter's `body-xx`, or a translation that follows the text) are
    lined up with the first language by provision number. `language` is the
    language of text whose language cannot be told. Hostile or broken files
    raise ValidationError and nothing is written; what was read in a way a
    person should check is in the result's warnings. The document is a
    charter unless `kind` or the file (an Accord Word export) says otherwise.
    """
    if kind is not None and kind not in DocumentKind.values:
        raise ValidationError(f"Unknown document kind {kind!r}.", field="kind")
    warnings = Warnings()
    draft = read_files(files, warnings=warnings, language=language, title=title, symbol=symbol)
    return write(
        draft,
        actor=actor,
        process=process,
        slug=slug,
        warnings=warnings,
        prepare=_split_long,
        kind=kind,
    )
