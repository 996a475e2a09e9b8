"""A column among a list of values bound when the statement runs, as one parameter where the database allows."""
from sqlalchemy import any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

from server.extensions import db


def among(column, name: str):
    """``column IN`` the list given as parameter ``name`` at execution.

    On PostgreSQL one array parameter (``column = ANY(:name)``): the statement's text is the same for any
    length, so SQLAlchemy renders nothing per execution and psycopg parses it once (an expanded list of
    more than 50 parameters it parses again every time: a queue page's 50 ids cost 0.5 ms a statement).
    Elsewhere an expanding ``IN``. A statement built with it and kept must be kept per dialect.
    """
    if db.engine.dialect.name == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))
