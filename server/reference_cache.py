"""Sites and checklist versions cached per worker, for the push path.

Every push used to re-read every site and checklist version of the pusher's department
(two queries and their rows, ~1 ms of CPU). Now each worker keeps them, per database and
per scope (department, or citywide), next to the ``reference_stamp`` they were read
under and the departments' codes and names (the copy names each site's department); a
push reads only those, in one statement, and reloads when they differ. Database triggers
change the stamp in the same transaction as any change of sites, checklists or versions
(migration 0010), so a worker never serves a copy older than what has committed.
"""
from sqlalchemy import text

from server.access import is_citywide
from server.extensions import db
from server.kinds import ReferenceData
from server.models import ReferenceStamp
from sync.envelope import Principal

# Plain SQL: an ORM-enabled select spent more CPU in SQLAlchemy's ORM layer than the round trip.
# No trigger stamps departments: the same statement reads their codes and names (a few dozen
# rows), so a renamed department is seen by the very next push too. Lengths first keep any two
# lists apart.
_DEPARTMENTS = ("SELECT {agg}(id || ':' || length(code) || ':' || length(name) || ':' || code || name, ','{order})"
                " FROM departments")
_STAMPS = {dialect: text(f"SELECT stamp, ({_DEPARTMENTS.format(agg=agg, order=order)})"
                         f" FROM {ReferenceStamp.__tablename__} WHERE id = 1")
           for dialect, agg, order in (("postgresql", "string_agg", " ORDER BY id"), ("sqlite", "group_concat", ""))}
_cached: dict[tuple, tuple[int, ReferenceData]] = {}


def reference_data(principal: Principal) -> ReferenceData:
    """Return the pusher's reference data: this worker's copy if the stamp is unchanged, else a fresh one."""
    row = db.session.connection().execute(_STAMPS[db.engine.dialect.name]).first()
    fresh = ReferenceData(principal)
    if row is None:  # no stamp row (a table emptied by hand): nothing to check against
        return fresh
    stamp = tuple(row)
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
