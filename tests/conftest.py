"""Shared fixtures: the app on SQLite and on PostgreSQL, a small world of departments and users.

Every test that takes ``app`` (or anything built on it) runs once per database
backend. PostgreSQL comes from ``TEST_DATABASE_URL``; without it the PostgreSQL runs
are skipped locally but fail on CI (``CI=true``), where a missing database must not
pass silently.

``TEST_DATABASE_URL`` names the server and a base name: each run creates its own database
``<base>_<pid>_<random>`` there and drops it (and any ``<that name>_…`` a test made) at the
end, so several runs can share one PostgreSQL server without touching each other.
"""
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from server import create_app
from server.extensions import db, limiter

BACKENDS = ["sqlite", "postgresql"]


def _pg_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def _reset_postgres(url: str) -> None:
    """Drop and recreate the public schema so migrations run on an empty database."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _admin(url: str):
    """An autocommit engine on the server's maintenance database (to create and drop databases)."""
    parts = urlsplit(_driver(url))
    return create_engine(parts._replace(path="/postgres").geturl(), isolation_level="AUTOCOMMIT")


def _create_run_database(url: str) -> str:
    """Create this run's own database beside ``url``'s and return its URL."""
    parts = urlsplit(url)
    base = parts.path.lstrip("/")[:40] or "encounter_log_test"
    name = f"{base}_{os.getpid()}_{secrets.token_hex(3)}"
    engine = _admin(url)
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parts._replace(path=f"/{name}").geturl()


def _drop_run_databases(url: str) -> None:
    """Drop this run's database and every database a test named after it (``<name>_upgrade``)."""
    name = urlsplit(url).path.lstrip("/")
    engine = _admin(url)
    with engine.connect() as conn:
        like = name.replace("_", r"\_") + r"\_%"
        names = conn.scalars(text("SELECT datname FROM pg_database WHERE datname = :n OR datname LIKE :like"),
                             {"n": name, "like": like}).all()
        for each in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{each}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory):
    """The database URL of each backend this run can reach; PostgreSQL's is this run's own, dropped at the end."""
    urls = {"sqlite": f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"}
    if _pg_url():
        urls["postgresql"] = _create_run_database(_pg_url())
    yield urls
    if "postgresql" in urls:
        _drop_run_databases(urls["postgresql"])


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, database_urls) -> str:
    """The name of the database backend of this run of the test."""
    if request.param not in database_urls:
        if os.environ.get("CI"):
            pytest.fail("TEST_DATABASE_URL is not set: CI must run every test on PostgreSQL too")
        pytest.skip("PostgreSQL not configured (set TEST_DATABASE_URL)")
    return request.param


@pytest.fixture(scope="session")
def _apps(database_urls):
    """One migrated app per backend for the whole session (engines are reused, not rebuilt per test)."""
    import flask_migrate

    made = {}

    def get(name: str):
        if name not in made:
            url = database_urls[name]
            if name == "postgresql":
                _reset_postgres(url)
            instance = tempfile.mkdtemp(prefix=f"el-{name}-")
            os.environ["INSTANCE_PATH"] = instance
            app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _driver(url),
                              "RATELIMIT_STORAGE_URI": "memory://", "SECRET_KEY": "test",
                              # A live desk stream read to its end takes this long (tests that wait set more).
                              "EVENTS_STREAM_SECONDS": 0.5})
            with app.app_context():
                flask_migrate.upgrade()
            made[name] = app
        return made[name]

    yield get
    for app in made.values():
        with app.app_context():
            db.engine.dispose()


def _driver(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _empty_tables() -> None:
    """Delete every row, children first, so each test starts from nothing."""
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(t.name for t in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app(backend, _apps):
    """The app on this backend, with empty tables, inside an app context."""
    app = _apps(backend)
    saved = dict(app.config)
    with app.app_context():
        _empty_tables()
        limiter.reset()
        yield app
        db.session.remove()
    app.config.clear()
    app.config.update(saved)


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def world(app):
    """Two departments with sites, published checklists and a user of every role (see tests/factories.py)."""
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def counsel_users(world):
    """Counsel users besides the world's (issue 11): counsel.a (department A) and counsel (citywide)."""
    from tests.factories import add_user

    add_user("counsel.a", "counsel", world.departments["A"])
    add_user("counsel", "counsel", None)


@pytest.fixture
def login(client):
    """Sign a user in through the API; return an object with headers, token and device id."""
    from tests.factories import sign_in_via_api

    return lambda username, **kwargs: sign_in_via_api(client, username, **kwargs)


@pytest.fixture
def blob_storage(app, tmp_path):
    """A fresh blob directory for one test (redaction and retention tests delete files from it)."""
    from server.blobs import FileBlobStorage

    store = FileBlobStorage(tmp_path / "blobs")
    app.extensions["blob_storage"] = store
    yield store
    app.extensions.pop("blob_storage", None)


# Hypothesis profiles for the stateful protocol tests (tests/sync/test_protocol_states.py,
# tests/api/test_protocol_states.py): "ci" keeps CI within its time, "nightly" explores far more.
# Choose with HYPOTHESIS_PROFILE (default "ci").
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=60, stateful_step_count=25, deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("nightly", max_examples=1500, stateful_step_count=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The real OpenID Provider (tests/oidc/provider.mjs) for the API tests, whose client returns to http://localhost."""
    from tests.oidc import harness

    provider = harness.start(tmp_path_factory.mktemp("oidc"), ["http://localhost/api/v1/auth/oidc/callback"])
    yield provider
    provider.stop()
