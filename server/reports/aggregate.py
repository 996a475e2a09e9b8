"""The Mayor's Office aggregate: counts by ISO week, department, agency and document type, and measures.

One pass in SQL answers all three tables (see ``_grouped``). Weeks are ISO weeks of the
encounter's start in the city's time zone. PostgreSQL does it natively (``AT TIME ZONE``,
``percentile_cont``, GROUPING SETS); on SQLite the same rows come from three GROUP BYs with
two small functions registered on the connection (``city_week`` and a ``median`` aggregate),
so both databases answer from one definition.
Never names: nothing here reads a person.
"""
from datetime import datetime, timezone

from sqlalchemy import DateTime, Text, and_, cast, func, literal, null, or_, select, text, tuple_, type_coerce, union_all
from sqlalchemy.dialects.postgresql import JSONB

from server.access import visible
from server.extensions import db
from server.models import Department, Encounter
from server.citytime import CITY_TZ
from server.reports.queue import period_conditions
from encounter.vocabulary import AGENCIES as AGENCY_COLUMNS

# Counts first, then the medians (minutes, or None when no report has the time).
MEDIANS = ("median_minutes_to_liaison", "median_minutes_to_mayor_office")
MEASURES = ("reports", "non_public_with_judicial_warrant", "non_public_without_judicial_warrant", "detained",
            "force", "injuries", "children", "staging", "masks",
            # issue 12
            "arrests", "identification_refused", "no_visible_identification", "records_or_information_demanded",
            "consent_asked", "consent_refused", "entered_over_objection", "weapons_shown", "city_assistance",
            "escalated_to_mayor_office", *MEDIANS)


def _dialect() -> str:
    """Return the database's dialect name (SQLite's week and median come with every connection)."""
    name = db.engine.dialect.name
    if name == "postgresql":
        # The planner overestimates the rows the agency expansion makes and then spends more
        # compiling (JIT) than running; a few MB more keeps the group sort in memory.
        db.session.execute(text("SET LOCAL jit = off"))
        db.session.execute(text("SET LOCAL work_mem = '32MB'"))
    return name


def _week_key(dialect: str):
    """The grouping key of a report's ISO week (PostgreSQL: the week's local Monday, cheap to group on).

    On PostgreSQL this is the key of ``ix_encounters_aggregate`` (migration 0015), spelled so the
    planner matches it: the aggregate reads that index in group order.
    """
    if dialect == "postgresql":
        return func.date_trunc("week", func.timezone(CITY_TZ.key, Encounter.started_at))
    return func.city_week(Encounter.started_at)


def week_bounds(dialect: str, args: dict) -> list:
    """The period's days as bounds on the week key too (PostgreSQL), so a period reads only its weeks of the index.

    Redundant with ``period_conditions`` (which stay, and decide): a report inside the days is
    inside their weeks.
    """
    if dialect != "postgresql":
        return []
    key, out = _week_key(dialect), []
    for name, op in (("from_", key.__ge__), ("to", key.__le__)):
        if args.get(name):
            out.append(op(func.date_trunc("week", cast(literal(args[name].isoformat()), DateTime))))
    return out


def _week_label(dialect: str, key):
    """The ISO week as text (``2026-W47``) from its grouping key."""
    if dialect == "postgresql":
        return func.to_char(key, literal('IYYY-"W"IW'))
    return key


def _minutes_to(dialect: str, column):
    """Minutes from the encounter's start to a notification time (None when the time is not set)."""
    if dialect == "postgresql":
        # date_part gives a double; EXTRACT a numeric, slower to compute and to sort for the median.
        return func.date_part("epoch", column - Encounter.started_at) / 60.0
    return (func.julianday(column) - func.julianday(Encounter.started_at)) * 1440.0


def non_public_entry():
    """A non-public area entered, as triage counts it: said so, or agents still present there and not denied."""
    return or_(Encounter.non_public_entered.is_(True),
               and_(Encounter.area_type == "non_public", Encounter.outcome == "still_present",
                    Encounter.non_public_entered.is_not(False)))


def names(column, what: str):
    """Reports whose JSON list ``column`` holds ``what`` (a closed vocabulary, so a JSON text match is exact).

    PostgreSQL: ``?`` (a top-level string of the array), cheaper per report than ``@>``.
    """
    if db.engine.dialect.name == "postgresql":
        return type_coerce(column, JSONB).has_key(what)
    return cast(column, Text).like(f'%"{what}"%')


def requested_condition(what: str):
    """Reports whose agents asked for ``what``."""
    return names(Encounter.requested, what)


def _median(dialect: str, expr):
    if dialect == "postgresql":
        return func.percentile_cont(0.5).within_group(expr)
    return func.median(expr)


