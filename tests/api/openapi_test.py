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


def test_every_endpoint_takes_a_token_a_session_or_nobody(schema):
    assert schema["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"},
        "BrowserSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    for key, operation in _operations(schema):
        assert operation["security"] == [{"BearerToken": []}, {"BrowserSession": []}, {}], key


def test_errors_and_pages_are_documented(schema):
    for (_, path), operation in _operations(schema):
        codes = set(operation["responses"])
        assert codes == ({"200", "401", "404"} if "{slug}" in path else {"200", "401"}), path
        if operation["operationId"].startswith("list_"):
            names = {p["name"] for p in operation["parameters"]}
            assert {"page", "page_size"} <= names, path
    provisions = schema["paths"]["/api/v1/documents/{slug}/versions/{number}/provisions"]["get"]
    assert "lang" in {p["name"] for p in provisions["parameters"]}


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
