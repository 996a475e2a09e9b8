"""GET /sync/pull: what a phone receives, paged, resumable, each change exactly once."""
import time

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError

from server.changes import record_change
from server.db_guard import engine_options
from server.extensions import db
from server.models import ChangeLogEntry
from tests.api.pull_support import (  # noqa: F401  (field_a: a fixture)
    PULL, add_site_changes, assert_error_shape, field_a, keys, pull, pull_all,
)


def test_pull_from_the_start_gives_the_departments_sites_and_checklist_versions(client, world, field_a):
    page = pull(client, field_a)
    by_key = {(c["kind"], c["id"]): c for c in page["changes"]}
    version = world.versions["A"]
    assert set(by_key) == {("site", "site-a1"), ("site", "site-a2"), ("checklist_version", str(version.id))}
    assert by_key[("site", "site-a1")]["data"] == world.sites["site-a1"].to_dict()
    assert by_key[("checklist_version", str(version.id))]["data"]["steps"] == version.steps
    assert all(c["op"] == "upsert" for c in page["changes"])
    assert page["has_more"] is False and page["cursor"].startswith("c2.")


def test_an_empty_cursor_means_from_the_start(client, world, field_a):
    assert pull(client, field_a, cursor="")["changes"] == pull(client, field_a)["changes"]


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_paging_with_a_small_limit_walks_every_change_exactly_once(client, world, field_a, limit):
    extra = add_site_changes(world, "A", 4)
    everything = keys(pull(client, field_a, limit=500)["changes"])
    changes, _cursor, pages = pull_all(client, field_a, limit=limit)
    assert len(everything) == 3 + len(extra)
    assert keys(changes) == everything
    assert pages == -(-len(everything) // limit)


def test_has_more_is_true_only_while_changes_remain(client, world, field_a):
    first = pull(client, field_a, limit=2)
    second = pull(client, field_a, cursor=first["cursor"], limit=2)
    assert (len(first["changes"]), first["has_more"]) == (2, True)
    assert (len(second["changes"]), second["has_more"]) == (1, False)


def test_a_page_exactly_as_long_as_what_remains_says_there_is_no_more(client, world, field_a):
    page = pull(client, field_a, limit=3)
    assert len(page["changes"]) == 3 and page["has_more"] is False


def test_pulling_again_from_the_last_cursor_gives_nothing_and_keeps_the_cursor(client, world, field_a):
    _changes, cursor, _pages = pull_all(client, field_a)
    page = pull(client, field_a, cursor=cursor)
    assert (page["changes"], page["cursor"], page["has_more"]) == ([], cursor, False)


def test_a_change_recorded_after_a_pull_arrives_on_the_next_pull_exactly_once(client, world, field_a):
    _changes, cursor, _pages = pull_all(client, field_a)
    added = add_site_changes(world, "A", 1)
    next_page = pull(client, field_a, cursor=cursor)
    after = pull(client, field_a, cursor=next_page["cursor"])
    assert keys(next_page["changes"]) == added
    assert after["changes"] == []


def test_a_change_committed_while_an_older_transaction_runs_is_held_back_said_so_and_arrives_after(
        backend, client, world, field_a):
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers: no transaction can commit while an earlier one is open")
    _changes, cursor, _pages = pull_all(client, field_a)
    with db.engine.connect() as other:
        other.execute(text("SELECT pg_current_xact_id()"))  # a write transaction that began before the change
        added = add_site_changes(world, "A", 1)
        held = client.get(PULL, headers=field_a.headers, query_string={"cursor": cursor}).get_json()
        other.rollback()
    assert held["changes"] == [] and held["cursor"] == cursor
    assert held["held_back"] is True and held["has_more"] is False
    page = pull(client, field_a, cursor=cursor)
    assert keys(page["changes"]) == added
    assert page["held_back"] is False


def test_a_session_of_the_app_left_idle_in_a_transaction_is_ended_and_stops_holding_back_pulls(
        backend, app, client, world, field_a):
    if backend != "postgresql":
        pytest.skip("SQLite has no pull horizon and no idle-in-transaction timeout")
    options = engine_options({**app.config, "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS": 300})
    stuck_engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], **options)
    _changes, cursor, _pages = pull_all(client, field_a)
    try:
        stuck = stuck_engine.connect()
        stuck.execute(text("SELECT pg_current_xact_id()"))  # a write transaction, then nothing more
        added = add_site_changes(world, "A", 1)
        held = client.get(PULL, headers=field_a.headers, query_string={"cursor": cursor}).get_json()
        assert held["held_back"] is True
        time.sleep(1.0)  # the server ends the stuck session after 300 ms idle
        page = pull(client, field_a, cursor=cursor)
        assert keys(page["changes"]) == added and page["held_back"] is False
        with pytest.raises(DBAPIError, match="idle-in-transaction timeout"):
            stuck.execute(text("SELECT 1"))
    finally:
        stuck_engine.dispose()


