# Russian texts: their Cyrillic letters are meant.
"""The demo negotiation on the charter draft: the proposals of the five
delegations, the compilation text built from them, the revision started
from it, positions with their visibility, the facilitator and the status of
each provision; and that loading again adds only what is missing."""

from __future__ import annotations

import pytest

from accord.accounts.models import User
from accord.core.actors import SYSTEM
from accord.core.errors import Conflict
from accord.demo.loader import load_demo
from accord.documents import services as documents
from accord.documents.models import Document, Provision, Version
from accord.negotiation import markup
from accord.negotiation.models import Position, Proposal, ProvisionState
from accord.negotiation.selectors import dashboard, visible_positions
from accord.negotiation.services.proposals import table_proposal
from accord.negotiation.services.status import change_status
from accord.processes.models import Delegation
from accord.record.audit import verify_chain
from accord.record.models import Event

CODES = frozenset({"BY", "RU", "KP", "IR", "MM", "OBSERVERSTAT"})


@pytest.fixture
def charter(demo) -> Document:
    return Document.objects.get(slug="eurasian-charter-draft")


def _version(charter: Document, label: str) -> Version:
    return charter.versions.get(label=label)


def _text(version: Version, eid: str, language: str) -> markup.Markup:
    provision = version.provisions.get(eid=eid)
    return markup.parse(provision.texts.get(language=language).text, delegations=CODES)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def test_the_five_delegations_tabled_proposals_of_every_kind_in_both_languages(charter):
    rows = [
        (p.number, p.delegation.code, p.operation, p.language, p.version.label, p.status)
        for p in Proposal.objects.filter(document=charter).select_related(
            "delegation__party", "version"
        )
    ]
    z, c = "Zero draft", "Compilation text"
    assert rows == [
        (1, "RU", "replace_text", "ru", z, "incorporated"),
        (2, "RU", "replace_text", "en", z, "incorporated"),
        (3, "IR", "replace_text", "ru", z, "incorporated"),
        (4, "IR", "replace_text", "en", z, "incorporated"),
        (5, "KP", "add_option", "ru", z, "incorporated"),
        (6, "KP", "add_option", "en", z, "incorporated"),
        (7, "MM", "bracket", "ru", z, "incorporated"),
        (8, "MM", "bracket", "en", z, "incorporated"),
        (9, "IR", "delete", "ru", z, "incorporated"),
        (10, "IR", "delete", "en", z, "incorporated"),
        (11, "BY", "insert_after", "ru", z, "incorporated"),
        (12, "KP", "replace_text", "ru", z, "withdrawn"),
        (13, "KP", "replace_text", "en", z, "withdrawn"),
        (14, "IR", "replace_text", "ru", z, "not_retained"),
        (15, "IR", "replace_text", "en", z, "not_retained"),
        (16, "RU", "remove_brackets", "ru", c, "tabled"),
        (17, "RU", "remove_brackets", "en", c, "tabled"),
    ]
    by_number = {p.number: p for p in Proposal.objects.filter(document=charter)}
    # Tabled by the heads of delegation themselves.
    assert {p.tabled_by.username for p in by_number.values()} == {
        "ru-head",
        "ir-head",
        "kp-head",
        "mm-head",
        "by-head",
    }
    assert by_number[13].status_reason.startswith("Withdrawn after informal consultations")
    assert by_number[12].status_reason.startswith("Отозвано")
    assert "final clauses" in by_number[15].status_reason
    assert by_number[11].new_number == "3."
    assert (by_number[7].span_start, by_number[7].span_end) == (45, 57)
    assert by_number[8].span_end - by_number[8].span_start == len("security")
    assert all(p.rationale for p in by_number.values())


def test_co_sponsors_joined_and_one_withdrew_its_co_sponsorship(charter):
    rows = {
        (p.number, row.delegation.code, row.withdrawn_at is not None)
        for p in Proposal.objects.filter(document=charter)
        for row in p.cosponsorships.select_related("delegation__party")
    }
    assert rows == {
        (1, "BY", False),
        (2, "BY", False),
        (3, "KP", True),
        (4, "KP", True),
        (11, "RU", False),
    }
    kinds = list(
        Event.objects.filter(kind__startswith="proposal.cosponsor").values_list(
            "kind", "actor_label"
        )
    )
    assert kinds.count(("proposal.cosponsor_left", "kp-head")) == 2


