"""The hash-chained audit log: one event per service call, and tampering found.

Tampering is done the way an attacker with database access would do it: with
QuerySet.update()/delete() or raw SQL, never through a service.
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.models import F

from accord import cli
from accord.accounts import services as accounts
from accord.core.actors import SYSTEM
from accord.core.errors import AccordError, Conflict, PermissionDenied, ValidationError
from accord.documents import services as documents
from accord.documents.models import Document, Provision
from accord.meetings import services as meetings
from accord.meetings.models import Meeting
from accord.negotiation.models import Proposal
from accord.negotiation.services import compilation, positions, proposals, status
from accord.processes import services as processes
from accord.processes.models import Delegation, Process
from accord.record import services as record
from accord.record.audit import GENESIS, compute_hash, event_content, verify_chain
from accord.record.models import ChainHead, Event, RecordEntry
from tests.factories import (
    MeetingFactory,
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    UserFactory,
    VenueFactory,
    World,
    world,
)

pytestmark = pytest.mark.django_db

Call = Callable[[], object]


def _document(w: World) -> Document:
    return documents.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        title={"en": "Charter", "ru": "Хартия"},
        authentic_languages=["en", "ru"],
        working_language="en",
    )


def _article(w: World, number: str = "1") -> Provision:
    version = _document(w).versions.get()
    return documents.add_provision(
        actor=SYSTEM, version=version, kind="article", number=number, texts={"en": ("", "Text")}
    )


# Each case: (service, setup returning the one call to measure, the event kind it must record).
# Setup may itself call services; only the returned call is counted.


def _create_party(w: World) -> Call:
    return lambda: processes.create_party(actor=SYSTEM, names={"en": "Iran"}, iso_code="IR")


def _create_process(w: World) -> Call:
    return lambda: processes.create_process(
        actor=SYSTEM, slug="second-process", title={"en": "Second"}
    )


def _change_phase(w: World) -> Call:
    return lambda: processes.change_phase(
        actor=w.users["secretariat"], process=w.process, phase="negotiation"
    )


def _set_participation(w: World) -> Call:
    party = PartyFactory()
    return lambda: processes.set_participation(
        actor=w.users["secretariat"], process=w.process, party=party, standing="invited"
    )


def _create_delegation(w: World) -> Call:
    participation = ParticipationFactory(process=w.process, standing="participant")
    return lambda: processes.create_delegation(
        actor=w.users["secretariat"], process=w.process, party=participation.party
    )


def _create_person(w: World) -> Call:
    return lambda: processes.create_person(actor=SYSTEM, names={"en": "Choe Son-hui"})


def _add_delegation_member(w: World) -> Call:
    person = PersonFactory()
    return lambda: processes.add_delegation_member(
        actor=w.users["secretariat"], delegation=w.delegations["a"], person=person, role="head"
    )


def _assign_process_role(w: World) -> Call:
    person = PersonFactory()
    return lambda: processes.assign_process_role(
        actor=w.users["secretariat"], process=w.process, person=person, role="facilitator"
    )


def _create_meeting(w: World) -> Call:
    return lambda: meetings.create_meeting(
        actor=w.users["secretariat"],
        process=w.process,
        kind="conference",
        title={"en": "Conference"},
        date=dt.date(2025, 10, 28),
        date_precision="day",
    )


def _add_venue(w: World) -> Call:
    meeting = MeetingFactory(process=w.process)
    host = PartyFactory()
    return lambda: meetings.add_venue(
        actor=w.users["secretariat"],
        meeting=meeting,
        host=host,
        city={"en": "Minsk"},
        time_zone="Europe/Minsk",
    )


def _add_agenda_item(w: World) -> Call:
    meeting = MeetingFactory(process=w.process)
    return lambda: meetings.add_agenda_item(
        actor=w.users["secretariat"], meeting=meeting, title={"en": "Opening"}
    )


def _record_attendance(w: World) -> Call:
    venue = VenueFactory(meeting=MeetingFactory(process=w.process))
    person = PersonFactory()
    return lambda: meetings.record_attendance(
        actor=w.users["secretariat"],
        meeting=venue.meeting,
        venue=venue,
        person=person,
        delegation=w.delegations["a"],
    )


def _create_document(w: World) -> Call:
    return lambda: _document(w)


def _add_provision(w: World) -> Call:
    version = _document(w).versions.get()
    return lambda: documents.add_provision(
        actor=w.users["secretariat"], version=version, kind="article", number="1"
    )


def _add_provisions(w: World) -> Call:
    version = _document(w).versions.get()
    tree = [
        documents.NewProvision(
            kind="article",
            number="1",
            children=[
                documents.NewProvision(kind="paragraph", number="1", texts={"en": ("", "Text.")}),
            ],
        )
    ]
    return lambda: documents.add_provisions(
        actor=w.users["secretariat"], version=version, items=tree
    )


def _move_provision(w: World) -> Call:
    article = _article(w)
    return lambda: documents.move_provision(actor=SYSTEM, provision=article, number="2")


def _remove_provision(w: World) -> Call:
    article = _article(w)
    return lambda: documents.remove_provision(actor=SYSTEM, provision=article)


def _set_text(w: World) -> Call:
    article = _article(w)
    return lambda: documents.set_text(
        actor=SYSTEM, provision=article, language="ru", text="Текст", expected_revision=0
    )


def _publish_version(w: World) -> Call:
    version = _article(w).version
    return lambda: documents.publish_version(actor=SYSTEM, version=version, label="Zero draft")


def _start_working_copy(w: World) -> Call:
    version = _article(w).version
    documents.publish_version(actor=SYSTEM, version=version)
    return lambda: documents.start_working_copy(
        actor=SYSTEM, document=version.document, label="Rev.1"
    )


def _create_record_entry(w: World) -> Call:
    return lambda: record.create_record_entry(
        actor=w.users["secretariat"],
        process=w.process,
        date=dt.date(2025, 8, 1),
        date_precision="month",
        text={"en": "Many countries expressed interest."},
        sources=[("TASS", "https://tass.ru/")],
    )


def _create_user(w: World) -> Call:
    return lambda: accounts.create_user(actor=SYSTEM, username="newcomer", password="x" * 12)


def _create_api_token(w: World) -> Call:
    user = w.users["participant"]
    return lambda: accounts.create_api_token(actor=user, user=user, name="script")


def _revoke_api_token(w: World) -> Call:
    user = w.users["participant"]
    token, _ = accounts.create_api_token(actor=user, user=user, name="script")
    return lambda: accounts.revoke_api_token(actor=user, token=token)


def _published(w: World) -> Provision:
    """Article 1, "States [shall] cooperate.", of a published zero draft."""
    article = _article(w)
    documents.set_text(
        actor=SYSTEM, provision=article, language="en", text="States [shall] cooperate."
    )
    documents.publish_version(actor=SYSTEM, version=article.version, label="Zero draft")
    return article


def _proposal(w: World) -> Proposal:
    return proposals.table_proposal(
        actor=w.users["participant"],
        provision=_published(w),
        delegation=w.delegations["a"],
        operation="replace_text",
        text="States cooperate.",
    )


def _table_proposal(w: World) -> Call:
    article = _published(w)
    return lambda: proposals.table_proposal(
        actor=w.users["participant"],
        provision=article,
        delegation=w.delegations["a"],
        operation="bracket",
        span=(0, 6),
        cosponsors=[w.delegations["b"]],
    )


def _withdraw_proposal(w: World) -> Call:
    proposal = _proposal(w)
    return lambda: proposals.withdraw_proposal(actor=w.users["participant"], proposal=proposal)


def _not_retain_proposal(w: World) -> Call:
    proposal = _proposal(w)
    return lambda: proposals.not_retain_proposal(
        actor=w.users["secretariat"], proposal=proposal, reason="Outside the mandate."
    )


def _join_proposal(w: World) -> Call:
    proposal = _proposal(w)
    return lambda: proposals.join_proposal(
        actor=w.users["other_participant"], proposal=proposal, delegation=w.delegations["b"]
    )


def _leave_proposal(w: World) -> Call:
    proposal = _proposal(w)
    proposals.join_proposal(
        actor=w.users["other_participant"], proposal=proposal, delegation=w.delegations["b"]
    )
    return lambda: proposals.leave_proposal(
        actor=w.users["other_participant"], proposal=proposal, delegation=w.delegations["b"]
    )


def _set_proposals_deadline(w: World) -> Call:
    version = _published(w).version
    return lambda: proposals.set_proposals_deadline(
        actor=w.users["secretariat"],
        version=version,
        deadline=dt.datetime(2025, 11, 1, 18, 0, tzinfo=dt.UTC),
    )


def _compile_text(w: World) -> Call:
    proposal = _proposal(w)
    return lambda: compilation.compile_text(
        actor=w.users["secretariat"], base=proposal.version, proposals=[proposal]
    )


def _record_position(w: World) -> Call:
    article = _published(w)
    return lambda: positions.record_position(
        actor=w.users["participant"],
        delegation=w.delegations["a"],
        document=article.version.document,
        provision_uid=article.uid,
        stance="objection",
        reason="Too vague.",
        visibility="facilitators",
    )


def _change_status(w: World) -> Call:
    article = _published(w)
    return lambda: status.change_status(
        actor=w.users["chair"],
        document=article.version.document,
        provision_uid=article.uid,
        status="under_discussion",
    )


def _assign_facilitator(w: World) -> Call:
    article = _published(w)
    return lambda: status.assign_facilitator(
        actor=w.users["chair"],
        document=article.version.document,
        provision_uids=[article.uid],
        facilitator=w.users["facilitator"].person,
    )


SERVICE_CASES: list[tuple[str, Callable[[World], Call], str]] = [
    ("processes.create_party", _create_party, "party.created"),
    ("processes.create_process", _create_process, "process.created"),
    ("processes.change_phase", _change_phase, "process.phase_changed"),
    ("processes.set_participation", _set_participation, "participation.set"),
    ("processes.create_delegation", _create_delegation, "delegation.created"),
    ("processes.create_person", _create_person, "person.created"),
    ("processes.add_delegation_member", _add_delegation_member, "delegation.member_added"),
    ("processes.assign_process_role", _assign_process_role, "process.role_assigned"),
    ("meetings.create_meeting", _create_meeting, "meeting.created"),
    ("meetings.add_venue", _add_venue, "meeting.venue_added"),
    ("meetings.add_agenda_item", _add_agenda_item, "meeting.agenda_item_added"),
    ("meetings.record_attendance", _record_attendance, "meeting.attendance_recorded"),
    ("documents.create_document", _create_document, "document.created"),
    ("documents.add_provision", _add_provision, "provision.added"),
    ("documents.add_provisions", _add_provisions, "provisions.added"),
    ("documents.move_provision", _move_provision, "provision.moved"),
    ("documents.remove_provision", _remove_provision, "provision.removed"),
    ("documents.set_text", _set_text, "provision.text_set"),
    ("documents.publish_version", _publish_version, "version.published"),
    ("documents.start_working_copy", _start_working_copy, "version.started"),
    ("record.create_record_entry", _create_record_entry, "record.entry_created"),
    ("accounts.create_user", _create_user, "account.created"),
    ("accounts.create_api_token", _create_api_token, "token.created"),
    ("accounts.revoke_api_token", _revoke_api_token, "token.revoked"),
    ("negotiation.table_proposal", _table_proposal, "proposal.tabled"),
    ("negotiation.withdraw_proposal", _withdraw_proposal, "proposal.withdrawn"),
    ("negotiation.not_retain_proposal", _not_retain_proposal, "proposal.not_retained"),
    ("negotiation.join_proposal", _join_proposal, "proposal.cosponsor_joined"),
    ("negotiation.leave_proposal", _leave_proposal, "proposal.cosponsor_left"),
    (
        "negotiation.set_proposals_deadline",
        _set_proposals_deadline,
        "version.proposals_deadline_set",
    ),
    ("negotiation.compile_text", _compile_text, "version.compiled"),
    ("negotiation.record_position", _record_position, "position.recorded"),
    ("negotiation.change_status", _change_status, "provision.status_changed"),
    ("negotiation.assign_facilitator", _assign_facilitator, "provision.facilitator_assigned"),
]


@pytest.mark.parametrize(
    ("service", "setup", "kind"), SERVICE_CASES, ids=[c[0] for c in SERVICE_CASES]
)
def test_every_service_call_records_exactly_one_event_of_its_kind(
    service: str, setup: Callable[[World], Call], kind: str
) -> None:
    w = world()
    call = setup(w)
    last = Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    call()
    assert list(Event.objects.filter(seq__gt=last).values_list("kind", flat=True)) == [kind]
    assert verify_chain().ok


def test_every_service_that_takes_an_actor_is_in_the_table_above() -> None:
    """A new service must be added to SERVICE_CASES, so its event is tested."""
    found = {
        f"{module.__name__.split('.')[1]}.{name}"
        for module in (
            processes,
            meetings,
            documents,
            record,
            accounts,
            proposals,
            compilation,
            positions,
            status,
        )
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and not name.startswith("_")
        and "actor" in inspect.signature(function).parameters
    }
    assert found == {case[0] for case in SERVICE_CASES}


def test_an_event_names_its_actor_process_and_subject() -> None:
    w = world()
    secretariat = w.users["secretariat"]
    processes.change_phase(actor=secretariat, process=w.process, phase="negotiation")
    event = Event.objects.order_by("-seq").first()
    assert event is not None
    assert (event.actor, event.actor_label) == (secretariat, secretariat.username)
    assert event.process == w.process
    assert (event.subject_type, event.subject_id) == ("processes.process", str(w.process.pk))
    assert event.payload == {"from": "consultation", "to": "negotiation"}


def test_the_command_line_operator_is_recorded_by_name() -> None:
    processes.create_person(actor=SYSTEM, names={"en": "Maxim Ryzhenkov"})
    event = Event.objects.order_by("-seq").first()
    assert event is not None
    assert (event.actor_id, event.actor_label, event.kind) == (None, "system", "person.created")


def test_events_link_each_to_the_one_before_and_the_head_follows_the_last() -> None:
    w = world()
    article = _article(w)
    documents.set_text(actor=SYSTEM, provision=article, language="ru", text="Текст")
    events = list(Event.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.prev_hash for e in events] == [GENESIS, events[0].hash, events[1].hash]
    head = ChainHead.objects.get()
    assert (head.seq, head.hash) == (3, events[2].hash)


def _snapshot() -> tuple[int, int, str]:
    head = ChainHead.objects.filter(id=1).first()
    return Event.objects.count(), head.seq if head else 0, head.hash if head else GENESIS


def test_a_phase_change_the_table_forbids_writes_nothing() -> None:
    w = world()
    before = _snapshot()
    with pytest.raises(Conflict, match="cannot move to Implementation"):
        processes.change_phase(
            actor=w.users["secretariat"], process=w.process, phase="implementation"
        )
    assert _snapshot() == before
    assert Process.objects.get(pk=w.process.pk).phase == "consultation"


def test_a_duplicate_delegation_writes_nothing() -> None:
    w = world()
    party = w.delegations["a"].party
    before = _snapshot()
    with pytest.raises(Conflict, match="already has a delegation"):
        processes.create_delegation(actor=SYSTEM, process=w.process, party=party)
    assert _snapshot() == before
    assert Delegation.objects.filter(process=w.process).count() == 4


def test_a_provision_that_fails_half_way_is_rolled_back_with_no_event() -> None:
    """The second article 1 is inserted before the clash with the first is
    found; the transaction must take it back out."""
    w = world()
    first = _article(w)
    before = _snapshot()
    with pytest.raises(ValidationError, match="share the identifier art_1"):
        documents.add_provision(actor=SYSTEM, version=first.version, kind="article", number="1")
    assert _snapshot() == before
    assert list(first.version.provisions.values_list("eid", flat=True)) == ["art_1"]


def test_a_refused_permission_writes_nothing() -> None:
    w = world()
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        meetings.create_meeting(
            actor=w.users["participant"],
            process=w.process,
            kind="informal",
            title={"en": "Informal"},
            date=dt.date(2025, 1, 1),
            date_precision="year",
        )
    assert _snapshot() == before
    assert not Meeting.objects.exists()


def test_a_record_entry_without_a_source_writes_nothing() -> None:
    w = world()
    before = _snapshot()
    with pytest.raises(AccordError, match="at least one source"):
        record.create_record_entry(
            actor=SYSTEM,
            process=w.process,
            date=dt.date(2025, 8, 1),
            date_precision="month",
            text={"en": "Unsourced"},
            sources=[],
        )
    assert _snapshot() == before
    assert not RecordEntry.objects.exists()


# --- verification -------------------------------------------------------------------------


@pytest.fixture
def chain() -> list[Event]:
    """Six events written by services: a process, a party, its standing, a
    person, a document and its first provision."""
    process = processes.create_process(actor=SYSTEM, slug="eurasia", title={"en": "Eurasia"})
    party = processes.create_party(actor=SYSTEM, names={"en": "Belarus"}, iso_code="BY")
    processes.set_participation(actor=SYSTEM, process=process, party=party, standing="participant")
    processes.create_person(actor=SYSTEM, names={"en": "Maxim Ryzhenkov"})
    document = documents.create_document(
        actor=SYSTEM,
        process=process,
        kind="charter",
        title={"en": "Charter"},
        authentic_languages=["en"],
        working_language="en",
    )
    documents.add_provision(
        actor=SYSTEM, version=document.versions.get(), kind="article", number="1"
    )
    events = list(Event.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    return events


def test_an_intact_chain_verifies(chain: list[Event]) -> None:
    result = verify_chain()
    assert (result.ok, result.checked, result.bad_seq, result.reason) == (True, 6, None, "")


def test_an_empty_log_verifies() -> None:
    result = verify_chain()
    assert (result.ok, result.checked) == (True, 0)


def _assert_broken_at(seq: int, *words: str) -> None:
    result = verify_chain()
    assert not result.ok
    assert result.bad_seq == seq, result.reason
    for word in words:
        assert word in result.reason


def test_an_edited_payload_is_found_at_that_event(chain: list[Event]) -> None:
    Event.objects.filter(seq=3).update(payload={**chain[2].payload, "standing": "observer"})
    _assert_broken_at(3, "#3", "changed after it was recorded")


def test_an_edited_kind_is_found_at_that_event(chain: list[Event]) -> None:
    Event.objects.filter(seq=2).update(kind="party.deleted")
    _assert_broken_at(2, "#2 (party.deleted) was changed")


def test_an_edited_actor_label_is_found(chain: list[Event]) -> None:
    Event.objects.filter(seq=4).update(actor_label="somebody else")
    _assert_broken_at(4, "changed after it was recorded")


def test_an_edited_actor_is_found(chain: list[Event]) -> None:
    impostor = UserFactory()
    Event.objects.filter(seq=4).update(actor=impostor)
    _assert_broken_at(4, "changed after it was recorded")


def test_an_edited_timestamp_is_found_even_by_one_microsecond(chain: list[Event]) -> None:
    Event.objects.filter(seq=5).update(occurred_at=F("occurred_at") + dt.timedelta(microseconds=1))
    _assert_broken_at(5, "changed after it was recorded")


def test_an_edit_of_the_first_of_two_edits_is_the_one_named(chain: list[Event]) -> None:
    Event.objects.filter(seq__in=[2, 5]).update(subject_id="999")
    _assert_broken_at(2)


def test_an_edit_made_with_raw_sql_is_found(chain: list[Event]) -> None:
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET subject_type = %s WHERE seq = %s", ["x.y", 6])
    _assert_broken_at(6, "#6 (provision.added) was changed")


def test_a_deleted_middle_event_is_named_as_missing(chain: list[Event]) -> None:
    Event.objects.filter(seq=3).delete()
    _assert_broken_at(4, "event #4 follows #2", "event #3 is missing")


def test_a_deleted_first_event_is_named_as_missing(chain: list[Event]) -> None:
    Event.objects.filter(seq=1).delete()
    _assert_broken_at(2, "event #1 is missing")


def test_a_deleted_last_event_is_found_by_the_head(chain: list[Event]) -> None:
    Event.objects.filter(seq=6).delete()
    _assert_broken_at(6, "ends at #5 but its head records #6")


def test_deleting_every_event_is_found_by_the_head(chain: list[Event]) -> None:
    Event.objects.all().delete()
    _assert_broken_at(1, "ends at #0 but its head records #6")


def test_a_deleted_middle_event_with_later_events_renumbered_is_found(chain: list[Event]) -> None:
    """Closing the gap does not help: event 4, now numbered 3, does not link to event 2."""
    Event.objects.filter(seq=3).delete()
    for seq in (4, 5, 6):
        Event.objects.filter(seq=seq).update(seq=seq - 1)
    _assert_broken_at(3, "does not link to the event before it")


def _swap(i: int, j: int) -> None:
    """Exchange the seq values of two events, as an attacker reordering the log would."""
    parked = 10**9
    Event.objects.filter(seq=i).update(seq=parked)
    Event.objects.filter(seq=j).update(seq=i)
    Event.objects.filter(seq=parked).update(seq=j)


def test_two_adjacent_events_swapped_are_found_at_the_first(chain: list[Event]) -> None:
    _swap(3, 4)
    _assert_broken_at(3, "does not link to the event before it")


def test_two_distant_events_swapped_are_found_at_the_first(chain: list[Event]) -> None:
    _swap(2, 5)
    _assert_broken_at(2, "does not link to the event before it")


def test_the_first_and_last_events_swapped_are_found(chain: list[Event]) -> None:
    _swap(1, 6)
    _assert_broken_at(1, "does not link")


def _forge(seq: int, prev_hash: str, **content: Any) -> Event:
    fields: dict[str, Any] = {
        "seq": seq,
        "occurred_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        "actor_label": "system",
        "kind": "party.created",
        "subject_type": "processes.party",
        "subject_id": "42",
        "payload": {"slug": "forged"},
        "prev_hash": prev_hash,
        **content,
    }
    event = Event(**fields)
    event.hash = compute_hash(event_content(event), prev_hash)
    return event


def test_an_event_appended_with_a_correct_hash_but_behind_the_heads_back_is_found(
    chain: list[Event],
) -> None:
    """An attacker who appends a well-formed event without moving the head is
    caught by the head; the forged event is the one named."""
    _forge(7, chain[-1].hash).save()
    _assert_broken_at(7, "head records #6")


def test_an_event_appended_with_a_forged_hash_and_a_moved_head_is_found(
    chain: list[Event],
) -> None:
    forged = _forge(7, chain[-1].hash)
    forged.hash = "f" * 64
    forged.save()
    ChainHead.objects.filter(id=1).update(seq=7, hash=forged.hash)
    _assert_broken_at(7, "#7 (party.created) was changed")


def test_an_event_forged_into_the_middle_is_found_where_the_chain_no_longer_links(
    chain: list[Event],
) -> None:
    """The attacker shifts events 4-6 up and slips a well-formed event in at 4,
    linked to event 3: the old event 4 (now 5) no longer links."""
    for seq in (6, 5, 4):
        Event.objects.filter(seq=seq).update(seq=seq + 1)
    _forge(4, chain[2].hash).save()
    ChainHead.objects.filter(id=1).update(seq=7)
    _assert_broken_at(5, "does not link to the event before it")


def test_an_altered_head_is_found(chain: list[Event]) -> None:
    ChainHead.objects.filter(id=1).update(hash="0" * 64)
    _assert_broken_at(6, "head")


def test_verification_is_done_in_batches_without_changing_the_answer(
    chain: list[Event],
) -> None:
    assert verify_chain(batch_size=2).ok
    Event.objects.filter(seq=5).update(kind="x")
    result = verify_chain(batch_size=2)
    assert (result.ok, result.bad_seq, result.checked) == (False, 5, 4)


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def cli_data_dir(settings: Any, tmp_path: Path) -> Path:
    """The CLI creates its data directory: keep it out of the home directory."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_cli_audit_verify_exits_0_on_an_intact_chain(
    chain: list[Event], cli_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["audit", "verify"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "Audit chain intact: 6 events verified."
    assert err == ""


def test_cli_audit_verify_names_an_edited_event(
    chain: list[Event], cli_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Event.objects.filter(seq=2).update(payload={"slug": "belarus", "iso_code": "RU"})
    assert cli.main(["audit", "verify"]) == 1
    _, err = capsys.readouterr()
    assert "Audit chain BROKEN at event #2: event #2 (party.created) was changed" in err
    assert "(1 events verified before it.)" in err


def test_cli_audit_verify_names_a_deleted_event(
    chain: list[Event], cli_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Event.objects.filter(seq=4).delete()
    assert cli.main(["audit", "verify"]) == 1
    _, err = capsys.readouterr()
    assert "BROKEN at event #5" in err
    assert "event #4 is missing" in err


def test_cli_audit_verify_names_reordered_events(
    chain: list[Event], cli_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _swap(2, 3)
    assert cli.main(["audit", "verify"]) == 1
    _, err = capsys.readouterr()
    assert "BROKEN at event #2: event #2 does not link to the event before it" in err


# --- the command line as a user runs it, against a database of its own --------------------

WRITE_EVENTS = """
import django
django.setup()
from accord.core.actors import SYSTEM
from accord.processes import services
process = services.create_process(actor=SYSTEM, slug="eurasia", title={"en": "Eurasia"})
party = services.create_party(actor=SYSTEM, names={"en": "Belarus"}, iso_code="BY")
services.set_participation(actor=SYSTEM, process=process, party=party, standing="participant")
"""


def _accord(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env.update(ACCORD_DATA_DIR=str(data_dir), ACCORD_SECRET_KEY="s" * 50)
    return subprocess.run(
        [sys.executable, "-m", "accord.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db(databases=[])
def test_accord_audit_verify_as_a_command_on_its_own_database(tmp_path: Path) -> None:
    """`accord manage migrate`, three writes, `accord audit verify` → 0; then an
    edit with the sqlite3 shell's own SQL → non-zero naming the event."""
    migrated = _accord(tmp_path, "manage", "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env.update(
        ACCORD_DATA_DIR=str(tmp_path),
        ACCORD_SECRET_KEY="s" * 50,
        DJANGO_SETTINGS_MODULE="accord.config.settings",
    )
    wrote = subprocess.run(
        [sys.executable, "-c", WRITE_EVENTS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert wrote.returncode == 0, wrote.stderr

    intact = _accord(tmp_path, "audit", "verify")
    assert (intact.returncode, intact.stdout.strip()) == (
        0,
        "Audit chain intact: 3 events verified.",
    )

    with sqlite3.connect(tmp_path / "accord.sqlite3") as db:
        db.execute("UPDATE record_event SET actor_label = 'someone' WHERE seq = 2")
    broken = _accord(tmp_path, "audit", "verify")
    assert broken.returncode != 0
    assert "BROKEN at event #2" in broken.stderr


def test_accounts_and_processes_with_history_cannot_be_deleted() -> None:
    """The audit chain hashes who acted and in which process: deleting either
    would rewrite history, so the database refuses it and the chain stays intact.
    Accounts are deactivated instead."""
    from django.db.models import ProtectedError

    w = world()
    processes.change_phase(actor=w.users["secretariat"], process=w.process, phase="negotiation")
    with pytest.raises(ProtectedError):
        w.users["secretariat"].delete()
    with pytest.raises(ProtectedError):
        w.process.delete()
    assert verify_chain().ok
