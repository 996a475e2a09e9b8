"""Completion analytics for trainers, admins and the Mayor's Office (docs/desk-api.md, Analytics).

``filters`` echoes the query; ``period`` is the one answered, the asked days widened to whole
ISO weeks (``from``/``to``, null for an open end). Each table is also served as ``.csv`` with
the JSON's rows and columns, except that a step's ``text`` (in JSON the whole per-language
object, ``{"en": …, "es": …}``) is one column per required language there (``text_en``,
``text_es``). No table names a reporter.
"""

from functools import wraps

from flask import Response, g, request
from flask_smorest import Blueprint
from marshmallow import RAISE

from encounter.analytics_disclosure import whole_weeks
from encounter.field_message import coded
from server import analytics
from server.access import require, scoped
from server.csv_cells import csv_response
from server.auth import token_required
from server.citytime import CITY_TZ
from server.checklists import REQUIRED_LANGUAGES
from server.errors import ApiError
from server.extensions import db
from server.lookup import visible_id
from server.models import Checklist, ChecklistVersion, Department, Site
from server.schemas.analytics import (
    AnalyticsQuerySchema, CompareQuerySchema, CriticalSkipsQuerySchema, TableSchema, TimingsQuerySchema, VersionListSchema,
)

blp = Blueprint("analytics", __name__, description="Checklist completion analytics")
_DOC = {"security": [{"bearer": []}]}
_CSV_DOC = {"security": [{"bearer": []}], "responses": {"200": {
    "description": "the JSON table's columns and rows as CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}}


def _require_reader() -> None:
    require(g.principal, "read_analytics")


def _visible_id(model, column, value, what: str):
    """The id of a visible row; another department's reads exactly as one that does not exist."""
    return visible_id(model, column, value, what, g.principal)


def _period(args: dict) -> tuple:
    """The period answered: the asked days widened to whole ISO weeks (encounter/analytics_disclosure.py)."""
    return whole_weeks(args.get("from_"), args.get("to"))


def _version_department(version_id: int | None) -> int | None:
    return version_id and db.session.scalar(
        db.select(Checklist.department_id).join(ChecklistVersion, ChecklistVersion.checklist_id == Checklist.id)
        .where(ChecklistVersion.id == version_id))


def _of_department(department_id: int | None, owner_id: int | None, field: str, what: str) -> None:
    """A site or version of another department than the one filtered on (or than the site's) is refused (422,
    reason ``not_in_department``): the filters together could only ever count nothing, and "Reports counted: 0"
    would read as "nothing happened there"."""
    if department_id is not None and owner_id is not None and owner_id != department_id:
        code = db.session.get(Department, department_id).code
        raise ApiError(422, f"the {what} is not one of department {code}", reason="not_in_department",
                       errors={"query": {field: [coded("not_allowed", f"is not a {what} of department {code}",
                                                       department=code)]}})


def _filters(args: dict) -> analytics.Filters:
    """Resolve the query's codes and ids through the viewer's scope; the period in whole weeks. A site or version
    outside the department filtered on (a version outside the site's department) is 422."""
    _require_reader()
    start, end = _period(args)
    filters = analytics.Filters(
        department_id=_visible_id(Department, Department.code, args.get("department"), "department"),
        site_id=_visible_id(Site, Site.code, args.get("site"), "site"),
        start=start, end=end,
        version_id=_visible_id(ChecklistVersion, ChecklistVersion.id, args.get("version"), "checklist version"))
    _of_department(filters.department_id, _site_department(filters), "site", "site")
    _of_versions(filters, {"version": filters.version_id})
    return filters


def _site_department(filters: analytics.Filters) -> int | None:
    return filters.site_id and db.session.get(Site, filters.site_id).department_id


def _of_versions(filters: analytics.Filters, versions: dict) -> None:
    """Each of ``versions`` ({query field: id}) of the department filtered on, else of the site's."""
    for field, version_id in versions.items():
        _of_department(filters.department_id or _site_department(filters), _version_department(version_id), field,
                       "checklist version")


def _echo(args: dict) -> dict:
    return {key: (value.isoformat() if hasattr(value, "isoformat") else value)
            for key, value in {"department": args.get("department"), "site": args.get("site"),
                               "from": args.get("from_"), "to": args.get("to"), "version": args.get("version"),
                               "by": args.get("by")}.items() if value is not None}


def _json(table: analytics.Table, args: dict) -> dict:
    period = dict(zip(("from", "to"), (day and day.isoformat() for day in _period(args))))
    return {"columns": table.columns, "rows": table.rows, "filters": _echo(args), "period": period, **table.extra}


# JSON columns holding a per-language object; in CSV, one column per required language.
_PER_LANGUAGE = frozenset({"text"})


def csv_columns(columns: list[str]) -> list[tuple[str, str, str | None]]:
    """The CSV header for a table's JSON columns: (CSV column, JSON column, language or None)."""
    out = []
    for column in columns:
        if column in _PER_LANGUAGE:
            out += [(f"{column}_{lang}", column, lang) for lang in REQUIRED_LANGUAGES]
        else:
            out.append((column, column, None))
    return out


def _csv(table: analytics.Table, name: str) -> Response:
    columns = csv_columns(table.columns)
    rows = ([row[column] if lang is None else (row[column] or {}).get(lang) for _, column, lang in columns]
            for row in table.rows)
    return csv_response([header for header, _, _ in columns], rows, f"analytics-{name}.csv")


def _steps(args):
    return analytics.steps(g.principal, _filters(args))


def _timings(args):
    return analytics.timings(g.principal, _filters(args), args["by"])


def _critical_skips(args):
    return analytics.critical_skips(g.principal, _filters(args), args["by"])


def _versions_are_a_and_b(view):
    """Compare has no ``version`` filter (``a`` and ``b`` are the versions): say so, rather than "Unknown field"."""
    @wraps(view)
    def checked(*args, **kwargs):
        if "version" in request.args:
            raise ApiError(422, "compare takes the two versions as a and b; it has no version filter",
                           errors={"query": {"version": [coded("unknown", "not a compare filter: give the versions as a and b")]}})
        return view(*args, **kwargs)
    return checked


def _compare(args):
    filters = _filters(args)
    a = _visible_id(ChecklistVersion, ChecklistVersion.id, args["a"], "checklist version")
    b = _visible_id(ChecklistVersion, ChecklistVersion.id, args["b"], "checklist version")
    _of_versions(filters, {"a": a, "b": b})
    return analytics.compare(g.principal, filters, a, b)


@blp.route("/analytics/steps")
@token_required
@blp.arguments(AnalyticsQuerySchema, location="query", unknown=RAISE)
@blp.response(200, TableSchema)
@blp.doc(**_DOC)
def steps(args):
    """Per step of the chosen version (or of all, by step id): result rates and p50/p90 seconds to done."""
    return _json(_steps(args), args)


@blp.route("/analytics/steps.csv")
@token_required
@blp.arguments(AnalyticsQuerySchema, location="query", unknown=RAISE)
@blp.doc(**_CSV_DOC)
def steps_csv(args):
    """The steps table as CSV."""
    return _csv(_steps(args), "steps")


@blp.route("/analytics/timings")
@token_required
@blp.arguments(TimingsQuerySchema, location="query", unknown=RAISE)
@blp.response(200, TableSchema)
@blp.doc(**_DOC)
def timings(args):
    """p50/p90 minutes from encounter start to the report's arrival and to the liaison's notification."""
    return _json(_timings(args), args)


@blp.route("/analytics/timings.csv")
@token_required
@blp.arguments(TimingsQuerySchema, location="query", unknown=RAISE)
@blp.doc(**_CSV_DOC)
def timings_csv(args):
    """The timings table as CSV."""
    return _csv(_timings(args), "timings")


@blp.route("/analytics/critical-skips")
@token_required
@blp.arguments(CriticalSkipsQuerySchema, location="query", unknown=RAISE)
@blp.response(200, TableSchema)
@blp.doc(**_DOC)
def critical_skips(args):
    """Reports with a time-critical step skipped, by site, week or department, with rates and a total."""
    return _json(_critical_skips(args), args)


@blp.route("/analytics/critical-skips.csv")
@token_required
@blp.arguments(CriticalSkipsQuerySchema, location="query", unknown=RAISE)
@blp.doc(**_CSV_DOC)
def critical_skips_csv(args):
    """The critical-skips table as CSV."""
    return _csv(_critical_skips(args), "critical-skips")


@blp.route("/analytics/compare")
@token_required
@_versions_are_a_and_b
@blp.arguments(CompareQuerySchema, location="query", unknown=RAISE)
@blp.response(200, TableSchema)
@blp.doc(**_DOC)
def compare(args):
    """Two versions side by side per step (matched by step id)."""
    return _json(_compare(args), args)


@blp.route("/analytics/compare.csv")
@token_required
@_versions_are_a_and_b
@blp.arguments(CompareQuerySchema, location="query", unknown=RAISE)
@blp.doc(**_CSV_DOC)
def compare_csv(args):
    """The comparison as CSV."""
    return _csv(_compare(args), "compare")


@blp.route("/analytics/versions")
@token_required
@blp.response(200, VersionListSchema)
@blp.doc(**_DOC)
def versions():
    """The published checklist versions the reader may narrow analytics to (the version and compare filters), by
    department and number: id, department, number, published_at (and published_on, its City day), retired. No title or steps, no draft, no names:
    the Mayor's Office, which reads no checklists (GET /checklists is 403), chooses a version from it."""
    _require_reader()
    rows = db.session.execute(
        db.select(ChecklistVersion.id, Department.code, ChecklistVersion.number, ChecklistVersion.published_at,
                  ChecklistVersion.retired_at)
        .join_from(ChecklistVersion, Checklist, ChecklistVersion.checklist_id == Checklist.id)
        .join(Department, Department.id == Checklist.department_id)
        .where(ChecklistVersion.id.in_(scoped(ChecklistVersion, g.principal).with_only_columns(ChecklistVersion.id)))
        .order_by(Department.code, Checklist.id, ChecklistVersion.number))
    return {"versions": [{"id": id_, "department": code, "number": number, "published_at": published,
                          "published_on": published.astimezone(CITY_TZ).date(), "retired": retired is not None}
                         for id_, code, number, published, retired in rows]}
