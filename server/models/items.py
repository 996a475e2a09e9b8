"""Item ids: the one namespace of the ids phones push, whatever their kind.

Why a table of its own: an encounter and a follow-up answer live in different tables,
and under READ COMMITTED two pushes of one id as different kinds cannot see each other's
uncommitted rows. A primary key here, written in the push's transaction before the item's
own row, makes the second claimant wait for the first and then find the id taken.
"""
import uuid

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db


class ItemId(db.Model):
    """An id some pushed item holds, and the kind of that item."""

    __tablename__ = "item_ids"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