def test_the_compilation_text_carries_every_retained_proposal_with_attribution(charter):
    compilation = _version(charter, "Compilation text")
    assert compilation.is_published
    for language in ("ru", "en"):
        (options,) = _text(compilation, "chp_I__art_2", language).content
        assert isinstance(options, markup.OptionSet)
        assert [(o.label, o.attribution) for o in options.options] == [
            ("Alt 1", ()),
            ("Alt 2", ("RU", "BY")),
            ("Alt 3", ("IR",)),
            ("Alt 4", ("KP",)),
        ]
        (deletion,) = _text(compilation, "chp_I__art_1__para_1__point_c", language).content
        assert isinstance(deletion, markup.Bracket)
        assert (deletion.deletion, deletion.attribution) == (True, ("IR",))
    security = _text(compilation, "chp_II__art_3__para_1", "en")
    assert markup.full_text(security).startswith(
        "The States Parties shall cooperate in [security] (MM), the economy,"
    )
    assert "в области [безопасности] (MM), экономики" in markup.full_text(
        _text(compilation, "chp_II__art_3__para_1", "ru")
    )
    inserted = compilation.provisions.get(eid="chp_II__art_3__para_3")
    assert (inserted.kind, inserted.number) == ("paragraph", "3.")
    assert markup.full_text(
        markup.parse(inserted.texts.get(language="ru").text, delegations=CODES)
    ).endswith("в Минске.] (BY, RU)")
    # Untouched: the withdrawn and the not retained proposals.
    zero = _version(charter, "Zero draft")
    for eid in ("chp_III__art_6", "chp_III__art_7"):
        assert _text(compilation, eid, "en") == _text(zero, eid, "en")


def test_every_incorporated_proposal_is_traced_to_the_node_that_carries_it(charter):
    compilation = _version(charter, "Compilation text")
    incorporated = Proposal.objects.filter(document=charter, status="incorporated")
    assert incorporated.count() == 11
    for proposal in incorporated:
        assert proposal.incorporated_version == compilation
        provision = compilation.provisions.get(uid=proposal.incorporated_provision_uid)
        text = provision.texts.get(language=proposal.language).text
        carried = {n.id: n for n in markup.walk(markup.parse(text, delegations=CODES))}
        node = carried[proposal.incorporated_ref]
        assert proposal.delegation.code in node.attribution, proposal.label


def test_the_zero_draft_closed_to_proposals_when_the_compilation_was_made(charter):
    zero, compilation = _version(charter, "Zero draft"), _version(charter, "Compilation text")
    assert zero.proposals_deadline == compilation.published_at
    with pytest.raises(Conflict, match="deadline for proposals on Zero draft passed"):
        table_proposal(
            actor=_user("mm-head"),
            provision=zero.provisions.get(eid="chp_II__art_4"),
            delegation=Delegation.objects.get(party__iso_code="MM", process=charter.process),
            operation="delete",
        )
    lifting = Proposal.objects.get(document=charter, number=17)
    security = _text(compilation, "chp_II__art_3__para_1", "en")
    (bracket,) = (n for n in markup.walk(security) if isinstance(n, markup.Bracket))
    assert lifting.target_ref == bracket.id


def test_positions_with_their_visibility_reasons_and_history(charter):
    rows = {
        (p.delegation.code, p.stance, p.visibility, p.proposal.number if p.proposal else None)
        for p in Position.objects.filter(document=charter, superseded_at__isnull=True)
    }
    assert Position.objects.filter(document=charter, superseded_at__isnull=True).count() == 12
    assert ("IR", "objection", "participants", None) in rows
    assert ("RU", "reservation", "facilitators", None) in rows
    assert ("MM", "can_live_with", "delegation", 1) in rows
    assert ("KP", "support", "facilitators", 3) in rows
    objection = Position.objects.get(document=charter, stance="objection")
    assert "unilateral coercive measures" in objection.reason
    assert "односторонних принудительных мер" in objection.reason
    assert objection.recorded_by.username == "ir-head"
    article_4 = _version(charter, "Rev.1").provisions.get(eid="chp_I__art_3").uid
    history = Position.objects.filter(
        document=charter, delegation__party__iso_code="BY", provision_uid=article_4
    ).order_by("recorded_at", "id")
    assert [(p.stance, p.superseded_at is None) for p in history] == [
        ("can_live_with", False),
        ("support", True),
    ]


