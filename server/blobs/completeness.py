"""Whether a report is complete: every photo its body references has arrived as the report's own.

A report is stored the moment it is pushed, photos or not; until its photos arrive it
is incomplete. A photo has arrived when its reporter, or a user of its department, uploaded
its bytes (``server.access.uploaded_for_report``): bytes only someone else uploaded cannot be
read through the report, so they do not count. Screens filter and flag with these.
"""
from uuid import UUID

from sqlalchemy import exists, select

from server.access import uploaded_for_report
from server.extensions import db
from server.models import Encounter, EncounterPhoto


def photos_complete():
    """Return a SQL condition on ``Encounter``: true when every photo it references has arrived."""
    return ~exists().where(EncounterPhoto.encounter_id == Encounter.id, ~uploaded_for_report())


def missing_photos(encounter_id: UUID) -> list[str]:
    """Return the hashes of one encounter's photos that have not arrived, sorted."""
    return sorted(db.session.scalars(
        select(EncounterPhoto.sha256).join(Encounter, Encounter.id == EncounterPhoto.encounter_id)
        .where(EncounterPhoto.encounter_id == encounter_id, ~uploaded_for_report())))
