"""The Mayor's Office aggregate: counts by ISO week, department, agency and document type, and measures.

One GROUP BY per table, in SQL. Weeks are ISO weeks of the encounter's start in the city's
time zone. PostgreSQL does it natively (``AT TIME ZONE``, ``percentile_cont``); on SQLite
the same query runs with two small functions registered on the connection (``city_week``
and a ``median`` aggregate), so both databases answer from one definition.
Never names: nothing here reads a person.
"""
import statistics
from datetime import datetime, timezone

from sqlalchemy import and_, case, cast, func, literal, select, text, true
from sqlalchemy.dialects.postgresql import JSONB

from server.access import visible
from server.extensions import db
from server.models import Department, Encounter
from server.reports.queue import CITY_TZ, period_conditions

MEASURES = ("reports", "non_public_with_judicial_warrant", "non_public_without_judicial_warrant", "detained",
            "force", "injuries", "children", "staging", "masks", "median_minutes_to_liaison")


def _city_week(value) -> str | None:
    """ISO week (``2026-W47``) of a stored SQLite timestamp (naive UTC text) in the city's time zone."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value).replace(tzinfo=timezone.utc).astimezone(CITY_TZ)
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


class _Median:
    """SQLite aggregate: the median of the non-null values."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def _dialect() -> str:
    """Return the database's dialect name, registering the SQLite helpers on this connection."""
    name = db.engine.dialect.name
    if name == "postgresql":
        # The planner overestimates the rows the agency expansion makes and then spends more
        # compiling (JIT) than running; a few MB more keeps the group sort in memory.
        db.session.execute(text("SET LOCAL jit = off"))
        db.session.execute(text("SET LOCAL work_mem = '32MB'"))
    elif name == "sqlite":
        raw = db.session.connection().connection.driver_connection
        raw.create_function("city_week", 1, _city_week, deterministic=True)
        raw.create_aggregate("median", 1, _Median)
    return name


def _week_key(dialect: str):
    """The grouping key of a report's ISO week (PostgreSQL: the week's local Monday, cheap to group on)."""
    if dialect == "postgresql":
        return func.date_trunc("week", func.timezone(CITY_TZ.key, Encounter.started_at))
    return func.city_week(Encounter.started_at)


def _week_label(dialect: str, key):
    """The ISO week as text (``2026-W47``) from its grouping key."""
    if dialect == "postgresql":
        return func.to_char(key, literal('IYYY-"W"IW'))
    return key


def _minutes_to_liaison(dialect: str):
    if dialect == "postgresql":
        return func.extract("epoch", Encounter.liaison_notified_at - Encounter.started_at) / 60.0
    return (func.julianday(Encounter.liaison_notified_at) - func.julianday(Encounter.started_at)) * 1440.0


def _median(dialect: str, expr):
    if dialect == "postgresql":
        return func.percentile_cont(0.5).within_group(expr)
    return func.median(expr)


def _measures(dialect: str) -> list:
    def count_if(cond):
        return func.count(case((cond, 1)))

    non_public = Encounter.non_public_entered.is_(True)
    judicial = Encounter.document_type == "judicial_warrant"
    return [
        func.count().label("reports"),
        count_if(and_(non_public, judicial)).label("non_public_with_judicial_warrant"),
        count_if(and_(non_public, ~judicial)).label("non_public_without_judicial_warrant"),
        func.coalesce(func.sum(Encounter.detained_count), 0).label("detained"),
        count_if(Encounter.force_used.is_(True)).label("force"),
        count_if(Encounter.injuries.is_(True)).label("injuries"),
        count_if(Encounter.minors_present.is_(True)).label("children"),
        count_if(Encounter.staging.is_(True)).label("staging"),
        count_if(Encounter.masks.is_(True)).label("masks"),
        _median(dialect, _minutes_to_liaison(dialect)).label("median_minutes_to_liaison"),
    ]


def _measure_dict(row) -> dict:
    out = {name: int(getattr(row, name) or 0) for name in MEASURES[:-1]}
    median = row.median_minutes_to_liaison
    out["median_minutes_to_liaison"] = round(float(median), 1) if median is not None else None
    return out


def _agencies(dialect: str, column):
    """A table-valued expansion of a JSON list of agencies ('unknown' when none was named)."""
    if dialect == "postgresql":
        listed = case((func.jsonb_array_length(column) == 0, cast(literal('["unknown"]'), JSONB)), else_=column)
        return func.jsonb_array_elements_text(listed).table_valued("value").render_derived()
    listed = case((func.json_array_length(column) == 0, literal('["unknown"]')), else_=column)
    return func.json_each(listed).table_valued("value")


def _by_agency(dialect: str, conds: list) -> list:
    """Reports per week, department, agency and document type.

    Grouped first by the agencies list as stored (few distinct lists), then expanded: the
    JSON is unpacked once per group rather than once per report.
    """
    key = _week_key(dialect).label("key")
    grouped = (select(key, Encounter.department_id, Encounter.agencies, Encounter.document_type,
                      func.count().label("n")).where(*conds)
               .group_by(key, Encounter.department_id, Encounter.agencies, Encounter.document_type).subquery())
    agency = _agencies(dialect, grouped.c.agencies)
    week = _week_label(dialect, grouped.c.key).label("week")
    return db.session.execute(
        select(week, Department.code.label("department"), agency.c.value.label("agency"), grouped.c.document_type,
               func.sum(grouped.c.n).label("reports"))
        .select_from(grouped).join(Department, Department.id == grouped.c.department_id).join(agency, true())
        .group_by(week, Department.code, agency.c.value, grouped.c.document_type)
        .order_by(week, Department.code, agency.c.value, grouped.c.document_type)).all()


def _weeks(dialect: str, conds: list) -> list:
    """The measures per week and department."""
    key = _week_key(dialect).label("key")
    grouped = (select(key, Encounter.department_id, *_measures(dialect)).where(*conds)
               .group_by(key, Encounter.department_id).subquery())
    week = _week_label(dialect, grouped.c.key).label("week")
    return db.session.execute(
        select(week, Department.code.label("department"), *(grouped.c[name] for name in MEASURES))
        .select_from(grouped).join(Department, Department.id == grouped.c.department_id)
        .order_by(grouped.c.key, Department.code)).all()


def aggregate(args: dict, principal) -> dict:
    """Return the aggregate for a period and department, within the principal's scope."""
    dialect = _dialect()
    conds = [visible(Encounter, principal), *period_conditions(args)]
    totals = db.session.execute(select(*_measures(dialect)).where(*conds)).one()
    return {
        "by_agency": [{"week": r.week, "department": r.department, "agency": r.agency,
                       "document_type": r.document_type, "reports": int(r.reports)} for r in _by_agency(dialect, conds)],
        "weeks": [{"week": r.week, "department": r.department, **_measure_dict(r)} for r in _weeks(dialect, conds)],
        "totals": _measure_dict(totals),
        "generated_at": datetime.now(timezone.utc),
    }
