"""A small charter under negotiation for the service tests, built through the
services. Not collected by pytest (no `_test` suffix).

Delegations (from `tests.factories.world`): A = RU and B = BY participate,
OBS = IR observes, INT = KP is interested. The zero draft:

- preamble paragraph "Recognising the diversity of civilisations,"
- Article 1 "The Parties shall cooperate [fully]{RU} in good faith." (en, ru)
- Article 2 "States {{Alt 1 (RU): shall || Alt 2 (BY): may}} consult each other."
  with paragraph 1 "Each Party designates a contact point."
- Article 3 "This Charter enters into force on signature."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from accord.core.actors import SYSTEM
from accord.documents import services as documents
from accord.documents.models import Document, Provision, Version
from accord.negotiation.models import Proposal
from accord.negotiation.services import proposals
from accord.processes.models import Delegation, Party
from accord.record.models import Event
from tests.factories import World, world

CODES = {"a": "RU", "b": "BY", "obs": "IR", "int": "KP"}

TEXTS: dict[str, dict[str, str]] = {
    "pp1": {"en": "Recognising the diversity of civilisations,"},
    "art1": {
        "en": "The Parties shall cooperate [fully]{RU} in good faith.",
        "ru": "Стороны сотрудничают добросовестно.",
    },
    "art2": {"en": "States {{Alt 1 (RU): shall || Alt 2 (BY): may}} consult each other."},
    "art2.1": {"en": "Each Party designates a contact point."},
    "art3": {"en": "This Charter enters into force on signature."},
}


@dataclass
class Neg:
    w: World
    document: Document
    zero: Version
    provisions: dict[str, Provision] = field(default_factory=dict)

    def user(self, role: str) -> Any:
        return self.w.users[role]

    def delegation(self, key: str) -> Delegation:
        return self.w.delegations[key]

    def table(
        self,
        key: str,
        operation: str,
        *,
        role: str = "participant",
        delegation: str = "a",
        **kwargs: Any,
    ) -> Proposal:
        """Table a proposal on provision `key` as `role` for `delegation`."""
        kwargs.setdefault("language", "en")
        return proposals.table_proposal(
            actor=self.user(role),
            provision=self.provisions[key],
            delegation=self.delegation(delegation),
            operation=operation,
            **kwargs,
        )


def give_codes(w: World, codes: dict[str, str] = CODES) -> None:
    for key, code in codes.items():
        Party.objects.filter(pk=w.delegations[key].party_id).update(iso_code=code)
        w.delegations[key].party.iso_code = code


def negotiation(*, codes: dict[str, str] = CODES, **process_kwargs: Any) -> Neg:
    """The zero draft above, published; `codes` are the parties' ISO codes
    (unique in the database: give a second negotiation other ones)."""
    w = world(**process_kwargs)
    give_codes(w, codes)
    document = documents.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        title={"en": "Eurasian Charter (illustrative)", "ru": "Евразийская хартия"},
        authentic_languages=["en", "ru"],
        working_language="en",
        is_illustrative=True,
    )
    version = document.versions.get()
    add = documents.add_provision

    def texts(key: str) -> dict[str, tuple[str, str]]:
        return {
            lang: ("", text.replace("RU", codes["a"]).replace("BY", codes["b"]))
            for lang, text in TEXTS[key].items()
        }

    made = {
        "pp1": add(actor=SYSTEM, version=version, kind="preamble_paragraph", texts=texts("pp1")),
        "art1": add(actor=SYSTEM, version=version, kind="article", number="1", texts=texts("art1")),
        "art2": add(actor=SYSTEM, version=version, kind="article", number="2", texts=texts("art2")),
    }
    made["art2.1"] = add(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="1",
        parent=made["art2"],
        texts=texts("art2.1"),
    )
    made["art3"] = add(
        actor=SYSTEM, version=version, kind="article", number="3", texts=texts("art3")
    )
    documents.publish_version(actor=SYSTEM, version=version, label="Zero draft")
    zero = Version.objects.get(pk=version.pk)
    neg = Neg(w=w, document=document, zero=zero)
    for key, p in made.items():
        neg.provisions[key] = zero.provisions.select_related("parent").get(uid=p.uid)
    return neg


def last_seq() -> int:
    return Event.objects.aggregate(n=Max("seq"))["n"] or 0


def kinds_since(seq: int) -> list[str]:
    return list(Event.objects.filter(seq__gt=seq).order_by("seq").values_list("kind", flat=True))
