"""Published quarterly reports: what the City published, kept exactly as it was shown (docs/decisions.md)."""
from sqlalchemy import ForeignKey, Integer, SmallInteger, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow


class QuarterlyPublication(db.Model):
    """One published quarter: the suppressed citywide tables as shown (no report id, no name), who and when.

    A department's published report is cut from this one (``server/reports/quarterly.py``), so no two
    published tables of a quarter can differ by a late report.
    """

    __tablename__ = "quarterly_publications"
    __table_args__ = (UniqueConstraint("year", "quarter"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger)
    quarter: Mapped[int] = mapped_column(SmallInteger)
    report: Mapped[dict] = mapped_column(Json)
    digest: Mapped[str] = mapped_column(String(64))
    # {department code: reports} the tables were computed from, exact and never served: what "arrived since"
    # counts from (server/reports/publication.py).
    counted: Mapped[dict] = mapped_column(Json)
    published_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    published_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class PublishedQuarterImmutable(Exception):
    """Raised when code tries to change or delete a published quarter."""


@event.listens_for(QuarterlyPublication, "before_update")
@event.listens_for(QuarterlyPublication, "before_delete")
def _refuse_changes(_mapper, _connection, _publication) -> None:
    """What the City published stays what it published: a later figure is a new decision, not an edit."""
    raise PublishedQuarterImmutable("a published quarter is never changed or deleted")
