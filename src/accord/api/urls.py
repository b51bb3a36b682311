"""The JSON API, mounted at /api/v1/: schema at openapi.json, docs at docs.

Routers are split by area; each read parses, authorises through the rules
and selectors the pages use, and shapes the answer; each write parses, fetches
what it names through `lookups`, calls one service (which checks the rules and
the state) and renders the result.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from accord.api import (
    concordance,
    documents,
    errors,
    exchange,
    meetings,
    positions,
    processes,
    proposals,
    record,
    status,
    texts,
)
from accord.api.auth import AUTH

DESCRIPTION = """\
Accord's processes, parties, meetings, documents and record, and the
negotiation of a text: proposals, compilation texts, positions, provision
status and redlines.

**Authentication.** Anonymous requests may read public data. Scripts send
`Authorization: Bearer <token>` (create one with
`accord manage create_api_token USERNAME --name NAME`); an unknown or revoked
token is refused with 401. The browser's session works too (unsafe methods
need the CSRF token in an `X-CSRFToken` header). Every write needs a token or
a session: without one it is refused with 401.

**Visibility.** The API applies the same rules as the pages. What you may not
see answers 404, exactly as if it did not exist, and is left out of lists.
What you may see but not do answers 403.

**Writes.** Each write calls one service, which checks the rules and the
state and records one audit event. Invalid input is a 400 (for negotiation
markup the message gives the line and column); a state that forbids the
action, or a text that changed since you read it, is a 409.

**Shapes.** Multilingual fields are `{language code: text}` objects. Lists are
paginated with `?page=` and `?page_size=`. Errors are `{"detail": ...}`.
"""


class AccordAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Short, stable ids for generated clients: list_documents, get_meeting, ...
        return str(operation.view_func.__name__)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # Anonymous reading is allowed everywhere: an empty requirement says so.
        # Writes (every method but GET) need a token or a session.
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                security = operation.get("security")
                if method == "get" and security is not None and {} not in security:
                    security.append({})
        return schema


api = AccordAPI(
    title="Accord API", version="1", description=DESCRIPTION, urls_namespace="api", auth=AUTH
)
errors.install(api)
api.add_router("", processes.parties_router)
api.add_router("", processes.router)
api.add_router("", meetings.router)
api.add_router("", documents.router)
api.add_router("", record.router)
api.add_router("", texts.router)
api.add_router("", proposals.router)
api.add_router("", positions.router)
api.add_router("", status.router)
api.add_router("", concordance.router)
api.add_router("", exchange.router)