def _measures(dialect: str) -> list:
    count_if = _count_if
    non_public = non_public_entry()
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
        count_if(or_(Encounter.outcome == "arrest_made", Encounter.detained_count > 0)).label("arrests"),
        count_if(Encounter.identification_refused.is_(True)).label("identification_refused"),
        count_if(Encounter.visible_identification.is_(False)).label("no_visible_identification"),
        count_if(or_(requested_condition("records"), requested_condition("information")))
        .label("records_or_information_demanded"),
        count_if(Encounter.consent_asked.is_(True)).label("consent_asked"),
        count_if(Encounter.consent_refused.is_(True)).label("consent_refused"),
        count_if(Encounter.entered_over_objection.is_(True)).label("entered_over_objection"),
        count_if(Encounter.weapons_shown.is_(True)).label("weapons_shown"),
        count_if(Encounter.city_assistance.is_(True)).label("city_assistance"),
        count_if(Encounter.mayor_office_notified_at.is_not(None)).label("escalated_to_mayor_office"),
        _median(dialect, _minutes_to(dialect, Encounter.liaison_notified_at)).label("median_minutes_to_liaison"),
        _median(dialect, _minutes_to(dialect, Encounter.mayor_office_notified_at)).label("median_minutes_to_mayor_office"),
    ]


def _measure_dict(row) -> dict:
    out = {name: int(getattr(row, name) or 0) for name in MEASURES if name not in MEDIANS}
    for name in MEDIANS:
        median = getattr(row, name)
        out[name] = round(float(median), 1) if median is not None else None
    return out


def _count_if(cond):
    return func.count().filter(cond)


def _agency_counts(dialect: str) -> list:
    """One count per agency of the vocabulary: reports naming it ('unknown' also counts reports naming none)."""
    length = func.jsonb_array_length if dialect == "postgresql" else func.json_array_length
    out = []
    for n, agency in enumerate(AGENCY_COLUMNS):
        named = names(Encounter.agencies, agency)
        if agency == "unknown":
            named = or_(named, length(Encounter.agencies) == 0)
        out.append(_count_if(named).label(f"agency_{n}"))
    return out


def _grouped(dialect: str, conds: list):
    """One pass over the reports: rows per (week, department, document type), per (week, department), and in all.

    ``level`` tells them apart (0, 1, 7: the bits of the keys rolled up, as PostgreSQL's
    GROUPING gives them). Every row carries the measures and a count per agency, so the
    agency table is these counts unpivoted: no JSON is expanded per report or per group.
    PostgreSQL reads the reports once (GROUPING SETS over one index-only scan); SQLite,
    which has no grouping sets, answers the same rows from three GROUP BYs.
    """
    key = _week_key(dialect)
    dept, doc = Encounter.department_id, Encounter.document_type
    columns = [*_agency_counts(dialect), *_measures(dialect)]
    if dialect == "postgresql":
        grouped = (select(func.grouping(key, dept, doc).label("level"), key.label("key"), dept.label("department_id"),
                          doc.label("document_type"), *columns).where(*conds)
                   .group_by(func.grouping_sets(tuple_(key, dept, doc), tuple_(key, dept), text("()"))))
    else:
        none = null()
        grouped = union_all(
            select(literal(0).label("level"), key.label("key"), dept.label("department_id"),
                   doc.label("document_type"), *columns).where(*conds).group_by(key, dept, doc),
            select(literal(1), key, dept, none, *columns).where(*conds).group_by(key, dept),
            select(literal(7), none, none, none, *columns).where(*conds))
    grouped = grouped.subquery()
    week = _week_label(dialect, grouped.c.key).label("week")
    return db.session.execute(
        select(grouped, week, Department.code.label("department"))
        .select_from(grouped).outerjoin(Department, Department.id == grouped.c.department_id)
        .order_by(grouped.c.level, grouped.c.key, Department.code, grouped.c.document_type))


def aggregate(args: dict, principal) -> dict:
    """Return the aggregate for a period and department, within the principal's scope."""
    dialect = _dialect()
    conds = [visible(Encounter, principal), *period_conditions(args), *week_bounds(dialect, args)]
    by_agency, weeks, totals = [], [], None
    # Agencies in alphabetical order, with their count's position in a row.
    rows = _grouped(dialect, conds)
    first = list(rows.keys()).index("agency_0")
    agencies = sorted((name, first + n) for n, name in enumerate(AGENCY_COLUMNS))
    cell, previous = [], None  # the rows of one week and department (one per document type, in order)

    def flush():
        # The agency table's rows of one week and department: by agency, then document type.
        for name, at in agencies:
            by_agency.extend({"week": week, "department": department, "agency": name, "document_type": document_type,
                              "reports": r[at]} for week, department, document_type, r in cell if r[at])
        cell.clear()

    for row in rows:
        if row.level == 0:
            if (row.key, row.department_id) != previous:
                flush()
                previous = (row.key, row.department_id)
            cell.append((row.week, row.department, row.document_type, row))
        elif row.level == 1:
            weeks.append({"week": row.week, "department": row.department, **_measure_dict(row)})
        else:
            totals = row
    flush()
    return {"by_agency": by_agency, "weeks": weeks, "totals": _measure_dict(totals),
            "generated_at": datetime.now(timezone.utc)}
