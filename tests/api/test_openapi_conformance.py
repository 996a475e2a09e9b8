"""The OpenAPI document is the truth: schemathesis calls every operation as a field user, a liaison and an
administrator, and every answer must match what the document declares (status, content type, headers, schema).

Why: a client generated from the document (or the phone's own parser) must accept every real answer,
errors included. Examples per operation are few (the suite must stay quick); the checks are all of them.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import Phase

from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_headers_conformance,
                                               response_schema_conformance, status_code_conformance)

from server.extensions import limiter

EXAMPLES = 5
ROLES = ["field.a", "liaison.a", "admin"]
# What the document promises about answers. (Whether it describes every input rule, schemathesis'
# positive_data_acceptance, is not claimed: dates in range, cursors and codes are checked only by the server.)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def api_schema(app):
    """The served document, loaded by schemathesis against the app itself (WSGI, no network)."""
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.mark.parametrize("username", ROLES)
def test_every_answer_of_every_operation_matches_the_openapi_document(app, client, backend, api_schema, world, login,
                                                                     username):
    """On SQLite: the document does not depend on the backend, and the run is the slowest of the suite."""
    if backend != "sqlite":
        pytest.skip("the document is the same on every backend; one run is enough")
    app.config["RATELIMIT_ENABLED"] = False  # generated calls are many; 429s are tested apart
    limiter.enabled = False
    headers = login(username).headers
    _some_reports(client, world, login)
    failures = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    # Signing out ends the token every other call uses: last.
    operations.sort(key=lambda operation: operation.path == "/api/v1/auth/logout")
    assert len(operations) >= 30
    for operation in operations:
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            case.headers = {**(case.headers or {}), **headers}  # the role's token, not a generated one
            try:
                case.call_and_validate(checks=CHECKS)
            except BaseExceptionGroup as failures_found:  # schemathesis' FailureGroup is no Exception
                raise AssertionError(str(failures_found)) from None

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # collect every operation's failure, report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
    limiter.enabled = True
    assert not failures, f"{len(failures)} operations disagree with the document:\n\n" + "\n\n".join(failures)


def _some_reports(client, world, login) -> None:
    """Reports with a question and a note, so lists and details have items whose every field is checked."""
    from tests.api.triage_support import report_of, triage

    field = login("field.a")
    liaison = login("liaison.a")
    for overrides in ({}, {"non_public_entered": True, "minors_present": True}):
        report = report_of(client, world, field, **overrides)
        for action, body in (("questions", {"text": "Was a warrant shown?"}), ("notes", {"text": "Called counsel."}),
                             ("status", {"to": "acknowledged"})):
            assert triage(client, liaison, report, action, body).status_code in (200, 201)
