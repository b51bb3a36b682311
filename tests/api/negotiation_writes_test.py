"""What the negotiation and text writes answer, and how they refuse bad input:
invalid markup with its line and column, a stale revision with the current
text, states that forbid the action. A refused write changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accord.core.actors import SYSTEM
from accord.documents import services as documents
from accord.negotiation.models import Proposal
from accord.negotiation.services import positions
from tests.api.negotiation_scene import fingerprint, negotiation, writer

pytestmark = pytest.mark.django_db


def _proposal(n, **overrides):
    body = {
        "version": 1,
        "provision": str(n.articles[0].uid),
        "delegation": n.party("a"),
        "operation": "replace_text",
        "text": "States shall cooperate.",
    }
    return {**body, **overrides}


# --- Proposals ---------------------------------------------------------------------------


def test_tabling_a_proposal_answers_it_in_canonical_notation():
    n = negotiation()
    a = writer(n.world.users["participant"])
    response = a.send(
        "post",
        f"{n.url}/proposals",
        _proposal(
            n,
            text=f"States [shall]{{ {n.code('a')} }} cooperate.",
            rationale="  Firmer.  ",
            cosponsors=[n.party("b")],
        ),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    tabled_at = body.pop("tabled_at")
    assert dt.datetime.fromisoformat(tabled_at) <= timezone.now()
    assert body == {
        "number": 1,
        "label": "P-1",
        "version": 1,
        "provision": str(n.articles[0].uid),
        "provision_eid": "art_1",
        "delegation": {"party": n.party("a"), "code": n.code("a")},
        "cosponsors": [{"party": n.party("b"), "code": n.code("b")}],
        "operation": "replace_text",
        "language": "en",
        "text": f"States [#b1 shall]{{{n.code('a')}}} cooperate.",
        "new_kind": None,
        "new_number": "",
        "span": None,
        "target_ref": "",
        "rationale": "Firmer.",
        "status": "tabled",
        "status_reason": "",
        "incorporated_in": None,
    }
    assert a.get(f"{n.url}/proposals/1").json()["cosponsorships"][0]["delegation"] == {
        "party": n.party("b"),
        "code": n.code("b"),
    }


def test_a_bracketing_proposal_names_its_span():
    n = negotiation()
    a = writer(n.world.users["participant"])
    response = a.send(
        "post",
        f"{n.url}/proposals",
        _proposal(n, operation="bracket", text="", span=[7, 12], language="en"),
    )
    assert response.status_code == 201, response.content
    assert (response.json()["span"], response.json()["text"]) == ([7, 12], "")


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        (
            "States [shall cooperate.",
            "The proposed text: This '[' is never closed by a matching ']'. (line 1, column 8)",
        ),
        (
            "States shall\ncooperate {{Alt 1: fully}}.",
            "The proposed text: An option set needs at least two options; this one has one. "
            "(line 2, column 11)",
        ),
        (
            "States [shall]{XX} cooperate.",
            "The proposed text: Unknown delegation 'XX'; known: {codes}. (line 1, column 16)",
        ),
    ],
    ids=["unclosed", "one-option", "unknown-delegation"],
)
def test_invalid_markup_in_a_proposal_is_a_400_with_its_position(text, detail):
    n = negotiation()
    codes = ", ".join(sorted(n.code(key) for key in ("a", "b", "obs", "int")))
    a = writer(n.world.users["participant"])
    before = fingerprint()
    response = a.send("post", f"{n.url}/proposals", _proposal(n, text=text))
    assert (response.status_code, response.json()) == (
        400,
        {"detail": detail.replace("{codes}", codes)},
    )
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("overrides", "detail"),
    [
        ({"delegation": "nowhere"}, "There is no delegation of 'nowhere' in this process."),
        (
            {"provision": "00000000-0000-0000-0000-000000000000"},
            "Version 1 has no provision 00000000-0000-0000-0000-000000000000.",
        ),
        ({"language": "fr"}, "'fr' is not an authentic language of this document."),
        ({"operation": "delete", "text": "Some text"}, "This operation takes no text."),
        ({"cosponsors": ["nowhere"]}, "There is no delegation of 'nowhere' in this process."),
    ],
    ids=["delegation", "provision", "language", "text-on-delete", "cosponsor"],
)
def test_bad_references_in_a_proposal_are_a_400(overrides, detail):
    n = negotiation()
    a = writer(n.world.users["participant"])
    before = fingerprint()
    response = a.send("post", f"{n.url}/proposals", _proposal(n, **overrides))
    assert (response.status_code, response.json()) == (400, {"detail": detail})
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("overrides", "loc"),
    [
        ({"operation": "rewrite"}, ["body", "body", "operation"]),
        ({"provision": "article-1"}, ["body", "body", "provision"]),
        ({"span": [5]}, ["body", "body", "span"]),
    ],
)
def test_a_body_of_the_wrong_shape_is_a_422(overrides, loc):
    n = negotiation()
    response = writer(n.world.users["participant"]).send(
        "post", f"{n.url}/proposals", _proposal(n, **overrides)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:3] == loc


def test_a_working_copy_takes_no_proposals_and_a_closed_version_none_either():
    n = negotiation()
    n.working_copy()
    a = writer(n.world.users["participant"])
    secretariat = writer(n.world.users["secretariat"])
    # The participant does not see the working copy at all.
    assert a.send("post", f"{n.url}/proposals", _proposal(n, version=2)).status_code == 404

    past = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    set_deadline = secretariat.send(
        "put", f"{n.url}/versions/1/proposals-deadline", {"deadline": past}
    )
    assert set_deadline.status_code == 200
    assert set_deadline.json()["proposals_deadline"] is not None
    late = a.send("post", f"{n.url}/proposals", _proposal(n))
    assert late.status_code == 409
    assert late.json()["detail"].startswith("The deadline for proposals on Zero draft passed at ")

    lifted = secretariat.send("put", f"{n.url}/versions/1/proposals-deadline", {"deadline": None})
    assert lifted.json()["proposals_deadline"] is None
    assert a.send("post", f"{n.url}/proposals", _proposal(n)).status_code == 201


def test_a_deadline_without_a_time_zone_is_refused():
    n = negotiation()
    response = writer(n.world.users["secretariat"]).send(
        "put", f"{n.url}/versions/1/proposals-deadline", {"deadline": "2030-01-15T18:00:00"}
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "The deadline must carry a time zone."},
    )


def test_withdrawing_twice_is_a_conflict():
    n = negotiation()
    n.table("a", 1)
    a = writer(n.world.users["participant"])
    first = a.send("post", f"{n.url}/proposals/1/withdraw", {"reason": "Overtaken."})
    assert (first.status_code, first.json()["status"], first.json()["status_reason"]) == (
        200,
        "withdrawn",
        "Overtaken.",
    )
    before = fingerprint()
    again = a.send("post", f"{n.url}/proposals/1/withdraw", {})
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "P-1 is withdrawn, no longer tabled."},
    )
    assert fingerprint() == before


def test_not_retaining_needs_a_reason():
    n = negotiation()
    n.table("a", 1)
    secretariat = writer(n.world.users["secretariat"])
    blank = secretariat.send("post", f"{n.url}/proposals/1/not-retained", {"reason": "  "})
    assert (blank.status_code, blank.json()) == (
        400,
        {"detail": "Say why the proposal is not retained."},
    )
    missing = secretariat.send("post", f"{n.url}/proposals/1/not-retained", {})
    assert missing.status_code == 422
    done = secretariat.send("post", f"{n.url}/proposals/1/not-retained", {"reason": "Late."})
    assert (done.json()["status"], done.json()["status_reason"]) == ("not_retained", "Late.")


def test_cosponsors_join_and_leave_and_the_history_stays():
    n = negotiation()
    n.table("a", 1)
    b = writer(n.world.users["other_participant"])
    joined = b.send("post", f"{n.url}/proposals/1/cosponsors", {"delegation": n.party("b")})
    assert joined.status_code == 201
    assert joined.json()["delegation"] == {"party": n.party("b"), "code": n.code("b")}
    assert joined.json()["withdrawn_at"] is None
    twice = b.send("post", f"{n.url}/proposals/1/cosponsors", {"delegation": n.party("b")})
    assert twice.status_code == 409
    assert twice.json()["detail"].endswith("already co-sponsors P-1.")

    left = b.send("delete", f"{n.url}/proposals/1/cosponsors/{n.party('b')}")
    assert left.status_code == 200
    assert left.json()["withdrawn_at"] is not None
    proposal = b.get(f"{n.url}/proposals/1").json()
    assert proposal["cosponsors"] == []
    assert [(c["delegation"]["party"], c["withdrawn_at"]) for c in proposal["cosponsorships"]] == [
        (n.party("b"), left.json()["withdrawn_at"])
    ]
    again = b.send("delete", f"{n.url}/proposals/1/cosponsors/{n.party('b')}")
    assert again.status_code == 409
    assert again.json()["detail"].endswith("does not co-sponsor P-1.")


def test_a_delegation_cannot_cosponsor_its_own_proposal():
    n = negotiation()
    n.table("a", 1)
    response = writer(n.world.users["participant"]).send(
        "post", f"{n.url}/proposals/1/cosponsors", {"delegation": n.party("a")}
    )
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "A delegation cannot co-sponsor its own proposal."},
    )


def test_compiling_incorporates_proposals_and_each_one_traces_to_its_option():
    n = negotiation()
    n.table("a", 1, text="States shall cooperate fully.", cosponsors=[n.delegation("b")])
    n.table("b", 1, text="States may cooperate.")
    n.table("b", 2, operation="delete")
    secretariat = writer(n.world.users["secretariat"])
    response = secretariat.send(
        "post", f"{n.url}/versions/1/compile", {"proposals": [1, 2, 3], "label": "Rev.1"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["version"]["number"], body["version"]["label"], body["version"]["base"]) == (
        2,
        "Rev.1",
        1,
    )
    assert body["version"]["status"] == "published"
    art1, art2 = str(n.articles[0].uid), str(n.articles[1].uid)
    assert body["incorporated"] == [
        {"number": 1, "provision": art1, "ref": "o2"},
        {"number": 2, "provision": art1, "ref": "o3"},
        {"number": 3, "provision": art2, "ref": "b1"},
    ]
    assert body["not_applied"] == []

    a = writer(n.world.users["participant"])
    p1 = a.get(f"{n.url}/proposals/1").json()
    assert (p1["status"], p1["incorporated_in"]) == ("incorporated", 2)
    assert p1["incorporation"] == {
        "version": 2,
        "version_label": "Rev.1",
        "provision": art1,
        "eid": "art_1",
        "ref": "o2",
        "carrier": {
            "kind": "option",
            "id": "o2",
            "label": "Alt 2",
            "attribution": [n.code("a"), n.code("b")],
            "deletion": False,
            "text": "States shall cooperate fully.",
        },
    }
    p3 = a.get(f"{n.url}/proposals/3").json()["incorporation"]["carrier"]
    assert (p3["kind"], p3["deletion"], p3["attribution"], p3["text"]) == (
        "bracket",
        True,
        [n.code("b")],
        "States shall cooperate in area 2.",
    )

    before = fingerprint()
    again = secretariat.send("post", f"{n.url}/versions/1/compile", {"proposals": [1]})
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "No longer tabled: P-1. Reload and select again."},
    )
    unknown = secretariat.send("post", f"{n.url}/versions/1/compile", {"proposals": [7, 9]})
    assert (unknown.status_code, unknown.json()) == (
        400,
        {"detail": "No such proposal on this document: P-7, P-9."},
    )
    empty = secretariat.send("post", f"{n.url}/versions/1/compile", {"proposals": []})
    assert empty.status_code == 422
    assert fingerprint() == before


def test_a_proposal_the_compilation_could_not_apply_stays_tabled_with_the_reason():
    n = negotiation()
    # "States shall cooperate in area 1.": two brackets that cross each other.
    n.table("a", 1, operation="bracket", text="", span=(0, 12))
    n.table("b", 1, operation="bracket", text="", span=(7, 22))
    response = writer(n.world.users["secretariat"]).send(
        "post", f"{n.url}/versions/1/compile", {"proposals": [1, 2]}
    )
    assert response.status_code == 201
    body = response.json()
    # Which of the two the compilation keeps is its own business; the other
    # stays tabled, with the reason in the answer and on the proposal.
    ((kept,), (left,)) = (body["incorporated"], body["not_applied"])
    assert {kept["number"], left["number"]} == {1, 2}
    assert left["reason"].startswith("Could not be applied in Compilation text: its span crosses")
    proposal = Proposal.objects.get(document=n.document, number=left["number"])
    assert (proposal.status, proposal.status_reason) == ("tabled", left["reason"])


# --- Positions and status ----------------------------------------------------------------


def _position(n, **overrides):
    body = {
        "delegation": n.party("a"),
        "stance": "support",
        "visibility": "participants",
        "provision": str(n.articles[0].uid),
    }
    return {**body, **overrides}


def test_a_position_replaces_the_delegations_previous_one():
    n = negotiation()
    a = writer(n.world.users["participant"])
    first = a.send("post", f"{n.url}/positions", _position(n))
    assert first.status_code == 201
    second = a.send(
        "post",
        f"{n.url}/positions",
        _position(n, stance="reservation", reason="Pending capital.", visibility="delegation"),
    )
    assert second.status_code == 201
    body = second.json()
    assert {k: body[k] for k in ("delegation", "provision", "proposal", "stance", "reason")} == {
        "delegation": {"party": n.party("a"), "code": n.code("a")},
        "provision": str(n.articles[0].uid),
        "proposal": None,
        "stance": "reservation",
        "reason": "Pending capital.",
    }
    history = a.get(f"{n.url}/positions", {"history": 1}).json()["items"]
    assert [(p["stance"], p["superseded_at"] is None) for p in history] == [
        ("support", False),
        ("reservation", True),
    ]


def test_a_position_on_a_proposal():
    n = negotiation()
    n.table("b", 2)
    response = writer(n.world.users["participant"]).send(
        "post", f"{n.url}/positions", _position(n, provision=None, proposal=1)
    )
    assert response.status_code == 201
    assert (response.json()["provision"], response.json()["proposal"]) == (None, 1)


@pytest.mark.parametrize(
    ("overrides", "detail"),
    [
        ({"stance": "objection"}, "An objection needs a written reason."),
        ({"proposal": 1}, "Take a position on a provision or on a proposal."),
        ({"provision": None}, "Take a position on a provision or on a proposal."),
        ({"provision": None, "proposal": 5}, "No such proposal on this document: P-5."),
        (
            {"provision": "00000000-0000-0000-0000-000000000000"},
            "No such provision in this document.",
        ),
    ],
    ids=["objection-without-reason", "both", "neither", "unknown-proposal", "unknown-provision"],
)
def test_invalid_positions_are_a_400_and_change_nothing(overrides, detail):
    n = negotiation()
    n.table("b", 2)
    a = writer(n.world.users["participant"])
    before = fingerprint()
    response = a.send("post", f"{n.url}/positions", _position(n, **overrides))
    assert (response.status_code, response.json()) == (400, {"detail": detail})
    assert fingerprint() == before


def test_agreeing_over_an_objection_needs_the_chairs_override():
    n = negotiation()
    uid = n.articles[0].uid
    positions.record_position(
        actor=SYSTEM,
        delegation=n.delegation("b"),
        document=n.document,
        stance="objection",
        visibility="delegation",
        provision_uid=uid,
        reason="Unacceptable.",
    )
    chair = writer(n.world.users["chair"])
    url = f"{n.url}/states/{uid}/status"
    assert chair.send("post", url, {"status": "under_discussion"}).status_code == 200
    before = fingerprint()
    refused = chair.send("post", url, {"status": "agreed"})
    assert (refused.status_code, refused.json()) == (
        409,
        {
            "detail": f"An objection stands ({n.code('b')}); the chair may agree the provision "
            "only with a recorded override and its reason."
        },
    )
    jump = chair.send("post", url, {"status": "not_discussed", "override_reason": "x"})
    assert jump.status_code == 400
    assert fingerprint() == before

    agreed = chair.send(
        "post", url, {"status": "agreed", "override_reason": "Consensus of all others."}
    )
    assert agreed.status_code == 200
    assert {k: agreed.json()[k] for k in ("provision", "status", "colour", "revision")} == {
        "provision": str(uid),
        "status": "agreed",
        "colour": "green",
        "revision": 2,
    }
    decisions = chair.get(f"{n.url}/states/{uid}").json()["decisions"]
    assert [(d["from_status"], d["to_status"], d["override_reason"]) for d in decisions] == [
        ("not_discussed", "under_discussion", ""),
        ("under_discussion", "agreed", "Consensus of all others."),
    ]


def test_a_transition_the_table_does_not_allow_is_a_conflict():
    n = negotiation()
    uid = n.articles[0].uid
    response = writer(n.world.users["chair"]).send(
        "post", f"{n.url}/states/{uid}/status", {"status": "agreed"}
    )
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "A provision that is not discussed cannot become agreed directly."},
    )


def test_an_agreement_subject_to_another_provision():
    n = negotiation()
    art1, art2 = n.articles[0].uid, n.articles[1].uid
    chair = writer(n.world.users["chair"])
    chair.send("post", f"{n.url}/states/{art1}/status", {"status": "under_discussion"})
    response = chair.send(
        "post",
        f"{n.url}/states/{art1}/status",
        {"status": "agreed_ad_ref", "subject_to": str(art2), "note": "Subject to Article 2."},
    )
    assert response.status_code == 200
    assert (response.json()["subject_to"], response.json()["colour"]) == (str(art2), "green")


def test_assigning_a_facilitator_and_taking_the_provisions_back():
    n = negotiation()
    person = n.person("facilitator")
    secretariat = writer(n.world.users["secretariat"])
    uids = [str(n.articles[0].uid), str(n.articles[1].uid)]
    given = secretariat.send(
        "post", f"{n.url}/facilitators", {"provisions": uids, "facilitator": person.pk}
    )
    assert given.status_code == 200
    assert [(s["provision"], s["facilitator"]) for s in given.json()] == [
        (uid, {"id": person.pk, "names": person.names}) for uid in uids
    ]
    back = secretariat.send(
        "post", f"{n.url}/facilitators", {"provisions": uids[:1], "facilitator": None}
    )
    assert [s["facilitator"] for s in back.json()] == [None]

    chair = n.person("chair")
    not_one = secretariat.send(
        "post", f"{n.url}/facilitators", {"provisions": uids, "facilitator": chair.pk}
    )
    assert (not_one.status_code, not_one.json()) == (
        400,
        {"detail": f"{chair} is not a facilitator of this process."},
    )
    nobody = secretariat.send(
        "post", f"{n.url}/facilitators", {"provisions": uids, "facilitator": 999_999}
    )
    assert (nobody.status_code, nobody.json()) == (
        400,
        {"detail": "Person 999999 is not an officer of this process."},
    )


# --- The text of a working copy ----------------------------------------------------------


def test_setting_a_text_with_the_revision_read_and_then_with_a_stale_one():
    n = negotiation()
    n.working_copy()
    uid = n.articles[0].uid
    url = f"{n.url}/versions/2/provisions/{uid}/texts/en"
    pen_holder = writer(n.world.users["secretariat"])
    other = writer(n.world.users["secretariat"], "session")

    written = pen_holder.send(
        "put",
        url,
        {
            "heading": "Cooperation",
            "text": f"States [shall]{{ {n.code('a')} }} cooperate.",
            "expected_revision": 1,
        },
    )
    assert (written.status_code, written.json()) == (
        200,
        {
            "language": "en",
            "heading": "Cooperation",
            "text": f"States [#b1 shall]{{{n.code('a')}}} cooperate.",
            "source_version": 2,
            "revision": 2,
        },
    )
    before = fingerprint()
    stale = other.send("put", url, {"text": "States may cooperate.", "expected_revision": 1})
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": "The en text changed since you read it (now revision 2): "
        f"States [#b1 shall]{{{n.code('a')}}} cooperate.",
        "current": written.json(),
    }
    assert fingerprint() == before
    retried = other.send("put", url, {"text": "States may cooperate.", "expected_revision": 2})
    assert (retried.status_code, retried.json()["revision"]) == (200, 3)


def test_a_text_without_a_previous_one_expects_revision_zero():
    n = negotiation()
    n.working_copy()
    secretariat = writer(n.world.users["secretariat"])
    added = secretariat.send(
        "post", f"{n.url}/versions/2/provisions", {"kind": "article", "number": "4"}
    )
    uid = added.json()["uid"]
    url = f"{n.url}/versions/2/provisions/{uid}/texts/ru"
    stale = secretariat.send("put", url, {"text": "Текст.", "expected_revision": 3})
    assert stale.status_code == 409
    assert stale.json()["current"] is None
    fresh = secretariat.send(
        "put", url, {"text": "Текст.", "expected_revision": 0, "source_version": 1}
    )
    assert fresh.status_code == 200
    assert (fresh.json()["revision"], fresh.json()["source_version"]) == (1, 1)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        (
            "States shall\ncooperate [fully.",
            "The en text has invalid negotiation markup: This '[' is never closed by a "
            "matching ']'. (line 2, column 11)",
        ),
        (
            "States [shall] {RU} cooperate.",
            "The en text has invalid negotiation markup: This '{' starts nothing: an "
            "attribution follows ']' directly, an option set starts with '{{'; write '\\{' "
            "for a literal brace. (line 1, column 16)",
        ),
    ],
    ids=["unclosed", "stray-brace"],
)
def test_invalid_markup_in_a_text_is_a_400_with_its_position(text, detail):
    n = negotiation()
    n.working_copy()
    url = f"{n.url}/versions/2/provisions/{n.articles[0].uid}/texts/en"
    secretariat = writer(n.world.users["secretariat"])
    before = fingerprint()
    response = secretariat.send("put", url, {"text": text, "expected_revision": 1})
    assert (response.status_code, response.json()) == (400, {"detail": detail})
    assert fingerprint() == before


def test_a_published_version_does_not_change_and_the_409_says_what_it_holds():
    n = negotiation()
    url = f"{n.url}/versions/1/provisions/{n.articles[0].uid}/texts/en"
    response = writer(n.world.users["secretariat"]).send("put", url, {"text": "Changed."})
    assert response.status_code == 409
    assert response.json()["detail"] == "Zero draft is published and can no longer change."
    assert response.json()["current"]["text"] == "States shall cooperate in area 1."


def test_building_publishing_and_reopening_a_text():
    n = negotiation()
    secretariat = writer(n.world.users["secretariat"])
    opened = secretariat.send("post", f"{n.url}/versions", {"label": "Rev.1"})
    assert opened.status_code == 201
    assert {k: opened.json()[k] for k in ("number", "label", "status", "base")} == {
        "number": 2,
        "label": "Rev.1",
        "status": "working",
        "base": 1,
    }
    twice = secretariat.send("post", f"{n.url}/versions", {"label": "Rev.2"})
    assert (twice.status_code, twice.json()) == (
        409,
        {"detail": "This document already has a working copy; publish it first."},
    )

    art1, art2, art3 = (str(p.uid) for p in n.articles)
    added = secretariat.send(
        "post",
        f"{n.url}/versions/2/provisions",
        {
            "kind": "paragraph",
            "number": "1",
            "parent": art1,
            "texts": {"en": {"text": "[Each State] shall report."}, "ru": {"text": "Доклад."}},
        },
    )
    assert added.status_code == 201, added.content
    para = added.json()
    assert {k: para[k] for k in ("eid", "kind", "number", "parent", "depth")} == {
        "eid": "art_1__para_1",
        "kind": "paragraph",
        "number": "1",
        "parent": art1,
        "depth": 1,
    }
    assert para["texts"]["en"]["text"] == "[#b1 Each State] shall report."
    assert para["texts"]["en"]["revision"] == 1

    clash = secretariat.send(
        "post", f"{n.url}/versions/2/provisions/{art3}/move", {"after": art1, "number": "2"}
    )
    assert (clash.status_code, clash.json()) == (
        400,
        {
            "detail": "Two provisions would share the identifier art_2: "
            "give article 2 another number."
        },
    )
    removed = secretariat.send("delete", f"{n.url}/versions/2/provisions/{art2}")
    assert (removed.status_code, removed.content) == (204, b"")
    gone = secretariat.send("delete", f"{n.url}/versions/2/provisions/{art2}")
    assert (gone.status_code, gone.json()) == (
        404,
        {"detail": f"Version 2 has no provision {art2}."},
    )
    moved = secretariat.send(
        "post", f"{n.url}/versions/2/provisions/{art3}/move", {"after": art1, "number": "2"}
    )
    assert moved.status_code == 200, moved.content
    assert (moved.json()["uid"], moved.json()["eid"], moved.json()["number"]) == (
        art3,
        "art_2",
        "2",
    )
    inside_itself = secretariat.send(
        "post", f"{n.url}/versions/2/provisions/{art1}/move", {"parent": para["uid"]}
    )
    assert inside_itself.status_code == 400

    published = secretariat.send("post", f"{n.url}/versions/2/publish", {"label": "Rev.1 final"})
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert published.json()["label"] == "Rev.1 final"
    assert len(published.json()["content_hash"]) == 64
    again = secretariat.send("post", f"{n.url}/versions/2/publish", {})
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "Rev.1 final is published and can no longer change."},
    )
    listed = secretariat.get(f"{n.url}/versions/2/provisions").json()["items"]
    assert [(p["eid"], p["number"]) for p in listed] == [
        ("art_1", "1"),
        ("art_1__para_1", "1"),
        ("art_2", "2"),
    ]


def test_a_delegation_edits_its_own_internal_document():
    n = negotiation()
    internal = documents.create_document(
        actor=SYSTEM,
        process=n.world.process,
        kind="note",
        title={"en": "Our line"},
        authentic_languages=["en"],
        working_language="en",
        visibility="delegation",
        owner_delegation=n.delegation("a"),
        slug=f"{n.world.process.slug}-our-line",
    )
    url = f"/api/v1/documents/{internal.slug}/versions/1/provisions"
    body = {"kind": "paragraph", "texts": {"en": {"text": "Hold firm."}}}
    assert writer(n.world.users["participant"]).send("post", url, body).status_code == 201
    # Not even the secretariat sees another delegation's internal material.
    assert writer(n.world.users["secretariat"]).send("post", url, body).status_code == 404


def test_a_write_without_credentials_is_a_401_that_says_how_to_authenticate():
    n = negotiation()
    response = writer(None).send("post", f"{n.url}/proposals", _proposal(n))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "detail": "Sign in, or send 'Authorization: Bearer <token>', to change anything."
    }


def test_a_dead_token_on_a_write_is_a_401_too():
    n = negotiation()
    client = writer(None)
    client.headers["Authorization"] = "Bearer acc_revoked-or-unknown"
    response = client.send("post", f"{n.url}/proposals", _proposal(n))
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token is unknown or has been revoked."}
