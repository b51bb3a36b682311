"""Concurrent writers on PostgreSQL: the audit chain stays one contiguous chain,
and two editors of the same text never overwrite each other silently.

Real threads, each with its own database connection and its own transactions,
call real services. SQLite serialises writers with a database lock, so these
tests only mean something on PostgreSQL; they skip elsewhere.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict
from accord.documents import services as documents
from accord.documents.models import Provision, Translation
from accord.meetings import services as meetings
from accord.processes import services as processes
from accord.record.audit import GENESIS, verify_chain
from accord.record.models import ChainHead, Event
from tests.concurrency import require_postgresql, run_together
from tests.factories import DocumentFactory, MeetingFactory, VersionFactory, add_provisions, world

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
CALLS_PER_THREAD = 6


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    require_postgresql()


def test_concurrent_services_append_one_contiguous_chain() -> None:
    """Eight writers at once, starting from an empty log (so they also race
    to create the chain head): every event gets its own seq, no gaps, and the
    chain verifies. Agenda numbers, taken under the meeting's lock, are unique."""
    w = world()
    meeting = MeetingFactory(process=w.process)
    version = VersionFactory(
        document=DocumentFactory(process=w.process), status="working", content_hash=""
    )
    add_provisions(version, THREADS, languages=("en",))
    provisions = list(Provision.objects.filter(version=version).order_by("position"))
    assert not ChainHead.objects.exists()

    def job(i: int) -> Callable[[], int]:
        def run() -> int:
            for n in range(CALLS_PER_THREAD):
                if n % 3 == 0:
                    processes.create_person(actor=SYSTEM, names={"en": f"Delegate {i}-{n}"})
                elif n % 3 == 1:
                    meetings.add_agenda_item(
                        actor=SYSTEM, meeting=meeting, title={"en": f"Item {i}-{n}"}
                    )
                else:
                    documents.set_text(
                        actor=SYSTEM, provision=provisions[i], language="en", text=f"{i}-{n}"
                    )
            return CALLS_PER_THREAD

        return run

    results = run_together([job(i) for i in range(THREADS)])
    assert results == [CALLS_PER_THREAD] * THREADS, results

    total = THREADS * CALLS_PER_THREAD
    events = list(Event.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, total + 1))
    assert events[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    head = ChainHead.objects.get()
    assert (head.seq, head.hash) == (total, events[-1].hash)
    result = verify_chain()
    assert (result.ok, result.checked) == (True, total)

    numbers = sorted(int(n) for n in meeting.agenda_items.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * 2 + 1))
    assert sorted(meeting.agenda_items.values_list("position", flat=True)) == list(
        range(THREADS * 2)
    )


def test_two_editors_with_the_same_revision_one_wins_the_other_gets_a_conflict() -> None:
    w = world()
    version = VersionFactory(
        document=DocumentFactory(process=w.process), status="working", content_hash=""
    )
    add_provisions(version, 1, languages=("en",))
    provision = Provision.objects.get(version=version)
    assert Translation.objects.get(provision=provision).revision == 1

    def edit(text: str) -> Callable[[], Translation]:
        return lambda: documents.set_text(
            actor=SYSTEM, provision=provision, language="en", text=text, expected_revision=1
        )

    results = run_together([edit("Pen-holder in Minsk"), edit("Pen-holder in Moscow")])
    winners = [r for r in results if isinstance(r, Translation)]
    losers = [r for r in results if isinstance(r, Conflict)]
    assert (len(winners), len(losers)) == (1, 1), results
    stored = Translation.objects.get(provision=provision)
    assert (stored.revision, stored.text) == (2, winners[0].text)
    assert "changed since you read it (now revision 2)" in losers[0].message
    assert winners[0].text in losers[0].message  # the loser is shown the text that won
    assert list(Event.objects.values_list("kind", flat=True)) == ["provision.text_set"]
    assert verify_chain().ok


def test_many_editors_of_one_text_each_from_the_revision_they_read() -> None:
    """Six editors race with the revision they read (1). Exactly one wins per
    round; retrying with the revision the conflict reports always succeeds in
    the end, and no edit is lost without its writer being told."""
    w = world()
    version = VersionFactory(
        document=DocumentFactory(process=w.process), status="working", content_hash=""
    )
    add_provisions(version, 1, languages=("en",))
    provision = Provision.objects.get(version=version)

    def editor(i: int) -> Callable[[], int]:
        def run() -> int:
            expected = 1
            attempts = 0
            while True:
                attempts += 1
                try:
                    documents.set_text(
                        actor=SYSTEM,
                        provision=provision,
                        language="en",
                        text=f"edit {i}",
                        expected_revision=expected,
                    )
                    return attempts
                except Conflict:
                    expected = Translation.objects.get(provision=provision).revision

        return run

    attempts = run_together([editor(i) for i in range(6)])
    assert all(isinstance(a, int) for a in attempts), attempts
    assert Translation.objects.get(provision=provision).revision == 7
    assert Event.objects.filter(kind="provision.text_set").count() == 6
    assert verify_chain().ok


def test_phase_changes_and_other_writes_in_the_same_process_do_not_deadlock() -> None:
    """A phase change locks the process row while other writers' events point
    at that row: the lock must not block their foreign-key checks, or the two
    end up waiting for each other and the chain head."""
    w = world()
    meeting = MeetingFactory(process=w.process)
    version = VersionFactory(
        document=DocumentFactory(process=w.process), status="working", content_hash=""
    )
    add_provisions(version, 3, languages=("en",))
    provisions = list(Provision.objects.filter(version=version).order_by("position"))

    def phases() -> int:
        for n in range(CALLS_PER_THREAD):
            target = "negotiation" if n % 2 == 0 else "consultation"
            processes.change_phase(actor=SYSTEM, process=w.process, phase=target)
        return CALLS_PER_THREAD

    def agenda() -> int:
        for n in range(CALLS_PER_THREAD):
            meetings.add_agenda_item(actor=SYSTEM, meeting=meeting, title={"en": f"Item {n}"})
        return CALLS_PER_THREAD

    def texts(i: int) -> Callable[[], int]:
        def run() -> int:
            for n in range(CALLS_PER_THREAD):
                documents.set_text(
                    actor=SYSTEM, provision=provisions[i], language="en", text=f"{i}-{n}"
                )
            return CALLS_PER_THREAD

        return run

    results = run_together([phases, agenda, texts(0), texts(1), texts(2)])
    assert results == [CALLS_PER_THREAD] * 5, results
    assert Event.objects.count() == 5 * CALLS_PER_THREAD
    assert verify_chain().ok
