"""Benchmark 10(a): the compilation view of a generated charter.

Generates, from a fixed seed and through the services (the same calls a
secretariat and the delegations make), a charter of 300 provisions with its
texts in five languages (English, Russian, Persian, Chinese, Burmese), some of
them already carrying brackets and options; 25 delegations table 2,000
proposals on it in a realistic mix (replacements, added options, brackets,
removed brackets, deletions, insertions; in every language, mostly English;
concentrated on the contested provisions; some co-sponsored, some joined or
left later, some withdrawn or not retained); the secretariat compiles every
proposal still tabled into a compilation text, and the chair moves some
provisions on.

Then it requests the compilation view of that text again and again as a
participant delegate and reports the median and 95th-percentile server time
and the number of SQL queries. The view measured is the first that exists of:

- the compilation page (`negotiation` URL named like "compilation") and its
  API endpoint (an `/api/v1/` path with "compilation" in it), through Django's
  test Client, which runs the whole request: middleware, session, view,
  templates;
- until they exist: what they are built on, the selector
  `negotiation.selectors.compilation_rows` plus parsing each text's markup and
  rendering it to HTML (`markup.to_html`).

With --write (the default) the results replace the "## Compilation view"
section of docs/benchmarks.md.

    uv run python bench/compilation.py [--requests N] [--no-write] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEED = 20251014
PROVISIONS = 300
PROPOSALS = 2000
DELEGATIONS = 25
LANGUAGES = ("en", "ru", "fa", "zh", "my")
TARGET_MS = 500

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
COMMAND = "uv run python bench/compilation.py"
HEADING = "## Compilation view"

# Delegation codes: ISO 3166-1 alpha-2 codes of states in and around Eurasia.
CODES = tuple(
    "AM AZ BD BY CN ID IN IR KG KH KP KZ LA LK MM MN MY NP PK RU TH TJ TM UZ VN".split()  # noqa: SIM905
)

# The share of each operation among the proposals.
OPERATIONS = (
    ("replace_text", 30),
    ("add_option", 10),
    ("bracket", 22),
    ("remove_brackets", 5),
    ("delete", 10),
    ("insert_after", 12),
    ("insert_before", 4),
)
# The share of each language among the proposals (the working language first).
PROPOSAL_LANGUAGES = (("en", 60), ("ru", 10), ("fa", 10), ("zh", 10), ("my", 10))


# -- words in five scripts ----------------------------------------------------------


class Words:
    """Pseudo-words of one language in its script, with its punctuation and
    its habit of spacing (Chinese writes no spaces; Burmese writes them between
    phrases, not words)."""

    def __init__(self, language: str, rng: random.Random) -> None:
        self.language = language
        self.rng = rng
        if language == "en":
            self.syllables = [c + v for c in "bcdfghlmnprstvw" for v in ("a", "e", "i", "o", "u")]
        elif language == "ru":
            self.syllables = [c + v for c in "бвгдзклмнпрстфхч" for v in "аеиоуя"]
        elif language == "fa":
            self.syllables = [c + v for c in "بپتجدرزسشکگلمنه" for v in ("ا", "و", "ی", "")]
        elif language == "zh":
            self.syllables = [chr(0x4E00 + rng.randrange(0x1800)) for _ in range(1500)]
        else:  # my: a consonant, perhaps with a vowel sign; clusters stay whole
            consonants = "ကခဂငစဆဇညတထဒနပဖဗဘမယရလဝသဟ"
            self.syllables = [c + v for c in consonants for v in ("", "ာ", "ိ", "ု", "ေ")]

    def word(self) -> str:
        k = self.rng.choice((1, 2, 2, 3)) if self.language != "zh" else self.rng.choice((1, 2))
        return "".join(self.rng.choices(self.syllables, k=k))

    def phrase(self, words: int) -> str:
        items = [self.word() for _ in range(words)]
        if self.language == "zh":
            return "".join(items)
        if self.language == "my":
            # Spaces between phrases of three or four syllable groups.
            return " ".join("".join(items[i : i + 3]) for i in range(0, len(items), 3))
        return " ".join(items)

    def sentence(self, words: int) -> str:
        comma, stop = {"zh": ("，", "。"), "my": ("၊", "။"), "fa": ("،", ".")}.get(
            self.language, (",", ".")
        )
        parts = [self.phrase(max(2, words // 3)) for _ in range(3)]
        text = (comma + ("" if self.language in ("zh", "my") else " ")).join(parts) + stop
        return text[:1].upper() + text[1:] if self.language in ("en", "ru") else text

    def starts(self, text: str) -> list[int]:
        """Offsets in `text` where a word (Chinese: a character; Burmese: a
        syllable) starts: span boundaries that never split a cluster."""
        if self.language == "zh":
            return [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"]
        if self.language == "my":
            return [i for i, ch in enumerate(text) if "\u1000" <= ch <= "\u1021"]
        return [m.start() for m in re.finditer(r"(?<!\S)\S", text)]


# -- the charter --------------------------------------------------------------------


@dataclass
class Charter:
    """What `build` made; `views` measures it."""

    document: Any
    base: Any
    compilation: Any
    viewer: Any
    proposals: int
    incorporated: int
    not_applied: int
    timings: dict[str, float] = field(default_factory=dict)


def _outline(provisions: int) -> list[tuple[str, int]]:
    """(kind, depth) in document order: a preamble, then chapters of articles
    of paragraphs, `provisions` in all. Roughly 3 % preamble paragraphs, 3 %
    chapters, 17 % articles, the rest paragraphs."""
    preamble = max(1, provisions // 30)
    chapters = max(1, provisions // 30)
    articles = max(chapters, provisions // 6)
    paragraphs = provisions - preamble - chapters - articles
    assert paragraphs >= articles, "too few provisions for this outline"
    outline = [("preamble_paragraph", 0)] * preamble
    per_chapter = [articles // chapters + (i < articles % chapters) for i in range(chapters)]
    per_article = [paragraphs // articles + (i < paragraphs % articles) for i in range(articles)]
    article = 0
    for count in per_chapter:
        outline.append(("chapter", 0))
        for _ in range(count):
            outline.append(("article", 1))
            outline.extend([("paragraph", 2)] * per_article[article])
            article += 1
    return outline


ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _zero_draft_text(words: Words, rng: random.Random, codes: list[str], kind: str) -> str:
    """A paragraph's text; one in ten carries a bracket, one in twenty an
    option set, as zero drafts do where the facilitator already knows the
    disagreement."""
    length = rng.randint(25, 55) if kind == "paragraph" else rng.randint(15, 30)
    text = words.sentence(length)
    roll = rng.random()
    if roll < 0.10:
        bracket = (
            "["
            + words.phrase(rng.randint(2, 4))
            + "]{"
            + ", ".join(rng.sample(codes, rng.randint(1, 2)))
            + "}"
        )
        return text[:-1] + " " + bracket + text[-1]
    if roll < 0.15:
        a, b = rng.sample(codes, 2)
        options = (
            "{{Alt 1 (" + a + "): " + words.phrase(rng.randint(2, 4))
            + " || Alt 2 (" + b + "): " + words.phrase(rng.randint(2, 4)) + "}}"
        )  # fmt: skip
        return text[:-1] + " " + options + text[-1]
    return text


def zero_draft(
    *,
    process: Any,
    languages: tuple[str, ...],
    provisions: int,
    vocab: dict[str, Words],
    rng: random.Random,
    codes: list[str],
    tag: str,
    symbol: str = "",
) -> Any:
    """A generated charter of `provisions` provisions in `languages`, built
    through the services and published as "Zero draft"; returns that version.
    Shared by the compilation and PDF benchmarks."""
    from accord.core.actors import SYSTEM
    from accord.documents import services as documents

    document = documents.create_document(
        actor=SYSTEM,
        process=process,
        kind="charter",
        title=dict.fromkeys(languages, f"Generated charter ({tag})"),
        authentic_languages=list(languages),
        working_language=languages[0],
        symbol=symbol,
        slug=f"charter-{tag}",
        is_illustrative=True,
    )
    working = document.versions.get(number=1)
    parents: dict[int, Any] = {}
    counters = {"preamble_paragraph": 0, "chapter": 0, "article": 0, "paragraph": 0}
    for kind, depth in _outline(provisions):
        counters[kind] += 1
        if kind == "article":
            counters["paragraph"] = 0
        number = {
            "preamble_paragraph": "",
            "chapter": _roman(counters["chapter"]),
            "article": str(counters["article"]),
            "paragraph": f"{counters['paragraph']}.",
        }[kind]
        texts = {}
        for lang in languages:
            words = vocab[lang]
            heading = words.phrase(rng.randint(2, 5)) if kind in ("chapter", "article") else ""
            body = (
                _zero_draft_text(words, rng, codes, kind)
                if kind in ("paragraph", "preamble_paragraph")
                else ""
            )
            texts[lang] = (heading, body)
        parents[depth] = documents.add_provision(
            actor=SYSTEM,
            version=working,
            kind=kind,
            number=number,
            parent=parents.get(depth - 1) if depth else None,
            texts=texts,
        )
    return documents.publish_version(actor=SYSTEM, version=working, label="Zero draft")


def build(
    *,
    provisions: int = PROVISIONS,
    proposals: int = PROPOSALS,
    delegations: int = DELEGATIONS,
    languages: tuple[str, ...] = LANGUAGES,
    seed: int = SEED,
    log: Callable[[str], None] = lambda message: None,
) -> Charter:
    """Generate the charter, its proposals and its compilation text through
    the services. Needs a configured, migrated database."""
    from accord.accounts import services as accounts
    from accord.core.actors import SYSTEM
    from accord.core.errors import ValidationError
    from accord.negotiation import markup
    from accord.negotiation.services import compilation, status
    from accord.negotiation.services import proposals as tabling
    from accord.processes import services as processes
    from accord.processes.enums import MemberRole, Phase, ProcessRoleKind, Standing

    rng = random.Random(seed)
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    tag = f"{provisions}-{proposals}-{seed}"
    process = processes.create_process(
        actor=SYSTEM,
        slug=f"bench-{tag}",
        title={"en": f"Generated charter ({tag})"},
        phase=Phase.CONSULTATION,
    )
    codes = list(CODES[:delegations])
    if len(codes) < delegations:
        raise ValueError(f"At most {len(CODES)} delegations.")
    party_of: dict[str, Any] = {}
    delegation_of: dict[str, Any] = {}
    from accord.processes.models import Party

    for code in codes:
        party = Party.objects.filter(iso_code=code).first() or processes.create_party(
            actor=SYSTEM, names={"en": f"State {code} (generated)"}, iso_code=code
        )
        processes.set_participation(
            actor=SYSTEM, process=process, party=party, standing=Standing.PARTICIPANT
        )
        party_of[code] = party
        delegation_of[code] = processes.create_delegation(
            actor=SYSTEM, process=process, party=party
        )
    viewer = accounts.create_user(
        actor=SYSTEM, username=f"bench-viewer-{tag}", password=secrets.token_urlsafe(16)
    )
    person = processes.create_person(
        actor=SYSTEM, names={"en": "Delegate (generated)"}, user=viewer
    )
    processes.add_delegation_member(
        actor=SYSTEM, delegation=delegation_of[codes[0]], person=person, role=MemberRole.DELEGATE
    )
    facilitator_user = accounts.create_user(
        actor=SYSTEM, username=f"bench-facilitator-{tag}", password=secrets.token_urlsafe(16)
    )
    facilitator = processes.create_person(
        actor=SYSTEM, names={"en": "Facilitator (generated)"}, user=facilitator_user
    )
    processes.assign_process_role(
        actor=SYSTEM, process=process, person=facilitator, role=ProcessRoleKind.FACILITATOR
    )

    vocab = {lang: Words(lang, random.Random(f"{seed}-{lang}")) for lang in languages}
    base = zero_draft(
        process=process, languages=languages, provisions=provisions, vocab=vocab, rng=rng,
        codes=codes, tag=tag,
    )  # fmt: skip
    document = base.document
    timings["charter"] = time.perf_counter() - clock
    log(f"charter: {provisions} provisions in {len(languages)} languages")

    # -- proposals ----------------------------------------------------------------
    clock = time.perf_counter()
    targets = [
        p
        for p in base.provisions.order_by("position").prefetch_related("texts")
        if p.kind in ("paragraph", "preamble_paragraph")
    ]
    rng.shuffle(targets)
    # Contested provisions draw most proposals (a Zipf-like law).
    heat = [1 / (rank + 1) ** 0.8 for rank in range(len(targets))]
    operations = [operation for operation, _ in OPERATIONS]
    op_weights = [weight for _, weight in OPERATIONS]
    tongues = [language for language, _ in PROPOSAL_LANGUAGES if language in languages]
    tongue_weights = [weight for language, weight in PROPOSAL_LANGUAGES if language in languages]
    parsed: dict[tuple[int, str], Any] = {}
    earlier: dict[tuple[int, str], list[str]] = {}

    def base_markup(provision: Any, language: str) -> Any:
        key = (provision.pk, language)
        if key not in parsed:
            text = next(t.text for t in provision.texts.all() if t.language == language)
            parsed[key] = markup.parse(text, delegations=frozenset(codes))
        return parsed[key]

    tabled: list[Any] = []
    while len(tabled) < proposals:
        provision = rng.choices(targets, heat)[0]
        language = rng.choices(tongues, tongue_weights)[0]
        operation = rng.choices(operations, op_weights)[0]
        code = rng.choice(codes)
        words = vocab[language]
        current = base_markup(provision, language)
        clean = markup.clean_text(current)
        kwargs: dict[str, Any] = {}
        if operation in ("replace_text", "add_option"):
            sets = [n.id for n in markup.walk(current) if isinstance(n, markup.OptionSet)]
            if operation == "add_option" and sets:
                kwargs = {"text": words.phrase(rng.randint(2, 5)), "target_ref": sets[0]}
            else:
                # A replacement, or an option for the whole text: the clean text
                # with some words changed, or the words of an earlier proposal
                # on the same text (delegations that ask for the same thing).
                seen = earlier.setdefault((provision.pk, language), [])
                if seen and rng.random() < 0.15:
                    kwargs = {"text": rng.choice(seen)}
                else:
                    kwargs = {"text": _changed(clean, words, rng)}
                    seen.append(kwargs["text"])
        elif operation in ("insert_after", "insert_before"):
            kwargs = {"text": words.sentence(rng.randint(20, 45))}
        elif operation == "bracket":
            starts = words.starts(clean)
            if len(starts) < 3:
                continue
            i = rng.randrange(len(starts) - 2)
            j = min(len(starts) - 1, i + rng.randint(1, 4))
            end = starts[j]
            while end > starts[i] and clean[end - 1] in " ,،၊，":
                end -= 1
            kwargs = {"span": (starts[i], end)}
        elif operation == "remove_brackets":
            brackets = [n.id for n in markup.walk(current) if isinstance(n, markup.Bracket)]
            if not brackets:
                continue
            kwargs = {"target_ref": rng.choice(brackets)}
        cosponsors = []
        if rng.random() < 0.25:
            others = [c for c in codes if c != code]
            cosponsors = [delegation_of[c] for c in rng.sample(others, rng.randint(1, 3))]
        try:
            proposal = tabling.table_proposal(
                actor=SYSTEM,
                provision=provision,
                delegation=delegation_of[code],
                operation=operation,
                language=language,
                rationale=words.sentence(rng.randint(8, 16)),
                cosponsors=cosponsors,
                **kwargs,
            )
        except ValidationError:
            continue  # a span the markup refuses: the delegation would table another
        tabled.append(proposal)
        if len(tabled) % 250 == 0:
            log(f"  {len(tabled)} proposals tabled")

    # Later co-sponsors, some of whom withdraw again; withdrawals; not retained.
    for proposal in rng.sample(tabled, len(tabled) // 25):
        joining = rng.choice([c for c in codes if c != proposal.delegation.code])
        if not proposal.cosponsorships.filter(delegation=delegation_of[joining]).exists():
            tabling.join_proposal(
                actor=SYSTEM, proposal=proposal, delegation=delegation_of[joining]
            )
            if rng.random() < 0.3:
                tabling.leave_proposal(
                    actor=SYSTEM, proposal=proposal, delegation=delegation_of[joining]
                )
    closed = rng.sample(tabled, len(tabled) // 16)
    for index, proposal in enumerate(closed):
        if index % 3 == 0:
            tabling.not_retain_proposal(
                actor=SYSTEM, proposal=proposal, reason="Outside the scope of this round."
            )
        else:
            tabling.withdraw_proposal(actor=SYSTEM, proposal=proposal, reason="Withdrawn.")
    closed_ids = {p.pk for p in closed}
    timings["proposals"] = time.perf_counter() - clock
    log(f"proposals: {len(tabled)} tabled, {len(closed)} withdrawn or not retained")

    # -- the compilation and some decisions -----------------------------------------
    clock = time.perf_counter()
    result = compilation.compile_text(
        actor=SYSTEM,
        base=base,
        proposals=[p for p in tabled if p.pk not in closed_ids],
        label="Compilation text",
    )
    timings["compile"] = time.perf_counter() - clock
    log(
        f"compilation: {len(result.incorporated)} incorporated, "
        f"{len(result.not_applied)} could not be applied"
    )
    compiled = result.version
    chapters = list(compiled.provisions.filter(kind="chapter").order_by("position"))
    for chapter in chapters[: max(1, len(chapters) // 3)]:
        status.assign_facilitator(
            actor=SYSTEM,
            document=document,
            provision_uids=[chapter.uid, *chapter.children.values_list("uid", flat=True)],
            facilitator=facilitator,
        )
    for provision in rng.sample(targets, len(targets) // 3):
        steps = rng.choice(
            (
                ("under_discussion",),
                ("bracketed",),
                ("under_discussion", "agreed_informals"),
                ("under_discussion", "agreed_ad_ref"),
                ("under_discussion", "agreed"),
            )
        )
        for step in steps:
            status.change_status(
                actor=SYSTEM, document=document, provision_uid=provision.uid, status=step
            )
    return Charter(
        document=document,
        base=base,
        compilation=compiled,
        viewer=viewer,
        proposals=len(tabled),
        incorporated=len(result.incorporated),
        not_applied=len(result.not_applied),
        timings=timings,
    )


def built(
    *, provisions: int = PROVISIONS, proposals: int = PROPOSALS, seed: int = SEED
) -> Charter | None:
    """The charter a previous run built in this database (--keep), if any."""
    from django.db.models import Count

    from accord.accounts.models import User
    from accord.documents.models import Document
    from accord.negotiation.models import Proposal

    tag = f"{provisions}-{proposals}-{seed}"
    document = Document.objects.filter(slug=f"charter-{tag}").first()
    compiled = document.versions.filter(label="Compilation text").first() if document else None
    if document is None or compiled is None:
        return None
    statuses = dict(
        Proposal.objects.filter(document=document)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return Charter(
        document=document,
        base=document.versions.get(number=1),
        compilation=compiled,
        viewer=User.objects.get(username=f"bench-viewer-{tag}"),
        proposals=sum(statuses.values()),
        incorporated=statuses.get("incorporated", 0),
        not_applied=statuses.get("tabled", 0),
    )


def _changed(clean: str, words: Words, rng: random.Random) -> str:
    """`clean` with a few words replaced (Chinese: characters; Burmese:
    syllables), as a delegation's replacement text reads."""
    starts = words.starts(clean)
    if len(starts) < 2:
        return words.sentence(20)
    count = min(len(starts) - 1, rng.randint(2, 5))
    out = clean
    # Right to left, so that the offsets still to come stay valid.
    for i in sorted(rng.sample(range(len(starts) - 1), count), reverse=True):
        a, b = starts[i], starts[i + 1]
        segment = out[a:b]
        core = segment.rstrip(" ,.،။၊，。")
        out = out[:a] + words.word() + segment[len(core) :] + out[b:]
    return out


