"""Whether a report is complete: every photo its body references has been uploaded.

A report is stored the moment it is pushed, photos or not; until its photos arrive it
is incomplete. Screens (the liaison queue, later) filter and flag with these.
"""
from uuid import UUID

from sqlalchemy import exists, select

from server.extensions import db
from server.models import Blob, Encounter, EncounterPhoto


def _missing_photo(encounter_id):
    """The photos of ``encounter_id`` with no uploaded blob."""
    return (select(EncounterPhoto.sha256).outerjoin(Blob, Blob.sha256 == EncounterPhoto.sha256)
            .where(EncounterPhoto.encounter_id == encounter_id, Blob.sha256.is_(None)))


def photos_complete():
    """Return a SQL condition on ``Encounter``: true when every photo it references is uploaded."""
    return ~exists(_missing_photo(Encounter.id))


def missing_photos(encounter_id: UUID) -> list[str]:
    """Return the hashes of one encounter's photos not yet uploaded, sorted."""
    return sorted(db.session.scalars(_missing_photo(encounter_id)))
