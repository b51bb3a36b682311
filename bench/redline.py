"""Benchmark 10(b): a redline of two versions of about 100,000 words each.

Generates, from a fixed seed, a document of about 2,500 paragraphs (100,000
words) under 500 articles in 25 chapters, and a revision of it with about
1.5 % of the words replaced, inserted or deleted, some paragraphs inserted and
deleted, some articles and paragraphs moved and the articles renumbered. Then
times three ways of building the same redline, paragraphs first, then words
inside the paragraphs that changed:

- Accord: `compare_versions` (provisions aligned by identity);
- difflib: SequenceMatcher on the list of paragraphs, then on the words of
  each pair of replaced paragraphs;
- diff-match-patch: the same, with each paragraph and then each word mapped to
  one character (the package's documented line- and word-mode), without its
  one-second time limit so that it always gives a complete diff.

Each is run several times and the median reported; peak memory is measured
in a separate run with tracemalloc (which slows Python down). With --write the
results replace the "## Redline" section of docs/benchmarks.md.

    uv run python bench/redline.py [--runs N] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import os
import platform
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import diff_match_patch

from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.compare import Op, compare_versions

SEED = 20240611
CHAPTERS = 25
ARTICLES_PER_CHAPTER = 20
PARAGRAPHS_PER_ARTICLE = 5
WORDS_PER_PARAGRAPH = 40
CHANGED_WORDS = 0.015
MOVED_ARTICLES = 8
MOVED_PARAGRAPHS = 12
INSERTED_PARAGRAPHS = 15
DELETED_PARAGRAPHS = 15

SLOW = 5.0

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
COMMAND = "uv run python bench/redline.py"

Version = list[ProvisionSnapshot]
Pairs = list[tuple[str, str]]


# -- input ------------------------------------------------------------------


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ou", "ai")]
    words = {"".join(rng.choices(syllables, k=rng.choice((1, 2, 2, 3, 3, 4)))) for _ in range(size)}
    return sorted(words)


def _sentence_words(rng: random.Random, vocabulary: list[str], weights: list[float]) -> list[str]:
    """The words of a paragraph, with the punctuation of a legal text attached to
    them (commas, semicolons, a full stop), so that editing a word does not move
    the punctuation."""
    words = rng.choices(vocabulary, weights, k=max(6, int(rng.gauss(WORDS_PER_PARAGRAPH, 12))))
    for index in range(10, len(words) - 1, 11):
        words[index] += ";" if index % 3 == 0 else ","
    words[0] = words[0].capitalize()
    words[-1] += "."
    return words


def _paragraph(words: list[str]) -> str:
    return " ".join(words)


def generate() -> tuple[Version, Version]:
    """The two versions, always the same for the same SEED."""
    rng = random.Random(SEED)
    vocabulary = _vocabulary(rng)
    weights = [1 / (rank + 10) for rank in range(len(vocabulary))]  # Zipf-like
    paragraphs: dict[str, list[str]] = {}
    old: Version = []
    uid = 0

    def next_uid() -> str:
        nonlocal uid
        uid += 1
        return f"p{uid:05d}"

    for c in range(CHAPTERS):
        chapter = next_uid()
        old.append(ProvisionSnapshot(chapter, "chapter", None, f"{c + 1}"))
        for a in range(ARTICLES_PER_CHAPTER):
            article = next_uid()
            heading = " ".join(rng.choices(vocabulary, weights, k=3)).capitalize()
            number = str(c * ARTICLES_PER_CHAPTER + a + 1)
            old.append(
                ProvisionSnapshot(
                    article, "article", chapter, number, (TextSnapshot("en", heading, ""),)
                )
            )
            for p in range(PARAGRAPHS_PER_ARTICLE):
                paragraph = next_uid()
                words = _sentence_words(rng, vocabulary, weights)
                paragraphs[paragraph] = words
                old.append(
                    ProvisionSnapshot(
                        paragraph,
                        "paragraph",
                        article,
                        f"{p + 1}.",
                        (TextSnapshot("en", "", _paragraph(words)),),
                    )
                )

    # Word edits: each word has the same chance to be hit.
    total = sum(len(words) for words in paragraphs.values())
    edited = {key: list(words) for key, words in paragraphs.items()}
    keys = list(edited)
    for _ in range(int(total * CHANGED_WORDS)):
        key = rng.choices(keys, [len(edited[k]) for k in keys])[0]
        words = edited[key]
        at = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.6:
            words[at] = rng.choices(vocabulary, weights)[0]
        elif roll < 0.8 or len(words) < 8:
            words.insert(at, rng.choices(vocabulary, weights)[0])
        else:
            del words[at]

    new = [
        replace(p, texts=(TextSnapshot("en", "", _paragraph(edited[p.uid])),))
        if p.uid in edited and edited[p.uid] != paragraphs[p.uid]
        else p
        for p in old
    ]
    # Deleted and inserted paragraphs.
    paragraph_rows = [i for i, p in enumerate(new) if p.kind == "paragraph"]
    for i in sorted(rng.sample(paragraph_rows, DELETED_PARAGRAPHS), reverse=True):
        del new[i]
    for _ in range(INSERTED_PARAGRAPHS):
        rows = [i for i, p in enumerate(new) if p.kind == "paragraph"]
        at = rng.choice(rows)
        text = _paragraph(_sentence_words(rng, vocabulary, weights))
        new.insert(
            at,
            ProvisionSnapshot(
                next_uid(), "paragraph", new[at].parent_uid, "", (TextSnapshot("en", "", text),)
            ),
        )
    # Moved paragraphs (to another article) and articles (with their paragraphs).
    for _ in range(MOVED_PARAGRAPHS):
        rows = [i for i, p in enumerate(new) if p.kind == "paragraph"]
        moving = new.pop(rng.choice(rows))
        rows = [i for i, p in enumerate(new) if p.kind == "paragraph"]
        at = rng.choice(rows)
        new.insert(at, replace(moving, parent_uid=new[at].parent_uid))
    for _ in range(MOVED_ARTICLES):
        starts = [i for i, p in enumerate(new) if p.kind == "article"]
        start = rng.choice(starts)
        end = start + 1
        while end < len(new) and new[end].kind == "paragraph":
            end += 1
        block = new[start:end]
        del new[start:end]
        starts = [i for i, p in enumerate(new) if p.kind == "article"]
        at = rng.choice(starts)
        new[at:at] = [replace(block[0], parent_uid=new[at].parent_uid), *block[1:]]
    # Renumber articles and paragraphs in document order, as a secretariat would.
    article_number = 0
    paragraph_number = 0
    for i, row in enumerate(new):
        if row.kind == "article":
            article_number += 1
            paragraph_number = 0
            new[i] = replace(row, number=str(article_number))
        elif row.kind == "paragraph":
            paragraph_number += 1
            new[i] = replace(row, number=f"{paragraph_number}.")
    return old, new


# Burmese letters for the same syllables: every token then goes through the
# grapheme-aware tokeniser (Burmese syllables, vowel signs, asat) instead of
# the plain fast path. Real Burmese puts spaces between phrases, not words;
# this keeps the text and the changes the same, only the script differs.
_CONSONANTS = dict(zip("bcdfghjklmnprstvwz", "ကခဂဃငစဆဇညတထဒနပဖဗဘမ", strict=False))
_VOWELS = {"a": "ာ", "e": "ေ", "i": "ိ", "o": "ို", "u": "ု", "ou": "ော", "ai": "ိုင်"}
_SYLLABLE = re.compile(r"([bcdfghjklmnprstvwz])(ou|ai|a|e|i|o|u)", re.IGNORECASE)


def _burmese(text: str) -> str:
    return _SYLLABLE.sub(lambda m: _CONSONANTS[m[1].lower()] + _VOWELS[m[2].lower()], text)


def in_burmese_letters(version: Version) -> Version:
    return [
        replace(
            p,
            texts=tuple(
                replace(t, heading=_burmese(t.heading), text=_burmese(t.text)) for t in p.texts
            ),
        )
        for p in version
    ]


# -- the three contenders ----------------------------------------------------

_WORDS = re.compile(r"\w+|\s+|[^\w\s]")


def _lines(version: Version) -> list[str]:
    """What a line-based tool sees: each heading and each text as one line."""
    return [value for p in version for t in p.texts for value in (t.heading, t.text) if value]


def run_accord(old: Version, new: Version) -> int:
    redline = compare_versions(old, new)
    return sum(
        len(t.text) + len(t.heading) for p in redline.provisions if p.changes for t in p.texts
    )


# Each contender keeps its whole redline, as Accord's Redline does, so that
# peak memory compares like with like: a list of (op, text) segments per line.
Segments = list[tuple[object, str]]


def _difflib_words(x: str, y: str) -> Segments:
    wa, wb = _WORDS.findall(x), _WORDS.findall(y)
    out: Segments = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb).get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(wa[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(wa[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(wb[j1:j2])))
    return out


def run_difflib(old: Version, new: Version) -> int:
    a, b = _lines(old), _lines(new)
    redline: list[Segments] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            redline.extend([("equal", line)] for line in a[i1:i2])
            continue
        for x, y in zip(a[i1:i2], b[j1:j2], strict=False):
            redline.append(_difflib_words(x, y))
        redline.extend([("delete", x)] for x in a[i1 + (j2 - j1) : i2])
        redline.extend([("insert", y)] for y in b[j1 + (i2 - i1) : j2])
    return sum(len(segments) for segments in redline)


def _encode(items: list[str], table: dict[str, str], seen: list[str]) -> str:
    """diff-match-patch's linesToChars: one character per distinct item."""
    out = []
    for item in items:
        char = table.get(item)
        if char is None:
            seen.append(item)
            char = table[item] = chr(len(seen) + 0xFF)
        out.append(char)
    return "".join(out)


