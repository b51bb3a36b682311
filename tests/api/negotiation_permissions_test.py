"""Role by write: every negotiation and text write through the API, as every
role of `world()`.

The right role succeeds and records exactly one audit event of the service's
kind. Every other role is refused with an exact status and message, and
nothing changes: not a row, not an audit event. The statuses follow ADR 0004:
what the reader may not see is a 404 (outsiders and 'interested' parties do
not see a participants' document; only the secretariat and the chair see its
working copy), what the reader sees but may not do is a 403, and a write
without credentials is a 401 before anything is looked up.

The table runs with API tokens (scripts); the session (browser) is checked
for each write with and without its CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from accord.documents.services import CHANGE_REFUSED
from accord.record.models import Event
from tests.api.negotiation_scene import Negotiation, fingerprint, negotiation, writer
from tests.factories import ROLES

pytestmark = pytest.mark.django_db

DEFAULT_DENIAL = "You are not allowed to do this."
NO_CREDENTIALS = {"detail": "Sign in, or send 'Authorization: Bearer <token>', to change anything."}
CSRF_FAILED = {
    "detail": "CSRF check failed: send the value of the csrftoken cookie in an X-CSRFToken header."
}
# Roles that do not see a participants' document at all.
OUTSIDE = {"outsider", "interested"}
# Roles that see the document but not its working copy.
NO_WORKING_COPY = {"participant", "other_participant", "observer", "facilitator"}


@dataclass(frozen=True)
class Action:
    method: str
    url: Callable[[Negotiation], str]
    body: Callable[[Negotiation], Any]
    allowed: dict[str, int]
    event: str
    denial: str = DEFAULT_DENIAL
    on_working_copy: bool = False
    setup: Callable[[Negotiation], Any] = field(default=lambda n: None)


def _working_copy(n: Negotiation) -> None:
    n.working_copy()


def _uid(n: Negotiation, article: int) -> str:
    return str(n.articles[article - 1].uid)


ACTIONS: dict[str, Action] = {
    "table_proposal": Action(
        "post",
        lambda n: f"{n.url}/proposals",
        lambda n: {
            "version": 1,
            "provision": _uid(n, 1),
            "delegation": n.party("a"),
            "operation": "replace_text",
            "text": f"States [shall]{{{n.code('a')}}} cooperate.",
        },
        {"participant": 201},
        "proposal.tabled",
        denial="Only members of a participating delegation may table its proposals.",
    ),
    "withdraw_proposal": Action(
        "post",
        lambda n: f"{n.url}/proposals/1/withdraw",
        lambda n: {"reason": "Overtaken by P-2."},
        {"participant": 200},
        "proposal.withdrawn",
        denial="Only members of the proposing delegation may withdraw it.",
    ),
    "not_retain_proposal": Action(
        "post",
        lambda n: f"{n.url}/proposals/1/not-retained",
        lambda n: {"reason": "Outside the mandate."},
        {"secretariat": 200},
        "proposal.not_retained",
    ),
    "join_proposal": Action(
        "post",
        lambda n: f"{n.url}/proposals/2/cosponsors",
        lambda n: {"delegation": n.party("b")},
        {"other_participant": 201},
        "proposal.cosponsor_joined",
        denial="Only members of a participating delegation may sign it on.",
    ),
    "leave_proposal": Action(
        "delete",
        lambda n: f"{n.url}/proposals/1/cosponsors/{n.party('b')}",
        lambda n: None,
        {"other_participant": 200},
        "proposal.cosponsor_left",
        denial="Only members of that delegation may withdraw its co-sponsorship.",
    ),
    "set_proposals_deadline": Action(
        "put",
        lambda n: f"{n.url}/versions/1/proposals-deadline",
        lambda n: {"deadline": "2030-01-15T18:00:00+03:00"},
        {"secretariat": 200},
        "version.proposals_deadline_set",
    ),
    "compile_text": Action(
        "post",
        lambda n: f"{n.url}/versions/1/compile",
        lambda n: {"proposals": [1, 2], "label": "Compilation text"},
        {"secretariat": 201},
        "version.compiled",
    ),
    "record_position": Action(
        "post",
        lambda n: f"{n.url}/positions",
        lambda n: {
            "delegation": n.party("a"),
            "stance": "objection",
            "visibility": "delegation",
            "provision": _uid(n, 1),
            "reason": "Too vague.",
        },
        {"participant": 201},
        "position.recorded",
    ),
    "change_provision_status": Action(
        "post",
        lambda n: f"{n.url}/states/{_uid(n, 1)}/status",
        lambda n: {"status": "under_discussion"},
        {"chair": 200},
        "provision.status_changed",
        denial="Only the chair or the provision's facilitator decides its status.",
    ),
    "change_provision_status_of_the_facilitators_provision": Action(
        "post",
        lambda n: f"{n.url}/states/{_uid(n, 3)}/status",
        lambda n: {"status": "under_discussion"},
        {"chair": 200, "facilitator": 200},
        "provision.status_changed",
        denial="Only the chair or the provision's facilitator decides its status.",
    ),
    "assign_facilitator": Action(
        "post",
        lambda n: f"{n.url}/facilitators",
        lambda n: {"provisions": [_uid(n, 2)], "facilitator": n.person("facilitator").pk},
        {"secretariat": 200, "chair": 200},
        "provision.facilitator_assigned",
    ),
    "start_working_copy": Action(
        "post",
        lambda n: f"{n.url}/versions",
        lambda n: {"label": "Rev.1"},
        {"secretariat": 201},
        "version.started",
        denial=CHANGE_REFUSED,
    ),
    "add_provision": Action(
        "post",
        lambda n: f"{n.url}/versions/2/provisions",
        lambda n: {
            "kind": "article",
            "number": "4",
            "texts": {"en": {"heading": "Article 4", "text": "States [shall] review."}},
        },
        {"secretariat": 201},
        "provision.added",
        on_working_copy=True,
        setup=_working_copy,
        denial=CHANGE_REFUSED,
    ),
    "move_provision": Action(
        "post",
        lambda n: f"{n.url}/versions/2/provisions/{_uid(n, 3)}/move",
        lambda n: {"after": _uid(n, 1), "number": "1 bis"},
        {"secretariat": 200},
        "provision.moved",
        on_working_copy=True,
        setup=_working_copy,
        denial=CHANGE_REFUSED,
    ),
    "remove_provision": Action(
        "delete",
        lambda n: f"{n.url}/versions/2/provisions/{_uid(n, 2)}",
        lambda n: None,
        {"secretariat": 204},
        "provision.removed",
        on_working_copy=True,
        setup=_working_copy,
        denial=CHANGE_REFUSED,
    ),
    "set_provision_text": Action(
        "put",
        lambda n: f"{n.url}/versions/2/provisions/{_uid(n, 1)}/texts/en",
        lambda n: {
            "heading": "Article 1",
            "text": "States shall [fully] cooperate.",
            "expected_revision": 1,
        },
        {"secretariat": 200},
        "provision.text_set",
        on_working_copy=True,
        setup=_working_copy,
        denial=CHANGE_REFUSED,
    ),
    "publish_version": Action(
        "post",
        lambda n: f"{n.url}/versions/2/publish",
        lambda n: {"label": "Rev.1"},
        {"secretariat": 200},
        "version.published",
        on_working_copy=True,
        setup=_working_copy,
        denial=CHANGE_REFUSED,
    ),
}


def _scene(action: Action) -> Negotiation:
    """The zero draft, P-1 by A (co-sponsored by B) on article 1, P-2 by A on article 2."""
    n = negotiation()
    n.table("a", 1, cosponsors=[n.delegation("b")])
    n.table("a", 2, rationale="Clarity.")
    action.setup(n)
    return n


def _expected(n: Negotiation, action: Action, role: str) -> tuple[int, dict[str, str] | None]:
    """Status and body (None: the write's result) for `role`."""
    if role == "anonymous":
        return 401, NO_CREDENTIALS
    if role in action.allowed:
        return action.allowed[role], None
    if role in OUTSIDE:
        return 404, {"detail": f"There is no document {n.slug!r}, or you may not see it."}
    if action.on_working_copy and role in NO_WORKING_COPY:
        return 404, {"detail": f"Document {n.slug!r} has no version 2, or you may not see it."}
    return 403, {"detail": action.denial}


def _send(n: Negotiation, action: Action, client: Any) -> Any:
    return client.send(action.method, action.url(n), action.body(n))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_write_by_each_role(name, role):
    action = ACTIONS[name]
    n = _scene(action)
    client = writer(n.world.users[role], "token")  # creating a token is an event too
    before = fingerprint()
    last = Event.objects.order_by("-seq").first()
    response = _send(n, action, client)
    status, body = _expected(n, action, role)
    assert response.status_code == status, response.content
    if body is not None:
        assert response.json() == body
        assert fingerprint() == before
        return
    # Exactly one audit event, of the service's kind.
    assert list(Event.objects.filter(seq__gt=last.seq).values_list("kind", flat=True)) == [
        action.event
    ]
    assert fingerprint() != before


@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_write_from_the_browser_needs_the_csrf_token(name):
    action = ACTIONS[name]
    n = _scene(action)
    role = next(iter(action.allowed))
    user = n.world.users[role]
    before = fingerprint()

    refused = _send(n, action, writer(user, "session", csrf=False))
    assert refused.status_code == 403
    assert refused.json() == CSRF_FAILED
    assert fingerprint() == before

    accepted = _send(n, action, writer(user, "session"))
    assert accepted.status_code == action.allowed[role], accepted.content
    assert Event.objects.count() == before["events"] + 1


def test_the_tables_cover_every_write_of_the_api():
    """A new write endpoint must be added to the table above."""
    from tests.api.openapi_test import ENDPOINTS

    writes = {op for (method, _), op in ENDPOINTS.items() if method != "get"}
    covered = {name.split("_of_the_")[0] for name in ACTIONS}
    # Multipart, and two events (the document, its provisions): tests/api/exchange_test.py.
    elsewhere = {"import_documents"}
    assert covered | elsewhere == writes