# -- the views ------------------------------------------------------------------


@dataclass
class View:
    key: str  # short, stable: what the query-count test names
    name: str  # for the table
    run: Callable[[], int]  # one request; returns the size of the answer


def views(charter: Charter) -> list[View]:
    """What to measure: the compilation page (`negotiation:compilation`, in
    the working language and in Burmese) and the API's compilation endpoint
    (the whole document in one page, in every language and in the working
    language) when they exist;
    otherwise the selector and the markup rendering they are built on."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    document, version = charter.document, charter.compilation
    client = Client()
    client.force_login(charter.viewer)
    found: list[View] = []
    try:
        page = reverse(
            "negotiation:compilation",
            kwargs={"process_slug": document.process.slug, "document_slug": document.slug},
        )
    except NoReverseMatch:
        page = None
    if page is not None:
        for lang in dict.fromkeys((document.working_language, "my")):
            if lang in document.authentic_languages:
                url = f"{page}?version={version.number}&lang={lang}"
                found.append(View(f"page-{lang}", f"page, `lang={lang}`", _get(client, url)))
    api = f"/api/v1/documents/{document.slug}/versions/{version.number}/compilation"
    if client.get(f"{api}?page_size=1").status_code == 200:
        found.append(View("api", "API, every language", _get(client, f"{api}?page_size=2000")))
        language = document.working_language
        found.append(
            View(
                f"api-{language}",
                f"API, `lang={language}`",
                _get(client, f"{api}?page_size=2000&lang={language}"),
            )
        )
    if not found:
        found.append(
            View(
                "selector",
                "selector `compilation_rows` + `markup.to_html`",
                _selector(document, version),
            )
        )
    return found


def _get(client: Any, url: str) -> Callable[[], int]:
    def run() -> int:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return len(response.content)

    return run


def _selector(document: Any, version: Any) -> Callable[[], int]:
    from accord.documents.services import delegation_codes
    from accord.negotiation import markup
    from accord.negotiation.selectors import compilation_rows

    def run() -> int:
        codes = delegation_codes(document)
        size = 0
        for row in compilation_rows(version=version):
            for text in row.provision.texts.all():
                if text.text:
                    m = markup.parse(text.text, delegations=codes)
                    size += len(markup.to_html(m, lang=text.language))
        return size

    return run


# -- measuring -----------------------------------------------------------------


@dataclass
class Measured:
    name: str
    median_ms: float
    p95_ms: float
    best_ms: float
    cpu_median_ms: float
    cpu_p95_ms: float
    queries: int
    size: int


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def count_queries(view: Callable[[], int]) -> tuple[int, int]:
    """The SQL queries one request makes, and the size of its answer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        size = view()
    return len(captured.captured_queries), size


