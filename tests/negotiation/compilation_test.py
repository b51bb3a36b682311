"""Compilation texts: the invariant of issue 3, item 3, on generated
negotiations, and the shapes a negotiator expects on hand-made ones.

The invariant: every selected proposal either is incorporated (into the new
version, at a provision of it, at a bracket, option or deletion bracket of
that provision's text in the proposal's language that names the proposing
delegation and its active co-sponsors and carries the proposal's words) or
stays tabled with a reason. Nothing is silently lost.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.documents import services as documents
from accord.documents.canonical import content_hash
from accord.documents.enums import ALLOWED_CHILDREN
from accord.documents.models import Document, Provision, Version
from accord.documents.selectors import version_snapshot
from accord.negotiation import markup
from accord.negotiation.enums import Operation, ProposalStatus
from accord.negotiation.models import Proposal
from accord.negotiation.services import compilation, proposals, status
from accord.negotiation.services.compilation import CompilationResult, compile_text
from accord.processes.models import Delegation
from accord.record.audit import verify_chain
from accord.record.models import Event
from tests.factories import (
    ROLES,
    DelegationFactory,
    ParticipationFactory,
    PartyFactory,
    ProcessFactory,
)
from tests.negotiation.services_scene import Neg, kinds_since, last_seq, negotiation

pytestmark = pytest.mark.django_db

CODES = ("RU", "BY", "IR", "KP", "MM", "CN", "IN")


# --- reading the result ---------------------------------------------------------------


def parse(text: str) -> markup.Markup:
    return markup.parse(text, delegations=set(CODES))


def text_of(version: Version, uid: uuid.UUID, language: str) -> str:
    provision = version.provisions.get(uid=uid)
    row = provision.texts.filter(language=language).first()
    return row.text if row else ""


def node_by_id(m: markup.Markup, ident: str) -> markup.Bracket | markup.OptionSet | markup.Option:
    found = [n for n in markup.walk(m) if n.id == ident]
    assert len(found) == 1, (ident, markup.render(m))
    return found[0]


def plain(content: tuple[markup.Node, ...] | None) -> str:
    """Every word of `content` outside option sets, brackets or not."""
    out: list[str] = []
    for node in content or ():
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, markup.Bracket):
            out.append(plain(node.content))
    return "".join(out)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_attribution(proposal: Proposal) -> set[str]:
    codes = {proposal.delegation.code}
    codes |= {c.delegation.code for c in proposal.cosponsorships.all() if c.withdrawn_at is None}
    return codes


def siblings_in_order(version: Version, parent_uid: uuid.UUID | None) -> list[uuid.UUID]:
    rows = version.provisions.select_related("parent").order_by("position")
    return [p.uid for p in rows if (p.parent.uid if p.parent else None) == parent_uid]


# Why a generated proposal may fail to apply: every reason is one a person can act on.
EXPECTED_FAILURES: set[str] = set()
EXPECTED_FAILURES_RE = (
    r"its span crosses the brackets of P-\d+\."
    r"|there is already a provision numbered .* there\."
)


def check_invariant(
    base: Version, selected: list[Proposal], result: CompilationResult
) -> dict[str, int]:
    """Assert the invariant for every selected proposal; count outcomes by operation."""
    version = result.version
    assert (version.status, version.base_id) == ("published", base.pk)
    assert version.content_hash == content_hash(version_snapshot(version))
    incorporated = {p.pk for p in result.incorporated}
    not_applied = {p.pk for p in result.not_applied}
    assert incorporated | not_applied == {p.pk for p in selected}
    assert not incorporated & not_applied
    base_uids = set(base.provisions.values_list("uid", flat=True))
    outcome: dict[str, int] = {}
    for before in selected:
        p = Proposal.objects.select_related("delegation__party").get(pk=before.pk)
        if p.pk in not_applied:
            assert p.status == ProposalStatus.TABLED
            assert p.status_reason.startswith(f"Could not be applied in {version.label}: ")
            assert "unknown" not in p.status_reason
            assert (p.incorporated_version, p.incorporated_ref) == (None, "")
            why = p.status_reason.split(": ", 1)[1]
            assert why in EXPECTED_FAILURES or re.fullmatch(EXPECTED_FAILURES_RE, why), why
            outcome[f"not applied: {p.operation}: {re.sub(r'P-[0-9]+', 'P-n', why)}"] = 1
            continue
        outcome[p.operation] = outcome.get(p.operation, 0) + 1
        assert p.status == ProposalStatus.INCORPORATED
        assert p.incorporated_version_id == version.pk
        assert p.status_reason == ""
        assert p.incorporated_provision_uid is not None
        provision = version.provisions.select_related("parent").get(
            uid=p.incorporated_provision_uid
        )
        m = parse(text_of(version, provision.uid, p.language))
        if p.operation == Operation.REMOVE_BRACKETS:
            # The brackets are lifted: there is no node left to point at.
            assert p.incorporated_ref == ""
            assert provision.uid == p.provision_uid
            continue
        node = node_by_id(m, p.incorporated_ref)
        assert expected_attribution(p) <= set(node.attribution), (p, node)
        words = p.text and markup.full_text(parse(p.text))
        if p.operation in (Operation.REPLACE_TEXT, Operation.ADD_OPTION):
            assert provision.uid == p.provision_uid
            if not text_of(base, p.provision_uid, p.language):
                # Nothing to replace: each text proposed is a bracketed insertion.
                assert isinstance(node, markup.Bracket)
                assert not node.deletion
            else:
                assert isinstance(node, markup.Option)
            assert node.content is not None
            assert markup.full_text(markup.Markup(node.content)) == words
        elif p.operation in (Operation.INSERT_BEFORE, Operation.INSERT_AFTER):
            assert isinstance(node, markup.Bracket)
            assert not node.deletion
            assert m.content == (node,)
            assert markup.full_text(markup.Markup(node.content)) == words
            assert provision.uid not in base_uids
            target = base.provisions.select_related("parent").get(uid=p.provision_uid)
            parent_uid = target.parent.uid if target.parent else None
            assert (provision.parent.uid if provision.parent else None) == parent_uid
            order = [
                u
                for u in siblings_in_order(version, parent_uid)
                if u in base_uids or u == provision.uid
            ]
            here, there = order.index(provision.uid), order.index(target.uid)
            assert there - here == (1 if p.operation == Operation.INSERT_BEFORE else -1)
            if p.new_kind:
                assert provision.kind == p.new_kind
            if p.new_number:
                assert provision.number == p.new_number
        elif p.operation == Operation.DELETE:
            assert isinstance(node, markup.Bracket)
            assert node.deletion
            assert m.content == (node,)
            assert provision.uid == p.provision_uid
        elif p.operation == Operation.BRACKET:
            assert isinstance(node, markup.Bracket)
            assert not node.deletion
            assert provision.uid == p.provision_uid
            alone = parse(text_of(base, p.provision_uid, p.language))
            assert p.span_start is not None
            assert p.span_end is not None
            reference = markup.bracket(alone, p.span_start, p.span_end)
            (new_id,) = reference.ids - alone.ids
            ref_node = node_by_id(reference, new_id)
            assert isinstance(ref_node, markup.Bracket)
            assert squash(plain(node.content)) == squash(plain(ref_node.content)), (
                markup.render(m),
                markup.render(reference),
            )
        else:  # pragma: no cover
            raise AssertionError(p.operation)
    # Provisions and languages no incorporated proposal touched keep their text.
    touched = {(p.incorporated_provision_uid, p.language) for p in result.incorporated} | {
        (p.provision_uid, p.language) for p in result.incorporated
    }
    for provision in base.provisions.prefetch_related("texts"):
        for row in provision.texts.all():
            if (provision.uid, row.language) not in touched:
                assert text_of(version, provision.uid, row.language) == row.text
    # Every text of the new version is canonical notation, and both views read it.
    for provision in version.provisions.prefetch_related("texts"):
        for row in provision.texts.all():
            m = parse(row.text)
            assert markup.render(m) == row.text
            markup.clean_text(m)
            markup.full_text(m)
    return outcome


# --- generated negotiations ---------------------------------------------------------

WORDS = (
    "the", "Parties", "shall", "cooperate", "fully", "in", "good", "faith", "security",
    "is", "indivisible", "Eurasia", "#1", "priority", "мир", "безопасность", "2030", "°C",
    "multipolar", "diversity",
)  # fmt: skip


@st.composite
def plain_text(draw: Any) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
    text = " ".join(words)
    return text + draw(st.sampled_from(["", "", ",", ".", ";"]))


def escape_start(text: str) -> str:
    # "#" right after "[" would name the bracket: write it as a literal.
    return "\\" + text if text.startswith("#") else text


@st.composite
def notation(draw: Any, codes: tuple[str, ...], depth: int = 0) -> str:
    """Random negotiation markup in the notation, with brackets, deletion
    brackets and option sets up to two levels deep."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(["plain", "plain", "bracket", "options"] if depth < 2 else ["plain"])
        )
        if kind == "plain":
            pieces.append(draw(plain_text()))
            continue
        who = draw(st.lists(st.sampled_from(codes), unique=True, max_size=2))
        if kind == "bracket":
            inner = escape_start(draw(notation(codes, depth + 1)))
            deletion = bool(who) and draw(st.booleans())
            note = (
                ("{delete: " + ", ".join(who) + "}")
                if deletion
                else ("{" + ", ".join(who) + "}" if who else "")
            )
            pieces.append(f"[{inner}]{note}")
        else:
            options = []
            for i in range(draw(st.integers(2, 3))):
                by = draw(st.lists(st.sampled_from(codes), unique=True, max_size=2))
                label = f"Alt {i + 1}" + (f" ({', '.join(by)})" if by else "")
                body = draw(st.one_of(st.just("no text"), notation(codes, depth + 1)))
                options.append(f"{label}: {body}")
            pieces.append("{{" + " || ".join(options) + "}}")
    return " ".join(pieces)