def _decode(chars: str, seen: list[str]) -> list[str]:
    return [seen[ord(c) - 0x100] for c in chars]


def run_dmp(old: Version, new: Version) -> int:
    dmp = diff_match_patch.diff_match_patch()
    # No time limit: by default diff_main gives up after one second and
    # returns "all deleted, all inserted", which on a loaded machine happens
    # at the paragraph level and yields a useless (and slower) redline.
    dmp.Diff_Timeout = 0
    a, b = _lines(old), _lines(new)
    table: dict[str, str] = {}
    seen: list[str] = []
    diffs = dmp.diff_main(_encode(a, table, seen), _encode(b, table, seen), False)
    redline: list[Segments] = []
    deleted: list[str] = []
    for op, chars in [*diffs, (dmp.DIFF_EQUAL, "")]:
        lines = _decode(chars, seen)
        if op == dmp.DIFF_DELETE:
            deleted.extend(lines)
            continue
        if op == dmp.DIFF_INSERT:
            for x, y in zip(deleted, lines, strict=False):
                words: dict[str, str] = {}
                vocabulary: list[str] = []
                wa = _encode(_WORDS.findall(x), words, vocabulary)
                wb = _encode(_WORDS.findall(y), words, vocabulary)
                redline.append(
                    [(o, "".join(_decode(c, vocabulary))) for o, c in dmp.diff_main(wa, wb, False)]
                )
            redline.extend([(dmp.DIFF_DELETE, x)] for x in deleted[len(lines) :])
            redline.extend([(dmp.DIFF_INSERT, y)] for y in lines[len(deleted) :])
        else:
            redline.extend([(dmp.DIFF_DELETE, x)] for x in deleted)
            redline.extend([(dmp.DIFF_EQUAL, line)] for line in lines)
        deleted = []
    return sum(len(segments) for segments in redline)


