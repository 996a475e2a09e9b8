"""Reports for the desk (docs/desk-api.md, Reports): the queue, one report, the aggregate, CSV exports."""
from uuid import UUID

import orjson
from flask import Response, g, request
from flask_smorest import Blueprint
from marshmallow import RAISE
from werkzeug.exceptions import UnprocessableEntity

from encounter import priority, views
from encounter.field_message import coded
from server.access import require
from server.csv_cells import csv_response
from server.auth import token_required
from server.errors import ApiError
from server.reports import aggregate as aggregates, detail as details, queue
from server.schemas.reports import (
    AggregateCsvQuerySchema, AggregateQuerySchema, AggregateSchema, Cursor, QueuePageSchema, QueueQuerySchema,
    ReportDetailSchema,
)

blp = Blueprint("reports", __name__, description="Reports for liaisons and the Mayor's Office (docs/desk-api.md)")

# The queue export: structured fields only. No free text (it may hold what should never have
# been typed), no reporter or assignee names, nothing BRIEF.md says never to collect.
QUEUE_CSV_COLUMNS = ("id", "department", "site", "facility_type", "priority", "priority_rule", "status", "assigned",
                     "started_at", "received_at", "agencies", "document_type", "area_type", "photo_count",
                     "open_questions", views.FLAG)
AGGREGATE_CSV_COLUMNS = {
    "weeks": ("week", "department", *aggregates.MEASURES),
    "by_agency": ("week", "department", "agency", "document_type", "reports"),
}
_CSV_DOC = {"200": {"description": "CSV with a header row", "content": {"text/csv": {"schema": {"type": "string"}}}}}


def reason_language() -> str:
    """The language of priority reasons for this request (Accept-Language among the reasons' languages)."""
    return request.accept_languages.best_match(priority.LANGUAGES) or "en"


def _csv(rows, columns, filename: str) -> Response:
    """Write rows (dicts) as CSV, in the stated column order."""
    return csv_response(list(columns), ([row[c] for c in columns] for row in rows), filename)


def _iso(moment) -> str:
    return moment.isoformat() if moment is not None else None


@blp.route("/reports")
@token_required
@blp.arguments(QueueQuerySchema, location="query", unknown=RAISE)
@blp.response(200, QueuePageSchema)
@blp.doc(security=[{"bearer": []}])
def list_reports(args):
    """Return a page of the queue: P1 first (for roles that read the priority), newest received first, with counts."""
    require(g.principal, "read_reports")
    try:
        return queue.page(args, g.principal, reason_language())
    except queue.ForeignCursor:
        # Keyed on a priority the role does not read, or not on the one it does: not a cursor given to this role,
        # refused as the schema refuses any other (same status, message and field error).
        raise ApiError(422, UnprocessableEntity.description, errors={"query": {"after": [
            coded("type", Cursor.default_error_messages["invalid"])]}}) from None


@blp.route("/reports.csv")
@token_required
@blp.arguments(QueueQuerySchema, location="query", unknown=RAISE)
@blp.doc(security=[{"bearer": []}], responses=_CSV_DOC)
def export_reports(args):
    """Return every report matching the queue's filters as CSV (structured fields only)."""
    require(g.principal, "read_reports")
    seen = views.view(g.principal.role)  # a reporter sees their reports, not how the desk ranks or assigns them
    assignment = views.reads_assignment(g.principal.role)
    rows = ({"id": str(r.id), "department": r.department, "site": r.site_code, "facility_type": r.facility_type,
             "priority": r.priority if seen.priority else None,
             "priority_rule": r.priority_rule if seen.priority else None, "status": r.status,
             "assigned": ("yes" if r.assigned_to_id else "no") if assignment else None,
             "started_at": _iso(r.started_at),
             "received_at": _iso(r.received_at), "agencies": ";".join(r.agencies or ()),
             "document_type": r.document_type, "area_type": r.area_type, "photo_count": r.photo_count,
             "open_questions": r.open_questions,
             views.FLAG: ("yes" if flags else "no") if seen.flags else None}
            for r, flags in queue.all_rows(args, g.principal))
    return _csv(rows, QUEUE_CSV_COLUMNS, "reports.csv")


@blp.route("/reports/aggregate")
@token_required
@blp.arguments(AggregateQuerySchema, location="query", unknown=RAISE)
@blp.response(200, AggregateSchema)
@blp.doc(security=[{"bearer": []}])
def aggregate(args):
    """Return counts by ISO week, department, agency and document type, and the measures; never names."""
    require(g.principal, "read_aggregate")
    # Tens of thousands of plain rows over a long period: written by orjson directly (the schema
    # above documents them; dumping each row through it cost more than the SQL).
    return Response(orjson.dumps(aggregates.aggregate(args, g.principal)), mimetype="application/json")


@blp.route("/reports/aggregate.csv")
@token_required
@blp.arguments(AggregateCsvQuerySchema, location="query", unknown=RAISE)
@blp.doc(security=[{"bearer": []}], responses=_CSV_DOC)
def aggregate_csv(args):
    """Return one table of the aggregate (``table=weeks`` or ``by_agency``) as CSV."""
    require(g.principal, "read_aggregate")
    table = args.pop("table")
    result = aggregates.aggregate(args, g.principal)
    return _csv(result[table], AGGREGATE_CSV_COLUMNS[table], f"aggregate-{table}.csv")


@blp.route("/reports/<uuid:report_id>")
@token_required
@blp.response(200, ReportDetailSchema)
@blp.doc(security=[{"bearer": []}])
def get_report(report_id: UUID):
    """Return one report; another department's reads exactly as one that does not exist."""
    require(g.principal, "read_reports")
    report = details.find(report_id, g.principal)
    if report is None:
        raise ApiError(404, "no such report")
    return details.detail(report, g.principal, reason_language())
