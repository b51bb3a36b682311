"""Provision status: the transition table (every pair), who decides, objections
and the chair's override, agreement subject to another provision and the
fall-back when that provision changes, facilitators, and the dashboard."""

from __future__ import annotations

import itertools
import uuid

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.documents import services as documents
from accord.documents.models import Provision, Version
from accord.negotiation.enums import STATUS_COLOUR, STATUS_TRANSITIONS, ProvisionStatus
from accord.negotiation.models import ProvisionState, StatusDecision
from accord.negotiation.selectors import dashboard
from accord.negotiation.services.positions import record_position
from accord.negotiation.services.status import assign_facilitator, change_status
from accord.record.audit import verify_chain
from accord.record.models import Event
from tests.factories import ROLES, PersonFactory, ProcessRoleFactory
from tests.negotiation.services_scene import Neg, kinds_since, last_seq, negotiation

pytestmark = pytest.mark.django_db

STATUSES = list(ProvisionStatus.values)


@pytest.fixture
def neg() -> Neg:
    return negotiation()


CHAIR = object()


def move(neg: Neg, key: str, *path: str, actor: object = CHAIR, **kwargs: object) -> ProvisionState:
    state = None
    for target in path:
        state = change_status(
            actor=neg.user("chair") if actor is CHAIR else actor,
            document=neg.document,
            provision_uid=neg.provisions[key].uid,
            status=target,
            **kwargs,  # type: ignore[arg-type]
        )
    assert state is not None
    return state


def put(neg: Neg, key: str, status: str) -> ProvisionState:
    """A provision's state set directly, as the starting point of a test."""
    state, _ = ProvisionState.objects.update_or_create(
        document=neg.document, provision_uid=neg.provisions[key].uid, defaults={"status": status}
    )
    return state


# --- the transition table ------------------------------------------------------------


def test_the_transition_table_as_designed() -> None:
    S = ProvisionStatus
    expected = {
        S.NOT_DISCUSSED: {S.UNDER_DISCUSSION, S.BRACKETED},
        S.UNDER_DISCUSSION: {
            S.NOT_DISCUSSED,
            S.BRACKETED,
            S.AGREED_IN_INFORMALS,
            S.AGREED_AD_REFERENDUM,
            S.AGREED,
        },
        S.BRACKETED: {S.UNDER_DISCUSSION, S.AGREED_IN_INFORMALS, S.AGREED_AD_REFERENDUM},
        S.AGREED_IN_INFORMALS: {
            S.UNDER_DISCUSSION,
            S.BRACKETED,
            S.AGREED_AD_REFERENDUM,
            S.AGREED,
        },
        S.AGREED_AD_REFERENDUM: {S.UNDER_DISCUSSION, S.BRACKETED, S.AGREED},
        S.AGREED: {S.UNDER_DISCUSSION},
    }
    assert expected == STATUS_TRANSITIONS
    assert set(STATUS_TRANSITIONS) == set(STATUSES)
    # Every agreement can be reopened, which is where a fallen condition goes.
    assert all(
        S.UNDER_DISCUSSION in STATUS_TRANSITIONS[s]
        for s in (S.AGREED_IN_INFORMALS, S.AGREED_AD_REFERENDUM, S.AGREED)
    )
    assert set(STATUS_COLOUR) == set(STATUSES)


@pytest.mark.parametrize(("before", "after"), list(itertools.product(STATUSES, STATUSES)))
def test_every_transition_is_allowed_or_refused_as_the_table_says(
    neg: Neg, before: str, after: str
) -> None:
    state = put(neg, "art1", before)
    seq = last_seq()
    if after in STATUS_TRANSITIONS[before]:
        changed = move(neg, "art1", after, note="  In the plenary.  ")
        assert changed.status == after
        assert changed.revision == state.revision + 1
        decision = StatusDecision.objects.get(state=state)
        assert (decision.from_status, decision.to_status, decision.note) == (
            before,
            after,
            "In the plenary.",
        )
        assert decision.decided_by == neg.user("chair")
        assert kinds_since(seq) == ["provision.status_changed"]
        payload = Event.objects.get(seq=seq + 1).payload
        assert (payload["from"], payload["to"]) == (before, after)
    else:
        with pytest.raises(Conflict, match="directly"):
            move(neg, "art1", after)
        state.refresh_from_db()
        assert state.status == before
        assert not StatusDecision.objects.exists()
        assert kinds_since(seq) == []


def test_a_provision_without_a_state_is_not_discussed(neg: Neg) -> None:
    with pytest.raises(Conflict):
        move(neg, "art1", "agreed")
    assert not ProvisionState.objects.exists()  # the refusal left nothing behind
    assert move(neg, "art1", "bracketed").status == "bracketed"


