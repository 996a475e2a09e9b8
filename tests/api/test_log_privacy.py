"""The server's log never holds what the City must erase: a database error is logged by its kind, SQLSTATE and
constraint, never the statement's values nor the row the driver quotes (server/db_guard.py ``described``).

Before, a search that hit the statement timeout logged "[parameters: {'search_text_1': '%maria quetzal%'}]", and an
integrity or data error logged PostgreSQL's message with the row it failed on. Logs are kept outside the purge.
"""
import logging

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from server.db_guard import described
from server.extensions import db


@pytest.fixture
def errors_log(caplog):
    """What server/errors.py logs (alembic's fileConfig disables existing loggers when the test app migrates)."""
    logger = logging.getLogger("server.errors")
    was, logger.disabled = logger.disabled, False
    caplog.set_level(logging.WARNING)
    yield lambda: "\n".join(record.getMessage() for record in caplog.records if record.name == "server.errors")
    logger.disabled = was


def test_a_search_the_database_times_out_on_answers_503_and_logs_no_search_words(
        app, client, world, login, backend, errors_log):
    if backend != "postgresql":
        pytest.skip("a statement timeout is PostgreSQL's")
    app.config["RETRY_AFTER_SECONDS"] = 5
    liaison = login("liaison.a")
    locker = create_engine(db.engine.url.render_as_string(hide_password=False))
    try:
        with locker.connect() as held:
            held.execute(text("LOCK TABLE encounters IN ACCESS EXCLUSIVE MODE"))
            answer = client.get("/api/v1/reports", headers=liaison.headers, query_string={"q": "maria quetzal"})
            held.rollback()
    finally:
        locker.dispose()
    assert answer.status_code == 503, answer.get_json()
    logged = errors_log()
    assert "database unavailable" in logged
    assert "quetzal" not in logged.lower()


def test_a_database_error_is_described_by_its_kind_never_by_the_values_it_quotes(app, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL's messages quote the value; SQLite's name only the constraint")
    with pytest.raises(DBAPIError) as caught:
        db.session.execute(text("SELECT CAST(:v AS uuid)"), {"v": "maria quetzal"})
    db.session.rollback()
    assert "quetzal" in str(caught.value)  # the driver's message quotes it: what was logged before
    assert "SQL parameters hidden" in str(caught.value)  # and the engine no longer adds the parameters
    assert described(caught.value) == "InvalidTextRepresentation sqlstate=22P02"