def measure(views: list[View], requests: int) -> list[Measured]:
    """Each view once to warm up (templates, translations, the connection)
    and once to count its queries, then `requests` rounds of every view in
    turn, so that a change in the machine's load weighs on all of them alike."""
    counted = []
    for view in views:
        view.run()
        counted.append(count_queries(view.run))
    wall: list[list[float]] = [[] for _ in views]
    cpu: list[list[float]] = [[] for _ in views]
    for _ in range(requests):
        for index, view in enumerate(views):
            start, start_cpu = time.perf_counter(), time.process_time()
            view.run()
            wall[index].append((time.perf_counter() - start) * 1000)
            cpu[index].append((time.process_time() - start_cpu) * 1000)
    return [
        Measured(
            name=view.name,
            median_ms=statistics.median(wall[index]),
            p95_ms=_p95(wall[index]),
            best_ms=min(wall[index]),
            cpu_median_ms=statistics.median(cpu[index]),
            cpu_p95_ms=_p95(cpu[index]),
            queries=counted[index][0],
            size=counted[index][1],
        )
        for index, view in enumerate(views)
    ]


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
    return f"{cpus} CPUs (nproc), {model}, Python {platform.python_version()}"


def describe(charter: Charter) -> str:
    from accord.documents.models import Provision, Translation

    version = charter.compilation
    provisions = Provision.objects.filter(version=version).count()
    texts = Translation.objects.filter(provision__version=version).exclude(text="")
    marked = sum(1 for t in texts.values_list("text", flat=True) if "[" in t or "{{" in t)
    return (
        f"Input: a charter of {PROVISIONS} provisions in {len(LANGUAGES)} languages "
        f"({', '.join(LANGUAGES)}); {charter.proposals:,} proposals from {DELEGATIONS} "
        f"delegations, of which {charter.incorporated:,} were incorporated and "
        f"{charter.not_applied:,} could not be applied (the rest withdrawn or not "
        f"retained). The compilation text has {provisions:,} provisions and "
        f"{texts.count():,} non-empty texts, {marked:,} of them with brackets or options."
    ) + (
        f" Generating it through the services took {charter.timings['charter']:.0f} s "
        f"(charter), {charter.timings['proposals']:.0f} s (proposals) and "
        f"{charter.timings['compile']:.1f} s (`compile_text`)."
        if charter.timings
        else ""
    )


