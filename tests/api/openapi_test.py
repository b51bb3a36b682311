"""The OpenAPI schema at /api/v1/openapi.json and the docs at /api/v1/docs."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/v1/parties"): "list_parties",
    ("get", "/api/v1/parties/{slug}"): "get_party",
    ("get", "/api/v1/processes"): "list_processes",
    ("get", "/api/v1/processes/{slug}"): "get_process",
    ("get", "/api/v1/processes/{slug}/participations"): "list_participations",
    ("get", "/api/v1/processes/{slug}/delegations"): "list_delegations",
    ("get", "/api/v1/processes/{slug}/meetings"): "list_meetings",
    ("get", "/api/v1/meetings/{slug}"): "get_meeting",
    ("get", "/api/v1/processes/{slug}/documents"): "list_documents",
    ("get", "/api/v1/documents/{slug}"): "get_document",
    ("get", "/api/v1/documents/{slug}/versions"): "list_versions",
    ("get", "/api/v1/documents/{slug}/versions/{number}"): "get_version",
    ("get", "/api/v1/documents/{slug}/versions/{number}/provisions"): "list_provisions",
    ("get", "/api/v1/processes/{slug}/record"): "list_record",
    # The negotiation: reads.
    ("get", "/api/v1/documents/{slug}/proposals"): "list_proposals",
    ("get", "/api/v1/documents/{slug}/proposals/{number}"): "get_proposal",
    ("get", "/api/v1/documents/{slug}/positions"): "list_positions",
    ("get", "/api/v1/documents/{slug}/versions/{number}/matrix"): "get_position_matrix",
    ("get", "/api/v1/documents/{slug}/states"): "list_provision_states",
    ("get", "/api/v1/documents/{slug}/states/{uid}"): "get_provision_state",
    ("get", "/api/v1/documents/{slug}/versions/{number}/dashboard"): "get_status_dashboard",
    ("get", "/api/v1/documents/{slug}/versions/{number}/compilation"): "list_compilation",
    ("get", "/api/v1/documents/{slug}/versions/{number}/concordance"): "get_concordance",
    ("get", "/api/v1/documents/{slug}/versions/{number}/stale-texts"): "list_stale_texts",
    ("get", "/api/v1/documents/{slug}/redline"): "get_redline",
    # Files in and out.
    ("get", "/api/v1/documents/{slug}/versions/{number}/export"): "export_version",
    ("post", "/api/v1/processes/{slug}/documents/import"): "import_documents",
    # The negotiation: writes.
    ("post", "/api/v1/documents/{slug}/proposals"): "table_proposal",
    ("post", "/api/v1/documents/{slug}/proposals/{number}/withdraw"): "withdraw_proposal",
    ("post", "/api/v1/documents/{slug}/proposals/{number}/not-retained"): "not_retain_proposal",
    ("post", "/api/v1/documents/{slug}/proposals/{number}/cosponsors"): "join_proposal",
    ("delete", "/api/v1/documents/{slug}/proposals/{number}/cosponsors/{party}"): "leave_proposal",
    (
        "put",
        "/api/v1/documents/{slug}/versions/{number}/proposals-deadline",
    ): "set_proposals_deadline",
    ("post", "/api/v1/documents/{slug}/versions/{number}/compile"): "compile_text",
    ("post", "/api/v1/documents/{slug}/positions"): "record_position",
    ("post", "/api/v1/documents/{slug}/states/{uid}/status"): "change_provision_status",
    ("post", "/api/v1/documents/{slug}/facilitators"): "assign_facilitator",
    # The text of a working copy.
    ("post", "/api/v1/documents/{slug}/versions"): "start_working_copy",
    ("post", "/api/v1/documents/{slug}/versions/{number}/provisions"): "add_provision",
    ("post", "/api/v1/documents/{slug}/versions/{number}/provisions/{uid}/move"): "move_provision",
    (
        "delete",
        "/api/v1/documents/{slug}/versions/{number}/provisions/{uid}",
    ): "remove_provision",
    (
        "put",
        "/api/v1/documents/{slug}/versions/{number}/provisions/{uid}/texts/{lang}",
    ): "set_provision_text",
    ("post", "/api/v1/documents/{slug}/versions/{number}/publish"): "publish_version",
}
# Reads that a reader of the document may be refused (as on their pages).
REFUSED_READS = {"get_position_matrix"}
INVALID_READS = {"export_version"}  # a format, language or combination that does not exist
CREATED = {
    "import_documents",
    "table_proposal",
    "join_proposal",
    "compile_text",
    "record_position",
    "start_working_copy",
    "add_provision",
}


@pytest.fixture
def schema() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield (method, path), operation


def test_the_schema_lists_every_endpoint_with_a_stable_operation_id(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Accord API"
    assert {key: op["operationId"] for key, op in _operations(schema)} == ENDPOINTS


def test_reads_take_a_token_a_session_or_nobody_and_writes_a_token_or_a_session(schema):
    assert schema["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"},
        "BrowserSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    for (method, path), operation in _operations(schema):
        nobody = [{}] if method == "get" else []
        assert operation["security"] == [
            {"BearerToken": []},
            {"BrowserSession": []},
            *nobody,
        ], (method, path)


def test_errors_and_pages_are_documented(schema):
    for (method, path), operation in _operations(schema):
        codes = set(operation["responses"])
        if method == "get":
            expected = {"200", "401", "404"} if "{slug}" in path else {"200", "401"}
            if operation["operationId"] in REFUSED_READS:
                expected.add("403")
            if operation["operationId"] in INVALID_READS:
                expected.add("400")
            assert codes == expected, path
            continue
        name = operation["operationId"]
        ok = "201" if name in CREATED else "204" if name == "remove_provision" else "200"
        assert codes == {ok, "400", "401", "403", "404", "409"}, (method, path)
        assert "requestBody" in operation or method == "delete", path
        if operation["operationId"].startswith("list_"):
            names = {p["name"] for p in operation["parameters"]}
            assert {"page", "page_size"} <= names, path
    provisions = schema["paths"]["/api/v1/documents/{slug}/versions/{number}/provisions"]["get"]
    assert "lang" in {p["name"] for p in provisions["parameters"]}
    redline = schema["paths"]["/api/v1/documents/{slug}/redline"]["get"]
    assert {p["name"] for p in redline["parameters"]} == {"slug", "from", "to", "lang", "view"}
    text_conflict = schema["paths"][
        "/api/v1/documents/{slug}/versions/{number}/provisions/{uid}/texts/{lang}"
    ]["put"]["responses"]["409"]["content"]["application/json"]["schema"]
    assert text_conflict == {"$ref": "#/components/schemas/TextConflictOut"}


def test_multilingual_fields_and_fuzzy_dates_are_described(schema):
    components = schema["components"]["schemas"]
    assert set(components["FuzzyDate"]["properties"]) == {"date", "precision", "weekday", "display"}
    title = components["ProcessOut"]["properties"]["title"]
    assert title["type"] == "object"
    assert title["additionalProperties"] == {"type": "string"}


def test_the_docs_page_loads_the_schema():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content
