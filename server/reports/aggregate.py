"""The Mayor's Office aggregate: counts by ISO week, department, agency and document type, and measures.

One GROUP BY per table, in SQL. Weeks are ISO weeks of the encounter's start in the city's
time zone. PostgreSQL does it natively (``AT TIME ZONE``, ``percentile_cont``); on SQLite
the same query runs with two small functions registered on the connection (``city_week``
and a ``median`` aggregate), so both databases answer from one definition.
Never names: nothing here reads a person.
"""
import statistics
from datetime import datetime, timezone

from sqlalchemy import and_, case, cast, func, literal, select, true

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
    if name == "sqlite":
        raw = db.session.connection().connection.driver_connection
        raw.create_function("city_week", 1, _city_week, deterministic=True)
        raw.create_aggregate("median", 1, _Median)
    return name


def _week(dialect: str):
    if dialect == "postgresql":
        return func.to_char(func.timezone(CITY_TZ.key, Encounter.started_at), literal('IYYY-"W"IW'))
    return func.city_week(Encounter.started_at)


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


def _agencies(dialect: str):
    """A table-valued expansion of each report's agencies ('unknown' when none was named)."""
    if dialect == "postgresql":
        listed = case((func.jsonb_array_length(Encounter.agencies) == 0, cast(literal('["unknown"]'), Encounter.agencies.type)),
                      else_=Encounter.agencies)
        return func.jsonb_array_elements_text(listed).table_valued("value").render_derived()
    listed = case((func.json_array_length(Encounter.agencies) == 0, literal('["unknown"]')), else_=Encounter.agencies)
    return func.json_each(listed).table_valued("value")


def aggregate(args: dict, principal) -> dict:
    """Return the aggregate for a period and department, within the principal's scope."""
    dialect = _dialect()
    conds = [visible(Encounter, principal), *period_conditions(args)]
    week = _week(dialect).label("week")
    dept = Department.code.label("department")
    base = select().select_from(Encounter).join(Department, Department.id == Encounter.department_id).where(*conds)
    agency = _agencies(dialect)
    by_agency = db.session.execute(
        base.add_columns(week, dept, agency.c.value.label("agency"), Encounter.document_type, func.count().label("reports"))
        .join(agency, true()).group_by(week, dept, agency.c.value, Encounter.document_type)
        .order_by(week, dept, agency.c.value, Encounter.document_type)).all()
    weeks = db.session.execute(base.add_columns(week, dept, *_measures(dialect)).group_by(week, dept)
                               .order_by(week, dept)).all()
    totals = db.session.execute(base.add_columns(*_measures(dialect))).one()
    return {
        "by_agency": [{"week": r.week, "department": r.department, "agency": r.agency,
                       "document_type": r.document_type, "reports": r.reports} for r in by_agency],
        "weeks": [{"week": r.week, "department": r.department, **_measure_dict(r)} for r in weeks],
        "totals": _measure_dict(totals),
        "generated_at": datetime.now(timezone.utc),
    }
