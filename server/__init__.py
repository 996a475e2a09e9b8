"""Encounter Log server: the application factory."""
import os

from flask import Flask

from server import config as settings
from server.extensions import api, cors, db, limiter, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build the app from the environment, with ``config`` overriding it (tests do)."""
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None, static_folder=None)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(settings.from_environment(app.instance_path))
    app.config.update(
        API_TITLE="Encounter Log API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        JSON_SORT_KEYS=False,
    )
    if config:
        app.config.update(config)
    from server.db_guard import engine_options

    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config))
    if app.config.get("TRUSTED_PROXY_HOPS"):
        # Behind TLS proxies, rate limits and audit must see the client's address, not the proxy's.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    from server.serving import bounded_reads

    app.wsgi_app = bounded_reads(app.wsgi_app, app.config["REQUEST_READ_TIMEOUT"])
    _init_extensions(app)
    from server.checklists import files as checklist_files

    checklist_files.init_app(app)  # a broken protocol file stops start-up here, naming file, step and reason
    from server import sso

    sso.init_app(app)  # so does a malformed single sign-on role map
    from server import cli, errors, models  # noqa: F401  (models register their tables)
    from server.blueprints import register as register_api
    from server.web import bp as web_bp

    register_api(api)
    errors.init_app(app)
    cli.init_app(app)
    from server.ops import logs, metrics

    logs.configure(app)
    metrics.init_app(app)
    app.register_blueprint(web_bp)
    return app


def _init_extensions(app: Flask) -> None:
    """Bind every extension; CORS only on /api/* and only for listed origins."""
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"), render_as_batch=True, compare_type=True)
    limiter.init_app(app)
    api.init_app(app)
    if app.config["CORS_ORIGINS"]:
        cors.init_app(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}})
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _tune_sqlite(app)
    else:
        from server.db_guard import guard

        with app.app_context():
            guard(db.engine, app.config["DATABASE_STATEMENT_TIMEOUT_MS"] / 1000, app.config["DATABASE_CONNECT_TIMEOUT"])


def _tune_sqlite(app: Flask) -> None:
    """WAL and a busy timeout, so several gunicorn workers can share the embedded database."""
    from sqlalchemy import event

    from server.sqlite_functions import register as register_functions

    with app.app_context():
        engine = db.engine

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
            register_functions(dbapi_connection)
