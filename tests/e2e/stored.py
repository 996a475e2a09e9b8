"""What the server holds, read (or changed) in the test thread while the live server's threads commit on their own."""
import uuid
from datetime import timedelta

from sqlalchemy import func, select, update

from server.extensions import db
from server.models import Device, DeviceToken, Encounter, StepResult
from server.models.types import utcnow


def server_encounters() -> list[dict]:
    """The encounters the server holds, with their step results, read fresh."""
    db.session.remove()
    try:
        rows = db.session.scalars(select(Encounter)).all()
        found = []
        for row in rows:
            steps = db.session.scalars(select(StepResult).where(StepResult.encounter_id == row.id)
                                       .order_by(StepResult.position)).all()
            found.append({"id": str(row.id), "body": row.body, "sha256": row.sha256, "received_at": row.received_at,
                          "site_id": row.site_id, "steps": [(s.step_id, s.result) for s in steps]})
        return found
    finally:
        db.session.remove()


def count_encounters() -> int:
    """How many encounters the server holds."""
    db.session.remove()
    try:
        return db.session.scalar(select(func.count()).select_from(Encounter))
    finally:
        db.session.remove()


def end_sign_in(reason: str, device_id: uuid.UUID) -> None:
    """Make the server refuse this device's token for ``reason``."""
    now = utcnow()
    if reason == "token_expired":
        db.session.execute(update(DeviceToken).where(DeviceToken.device_id == device_id)
                           .values(expires_at=now - timedelta(minutes=1)))
    elif reason == "token_revoked":
        db.session.execute(update(DeviceToken).where(DeviceToken.device_id == device_id).values(revoked_at=now))
    else:
        db.session.execute(update(Device).where(Device.id == device_id).values(revoked_at=now))
    db.session.commit()
    db.session.remove()
