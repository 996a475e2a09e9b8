"""Publishing a quarter, and reading what was published: a published quarter stays what was published.

The Mayor's Office publishes a quarter once it is over (City time). What is stored is the citywide
report exactly as the desk showed it (its digest must match the one shown), figures and marks only.
Reading a published quarter answers that snapshot, and a department's report is cut from it, so no
two published tables of a quarter ever differ by a late report (a differencing attack the suppression
rules alone do not stop). Reports that arrived since are told only as a band (``arrived_band``).
"""
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from encounter.disclosure import arrived_band
from encounter.views import person, view
from server.access import is_citywide, scoped, visible
from server.audit import record
from server.extensions import db
from server.models import Department, Encounter, QuarterlyPublication, User
from server.reports import quarterly as quarterlies
from server.reports.queue import period_conditions
from sync.envelope import iso_time


class PublishRefused(Exception):
    """A quarter that cannot be published now (409), with the reason a client can act on."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def publication(year: int, quarter: int, principal) -> QuarterlyPublication | None:
    """The quarter's publication, if it was published (and the principal may read it)."""
    return db.session.scalar(scoped(QuarterlyPublication, principal).where(QuarterlyPublication.year == year,
                                                                           QuarterlyPublication.quarter == quarter))


def publish(year: int, quarter: int, shown: str, principal) -> QuarterlyPublication:
    """Store the citywide report as computed now, if it is the one shown (``shown``: its digest), the quarter is
    over and it was never published; audited with the quarter only."""
    if publication(year, quarter, principal) is not None:
        raise PublishRefused("already_published", f"{year} Q{quarter} is already published; a published quarter "
                                                  "is never published again")
    if not quarterlies.quarter_ended(year, quarter):
        raise PublishRefused("quarter_not_over", f"{year} Q{quarter} is not over yet (City time); publish it from "
                                                 "the day after its last day")
    counted = _counts(year, quarter, principal)
    report = quarterlies.citywide(year, quarter, principal)
    digest = quarterlies.digest(report)
    # Counted again after: reports are never deleted, so the same counts mean none arrived while the tables were
    # computed, and ``counted`` is exactly what they were computed from.
    if digest != shown or _counts(year, quarter, principal) != counted:
        raise PublishRefused("changed_since_shown", "the tables changed since they were shown (a report arrived?); "
                                                    "look at them again, then publish")
    entry = QuarterlyPublication(year=year, quarter=quarter, report=report, digest=digest, counted=counted,
                                 published_by=principal.user_id)
    db.session.add(entry)
    try:
        db.session.flush()
    except IntegrityError:  # another desk published it a moment ago
        db.session.rollback()
        raise PublishRefused("already_published", f"{year} Q{quarter} is already published") from None
    record("quarterly.publish", "quarterly_publication", entry.id, actor_id=principal.user_id,
           device_id=principal.device_id, details={"year": year, "quarter": quarter})
    db.session.commit()
    return entry


def _counts(year: int, quarter: int, principal) -> dict[str, int]:
    """Reports of the quarter in the principal's scope by department code: what its tables are computed from."""
    first, last = quarterlies.quarter_days(year, quarter)
    rows = db.session.execute(
        select(Department.code, func.count()).select_from(Encounter)
        .join(Department, Department.id == Encounter.department_id)
        .where(visible(Encounter, principal), *period_conditions({"from_": first, "to": last}))
        .group_by(Department.code)).all()
    return {code: int(n) for code, n in rows}


def _arrived_since(entry: QuarterlyPublication, principal, department: str | None) -> str:
    """How many reports of the quarter (in scope, and of ``department``) are not in the published tables: a band.

    Counted against the reports the tables were computed from, not by arrival time: a report received a moment
    before publishing whose push committed after the tables were computed is in neither the tables nor "after".
    """
    now = _counts(entry.year, entry.quarter, principal)
    return arrived_band(sum(max(0, n - entry.counted.get(code, 0)) for code, n in now.items()
                            if department in (None, code)))


def _own_department(principal) -> str | None:
    """A department-scoped reader's department code: the only rows of a snapshot it may read."""
    return db.session.scalar(select(Department.code).where(Department.id == principal.department_id))


def read(args: dict, principal, live: bool = False) -> dict:
    """The quarter as published (or, ``live`` or never published, as computed now), marked which it is."""
    year, quarter = args["year"], args["quarter"]
    department = args.get("department")
    if department is None and not is_citywide(principal):
        department = _own_department(principal)  # never another department's rows of the citywide snapshot
    entry = publication(year, quarter, principal)
    if entry is None or live:
        report = quarterlies.quarterly({**args, "department": department}, principal)
        status = "live"
    else:
        report = {**quarterlies.cut(entry.report, department), "digest": None if department else entry.digest}
        status = "published"
    published = {"published_at": None, "published_by": None, "arrived_since": None}
    if entry is not None:
        # Who published, as the reader's role may see a City user: no name for the roles that read none (the Mayor's
        # Office itself, trainers), as anywhere else (encounter/views.py); for them the name is not even read.
        name = (db.session.scalar(select(User.display_name).where(User.id == entry.published_by))
                if view(principal.role).names else None)
        published = {"published_at": iso_time(entry.published_at),
                     "published_by": person(principal.role, entry.published_by, name)["name"],
                     "arrived_since": _arrived_since(entry, principal, department)}
    return {**report, "status": status, "ended": quarterlies.quarter_ended(year, quarter), **published}
