"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL.

Why: the tests run on a migrated database, but a column added to a model and forgotten in
a migration would still pass every test that never touches it, then fail in production.
"""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server.extensions import db


def test_migrated_schema_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models and migrations disagree: {differences}"
