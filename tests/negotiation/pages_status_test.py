"""The status dashboard: counts by status, per part and per facilitator, and
the chair's and facilitators' status form."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from accord.negotiation.enums import ProvisionStatus
from accord.negotiation.models import ProvisionState, StatusDecision
from tests.factories import ROLES, add_provisions
from tests.negotiation.pages_scene import scene
from tests.pages.helpers import SEES_PARTICIPANT_MATERIAL, fetch, sign_in, text_of

pytestmark = pytest.mark.django_db

URL = "status/"


def said(response) -> str:
    return unescape(text_of(response.content.decode()))


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return text_of(html[start : html.index("</section>", start)])


def _status(s, name: str) -> str:
    return ProvisionState.objects.get(provision_uid=s.provisions[name].uid).status


def test_counts_by_status_per_part_and_per_facilitator(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + URL)
    assert _section(html, "summary-heading") == (
        'id="summary-heading">What is left to agree in Zero draft 4 of 4 provisions not yet '
        "agreed 0 / 4 0 agreed "
        "0 Not discussed 1 Under discussion 1 Bracketed 1 Agreed in informals "
        "1 Agreed ad referendum 0 Agreed "
        "White — not agreed: Not discussed, Under discussion, Bracketed "
        "Yellow — agreed in informal consultations: Agreed in informals "
        "Green — agreed: Agreed ad referendum, Agreed"
    )
    assert '<progress value="0" max="4"' in html
    assert _section(html, "parts-heading") == (
        'id="parts-heading">By part of the text Provisions by part and status Part of the text '
        "Not discussed Under discussion Bracketed Agreed in informals Agreed ad referendum "
        "Agreed Total "
        "Article 1 — Purpose – – 1 1 1 – 3 "
        "Article 2 — Principles – 1 – – – – 1"
    )
    facilitator = s.user("facilitator").person
    assert _section(html, "facilitators-heading") == (
        'id="facilitators-heading">By facilitator Provisions by facilitator and status '
        "Facilitator Not discussed Under discussion Bracketed Agreed in informals "
        "Agreed ad referendum Agreed Total "
        "No facilitator – 1 – 1 1 – 3 "
        f"{facilitator} – – 1 – – – 1"
    )
    assert '<td class="num counts__cell--yellow">1</td>' in html
    # Every status is named, never shown by colour alone.
    assert _section(html, "left-heading").startswith(
        'id="left-heading">Provisions not yet agreed Provision Status Facilitator '
        "Article 1 Agreed ad referendum — "
        "Article 1, paragraph 1 Agreed in informals — "
        f"Article 1, paragraph 2 Bracketed {facilitator} "
        "Article 2 Under discussion —"
    )


def test_the_transition_table_is_shown(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    transitions = _section(fetch(client, s.base + URL), "transitions-heading")
    assert "Not discussed Under discussion, Bracketed" in transitions
    assert "Agreed Under discussion “Agreed” is refused" in transitions


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_dashboard_and_its_form(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    if role not in SEES_PARTICIPANT_MATERIAL:
        fetch(client, s.base + URL, status=404)
        return
    html = fetch(client, s.base + URL)
    assert ("Change a provision's status" in unescape(html)) == (role in {"chair", "facilitator"})


def test_the_facilitator_may_choose_only_its_own_provisions(client: Client):
    s = scene()
    sign_in(client, s.user("facilitator"))
    html = fetch(client, s.base + URL)
    select = html[
        html.index('name="provision"') : html.index("</select>", html.index('name="provision"'))
    ]
    assert text_of(select) == 'name="provision" id="id_provision"> Article 1, paragraph 2'
    response = client.post(
        s.base + URL,
        {"provision": s.provisions["art2"].uid, "status": "bracketed"},
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert _status(s, "art2") == ProvisionStatus.UNDER_DISCUSSION


def test_the_chair_changes_a_status_from_the_dashboard(client: Client):
    s = scene()
    sign_in(client, s.user("chair"))
    response = client.post(
        s.base + URL,
        {
            "version": 1,
            "lang": "en",
            "provision": s.provisions["art2"].uid,
            "status": "bracketed",
            "note": "Two delegations want changes.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == s.base + "status/?version=1&lang=en"
    assert _status(s, "art2") == ProvisionStatus.BRACKETED
    decision = StatusDecision.objects.filter(state__provision_uid=s.provisions["art2"].uid).last()
    assert (decision.from_status, decision.to_status, decision.note, decision.decided_by) == (
        "under_discussion",
        "bracketed",
        "Two delegations want changes.",
        s.user("chair"),
    )
    assert "Article 2 is now “Bracketed”." in text_of(fetch(client, s.base + URL))


def test_agreeing_over_an_objection_needs_the_chairs_override(client: Client):
    s = scene()
    sign_in(client, s.user("chair"))
    data = {"provision": s.provisions["art2"].uid, "status": "agreed"}
    response = client.post(s.base + URL, data)
    assert response.status_code == 409
    text = said(response)
    assert (
        "An objection stands (RU); the chair may agree the provision only with a recorded "
        "override and its reason."
    ) in text
    assert _status(s, "art2") == ProvisionStatus.UNDER_DISCUSSION
    response = client.post(
        s.base + URL, {**data, "override_reason": "Consensus of all others; RU recorded."}
    )
    assert response.status_code == 302
    assert _status(s, "art2") == ProvisionStatus.AGREED
    sign_in(client, s.user("participant"))
    html = fetch(client, f"{s.base}provisions/{s.provisions['art2'].uid}/")
    assert "Objection overridden Consensus of all others; RU recorded." in text_of(html)


def test_a_transition_outside_the_table_is_refused_on_the_dashboard(client: Client):
    s = scene()
    sign_in(client, s.user("chair"))
    decisions = StatusDecision.objects.count()
    response = client.post(
        s.base + URL, {"provision": s.provisions["para2"].uid, "status": "agreed"}
    )
    assert response.status_code == 409
    assert "A provision that is bracketed cannot become agreed directly." in said(response)
    assert "Nothing was changed:" in said(response)
    assert StatusDecision.objects.count() == decisions


@pytest.mark.parametrize("role", ["participant", "secretariat", "observer"])
def test_others_are_refused_with_a_403(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    response = client.post(
        s.base + URL, {"provision": s.provisions["art2"].uid, "status": "bracketed"}
    )
    assert response.status_code == 403
    assert "Only the chair or the provision's facilitator decides its status." in said(response)
    assert _status(s, "art2") == ProvisionStatus.UNDER_DISCUSSION


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize(("role", "expected"), [("participant", 14), ("chair", 12)])
def test_the_dashboard_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int, role: str, expected: int
):
    s = scene()
    add_provisions(s.zero, size)
    sign_in(client, s.user(role))
    with django_assert_num_queries(expected):
        html = fetch(client, s.base + URL)
    assert f"of {size + 4} provisions not yet agreed" in text_of(html)
