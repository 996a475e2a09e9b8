"""The OpenAPI document at /api/v1/openapi.json, generated from the marshmallow schemas."""
import re

import pytest

from encounter.vocabulary import AREA_TYPES, DOCUMENT_TYPES, NEVER_COLLECTED
from server.schemas.encounter import EncounterBodySchema

DOC = "/api/v1/openapi.json"
# Names that would mean the API collects what it must never hold (BRIEF.md, "Never collect").
FORBIDDEN_NAME = re.compile(r"immigra|citizen|nationality|ethnic|country_of_origin|birth|alien|a_number", re.I)


@pytest.fixture
def doc(client) -> dict:
    """The served document."""
    response = client.get(DOC)
    assert response.status_code == 200
    return response.get_json()


def resolve(doc: dict, node: dict) -> dict:
    """Follow a local ``$ref`` to the schema it names."""
    while "$ref" in node:
        assert node["$ref"].startswith("#/")
        target = doc
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def property_names(node, path="$"):
    """Yield (where, name) for every property and parameter name anywhere in the document."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield from ((path, name) for name in node["properties"])
        if isinstance(node.get("name"), str) and node.get("in"):
            yield path, node["name"]
        for key, value in node.items():
            yield from property_names(value, f"{path}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from property_names(value, f"{path}/{n}")


def test_openapi_document_is_served_as_json_version_3_1(client):
    response = client.get(DOC)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert re.fullmatch(r"3\.1\.\d+", body["openapi"])
    assert body["info"]["title"] and body["info"]["version"]


def test_openapi_document_needs_no_token(client):
    assert client.get(DOC, headers={"Authorization": "Bearer not-a-token"}).status_code == 200


@pytest.mark.parametrize("path, method", [
    ("/api/v1/auth/login", "post"),
    ("/api/v1/auth/logout", "post"),
    ("/api/v1/me", "get"),
    ("/api/v1/sync/push", "post"),
    ("/api/v1/sync/pull", "get"),
    ("/api/v1/admin/devices", "get"),
    ("/api/v1/admin/devices/{device_id}/revoke", "post"),
])
def test_openapi_lists_every_endpoint(doc, path, method):
    assert method in doc["paths"][path]


def test_openapi_document_is_a_valid_openapi_3_1_document(doc):
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation import OpenAPIV31SpecValidator

    validate(doc, cls=OpenAPIV31SpecValidator)


def test_push_request_body_references_the_encounter_body_schema_with_its_properties(doc):
    request = doc["paths"]["/api/v1/sync/push"]["post"]["requestBody"]
    assert request["required"] is True
    envelope = resolve(doc, request["content"]["application/json"]["schema"])
    assert {"protocol", "device_id", "items"} <= set(envelope["required"])
    kinds = [resolve(doc, ref) for ref in envelope["properties"]["items"]["items"]["oneOf"]]
    assert [k["properties"]["kind"]["enum"] for k in kinds] == [["encounter"], ["answer"], ["alert"]]
    answer = resolve(doc, kinds[1]["properties"]["body"])
    assert set(answer["required"]) == {"followup_id", "text", "answered_at"}
    alert = resolve(doc, kinds[2]["properties"]["body"])
    assert set(alert["properties"]) == {"encounter_id", "site", "occurred_at", "agency"}
    assert set(alert["required"]) == {"encounter_id", "site", "occurred_at"} and alert["additionalProperties"] is False
    item = kinds[0]
    assert set(item["properties"]) == {"id", "kind", "schema_version", "body"}
    assert item["properties"]["id"]["format"] == "uuid"
    body = resolve(doc, item["properties"]["body"])
    # Generated from the marshmallow schema, not written by hand: the same fields, no more, no fewer.
    assert set(body["properties"]) == set(EncounterBodySchema().fields)
    assert body["properties"]["area_type"]["enum"] == list(AREA_TYPES)
    assert body["properties"]["document_type"]["enum"] == list(DOCUMENT_TYPES)
    assert {"site", "area_type", "started_at", "document_type", "steps"} <= set(body["required"])
    assert body.get("additionalProperties") is False
    step = resolve(doc, body["properties"]["steps"]["items"])
    assert step["properties"]["result"]["enum"] == ["done", "skipped", "not_applicable"]


def test_push_and_pull_responses_are_documented(doc):
    push = doc["paths"]["/api/v1/sync/push"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    result = resolve(doc, resolve(doc, push)["properties"]["results"]["items"])
    assert result["properties"]["status"]["enum"] == ["accepted", "duplicate", "conflict", "rejected"]
    pull = doc["paths"]["/api/v1/sync/pull"]["get"]
    assert {"cursor", "has_more", "changes"} <= set(
        resolve(doc, pull["responses"]["200"]["content"]["application/json"]["schema"])["properties"])
    assert {p["name"] for p in pull["parameters"] if p["in"] == "query"} == {"cursor", "limit"}


def test_no_property_anywhere_in_the_document_is_named_for_status_nationality_or_identity(doc):
    names = list(property_names(doc))
    assert len(names) > 50  # the walk does reach the schemas
    assert [(where, name) for where, name in names if FORBIDDEN_NAME.search(name) or name in NEVER_COLLECTED] == []


def test_login_documents_its_credentials_and_never_returns_the_password(doc):
    login = doc["paths"]["/api/v1/auth/login"]["post"]
    request = resolve(doc, login["requestBody"]["content"]["application/json"]["schema"])
    assert {"username", "password", "device_id"} <= set(request["required"])
    assert request["properties"]["device_id"]["format"] == "uuid"
    token = resolve(doc, login["responses"]["200"]["content"]["application/json"]["schema"])
    user = resolve(doc, token["properties"]["user"])
    assert "password" not in token["properties"] and "password" not in user["properties"]


SIGN_IN = {"/api/v1/auth/login", "/api/v1/auth/options", "/api/v1/auth/oidc/start", "/api/v1/auth/oidc/callback",
           "/api/v1/auth/oidc/finish"}


def test_every_operation_but_sign_in_and_health_declares_the_bearer_scheme(doc):
    assert doc["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            open_ = path in SIGN_IN | {"/api/v1/health"}
            assert (operation.get("security") == [{"bearer": []}]) is not open_, (method, path)
