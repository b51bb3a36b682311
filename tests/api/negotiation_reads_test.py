"""What the negotiation reads answer, and to whom.

Positions follow ADR 0006: a delegation sees its own, never another's 'own
delegation' positions; 'chair and facilitators' positions are for the chair
and the facilitators (not the secretariat); 'all participants' positions for
officers and participant delegations (not observers). Proposals are for those
who read the process's participant material. The matrix is for the chair and
the facilitators; other readers of the document are refused it (403).
"""

from __future__ import annotations

import pytest

from accord.core.actors import SYSTEM
from accord.core.enums import Visibility
from accord.documents import services as documents
from accord.negotiation.services import compilation, positions, status
from tests.api.negotiation_scene import Negotiation, negotiation, writer
from tests.factories import ROLES

pytestmark = pytest.mark.django_db

CASES = [
    pytest.param(role, via, id=f"{role}-{via}")
    for role in ROLES
    for via in (("none",) if role == "anonymous" else ("session", "token"))
]
OUTSIDE = {"anonymous", "outsider", "interested"}


def _record(n: Negotiation, key: str, article: int, stance: str, visibility: str, reason=""):
    return positions.record_position(
        actor=SYSTEM,
        delegation=n.delegation(key),
        document=n.document,
        stance=stance,
        visibility=visibility,
        provision_uid=n.articles[article - 1].uid,
        reason=reason or ("Because." if stance == "objection" else ""),
    )


def _positions(n: Negotiation) -> None:
    """Each of the two participant delegations, one position per visibility."""
    _record(n, "a", 1, "support", "delegation")
    _record(n, "a", 2, "reservation", "facilitators", "Pending capital.")
    _record(n, "a", 3, "can_live_with", "participants")
    _record(n, "b", 1, "objection", "participants", "Too vague.")
    _record(n, "b", 2, "support", "delegation")
    _record(n, "b", 3, "support", "facilitators")


POSITIONS: dict[str, set[tuple[str, int]]] = {
    "participant": {("a", 1), ("a", 2), ("a", 3), ("b", 1)},
    "other_participant": {("b", 1), ("b", 2), ("b", 3), ("a", 3)},
    "observer": set(),
    "secretariat": {("a", 3), ("b", 1)},
    "chair": {("a", 2), ("a", 3), ("b", 1), ("b", 3)},
    "facilitator": {("a", 2), ("a", 3), ("b", 1), ("b", 3)},
}
SEES_MATRIX = {"chair", "facilitator"}


def _keyed(n: Negotiation, items: list[dict]) -> set[tuple[str, int]]:
    key_of = {n.party(k): k for k in ("a", "b")}
    article_of = {str(p.uid): i + 1 for i, p in enumerate(n.articles)}
    return {(key_of[p["delegation"]["party"]], article_of[p["provision"]]) for p in items}


@pytest.mark.parametrize(("role", "via"), CASES)
def test_positions_by_role(role, via):
    n = negotiation()
    _positions(n)
    client = writer(n.world.users[role], via)
    response = client.get(f"{n.url}/positions")
    if role in OUTSIDE:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert _keyed(n, response.json()["items"]) == POSITIONS[role]
    # The same filter applies to one provision's positions.
    art1 = client.get(f"{n.url}/positions", {"provision": str(n.articles[0].uid)}).json()
    assert _keyed(n, art1["items"]) == {k for k in POSITIONS[role] if k[1] == 1}


@pytest.mark.parametrize(("role", "via"), CASES)
def test_the_matrix_is_for_the_chair_and_the_facilitators_and_shows_what_they_may_see(role, via):
    n = negotiation()
    _positions(n)
    response = writer(n.world.users[role], via).get(f"{n.url}/versions/1/matrix")
    if role in OUTSIDE:
        assert (response.status_code, response.json()) == (
            404,
            {"detail": f"There is no document {n.slug!r}, or you may not see it."},
        )
        return
    if role not in SEES_MATRIX:
        # As on the matrix page: the reader sees the document, not the matrix.
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "The position matrix is for the chair and the facilitators."},
        )
        return
    body = response.json()
    # The participants' columns: observers and interested parties take no positions.
    parties = sorted(n.party(k) for k in ("a", "b"))
    assert [d["party"] for d in body["delegations"]] == parties
    column = {k: parties.index(n.party(k)) for k in ("a", "b")}
    seen = set()
    for row, article in zip(body["rows"], (1, 2, 3), strict=True):
        assert row["provision"] == str(n.articles[article - 1].uid)
        for key in ("a", "b"):
            if row["cells"][column[key]] is not None:
                seen.add((key, article))
        assert len(row["cells"]) == len(parties)
    assert seen == POSITIONS[role]
    objection = body["rows"][0]["cells"][column["b"]]
    assert {k: objection[k] for k in ("stance", "reason", "visibility")} == {
        "stance": "objection",
        "reason": "Too vague.",
        "visibility": "participants",
    }