def _verdict(results: list[Measured]) -> str:
    def over(values: list[tuple[str, float]]) -> str:
        names = [name for name, ms in values if ms >= TARGET_MS]
        return "met" if not names else "missed by " + ", ".join(names)

    wall = (
        f"wall time median {over([(r.name, r.median_ms) for r in results])}, "
        f"95th percentile {over([(r.name, r.p95_ms) for r in results])}"
    )
    cpu = (
        f"CPU time median {over([(r.name, r.cpu_median_ms) for r in results])}, "
        f"95th percentile {over([(r.name, r.cpu_p95_ms) for r in results])}"
    )
    return (
        f"Target (under {TARGET_MS} ms): {wall}; {cpu}. CPU time is what the request itself "
        "spent on a processor: with SQLite in the same process there is little else to wait "
        "for, so on an idle machine the wall time is close to it, while with a load average "
        "above the number of CPUs the wall time also counts the waits for a free one."
    )


def section(
    charter: Charter,
    results: list[Measured],
    requests: int,
    database: str,
    load: tuple[float, float],
) -> str:
    lines = [
        HEADING,
        "",
        "Benchmark 10(a): the compilation view of a generated charter (seeded), requested "
        f"repeatedly by a participant delegate. Target: under {TARGET_MS} ms, with a number of "
        "SQL queries that does not grow with the document (asserted at two sizes in "
        "`tests/negotiation/bench_queries_test.py`).",
        "",
        f"- Machine: {machine()}; load average {load[0]:.1f} before and {load[1]:.1f} after "
        "the measurements (the benchmark itself accounts for about 1; more means other work "
        "ran on the machine at the same time)",
        f"- Database: {database}",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Command: `{COMMAND}` ({requests} rounds of requests to every view in turn, after "
        "one warm-up; through Django's test Client: the whole request in-process, "
        "middleware, session, view, templates or JSON; no network)",
        "- Views: the compilation page `/p/<process>/negotiation/<document>/?version=N&lang=..`"
        " and the API's `GET /api/v1/documents/<slug>/versions/N/compilation?page_size=2000` "
        "(every provision in one answer; in every language, or with `&lang=en`; each text as "
        "notation, structured markup, clean and full text)",
        "",
        describe(charter),
        "",
        "| view | median | 95th percentile | best | CPU median | CPU 95th | SQL queries | answer |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.median_ms:,.0f} ms | {r.p95_ms:,.0f} ms | {r.best_ms:,.0f} ms | "
            f"{r.cpu_median_ms:,.0f} ms | {r.cpu_p95_ms:,.0f} ms | {r.queries} | "
            f"{r.size / 1024:,.0f} KiB |"
        )
    lines += ["", _verdict(results), ""]
    return "\n".join(lines)


def write(text: str) -> None:
    """Replace (or add) this benchmark's section of docs/benchmarks.md, leaving
    every other section as it is."""
    if DOCS.exists():
        current = DOCS.read_text()
    else:
        current = (
            "# Benchmarks\n\nMeasured by the scripts in `bench/`; each section gives its command.\n"
        )
    match = re.search(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", current, flags=re.M | re.S)
    if match:
        updated = current[: match.start()] + text + ("\n" if match.end() < len(current) else "")
        updated += current[match.end() :]
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    DOCS.write_text(updated)


def configure(data_dir: Path) -> str:
    """Production-like settings (no debug, no test flags) on a fresh SQLite
    database in `data_dir`, unless ACCORD_DATABASE_URL names another."""
    for name in ("ACCORD_TESTING", "ACCORD_DEBUG"):
        os.environ.pop(name, None)
    os.environ["ACCORD_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("ACCORD_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["ACCORD_ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["DJANGO_SETTINGS_MODULE"] = "accord.config.settings"
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    if settings.STATIC_ROOT:  # WhiteNoise warns about a missing one, as `accord serve` avoids
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (WAL mode, the default configuration)"
    return f"{connection.vendor} (ACCORD_DATABASE_URL)"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the database in this directory and keep it; "
        "a later run with the same directory measures it again without rebuilding",
    )
    args = parser.parse_args()
    holder = None
    if args.keep:
        data_dir = args.keep
        data_dir.mkdir(parents=True, exist_ok=True)
    else:
        holder = tempfile.TemporaryDirectory(prefix="accord-bench-")
        data_dir = Path(holder.name)
    try:
        database = configure(data_dir)

        def log(message: str) -> None:
            print(message, file=sys.stderr)

        charter = built() or build(log=log)
        before = os.getloadavg()[0]
        results = measure(views(charter), args.requests)
        load = (before, os.getloadavg()[0])
        text = section(charter, results, args.requests, database, load)
        print(text)
        if not args.no_write:
            write(text)
            print(f"written to {DOCS}", file=sys.stderr)
    finally:
        if holder is not None:
            holder.cleanup()


if __name__ == "__main__":
    main()