def test_changes_recorded_between_pages_are_neither_skipped_nor_repeated(client, world, field_a):
    seen, cursor = [], None
    for round_ in range(4):
        if round_:
            add_site_changes(world, "A", 1)
        page = pull(client, field_a, **({"cursor": cursor} if cursor else {}), limit=1)
        seen += keys(page["changes"])
        cursor = page["cursor"]
    rest, _cursor, _pages = pull_all(client, field_a, cursor=cursor, limit=1)
    seen += keys(rest)
    assert sorted(seen) == sorted(keys(pull(client, field_a, limit=500)["changes"]))
    assert len(seen) == len(set(seen)) == 3 + 3


def test_a_personal_change_reaches_its_recipient_only(client, world, login):
    devices = {name: login(name) for name in ("field.a", "field.a2", "liaison.a", "mayor", "admin")}
    cursors = {name: pull_all(client, d)[1] for name, d in devices.items()}
    record_change("report_status", "enc-1", {"status": "acknowledged"}, department_id=world.departments["A"].id,
                  recipient_id=world.users["field.a"].id)
    db.session.commit()
    got = {name: keys(pull(client, d, cursor=cursors[name])["changes"]) for name, d in devices.items()}
    assert got == {"field.a": [("report_status", "enc-1")], "field.a2": [], "liaison.a": [], "mayor": [], "admin": []}


def test_a_limit_over_the_maximum_is_capped_at_pull_max_limit(app, client, world, field_a, monkeypatch):
    monkeypatch.setitem(app.config, "PULL_MAX_LIMIT", 2)
    page = pull(client, field_a, limit=1000)
    assert (len(page["changes"]), page["has_more"]) == (2, True)


def test_the_default_limit_is_at_most_pull_max_limit(app, client, world, field_a, monkeypatch):
    monkeypatch.setitem(app.config, "PULL_MAX_LIMIT", 1)
    page = pull(client, field_a)
    assert (len(page["changes"]), page["has_more"]) == (1, True)


def test_a_limit_far_over_the_maximum_is_capped_not_refused(app, client, world, field_a, monkeypatch):
    monkeypatch.setitem(app.config, "PULL_MAX_LIMIT", 2)
    page = pull(client, field_a, limit=10**6)
    assert (len(page["changes"]), page["has_more"]) == (2, True)


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "", "2.5"])
def test_a_limit_that_is_not_a_positive_integer_is_4xx(client, world, field_a, limit):
    error = assert_error_shape(client.get(PULL, headers=field_a.headers, query_string={"limit": limit}), 422)
    assert "limit" in str(error["errors"])


@pytest.mark.parametrize("cursor", ["garbage", "c1", "c1.5", "c1.1.2.3", "c2.1.1", "c1.-1.0", "c1.a.b", "c1. 1.2",
                                    "c1.1.2 ", "c1.\u0661.1", "c1.99999999999999999999.0", "c1.9223372036854775808.0"])
def test_a_cursor_this_server_never_issued_is_400_in_the_error_shape(client, world, field_a, cursor):
    error = assert_error_shape(client.get(PULL, headers=field_a.headers, query_string={"cursor": cursor}), 400)
    assert "cursor" in error["message"]


def test_a_transient_database_failure_on_pull_is_503_with_retry_after(client, world, field_a):
    raised = []

    def failing(_conn, _cursor, statement, *_args):
        # At the driver's door, whichever layer of SQLAlchemy the store executes through.
        if statement.lstrip().upper().startswith("SELECT") and f"FROM {ChangeLogEntry.__tablename__}" in statement:
            raised.append(statement)
            raise OperationalError("SELECT", {}, Exception("could not connect to server"))

    event.listen(db.engine, "before_cursor_execute", failing)
    try:
        response = client.get(PULL, headers=field_a.headers)
    finally:
        event.remove(db.engine, "before_cursor_execute", failing)
    error = assert_error_shape(response, 503)
    assert raised
    assert error["reason"] == "store_unavailable" and int(response.headers["Retry-After"]) > 0
    assert pull(client, field_a)["changes"]
