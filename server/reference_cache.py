"""Sites and checklist versions cached per worker, for the push path.

Every push used to re-read every site and checklist version of the pusher's department
(two queries and their rows, ~1 ms of CPU). Now each worker keeps them, per database and
per scope (department, or citywide), next to the ``reference_stamp`` they were read
under; a push reads only that stamp, and reloads when it differs. Database triggers
change the stamp in the same transaction as any change of sites, checklists, versions
(migration 0010) or departments (0019: the copy names each site's department), so a worker
never serves a copy older than what has committed.
"""
from sqlalchemy import text

from server.access import is_citywide
from server.extensions import db
from server.kinds import ReferenceData
from server.models import ReferenceStamp
from sync.envelope import Principal

# Plain SQL: an ORM-enabled select spent more CPU in SQLAlchemy's ORM layer than the round trip.
_STAMP = text(f"SELECT stamp FROM {ReferenceStamp.__tablename__} WHERE id = 1")
_cached: dict[tuple, tuple[int, ReferenceData]] = {}


def reference_data(principal: Principal) -> ReferenceData:
    """Return the pusher's reference data: this worker's copy if the stamp is unchanged, else a fresh one."""
    stamp = db.session.connection().execute(_STAMP).scalar()
    fresh = ReferenceData(principal)
    if stamp is None:  # no stamp row (a table emptied by hand): nothing to check against
        return fresh
    key = (id(db.engine), is_citywide(principal), principal.department_id)
    held = _cached.get(key)
    if held is not None and held[0] == stamp:
        return held[1]
    # Read now, under this request's view of the data: rows newer than the stamp only make
    # the copy fresher, and the next change of stamp replaces it anyway.
    fresh.site("")
    fresh.step_positions(0)
    _cached[key] = (stamp, fresh)
    return fresh
