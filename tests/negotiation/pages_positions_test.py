"""The position matrix: the chair and facilitators see what visibility allows;
a delegation sees and records its own positions; others are refused."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from accord.core.actors import SYSTEM
from accord.negotiation.models import Position
from accord.negotiation.services.positions import record_position
from tests.factories import add_provisions
from tests.negotiation.pages_scene import scene
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db


def said(response) -> str:
    return unescape(text_of(response.content.decode()))


def _table(html: str) -> str:
    return text_of(html[html.index("<thead>") : html.index("</table>")])


def test_the_chair_sees_every_position_shared_with_the_chair(client: Client):
    s = scene()
    sign_in(client, s.user("chair"))
    html = fetch(client, s.base + "positions/")
    none = "— no position"
    # The participants' columns only (RU and BY): observers take no positions.
    assert _table(html) == (
        "Provision Status RU BY "
        f"Article 1 Agreed ad referendum {none} {none} "
        f"Article 1, paragraph 1 Agreed in informals {none} {none} "
        # A's reservation on paragraph 2 is for its own delegation: not shown.
        f"Article 1, paragraph 2 Bracketed {none} {none} "
        "Article 2 Under discussion Objection Diversity must be qualified. "
        "Chair and facilitators · "
        + Position.objects.get(stance="objection").recorded_at.strftime("%-d %B %Y")
        + " Support"
    )
    assert (
        '<summary title="Diversity must be qualified."><span class="stance stance--objection">'
        "Objection</span></summary>"
    ) in html
    assert '<td class="matrix__cell matrix__cell--support">' in html
    assert "Record a position" not in html  # the chair is no delegation


def test_a_delegation_member_sees_only_its_own_delegation_and_records(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + "positions/")
    assert "Your delegation's positions" in unescape(html)
    table = _table(html)
    assert table.startswith("Provision Status RU ")
    assert "Article 1, paragraph 2 Bracketed Reservation Pending instructions." in table
    assert "Support" not in table  # B's support, though shared with participants, is B's
    assert "Record a position" in html


def test_recording_a_position_through_the_form(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    para1 = s.provisions["para1"]
    response = client.post(
        s.base + "positions/",
        {
            "version": 1,
            "delegation": s.w.delegations["b"].pk,
            "target": f"provision:{para1.uid}",
            "stance": "can_live_with",
            "reason": "",
            "visibility": "participants",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == s.base + "positions/?version=1#matrix"
    position = Position.objects.get(provision_uid=para1.uid)
    assert (position.delegation, position.stance, position.visibility, position.recorded_by) == (
        s.w.delegations["b"],
        "can_live_with",
        "participants",
        s.user("other_participant"),
    )
    html = fetch(client, s.base + "positions/")
    assert f"The position of {s.w.delegations['b']} is recorded." in text_of(html)
    assert "Article 1, paragraph 1 Agreed in informals Can live with" in _table(html)


def test_a_position_on_a_proposal_is_listed_below_the_matrix(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    response = client.post(
        s.base + "positions/",
        {
            "delegation": s.w.delegations["b"].pk,
            "target": f"proposal:{s.proposals['p3'].pk}",
            "stance": "support",
            "visibility": "facilitators",
        },
    )
    assert response.status_code == 302
    sign_in(client, s.user("facilitator"))
    html = fetch(client, s.base + "positions/")
    section = text_of(html[html.index('id="on-proposals-heading"') :])
    assert section.startswith(
        f'id="on-proposals-heading">Positions on proposals P-3 — {s.w.delegations["b"].party.name} '
        "(BY): Support (Chair and facilitators)"
    )


def test_an_objection_without_a_reason_is_refused_and_nothing_is_recorded(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    before = Position.objects.count()
    response = client.post(
        s.base + "positions/",
        {
            "delegation": s.w.delegations["b"].pk,
            "target": f"provision:{s.provisions['art2'].uid}",
            "stance": "objection",
            "reason": "  ",
            "visibility": "participants",
        },
    )
    assert response.status_code == 400
    assert "An objection needs a written reason." in said(response)
    assert Position.objects.count() == before
    assert Position.objects.get(
        delegation=s.w.delegations["b"], superseded_at__isnull=True
    ).stance == ("support")


def test_a_member_cannot_record_for_another_delegation(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    response = client.post(
        s.base + "positions/",
        {
            "delegation": s.w.delegations["b"].pk,
            "target": f"provision:{s.provisions['art2'].uid}",
            "stance": "support",
            "visibility": "participants",
        },
    )
    assert response.status_code == 400
    assert Position.objects.filter(delegation=s.w.delegations["b"]).count() == 1


@pytest.mark.parametrize("role", ["secretariat", "observer", "interested"])
def test_others_are_refused_with_the_reason(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    response = client.get(s.base + "positions/")
    if role == "interested":
        assert response.status_code == 404  # an interested party does not see the document
        return
    assert response.status_code == 403
    assert (
        "Positions are shown to the chair and the facilitators; a participating delegation "
        "sees its own."
    ) in said(response)
    assert "Objection" not in response.content.decode()
    before = Position.objects.count()
    response = client.post(
        s.base + "positions/",
        {
            "delegation": s.w.delegations["a"].pk,
            "target": f"provision:{s.provisions['art2'].uid}",
            "stance": "support",
            "visibility": "participants",
        },
    )
    assert response.status_code == 403
    assert Position.objects.count() == before


def test_the_facilitator_sees_the_same_as_the_chair(client: Client):
    s = scene()
    sign_in(client, s.user("facilitator"))
    html = fetch(client, s.base + "positions/")
    assert "Article 2 Under discussion Objection" in _table(html)
    assert "Reservation" not in _table(html)


@pytest.mark.parametrize("size", [4, 40])
@pytest.mark.parametrize(("role", "expected"), [("chair", 12), ("participant", 15)])
def test_the_matrix_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int, role: str, expected: int
):
    s = scene()
    add_provisions(s.zero, size)
    for provision in s.zero.provisions.all():
        for key in ("a", "b"):
            record_position(
                actor=SYSTEM,
                delegation=s.w.delegations[key],
                document=s.document,
                provision_uid=provision.uid,
                stance="reservation",
                reason=f"Reason {provision.number}",
                visibility="facilitators",
            )
    sign_in(client, s.user(role))
    with django_assert_num_queries(expected):
        html = fetch(client, s.base + "positions/")
    assert f"Reason {size + 4}" in html


def test_the_provision_page_links_to_the_form_with_the_provision_chosen(client: Client):
    s = scene()
    uid = s.provisions["art2"].uid
    sign_in(client, s.user("other_participant"))
    html = fetch(client, f"{s.base}provisions/{uid}/")
    link = f"{s.base}positions/?version=1&amp;target=provision%3A{uid}#record"
    assert f'<a href="{link}">Record your delegation\'s position</a>' in html
    html = fetch(client, f"{s.base}positions/?version=1&target=provision:{uid}")
    assert f'<option value="provision:{uid}" selected>Article 2</option>' in html
