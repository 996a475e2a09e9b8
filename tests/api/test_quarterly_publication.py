"""A published quarter stays what was published: one snapshot, read back as published, late reports only as a band."""
import csv
import io
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from server.citytime import CITY_TZ
from server.extensions import db
from server.models import AuditEntry, QuarterlyPublication
from tests.api.reports_support import QUIET, error_body, push_reports
from tests.factories import encounter_body

QUARTERLY = "/api/v1/reports/quarterly"
PUBLISH = "/api/v1/reports/quarterly/publication"
Q3 = {"year": 2026, "quarter": 3}


def body(world, dept="A", **fields):
    return encounter_body(world, dept, **{**QUIET, "started_at": "2026-08-20T15:00:00Z", "ended_at": None, **fields})


@pytest.fixture
def built(client, world, login):
    """2026 Q3 (over): department A 6 reports, B 2."""
    push_reports(client, login("field.a"), [body(world, outcome="left_without_action") for _ in range(6)])
    push_reports(client, login("field.b"), [body(world, "B"), body(world, "B")])


def read(client, headers, **query):
    response = client.get(QUARTERLY, headers=headers, query_string={**Q3, **query})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def publish(client, headers, **fields):
    digest = read(client, headers)["digest"]
    return client.post(PUBLISH, headers=headers, json={**Q3, "digest": digest, **fields})


def tables(report):
    return {t["name"]: {row["department"]: row["cells"] for row in t["rows"]} for t in report["tables"]}


def test_the_mayors_office_publishes_an_ended_quarter_once_and_reads_the_snapshot_back(client, built, login):
    mayor = login("mayor").headers
    shown = read(client, mayor)
    assert (shown["status"], shown["ended"], shown["published_at"]) == ("live", True, None)
    assert shown["arrived_since"] is None
    response = publish(client, mayor)
    assert response.status_code == 201, response.get_data(as_text=True)
    published = response.get_json()
    # Who published is a staff name: the Mayor's Office reads none (encounter/views.py), an administrator does.
    assert (published["status"], published["published_by"]) == ("published", None)
    assert read(client, login("admin").headers)["published_by"] == "Mayor"
    assert published["arrived_since"] == "none"
    at = datetime.fromisoformat(published["published_at"].replace("Z", "+00:00"))
    assert abs((datetime.now(timezone.utc) - at).total_seconds()) < 60
    assert published["tables"] == shown["tables"] and published["digest"] == shown["digest"]
    assert read(client, mayor)["status"] == "published"
    again = error_body(publish(client, mayor), 409, "already_published")
    assert "already published" in again["message"]
    assert db.session.scalar(select(db.func.count()).select_from(QuarterlyPublication)) == 1
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "quarterly.publish")).one()
    assert entry.details == Q3 and entry.actor_id is not None  # the quarter only: no figure, no name


def test_a_late_report_leaves_the_published_quarter_as_it_was_and_is_told_only_as_a_band(client, world, built, login):
    mayor = login("mayor").headers
    published = publish(client, mayor).get_json()
    push_reports(client, login("field.a"), [body(world, outcome="arrest_made")])
    after = read(client, mayor)
    assert after["tables"] == published["tables"] and after["status"] == "published"
    assert after["published_at"] == published["published_at"] and after["arrived_since"] == "1-4"
    live = read(client, mayor, live="true")
    assert live["status"] == "live" and live["published_at"] == published["published_at"]
    assert tables(live)["outcomes"]["total"]["total"] == 9 != tables(after)["outcomes"]["total"]["total"]
    # A department's published report is cut from the snapshot; its late reports are counted apart.
    own = read(client, mayor, department="A")
    a_row = tables(published)["outcomes"]["A"]
    assert tables(own)["outcomes"] == {"A": a_row, "total": a_row}
    assert own["arrived_since"] == "1-4" and read(client, mayor, department="B")["arrived_since"] == "none"
    push_reports(client, login("field.a"), [body(world) for _ in range(5)])
    assert read(client, mayor)["arrived_since"] == "5-9"
    push_reports(client, login("field.b"), [body(world, "B") for _ in range(4)])
    assert read(client, mayor)["arrived_since"] == "10+" and read(client, mayor)["tables"] == published["tables"]


def test_the_published_csv_is_the_snapshot_and_the_live_one_says_it_is_not_published(client, world, built, login):
    mayor = login("mayor").headers
    published = publish(client, mayor).get_json()
    push_reports(client, login("field.b"), [body(world, "B", outcome="arrest_made")])
    response = client.get(f"{QUARTERLY}.csv", headers=mayor, query_string=Q3)
    assert 'quarterly-2026-Q3-published.csv"' in response.headers["Content-Disposition"]
    rows = {(r["table"], r["department"], r["column"]): r["reports"]
            for r in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}
    assert rows == {(name, dept, column): str(value) for name, table in tables(published).items()
                    for dept, row in table.items() for column, value in row.items()}
    live = client.get(f"{QUARTERLY}.csv", headers=mayor, query_string={**Q3, "live": "true"})
    assert 'quarterly-2026-Q3-not-published.csv"' in live.headers["Content-Disposition"]
    assert live.get_data() != response.get_data()


