"""Markdown and plain text as a sequence of blocks: headings, paragraphs,
list items. Tolerant of what conversions leave behind: headings without a
space after the hashes ('##Title'), list items without a blank line
between them, HTML lines, links, emphasis, hard breaks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .patterns import marker, structural
from .warnings import Warnings


@dataclass
class Block:
    """A paragraph of the source. `heading` is its heading level (Markdown
    hashes, Word heading styles), 0 for body text. Blocks read from an
    Accord Word export carry their kind in `style`, their number and, when the
    text is exactly as exported, the stored notation in `notation`."""

    text: str
    heading: int = 0
    style: str = ""
    number: str = ""
    level: int = 0
    notation: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Source:
    """A file read: its front matter (title and bodies per language, as the
    UN Charter files have them) and its body blocks."""

    name: str
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, list[Block]] = field(default_factory=dict)
    markdown: bool = True


_ATX = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?P<space>[ \t]*)(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_HTML_LINE = re.compile(r"^\s*(?:<!--.*?-->|</?[A-Za-z][^<>]*>)\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BR = re.compile(r"<br\s*/?>", re.I)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_QUOTE = re.compile(r"^ {0,3}> ?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_characters(text: str) -> str:
    """Text without the control characters no provision text may hold."""
    return _CONTROL.sub("", text)


def inline(text: str, warnings: Warnings) -> str:
    """Markdown inline syntax taken out, keeping the words: links become
    their text, emphasis and code marks go, escapes and entities are resolved."""
    if "![" in text:
        text, count = _IMAGE.subn("", text)
        if count:
            warnings.add("an image in the Markdown was left out", count)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def front_matter(text: str, warnings: Warnings, name: str) -> tuple[dict[str, str], str]:
    """The YAML front matter's string values (nothing else is used) and the rest."""
    if not text.startswith("---"):
        return {}, text
    match = re.match(r"^---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", text, re.S)
    if match is None:
        return {}, text
    rest = text[match.end() :]
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, RecursionError) as exc:
        warnings.add(f"{name}: the YAML front matter could not be read and was left out ({exc})")
        return {}, rest
    if not isinstance(data, dict):
        return {}, rest
    return {str(k): v for k, v in data.items() if isinstance(v, str)}, rest


def read_blocks(text: str, *, markdown: bool, warnings: Warnings) -> list[Block]:
    """The blocks of a Markdown (or plain) text."""
    blocks: list[Block] = []
    lines: list[str] = []
    hard: list[bool] = []

    def flush() -> None:
        if not lines:
            return
        parts = []
        for index, line in enumerate(lines):
            parts.append(line.strip())
            if index < len(lines) - 1:
                parts.append("\n" if hard[index] else " ")
        joined = "".join(parts).strip()
        if markdown:
            joined = inline(joined, warnings).strip()
        if joined:
            blocks.append(Block(joined))
        lines.clear()
        hard.clear()

    for raw in text.splitlines():
        line = raw.replace("\t", "    ").rstrip("\n")
        if markdown:
            line = _QUOTE.sub("", line)
        if not line.strip():
            flush()
            continue
        if markdown:
            if _HTML_LINE.match(line):
                flush()
                warnings.add("an HTML line in the Markdown was left out")
                continue
            atx = _ATX.match(line)
            if atx and atx["text"].strip() and not atx["text"].startswith("#"):
                flush()
                if not atx["space"]:
                    warnings.add(
                        "a Markdown heading had no space after its # marks (“##Title”); "
                        "read as a heading"
                    )
                heading = inline(atx["text"], warnings).strip()
                if heading:
                    blocks.append(Block(heading, heading=len(atx["hashes"])))
                continue
        if _SETEXT.match(line):
            if lines and len(lines) == 1 and marker(lines[0]) is None:
                heading = lines[0].strip()
                lines.clear()
                hard.clear()
                blocks.append(
                    Block(
                        inline(heading, warnings) if markdown else heading,
                        heading=1 if "=" in line else 2,
                    )
                )
                continue
            if not lines:
                continue  # a thematic break
        if markdown and not lines and _BREAK.match(line):
            continue
        stripped = line.strip()
        starts = marker(stripped) is not None or structural(stripped) is not None
        if starts or (lines and structural(lines[0].strip()) is not None):
            flush()
        lines.append(line)
        hard.append(raw.endswith("  ") or raw.rstrip().endswith("\\"))
        if hard[-1] and lines[-1].rstrip().endswith("\\"):
            lines[-1] = lines[-1].rstrip()[:-1]
    flush()
    return blocks
