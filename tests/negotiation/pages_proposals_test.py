"""A provision's page: its proposals, the proposal form, co-sponsoring,
withdrawing, 'not retained', and the status decided from it."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from accord.core.actors import SYSTEM
from accord.documents.models import Version
from accord.negotiation.enums import ProposalStatus, ProvisionStatus
from accord.negotiation.models import Cosponsorship, Proposal, ProvisionState, StatusDecision
from accord.negotiation.services.compilation import compile_text
from accord.negotiation.services.proposals import join_proposal, table_proposal
from accord.record.models import Event
from tests.factories import ROLES
from tests.negotiation.pages_scene import scene
from tests.pages.helpers import SEES_PARTICIPANT_MATERIAL, fetch, sign_in, text_of

pytestmark = pytest.mark.django_db


def _url(s, name: str = "art2") -> str:
    return f"{s.base}provisions/{s.provisions[name].uid}/"


def _proposal_html(html: str, label: str) -> str:
    start = html.index(f'id="{label}"')
    return (
        html[start : html.index("</li>\n\n", start)]
        if "</li>\n\n" in html[start:]
        else html[start:]
    )


def _proposals(html: str) -> str:
    return text_of(
        html[html.index('id="proposals"') : html.index('<section class="panel" id="propose"')]
    )


def said(response) -> str:
    """The text of a response as a reader sees it (entities unescaped)."""
    return unescape(text_of(response.content.decode()))


def test_proposals_with_sponsors_history_operation_text_and_rationale(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    html = fetch(client, _url(s))
    p1 = s.proposals["p1"]
    history = list(Cosponsorship.objects.filter(proposal=p1).order_by("joined_at", "id"))
    fmt = "%-d %B %Y, %H:%M"
    assert _proposals(html) == (
        'id="proposals" aria-labelledby="proposals-heading"> Proposals (2) '
        "P-1 Tabled Replace the text · English "
        f"Proposed by {s.w.delegations['a'].party.name} (RU) ; co-sponsored by "
        f"{s.w.delegations['b'].party.name} (BY) · tabled {p1.created_at.strftime(fmt)} UTC "
        "The Parties respect [cultural] (RU) diversity. "
        "Rationale: Diversity is cultural above all. "
        "Co-sponsorship history "
        f"{s.w.delegations['b'].party.name} (BY): joined {history[0].joined_at.strftime(fmt)} , "
        f"withdrew {history[0].withdrawn_at.strftime(fmt)} "
        f"{s.w.delegations['b'].party.name} (BY): joined {history[1].joined_at.strftime(fmt)} "
        "Withdraw co-sponsorship (BY) "
        "P-3 Tabled Bracket a span · English "
        f"Proposed by {s.w.delegations['a'].party.name} (RU) · tabled "
        f"{s.proposals['p3'].created_at.strftime(fmt)} UTC "
        "Passage to bracket: Parties "
        "Co-sponsor (BY)"
    )


def test_the_provision_page_shows_text_status_decisions_and_visible_positions(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    html = fetch(client, _url(s))
    text = text_of(html)
    assert "Article 2 — Principles" in text
    assert "The Parties respect diversity. Agreed text only: The Parties respect diversity." in text
    assert "Status Under discussion Facilitator none Decisions" in text
    assert "— Not discussed → Under discussion" in text
    # B sees its own support and A's objection only if A shared it with participants:
    # A shared it with the chair and facilitators, so B does not see it.
    positions = text_of(html[html.index('id="positions-heading"') :])
    assert "(BY) Support" in positions
    assert "Objection" not in positions
    sign_in(client, s.user("facilitator"))
    positions = text_of(fetch(client, _url(s))[html.index("<main") :])
    assert "(RU) Objection Diversity must be qualified. Chair and facilitators" in positions


def test_an_incorporated_proposal_links_to_where_it_went(client: Client):
    s = scene()
    result = compile_text(
        actor=SYSTEM, base=s.zero, proposals=[s.proposals["p1"]], label="Compilation text"
    )
    sign_in(client, s.user("participant"))
    html = fetch(client, _url(s) + f"?version={result.version.number}")
    item = _proposal_html(html, "P-1")
    assert "P-1 Incorporated Replace the text · English · on Zero draft" in text_of(item)
    assert (
        "Incorporated in "
        f'<a href="{s.base}?version=2&amp;lang=en#art_2">Compilation text, Article 2</a> — '
        "as option Alt 2"
    ) in item
    # A proposal no longer tabled offers no actions.
    assert "Withdraw P-1" not in item


def test_lifted_brackets_say_so(client: Client):
    s = scene()
    lift = table_proposal(
        actor=s.user("participant"),
        provision=s.provisions["para1"],
        delegation=s.w.delegations["a"],
        operation="remove_brackets",
        language="en",
        target_ref="b1",
    )
    compile_text(actor=SYSTEM, base=s.zero, proposals=[lift], label="Rev.1")
    sign_in(client, s.user("participant"))
    item = text_of(_proposal_html(fetch(client, _url(s, "para1")), lift.label))
    assert "Bracket to remove: b1" in item
    assert "Incorporated in Rev.1, Article 1, paragraph 1 — brackets b1 lifted" in item


def test_a_proposal_not_retained_shows_the_reason(client: Client):
    s = scene()
    sign_in(client, s.user("secretariat"))
    response = client.post(
        s.base + "proposals/3/not-retained/",
        {"version": 1, "lang": "en", "p3-reason": "Overtaken by P-1."},
    )
    assert response.status_code == 302
    assert response["Location"] == _url(s) + "?version=1&lang=en#P-3"
    html = fetch(client, _url(s))
    assert "P-3 Not retained Bracket a span" in text_of(html)
    assert "Reason: Overtaken by P-1." in text_of(_proposal_html(html, "P-3"))
    assert "P-3 is recorded as not retained." in text_of(html)


@pytest.mark.parametrize("role", ["participant", "chair", "facilitator"])
def test_only_the_secretariat_sets_a_proposal_aside(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    html = fetch(client, _url(s))
    assert "Record as not retained…" not in html
    response = client.post(s.base + "proposals/3/not-retained/", {"p3-reason": "No."})
    assert response.status_code == 403
    assert "Only the secretariat records that a proposal is not retained." in text_of(
        response.content.decode()
    )
    assert Proposal.objects.get(number=3).status == ProposalStatus.TABLED


def test_not_retained_needs_a_reason(client: Client):
    s = scene()
    sign_in(client, s.user("secretariat"))
    response = client.post(s.base + "proposals/3/not-retained/", {"p3-reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert '<details class="proposal__secretariat" open>' in html
    assert Proposal.objects.get(number=3).status == ProposalStatus.TABLED


# --- Tabling ------------------------------------------------------------------------------


def _table(client: Client, s, **data) -> object:
    fields = {
        "version": s.zero.number,
        "lang": "en",
        "delegation": s.w.delegations["a"].pk,
        "operation": "replace_text",
        "language": "en",
        "text": "",
        "passage": "",
        "occurrence": "",
        "target_ref": "",
        "new_kind": "",
        "new_number": "",
        "rationale": "",
    }
    fields.update(data)
    return client.post(_url(s) + "propose/", fields)


def test_a_member_tables_a_proposal_through_the_form(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    response = _table(
        client,
        s,
        text="The Parties respect [civilisational]{RU} diversity.",
        rationale="Closer to the Joint Vision.",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#P-4")
    proposal = Proposal.objects.get(number=4)
    assert (proposal.delegation, proposal.operation, proposal.tabled_by) == (
        s.w.delegations["a"],
        "replace_text",
        s.user("participant"),
    )
    assert proposal.text == "The Parties respect [#b1 civilisational]{RU} diversity."
    html = fetch(client, response["Location"].split("#")[0])
    assert "P-4 is tabled." in text_of(html)
    assert "Rationale: Closer to the Joint Vision." in text_of(_proposal_html(html, "P-4"))


def test_a_bracket_proposal_names_its_passage_in_the_agreed_text(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    response = _table(client, s, operation="bracket", passage="diversity")
    assert response.status_code == 302
    proposal = Proposal.objects.get(number=4)
    assert (proposal.span_start, proposal.span_end) == (20, 29)
    html = fetch(client, _url(s))
    assert "Passage to bracket: diversity" in text_of(_proposal_html(html, "P-4"))


def test_a_passage_not_in_the_text_is_refused_and_nothing_is_tabled(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    response = _table(client, s, operation="bracket", passage="unity")
    assert response.status_code == 400
    text = text_of(response.content.decode())
    assert "That passage is not in the agreed text of this provision in that language." in text
    assert Proposal.objects.count() == 3


def test_invalid_markup_is_refused_with_its_reason_and_the_input_kept(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    response = _table(client, s, text="The Parties [respect diversity.")
    assert response.status_code == 400
    html = response.content.decode()
    text = text_of(html)
    assert "Nothing was changed: please correct the fields marked below." in text
    assert "The proposed text: " in text
    assert "(line 1, column 13)" in text
    assert "The Parties [respect diversity.</textarea>" in html
    assert Proposal.objects.count() == 3


def test_a_service_refusal_without_a_field_is_shown_above_the_form(client: Client):
    s = scene()
    s.w.process.phase = "adoption"
    s.w.process.save(update_fields=["phase"])
    sign_in(client, s.user("participant"))
    response = _table(client, s, text="The Parties respect unity.")
    assert response.status_code == 409
    text = text_of(response.content.decode())
    assert (
        "Nothing was changed: The process is in its adoption phase; proposals are not taken now."
    ) in text
    assert Proposal.objects.count() == 3


@pytest.mark.parametrize("role", ["observer", "secretariat", "chair", "facilitator"])
def test_only_members_of_a_participating_delegation_table(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    assert 'id="propose"' not in fetch(client, _url(s))
    response = _table(client, s, text="The Parties respect unity.")
    assert response.status_code == 403
    assert "Only members of a participating delegation table proposals." in text_of(
        response.content.decode()
    )
    assert Proposal.objects.count() == 3


def test_a_member_cannot_table_for_another_delegation(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    response = _table(client, s, delegation=s.w.delegations["b"].pk, text="Unity.")
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Proposal.objects.count() == 3


# --- Co-sponsors and withdrawal -------------------------------------------------------------


def test_joining_and_leaving_a_proposal_keeps_the_history(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    b = s.w.delegations["b"]
    response = client.post(
        s.base + "proposals/3/join/", {"version": 1, "lang": "en", "delegation": b.pk}
    )
    assert response.status_code == 302
    assert Cosponsorship.objects.filter(proposal__number=3, delegation=b).count() == 1
    html = fetch(client, _url(s))
    assert f"{b} co-sponsors P-3." in text_of(html)
    assert f"co-sponsored by {b.party.name} (BY)" in text_of(_proposal_html(html, "P-3"))
    response = client.post(s.base + "proposals/3/leave/", {"delegation": b.pk})
    assert response.status_code == 302
    row = Cosponsorship.objects.get(proposal__number=3, delegation=b)
    assert row.withdrawn_at is not None
    item = text_of(_proposal_html(fetch(client, _url(s)), "P-3"))
    assert "co-sponsored by" not in item
    assert f"{b.party.name} (BY): joined" in item
    assert ", withdrew" in item


def test_joining_twice_is_refused_with_the_services_message(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    b = s.w.delegations["b"]
    response = client.post(s.base + "proposals/1/join/", {"delegation": b.pk})
    assert response.status_code == 409
    assert f"{b} already co-sponsors P-1." in text_of(response.content.decode())
    assert Cosponsorship.objects.filter(proposal__number=1, delegation=b).count() == 2


@pytest.mark.parametrize("role", ["observer", "secretariat", "chair", "anonymous"])
def test_only_participating_delegations_co_sponsor(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    response = client.post(s.base + "proposals/3/join/", {})
    if role == "anonymous":
        assert response.status_code == 404  # the document is for participants
        return
    assert response.status_code == 403
    assert "Only members of a participating delegation co-sponsor proposals." in text_of(
        response.content.decode()
    )
    assert not Cosponsorship.objects.filter(proposal__number=3).exists()


def test_the_proposer_withdraws_its_proposal(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    response = client.post(s.base + "proposals/3/withdraw/", {"version": 1, "lang": "en"})
    assert response.status_code == 302
    assert Proposal.objects.get(number=3).status == ProposalStatus.WITHDRAWN
    html = fetch(client, _url(s))
    assert "P-3 is withdrawn." in text_of(html)
    assert "P-3 Withdrawn Bracket a span" in text_of(html)


def test_another_delegation_cannot_withdraw_it(client: Client):
    s = scene()
    sign_in(client, s.user("other_participant"))
    assert "Withdraw P-3" not in fetch(client, _url(s))
    response = client.post(s.base + "proposals/3/withdraw/", {})
    assert response.status_code == 403
    assert "Only members of the proposing delegation may withdraw it." in text_of(
        response.content.decode()
    )
    assert Proposal.objects.get(number=3).status == ProposalStatus.TABLED


def test_withdrawing_twice_is_a_conflict(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    client.post(s.base + "proposals/3/withdraw/", {})
    response = client.post(s.base + "proposals/3/withdraw/", {})
    assert response.status_code == 409
    assert "P-3 is withdrawn, no longer tabled." in text_of(response.content.decode())


def test_unknown_proposals_and_provisions_answer_404(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    assert client.post(s.base + "proposals/99/withdraw/", {}).status_code == 404
    fetch(client, f"{s.base}provisions/00000000-0000-0000-0000-000000000000/", status=404)
    fetch(client, _url(s) + "?version=7", status=404)


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_provision_page(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    if role not in SEES_PARTICIPANT_MATERIAL:
        fetch(client, _url(s), status=404)
        return
    html = fetch(client, _url(s))
    assert "P-1" in html
    assert ('id="propose"' in html) == (role in {"participant", "other_participant"})
    assert ("Change the status" in html) == (role == "chair")


# --- Status from the provision page ------------------------------------------------------


def test_the_chair_changes_the_status_within_the_transition_table(client: Client):
    s = scene()
    sign_in(client, s.user("chair"))
    html = fetch(client, _url(s, "para1"))
    choices = html[
        html.index('name="status"') : html.index("</select>", html.index('name="status"'))
    ]
    # From "agreed in informals" the table allows these, and only these:
    assert text_of(choices) == (
        'name="status" id="id_status"> Under discussion Bracketed Agreed ad referendum Agreed'
    )
    response = client.post(
        _url(s, "para1") + "status/",
        {
            "version": 1,
            "lang": "en",
            "provision": s.provisions["para1"].uid,
            "status": "agreed",
            "note": "Adopted in plenary.",
            "subject_to": s.provisions["art2"].uid,
        },
    )
    assert response.status_code == 302
    state = ProvisionState.objects.get(provision_uid=s.provisions["para1"].uid)
    assert (state.status, state.subject_to_uid) == (
        ProvisionStatus.AGREED,
        s.provisions["art2"].uid,
    )
    text = text_of(fetch(client, _url(s, "para1")))
    assert "Article 1, paragraph 1 is now “Agreed”." in text
    assert "Agreed subject to Article 2" in text
    assert "Agreed in informals → Agreed" in text
    assert "Adopted in plenary." in text


def test_a_transition_outside_the_table_is_refused_and_changes_nothing(client: Client):
    s = scene()
    sign_in(client, s.user("chair"))
    decisions = StatusDecision.objects.count()
    response = client.post(
        _url(s, "art2") + "status/",
        {"provision": s.provisions["art2"].uid, "status": "not_discussed"},
    )
    assert response.status_code == 302  # under discussion → not discussed is allowed
    response = client.post(
        _url(s, "art2") + "status/",
        {"provision": s.provisions["art2"].uid, "status": "agreed"},
    )
    assert response.status_code == 409
    assert "A provision that is not discussed cannot become agreed directly." in text_of(
        response.content.decode()
    )
    assert StatusDecision.objects.count() == decisions + 1


@pytest.mark.parametrize("role", ["participant", "secretariat", "facilitator"])
def test_others_may_not_decide_the_status(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    response = client.post(
        _url(s, "art2") + "status/",
        {"provision": s.provisions["art2"].uid, "status": "bracketed"},
    )
    assert response.status_code == 403
    assert "Only the chair or the provision's facilitator decides its status." in said(response)
    state = ProvisionState.objects.get(provision_uid=s.provisions["art2"].uid)
    assert state.status == ProvisionStatus.UNDER_DISCUSSION


def test_the_facilitator_decides_on_its_own_provision(client: Client):
    s = scene()
    sign_in(client, s.user("facilitator"))
    assert "Change the status" in fetch(client, _url(s, "para2"))
    response = client.post(
        _url(s, "para2") + "status/",
        {"provision": s.provisions["para2"].uid, "status": "under_discussion"},
    )
    assert response.status_code == 302
    assert (
        ProvisionState.objects.get(provision_uid=s.provisions["para2"].uid).status
        == ProvisionStatus.UNDER_DISCUSSION
    )


# --- Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(("role", "expected"), [("other_participant", 23), ("secretariat", 21)])
def test_the_provision_page_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int, role: str, expected: int
):
    s = scene()
    a, b = s.w.delegations["a"], s.w.delegations["b"]
    for n in range(size):
        proposal = table_proposal(
            actor=SYSTEM,
            provision=s.provisions["art2"],
            delegation=a,
            operation="add_option",
            language="en",
            text=f"The Parties respect diversity number {n}.",
            rationale=f"Reason {n}.",
        )
        join_proposal(actor=SYSTEM, proposal=proposal, delegation=b)
    compile_text(
        actor=SYSTEM,
        base=s.zero,
        proposals=list(Proposal.objects.filter(operation="add_option")[: size // 3 + 1]),
        label="Rev.1",
    )
    assert Event.objects.exists()
    sign_in(client, s.user(role))
    with django_assert_num_queries(expected):
        html = fetch(client, _url(s) + "?version=1")
    assert f"The Parties respect diversity number {size - 1}." in html
    assert Version.objects.count() == 2