@dataclass
class Generated:
    document: Document
    base: Version
    delegations: list[Delegation]
    provisions: list[Provision] = field(default_factory=list)


def build_charter(data: st.DataObject) -> Generated:
    """A process with 2 to 5 participant delegations and a random published
    charter: preamble, articles with paragraphs and points, maybe a chapter."""
    codes = data.draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=5, unique=True))
    process = ProcessFactory(phase="negotiation")
    delegations = []
    for code in codes:
        party = PartyFactory(iso_code=code)
        ParticipationFactory(process=process, party=party, standing="participant")
        delegations.append(DelegationFactory(process=process, party=party))
    document = documents.create_document(
        actor=SYSTEM,
        process=process,
        kind="charter",
        title={"en": "Generated charter"},
        authentic_languages=["en", "ru"],
        working_language="en",
    )
    version = document.versions.get()
    tup = tuple(codes)

    def texts() -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for language in data.draw(st.sampled_from([["en"], ["en"], ["en", "ru"], ["ru"], []])):
            out[language] = ("", data.draw(notation(tup)))
        return out

    def add(kind: str, number: str, parent: Provision | None) -> Provision:
        return documents.add_provision(
            actor=SYSTEM, version=version, kind=kind, number=number, parent=parent, texts=texts()
        )

    for _ in range(data.draw(st.integers(0, 2))):
        add("preamble_paragraph", "", None)
    chapter = add("chapter", "I", None) if data.draw(st.booleans()) else None
    for a in range(data.draw(st.integers(1, 3))):
        article = add("article", str(a + 1), chapter)
        for n in range(data.draw(st.integers(0, 2))):
            paragraph = add("paragraph", str(n + 1), article)
            if data.draw(st.integers(0, 3)) == 0:
                add("point", "a", paragraph)
    base = documents.publish_version(actor=SYSTEM, version=version, label="Zero draft")
    provisions = list(base.provisions.select_related("parent").prefetch_related("texts"))
    return Generated(document, base, delegations, provisions)


