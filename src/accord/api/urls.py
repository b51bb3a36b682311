"""The JSON API, mounted at /api/v1/: schema at openapi.json, docs at docs.

Routers are split by area; each endpoint parses, authorises through the rules
and selectors the pages use, and shapes the answer. Writes arrive with later
issues and follow the same path (parse, call one service, render).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from accord.api import documents, errors, meetings, processes, record
from accord.api.auth import AUTH

DESCRIPTION = """\
Read access to Accord's processes, parties, meetings, documents and record.

**Authentication.** Anonymous requests see public data. Scripts send
`Authorization: Bearer <token>` (create one with
`accord manage create_api_token USERNAME --name NAME`); an unknown or revoked
token is refused with 401. The browser's session works too (unsafe methods
need the CSRF token in an `X-CSRFToken` header).

**Visibility.** The API applies the same rules as the pages. What you may not
see answers 404, exactly as if it did not exist, and is left out of lists.

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
        # Anonymous access is allowed everywhere: an empty requirement says so.
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                security = operation.get("security")
                if security is not None and {} not in security:
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
