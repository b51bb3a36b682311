"""A negotiation for the API tests, built through the services.

`negotiation()` builds on `world()` (a user in every role): a charter visible
to participants, with a published zero draft of three articles in English and
Russian, and the facilitator owning the last article. Tests add proposals, positions
and versions through the services too, so the data is what real use makes.

`writer(user, via)` is a client that writes as a signed-in browser (session,
with the CSRF token, as the pages send it) or as a script (API token).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from accord.core.actors import SYSTEM
from accord.core.enums import Visibility
from accord.documents import services as documents
from accord.documents.models import Document, Provision, Translation, Version
from accord.negotiation.models import (
    Cosponsorship,
    Position,
    Proposal,
    ProvisionState,
    StatusDecision,
)
from accord.negotiation.services import proposals, status
from accord.processes.models import Delegation, Person
from accord.record.models import Event
from tests.api.scene import client_for
from tests.factories import World, world

ARTICLES = 3


@dataclass
class Negotiation:
    world: World
    document: Document
    v1: Version
    articles: list[Provision]

    @property
    def slug(self) -> str:
        return self.document.slug

    @property
    def url(self) -> str:
        return f"/api/v1/documents/{self.document.slug}"

    def delegation(self, key: str) -> Delegation:
        return self.world.delegations[key]

    def party(self, key: str) -> str:
        return self.world.delegations[key].party.slug

    def code(self, key: str) -> str:
        return self.world.delegations[key].code

    def person(self, role: str) -> Person:
        return Person.objects.get(user=self.world.users[role])

    def table(self, key: str = "a", article: int = 1, **kwargs: Any) -> Proposal:
        """Table a proposal of delegation `key` on an article of version 1."""
        kwargs.setdefault("operation", "replace_text")
        if kwargs["operation"] in ("replace_text", "add_option", "insert_after", "insert_before"):
            kwargs.setdefault("text", f"States shall cooperate, as {self.code(key)} proposes.")
        return proposals.table_proposal(
            actor=SYSTEM,
            provision=self.articles[article - 1],
            delegation=self.delegation(key),
            **kwargs,
        )

    def working_copy(self) -> Version:
        return documents.start_working_copy(actor=SYSTEM, document=self.document, label="Rev.1")


def negotiation(
    visibility: str = Visibility.PARTICIPANTS, articles: int = ARTICLES, **process_kwargs: Any
) -> Negotiation:
    w = world(**process_kwargs)
    document = documents.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        title={"en": "Charter", "ru": "Хартия"},
        authentic_languages=["en", "ru"],
        working_language="en",
        visibility=visibility,
        slug=f"{w.process.slug}-charter",
    )
    working = document.versions.get()
    for i in range(1, articles + 1):
        documents.add_provision(
            actor=SYSTEM,
            version=working,
            kind="article",
            number=str(i),
            texts={
                "en": (f"Article {i}", f"States shall cooperate in area {i}."),
                "ru": (f"Статья {i}", f"Государства сотрудничают в области {i}."),
            },
        )
    v1 = documents.publish_version(actor=SYSTEM, version=working, label="Zero draft")
    n = Negotiation(
        world=w, document=document, v1=v1, articles=list(v1.provisions.order_by("position"))
    )
    status.assign_facilitator(
        actor=SYSTEM,
        document=document,
        provision_uids=[n.articles[-1].uid],
        facilitator=n.person("facilitator"),
    )
    return n


class Writer:
    """Sends JSON as one user: by session (with the CSRF token) or by token."""

    def __init__(self, user: Any, via: str, *, csrf: bool = True) -> None:
        self.headers: dict[str, str] = {}
        if user is None:
            self.client = Client(enforce_csrf_checks=True)
        elif via == "session":
            self.client = Client(enforce_csrf_checks=True)
            self.client.force_login(user)
            secret = _get_new_csrf_string()
            self.client.cookies["csrftoken"] = secret
            if csrf:
                self.headers["X-CSRFToken"] = secret
        else:
            self.client = client_for(user, "token")

    def send(self, method: str, url: str, body: Any = None) -> Any:
        data = json.dumps(body) if body is not None else None
        return getattr(self.client, method)(
            url, data=data, content_type="application/json", headers=self.headers
        )

    def get(self, url: str, params: Any = None) -> Any:
        return self.client.get(url, params, headers=self.headers)


def writer(user: Any, via: str = "token", *, csrf: bool = True) -> Writer:
    """`csrf=False`: a session client that leaves out the CSRF header."""
    return Writer(user, via, csrf=csrf)


def fingerprint() -> dict[str, Any]:
    """Everything a negotiation write may change, row by row, and the audit log's length."""
    return {
        "events": Event.objects.count(),
        "proposals": list(
            Proposal.objects.order_by("pk").values_list(
                "pk", "status", "status_reason", "incorporated_version_id", "incorporated_ref"
            )
        ),
        "cosponsorships": list(
            Cosponsorship.objects.order_by("pk").values_list("pk", "delegation_id", "withdrawn_at")
        ),
        "positions": list(
            Position.objects.order_by("pk").values_list("pk", "stance", "superseded_at")
        ),
        "states": list(
            ProvisionState.objects.order_by("pk").values_list(
                "pk", "provision_uid", "status", "facilitator_id", "revision"
            )
        ),
        "decisions": StatusDecision.objects.count(),
        "versions": list(
            Version.objects.order_by("pk").values_list(
                "pk", "number", "status", "label", "content_hash", "proposals_deadline"
            )
        ),
        "provisions": list(
            Provision.objects.order_by("pk").values_list(
                "pk", "version_id", "parent_id", "position", "number", "eid"
            )
        ),
        "texts": list(
            Translation.objects.order_by("pk").values_list(
                "pk", "provision_id", "heading", "text", "revision"
            )
        ),
    }