def test_an_unknown_status_or_provision_is_refused(neg: Neg) -> None:
    with pytest.raises(ValidationError, match="Unknown status"):
        move(neg, "art1", "adopted")
    with pytest.raises(ValidationError, match="No such provision"):
        change_status(
            actor=neg.user("chair"),
            document=neg.document,
            provision_uid=uuid.uuid4(),
            status="under_discussion",
        )


# --- who decides ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_chair_or_the_provisions_facilitator_decides(neg: Neg, role: str) -> None:
    assign_facilitator(
        actor=neg.user("secretariat"),
        document=neg.document,
        provision_uids=[neg.provisions["art2"].uid],
        facilitator=neg.user("facilitator").person,
    )
    seq = last_seq()
    for key in ("art1", "art2"):
        allowed = role == "chair" or (role == "facilitator" and key == "art2")
        if allowed:
            move(neg, key, "under_discussion", actor=neg.user(role))
        else:
            with pytest.raises(PermissionDenied, match="chair or the provision's facilitator"):
                move(neg, key, "under_discussion", actor=neg.user(role))
    expected = {"chair": 2, "facilitator": 1}.get(role, 0)
    assert kinds_since(seq) == ["provision.status_changed"] * expected
    assert StatusDecision.objects.count() == expected


def test_another_facilitator_does_not_decide_on_a_provision_not_theirs(neg: Neg) -> None:
    other = PersonFactory()
    ProcessRoleFactory(process=neg.w.process, person=other, role="facilitator")
    assign_facilitator(
        actor=neg.user("chair"),
        document=neg.document,
        provision_uids=[neg.provisions["art2"].uid],
        facilitator=other,
    )
    with pytest.raises(PermissionDenied):
        move(neg, "art2", "under_discussion", actor=neg.user("facilitator"))
    move(neg, "art2", "under_discussion", actor=other.user)


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("secretariat", "chair")])
def test_only_the_secretariat_or_chair_assigns_facilitators(neg: Neg, role: str) -> None:
    seq = last_seq()
    with pytest.raises(PermissionDenied):
        assign_facilitator(
            actor=neg.user(role),
            document=neg.document,
            provision_uids=[neg.provisions["art2"].uid],
            facilitator=neg.user("facilitator").person,
        )
    assert kinds_since(seq) == []


def test_assigning_facilitators_checks_the_person_and_the_provisions(neg: Neg) -> None:
    uids = [neg.provisions["art2"].uid, neg.provisions["art2.1"].uid]
    seq = last_seq()
    with pytest.raises(ValidationError, match="not a facilitator"):
        assign_facilitator(
            actor=SYSTEM,
            document=neg.document,
            provision_uids=uids,
            facilitator=neg.user("chair").person,
        )
    with pytest.raises(ValidationError, match="Not in the current text"):
        assign_facilitator(
            actor=SYSTEM,
            document=neg.document,
            provision_uids=[uuid.uuid4()],
            facilitator=neg.user("facilitator").person,
        )
    assert kinds_since(seq) == []
    states = assign_facilitator(
        actor=SYSTEM,
        document=neg.document,
        provision_uids=uids,
        facilitator=neg.user("facilitator").person,
    )
    assert kinds_since(seq) == ["provision.facilitator_assigned"]
    assert {s.provision_uid for s in states} == set(uids)
    assert set(
        ProvisionState.objects.filter(facilitator=neg.user("facilitator").person).values_list(
            "provision_uid", flat=True
        )
    ) == set(uids)
    assign_facilitator(
        actor=SYSTEM, document=neg.document, provision_uids=uids[:1], facilitator=None
    )
    assert ProvisionState.objects.get(provision_uid=uids[0]).facilitator is None


# --- objections and the override ------------------------------------------------------


def object_to(neg: Neg, key: str, stance: str = "objection", **kwargs: object) -> None:
    record_position(
        actor=neg.user("participant"),
        delegation=neg.delegation("a"),
        document=neg.document,
        provision_uid=neg.provisions[key].uid,
        stance=stance,
        visibility="delegation",
        reason="We cannot accept it.",
        **kwargs,  # type: ignore[arg-type]
    )


def test_agreed_is_refused_while_an_objection_stands(neg: Neg) -> None:
    put(neg, "art1", "under_discussion")
    object_to(neg, "art1")
    seq = last_seq()
    with pytest.raises(Conflict, match=r"An objection stands \(RU\)") as caught:
        move(neg, "art1", "agreed")
    assert caught.value.field == "override_reason"
    assert kinds_since(seq) == []
    # Lesser agreements are not blocked: the objection is for the chair to weigh.
    assert move(neg, "art1", "agreed_informals").status == "agreed_informals"