def test_history_shows_a_delegations_earlier_positions_only_to_those_who_saw_them():
    n = negotiation()
    _record(n, "a", 1, "support", "delegation")
    _record(n, "a", 1, "objection", "participants", "Changed our mind.")
    url = f"{n.url}/positions"
    a = writer(n.world.users["participant"])
    b = writer(n.world.users["other_participant"])
    assert [p["stance"] for p in a.get(url).json()["items"]] == ["objection"]
    assert [
        (p["stance"], p["superseded_at"] is None)
        for p in a.get(url, {"history": 1}).json()["items"]
    ] == [("support", False), ("objection", True)]
    # The earlier position was for delegation A alone; B never learns of it.
    assert [p["stance"] for p in b.get(url, {"history": "true"}).json()["items"]] == ["objection"]


def test_positions_on_a_proposal():
    n = negotiation()
    proposal = n.table("b", 2)
    positions.record_position(
        actor=SYSTEM,
        delegation=n.delegation("a"),
        document=n.document,
        stance="support",
        visibility="participants",
        proposal=proposal,
    )
    _record(n, "a", 1, "support", "participants")
    client = writer(n.world.users["other_participant"])
    items = client.get(f"{n.url}/positions", {"proposal": 1}).json()["items"]
    assert [(p["proposal"], p["provision"], p["stance"]) for p in items] == [(1, None, "support")]


# --- Proposals ---------------------------------------------------------------------------

SEES_PROPOSALS = {
    "participant",
    "other_participant",
    "observer",
    "secretariat",
    "chair",
    "facilitator",
}


@pytest.mark.parametrize("closed", [False, True], ids=["open-process", "closed-to-observers"])
@pytest.mark.parametrize(("role", "via"), CASES)
def test_proposals_on_a_public_document_by_role(role, via, closed):
    n = negotiation(
        visibility=Visibility.PUBLIC, **({"observers_see_documents": False} if closed else {})
    )
    n.table("a", 1)
    client = writer(n.world.users[role], via)
    sees = role in SEES_PROPOSALS and not (closed and role == "observer")
    listed = client.get(f"{n.url}/proposals")
    assert listed.status_code == 200
    assert [p["number"] for p in listed.json()["items"]] == ([1] if sees else [])
    single = client.get(f"{n.url}/proposals/1")
    if sees:
        assert single.status_code == 200
    else:
        assert (single.status_code, single.json()) == (
            404,
            {"detail": f"Document {n.slug!r} has no proposal P-1, or you may not see it."},
        )
    compiled = client.get(f"{n.url}/versions/1/compilation").json()["items"]
    assert [row["tabled"] for row in compiled] == ([1, 0, 0] if sees else [None] * 3)


def test_proposals_filtered_by_status_provision_and_delegation():
    n = negotiation()
    n.table("a", 1)
    n.table("b", 1)
    n.table("a", 2)
    n.table("b", 3)
    client = writer(n.world.users["participant"])
    client.send("post", f"{n.url}/proposals/3/withdraw", {})
    url = f"{n.url}/proposals"

    def numbers(**params):
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        return [p["number"] for p in response.json()["items"]]

    assert numbers() == [1, 2, 3, 4]
    assert numbers(status="tabled") == [1, 2, 4]
    assert numbers(status="withdrawn") == [3]
    assert numbers(provision=str(n.articles[0].uid)) == [1, 2]
    assert numbers(delegation=n.party("b")) == [2, 4]
    assert numbers(delegation=n.party("a"), status="tabled") == [1]
    assert numbers(delegation="nowhere") == []
    assert client.get(url, {"status": "lost"}).status_code == 422


# --- Status, dashboard, compilation ------------------------------------------------------