CONTENDERS: list[tuple[str, Callable[[Version, Version], int]]] = [
    ("Accord `compare_versions`", run_accord),
    ("difflib (paragraphs, then words)", run_difflib),
    ("diff-match-patch (paragraphs, then words)", run_dmp),
]


# -- measurement --------------------------------------------------------------


def measure(
    fn: Callable[[Version, Version], int], old: Version, new: Version, runs: int
) -> tuple[float, float, float, int]:
    """(median seconds, best seconds, peak MiB, runs made). A contender slower
    than SLOW seconds is run only three times, to keep the benchmark short."""
    times: list[float] = []
    while len(times) < (runs if not times or times[0] < SLOW else min(runs, 3)):
        start = time.perf_counter()
        fn(old, new)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn(old, new)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), min(times), peak / 2**20, len(times)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpus} CPUs (nproc), {model}, Python {platform.python_version()}; "
        f"load average when the benchmark started {load} (a shared machine)"
    )


def describe(old: Version, new: Version) -> str:
    words = sum(len(t.text.split()) + len(t.heading.split()) for p in old for t in p.texts)
    new_words = sum(len(t.text.split()) + len(t.heading.split()) for p in new for t in p.texts)
    redline = compare_versions(old, new)
    counts = redline.counts()
    for p in redline.provisions:  # the join invariants hold on the whole input
        for t in p.texts:
            old_text = "".join(s.text for s in t.text if s.op != Op.INSERT)
            new_text = "".join(s.text for s in t.text if s.op != Op.DELETE)
            assert old_text == next((x.text for x in (p.old.texts if p.old else ())), "")
            assert new_text == next((x.text for x in (p.new.texts if p.new else ())), "")
    changed_words = sum(
        len(s.text.split())
        for p in redline.provisions
        for t in p.texts
        for s in t.text
        if s.op != Op.EQUAL
    )
    return (
        f"Input: {len(old):,} provisions and {words:,} words against {len(new):,} provisions and "
        f"{new_words:,} words; the redline shows "
        + ", ".join(f"{n:,} {change}" for change, n in counts.items())
        + f" provisions, {changed_words:,} words in insertions and deletions."
    )


