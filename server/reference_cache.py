"""Sites and checklist versions cached per worker, for the push path.

Every push used to re-read every site and checklist version of the pusher's department
(two queries and their rows, ~1 ms of CPU). Now each worker keeps them, per database and
per scope (department, or citywide), next to the ``reference_stamp`` they were read
under; a push reads only that stamp, and reloads when it differs. Database triggers
change the stamp in the same transaction as any change of sites, checklists, versions
(migration 0010) or departments (0019: the copy names each site's department), so a worker
never serves a copy older than what has committed.

On PostgreSQL a push does not even read the stamp first (``PushReferences``): it checks
against the worker's copy, its one push statement reads the stamp beside its writes, and
if the stamp moved the push is rolled back and checked again with a fresh copy
(``StaleReferences``). A refusal the copy would cause (a site or version it does not hold)
reads the stamp at once, so a site added a moment ago is never refused.
"""
from sqlalchemy import text

from server.access import is_citywide
from server.extensions import db
from server.kinds import ReferenceData
from server.models import ReferenceStamp
from sync.envelope import Principal

# Plain SQL: an ORM-enabled select spent more CPU in SQLAlchemy's ORM layer than the round trip.
STAMP_SQL = f"SELECT stamp FROM {ReferenceStamp.__tablename__} WHERE id = 1"
_STAMP = text(STAMP_SQL)
_cached: dict[tuple, tuple[int, ReferenceData]] = {}


def _key(principal: Principal) -> tuple:
    """The worker's copy for this principal: per database and scope (department, or citywide)."""
    return id(db.engine), is_citywide(principal), principal.department_id


def reference_data(principal: Principal) -> ReferenceData:
    """Return the pusher's reference data: this worker's copy if the stamp is unchanged, else a fresh one."""
    stamp = db.session.connection().execute(_STAMP).scalar()
    fresh = ReferenceData(principal)
    if stamp is None:  # no stamp row (a table emptied by hand): nothing to check against
        return fresh
    key = _key(principal)
    held = _cached.get(key)
    if held is not None and held[0] == stamp:
        return held[1]
    # Read now, under this request's view of the data: rows newer than the stamp only make
    # the copy fresher, and the next change of stamp replaces it anyway.
    fresh.site("")
    fresh.step_positions(0)
    _cached[key] = (stamp, fresh)
    return fresh


class StaleReferences(Exception):
    """The worker's copy a push was checked against is older than the database's: check the push again."""


class PushReferences:
    """One push's view of the pusher's reference data; on PostgreSQL the worker's copy, its stamp confirmed later.

    ``unconfirmed`` is the stamp the push's writes must still see (``confirm``), or None once a
    stamp read in this request vouched for the copy (SQLite and a worker without a copy read it first,
    as every push used to). The copy is shared by the worker's threads: this object holds the request's state.
    """

    def __init__(self, principal: Principal, fresh: bool = False):
        """Take the worker's copy unconfirmed (PostgreSQL), or with ``fresh`` (or none held) read the stamp first."""
        held = None if fresh or db.engine.dialect.name != "postgresql" else _cached.get(_key(principal))
        self.unconfirmed, self.data = held if held is not None else (None, reference_data(principal))

    def site(self, code: str):
        """Return (site id, department id, area types) of a visible active site, or None (see ``ReferenceData``)."""
        return self._found(self.data.site, code)

    def place(self, site_id: int) -> tuple[dict, dict]:
        """Return ({code, name} of the site, {code, name} of its department) of a site ``site`` returned."""
        return self.data.place(site_id)

    def step_positions(self, version_id: int):
        """Return {step id: position} of a visible published version, or None (see ``ReferenceData``)."""
        return self._found(self.data.step_positions, version_id)

    def _found(self, lookup, key):
        """Answer from the copy; a miss first confirms the copy, so a refusal is never the copy's age."""
        found = lookup(key)
        if found is None:
            self.confirm_now()
        return found

    def confirm_now(self) -> None:
        """Read the stamp (one statement) if the copy is still unconfirmed, and ``confirm`` the copy with it."""
        if self.unconfirmed is not None:
            self.confirm(db.session.connection().execute(_STAMP).scalar())

    def confirm(self, stamp) -> None:
        """Vouch for the copy with a stamp read in this request; raise StaleReferences if it moved since the copy."""
        if self.unconfirmed is not None and stamp != self.unconfirmed:
            raise StaleReferences(f"reference stamp {stamp} is not the copy's {self.unconfirmed}")
        self.unconfirmed = None
