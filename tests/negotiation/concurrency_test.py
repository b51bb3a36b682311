"""Compilations and proposals at the same time, on PostgreSQL: no proposal is
ever lost or duplicated.

Real threads, each with its own connection and transactions, call the real
services while a compilation is being built. Afterwards every proposal is
exactly once either incorporated (in exactly one compilation) or still
tabled, proposal and version numbers are unique, and the audit chain
verifies. SQLite serialises all writers, so these tests skip there.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict
from accord.negotiation.models import Position, Proposal, ProvisionState
from accord.negotiation.services import compilation, positions, proposals, status
from accord.negotiation.services.compilation import CompilationResult
from accord.record.audit import verify_chain
from accord.record.models import Event
from tests.concurrency import require_postgresql, run_together
from tests.negotiation.services_scene import Neg, negotiation

pytestmark = pytest.mark.django_db(transaction=True)

KEYS = ("art1", "art2", "art2.1", "art3")


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    require_postgresql()


def many_proposals(neg: Neg, count: int) -> list[Proposal]:
    """`count` proposals of both delegations over the whole text."""
    made = []
    for i in range(count):
        key = KEYS[i % len(KEYS)]
        role, delegation = ("participant", "a") if i % 2 else ("other_participant", "b")
        operation = ("replace_text", "insert_after", "add_option")[i % 3]
        made.append(neg.table(key, operation, role=role, delegation=delegation, text=f"Text {i}."))
    return made


def assert_each_proposal_once(neg: Neg, results: list[CompilationResult]) -> None:
    """Every proposal is incorporated in at most one compilation, and is
    incorporated exactly when a compilation says so; the rest are tabled."""
    incorporated = Counter(p.pk for r in results for p in r.incorporated)
    assert all(n == 1 for n in incorporated.values()), incorporated
    for result in results:
        for p in result.incorporated:
            stored = Proposal.objects.get(pk=p.pk)
            assert (stored.status, stored.incorporated_version_id) == (
                "incorporated",
                result.version.pk,
            )
    others = Proposal.objects.exclude(pk__in=list(incorporated))
    assert set(others.values_list("status", flat=True)) <= {"tabled", "withdrawn"}
    assert not others.exclude(status="withdrawn").filter(incorporated_version__isnull=False)
    numbers = sorted(Proposal.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    versions = list(neg.document.versions.values_list("number", flat=True))
    assert sorted(versions) == list(range(1, len(versions) + 1))
    assert verify_chain().ok


def test_proposals_tabled_while_a_compilation_is_built_are_neither_lost_nor_compiled() -> None:
    neg = negotiation(phase="negotiation")
    selected = many_proposals(neg, 40)
    per_tabler = 5

    def compile_all() -> CompilationResult:
        return compilation.compile_text(actor=SYSTEM, base=neg.zero, proposals=selected)

    def tabler(role: str, delegation: str) -> Callable[[], list[int]]:
        def run() -> list[int]:
            return [
                neg.table("art3", "delete", role=role, delegation=delegation).pk
                for _ in range(per_tabler)
            ]

        return run

    results = run_together(
        [
            tabler("participant", "a"),
            compile_all,
            tabler("other_participant", "b"),
            tabler("participant", "a"),
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    result = results[1]
    assert isinstance(result, CompilationResult)
    assert {p.pk for p in result.incorporated} == {p.pk for p in selected}
    late = [pk for r in results if isinstance(r, list) for pk in r]
    assert len(late) == 3 * per_tabler
    assert set(Proposal.objects.filter(pk__in=late).values_list("status", flat=True)) == {"tabled"}
    assert_each_proposal_once(neg, [result])
    # The late proposals are compiled later, once.
    second = compilation.compile_text(
        actor=SYSTEM, base=neg.zero, proposals=list(Proposal.objects.filter(pk__in=late))
    )
    assert {p.pk for p in second.incorporated} == set(late)
    assert_each_proposal_once(neg, [result, second])
    assert Event.objects.filter(kind="proposal.tabled").count() == 40 + 3 * per_tabler


def test_two_compilations_of_the_same_proposals_at_once_make_one_version() -> None:
    neg = negotiation(phase="negotiation")
    selected = many_proposals(neg, 24)

    def compile_all() -> CompilationResult:
        return compilation.compile_text(actor=SYSTEM, base=neg.zero, proposals=selected)

    results = run_together([compile_all, compile_all, compile_all])
    done = [r for r in results if isinstance(r, CompilationResult)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert (len(done), len(refused)) == (1, 2), results
    assert all("No longer tabled" in r.message for r in refused)
    assert neg.document.versions.count() == 2
    assert Event.objects.filter(kind="version.compiled").count() == 1
    assert_each_proposal_once(neg, done)
    assert {p.pk for p in done[0].incorporated} == {p.pk for p in selected}


def test_two_compilations_of_overlapping_selections_at_once_never_share_a_proposal() -> None:
    neg = negotiation(phase="negotiation")
    made = many_proposals(neg, 30)
    first, second = made[:20], made[10:]

    def compile_(chosen: list[Proposal]) -> Callable[[], CompilationResult]:
        return lambda: compilation.compile_text(actor=SYSTEM, base=neg.zero, proposals=chosen)

    results = run_together([compile_(first), compile_(second)])
    done = [r for r in results if isinstance(r, CompilationResult)]
    assert len(done) == 1, results
    assert isinstance(results[1 - results.index(done[0])], Conflict), results
    assert_each_proposal_once(neg, done)


def test_two_compilations_of_separate_selections_at_once_both_succeed() -> None:
    neg = negotiation(phase="negotiation")
    made = many_proposals(neg, 30)

    def compile_(chosen: list[Proposal], label: str) -> Callable[[], CompilationResult]:
        return lambda: compilation.compile_text(
            actor=SYSTEM, base=neg.zero, proposals=chosen, label=label
        )

    results = run_together(
        [compile_(made[:15], "Compilation A"), compile_(made[15:], "Compilation B")]
    )
    assert all(isinstance(r, CompilationResult) for r in results), results
    assert sorted(r.version.number for r in results) == [2, 3]
    assert_each_proposal_once(neg, results)
    assert Proposal.objects.filter(status="incorporated").count() == 30


def test_withdrawals_co_sponsors_positions_and_statuses_during_a_compilation() -> None:
    """Everything else a negotiation does while the secretariat compiles: each
    call either succeeds or gets a Conflict, never a database error or a
    deadlock, and no proposal ends in two states."""
    neg = negotiation(phase="negotiation")
    made = many_proposals(neg, 30)
    a, b = neg.delegation("a"), neg.delegation("b")
    mine = [p for p in made if p.delegation_id == a.pk]
    theirs = [p for p in made if p.delegation_id == b.pk]

    def compile_all() -> CompilationResult:
        return compilation.compile_text(actor=SYSTEM, base=neg.zero, proposals=made)

    def withdraw() -> int:
        for p in reversed(mine[-4:]):
            proposals.withdraw_proposal(actor=neg.user("participant"), proposal=p)
        return 4

    def join() -> int:
        for p in reversed(theirs[-4:]):
            proposals.join_proposal(actor=neg.user("participant"), proposal=p, delegation=a)
        return 4

    def decide() -> int:
        for key in KEYS:
            status.change_status(
                actor=neg.user("chair"),
                document=neg.document,
                provision_uid=neg.provisions[key].uid,
                status="under_discussion",
            )
        return len(KEYS)

    def positions_() -> int:
        for key in KEYS:
            positions.record_position(
                actor=neg.user("other_participant"),
                delegation=b,
                document=neg.document,
                provision_uid=neg.provisions[key].uid,
                stance="support",
                visibility="participants",
            )
        return len(KEYS)

    results = run_together([withdraw, compile_all, join, decide, positions_])
    for r in results:
        assert isinstance(r, int | CompilationResult | Conflict), repr(r)
    assert results[3:] == [len(KEYS), len(KEYS)]
    compiled = results[1]
    if isinstance(compiled, CompilationResult):
        # The compilation came first for everything it took.
        assert_each_proposal_once(neg, [compiled])
        withdrawn = set(Proposal.objects.filter(status="withdrawn").values_list("pk", flat=True))
        assert not withdrawn & {p.pk for p in compiled.incorporated}
    else:
        # A withdrawal came first: the compilation named it and changed nothing.
        assert "No longer tabled" in compiled.message
        assert neg.document.versions.count() == 1
        assert not Proposal.objects.filter(status="incorporated").exists()
        assert_each_proposal_once(neg, [])
    assert verify_chain().ok


def test_a_delegation_recording_positions_at_once_keeps_one_current_position() -> None:
    """Two members of a delegation record its position on one provision at
    the same moment: both are recorded, one supersedes the other."""
    neg = negotiation(phase="negotiation")
    uid = neg.provisions["art1"].uid

    def position(stance: str) -> Callable[[], str]:
        def run() -> str:
            positions.record_position(
                actor=SYSTEM,
                delegation=neg.delegation("a"),
                document=neg.document,
                provision_uid=uid,
                stance=stance,
                visibility="participants",
                reason="Stated in the plenary.",
            )
            return stance

        return run

    stances = ["support", "objection", "reservation", "can_live_with"]
    results = run_together([position(s) for s in stances])
    assert results == stances, results
    rows = Position.objects.filter(delegation=neg.delegation("a"), provision_uid=uid)
    assert rows.count() == 4
    assert rows.filter(superseded_at__isnull=True).count() == 1
    # The history reads in order: each position was superseded by the next one.
    history = list(rows.order_by("recorded_at", "id"))
    assert history[-1].superseded_at is None
    assert [p.superseded_at for p in history[:-1]] == [p.recorded_at for p in history[1:]]
    assert Event.objects.filter(kind="position.recorded").count() == 4
    assert verify_chain().ok


def test_a_provision_decided_twice_at_once_moves_once_from_where_it_was() -> None:
    """The chair and the facilitator both move a provision at the same moment:
    one decision is taken from the state the other left, never both from
    the same state."""
    neg = negotiation(phase="negotiation")
    uid = neg.provisions["art2"].uid
    status.assign_facilitator(
        actor=SYSTEM,
        document=neg.document,
        provision_uids=[uid],
        facilitator=neg.user("facilitator").person,
    )

    def decide(role: str, target: str) -> Callable[[], str]:
        def run() -> str:
            status.change_status(
                actor=neg.user(role), document=neg.document, provision_uid=uid, status=target
            )
            return target

        return run

    results = run_together(
        [decide("chair", "under_discussion"), decide("facilitator", "bracketed")]
    )
    assert all(isinstance(r, str | Conflict) for r in results), results
    state = ProvisionState.objects.get(document=neg.document, provision_uid=uid)
    decisions = list(state.decisions.order_by("id"))
    assert decisions[0].from_status == "not_discussed"
    assert all(a.to_status == b.from_status for a, b in itertools.pairwise(decisions))
    assert state.status == decisions[-1].to_status
    assert state.revision == len(decisions)
    assert verify_chain().ok
