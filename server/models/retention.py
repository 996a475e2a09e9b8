"""Photos taken out of reports, by a liaison's redaction or by the retention purge (migration 0006).

The row keeps no bytes and no words: only which report lost which photo, when, by whom and
why, so a later read of the photo answers ``410 removed`` instead of a puzzling 404, and a
phone re-pushing the report as received is not asked to upload it again.
"""
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import UtcDateTime

REMOVAL_CAUSES = ("redaction", "retention")


class RemovedPhoto(db.Model):
    """One photo removed from one report."""

    __tablename__ = "removed_photos"
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    removed_at = mapped_column(UtcDateTime, nullable=False)
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)  # None: the purge
    cause: Mapped[str] = mapped_column(String(12))