def draw_proposal(data: st.DataObject, g: Generated) -> dict[str, Any] | None:
    """The arguments of one random proposal (perhaps invalid: tabling decides)."""
    codes = tuple(d.code for d in g.delegations)
    # Half the proposals go to the first provision, so that they meet.
    provision = data.draw(st.sampled_from([g.provisions[0], *g.provisions]))
    written = sorted(t.language for t in provision.texts.all())
    language = data.draw(st.sampled_from([*written, *written, *written, "en", "ru"]))
    row = next((t for t in provision.texts.all() if t.language == language), None)
    current = parse(row.text if row else "")
    operation = data.draw(st.sampled_from([*Operation.values, "bracket", "bracket"]))
    delegation = data.draw(st.sampled_from(g.delegations))
    args: dict[str, Any] = {
        "provision": provision,
        "delegation": delegation,
        "operation": operation,
        "language": language,
    }
    sets = [n.id for n in markup.walk(current) if isinstance(n, markup.OptionSet)]
    brackets = [n.id for n in markup.walk(current) if isinstance(n, markup.Bracket)]
    if operation in (Operation.REPLACE_TEXT, Operation.ADD_OPTION):
        args["text"] = data.draw(st.one_of(plain_text(), notation(codes, 1)))
        if operation == Operation.ADD_OPTION and sets and data.draw(st.booleans()):
            args["target_ref"] = data.draw(st.sampled_from(sets))
    elif operation in (Operation.INSERT_BEFORE, Operation.INSERT_AFTER):
        args["text"] = data.draw(st.one_of(plain_text(), notation(codes, 1)))
        parent_kind = provision.parent.kind if provision.parent else None
        kinds = sorted(ALLOWED_CHILDREN[parent_kind])
        if data.draw(st.booleans()):
            args["new_kind"] = data.draw(st.sampled_from(kinds))
        if data.draw(st.integers(0, 4)) == 0:
            args["new_number"] = data.draw(st.sampled_from(["9", "1 bis", "X"]))
    elif operation == Operation.BRACKET:
        length = len(markup.clean_text(current))
        if length == 0:
            return None
        start = data.draw(st.integers(0, length - 1))
        end = data.draw(st.integers(start + 1, length))
        args["span"] = (start, end)
    elif operation == Operation.REMOVE_BRACKETS:
        if not brackets:
            return None
        args["target_ref"] = data.draw(st.sampled_from(brackets))
    others = [d for d in g.delegations if d.pk != delegation.pk]
    args["cosponsors"] = (
        data.draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others else []
    )
    return args