@pytest.mark.parametrize(
    ("username", "sees_reservation_of_russia", "sees_own_note_of_myanmar"),
    [
        ("chair", True, False),
        ("facilitator", True, False),
        ("secretariat", False, False),
        ("by-head", False, False),
        ("ru-head", True, False),
        ("mm-member", False, True),
        ("observer", False, False),
    ],
)
def test_who_sees_which_position(
    charter, username, sees_reservation_of_russia, sees_own_note_of_myanmar
):
    seen = {
        (p.delegation.code, p.stance)
        for p in visible_positions(user=_user(username), document=charter)
    }
    assert (("RU", "reservation") in seen) is sees_reservation_of_russia
    assert (("MM", "can_live_with") in seen) is sees_own_note_of_myanmar
    assert (("IR", "objection") in seen) is (username != "observer")


def test_statuses_the_facilitator_and_an_agreement_subject_to_another(charter):
    rev1 = _version(charter, "Rev.1")
    eid_of = {p.uid: p.eid for p in rev1.provisions.all()}
    states = {
        eid_of[s.provision_uid]: s
        for s in ProvisionState.objects.filter(document=charter).select_related("facilitator__user")
    }
    assert {eid: s.status for eid, s in states.items()} == {
        "preamble__p_1": "agreed_informals",
        "preamble__p_2": "agreed_informals",
        "preamble__p_3": "agreed_informals",
        "chp_I__art_1__para_1__point_a": "agreed_ad_ref",
        "chp_I__art_2": "bracketed",
        "chp_I__art_3": "agreed",
        "chp_II__art_4__para_1": "bracketed",
        "chp_II__art_4__para_3": "under_discussion",
        "chp_III": "not_discussed",
        "chp_III__art_5": "agreed_ad_ref",
        "chp_III__art_6": "under_discussion",
        "chp_III__art_7": "agreed_informals",
    }
    owned = {eid for eid, s in states.items() if s.facilitator is not None}
    assert owned == {"chp_III", "chp_III__art_5", "chp_III__art_6", "chp_III__art_7"}
    assert {states[eid].facilitator.user.username for eid in owned} == {"facilitator"}
    signature = states["chp_III__art_5"]
    assert eid_of[signature.subject_to_uid] == "chp_III__art_6"
    assert "subject to Article 6" in signature.decisions.last().note
    assert {d.decided_by.username for d in signature.decisions.all()} == {"facilitator"}
    facilitator = _user("facilitator")
    assert facilitator.has_perm("negotiation.decide_status", signature)
    assert not facilitator.has_perm("negotiation.decide_status", states["chp_I__art_2"])
    board = dashboard(version=rev1)
    assert board.by_status["agreed"] == 1
    assert board.by_status["bracketed"] == 2


def test_the_objection_stands_in_the_way_of_agreeing_article_2(charter):
    article_2 = _version(charter, "Rev.1").provisions.get(eid="chp_I__art_2").uid
    chair = _user("chair")
    change_status(actor=chair, document=charter, provision_uid=article_2, status="under_discussion")
    with pytest.raises(Conflict, match=r"An objection stands \(IR\)"):
        change_status(actor=chair, document=charter, provision_uid=article_2, status="agreed")


def test_article_5_falls_back_when_article_6_changes_in_rev1(charter):
    rev1 = _version(charter, "Rev.1")
    entry_into_force: Provision = rev1.provisions.get(eid="chp_III__art_6")
    current = entry_into_force.texts.get(language="en")
    documents.set_text(
        actor=SYSTEM,
        provision=entry_into_force,
        language="en",
        heading=current.heading,
        text=current.text.replace("fifth", "seventh"),
        expected_revision=current.revision,
    )
    signature = ProvisionState.objects.get(
        document=charter, provision_uid=rev1.provisions.get(eid="chp_III__art_5").uid
    )
    assert (signature.status, signature.subject_to_uid) == ("under_discussion", None)


def test_a_removed_position_comes_back_and_nothing_else_is_written(charter):
    objection = Position.objects.get(document=charter, stance="objection")
    Position.objects.filter(pk=objection.pk).delete()
    events = Event.objects.count()
    assert load_demo().created == 1
    assert Event.objects.count() == events + 1
    last = Event.objects.order_by("-seq").first()
    assert (last.kind, last.actor_label) == ("position.recorded", "ir-head")
    assert Position.objects.filter(document=charter, stance="objection").count() == 1
    assert verify_chain().ok
