"""The negotiation selectors read at a constant number of queries whatever
the size of the document (so an N+1 fails here), and return what pages show."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core.actors import SYSTEM
from accord.documents import services as documents
from accord.documents.models import Version
from accord.negotiation.selectors import (
    compilation_rows,
    dashboard,
    position_matrix,
    proposal_counts,
    visible_positions,
)
from accord.negotiation.selectors import proposals as proposals_of
from accord.negotiation.services import positions, proposals, status
from tests.factories import add_provisions
from tests.negotiation.services_scene import Neg, negotiation

pytestmark = pytest.mark.django_db


def sized(extra: int, codes: dict[str, str]) -> tuple[Neg, Version]:
    """The scene's charter with `extra` more articles, each with a proposal,
    a co-sponsor, two positions and a status, published again."""
    neg = negotiation(codes=codes)
    copy = documents.start_working_copy(actor=SYSTEM, document=neg.document, label="Rev.1")
    add_provisions(copy, extra)
    version = documents.publish_version(actor=SYSTEM, version=copy)
    for provision in version.provisions.filter(kind="article").exclude(number__in=["1", "2", "3"]):
        p = proposals.table_proposal(
            actor=neg.user("participant"),
            provision=provision,
            delegation=neg.delegation("a"),
            operation="delete",
            cosponsors=[neg.delegation("b")],
        )
        for key, visibility in (("a", "participants"), ("b", "facilitators")):
            positions.record_position(
                actor=SYSTEM,
                delegation=neg.delegation(key),
                document=neg.document,
                proposal=p if key == "a" else None,
                provision_uid=None if key == "a" else provision.uid,
                stance="support",
                visibility=visibility,
            )
        status.change_status(
            actor=SYSTEM,
            document=neg.document,
            provision_uid=provision.uid,
            status="under_discussion",
        )
    return neg, version


def count(call: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


@pytest.mark.parametrize(
    "read",
    [
        lambda neg, version: compilation_rows(version=version),
        lambda neg, version: position_matrix(user=neg.user("chair"), version=version),
        lambda neg, version: dashboard(version=version),
        lambda neg, version: visible_positions(user=neg.user("participant"), document=neg.document),
        lambda neg, version: [
            (p.delegation.code, [c.delegation.code for c in p.cosponsorships.all()])
            for p in proposals_of(document=neg.document)
        ],
        lambda neg, version: proposal_counts(neg.document),
    ],
    ids=[
        "compilation_rows",
        "position_matrix",
        "dashboard",
        "visible_positions",
        "proposals",
        "counts",
    ],
)
def test_reads_cost_the_same_number_of_queries_at_two_sizes(read: Any) -> None:
    small = sized(2, {"a": "RU", "b": "BY", "obs": "IR", "int": "KP"})
    large = sized(12, {"a": "AM", "b": "KZ", "obs": "CN", "int": "IN"})
    for neg, _ in (small, large):
        neg.user("chair").__dict__.pop("_accord_access", None)
        neg.user("participant").__dict__.pop("_accord_access", None)
    assert count(lambda: read(*small)) == count(lambda: read(*large))


def test_compilation_rows_carry_status_colour_proposals_and_facilitator() -> None:
    neg = negotiation()
    facilitator = neg.user("facilitator").person
    status.assign_facilitator(
        actor=SYSTEM,
        document=neg.document,
        provision_uids=[neg.provisions["art2"].uid],
        facilitator=facilitator,
    )
    status.change_status(
        actor=SYSTEM,
        document=neg.document,
        provision_uid=neg.provisions["art2"].uid,
        status="bracketed",
    )
    neg.table("art2", "delete")
    neg.table("art2", "replace_text", text="States consult.")
    withdrawn = neg.table("art3", "delete")
    proposals.withdraw_proposal(actor=neg.user("participant"), proposal=withdrawn)
    rows = {row.provision.uid: row for row in compilation_rows(version=neg.zero)}
    art2 = rows[neg.provisions["art2"].uid]
    assert (art2.status, art2.colour, art2.tabled, art2.facilitator) == (
        "bracketed",
        "white",
        2,
        str(facilitator),
    )
    art3 = rows[neg.provisions["art3"].uid]
    assert (art3.status, art3.tabled, art3.facilitator) == ("not_discussed", 0, "")
