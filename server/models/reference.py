"""A stamp that changes whenever sites or checklists change, so workers know when their cached copy is stale.

Database triggers (migration 0010) rewrite the one row on every insert, update, delete
or truncate of ``sites``, ``checklists`` and ``checklist_versions``, whatever code path
made the change; the stamp is the writing transaction's id on PostgreSQL and a random
number on SQLite, so it never comes back to an earlier value.
"""
from sqlalchemy import BigInteger, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db


class ReferenceStamp(db.Model):
    """The one row (id 1) whose ``stamp`` changes with every change of reference data."""

    __tablename__ = "reference_stamp"
    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    stamp: Mapped[int] = mapped_column(BigInteger, nullable=False)