def test_states_and_the_dashboard():
    n = negotiation()
    art1, art2, art3 = (p.uid for p in n.articles)
    for uid, target in ((art1, "under_discussion"), (art2, "bracketed")):
        status.change_status(actor=SYSTEM, document=n.document, provision_uid=uid, status=target)
    facilitator = n.person("facilitator")
    participant = writer(n.world.users["participant"])

    states = participant.get(f"{n.url}/states").json()
    assert states["count"] == 3
    by_uid = {s["provision"]: s for s in states["items"]}
    assert by_uid[str(art3)] == {
        "provision": str(art3),
        "status": "not_discussed",
        "colour": "white",
        "facilitator": {"id": facilitator.pk, "names": facilitator.names},
        "subject_to": None,
        "revision": 0,
    }
    assert by_uid[str(art2)]["status"] == "bracketed"

    one = participant.get(f"{n.url}/states/{art1}").json()
    assert [(d["from_status"], d["to_status"]) for d in one["decisions"]] == [
        ("not_discussed", "under_discussion")
    ]
    board = participant.get(f"{n.url}/versions/1/dashboard").json()
    assert (board["version"], board["total"]) == (1, 3)
    assert board["by_status"] == {
        "not_discussed": 1,
        "under_discussion": 1,
        "bracketed": 1,
        "agreed_informals": 0,
        "agreed_ad_ref": 0,
        "agreed": 0,
    }
    assert [(p["eid"], sum(p["counts"].values())) for p in board["by_part"]] == [
        ("art_1", 1),
        ("art_2", 1),
        ("art_3", 1),
    ]
    assert [(f["facilitator"], f["counts"]["not_discussed"]) for f in board["by_facilitator"]] == [
        (None, 0),
        (facilitator.name, 1),
    ]


