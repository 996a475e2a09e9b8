"""The Mayor's Office cross-tab and the publishable quarterly report (issue 12; docs/desk-api.md)."""
from flask import g
from flask_smorest import Blueprint
from marshmallow import RAISE

from server.access import require
from server.auth import token_required
from server.csv_cells import csv_response
from server.lookup import visible_id
from server.models import Department
from server.errors import ApiError
from server.reports import pivot, publication, quarterly as quarterlies
from server.schemas.mayor import (CrosstabQuerySchema, CrosstabSchema, PublishQuarterSchema, QuarterlySchema,
                                  QuarterQuerySchema)

blp = Blueprint("mayor", __name__, description="The Mayor's Office cross-tab and quarterly report")

# The cross-tab as CSV, one row per non-empty cell: the stated columns.
CROSSTAB_CSV_COLUMNS = ("rows_dimension", "row", "columns_dimension", "column", "reports")
_CSV_DOC = {"200": {"description": "CSV with a header row", "content": {"text/csv": {"schema": {"type": "string"}}}}}


@blp.route("/reports/crosstab")
@token_required
@blp.arguments(CrosstabQuerySchema, location="query", unknown=RAISE)
@blp.response(200, CrosstabSchema)
@blp.doc(security=[{"bearer": []}])
def crosstab(args):
    """Return reports counted by any two dimensions of the aggregate; never names."""
    require(g.principal, "read_aggregate")
    return pivot.crosstab(args, g.principal, args.pop("rows"), args.pop("columns"))


@blp.route("/reports/crosstab.csv")
@token_required
@blp.arguments(CrosstabQuerySchema, location="query", unknown=RAISE)
@blp.doc(security=[{"bearer": []}], responses=_CSV_DOC)
def crosstab_csv(args):
    """Return the cross-tab as CSV with the stated columns."""
    require(g.principal, "read_aggregate")
    result = pivot.crosstab(args, g.principal, args.pop("rows"), args.pop("columns"))
    rows = ([result["rows"], r, result["columns"], c, n] for r, c, n in result["cells"])
    return csv_response(list(CROSSTAB_CSV_COLUMNS), rows, "crosstab.csv")


def _quarterly(args: dict) -> dict:
    """The quarter as published, or as computed now (``live`` or never published); a department code that names no
    visible department is 404, never a table of zeros."""
    require(g.principal, "read_aggregate")
    visible_id(Department, Department.code, args.get("department"), "department", g.principal)
    live = args.pop("live", False)
    return publication.read(args, g.principal, live=live)


@blp.route("/reports/quarterly")
@token_required
@blp.arguments(QuarterQuerySchema, location="query", unknown=RAISE)
@blp.response(200, QuarterlySchema)
@blp.doc(security=[{"bearer": []}])
def quarterly(args):
    """Return the quarter's publishable tables (the published snapshot once published), small cells withheld."""
    return _quarterly(args)


@blp.route("/reports/quarterly.csv")
@token_required
@blp.arguments(QuarterQuerySchema, location="query", unknown=RAISE)
@blp.doc(security=[{"bearer": []}], responses=_CSV_DOC)
def quarterly_csv(args):
    """Return the quarterly report as CSV (table, department, column, reports, note), exactly as the page."""
    report = _quarterly(args)
    columns = quarterlies.CSV_COLUMNS
    state = "published" if report["status"] == "published" else "not-published"
    return csv_response(list(columns), ([row[c] for c in columns] for row in quarterlies.csv_rows(report)),
                        f"quarterly-{report['year']}-Q{report['quarter']}-{state}.csv")


@blp.route("/reports/quarterly/publication", methods=["POST"])
@token_required
@blp.arguments(PublishQuarterSchema, unknown=RAISE)
@blp.response(201, QuarterlySchema)
@blp.doc(security=[{"bearer": []}])
def publish_quarter(args):
    """Publish a quarter that is over: store the citywide tables shown, once (409 already_published after)."""
    require(g.principal, "publish_quarterly")
    try:
        publication.publish(args["year"], args["quarter"], args["digest"], g.principal)
    except publication.PublishRefused as exc:
        raise ApiError(409, str(exc), reason=exc.reason) from None
    return publication.read({"year": args["year"], "quarter": args["quarter"]}, g.principal)