def test_the_chair_overrides_an_objection_with_a_recorded_reason(neg: Neg) -> None:
    put(neg, "art1", "under_discussion")
    object_to(neg, "art1")
    state = move(neg, "art1", "agreed", override_reason="  Consensus of all others.  ")
    assert state.status == "agreed"
    decision = StatusDecision.objects.get(state=state)
    assert decision.override_reason == "Consensus of all others."
    assert Event.objects.filter(kind="provision.status_changed").get().payload["override"] is True


def test_a_facilitator_cannot_override_an_objection(neg: Neg) -> None:
    assign_facilitator(
        actor=SYSTEM,
        document=neg.document,
        provision_uids=[neg.provisions["art1"].uid],
        facilitator=neg.user("facilitator").person,
    )
    put(neg, "art1", "under_discussion")
    object_to(neg, "art1")
    seq = last_seq()
    with pytest.raises(PermissionDenied, match="Only the chair can override"):
        move(neg, "art1", "agreed", actor=neg.user("facilitator"), override_reason="I say so.")
    assert ProvisionState.objects.get(provision_uid=neg.provisions["art1"].uid).status == (
        "under_discussion"
    )
    assert kinds_since(seq) == []
    # Without an objection the facilitator agrees the provision.
    object_to(neg, "art1", stance="support")
    assert move(neg, "art1", "agreed", actor=neg.user("facilitator")).status == "agreed"


def test_an_objection_withdrawn_or_on_a_proposal_or_a_reservation_does_not_block(
    neg: Neg,
) -> None:
    put(neg, "art1", "under_discussion")
    object_to(neg, "art1")
    object_to(neg, "art1", stance="reservation")  # supersedes the objection
    proposal = neg.table("art3", "delete", role="other_participant", delegation="b")
    record_position(
        actor=neg.user("participant"),
        delegation=neg.delegation("a"),
        document=neg.document,
        proposal=proposal,
        stance="objection",
        reason="No.",
        visibility="participants",
    )
    assert move(neg, "art1", "agreed").status == "agreed"


def test_an_override_is_only_for_agreeing(neg: Neg) -> None:
    with pytest.raises(ValidationError, match="only when agreeing"):
        move(neg, "art1", "under_discussion", override_reason="Because.")


# --- agreed subject to another provision ---------------------------------------------


def working_copy(neg: Neg) -> Version:
    return documents.start_working_copy(actor=SYSTEM, document=neg.document, label="Rev.1")


def in_copy(version: Version, neg: Neg, key: str) -> Provision:
    return version.provisions.get(uid=neg.provisions[key].uid)


def test_a_provision_agreed_subject_to_another_records_the_condition(neg: Neg) -> None:
    put(neg, "art1", "under_discussion")
    art3 = neg.provisions["art3"].uid
    state = move(neg, "art1", "agreed_ad_ref", subject_to_uid=str(art3))
    assert (state.subject_to_uid, len(state.subject_to_hash)) == (art3, 64)
    assert StatusDecision.objects.get(state=state).subject_to_uid == art3
    # Any later decision drops the condition.
    state = move(neg, "art1", "agreed")
    assert (state.subject_to_uid, state.subject_to_hash) == (None, "")


@pytest.mark.parametrize(
    ("status", "subject", "message"),
    [
        ("bracketed", "art3", "Only an agreement can be subject"),
        ("agreed", "art1", "subject to itself"),
        ("agreed", None, "not in the text"),
    ],
)
def test_a_condition_must_be_an_agreement_on_another_provision_in_the_text(
    neg: Neg, status: str, subject: str | None, message: str
) -> None:
    put(neg, "art1", "under_discussion")
    uid = neg.provisions[subject].uid if subject else uuid.uuid4()
    seq = last_seq()
    with pytest.raises(ValidationError, match=message):
        move(neg, "art1", status, subject_to_uid=uid)
    assert kinds_since(seq) == []