def test_tables_that_changed_since_they_were_shown_are_not_published(client, world, built, login):
    mayor = login("mayor").headers
    digest = read(client, mayor)["digest"]
    push_reports(client, login("field.a"), [body(world, outcome="arrest_made")])
    error_body(client.post(PUBLISH, headers=mayor, json={**Q3, "digest": digest}), 409, "changed_since_shown")
    assert read(client, mayor)["status"] == "live"


def _today_quarter():
    today = datetime.now(CITY_TZ).date()
    return {"year": today.year, "quarter": (today.month - 1) // 3 + 1}


@pytest.mark.parametrize("quarter", [_today_quarter(), {"year": 2100, "quarter": 4}], ids=["today's", "to come"])
def test_a_quarter_not_over_cannot_be_published(client, built, login, quarter):
    mayor = login("mayor").headers
    shown = client.get(QUARTERLY, headers=mayor, query_string=quarter).get_json()
    assert shown["ended"] is False
    response = client.post(PUBLISH, headers=mayor, json={**quarter, "digest": shown["digest"]})
    assert "not over yet" in error_body(response, 409, "quarter_not_over")["message"]
    assert db.session.scalar(select(db.func.count()).select_from(QuarterlyPublication)) == 0


@pytest.mark.parametrize("username", ["admin", "liaison.a", "trainer", "trainer.a", "field.a", "counsel"])
def test_only_the_mayors_office_publishes(client, world, built, login, username):
    from tests.factories import add_user

    if username == "counsel":
        add_user("counsel", "counsel", None)
    digest = read(client, login("mayor").headers)["digest"]
    response = client.post(PUBLISH, headers=login(username).headers, json={**Q3, "digest": digest})
    error_body(response, 403, "forbidden_role")
    assert db.session.scalar(select(db.func.count()).select_from(QuarterlyPublication)) == 0


@pytest.mark.parametrize("path", [QUARTERLY, f"{QUARTERLY}.csv"])
@pytest.mark.parametrize("username", ["liaison.a", "trainer.a", "field.a"])
def test_department_roles_read_no_published_quarter(client, built, login, path, username):
    assert publish(client, login("mayor").headers).status_code == 201
    response = client.get(path, headers=login(username).headers, query_string={**Q3, "department": "A"})
    error_body(response, 403, "forbidden_role")


def test_a_department_scoped_reader_is_never_given_another_departments_rows_of_a_snapshot(client, world, built, login):
    """The rule behind the 403 above, should a department role ever read the aggregate: its own rows only."""
    from server.reports import publication
    from sync.envelope import Principal

    assert publish(client, login("mayor").headers).status_code == 201
    liaison = world.users["liaison.a"]
    principal = Principal(liaison.id, "liaison", liaison.department_id, uuid.uuid4())
    report = publication.read(dict(Q3), principal)
    assert {row["department"] for t in report["tables"] for row in t["rows"]} == {"A", "total"}
    assert report["digest"] is None


@pytest.mark.parametrize("fields", [
    {"digest": None}, {"quarter": 5}, {"year": "2026"}, {"year": 1999}, {"digest": "not-a-digest"},
    {"department": "A"}, {"revision": 2}], ids=str)
def test_a_bad_publish_request_is_a_clear_422(client, built, login, fields):
    mayor = login("mayor").headers
    payload = {**Q3, "digest": read(client, mayor)["digest"], **fields}
    error_body(client.post(PUBLISH, headers=mayor, json={k: v for k, v in payload.items() if v is not None}), 422)
    assert db.session.scalar(select(db.func.count()).select_from(QuarterlyPublication)) == 0


@pytest.mark.parametrize("query", [{"live": "perhaps"}, {"quarter": 0}])
def test_a_bad_quarterly_query_is_a_clear_422(client, built, login, query):
    error_body(client.get(QUARTERLY, headers=login("mayor").headers, query_string={**Q3, **query}), 422)


@pytest.mark.parametrize("quarter", [{"year": 2025, "quarter": 2}, {"year": 2024, "quarter": 4}], ids=str)
def test_a_quarter_before_the_citys_first_report_is_refused_with_the_first_one_named(client, built, login, quarter):
    mayor = login("mayor").headers
    digest = read(client, mayor)["digest"]
    for response in (client.get(QUARTERLY, headers=mayor, query_string=quarter),
                     client.get(f"{QUARTERLY}.csv", headers=mayor, query_string=quarter),
                     client.post(PUBLISH, headers=mayor, json={**quarter, "digest": digest})):
        body = error_body(response, 422)
        assert "2025 Q3" in body["errors"]["json" if response.request.method == "POST" else "query"]["quarter"][0]
    assert db.session.scalar(select(db.func.count()).select_from(QuarterlyPublication)) == 0


def test_the_citys_first_quarter_is_read(client, built, login):
    assert read(client, login("mayor").headers, year=2025, quarter=3)["tables"]


def test_the_quarterly_operations_answer_as_the_openapi_document_declares_for_the_mayors_office(
        app, client, backend, built, login):
    """The suite's conformance run signs in as roles the publish refuses; here the Mayor's Office publishes:
    201, then 409, the published page and CSV, and generated requests, each checked against the document."""
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings

    from server.extensions import limiter
    from tests.api.test_openapi_conformance import CHECKS

    if backend != "sqlite":
        pytest.skip("the document is the same on every backend")
    app.config["RATELIMIT_ENABLED"] = False
    limiter.enabled = False
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = dict(login("mayor").headers)
    page = schema["/api/v1/reports/quarterly"]["GET"]
    sheet = schema["/api/v1/reports/quarterly.csv"]["GET"]
    post = schema["/api/v1/reports/quarterly/publication"]["POST"]
    digest = read(client, headers)["digest"]
    statuses = []
    for operation, kwargs in ((post, {"body": {**Q3, "digest": digest}}), (post, {"body": {**Q3, "digest": digest}}),
                              (page, {"query": Q3}), (page, {"query": {**Q3, "live": "true"}}), (sheet, {"query": Q3})):
        response = operation.Case(headers=headers, **kwargs).call_and_validate(checks=CHECKS)
        statuses.append(response.status_code)
    assert statuses == [201, 409, 200, 200, 200]
    for operation in (page, sheet, post):
        @settings(max_examples=10, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            case.headers = {**(case.headers or {}), **headers}
            try:
                case.call_and_validate(checks=CHECKS)
            except BaseExceptionGroup as failures:
                raise AssertionError(str(failures)) from None

        check()
    limiter.enabled = True


def test_a_report_received_before_publishing_but_not_in_the_tables_is_told_as_arrived_since(
        client, world, built, login):
    """A push received a moment before the Publish whose transaction committed after the tables were computed:
    its received_at is earlier than published_at, yet it is in no published figure; the desk must not say none."""
    from sqlalchemy import update

    from server.models import Encounter

    mayor = login("mayor").headers
    published = publish(client, mayor).get_json()
    [late] = push_reports(client, login("field.b"), [body(world, "B", outcome="arrest_made")])
    entry = db.session.scalars(select(QuarterlyPublication)).one()
    db.session.execute(update(Encounter).where(Encounter.id == uuid.UUID(late))
                       .values(received_at=entry.published_at.replace(microsecond=0) - timedelta(seconds=1)))
    db.session.commit()
    after = read(client, mayor)
    assert after["tables"] == published["tables"]
    assert after["arrived_since"] == "1-4"
    assert read(client, mayor, department="B")["arrived_since"] == "1-4"
    assert read(client, mayor, department="A")["arrived_since"] == "none"


def test_the_counts_a_snapshot_was_computed_from_are_stored_and_never_served(client, world, built, login):
    mayor = login("mayor").headers
    published = publish(client, mayor).get_json()
    assert db.session.scalars(select(QuarterlyPublication)).one().counted == {"A": 6, "B": 2}
    assert "counted" not in published and "counted" not in read(client, mayor, department="B")


def test_the_openapi_document_names_every_status_and_band_the_quarterly_answer_can_hold(client):
    """A client generated from the document knows the closed values, not only a description of them."""
    from encounter.disclosure import ARRIVED_BANDS

    properties = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Quarterly"]["properties"]
    assert properties["status"]["enum"] == ["published", "live"]
    assert properties["arrived_since"]["enum"] == [*(band for _, band in ARRIVED_BANDS), None]


def test_two_desks_publishing_at_once_store_one_snapshot_and_the_other_is_told_409(
        app, client, backend, built, login, monkeypatch):
    """Both past "not published yet" before either stores: the unique quarter turns the second into 409, not 500."""
    if backend != "postgresql":
        pytest.skip("two connections at once: PostgreSQL")
    mayor = login("mayor").headers
    digest = read(client, mayor)["digest"]
    import threading

    from server.reports import publication

    both = threading.Barrier(2, timeout=20)
    citywide = publication.quarterlies.citywide

    def at_once(*args):
        both.wait()  # both desks past "not published yet" before either stores
        return citywide(*args)

    monkeypatch.setattr(publication.quarterlies, "citywide", at_once)
    answers = []

    def desk():
        with app.test_client() as other:
            response = other.post(PUBLISH, headers=mayor, json={**Q3, "digest": digest})
            answers.append((response.status_code, (response.get_json() or {}).get("reason")))

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answers) == [(201, None), (409, "already_published")]
    db.session.remove()
    assert db.session.scalar(select(db.func.count()).select_from(QuarterlyPublication)) == 1
    assert db.session.scalar(select(db.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "quarterly.publish")) == 1