def test_a_provision_never_decided_on_is_not_discussed_and_an_unknown_one_is_a_404():
    n = negotiation()
    client = writer(n.world.users["participant"])
    fresh = client.get(f"{n.url}/states/{n.articles[0].uid}").json()
    assert (fresh["status"], fresh["decisions"], fresh["facilitator"]) == (
        "not_discussed",
        [],
        None,
    )
    missing = client.get(f"{n.url}/states/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404


def test_people_are_left_out_for_readers_who_may_not_see_them():
    n = negotiation(visibility=Visibility.PUBLIC)
    anonymous = writer(None)
    (art3,) = anonymous.get(f"{n.url}/states").json()["items"]
    assert art3["facilitator"] is None
    assert anonymous.get(f"{n.url}/versions/1/dashboard").json()["by_facilitator"] is None
    rows = anonymous.get(f"{n.url}/versions/1/compilation").json()["items"]
    assert [r["facilitator"] for r in rows] == [None, None, None]
    member = writer(n.world.users["observer"])
    rows = member.get(f"{n.url}/versions/1/compilation").json()["items"]
    assert [r["facilitator"] for r in rows] == [None, None, n.person("facilitator").name]


def _compiled(n: Negotiation):
    n.table("a", 1, text="States shall cooperate fully.", cosponsors=[n.delegation("b")])
    n.table("b", 1, text="States may cooperate.")
    n.table("b", 2, operation="delete")
    n.table("a", 3)
    selected = list(n.document.proposals.filter(number__in=[1, 2, 3]))
    return compilation.compile_text(actor=SYSTEM, base=n.v1, proposals=selected).version


def test_the_compilation_view_gives_each_text_as_notation_markup_clean_and_full():
    n = negotiation()
    _compiled(n)
    a, b = n.code("a"), n.code("b")
    client = writer(n.world.users["participant"])
    body = client.get(f"{n.url}/versions/2/compilation").json()
    assert (body["count"], body["page_size"]) == (3, 500)
    art1, art2, art3 = body["items"]
    assert {k: art1[k] for k in ("eid", "status", "colour", "tabled", "parent", "depth")} == {
        "eid": "art_1",
        "status": "not_discussed",
        "colour": "white",
        "tabled": 0,
        "parent": None,
        "depth": 0,
    }
    # P-4 was not compiled: it is still tabled on article 3.
    assert art3["tabled"] == 1
    assert art1["texts"]["en"] == {
        "heading": "Article 1",
        "notation": (
            "{{#s1 #o1 Alt 1: States shall cooperate in area 1. "
            f"|| #o2 Alt 2 ({a}, {b}): States shall cooperate fully. "
            f"|| #o3 Alt 3 ({b}): States may cooperate.}}}}"
        ),
        "markup": {
            "v": 1,
            "content": [
                {
                    "type": "options",
                    "id": "s1",
                    "options": [
                        {
                            "id": "o1",
                            "label": "Alt 1",
                            "attribution": [],
                            "content": ["States shall cooperate in area 1."],
                        },
                        {
                            "id": "o2",
                            "label": "Alt 2",
                            "attribution": [a, b],
                            "content": ["States shall cooperate fully."],
                        },
                        {
                            "id": "o3",
                            "label": "Alt 3",
                            "attribution": [b],
                            "content": ["States may cooperate."],
                        },
                    ],
                }
            ],
        },
        "clean": "",
        "full": (
            "{Alt 1: States shall cooperate in area 1. / "
            f"Alt 2 ({a}, {b}): States shall cooperate fully. / "
            f"Alt 3 ({b}): States may cooperate.}}"
        ),
        "source_version": 2,
        "revision": 1,
    }
    deleted = art2["texts"]["en"]
    assert (deleted["clean"], deleted["full"]) == (
        "",
        f"[States shall cooperate in area 2.] ({b}: delete)",
    )
    # Texts without markup are given as they are, in every view.
    ru = art2["texts"]["ru"]
    assert ru["notation"] == ru["clean"] == ru["full"] == "Государства сотрудничают в области 2."
    assert ru["markup"] == {"v": 1, "content": ["Государства сотрудничают в области 2."]}
    assert ru["source_version"] == 1

    only_ru = client.get(f"{n.url}/versions/2/compilation", {"lang": "ru"}).json()["items"]
    assert [sorted(row["texts"]) for row in only_ru] == [["ru"], ["ru"], ["ru"]]
    assert client.get(f"{n.url}/versions/2/compilation", {"lang": "xx"}).status_code == 422


def test_the_compilation_view_of_a_working_copy_is_for_those_who_see_it():
    n = negotiation()
    n.working_copy()
    url = f"{n.url}/versions/2/compilation"
    assert writer(n.world.users["secretariat"]).get(url).status_code == 200
    assert writer(n.world.users["participant"]).get(url).status_code == 404


# --- Redline -----------------------------------------------------------------------------


def test_the_redline_aligns_provisions_by_identity_and_diffs_words():
    n = negotiation()
    working = n.working_copy()
    art1, art2, art3 = (working.provisions.get(uid=p.uid) for p in n.articles)
    documents.set_text(
        actor=SYSTEM,
        provision=art1,
        language="en",
        heading="Article 1",
        text=f"States shall [fully]{{{n.code('a')}}} cooperate in area 1.",
    )
    documents.remove_provision(actor=SYSTEM, provision=art2)
    documents.move_provision(actor=SYSTEM, provision=art3, parent=None, number="2")
    documents.publish_version(actor=SYSTEM, version=working, label="Rev.1")

    client = writer(n.world.users["participant"])
    body = client.get(f"{n.url}/redline", {"from": 1, "to": 2, "lang": "en"}).json()
    assert (body["from_version"], body["to_version"], body["view"], body["changed"]) == (
        1,
        2,
        "full",
        True,
    )
    assert body["counts"] == {
        "inserted": 0,
        "deleted": 1,
        "changed": 1,
        "moved": 0,
        "renumbered": 1,
        "retyped": 0,
    }
    rows = {p["uid"]: p for p in body["provisions"]}
    first = rows[str(art1.uid)]
    assert first["changes"] == ["changed"]
    (text,) = first["texts"]
    assert text["language"] == "en"
    assert text["text"] == [
        {"op": "equal", "text": "States shall"},
        {"op": "insert", "text": f" [fully] ({n.code('a')})"},
        {"op": "equal", "text": " cooperate in area 1."},
    ]
    assert rows[str(art2.uid)]["changes"] == ["deleted"]
    assert (rows[str(art3.uid)]["changes"], rows[str(art3.uid)]["old_number"]) == (
        ["renumbered"],
        "3",
    )

    clean = client.get(f"{n.url}/redline", {"from": 1, "to": 2, "lang": "en", "view": "clean"})
    (clean_text,) = {p["uid"]: p for p in clean.json()["provisions"]}[str(art1.uid)]["texts"]
    assert clean_text["status"] == "unchanged"
    notation = client.get(f"{n.url}/redline", {"from": 1, "to": 2, "view": "notation"}).json()
    inserted = [
        s["text"]
        for p in notation["provisions"]
        for t in p["texts"]
        for s in t["text"]
        if s["op"] == "insert"
    ]
    assert inserted == [f" [#b1 fully]{{{n.code('a')}}}"]


def test_the_redline_needs_both_versions_visible_and_known_parameters():
    n = negotiation()
    n.working_copy()
    participant = writer(n.world.users["participant"])
    url = f"{n.url}/redline"
    hidden = participant.get(url, {"from": 1, "to": 2})
    assert (hidden.status_code, hidden.json()) == (
        404,
        {"detail": f"Document {n.slug!r} has no version 2, or you may not see it."},
    )
    assert writer(n.world.users["secretariat"]).get(url, {"from": 1, "to": 2}).status_code == 200
    assert participant.get(url, {"from": 1}).status_code == 422
    assert participant.get(url, {"from": 1, "to": 1, "view": "html"}).status_code == 422
    same = participant.get(url, {"from": 1, "to": 1}).json()
    assert (same["changed"], len(same["provisions"])) == (False, 3)