class _Rollback(Exception):
    pass


def isolated(body: Callable[[], None]) -> None:
    """Run one generated example in a transaction that is rolled back."""
    try:
        with transaction.atomic():
            body()
            raise _Rollback
    except _Rollback:
        pass


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_every_proposal_of_a_generated_negotiation_is_traceable_or_says_why(
    data: st.DataObject,
) -> None:
    def body() -> None:
        g = build_charter(data)
        tabled: list[Proposal] = []
        drawn: list[dict[str, Any]] = []
        for _ in range(data.draw(st.integers(1, 12), label="proposals")):
            args = draw_proposal(data, g)
            if drawn and data.draw(st.integers(0, 5)) == 0:
                # The same proposal again, from another delegation: one node.
                args = dict(data.draw(st.sampled_from(drawn)))
                args["delegation"] = data.draw(st.sampled_from(g.delegations))
                args["cosponsors"] = []
            if args is None:
                continue
            drawn.append(args)
            try:
                proposal = proposals.table_proposal(actor=SYSTEM, **args)
            except ValidationError:
                continue  # tabling refused it: tested in services_proposals_test
            # Some co-sponsors leave again: they are no longer attributed.
            for row in list(proposal.cosponsorships.all()):
                if data.draw(st.booleans(), label="leaves"):
                    proposals.leave_proposal(
                        actor=SYSTEM, proposal=proposal, delegation=row.delegation
                    )
            tabled.append(proposal)
        if not tabled:
            return
        seq = last_seq()
        result = compile_text(actor=SYSTEM, base=g.base, proposals=tabled)
        assert kinds_since(seq) == ["version.compiled"]
        for outcome in check_invariant(g.base, tabled, result):
            event(outcome)
        # The same proposals cannot be compiled twice.
        versions = g.document.versions.count()
        incorporated = [p for p in tabled if p.pk in {q.pk for q in result.incorporated}]
        if incorporated:
            with pytest.raises(Conflict, match="No longer tabled"):
                compile_text(actor=SYSTEM, base=g.base, proposals=incorporated)
            assert g.document.versions.count() == versions
        assert verify_chain().ok

    isolated(body)


# --- hand-made negotiations: the shapes a negotiator expects ----------------------------


@pytest.fixture
def neg() -> Neg:
    return negotiation(phase="negotiation")


def compiled(neg: Neg, *selected: Proposal, label: str = "Compilation text") -> CompilationResult:
    seq = last_seq()
    result = compile_text(
        actor=neg.user("secretariat"), base=neg.zero, proposals=list(selected), label=label
    )
    assert kinds_since(seq) == ["version.compiled"]
    check_invariant(neg.zero, list(selected), result)
    return result


def stored(result: CompilationResult, neg: Neg, key: str, language: str = "en") -> str:
    return text_of(result.version, neg.provisions[key].uid, language)


def test_competing_replacements_become_attributed_options(neg: Neg) -> None:
    a = neg.table("art3", "replace_text", text="This Charter enters into force on ratification.")
    b = neg.table(
        "art3",
        "replace_text",
        text="This Charter [shall]{BY} enter into force.",
        role="other_participant",
        delegation="b",
    )
    result = compiled(neg, a, b)
    assert stored(result, neg, "art3") == (
        "{{#s1 #o1 Alt 1: This Charter enters into force on signature. "
        "|| #o2 Alt 2 (RU): This Charter enters into force on ratification. "
        "|| #o3 Alt 3 (BY): This Charter [#b1 shall]{BY} enter into force.}}"
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.incorporated_ref, b.incorporated_ref) == ("o2", "o3")
    assert a.incorporated_version == b.incorporated_version == result.version
    assert a.incorporated_provision_uid == neg.provisions["art3"].uid
    m = parse(stored(result, neg, "art3"))
    # Nothing of the base is agreed any more; the full view shows who asked for what.
    assert markup.clean_text(m) == ""
    assert markup.full_text(m) == (
        "{Alt 1: This Charter enters into force on signature. "
        "/ Alt 2 (RU): This Charter enters into force on ratification. "
        "/ Alt 3 (BY): This Charter [shall] (BY) enter into force.}"
    )


