"""A small negotiation for the page tests: a charter with brackets and
options, proposals, co-sponsors, positions and statuses, built through the
services. Not collected by pytest (no `_test` suffix)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accord.core.actors import SYSTEM
from accord.core.enums import Visibility
from accord.documents import services as documents
from accord.documents.models import Document, Provision, Version
from accord.negotiation.models import Proposal
from accord.negotiation.services import positions, proposals, status
from accord.processes.models import Party
from tests.factories import World, add_provisions, world

CODES = {"a": "RU", "b": "BY", "obs": "IR", "int": "KP"}


@dataclass
class Scene:
    w: World
    document: Document
    zero: Version
    provisions: dict[str, Provision] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"/p/{self.w.process.slug}/negotiation/{self.document.slug}/"

    def user(self, role: str) -> Any:
        return self.w.users[role]


def scene(*, slug: str = "neg", extra: int = 0, visibility: str = Visibility.PARTICIPANTS) -> Scene:
    """The charter "Zero draft" with:

    - Article 1 (a heading): agreed ad referendum;
    - Article 1, paragraph 1: "The Parties shall cooperate [fully]{RU}." —
      agreed in informals;
    - Article 1, paragraph 2: an option set (RU, BY) / (IR: no text), under
      the facilitator, bracketed;
    - Article 2: plain text, under discussion;
    - `extra` more articles (for query counts).

    Proposals: P-1 (A replaces Article 2's text, B co-sponsors then leaves,
    then joins again), P-2 (B deletes Article 1 paragraph 1, withdrawn later
    is not done here), P-3 (A brackets "Parties" in Article 2).
    Positions: A objects to Article 2 (facilitators), B supports it (all
    participants), A has a delegation-only reservation on paragraph 2.
    """
    w = world(slug=slug)
    for key, code in CODES.items():
        Party.objects.filter(pk=w.delegations[key].party_id).update(iso_code=code)
        w.delegations[key].party.iso_code = code
    document = documents.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        slug="charter",
        symbol="EC/2025/1",
        title={"en": "Eurasian Charter", "ru": "Евразийская хартия"},
        authentic_languages=["en", "ru"],
        working_language="en",
        visibility=visibility,
        is_illustrative=True,
        first_label="Zero draft",
    )
    version = document.versions.get()
    add = documents.add_provision
    art1 = add(
        actor=SYSTEM,
        version=version,
        kind="article",
        number="1",
        texts={"en": ("Purpose", ""), "ru": ("Цель", "")},
    )
    para1 = add(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="1",
        parent=art1,
        texts={
            "en": ("", "The Parties shall cooperate [fully]{RU}."),
            "ru": ("", "Стороны сотрудничают [в полной мере]{RU}."),
        },
    )
    para2 = add(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="2",
        parent=art1,
        texts={
            "en": (
                "",
                "Security is {{Alt 1 (RU, BY): indivisible || Alt 2 (IR): no text}}.",
            ),
            "ru": ("", "Безопасность {{Alt 1 (RU, BY): неделима || Alt 2 (IR): no text}}."),
        },
    )
    art2 = add(
        actor=SYSTEM,
        version=version,
        kind="article",
        number="2",
        texts={
            "en": ("Principles", "The Parties respect diversity."),
            "ru": ("Принципы", "Стороны уважают многообразие."),
        },
    )
    if extra:
        add_provisions(version, extra)
    documents.publish_version(actor=SYSTEM, version=version, label="Zero draft")
    zero = Version.objects.get(pk=version.pk)
    s = Scene(w=w, document=document, zero=zero)
    for name, p in (("art1", art1), ("para1", para1), ("para2", para2), ("art2", art2)):
        s.provisions[name] = zero.provisions.prefetch_related("texts").get(uid=p.uid)

    users, dels = w.users, w.delegations
    status.assign_facilitator(
        actor=SYSTEM,
        document=document,
        provision_uids=[para2.uid],
        facilitator=users["facilitator"].person,
    )
    status.change_status(
        actor=users["chair"],
        document=document,
        provision_uid=para1.uid,
        status="under_discussion",
    )
    status.change_status(
        actor=users["chair"],
        document=document,
        provision_uid=para1.uid,
        status="agreed_informals",
        note="Agreed in the informal consultations.",
    )
    status.change_status(
        actor=users["chair"], document=document, provision_uid=art2.uid, status="under_discussion"
    )
    status.change_status(
        actor=users["chair"], document=document, provision_uid=art1.uid, status="under_discussion"
    )
    status.change_status(
        actor=users["chair"], document=document, provision_uid=art1.uid, status="agreed_ad_ref"
    )
    status.change_status(
        actor=users["facilitator"], document=document, provision_uid=para2.uid, status="bracketed"
    )
    p1 = proposals.table_proposal(
        actor=users["participant"],
        provision=s.provisions["art2"],
        delegation=dels["a"],
        operation="replace_text",
        language="en",
        text="The Parties respect [cultural]{RU} diversity.",
        rationale="Diversity is cultural above all.",
    )
    proposals.join_proposal(actor=users["other_participant"], proposal=p1, delegation=dels["b"])
    proposals.leave_proposal(actor=users["other_participant"], proposal=p1, delegation=dels["b"])
    proposals.join_proposal(actor=users["other_participant"], proposal=p1, delegation=dels["b"])
    p2 = proposals.table_proposal(
        actor=users["other_participant"],
        provision=s.provisions["para1"],
        delegation=dels["b"],
        operation="delete",
        language="en",
        rationale="Redundant.",
    )
    p3 = proposals.table_proposal(
        actor=users["participant"],
        provision=s.provisions["art2"],
        delegation=dels["a"],
        operation="bracket",
        language="en",
        span=(4, 11),
    )
    s.proposals = {"p1": p1, "p2": p2, "p3": p3}
    positions.record_position(
        actor=users["participant"],
        delegation=dels["a"],
        document=document,
        provision_uid=art2.uid,
        stance="objection",
        reason="Diversity must be qualified.",
        visibility="facilitators",
    )
    positions.record_position(
        actor=users["other_participant"],
        delegation=dels["b"],
        document=document,
        provision_uid=art2.uid,
        stance="support",
        visibility="participants",
    )
    positions.record_position(
        actor=users["participant"],
        delegation=dels["a"],
        document=document,
        provision_uid=para2.uid,
        stance="reservation",
        reason="Pending instructions.",
        visibility="delegation",
    )
    return s
