"""The concordance check itself: two language versions of one version,
provision by provision (pure: snapshots in, a report out)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy

from accord.documents.canonical import ProvisionSnapshot
from accord.documents.concordance.reading import defined_terms, numbers, plain_text, references
from accord.documents.enums import ProvisionKind


class Kind(StrEnum):
    MISSING = "missing"
    EXTRA = "extra"
    NUMBERS = "numbers"
    REFERENCES = "references"
    TERMS = "terms"


KIND_LABELS = {
    Kind.MISSING: gettext_lazy("Missing"),
    Kind.EXTRA: gettext_lazy("Extra"),
    Kind.NUMBERS: gettext_lazy("Numbers differ"),
    Kind.REFERENCES: gettext_lazy("Cross-references differ"),
    Kind.TERMS: gettext_lazy("Defined terms differ"),
}
_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


@dataclass(frozen=True)
class Discrepancy:
    """One finding. `left` and `right` are what each language has that the
    other lacks: the parts ("heading", "text") for missing and extra, the
    values for numbers and references (sorted, repeated as often as they are
    in excess), and every quoted term of each side for terms."""

    kind: Kind
    uid: str
    label: str
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


@dataclass
class Report:
    left: str
    right: str
    compared: int = 0
    discrepancies: list[Discrepancy] = field(default_factory=list)

    @property
    def concordant(self) -> bool:
        return not self.discrepancies

    def counts(self) -> dict[str, int]:
        counted = Counter(d.kind.value for d in self.discrepancies)
        return {kind.value: counted[kind.value] for kind in Kind}


def _has(snapshot: ProvisionSnapshot, language: str) -> tuple[str, str] | None:
    for text in snapshot.texts:
        if text.language == language and (text.heading.strip() or text.text.strip()):
            return text.heading.strip(), text.text.strip()
    return None


def _excess(mine: Counter[str], theirs: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted((mine - theirs).elements(), key=lambda v: (len(v), v)))


def provision_labels(provisions: Sequence[ProvisionSnapshot]) -> dict[str, str]:
    """'Article 5', 'Article 5, paragraph 2', 'Preamble paragraph 3' per uid.
    Unnumbered provisions count by their place among siblings of their kind."""
    by_uid = {p.uid: p for p in provisions}
    counts: Counter[tuple[str | None, str]] = Counter()
    own: dict[str, str] = {}
    for p in provisions:
        counts[(p.parent_uid, p.kind)] += 1
        number = p.number.strip().rstrip(".").strip("()") or str(counts[(p.parent_uid, p.kind)])
        if p.kind == ProvisionKind.POINT:
            number = f"({number})"
        own[p.uid] = f"{ProvisionKind(p.kind).label} {number}"
    labels: dict[str, str] = {}
    for p in provisions:
        chain = [p]
        while chain[-1].kind in (ProvisionKind.PARAGRAPH, ProvisionKind.POINT):
            parent = by_uid.get(chain[-1].parent_uid or "")
            if parent is None:
                break
            chain.append(parent)
        parts = [own[c.uid] for c in reversed(chain)]
        labels[p.uid] = ", ".join([parts[0], *(s[:1].lower() + s[1:] for s in parts[1:])])
    return labels


def check_concordance(provisions: Sequence[ProvisionSnapshot], *, left: str, right: str) -> Report:
    """Compare the `left` and `right` language versions of one version's
    provisions (in document order, as `version_snapshot` gives them)."""
    report = Report(left=left, right=right)
    labels = provision_labels(provisions)
    for provision in provisions:
        ours, theirs = _has(provision, left), _has(provision, right)
        if ours is None and theirs is None:
            continue
        report.compared += 1
        label = labels[provision.uid]
        found: list[Discrepancy] = []
        pairs = list(zip(("heading", "text"), ours or ("", ""), theirs or ("", ""), strict=True))
        missing = tuple(part for part, a, b in pairs if a and not b)
        extra = tuple(part for part, a, b in pairs if b and not a)
        if missing:
            found.append(Discrepancy(Kind.MISSING, provision.uid, label, left=missing))
        if extra:
            found.append(Discrepancy(Kind.EXTRA, provision.uid, label, right=extra))
        if ours is not None and theirs is not None:
            found.extend(_compare_texts(provision.uid, label, ours, theirs))
        report.discrepancies.extend(sorted(found, key=lambda d: _KIND_ORDER[d.kind]))
    return report


def _compare_texts(
    uid: str, label: str, ours: tuple[str, str], theirs: tuple[str, str]
) -> Iterable[Discrepancy]:
    a = "\n".join(plain_text(t) for t in ours if t)
    b = "\n".join(plain_text(t) for t in theirs if t)
    refs_a, spans_a = references(a)
    refs_b, spans_b = references(b)
    nums_a, nums_b = Counter(numbers(a, skip=spans_a)), Counter(numbers(b, skip=spans_b))
    if nums_a != nums_b:
        yield Discrepancy(
            Kind.NUMBERS, uid, label, _excess(nums_a, nums_b), _excess(nums_b, nums_a)
        )
    if Counter(refs_a) != Counter(refs_b):
        counted_a, counted_b = Counter(refs_a), Counter(refs_b)
        yield Discrepancy(
            Kind.REFERENCES,
            uid,
            label,
            _excess(counted_a, counted_b),
            _excess(counted_b, counted_a),
        )
    terms_a, terms_b = defined_terms(a), defined_terms(b)
    if len(terms_a) != len(terms_b):
        yield Discrepancy(Kind.TERMS, uid, label, tuple(terms_a), tuple(terms_b))


def describe(discrepancy: Discrepancy, *, left: str, right: str) -> str:
    """One line for people (the CLI, logs): what differs, in the interface language."""
    d = discrepancy
    values = {
        "label": d.label,
        "left": left,
        "right": right,
        "ours": ", ".join(d.left) or "—",
        "theirs": ", ".join(d.right) or "—",
    }
    if d.kind == Kind.MISSING:
        return gettext("%(label)s: %(ours)s in %(left)s, none in %(right)s") % values
    if d.kind == Kind.EXTRA:
        return gettext("%(label)s: %(theirs)s in %(right)s, none in %(left)s") % values
    if d.kind == Kind.NUMBERS:
        return (
            gettext("%(label)s: numbers only in %(left)s: %(ours)s; only in %(right)s: %(theirs)s")
            % values
        )
    if d.kind == Kind.REFERENCES:
        return (
            gettext(
                "%(label)s: articles cited only in %(left)s: %(ours)s; "
                "only in %(right)s: %(theirs)s"
            )
            % values
        )
    return (
        gettext("%(label)s: quoted terms differ: %(left)s has %(ours)s; %(right)s has %(theirs)s")
        % values
    )
