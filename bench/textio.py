"""Benchmark: import of a 100,000-word Word file, and export of a
300-provision charter in 5 languages to Word and to Akoma Ntoso.

Generates, from a fixed seed, a Word file of about 100,000 words the way a
secretariat writes one (a title, preamble paragraphs, 25 chapters of 20
articles, 'Article N' headings, numbered paragraphs typed as '1.', lettered
points), then imports it through `textio.import_files` (reading, structure
detection and writing through the services, `add_provisions`), and for
comparison writes the same tree one provision at a time with
`add_provision`, which renumbers the whole version on every call. Then
builds a charter of 300 provisions in 5 languages (en, ru, fa, zh, my) with
brackets and option sets, and exports every language to Word
(`textio.export_docx`) and to Akoma Ntoso (`akn.export_version`), the two
formats measured by the same function. After the timings, every Akoma Ntoso
file is validated once against the OASIS schema (akomantoso30.xsd, from
../shared/data/akn/schema/ or --akn-schema); the benchmark stops if one is
not valid.

Times are the median and best of several runs on a fresh SQLite database
(WAL, the default configuration), and for the exports the median time of
each language within those runs; peak memory comes from a separate run
under tracemalloc (Python allocations only: the XML trees of both export
formats live in libxml2, outside it). Unless --no-write is given, the
results replace the "## Import and export" section of docs/benchmarks.md.

    uv run python bench/textio.py [--runs N] [--words N] [--akn-schema PATH]
        [--skip-one-by-one] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

SEED = 20261128
HEADING = "## Import and export"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
COMMAND = "uv run python bench/textio.py"
AKN_SCHEMA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "akn" / "schema" / "akomantoso30.xsd"
)
LANGUAGES = ("en", "ru", "fa", "zh", "my")
ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "ru": "абвгдежзийклмнопрстуфхцчшщыэюя",
    "fa": "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
    "zh": (
        "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着"
        "去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主"
        "行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二"
        "理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走"
        "电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市"
        "眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提"
        "感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它"
        "许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青"
        "管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步"
        "完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持"
        "取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯"
        "专石若兵弟谁校读志飞观争究包组造落视济"
    ),
    "my": "ကခဂဃငစဆဇဈညဋဌဍဎဏတထဒဓနပဖဗဘမယရလဝသဟဠအ",
}


def cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpus()} CPUs (nproc), {model}, Python {platform.python_version()}"


def configure(data_dir: Path) -> str:
    for name in ("ACCORD_TESTING", "ACCORD_DEBUG"):
        os.environ.pop(name, None)
    os.environ["ACCORD_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("ACCORD_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DJANGO_SETTINGS_MODULE"] = "accord.config.settings"
    os.environ.setdefault("ACCORD_IMPORT_MAX_BYTES", str(50 * 1024 * 1024))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (WAL mode, the default configuration)"
    return f"{connection.vendor} (ACCORD_DATABASE_URL)"


class Words:
    def __init__(self, language: str, rng: random.Random) -> None:
        letters = ALPHABETS[language]
        self.rng = rng
        self.joiner = "" if language == "zh" else " "
        size = (1, 2) if language == "zh" else (2, 3, 4, 5, 6, 7, 8)
        self.vocabulary = [
            "".join(rng.choice(letters) for _ in range(rng.choice(size))) for _ in range(3000)
        ]

    def phrase(self, count: int) -> str:
        return self.joiner.join(self.rng.choices(self.vocabulary, k=count))

    def sentence(self, count: int) -> str:
        text = self.phrase(count)
        return text[:1].upper() + text[1:] + "."


def word_file(words: int = 100_000) -> tuple[bytes, int, int]:
    """A Word file of about `words` words: (bytes, words, paragraphs)."""
    import docx

    rng = random.Random(SEED)
    vocab = Words("en", rng)
    document = docx.Document()
    document.add_paragraph("Generated Charter of Cooperation", style="Title")
    total = paragraphs = 0
    for _ in range(6):
        n = rng.randint(20, 40)
        document.add_paragraph("Recognising " + vocab.sentence(n))
        total += n + 1
        paragraphs += 1
    article = 0
    chapter = 0
    while total < words:
        chapter += 1
        document.add_paragraph(f"Chapter {chapter}", style="Heading 1")
        for _ in range(20):
            article += 1
            document.add_paragraph(f"Article {article}", style="Heading 2")
            for number in range(1, rng.randint(3, 7) + 1):
                n = max(8, int(rng.gauss(40, 12)))
                if rng.random() < 0.2:
                    document.add_paragraph(f"{number}. " + vocab.phrase(n // 2) + ":")
                    for letter in "abc"[: rng.randint(2, 3)]:
                        document.add_paragraph(f"({letter}) " + vocab.phrase(n // 3) + ";")
                        total += n // 3
                        paragraphs += 1
                    total += n // 2
                else:
                    document.add_paragraph(f"{number}. " + vocab.sentence(n))
                    total += n
                paragraphs += 1
            if total >= words:
                break
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), total, paragraphs


def process(tag: str) -> Any:
    from accord.core.actors import SYSTEM
    from accord.processes import services as processes
    from accord.processes.enums import Phase

    return processes.create_process(
        actor=SYSTEM,
        slug=f"bench-textio-{tag}",
        title={"en": f"Text I/O ({tag})"},
        phase=Phase.CONSULTATION,
    )


def one_by_one(data: bytes, target: Any, slug: str) -> int:
    """The same import, written with add_provision one provision at a time."""
    from django.db import transaction

    from accord.core.actors import SYSTEM
    from accord.documents import services
    from accord.documents.akn.drafts import fit, tidy
    from accord.documents.textio import read_files
    from accord.documents.textio.warnings import Warnings

    warnings = Warnings()
    draft = read_files([("g.docx", data)], warnings=warnings)
    fit(draft.provisions, warnings)
    tidy(draft.provisions, warnings)
    count = 0
    with transaction.atomic():
        document = services.create_document(
            actor=SYSTEM,
            process=target,
            kind="charter",
            title=draft.title,
            authentic_languages=draft.languages,
            working_language=draft.working_language,
            slug=slug,
        )
        version = document.versions.get()

        def add(items: list[Any], parent: Any) -> None:
            nonlocal count
            for item in items:
                provision = services.add_provision(
                    actor=SYSTEM,
                    version=version,
                    kind=item.kind,
                    number=item.number,
                    parent=parent,
                    texts={k: v for k, v in item.texts.items() if v[0] or v[1]},
                )
                count += 1
                add(item.children, provision)

        add(draft.provisions, None)
    return count


def charter(target: Any, provisions: int = 300) -> Any:
    """A charter of `provisions` provisions in 5 languages with markup."""
    from accord.core.actors import SYSTEM
    from accord.documents import services
    from accord.processes import services as processes
    from accord.processes.enums import Standing
    from accord.processes.models import Party

    codes = ["RU", "BY", "IR", "KP", "MM"]
    for code in codes:
        party = Party.objects.filter(iso_code=code).first() or processes.create_party(
            actor=SYSTEM, names={"en": f"State {code}"}, iso_code=code
        )
        processes.set_participation(
            actor=SYSTEM, process=target, party=party, standing=Standing.PARTICIPANT
        )
        processes.create_delegation(actor=SYSTEM, process=target, party=party)
    rng = random.Random(SEED)
    vocab = {lang: Words(lang, random.Random(f"{SEED}-{lang}")) for lang in LANGUAGES}
    document = services.create_document(
        actor=SYSTEM,
        process=target,
        kind="charter",
        title=dict.fromkeys(LANGUAGES, "Generated charter"),
        authentic_languages=list(LANGUAGES),
        working_language="en",
        symbol="GEN/2026/1",
        slug=f"{target.slug}-charter",
        is_illustrative=True,
    )

    def text(lang: str, kind: str) -> tuple[str, str]:
        words = vocab[lang]
        if kind in ("chapter", "article"):
            return words.phrase(rng.randint(2, 5)), ""
        body = words.sentence(rng.randint(25, 55))
        roll = rng.random()
        if roll < 0.1:
            a, b = rng.sample(codes, 2)
            body = body[:-1] + f" [{words.phrase(3)}]{{{a}, {b}}}."
        elif roll < 0.15:
            a, b = rng.sample(codes, 2)
            body = body[:-1] + f" {{{{Alt 1 ({a}): {words.phrase(2)} || Alt 2 ({b}): no text}}}}."
        elif roll < 0.18:
            body = body[:-1] + f" [{words.phrase(4)}]{{delete: {rng.choice(codes)}}}."
        return body

    made = 0
    chapters = []
    while made < provisions:
        chapter = services.NewProvision("chapter", str(len(chapters) + 1))
        chapter.texts = {lang: text(lang, "chapter") for lang in LANGUAGES}  # type: ignore[misc]
        made += 1
        for _ in range(5):
            if made >= provisions:
                break
            article = services.NewProvision("article", str(made))
            article.texts = {lang: text(lang, "article") for lang in LANGUAGES}  # type: ignore[misc]
            made += 1
            for number in range(1, 5):
                if made >= provisions:
                    break
                paragraph = services.NewProvision("paragraph", str(number))
                paragraph.texts = {lang: ("", text(lang, "paragraph")) for lang in LANGUAGES}  # type: ignore[misc]
                article.children.append(paragraph)
                made += 1
            chapter.children.append(article)
        chapters.append(chapter)
    services.add_provisions(actor=SYSTEM, version=document.versions.get(), items=chapters)
    return document


def median(run: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), result


def peak(run: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


class Export(NamedTuple):
    median: float
    best: float
    peak: float  # MiB
    files: dict[str, bytes]
    each: dict[str, float]  # seconds: median for one language over the same runs


def measure(export: Callable[[Any, str], bytes], version: Any, runs: int) -> Export:
    """Every language of `version` through `export(version, language)`: the
    median and best of `runs` runs of all of them, the median time of each
    language within those runs, and the peak memory of one more run."""
    times: dict[str, list[float]] = {lang: [] for lang in LANGUAGES}

    def every() -> dict[str, bytes]:
        files = {}
        for lang in LANGUAGES:
            started = time.perf_counter()
            files[lang] = export(version, lang)
            times[lang].append(time.perf_counter() - started)
        return files

    middle, best, files = median(every, runs)
    each = {lang: statistics.median(seconds) for lang, seconds in times.items()}
    return Export(middle, best, peak(every), files, each)


def write(text: str) -> None:
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
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--skip-one-by-one", action="store_true")
    parser.add_argument("--akn-schema", type=Path, default=AKN_SCHEMA)
    args = parser.parse_args()
    if not args.akn_schema.is_file():
        parser.error(f"no Akoma Ntoso schema at {args.akn_schema} (see --akn-schema)")
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as folder:
        database = configure(Path(folder))
        from accord.core.actors import SYSTEM
        from accord.documents.akn import export_version, schema
        from accord.documents.models import Provision
        from accord.documents.textio import export_docx, import_files

        log = lambda message: print(message, file=sys.stderr)  # noqa: E731
        load = os.getloadavg()[0]
        data, words, paragraphs = word_file(args.words)
        log(f"Word file: {len(data) / 1024:,.0f} KiB, {words:,} words, {paragraphs:,} paragraphs")
        target = process("import")
        counter = iter(range(1000))

        def bulk() -> Any:
            return import_files(
                [("generated.docx", data)],
                actor=SYSTEM,
                process=target,
                slug=f"bulk-{next(counter)}",
            )

        import_median, import_best, result = median(bulk, args.runs)
        imported = Provision.objects.filter(version__document=result.document).count()
        import_peak = peak(bulk)
        log(f"import: {import_median:.2f} s, {imported} provisions, peak {import_peak:.0f} MiB")
        slow = None
        if not args.skip_one_by_one:
            # Quadratic: only a tenth of the file (a full run would take about an hour).
            small, small_words, _ = word_file(args.words // 10)
            started = time.perf_counter()
            bulk_small = import_files(
                [("small.docx", small)], actor=SYSTEM, process=target, slug="bulk-small"
            )
            small_bulk = time.perf_counter() - started
            started = time.perf_counter()
            count = one_by_one(small, target, "one-by-one")
            slow = (time.perf_counter() - started, count, small_words, small_bulk)
            assert bulk_small.document.versions.get().provisions.count() == count
            log(f"one by one: {slow[0]:.1f} s for {count} provisions")
        owner = process("export")
        document = charter(owner)
        version = document.versions.get()
        texts = sum(1 for _ in version.provisions.all())

        formats = {"Word": export_docx, "Akoma Ntoso": export_version}
        exports = {}
        for name, export in formats.items():
            exports[name] = measure(export, version, args.runs)
            log(
                f"export to {name}: {exports[name].median:.2f} s for 5 files, "
                f"peak {exports[name].peak:.0f} MiB"
            )
        # Outside the timings: the files measured are valid Akoma Ntoso.
        started = time.perf_counter()
        xsd = schema.load(args.akn_schema)
        for lang, xml in exports["Akoma Ntoso"].files.items():
            problems = schema.errors(xml, xsd)
            if problems:
                sys.exit(
                    f"the {lang} Akoma Ntoso export is not valid:\n" + "\n".join(problems[:10])
                )
        validated = time.perf_counter() - started
        log(f"Akoma Ntoso: 5 files valid against {args.akn_schema.name} ({validated:.1f} s)")
        end_load = os.getloadavg()[0]
        if max(load, end_load) > cpus():
            busy = (
                "above the number of CPUs, other work was running: times are then longer than "
                "on an idle machine"
            )
        else:
            busy = "not above the number of CPUs"
        lines = [
            HEADING,
            "",
            "Import of a generated 100,000-word Word file and export of a 300-provision charter "
            "in 5 languages to Word and to Akoma Ntoso (issue 5).",
            "",
            f"- Machine: {machine()}; load average {load:.1f} before and {end_load:.1f} at the "
            f"end ({busy})",
            f"- Database: {database}",
            f"- Date: {datetime.date.today().isoformat()}",
            f"- Command: `{COMMAND}` (median and best of {args.runs} runs; peak memory from a "
            "separate run under tracemalloc, Python allocations only: the XML trees that "
            "python-docx and the Akoma Ntoso export build with lxml are held by libxml2 and "
            "not counted)",
            "",
            f"Import input: a .docx of {len(data) / 1024:,.0f} KiB written with python-docx: "
            f"{words:,} words in {paragraphs:,} paragraphs (title, 6 preamble paragraphs, "
            "chapters of 20 articles with 'Chapter N' and 'Article N' headings, paragraphs typed "
            f"'1.', points typed '(a)'); it imports as {imported:,} provisions in one "
            "transaction (read, structure detected, written through `create_document` and "
            "`add_provisions`: 2 audit events).",
            "",
            "| operation | median | best | peak memory |",
            "|---|---:|---:|---:|",
            f"| import 100,000-word .docx (`import_files`) | {import_median:.2f} s | "
            f"{import_best:.2f} s | {import_peak:,.0f} MiB |",
        ]
        if slow is not None:
            lines.append(
                f"| a tenth of it ({slow[2]:,} words, {slow[1]:,} provisions) imported | "
                f"{slow[3]:.2f} s | — | — |"
            )
            lines.append(
                f"| the same tenth written with `add_provision`, one call per provision | "
                f"{slow[0]:.1f} s | — | — |"
            )
        lines += [
            f"| export 300 provisions × 5 languages to {name} (5 files) | {e.median:.2f} s | "
            f"{e.best:.2f} s | {e.peak:,.0f} MiB |"
            for name, e in exports.items()
        ]
        lines += [
            "",
            f"Export input: a charter of {texts} provisions (chapters, articles, paragraphs) in "
            f"{', '.join(LANGUAGES)}, one paragraph in ten with a bracket, one in twenty with an "
            "option set, a few deletion brackets. Per language, the size of its file and its "
            "median time in the same runs:",
            "",
        ]
        lines += [
            f"- {name}: sizes "
            + ", ".join(f"{lang} {len(f) / 1024:,.0f} KiB" for lang, f in e.files.items())
            + "; times "
            + ", ".join(f"{lang} {t * 1000:,.0f} ms" for lang, t in e.each.items())
            + "."
            for name, e in exports.items()
        ]
        lines += [
            "",
            "The five Akoma Ntoso files of the last timed run validate against the OASIS Akoma "
            f"Ntoso 3.0 schema ({args.akn_schema.name}, lxml; checked once after the timings, "
            f"{validated:.1f} s with loading the schema).",
            "",
        ]
        if slow is not None:
            ratio = slow[0] / slow[3]
            lines += [
                "`add_provision` renumbers the whole version on every call, so writing a tree "
                "one provision at a time grows with the square of its size: "
                f"{ratio:,.0f} times the bulk import on a tenth of the file, and (a hundred times "
                "that, at ten times the size) hours on the whole of it. Imports therefore "
                "write the whole tree with "
                "`add_provisions` (one renumbering, one audit event).",
                "",
            ]
        text = "\n".join(lines)
        print(text)
        if not args.no_write:
            write(text)
            log(f"written to {DOCS}")


if __name__ == "__main__":
    main()
