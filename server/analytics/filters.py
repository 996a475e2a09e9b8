"""Which reports an analytics question covers: the viewer's scope, then department, site, period, version.

Periods are inclusive days in the city's time zone on the encounter's start; weeks are ISO
weeks there too (as in the Mayor's Office aggregate), so a Sunday-evening encounter counts
in the week it happened, whatever UTC says.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, literal, text

from server.access import visible
from server.citytime import CITY_TZ, day_start
from server.extensions import db
from server.models import Encounter



@dataclass(frozen=True)
class Filters:
    """Resolved filters (database ids), all optional."""

    department_id: int | None = None
    site_id: int | None = None
    start: date | None = None
    end: date | None = None
    version_id: int | None = None

    def with_version(self, version_id: int | None) -> "Filters":
        """The same filters for another checklist version."""
        return Filters(self.department_id, self.site_id, self.start, self.end, version_id)


def encounter_conditions(principal, filters: Filters) -> list:
    """WHERE conditions on ``encounters``: what the principal may see, narrowed by the filters."""
    conds = [visible(Encounter, principal)]
    if filters.department_id is not None:
        conds.append(Encounter.department_id == filters.department_id)
    if filters.site_id is not None:
        conds.append(Encounter.site_id == filters.site_id)
    if filters.start is not None:
        conds.append(Encounter.started_at >= day_start(filters.start))
    if filters.end is not None:
        conds.append(Encounter.started_at < day_start(filters.end + timedelta(days=1)))
    if filters.version_id is not None:
        conds.append(Encounter.checklist_version_id == filters.version_id)
    return conds


def dialect() -> str:
    """The database's dialect name; on PostgreSQL, JIT off for this transaction."""
    name = db.engine.dialect.name
    if name == "postgresql":
        # Group estimates over step results run high (every (step, result, seconds) looks
        # distinct), which pushed plans past jit_above_cost: compiling cost more than running.
        db.session.execute(text("SET LOCAL jit = off"))
    return name


def week_of(dialect_name: str, column):
    """SQL for the ISO week label of a timestamp in the city's time zone."""
    if dialect_name == "postgresql":
        return func.to_char(func.timezone(CITY_TZ.key, column), literal('IYYY-"W"IW'))
    return func.city_week(column)  # server/sqlite_functions.py


def seconds_between(dialect_name: str, later, earlier):
    """Whole seconds from ``earlier`` to ``later`` (rounded alike on both databases)."""
    if dialect_name == "postgresql":
        return func.round(func.extract("epoch", later - earlier))
    return func.round((func.julianday(later) - func.julianday(earlier)) * 86400.0)
