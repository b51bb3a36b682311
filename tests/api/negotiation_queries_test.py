"""Every negotiation list and view costs the same number of SQL queries
whatever the size of the negotiation: each is measured at two sizes against
one fixed count, so an N+1 regression fails here."""

from __future__ import annotations

import pytest

from accord.core.actors import SYSTEM
from accord.negotiation.services import compilation, positions, proposals, status
from tests.api.negotiation_scene import Negotiation, negotiation, writer

pytestmark = pytest.mark.django_db


def grow(size: int) -> Negotiation:
    """`size` articles, each with two proposals (one co-sponsored, one whose
    co-sponsor left), positions of both participant delegations at every
    visibility, a decided status and a facilitator; then a compilation text
    (version 2) from delegation A's proposals."""
    n = negotiation(articles=size)
    visibilities = ("delegation", "facilitators", "participants")
    for i, article in enumerate(n.articles, start=1):
        n.table("a", i, cosponsors=[n.delegation("b")])
        second = n.table("b", i, operation="bracket", text="", span=(0, 6))
        proposals.join_proposal(actor=SYSTEM, proposal=second, delegation=n.delegation("a"))
        proposals.leave_proposal(actor=SYSTEM, proposal=second, delegation=n.delegation("a"))
        for key in ("a", "b"):
            for visibility in visibilities:
                positions.record_position(
                    actor=SYSTEM,
                    delegation=n.delegation(key),
                    document=n.document,
                    stance="support",
                    visibility=visibility,
                    provision_uid=article.uid,
                )
        status.change_status(
            actor=SYSTEM, document=n.document, provision_uid=article.uid, status="bracketed"
        )
    status.assign_facilitator(
        actor=SYSTEM,
        document=n.document,
        provision_uids=[p.uid for p in n.articles],
        facilitator=n.person("facilitator"),
    )
    selected = list(n.document.proposals.filter(delegation=n.delegation("a")))
    compilation.compile_text(actor=SYSTEM, base=n.v1, proposals=selected)
    return n


ENDPOINTS = {
    "proposals": ("participant", lambda n: f"{n.url}/proposals"),
    "proposal": ("participant", lambda n: f"{n.url}/proposals/1"),
    "positions": ("participant", lambda n: f"{n.url}/positions?history=1"),
    "states": ("participant", lambda n: f"{n.url}/states"),
    "compilation": ("participant", lambda n: f"{n.url}/versions/2/compilation"),
    "matrix": ("chair", lambda n: f"{n.url}/versions/2/matrix"),
    "dashboard": ("participant", lambda n: f"{n.url}/versions/2/dashboard"),
    "redline": ("participant", lambda n: f"{n.url}/redline?from=1&to=2"),
}

# What each answer holds, to show the data really grew with `size`.
SIZE_OF = {
    "proposals": lambda body: body["count"],
    "proposal": lambda body: len(body["cosponsorships"]) + (body["incorporation"] is not None),
    "positions": lambda body: body["count"],
    "states": lambda body: body["count"],
    "compilation": lambda body: body["count"],
    "matrix": lambda body: len(body["rows"]),
    "dashboard": lambda body: body["total"],
    "redline": lambda body: len(body["provisions"]),
}
EXPECTED_SIZE = {
    "proposals": lambda n: 2 * n,
    "proposal": lambda n: 2,
    # Delegation A's three positions per article, and B's for all participants.
    "positions": lambda n: 4 * n,
    "states": lambda n: n,
    "compilation": lambda n: n,
    "matrix": lambda n: n,
    "dashboard": lambda n: n,
    "redline": lambda n: n,
}

# Signed in by session: the session and the user (2 queries), the reader's
# standing in the process (3 for a participant; 2 for the chair, who has no
# delegation: processes.access), the document (1), then:
QUERIES = {
    "proposals": 9,  # + count, proposals with delegation, versions, provision; co-sponsors
    "proposal": 11,  # + the proposal, co-sponsors; the carrying provision with its texts
    #                  (2) and the process's delegation codes, to find the carrying option
    "positions": 7,  # + positions with delegation and proposal
    "states": 7,  # + states with facilitator
    "compilation": 13,  # + version, states, tabled counts, provisions, texts, delegation
    #                     codes (to read the markup), source versions
    "matrix": 10,  # (the chair) + version, delegations, positions, states, provisions
    "dashboard": 9,  # + version, states, provisions
    "redline": 13,  # + two versions, delegation codes, provisions and texts of each
}


@pytest.mark.parametrize("size", [2, 8])
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_query_count_does_not_grow_with_the_negotiation(endpoint, size, django_assert_num_queries):
    n = grow(size)
    role, url = ENDPOINTS[endpoint]
    client = writer(n.world.users[role], "session")
    with django_assert_num_queries(QUERIES[endpoint]):
        response = client.get(url(n))
    assert response.status_code == 200, response.content
    assert SIZE_OF[endpoint](response.json()) == EXPECTED_SIZE[endpoint](size)