def test_identical_replacements_merge_into_one_option_with_joint_attribution(neg: Neg) -> None:
    a = neg.table("art3", "replace_text", text="It enters into force at once.")
    b = neg.table(
        "art3",
        "replace_text",
        text="It enters into force at once.",
        role="other_participant",
        delegation="b",
    )
    result = compiled(neg, a, b)
    assert stored(result, neg, "art3") == (
        "{{#s1 #o1 Alt 1: This Charter enters into force on signature. "
        "|| #o2 Alt 2 (RU, BY): It enters into force at once.}}"
    )
    assert {p.incorporated_ref for p in Proposal.objects.all()} == {"o2"}


def test_identical_brackets_merge_and_cosponsors_are_attributed_but_not_those_who_left(
    neg: Neg,
) -> None:
    a = neg.table("art3", "bracket", span=(13, 30), cosponsors=[neg.delegation("b")])
    b = neg.table("art3", "bracket", span=(13, 30), role="other_participant", delegation="b")
    c = neg.table("art1", "delete", cosponsors=[neg.delegation("b")])
    proposals.leave_proposal(
        actor=neg.user("other_participant"), proposal=c, delegation=neg.delegation("b")
    )
    result = compiled(neg, a, b, c)
    assert stored(result, neg, "art3") == (
        "This Charter [#b1 enters into force]{RU, BY} on signature."
    )
    assert stored(result, neg, "art1") == (
        "[#b2 The Parties shall cooperate [#b1 fully]{RU} in good faith.]{delete: RU}"
    )
    # The Russian text of Article 1 is not touched by an English proposal.
    assert stored(result, neg, "art1", "ru") == "Стороны сотрудничают добросовестно."


def test_deletions_become_deletion_brackets_with_everyone_who_asked(neg: Neg) -> None:
    a = neg.table("art3", "delete")
    b = neg.table("art3", "delete", role="other_participant", delegation="b")
    result = compiled(neg, a, b)
    text = stored(result, neg, "art3")
    assert text == "[#b1 This Charter enters into force on signature.]{delete: RU, BY}"
    m = parse(text)
    assert markup.clean_text(m) == ""
    assert markup.full_text(m) == "[This Charter enters into force on signature.] (RU, BY: delete)"


def test_insertions_are_new_bracketed_provisions_next_to_their_target_with_bis_numbers(
    neg: Neg,
) -> None:
    after1 = neg.table("art1", "insert_after", text="#1 priority is security.")
    after2 = neg.table(
        "art1", "insert_after", text="Second new article.", role="other_participant", delegation="b"
    )
    before = neg.table("art1", "insert_before", text="Before the first.")
    same = neg.table(
        "art1",
        "insert_after",
        text="#1 priority is security.",
        role="other_participant",
        delegation="b",
    )
    para = neg.table("art2.1", "insert_after", text="A new paragraph.")
    result = compiled(neg, after1, after2, before, same, para)
    rows = list(result.version.provisions.order_by("position").prefetch_related("texts"))
    shown = [(p.eid, p.number, [t.text for t in p.texts.all() if t.language == "en"]) for p in rows]
    assert shown == [
        ("preamble__p_1", "", ["Recognising the diversity of civilisations,"]),
        ("art_1pre1", "1 pre1", ["[#b1 Before the first.]{RU}"]),
        ("art_1", "1", ["The Parties shall cooperate [#b1 fully]{RU} in good faith."]),
        ("art_1bis", "1 bis", ["[#b1 #1 priority is security.]{RU, BY}"]),
        ("art_1ter", "1 ter", ["[#b1 Second new article.]{BY}"]),
        (
            "art_2",
            "2",
            ["States {{#s1 #o1 Alt 1 (RU): shall || #o2 Alt 2 (BY): may}} consult each other."],
        ),
        ("art_2__para_1", "1", ["Each Party designates a contact point."]),
        ("art_2__para_1bis", "1 bis", ["[#b1 A new paragraph.]{RU}"]),
        ("art_3", "3", ["This Charter enters into force on signature."]),
    ]
    assert markup.clean_text(parse(rows[3].texts.get(language="en").text)) == ""
    assert markup.full_text(parse(rows[3].texts.get(language="en").text)) == (
        "[#1 priority is security.] (RU, BY)"
    )
    for p in (after1, same):
        p.refresh_from_db()
        assert p.incorporated_provision_uid == rows[3].uid


