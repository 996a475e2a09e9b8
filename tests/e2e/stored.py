"""What the server holds, read in the test thread while the live server's threads commit on their own."""
from sqlalchemy import func, select

from server.extensions import db
from server.models import Encounter, StepResult


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
