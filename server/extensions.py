"""Extensions created once here and bound to an app in ``create_app``."""
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_smorest import Api
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


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
cors = CORS()
api = Api()
# No default limits: only routes that say so are limited (login). Storage comes from
# RATELIMIT_STORAGE_URI so several workers share one count.
# Headers off: flask-limiter would send Retry-After on every answer, which clients read
# as "back off"; server/errors.py sets it on 429 alone.
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=False)