def test_a_second_round_of_insertions_does_not_reuse_a_number(neg: Neg) -> None:
    first = compiled(neg, neg.table("art1", "insert_after", text="One."))
    bis = first.version.provisions.get(number="1 bis")
    target = first.version.provisions.get(number="1", parent=None)
    again = proposals.table_proposal(
        actor=neg.user("participant"),
        provision=target,
        delegation=neg.delegation("a"),
        operation="insert_after",
        text="Two.",
    )
    result = compile_text(actor=SYSTEM, base=first.version, proposals=[again])
    check_invariant(first.version, [again], result)
    numbers = list(
        result.version.provisions.filter(parent=None)
        .order_by("position")
        .values_list("number", flat=True)
    )
    assert numbers == ["", "1", "1 ter", "1 bis", "2", "3"]
    assert result.version.provisions.get(number="1 bis").uid == bis.uid


def test_a_proposed_number_already_taken_leaves_the_insertion_tabled_with_the_reason(
    neg: Neg,
) -> None:
    one = neg.table("art1", "insert_after", text="One.", new_number="7")
    two = neg.table("art3", "insert_after", text="Two.", new_number="7")
    result = compiled(neg, one, two)
    assert result.incorporated == [one]
    two.refresh_from_db()
    assert two.status == "tabled"
    assert two.status_reason == (
        "Could not be applied in Compilation text: there is already a provision numbered 7 there."
    )


def test_an_insertion_of_another_kind_gets_a_number_that_clashes_with_nothing(neg: Neg) -> None:
    """An article inserted after the (unnumbered) preamble paragraph would
    otherwise be counted as article 1, next to Article 1."""
    p = neg.table("pp1", "insert_after", text="New article.", new_kind="article")
    q = neg.table("art2.1", "insert_before", text="New point.", new_kind="paragraph")
    result = compiled(neg, p, q)
    top = list(result.version.provisions.filter(parent=None).order_by("position"))
    assert [(x.kind, x.number, x.eid) for x in top] == [
        ("preamble_paragraph", "", "preamble__p_1"),
        ("article", "1 pre1", "art_1pre1"),
        ("article", "1", "art_1"),
        ("article", "2", "art_2"),
        ("article", "3", "art_3"),
    ]
    inside = result.version.provisions.filter(parent__number="2").order_by("position")
    assert [(x.number, x.eid) for x in inside] == [
        ("1 pre1", "art_2__para_1pre1"),
        ("1", "art_2__para_1"),
    ]


def test_bracket_spans_nest_and_a_crossing_span_stays_tabled(neg: Neg) -> None:
    # "This Charter enters into force on signature."
    #  0    5      13     20   25    31 34       43
    outer = neg.table("art3", "bracket", span=(13, 30))  # enters into force
    inner = neg.table("art3", "bracket", span=(25, 30), role="other_participant", delegation="b")
    same_start = neg.table(
        "art3", "bracket", span=(13, 19), role="other_participant", delegation="b"
    )
    crossing = neg.table("art3", "bracket", span=(20, 33))  # into force on
    last = neg.table("art3", "bracket", span=(34, 43))  # signature
    result = compiled(neg, outer, inner, same_start, crossing, last)
    assert stored(result, neg, "art3") == (
        "This Charter [#b4 [#b3 enters]{BY} into [#b2 force]{BY}]{RU} on [#b1 signature]{RU}."
    )
    crossing.refresh_from_db()
    assert crossing.status == "tabled"
    assert crossing.status_reason == (
        "Could not be applied in Compilation text: its span crosses the brackets of P-1."
    )
    assert markup.clean_text(parse(stored(result, neg, "art3"))) == "This Charter on."


def test_bracket_spans_next_to_existing_brackets_keep_their_words(neg: Neg) -> None:
    # Article 1 clean: "The Parties shall cooperate in good faith." ("fully" is bracketed)
    around = neg.table("art1", "bracket", span=(18, 30))  # "cooperate in" reaches over [fully]
    words = neg.table("art1", "bracket", span=(31, 41), role="other_participant", delegation="b")
    start = neg.table("art1", "bracket", span=(0, 3))  # "The"
    result = compiled(neg, around, words, start)
    assert stored(result, neg, "art1") == (
        "[#b4 The]{RU} Parties shall [#b3 cooperate [#b1 fully]{RU} in]{RU} [#b2 good faith]{BY}."
    )


