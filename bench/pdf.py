"""Benchmark: PDF/A export of a 300-provision charter in five languages.

Generates, from a fixed seed and through the services, a charter of 300
provisions (preamble, chapters, articles, paragraphs; headings; one text in
ten bracketed, one in twenty with options) in English, Russian, Persian,
Chinese and Burmese, publishes it, and exports it with
`accord.documents.pdf.export_pdf`: one PDF per language, then English and
Persian side by side. Reports for each file the time (median and best of N
runs, after one warm-up run that loads the fonts), the peak memory of the
Python heap (tracemalloc, a separate run) and the file's size and pages, and
the process's peak resident memory.

With --write (the default) the results replace the "## PDF export" section of
docs/benchmarks.md.

    uv run python bench/pdf.py [--runs N] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import re
import resource
import secrets
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compilation import CODES, Words, configure, machine, zero_draft

SEED = 20251128
PROVISIONS = 300
LANGUAGES = ("en", "ru", "fa", "zh", "my")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADING = "## PDF export"
COMMAND = "uv run python bench/pdf.py"


def build(provisions: int = PROVISIONS, seed: int = SEED) -> Any:
    """The published charter (a Version), generated through the services."""
    from accord.core.actors import SYSTEM
    from accord.processes import services as processes
    from accord.processes.enums import Phase, Standing
    from accord.processes.models import Party

    rng = random.Random(seed)
    tag = f"pdf-{provisions}-{seed}"
    process = processes.create_process(
        actor=SYSTEM, slug=f"bench-{tag}", title={"en": f"PDF benchmark ({tag})"},
        phase=Phase.CONSULTATION,
    )  # fmt: skip
    codes = list(CODES[:6])
    for code in codes:
        party = Party.objects.filter(iso_code=code).first() or processes.create_party(
            actor=SYSTEM, names={"en": f"State {code} (generated)"}, iso_code=code
        )
        processes.set_participation(
            actor=SYSTEM, process=process, party=party, standing=Standing.PARTICIPANT
        )
        processes.create_delegation(actor=SYSTEM, process=process, party=party)
    vocab = {lang: Words(lang, random.Random(f"{seed}-{lang}")) for lang in LANGUAGES}
    return zero_draft(
        process=process, languages=LANGUAGES, provisions=provisions, vocab=vocab, rng=rng,
        codes=codes, tag=tag, symbol="GEN/2025/1",
    )  # fmt: skip


def measure(version: Any, language: str, compare: str | None, runs: int) -> dict[str, Any]:
    from pypdf import PdfReader

    from accord.documents.pdf import export_pdf

    times = []
    data = b""
    for _ in range(runs):
        clock = time.perf_counter()
        data = export_pdf(version, language=language, compare=compare)
        times.append(time.perf_counter() - clock)
    tracemalloc.start()
    export_pdf(version, language=language, compare=compare)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "file": f"{language} and {compare} side by side" if compare else language,
        "median": statistics.median(times),
        "best": min(times),
        "peak": peak,
        "size": len(data),
        "pages": len(PdfReader(io.BytesIO(data)).pages),
    }


def section(rows: list[dict[str, Any]], *, database: str, runs: int, build_s: float) -> str:
    total = sum(r["median"] for r in rows if " " not in r["file"])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        HEADING,
        "",
        "Export of a generated charter (seeded) to PDF/A-3b through WeasyPrint, one file per "
        "language and two languages side by side, with the Noto fonts embedded "
        "(`accord.documents.pdf.export_pdf`).",
        "",
        f"- Machine: {machine()}",
        f"- Database: {database}",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Command: `{COMMAND}` (median and best of {runs} runs per file after one warm-up "
        "export that loads the fonts; peak Python heap from one more run under tracemalloc, "
        "which does not see the memory of Pango, HarfBuzz and fontconfig, hence the process's "
        "peak resident memory below)",
        "",
        f"Input: a charter of {PROVISIONS} provisions (preamble paragraphs, chapters, articles "
        f"with headings, paragraphs; one text in ten bracketed, one in twenty with options) in "
        f"{len(LANGUAGES)} languages ({', '.join(LANGUAGES)}), generated through the services "
        f"in {build_s:.0f} s and published.",
        "",
        "| file | median | best | pages | size | peak Python heap |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['file']} | {r['median']:.2f} s | {r['best']:.2f} s | {r['pages']} | "
            f"{r['size'] / 1024:,.0f} KiB | {r['peak'] / 2**20:,.0f} MiB |"
        )
    lines += [
        "",
        f"The five languages one after another: {total:.1f} s (sum of the medians). "
        f"Peak resident memory of the whole benchmark process: {rss:,.0f} MiB.",
        "",
    ]
    return "\n".join(lines)


def write(text: str) -> None:
    """Replace (or add) this benchmark's section of docs/benchmarks.md, leaving
    every other section as it is."""
    current = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    match = re.search(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", current, flags=re.M | re.S)
    if match:
        updated = current[: match.start()] + text + ("\n" if match.end() < len(current) else "")
        updated += current[match.end() :]
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    DOCS.write_text(updated)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        database = configure(Path(data_dir))
        from accord.documents.pdf import export_pdf, fonts_available

        if not fonts_available(LANGUAGES):
            sys.exit("The Noto fonts are missing: apt-get install fonts-noto-core fonts-noto-cjk")
        clock = time.perf_counter()
        version = build()
        build_s = time.perf_counter() - clock
        print(f"charter built in {build_s:.1f} s", flush=True)
        export_pdf(version, language="en")  # warm-up: fonts found and loaded
        rows = []
        for language, compare in [*((code, None) for code in LANGUAGES), ("en", "fa")]:
            rows.append(measure(version, language, compare, args.runs))
            print(rows[-1], flush=True)
    text = section(rows, database=database, runs=args.runs, build_s=build_s)
    print(text)
    if not args.no_write:
        write(text)


if __name__ == "__main__":
    secrets.token_bytes(1)  # (the generator's passwords and keys come from secrets)
    main()
