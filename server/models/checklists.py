"""Protocol checklists and their published, immutable versions; steps are data, never code."""
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.extensions import db
from server.models.types import Json, UtcDateTime, utcnow


class Checklist(db.Model):
    """A department's protocol checklist; what phones run is its newest published version."""

    __tablename__ = "checklists"
    __table_args__ = (UniqueConstraint("department_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    department = relationship("Department")


class ChecklistVersion(db.Model):
    """A published version: title and steps (id, text per language, time-critical flag, guide). Never updated."""

    __tablename__ = "checklist_versions"
    __table_args__ = (UniqueConstraint("checklist_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[dict] = mapped_column(Json)
    steps: Mapped[list] = mapped_column(Json)
    content_sha256: Mapped[str] = mapped_column(String(64))
    published_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    retired_at = mapped_column(UtcDateTime, nullable=True)
    checklist = relationship(Checklist)

    @property
    def retired(self) -> bool:
        """Whether phones have stopped offering this version for new encounters."""
        return self.retired_at is not None

    def to_dict(self) -> dict:
        """Return the form phones receive on pull."""
        return {"id": self.id, "checklist_key": self.checklist.key, "number": self.number,
                "title": self.title, "steps": self.steps, "retired": self.retired,
                "published_at": self.published_at.isoformat()}


class ChecklistDraft(db.Model):
    """A checklist's working copy a trainer edits; publishing copies it into a new immutable version.

    One draft per checklist; ``base_version_id`` is the version it started from, so a
    trainer can see what changed and a stale draft is noticed.
    """

    __tablename__ = "checklist_drafts"
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[dict] = mapped_column(Json)
    steps: Mapped[list] = mapped_column(Json)
    base_version_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_versions.id"), nullable=True)
    updated_at = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow, nullable=False)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    checklist = relationship(Checklist)


class PublishedVersionImmutable(Exception):
    """Raised when code tries to change a published checklist version (only retiring it is allowed)."""


@event.listens_for(ChecklistVersion, "before_update")
def _refuse_edits(_mapper, _connection, version: ChecklistVersion) -> None:
    """Published versions never change: reports point at them and must read as they were run."""
    state = inspect(version)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if changed - {"retired_at"}:
        raise PublishedVersionImmutable(f"published checklist versions never change (tried: {', '.join(sorted(changed))})")