Row = tuple[str, float, float, float, int]  # tool, median s, best s, peak MiB, runs


def section(results: list[tuple[str, str, list[Row]]], machine_line: str, runs: int) -> str:
    lines = [
        "## Redline",
        "",
        "Benchmark 10(b): a redline between two versions of a generated document of "
        "about 100,000 words (2,500 paragraphs, about 1.5 % of words changed, paragraphs "
        "and articles moved, articles renumbered). Each tool builds the same redline "
        "like for like: paragraphs first, then the words inside the paragraphs that "
        "changed (difflib and diff-match-patch pair paragraphs by a diff of the "
        "paragraph list, Accord by provision identity; they cut words with "
        "`\\w+|\\s+|[^\\w\\s]`, Accord with its grapheme-aware tokeniser). "
        "Target: under 1.5 s and faster than both others.",
        "",
        f"- Machine: {machine_line}",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Command: `{COMMAND}` (median and best of {runs} runs, 3 for a tool slower "
        f"than {SLOW:.0f} s; peak memory from a separate run under tracemalloc)",
        "",
    ]
    for scenario, summary, rows in results:
        accord = rows[0][1]
        lines += [
            f"### {scenario}",
            "",
            summary,
            "",
            "| tool | median time | best time | runs | peak memory | time vs Accord |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, median, best, peak, made in rows:
            lines.append(
                f"| {name} | {median * 1000:,.0f} ms | {best * 1000:,.0f} ms | {made} | "
                f"{peak:,.1f} MiB | {median / accord:,.1f} times |"
            )
        lines.append("")
    return "\n".join(lines)


def write(text: str) -> None:
    """Replace (or add) the "## Redline" section of docs/benchmarks.md."""
    if DOCS.exists():
        current = DOCS.read_text()
    else:
        current = (
            "# Benchmarks\n\nMeasured by the scripts in `bench/`; each section gives its command.\n"
        )
    match = re.search(r"^## Redline\n.*?(?=^## |\Z)", current, flags=re.M | re.S)
    if match:
        updated = current[: match.start()] + text + ("\n" if match.end() < len(current) else "")
        updated += current[match.end() :]
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    DOCS.write_text(updated)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args()
    machine_line = machine()
    old, new = generate()
    scenarios: list[tuple[str, Version, Version]] = [
        ("Latin script", old, new),
        (
            "Burmese letters (the same text, syllable by syllable)",
            in_burmese_letters(old),
            in_burmese_letters(new),
        ),
    ]
    results = []
    for scenario, a, b in scenarios:
        summary = describe(a, b)
        print(f"{scenario}: {summary}", file=sys.stderr)
        rows: list[Row] = []
        for name, fn in CONTENDERS:
            rows.append((name, *measure(fn, a, b, args.runs)))
            print(f"  {name}: {rows[-1][1] * 1000:.0f} ms", file=sys.stderr)
        results.append((scenario, summary, rows))
    text = section(results, machine_line, args.runs)
    print(text)
    if not args.no_write:
        write(text)
        print(f"written to {DOCS}", file=sys.stderr)


if __name__ == "__main__":
    main()