def test_the_condition_falls_back_when_that_provisions_text_changes(neg: Neg) -> None:
    put(neg, "art1", "under_discussion")
    put(neg, "art2", "under_discussion")
    move(neg, "art1", "agreed", subject_to_uid=neg.provisions["art3"].uid)
    move(neg, "art2", "agreed", subject_to_uid=neg.provisions["art2.1"].uid)
    copy = working_copy(neg)
    seq = last_seq()
    # Editing some other provision changes nothing.
    documents.set_text(
        actor=SYSTEM, provision=in_copy(copy, neg, "pp1"), language="en", text="Recognising,"
    )
    assert Event.objects.get(seq=seq + 1).payload["conditions_fallen"] == []
    # Writing the same text again is no change either.
    documents.set_text(
        actor=SYSTEM,
        provision=in_copy(copy, neg, "art3"),
        language="en",
        text="This Charter enters into force on signature.",
    )
    state = ProvisionState.objects.get(provision_uid=neg.provisions["art1"].uid)
    assert state.status == "agreed"
    seq = last_seq()
    documents.set_text(
        actor=SYSTEM,
        provision=in_copy(copy, neg, "art3"),
        language="ru",
        text="Хартия вступает в силу.",
    )
    state.refresh_from_db()
    assert (state.status, state.subject_to_uid, state.subject_to_hash) == (
        "under_discussion",
        None,
        "",
    )
    decision = state.decisions.order_by("-id").first()
    assert decision is not None
    assert (decision.from_status, decision.to_status, decision.decided_by) == (
        "agreed",
        "under_discussion",
        None,
    )
    assert decision.subject_to_uid == neg.provisions["art3"].uid
    assert kinds_since(seq) == ["provision.text_set"]
    assert Event.objects.get(seq=seq + 1).payload["conditions_fallen"] == [
        str(neg.provisions["art1"].uid)
    ]
    other = ProvisionState.objects.get(provision_uid=neg.provisions["art2"].uid)
    assert other.status == "agreed"
    assert verify_chain().ok


def test_the_condition_falls_back_when_that_provision_is_removed(neg: Neg) -> None:
    put(neg, "art1", "under_discussion")
    move(neg, "art1", "agreed_informals", subject_to_uid=neg.provisions["art2.1"].uid)
    copy = working_copy(neg)
    seq = last_seq()
    # Removing Article 2 removes its paragraph too.
    documents.remove_provision(actor=SYSTEM, provision=in_copy(copy, neg, "art2"))
    state = ProvisionState.objects.get(provision_uid=neg.provisions["art1"].uid)
    assert state.status == "under_discussion"
    assert kinds_since(seq) == ["provision.removed"]
    assert Event.objects.get(seq=seq + 1).payload["conditions_fallen"] == [
        str(neg.provisions["art1"].uid)
    ]


def test_the_condition_falls_back_when_the_heading_changes(neg: Neg) -> None:
    put(neg, "art1", "under_discussion")
    move(neg, "art1", "agreed", subject_to_uid=neg.provisions["art3"].uid)
    copy = working_copy(neg)
    documents.set_text(
        actor=SYSTEM,
        provision=in_copy(copy, neg, "art3"),
        language="en",
        heading="Entry into force",
        text="This Charter enters into force on signature.",
    )
    assert ProvisionState.objects.get(provision_uid=neg.provisions["art1"].uid).status == (
        "under_discussion"
    )


# --- the dashboard --------------------------------------------------------------------


def test_the_dashboard_counts_what_is_left_by_status_part_and_facilitator(neg: Neg) -> None:
    facilitator = neg.user("facilitator").person
    assign_facilitator(
        actor=SYSTEM,
        document=neg.document,
        provision_uids=[neg.provisions["art2"].uid, neg.provisions["art2.1"].uid],
        facilitator=facilitator,
    )
    put(neg, "art1", "agreed")
    put(neg, "art2", "bracketed")
    put(neg, "art2.1", "agreed_ad_ref")
    put(neg, "art3", "under_discussion")
    board = dashboard(version=neg.zero)
    zero = dict.fromkeys(STATUSES, 0)
    assert board.total == 5
    assert board.by_status == {
        **zero,
        "not_discussed": 1,
        "under_discussion": 1,
        "bracketed": 1,
        "agreed_ad_ref": 1,
        "agreed": 1,
    }
    assert [(p.uid, counts) for p, counts in board.by_part] == [
        (neg.provisions["pp1"].uid, {**zero, "not_discussed": 1}),
        (neg.provisions["art1"].uid, {**zero, "agreed": 1}),
        (neg.provisions["art2"].uid, {**zero, "bracketed": 1, "agreed_ad_ref": 1}),
        (neg.provisions["art3"].uid, {**zero, "under_discussion": 1}),
    ]
    assert board.by_facilitator == [
        ("", {**zero, "not_discussed": 1, "agreed": 1, "under_discussion": 1}),
        (str(facilitator), {**zero, "bracketed": 1, "agreed_ad_ref": 1}),
    ]


def test_the_dashboard_counts_only_the_provisions_of_the_version(neg: Neg) -> None:
    copy = working_copy(neg)
    documents.remove_provision(actor=SYSTEM, provision=in_copy(copy, neg, "art3"))
    put(neg, "art3", "agreed")
    assert dashboard(version=copy).total == 4
    assert dashboard(version=copy).by_status["agreed"] == 0
    assert dashboard(version=neg.zero).by_status["agreed"] == 1
