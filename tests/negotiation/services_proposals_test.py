"""Proposals: tabling every operation with its validation, who may table and
withdraw, phase and deadline, co-sponsors with their history, the status
transitions, and exactly one audit event per call (none on refusal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.documents import services as documents
from accord.negotiation import markup
from accord.negotiation.enums import PROPOSAL_TRANSITIONS, Operation, ProposalStatus
from accord.negotiation.models import Cosponsorship, Proposal
from accord.negotiation.services import compilation, proposals
from accord.processes import services as processes
from accord.processes.models import Process
from accord.record.audit import verify_chain
from accord.record.models import Event
from tests.factories import ROLES, world
from tests.negotiation.services_scene import Neg, kinds_since, last_seq, negotiation

pytestmark = pytest.mark.django_db


@pytest.fixture
def neg() -> Neg:
    return negotiation()


# --- every operation, tabled -------------------------------------------------

VALID: list[tuple[str, str, dict[str, Any], str]] = [
    (
        "art1",
        "replace_text",
        {"text": "The Parties [shall]{RU} cooperate."},
        "The Parties [#b1 shall]{RU} cooperate.",
    ),
    ("art1", "insert_before", {"text": "A new article."}, "A new article."),
    ("art1", "insert_after", {"text": "Another one.", "new_number": " 1 bis "}, "Another one."),
    ("art2.1", "insert_after", {"text": "A point.", "new_kind": "point"}, "A point."),
    ("art1", "delete", {}, ""),
    ("art2", "add_option", {"text": "should", "target_ref": "s1"}, "should"),
    ("art3", "add_option", {"text": "on ratification"}, "on ratification"),
    ("art1", "bracket", {"span": (4, 11)}, ""),
    ("art1", "remove_brackets", {"target_ref": "b1"}, ""),
    (
        "art1",
        "replace_text",
        {"text": "Стороны сотрудничают.", "language": "ru"},
        "Стороны сотрудничают.",
    ),
]


@pytest.mark.parametrize(("key", "operation", "kwargs", "stored"), VALID)
def test_every_operation_is_tabled_with_its_canonical_text_and_one_event(
    neg: Neg, key: str, operation: str, kwargs: dict[str, Any], stored: str
) -> None:
    seq = last_seq()
    proposal = neg.table(key, operation, rationale="  Because.  ", **kwargs)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.TABLED
    assert proposal.operation == operation
    assert proposal.text == stored
    assert proposal.rationale == "Because."
    assert proposal.version == neg.zero
    assert proposal.provision_uid == neg.provisions[key].uid
    assert proposal.delegation == neg.delegation("a")
    assert proposal.tabled_by == neg.user("participant")
    assert proposal.language == kwargs.get("language", "en")
    assert (proposal.span_start, proposal.span_end) == kwargs.get("span", (None, None))
    assert proposal.new_number == kwargs.get("new_number", "").strip()
    assert kinds_since(seq) == ["proposal.tabled"]
    event = Event.objects.get(seq=seq + 1)
    assert event.payload["operation"] == operation
    assert event.payload["delegation"] == "RU"
    assert event.payload["text"] == stored
    assert event.actor == neg.user("participant")


def test_proposals_are_numbered_in_sequence_per_document(neg: Neg) -> None:
    numbers = [neg.table("art3", "delete").number for _ in range(3)]
    other = negotiation(codes={"a": "AM", "b": "KZ", "obs": "CN", "int": "IN"})
    assert numbers == [1, 2, 3]
    assert other.table("art3", "delete").label == "P-1"


def test_the_working_language_is_the_default(neg: Neg) -> None:
    proposal = proposals.table_proposal(
        actor=neg.user("participant"),
        provision=neg.provisions["art3"],
        delegation=neg.delegation("a"),
        operation="delete",
    )
    assert proposal.language == "en"


# --- validation: refused, nothing written ---------------------------------------

INVALID: list[tuple[str, str, dict[str, Any], str | None, str]] = [
    ("art1", "merge", {}, "Unknown operation 'merge'", "operation"),
    (
        "art1",
        "replace_text",
        {"text": "Texte", "language": "fr"},
        "'fr' is not an authentic",
        "language",
    ),
    ("art1", "replace_text", {"text": "x" * 20_001}, "too long", "text"),
    ("art1", "replace_text", {"text": "   "}, "needs a text", "text"),
    ("art1", "insert_after", {}, "needs a text", "text"),
    ("art1", "add_option", {"text": ""}, "needs a text", "text"),
    ("art1", "delete", {"text": "Nothing"}, "takes no text", "text"),
    ("art1", "bracket", {"span": (0, 3), "text": "The"}, "takes no text", "text"),
    ("art1", "remove_brackets", {"target_ref": "b1", "text": "x"}, "takes no text", "text"),
    (
        "art1",
        "replace_text",
        {"text": "The Parties [shall cooperate."},
        r"The proposed text: .*\(line 1, column 13\)",
        "text",
    ),
    ("art1", "replace_text", {"text": "[shall]{XX} cooperate"}, "The proposed text: .*XX", "text"),
    ("art1", "replace_text", {"text": "{{Alt 1: only one}}"}, "The proposed text", "text"),
    ("art3", "delete", {"language": "ru"}, "no ru text to delete", "language"),
    ("art1", "bracket", {}, "Say which span", "span"),
    ("art1", "bracket", {"span": (0, 999)}, "outside the text", "span"),
    ("art1", "bracket", {"span": (5, 3)}, "outside the text", "span"),
    ("art1", "bracket", {"span": (4, 4)}, "outside the text", "span"),
    ("art1", "bracket", {"span": (-1, 3)}, "outside the text", "span"),
    ("art1", "replace_text", {"text": "x", "span": (0, 3)}, "takes no span", "span"),
    ("art1", "delete", {"span": (0, 3)}, "takes no span", "span"),
    ("art1", "remove_brackets", {"target_ref": "b9"}, "no bracket 'b9'", "target_ref"),
    ("art1", "remove_brackets", {}, "Say which bracket", "target_ref"),
    ("art2", "remove_brackets", {"target_ref": "s1"}, "no bracket 's1'", "target_ref"),
    ("art2", "add_option", {"text": "x", "target_ref": "s9"}, "no option set 's9'", "target_ref"),
    ("art1", "add_option", {"text": "x", "target_ref": "b1"}, "no option set 'b1'", "target_ref"),
    ("art1", "delete", {"target_ref": "b1"}, "takes no bracket or option set", "target_ref"),
    (
        "art1",
        "insert_after",
        {"text": "x", "new_kind": "clause"},
        "Unknown provision kind",
        "new_kind",
    ),
    ("art1", "insert_after", {"text": "x", "new_kind": "point"}, "cannot stand there", "new_kind"),
    (
        "art2.1",
        "insert_before",
        {"text": "x", "new_kind": "chapter"},
        "cannot stand there",
        "new_kind",
    ),
    ("pp1", "insert_after", {"text": "x", "new_kind": "paragraph", "new_number": "1"}, None, ""),
    ("art1", "insert_after", {"text": "x", "new_number": "3"}, "Article 3 already", "new_number"),
    (
        "art1",
        "replace_text",
        {"text": "x", "new_kind": "article"},
        "Only an insertion takes a kind",
        "new_kind",
    ),
    (
        "art1",
        "delete",
        {"language": "ru", "new_number": "2"},
        "Only an insertion takes a kind",
        "new_kind",
    ),
]


@pytest.mark.parametrize(("key", "operation", "kwargs", "message", "field"), INVALID)
def test_invalid_proposals_are_refused_with_a_reason_and_nothing_is_written(
    neg: Neg, key: str, operation: str, kwargs: dict[str, Any], message: str | None, field: str
) -> None:
    seq = last_seq()
    if message is None:
        # The control case: a paragraph may stand at the top level.
        neg.table(key, operation, **kwargs)
        assert kinds_since(seq) == ["proposal.tabled"]
        return
    with pytest.raises(ValidationError, match=message) as caught:
        neg.table(key, operation, **kwargs)
    assert caught.value.field == field
    assert not Proposal.objects.exists()
    assert kinds_since(seq) == []


def test_invalid_markup_reports_the_position_of_the_error(neg: Neg) -> None:
    with pytest.raises(ValidationError) as caught:
        neg.table("art1", "replace_text", text="States\nshall] cooperate")
    assert caught.value.message == (
        "The proposed text: This ']' closes no bracket; write '\\]' for a literal bracket. "
        "(line 2, column 6)"
    )
    assert caught.value.field == "text"
    assert not Proposal.objects.exists()


def test_a_bracket_span_reaching_over_a_bracket_encloses_it(neg: Neg) -> None:
    # Clean text of Article 1: "The Parties shall cooperate in good faith."
    text = neg.provisions["art1"].texts.get(language="en").text
    clean = markup.clean_text(markup.parse(text, delegations={"RU"}))
    assert clean == "The Parties shall cooperate in good faith."
    proposal = neg.table("art1", "bracket", span=(18, 30))
    assert clean[18:30] == "cooperate in"
    assert (proposal.span_start, proposal.span_end) == (18, 30)


def test_a_proposal_against_a_working_copy_is_refused(neg: Neg) -> None:
    rev = documents.start_working_copy(actor=SYSTEM, document=neg.document, label="Rev.1")
    provision = rev.provisions.get(uid=neg.provisions["art1"].uid)
    seq = last_seq()
    with pytest.raises(Conflict, match="published version"):
        proposals.table_proposal(
            actor=neg.user("participant"),
            provision=provision,
            delegation=neg.delegation("a"),
            operation="delete",
        )
    assert kinds_since(seq) == []


def test_a_delegation_of_another_process_cannot_table_here(neg: Neg) -> None:
    other = world()
    with pytest.raises((ValidationError, PermissionDenied)):
        proposals.table_proposal(
            actor=SYSTEM,
            provision=neg.provisions["art1"],
            delegation=other.delegations["a"],
            operation="delete",
        )
    assert not Proposal.objects.exists()


# --- who may table and withdraw ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_a_member_of_a_participating_delegation_tables_for_it(neg: Neg, role: str) -> None:
    """Delegation A's proposal: only A's delegate may table it. Observers,
    the other delegation, officers, outsiders and anonymous users are refused."""
    seq = last_seq()
    if role == "participant":
        neg.table("art3", "delete", role=role)
        assert kinds_since(seq) == ["proposal.tabled"]
        return
    with pytest.raises(PermissionDenied, match="participating delegation"):
        neg.table("art3", "delete", role=role)
    assert kinds_since(seq) == []
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(("role", "delegation"), [("observer", "obs"), ("interested", "int")])
def test_observers_and_interested_parties_cannot_table_even_for_their_own_delegation(
    neg: Neg, role: str, delegation: str
) -> None:
    with pytest.raises(PermissionDenied):
        neg.table("art3", "delete", role=role, delegation=delegation)
    assert not Proposal.objects.exists()


def test_an_observer_delegation_tables_nothing_even_from_the_command_line(neg: Neg) -> None:
    with pytest.raises(ValidationError, match="does not participate"):
        proposals.table_proposal(
            actor=SYSTEM,
            provision=neg.provisions["art3"],
            delegation=neg.delegation("obs"),
            operation="delete",
        )
    assert not Proposal.objects.exists()


def test_the_other_participant_tables_for_its_own_delegation(neg: Neg) -> None:
    proposal = neg.table("art3", "delete", role="other_participant", delegation="b")
    assert proposal.delegation == neg.delegation("b")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_proposing_delegation_withdraws(neg: Neg, role: str) -> None:
    proposal = neg.table("art3", "delete")
    seq = last_seq()
    if role == "participant":
        proposals.withdraw_proposal(actor=neg.user(role), proposal=proposal, reason=" Overtaken. ")
        proposal.refresh_from_db()
        assert (proposal.status, proposal.status_reason) == ("withdrawn", "Overtaken.")
        assert kinds_since(seq) == ["proposal.withdrawn"]
        return
    with pytest.raises(PermissionDenied):
        proposals.withdraw_proposal(actor=neg.user(role), proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "tabled"
    assert kinds_since(seq) == []


def test_a_cosponsor_cannot_withdraw_the_proposal(neg: Neg) -> None:
    proposal = neg.table("art3", "delete", cosponsors=[neg.delegation("b")])
    with pytest.raises(PermissionDenied):
        proposals.withdraw_proposal(actor=neg.user("other_participant"), proposal=proposal)


# --- phase and deadline --------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "open_"),
    [
        ([], True),  # consultation
        (["negotiation"], True),
        (["negotiation", "adoption"], False),
        (["closed"], False),
    ],
)
def test_proposals_are_taken_only_in_the_consultation_and_negotiation_phases(
    neg: Neg, path: list[str], open_: bool
) -> None:
    process = Process.objects.get(pk=neg.w.process.pk)  # not the scene's cached object
    for phase in path:
        processes.change_phase(actor=SYSTEM, process=process, phase=phase)
    seq = last_seq()
    if open_:
        neg.table("art3", "delete")
        assert kinds_since(seq) == ["proposal.tabled"]
    else:
        with pytest.raises(Conflict, match="phase; proposals are not taken now"):
            neg.table("art3", "delete")
        assert kinds_since(seq) == []


def test_a_process_in_preparation_takes_no_proposals() -> None:
    neg = negotiation(phase="preparation")
    with pytest.raises(Conflict, match="preparation phase"):
        neg.table("art3", "delete")


def test_the_secretariat_sets_a_deadline_after_which_proposals_are_refused(neg: Neg) -> None:
    past = timezone.now() - dt.timedelta(minutes=1)
    seq = last_seq()
    version = proposals.set_proposals_deadline(
        actor=neg.user("secretariat"), version=neg.zero, deadline=past
    )
    assert version.proposals_deadline == past
    assert kinds_since(seq) == ["version.proposals_deadline_set"]
    seq = last_seq()
    # The provision object was loaded before the deadline was set: the service
    # must read the deadline afresh.
    with pytest.raises(Conflict, match="deadline for proposals on Zero draft passed"):
        neg.table("art3", "delete")
    assert kinds_since(seq) == []
    proposals.set_proposals_deadline(
        actor=neg.user("secretariat"),
        version=neg.zero,
        deadline=timezone.now() + dt.timedelta(hours=72),
    )
    neg.table("art3", "delete")
    proposals.set_proposals_deadline(actor=neg.user("secretariat"), version=neg.zero, deadline=None)
    neg.table("art3", "delete")
    assert Proposal.objects.count() == 2


@pytest.mark.parametrize("role", [r for r in ROLES if r != "secretariat"])
def test_only_the_secretariat_sets_the_deadline(neg: Neg, role: str) -> None:
    seq = last_seq()
    with pytest.raises(PermissionDenied):
        proposals.set_proposals_deadline(
            actor=neg.user(role), version=neg.zero, deadline=timezone.now()
        )
    assert kinds_since(seq) == []


def test_a_deadline_needs_a_time_zone_and_a_published_version(neg: Neg) -> None:
    with pytest.raises(ValidationError, match="time zone"):
        proposals.set_proposals_deadline(
            actor=SYSTEM, version=neg.zero, deadline=dt.datetime(2025, 10, 28, 18, 0)
        )
    rev = documents.start_working_copy(actor=SYSTEM, document=neg.document, label="Rev.1")
    seq = last_seq()
    with pytest.raises(Conflict, match="published versions"):
        proposals.set_proposals_deadline(actor=SYSTEM, version=rev, deadline=timezone.now())
    assert kinds_since(seq) == []


# --- co-sponsors ------------------------------------------------------------------------


def test_cosponsors_join_and_leave_and_the_history_is_kept(neg: Neg) -> None:
    proposal = neg.table("art3", "delete")
    a_user, b_user = neg.user("participant"), neg.user("other_participant")
    b = neg.delegation("b")
    seq = last_seq()
    first = proposals.join_proposal(actor=b_user, proposal=proposal, delegation=b)
    assert kinds_since(seq) == ["proposal.cosponsor_joined"]
    with pytest.raises(Conflict, match="already co-sponsors"):
        proposals.join_proposal(actor=b_user, proposal=proposal, delegation=b)
    seq = last_seq()
    left = proposals.leave_proposal(actor=b_user, proposal=proposal, delegation=b)
    assert kinds_since(seq) == ["proposal.cosponsor_left"]
    assert left.pk == first.pk
    assert left.withdrawn_at is not None
    with pytest.raises(Conflict, match="does not co-sponsor"):
        proposals.leave_proposal(actor=b_user, proposal=proposal, delegation=b)
    again = proposals.join_proposal(actor=b_user, proposal=proposal, delegation=b)
    rows = list(Cosponsorship.objects.filter(proposal=proposal).order_by("joined_at", "id"))
    assert [r.pk for r in rows] == [first.pk, again.pk]
    assert rows[0].withdrawn_at is not None
    assert rows[1].withdrawn_at is None
    assert compilation.attribution_of(Proposal.objects.get(pk=proposal.pk)) == ("RU", "BY")
    with pytest.raises(Conflict, match="its own proposal"):
        proposals.join_proposal(actor=a_user, proposal=proposal, delegation=neg.delegation("a"))
    assert Event.objects.filter(kind__startswith="proposal.cosponsor").count() == 3


@pytest.mark.parametrize("role", [r for r in ROLES if r != "other_participant"])
def test_only_a_member_of_the_delegation_signs_it_on_or_off(neg: Neg, role: str) -> None:
    proposal = neg.table("art3", "delete", cosponsors=[neg.delegation("b")])
    seq = last_seq()
    with pytest.raises(PermissionDenied):
        proposals.join_proposal(
            actor=neg.user(role), proposal=proposal, delegation=neg.delegation("b")
        )
    with pytest.raises(PermissionDenied):
        proposals.leave_proposal(
            actor=neg.user(role), proposal=proposal, delegation=neg.delegation("b")
        )
    assert kinds_since(seq) == []


def test_an_observer_delegation_cannot_cosponsor(neg: Neg) -> None:
    proposal = neg.table("art3", "delete")
    with pytest.raises(PermissionDenied):
        proposals.join_proposal(
            actor=neg.user("observer"), proposal=proposal, delegation=neg.delegation("obs")
        )
    seq = last_seq()
    with pytest.raises(ValidationError, match="cannot co-sponsor"):
        neg.table("art3", "delete", cosponsors=[neg.delegation("obs")])
    assert kinds_since(seq) == []


def test_cosponsors_named_when_tabling_are_checked(neg: Neg) -> None:
    b = neg.delegation("b")
    seq = last_seq()
    for cosponsors in ([neg.delegation("a")], [b, b], [world().delegations["a"]]):
        with pytest.raises(ValidationError, match="co-sponsor"):
            neg.table("art3", "delete", cosponsors=cosponsors)
    assert kinds_since(seq) == []
    assert not Proposal.objects.exists()
    proposal = neg.table("art3", "delete", cosponsors=[b])
    assert [c.delegation for c in proposal.cosponsorships.all()] == [b]
    assert Event.objects.get(seq=seq + 1).payload["cosponsors"] == ["BY"]


def test_co_sponsors_cannot_change_once_the_proposal_is_no_longer_tabled(neg: Neg) -> None:
    proposal = neg.table("art3", "delete", cosponsors=[neg.delegation("b")])
    proposals.withdraw_proposal(actor=neg.user("participant"), proposal=proposal)
    seq = last_seq()
    for call in (proposals.join_proposal, proposals.leave_proposal):
        with pytest.raises(Conflict, match="withdrawn, no longer tabled"):
            call(
                actor=neg.user("other_participant"),
                proposal=proposal,
                delegation=neg.delegation("b"),
            )
    assert kinds_since(seq) == []


# --- statuses ------------------------------------------------------------------------------


def test_the_proposal_transition_table() -> None:
    assert {
        "tabled": {"withdrawn", "incorporated", "not_retained"},
        "withdrawn": set(),
        "incorporated": set(),
        "not_retained": set(),
    } == PROPOSAL_TRANSITIONS


def test_not_retained_needs_the_secretariat_and_a_reason(neg: Neg) -> None:
    proposal = neg.table("art3", "delete")
    for role in ("participant", "chair", "facilitator", "observer"):
        with pytest.raises(PermissionDenied):
            proposals.not_retain_proposal(actor=neg.user(role), proposal=proposal, reason="No.")
    seq = last_seq()
    with pytest.raises(ValidationError, match="why"):
        proposals.not_retain_proposal(actor=neg.user("secretariat"), proposal=proposal, reason=" ")
    assert kinds_since(seq) == []
    proposals.not_retain_proposal(
        actor=neg.user("secretariat"), proposal=proposal, reason="Outside the mandate."
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.status_reason) == ("not_retained", "Outside the mandate.")
    assert kinds_since(seq) == ["proposal.not_retained"]


def _final(neg: Neg, status: str) -> Proposal:
    proposal = neg.table("art3", "delete")
    if status == "withdrawn":
        proposals.withdraw_proposal(actor=neg.user("participant"), proposal=proposal)
    elif status == "not_retained":
        proposals.not_retain_proposal(actor=SYSTEM, proposal=proposal, reason="No.")
    else:
        result = compilation.compile_text(actor=SYSTEM, base=neg.zero, proposals=[proposal])
        assert result.incorporated == [proposal]
    return Proposal.objects.get(pk=proposal.pk)


@pytest.mark.parametrize("status", ["withdrawn", "not_retained", "incorporated"])
def test_withdrawn_incorporated_and_not_retained_are_final(neg: Neg, status: str) -> None:
    proposal = _final(neg, status)
    assert proposal.status == status
    seq = last_seq()
    with pytest.raises(Conflict, match="no longer tabled"):
        proposals.withdraw_proposal(actor=neg.user("participant"), proposal=proposal)
    with pytest.raises(Conflict, match="no longer tabled"):
        proposals.not_retain_proposal(actor=SYSTEM, proposal=proposal, reason="No.")
    with pytest.raises(Conflict, match="No longer tabled"):
        compilation.compile_text(actor=SYSTEM, base=neg.zero, proposals=[proposal])
    assert Proposal.objects.get(pk=proposal.pk).status == status
    assert kinds_since(seq) == []
    assert verify_chain().ok


def test_every_operation_is_a_choice() -> None:
    assert set(Operation.values) == {
        "replace_text",
        "insert_before",
        "insert_after",
        "delete",
        "add_option",
        "bracket",
        "remove_brackets",
    }
