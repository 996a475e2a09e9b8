"""An insert that leaves a taken key as it is, alike on SQLite and PostgreSQL."""
from sqlalchemy.dialects import postgresql, sqlite

from server.extensions import db


def insert_new(model, row: dict, keys: list[str]) -> bool:
    """Insert a row unless its key is taken (a retry, another uploader, a concurrent twin); say whether this did.

    ``INSERT … ON CONFLICT DO NOTHING``: a twin that PostgreSQL has not committed yet is waited for, then left as
    it is, and the transaction goes on (no error, no savepoint), so the caller can read the twin and judge it.
    """
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(model).values(**row).on_conflict_do_nothing(index_elements=keys)
            .returning(getattr(model, keys[0])))
    return db.session.scalar(stmt) is not None