def test_added_options_and_removed_brackets(neg: Neg) -> None:
    option = neg.table("art2", "add_option", text="must", target_ref="s1")
    same = neg.table(
        "art2", "add_option", text="must", target_ref="s1", role="other_participant", delegation="b"
    )
    other = neg.table(
        "art2",
        "add_option",
        text="no longer",
        target_ref="s1",
        role="other_participant",
        delegation="b",
    )
    lift = neg.table("art1", "remove_brackets", target_ref="b1")
    result = compiled(neg, option, same, other, lift)
    assert stored(result, neg, "art2") == (
        "States {{#s1 #o1 Alt 1 (RU): shall || #o2 Alt 2 (BY): may || #o3 Alt 3 (RU, BY): must "
        "|| #o4 Alt 4 (BY): no longer}} consult each other."
    )
    assert stored(result, neg, "art1") == "The Parties shall cooperate fully in good faith."
    lift.refresh_from_db()
    assert (lift.status, lift.incorporated_ref) == ("incorporated", "")


def test_a_replacement_of_a_text_that_starts_with_a_bracket_takes_the_whole_text(
    neg: Neg,
) -> None:
    """The whole text is Alt 1, brackets at either end included (a span of
    the clean text would have left them outside the option set)."""
    first = compiled(
        neg,
        neg.table("art3", "bracket", span=(0, 12)),
        neg.table("art3", "delete", role="other_participant", delegation="b"),
    )
    assert stored(first, neg, "art3") == (
        "[#b2 [#b1 This Charter]{RU} enters into force on signature.]{delete: BY}"
    )
    provision = first.version.provisions.get(uid=neg.provisions["art3"].uid)
    again = proposals.table_proposal(
        actor=neg.user("participant"),
        provision=provision,
        delegation=neg.delegation("a"),
        operation="replace_text",
        text="It enters into force.",
    )
    result = compile_text(actor=SYSTEM, base=first.version, proposals=[again])
    check_invariant(first.version, [again], result)
    assert text_of(result.version, provision.uid, "en") == (
        "{{#s1 #o1 Alt 1: [#b2 [#b1 This Charter]{RU} enters into force on signature.]"
        "{delete: BY} || #o2 Alt 2 (RU): It enters into force.}}"
    )


def test_a_replacement_of_a_missing_translation_is_a_bracketed_insertion(neg: Neg) -> None:
    a = neg.table("art3", "replace_text", text="Хартия вступает в силу.", language="ru")
    b = neg.table(
        "art3",
        "replace_text",
        text="#1 Хартия.",
        language="ru",
        role="other_participant",
        delegation="b",
    )
    result = compiled(neg, a, b)
    assert stored(result, neg, "art3", "ru") == (
        "[#b1 Хартия вступает в силу.]{RU} [#b2 #1 Хартия.]{BY}"
    )
    assert stored(result, neg, "art3") == "This Charter enters into force on signature."


def test_every_operation_together_on_one_provision(neg: Neg) -> None:
    bracket = neg.table("art2", "bracket", span=(0, 6))  # States
    option = neg.table(
        "art2", "add_option", text="must", target_ref="s1", role="other_participant", delegation="b"
    )
    replace = neg.table("art2", "replace_text", text="States consult.")
    delete = neg.table("art2", "delete", role="other_participant", delegation="b")
    result = compiled(neg, bracket, option, replace, delete)
    assert stored(result, neg, "art2") == (
        "[#b2 {{#s2 #o4 Alt 1: [#b1 States]{RU} {{#s1 #o1 Alt 1 (RU): shall || #o2 Alt 2 (BY): may "
        "|| #o3 Alt 3 (BY): must}} consult each other. || #o5 Alt 2 (RU): States consult.}}]"
        "{delete: BY}"
    )


def test_the_compilation_is_published_hashed_and_leaves_the_base_alone(neg: Neg) -> None:
    base_hash = neg.zero.content_hash
    result = compiled(neg, neg.table("art3", "delete"), label="  Compilation text, Rev.1 ")
    neg.zero.refresh_from_db()
    assert neg.zero.content_hash == base_hash
    assert neg.zero.content_hash == content_hash(version_snapshot(neg.zero))
    version = result.version
    assert (version.number, version.label, version.status) == (
        2,
        "Compilation text, Rev.1",
        "published",
    )
    assert version.base == neg.zero
    event = Event.objects.get(kind="version.compiled")
    assert event.payload == {
        "document": neg.document.slug,
        "label": "Compilation text, Rev.1",
        "base": "Zero draft",
        "content_hash": version.content_hash,
        "incorporated": [1],
        "not_applied": [],
        "conditions_fallen": [],
    }
    assert verify_chain().ok


