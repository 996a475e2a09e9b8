"""Published checklist versions, published quarters and audit entries cannot be changed through the models."""
import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, QuarterlyPublication
from server.models.audit import AuditLogAppendOnly
from server.models.checklists import PublishedVersionImmutable
from server.models.publications import PublishedQuarterImmutable
from server.models.types import utcnow


@pytest.mark.parametrize("field, value", [("steps", []), ("title", {"en": "Edited"}), ("number", 99)])
def test_a_published_checklist_version_cannot_be_edited(world, field, value):
    version = world.versions["A"]
    setattr(version, field, value)
    with pytest.raises(PublishedVersionImmutable):
        db.session.commit()
    db.session.rollback()


def test_a_published_checklist_version_can_be_retired(world):
    version = world.versions["A"]
    version.retired_at = utcnow()
    db.session.commit()
    assert db.session.get(type(version), version.id).retired_at is not None


def _neither_edited_nor_deleted(model, edit, refusal) -> None:
    """Editing the first row of ``model`` and deleting it are each refused with ``refusal``."""
    edit(db.session.scalars(select(model)).first())
    with pytest.raises(refusal):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalars(select(model)).first())
    with pytest.raises(refusal):
        db.session.commit()
    db.session.rollback()


def test_an_audit_entry_can_be_neither_edited_nor_deleted(client, world, login):
    login("field.a")
    _neither_edited_nor_deleted(AuditEntry, lambda entry: setattr(entry, "action", "something.else"),
                                AuditLogAppendOnly)


def test_a_published_quarter_can_be_neither_edited_nor_deleted(world):
    db.session.add(QuarterlyPublication(year=2026, quarter=3, report={"tables": []}, digest="0" * 64, counted={},
                                        published_by=world.users["mayor"].id))
    db.session.commit()
    _neither_edited_nor_deleted(QuarterlyPublication, lambda entry: setattr(entry, "report", {"tables": [1]}),
                                PublishedQuarterImmutable)
