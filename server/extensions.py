"""Extensions created once here and bound to an app in ``create_app``."""
import time

from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import memory as limits_memory
from flask_migrate import Migrate
import flask_smorest
import orjson
from flask_smorest import Api
from webargs import core
from webargs.flaskparser import FlaskParser
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so Alembic can alter and drop them on PostgreSQL and SQLite alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class OrjsonParser(FlaskParser):
    """Parse JSON arguments with orjson, as the push path does.

    The standard library's parser turns absurd input into 500s (RecursionError on deep
    nesting, ValueError on integers of thousands of digits) and lets lone surrogates
    through; orjson refuses all three as invalid JSON, which answers 400.
    """

    def _raw_load_json(self, req):
        if not core.is_json(req.mimetype):
            return core.missing
        data = req.get_data(cache=True)
        if not data:
            return core.missing
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            return self._handle_invalid_json_error(exc, req)


# Every flask-smorest blueprint loads its arguments through this parser.
flask_smorest.Blueprint.ARGUMENTS_PARSER = OrjsonParser()

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
cors = CORS()
api = Api()
# Error answers are documented with the real shape (server/errors.py), not flask-smorest's default.
from server.schemas.errors import ErrorSchema  # noqa: E402  (marshmallow only; no cycle)

api.ERROR_SCHEMA = ErrorSchema


class MemoryStorage(limits_memory.MemoryStorage):
    """limits' ``memory://`` storage, sweeping expired counts at most once a second.

    The library starts a timer thread (10 ms) on every hit whose last one has ended: a thread
    started and run per push. A fixed-window count is checked for expiry when read anyway
    (``get``), and a moving window reads its entries' times, so the sweep only frees memory.
    Registering the scheme again makes ``memory://`` (the default RATELIMIT_STORAGE_URI) this class.
    """

    STORAGE_SCHEME = ["memory"]
    SWEEP_SECONDS = 1.0
    _next_sweep = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # the library's private hook, called on each hit
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + self.SWEEP_SECONDS
            super()._MemoryStorage__schedule_expiry()


# No default limits: only routes that say so are limited (login). Storage comes from
# RATELIMIT_STORAGE_URI so several workers share one count.
# Headers off: flask-limiter would send Retry-After on every answer, which clients read
# as "back off"; server/errors.py sets it on 429 alone.
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=False)


def device_limit(setting: str):
    """Rate-limit a view per signed-in device, by the named setting; put it below ``token_required``.

    Limits of decorated views are checked when the view is called, so the principal is known.
    """
    from flask import current_app, g

    return limiter.limit(lambda: current_app.config[setting], key_func=lambda: f"device:{g.principal.device_id}",
                         scope=setting.lower())
