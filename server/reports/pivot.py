"""The Mayor's Office cross-tab: reports counted by any two of the aggregate's dimensions, in SQL.

Issue 12: any dimension can be chosen for rows and columns. Each dimension is one SQL
expression giving a short code (a vocabulary value, a band, yes/no/not_known); counts
come from one GROUP BY on SQLite and PostgreSQL alike. Never names: departments by code,
sites only by facility type.
"""
from sqlalchemy import and_, case, func, literal, or_, select

from server.access import visible
from server.citytime import CITY_TZ
from server.extensions import db
from server.models import Department, Encounter, Site
from server.reports.aggregate import _dialect, _week_key, _week_label, non_public_entry, week_bounds
from server.reports.queue import period_conditions

NOT_GIVEN = "not_given"
# Agents and vehicles are counted in bands (the lower bound of each band, then "and more").
BANDS = ((0, "0"), (1, "1-2"), (3, "3-5"), (6, "6-10"), (11, "11+"))
YES_NO = ("masks", "identification_refused", "visible_identification", "consent_asked", "consent_refused",
          "entered_over_objection", "weapons_shown", "force_used", "injuries", "minors_present", "staging",
          "city_assistance")
DIMENSIONS = ("department", "facility_type", "week", "month", "area_type", "outcome", "stated_reason",
              "document_type", "agents", "vehicles", "non_public_entry", "entry_warrant", "arrest", "escalated", *YES_NO)


def _yes_no(column_or_condition, nullable: bool = True):
    if not nullable:
        return case((column_or_condition, "yes"), else_="no")
    return case((column_or_condition.is_(True), "yes"), (column_or_condition.is_(False), "no"), else_="not_known")


def _band(column):
    whens = [(column >= low, label) for low, label in reversed(BANDS)]
    return case((column.is_(None), NOT_GIVEN), *whens, else_=NOT_GIVEN)


def _month(dialect: str):
    if dialect == "postgresql":
        return func.to_char(func.timezone(CITY_TZ.key, Encounter.started_at), literal("YYYY-MM"))
    return func.city_month(Encounter.started_at)


def dimension(name: str, dialect: str):
    """Return the SQL expression of a dimension (a short code per report)."""
    if name == "department":
        return Department.code
    if name == "facility_type":
        return Site.facility_type
    if name == "week":
        return _week_label(dialect, _week_key(dialect))
    if name == "month":
        return _month(dialect)
    if name in ("area_type", "document_type"):
        return getattr(Encounter, name)
    if name in ("outcome", "stated_reason"):
        return func.coalesce(getattr(Encounter, name), NOT_GIVEN)
    if name in ("agents", "vehicles"):
        return _band(Encounter.agent_count if name == "agents" else Encounter.vehicle_count)
    if name == "non_public_entry":
        return _yes_no(non_public_entry(), nullable=False)
    if name == "entry_warrant":
        entry = non_public_entry()
        return case((and_(entry, Encounter.document_type == "judicial_warrant"), "with_judicial_warrant"),
                    (entry, "without_judicial_warrant"), else_="no_entry")
    if name == "arrest":
        return _yes_no(or_(Encounter.outcome == "arrest_made", Encounter.detained_count > 0), nullable=False)
    if name == "escalated":
        return _yes_no(Encounter.mayor_office_notified_at.is_not(None), nullable=False)
    return _yes_no(getattr(Encounter, name))


def crosstab(args: dict, principal, rows: str, columns: str) -> dict:
    """Count reports by two dimensions within the principal's scope: ``{rows, columns, cells: [[r, c, n]]}``."""
    dialect = _dialect()
    r, c = dimension(rows, dialect).label("r"), dimension(columns, dialect).label("c")
    query = (select(r, c, func.count().label("n")).select_from(Encounter)
             .where(visible(Encounter, principal), *period_conditions(args), *week_bounds(dialect, args)))
    needs = {rows, columns}
    if "department" in needs:
        query = query.join(Department, Department.id == Encounter.department_id)
    if "facility_type" in needs:
        query = query.join(Site, and_(Site.id == Encounter.site_id))
    result = db.session.execute(query.group_by(r, c).order_by(r, c)).all()
    return {"rows": rows, "columns": columns, "cells": [[row.r, row.c, int(row.n)] for row in result],
            "dimensions": list(DIMENSIONS)}
