"""Published checklist versions and audit entries cannot be changed through the models."""
import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry
from server.models.audit import AuditLogAppendOnly
from server.models.checklists import PublishedVersionImmutable
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


def test_an_audit_entry_can_be_neither_edited_nor_deleted(client, world, login):
    login("field.a")
    entry = db.session.scalars(select(AuditEntry)).first()
    entry.action = "something.else"
    with pytest.raises(AuditLogAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalars(select(AuditEntry)).first())
    with pytest.raises(AuditLogAppendOnly):
        db.session.commit()
    db.session.rollback()
