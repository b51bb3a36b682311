"""Positions: stance and visibility validation, an objection's reason, the
history of superseded positions, and who sees which position (the rule,
the list and the matrix) for every role."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import NotFound, PermissionDenied, ValidationError
from accord.negotiation.models import Position
from accord.negotiation.rules import position_visible
from accord.negotiation.selectors import position_matrix, visible_positions
from accord.negotiation.services.positions import record_position
from accord.processes.access import access_for
from tests.factories import ROLES
from tests.negotiation.services_scene import Neg, kinds_since, last_seq, negotiation

pytestmark = pytest.mark.django_db


@pytest.fixture
def neg() -> Neg:
    return negotiation()


def record(neg: Neg, key: str = "art1", **kwargs: Any) -> Position:
    values: dict[str, Any] = {
        "actor": neg.user("participant"),
        "delegation": neg.delegation("a"),
        "document": neg.document,
        "stance": "support",
        "visibility": "participants",
        "provision_uid": neg.provisions[key].uid,
    }
    values.update(kwargs)
    return record_position(**values)


@pytest.mark.parametrize("stance", ["support", "can_live_with", "reservation", "objection"])
@pytest.mark.parametrize("visibility", ["delegation", "facilitators", "participants"])
def test_every_stance_and_visibility_is_recorded_with_one_event(
    neg: Neg, stance: str, visibility: str
) -> None:
    seq = last_seq()
    position = record(neg, stance=stance, visibility=visibility, reason="  Our reason.  ")
    assert (position.stance, position.visibility, position.reason) == (
        stance,
        visibility,
        "Our reason.",
    )
    assert position.recorded_by == neg.user("participant")
    assert position.superseded_at is None
    assert kinds_since(seq) == ["position.recorded"]


@pytest.mark.parametrize(
    ("kwargs", "message", "field"),
    [
        ({"stance": "abstain"}, "Unknown stance 'abstain'", "stance"),
        ({"visibility": "public"}, "Unknown visibility 'public'", "visibility"),
        ({"stance": "objection"}, "An objection needs a written reason", "reason"),
        ({"stance": "objection", "reason": "   "}, "An objection needs a written reason", "reason"),
        ({"provision_uid": None}, "on a provision or on a proposal", "target"),
        ({"provision_uid": uuid.uuid4()}, "No such provision", "provision"),
    ],
)
def test_invalid_positions_are_refused_and_nothing_is_written(
    neg: Neg, kwargs: dict[str, Any], message: str, field: str
) -> None:
    seq = last_seq()
    with pytest.raises(ValidationError, match=message) as caught:
        record(neg, **kwargs)
    assert caught.value.field == field
    assert not Position.objects.exists()
    assert kinds_since(seq) == []


def test_a_position_is_on_a_provision_or_a_proposal_not_both(neg: Neg) -> None:
    proposal = neg.table("art3", "delete", role="other_participant", delegation="b")
    with pytest.raises(ValidationError, match="on a provision or on a proposal"):
        record(neg, proposal=proposal)
    on_proposal = record(
        neg, provision_uid=None, proposal=proposal, stance="objection", reason="No."
    )
    assert (on_proposal.proposal, on_proposal.provision_uid) == (proposal, None)
    other = negotiation(codes={"a": "AM", "b": "KZ", "obs": "CN", "int": "IN"})
    elsewhere = other.table("art3", "delete")
    with pytest.raises(ValidationError, match="another document"):
        record(neg, provision_uid=None, proposal=elsewhere)
    # A document of another process is one the delegate cannot even read.
    with pytest.raises(NotFound, match="No such document"):
        record(neg, document=other.document, provision_uid=other.provisions["art1"].uid)
    with pytest.raises(ValidationError, match="not in this document's process"):
        record(
            neg,
            actor=SYSTEM,
            document=other.document,
            provision_uid=other.provisions["art1"].uid,
        )
    assert Position.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_only_a_member_of_a_participating_delegation_records_its_position(
    neg: Neg, role: str
) -> None:
    seq = last_seq()
    if role == "participant":
        record(neg, actor=neg.user(role))
        assert kinds_since(seq) == ["position.recorded"]
        return
    with pytest.raises(PermissionDenied):
        record(neg, actor=neg.user(role))
    assert not Position.objects.exists()
    assert kinds_since(seq) == []


def test_an_observer_cannot_record_a_position_even_for_its_own_delegation(neg: Neg) -> None:
    with pytest.raises(PermissionDenied):
        record(neg, actor=neg.user("observer"), delegation=neg.delegation("obs"))


def test_a_new_position_supersedes_the_current_one_and_the_history_is_kept(neg: Neg) -> None:
    first = record(neg, stance="objection", reason="Too vague.", visibility="facilitators")
    second = record(neg, stance="can_live_with", visibility="participants")
    elsewhere = record(neg, key="art3", stance="support")
    first.refresh_from_db()
    assert first.superseded_at == second.recorded_at
    assert (second.superseded_at, elsewhere.superseded_at) == (None, None)
    assert list(
        Position.objects.filter(
            delegation=neg.delegation("a"),
            provision_uid=neg.provisions["art1"].uid,
            superseded_at__isnull=True,
        )
    ) == [second]
    a = neg.user("participant")
    current = visible_positions(user=a, document=neg.document)
    history = visible_positions(user=a, document=neg.document, include_history=True)
    assert current == [second, elsewhere]
    assert history == [first, second, elsewhere]
    art1 = neg.provisions["art1"].uid
    assert visible_positions(user=a, document=neg.document, provision_uid=art1) == [second]


# --- who sees what ------------------------------------------------------------------

# Who sees a position of delegation A, by its visibility (ADR 0006).
SEES: dict[str, set[str]] = {
    "delegation": {"participant"},
    "facilitators": {"participant", "chair", "facilitator"},
    "participants": {"participant", "other_participant", "secretariat", "chair", "facilitator"},
}


@pytest.mark.parametrize("visibility", sorted(SEES))
@pytest.mark.parametrize("role", ROLES)
def test_position_visible_for_every_role_and_visibility(
    neg: Neg, role: str, visibility: str
) -> None:
    access = access_for(neg.user(role), neg.w.process)
    seen = position_visible(access, visibility=visibility, delegation_id=neg.delegation("a").pk)
    assert seen == (role in SEES[visibility])


@pytest.fixture
def positions(neg: Neg) -> dict[str, Position]:
    """A: delegation-only on Article 1, facilitators-only on Article 3;
    B: all participants on Article 1, delegation-only on Article 3; A on a proposal."""
    b = {"actor": neg.user("other_participant"), "delegation": neg.delegation("b")}
    proposal = neg.table("art3", "delete", role="other_participant", delegation="b")
    return {
        "a1": record(neg, stance="reservation", visibility="delegation", reason="Internal."),
        "a3": record(neg, key="art3", stance="objection", visibility="facilitators", reason="No."),
        "b1": record(neg, stance="support", visibility="participants", **b),
        "b3": record(neg, key="art3", stance="can_live_with", visibility="delegation", **b),
        "ap": record(neg, provision_uid=None, proposal=proposal, visibility="participants"),
    }


VISIBLE: dict[str, set[str]] = {
    "participant": {"a1", "a3", "b1", "ap"},
    "other_participant": {"b1", "b3", "ap"},
    "chair": {"a3", "b1", "ap"},
    "facilitator": {"a3", "b1", "ap"},
    "secretariat": {"b1", "ap"},
    "observer": set(),
    "interested": set(),
    "outsider": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_visible_positions_shows_each_reader_only_what_it_may_see(
    neg: Neg, positions: dict[str, Position], role: str
) -> None:
    seen = visible_positions(user=neg.user(role), document=neg.document)
    names = {name for name, p in positions.items() if p in seen}
    assert names == VISIBLE[role]
    assert len(seen) == len(names)


@pytest.mark.parametrize("role", ROLES)
def test_the_matrix_shows_each_reader_only_what_it_may_see(
    neg: Neg, positions: dict[str, Position], role: str
) -> None:
    matrix = position_matrix(user=neg.user(role), version=neg.zero)
    # Columns: the participant delegations (A and B), not the observer's or the interested party's.
    participants = [neg.w.delegations["a"], neg.w.delegations["b"]]
    assert [d.pk for d in matrix.delegations] == [
        d.pk for d in sorted(participants, key=lambda d: d.party.slug)
    ]
    column = {d.pk: i for i, d in enumerate(matrix.delegations)}
    keys = ["pp1", "art1", "art2", "art2.1", "art3"]
    assert [row[0].uid for row in matrix.rows] == [neg.provisions[k].uid for k in keys]
    assert all(row[1] == "not_discussed" for row in matrix.rows)
    shown = {
        (row[0].uid, delegation_pk): cell
        for row in matrix.rows
        for delegation_pk, i in column.items()
        if (cell := row[2][i]) is not None
    }
    expected = {
        (positions[name].provision_uid, positions[name].delegation_id): positions[name]
        for name in VISIBLE[role]
        if name != "ap"  # positions on proposals are not cells of the matrix
    }
    assert shown == expected


def test_the_matrix_shows_current_positions_only(neg: Neg) -> None:
    record(neg, stance="objection", reason="No.", visibility="participants")
    latest = record(neg, stance="support", visibility="participants")
    matrix = position_matrix(user=neg.user("chair"), version=neg.zero)
    column = [d.pk for d in matrix.delegations].index(neg.delegation("a").pk)
    row = next(r for r in matrix.rows if r[0].uid == neg.provisions["art1"].uid)
    assert row[2][column] == latest