def test_a_second_compilation_of_the_same_proposals_is_a_conflict_and_creates_nothing(
    neg: Neg,
) -> None:
    p = neg.table("art3", "delete")
    q = neg.table("art1", "delete")
    compiled(neg, p)
    versions = neg.document.versions.count()
    seq = last_seq()
    with pytest.raises(Conflict, match="No longer tabled: P-1"):
        compile_text(actor=SYSTEM, base=neg.zero, proposals=[p, q])
    assert neg.document.versions.count() == versions
    assert kinds_since(seq) == []
    assert Proposal.objects.get(pk=q.pk).status == "tabled"


def test_a_proposal_that_could_not_be_applied_can_be_compiled_again_later(neg: Neg) -> None:
    outer = neg.table("art3", "bracket", span=(13, 30))
    crossing = neg.table("art3", "bracket", span=(20, 33))
    compiled(neg, outer, crossing)
    second = compiled(neg, crossing, label="Compilation text 2")
    crossing.refresh_from_db()
    assert (crossing.status, crossing.incorporated_version) == ("incorporated", second.version)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "secretariat"])
def test_only_the_secretariat_compiles(neg: Neg, role: str) -> None:
    p = neg.table("art3", "delete")
    seq = last_seq()
    with pytest.raises(PermissionDenied):
        compile_text(actor=neg.user(role), base=neg.zero, proposals=[p])
    assert kinds_since(seq) == []
    assert neg.document.versions.count() == 1


def test_a_compilation_needs_a_published_base_a_label_and_proposals_on_that_base(neg: Neg) -> None:
    p = neg.table("art3", "delete")
    seq = last_seq()
    with pytest.raises(ValidationError, match="label"):
        compile_text(actor=SYSTEM, base=neg.zero, proposals=[p], label=" ")
    with pytest.raises(ValidationError, match="at least one"):
        compile_text(actor=SYSTEM, base=neg.zero, proposals=[])
    first = compiled(neg, neg.table("art1", "delete"))
    with pytest.raises(ValidationError, match="another version: P-1"):
        compile_text(actor=SYSTEM, base=first.version, proposals=[p])
    rev = documents.start_working_copy(actor=SYSTEM, document=neg.document, label="Rev.2")
    with pytest.raises(Conflict, match="published version"):
        compile_text(actor=SYSTEM, base=rev, proposals=[p])
    assert kinds_since(seq) == ["proposal.tabled", "version.compiled", "version.started"]


def test_a_provision_agreed_subject_to_a_compiled_one_falls_back(neg: Neg) -> None:
    chair = neg.user("chair")
    art1, art3 = neg.provisions["art1"].uid, neg.provisions["art3"].uid
    status.change_status(
        actor=chair, document=neg.document, provision_uid=art1, status="under_discussion"
    )
    status.change_status(
        actor=chair, document=neg.document, provision_uid=art1, status="agreed", subject_to_uid=art3
    )
    result = compiled(neg, neg.table("art3", "delete"))
    state = neg.document.provision_states.get(provision_uid=art1)
    assert (state.status, state.subject_to_uid) == ("under_discussion", None)
    last = state.decisions.order_by("-id").first()
    assert last is not None
    assert last.note == ("The provision it was agreed subject to has changed.")
    event = Event.objects.get(kind="version.compiled")
    assert event.payload["conditions_fallen"] == [str(art1)]
    assert result.version.number == 2


def test_proposals_are_marked_incorporated_with_a_fresh_timestamp(neg: Neg) -> None:
    p = neg.table("art3", "delete")
    before = Proposal.objects.get(pk=p.pk).updated_at
    compiled(neg, p)
    assert Proposal.objects.get(pk=p.pk).updated_at > before


def test_attribution_lists_the_proposer_then_active_cosponsors_in_joining_order(neg: Neg) -> None:
    extra = neg.w.process.delegations.exclude(pk__in=[d.pk for d in neg.w.delegations.values()])
    assert not extra.exists()
    p = neg.table("art3", "delete", cosponsors=[neg.delegation("b")])
    assert compilation.attribution_of(Proposal.objects.get(pk=p.pk)) == ("RU", "BY")
