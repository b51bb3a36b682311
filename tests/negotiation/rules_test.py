"""Who may do what in a negotiation: every role of `world()` against every
negotiation permission, written out as data (a change of policy changes
this table), and what a document the reader may not read hides."""

from __future__ import annotations

from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from accord.core.actors import SYSTEM
from accord.core.enums import Visibility
from accord.core.errors import NotFound
from accord.documents import services as documents
from accord.negotiation.models import Position, Proposal, ProvisionState
from accord.negotiation.selectors import position_matrix, visible_positions
from accord.negotiation.services import positions, proposals
from accord.processes.models import Process
from tests.factories import ROLES
from tests.negotiation.services_scene import Neg, negotiation

pytestmark = pytest.mark.django_db

# action → (permission, object of the scene)
ACTIONS: dict[str, tuple[str, str]] = {
    "table_proposal:a": ("negotiation.table_proposal", "delegation_a"),
    "table_proposal:b": ("negotiation.table_proposal", "delegation_b"),
    "table_proposal:obs": ("negotiation.table_proposal", "delegation_obs"),
    "sponsor_proposal:b": ("negotiation.sponsor_proposal", "delegation_b"),
    "withdraw_proposal:a": ("negotiation.withdraw_proposal", "proposal_a"),
    "view_proposals": ("negotiation.view_proposals", "document"),
    "view_proposals:secretariat_document": ("negotiation.view_proposals", "secret_document"),
    "manage_proposals": ("negotiation.manage_proposals", "document"),
    "compile": ("negotiation.compile", "document"),
    "record_position:a": ("negotiation.record_position", "delegation_a"),
    "decide_status:facilitated": ("negotiation.decide_status", "facilitated_state"),
    "decide_status:other": ("negotiation.decide_status", "other_state"),
    "assign_facilitator": ("negotiation.assign_facilitator", "document"),
    "view_matrix": ("negotiation.view_matrix", "document"),
}

OFFICER_READS = {"view_proposals"}
EXPECTED: dict[str, set[str]] = {
    "anonymous": set(),
    "outsider": set(),
    "interested": set(),
    "observer": {"view_proposals"},  # the process lets observers read documents
    "participant": {
        "table_proposal:a",
        "withdraw_proposal:a",
        "view_proposals",
        "record_position:a",
    },
    "other_participant": {"table_proposal:b", "sponsor_proposal:b", "view_proposals"},
    "secretariat": OFFICER_READS
    | {"view_proposals:secretariat_document", "manage_proposals", "compile", "assign_facilitator"},
    "chair": OFFICER_READS
    | {"decide_status:facilitated", "decide_status:other", "assign_facilitator", "view_matrix"},
    "facilitator": OFFICER_READS | {"decide_status:facilitated", "view_matrix"},
}


def test_the_table_covers_every_negotiation_permission_and_every_role() -> None:
    registered = {n for n in rules.permissions.permissions if n.startswith("negotiation.")}
    assert {perm for perm, _ in ACTIONS.values()} == registered
    assert set(EXPECTED) == set(ROLES)
    for allowed in EXPECTED.values():
        assert allowed <= set(ACTIONS)


@pytest.fixture
def scene() -> tuple[Neg, dict[str, Any]]:
    neg = negotiation()
    secret = documents.create_document(
        actor=SYSTEM,
        process=neg.w.process,
        kind="note",
        title={"en": "Secretariat note"},
        authentic_languages=["en"],
        working_language="en",
        visibility=Visibility.SECRETARIAT,
    )
    uid = neg.provisions["art2"].uid
    facilitated = ProvisionState.objects.create(
        document=neg.document, provision_uid=uid, facilitator=neg.user("facilitator").person
    )
    other = ProvisionState.objects.create(
        document=neg.document, provision_uid=neg.provisions["art3"].uid
    )
    objects = {
        "delegation_a": neg.delegation("a"),
        "delegation_b": neg.delegation("b"),
        "delegation_obs": neg.delegation("obs"),
        "proposal_a": neg.table("art1", "delete"),
        "document": neg.document,
        "secret_document": secret,
        "facilitated_state": facilitated,
        "other_state": other,
    }
    return neg, objects


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_the_table_says(
    scene: tuple[Neg, dict[str, Any]], role: str
) -> None:
    neg, objects = scene
    user = neg.user(role) or AnonymousUser()
    allowed = {
        action for action, (perm, key) in ACTIONS.items() if user.has_perm(perm, objects[key])
    }
    assert allowed == EXPECTED[role]


def test_observers_read_no_proposals_when_the_process_withholds_documents(
    scene: tuple[Neg, dict[str, Any]],
) -> None:
    neg, objects = scene
    Process.objects.filter(pk=neg.w.process.pk).update(observers_see_documents=False)
    observer = neg.user("observer")
    observer.__dict__.pop("_accord_access", None)
    objects["document"].process.refresh_from_db()
    assert not observer.has_perm("negotiation.view_proposals", objects["document"])


# --- a document the reader may not read ------------------------------------------------


@pytest.fixture
def internal() -> Neg:
    """The scene's charter, but as delegation B's internal material."""
    neg = negotiation()
    type(neg.document).objects.filter(pk=neg.document.pk).update(
        visibility=Visibility.DELEGATION, owner_delegation=neg.delegation("b")
    )
    neg.document.refresh_from_db()
    for provision in neg.provisions.values():
        provision.version.document = neg.document
    return neg


def test_nobody_tables_on_a_document_they_may_not_read(internal: Neg) -> None:
    with pytest.raises(NotFound, match="No such document"):
        internal.table("art3", "delete")
    assert not Proposal.objects.exists()


def test_nobody_takes_a_position_on_a_document_they_may_not_read(internal: Neg) -> None:
    with pytest.raises(NotFound, match="No such document"):
        positions.record_position(
            actor=internal.user("participant"),
            delegation=internal.delegation("a"),
            document=internal.document,
            provision_uid=internal.provisions["art1"].uid,
            stance="support",
            visibility="participants",
        )
    assert not Position.objects.exists()


def test_nobody_sponsors_a_proposal_on_a_document_they_may_not_read(internal: Neg) -> None:
    proposal = internal.table("art3", "delete", role="other_participant", delegation="b")
    with pytest.raises(NotFound):
        proposals.join_proposal(
            actor=internal.user("participant"),
            proposal=proposal,
            delegation=internal.delegation("a"),
        )
    assert not proposal.cosponsorships.exists()


def test_positions_on_a_document_the_reader_may_not_read_are_not_shown(internal: Neg) -> None:
    positions.record_position(
        actor=internal.user("other_participant"),
        delegation=internal.delegation("b"),
        document=internal.document,
        provision_uid=internal.provisions["art1"].uid,
        stance="support",
        visibility="participants",
    )
    assert (
        len(visible_positions(user=internal.user("other_participant"), document=internal.document))
        == 1
    )
    for role in ("participant", "chair", "facilitator", "secretariat"):
        assert visible_positions(user=internal.user(role), document=internal.document) == []
        matrix = position_matrix(user=internal.user(role), version=internal.zero)
        assert all(cell is None for row in matrix.rows for cell in row[2])
