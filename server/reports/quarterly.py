"""The quarterly report the City publishes (Council and public): cross-tabs of the aggregate, small cells hidden.

Built only from the aggregate's cross-tab (``server/reports/pivot.py``); every table has
departments as rows and reports as counts, so their row totals are the same numbers and
are suppressed together (``encounter.disclosure.suppress_linked``).
"""
import hashlib
import json
from datetime import date, datetime

from encounter.disclosure import MINIMUM, SUPPRESSED, TOTAL, suppress_linked
from server.citytime import CITY_TZ
from server.reports.pivot import crosstab

# (table name, column dimension); rows are always departments.
TABLES = (("reports_by_month", "month"), ("non_public_entries", "entry_warrant"), ("outcomes", "outcome"),
          ("city_assistance", "city_assistance"))
CSV_COLUMNS = ("table", "department", "column", "reports", "note")
# The CSV travels without the page's legend, so each withheld figure says what its mark means.
CSV_NOTE = (f"withheld: a count from 1 to {MINIMUM - 1}, or a figure withheld so that such a count cannot be "
            "worked out from the others; the mark does not say which")


def quarter_days(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a calendar quarter."""
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1).toordinal() - 1
    return first, date.fromordinal(last)


def quarter_ended(year: int, quarter: int, today: date | None = None) -> bool:
    """True once the quarter's last day is over in City time: only then can it be published."""
    return (today or datetime.now(CITY_TZ).date()) > quarter_days(year, quarter)[1]


def citywide(year: int, quarter: int, principal) -> dict:
    """The publishable tables of one quarter, every department in the principal's scope as rows."""
    first, last = quarter_days(year, quarter)
    period = {"from_": first, "to": last}
    raw = [crosstab(period, principal, "department", columns) for _, columns in TABLES]
    tables = suppress_linked([{"counts": {(r, c): n for r, c, n in t["cells"]}} for t in raw])
    out = []
    for (name, dimension), table in zip(TABLES, tables):
        columns = [*table.columns, TOTAL]
        rows = [{"department": row, "cells": {c: table.value(row, c) for c in columns}}
                for row in (*table.rows, TOTAL)]
        out.append({"name": name, "columns_dimension": dimension, "columns": columns, "rows": rows})
    return {"year": year, "quarter": quarter, "from_": first.isoformat(), "to": last.isoformat(),
            "minimum": MINIMUM, "suppressed": SUPPRESSED, "tables": out}


def cut(report: dict, department: str | None) -> dict:
    """One department's report: its row of the citywide one, suppressed alike (the report itself for None).

    Suppressed on its own, a department's report showed entries the citywide report hides, which its
    totals then gave away; cut from a published snapshot, it can never differ from what was published.
    """
    if department is None:
        return report
    tables = []
    for table in report["tables"]:
        own = [row for row in table["rows"] if row["department"] == department]
        cells = dict(own[0]["cells"]) if own else dict.fromkeys(table["columns"], 0)
        tables.append({**table, "rows": own + [{"department": TOTAL, "cells": cells}]})
    return {**report, "tables": tables}


def digest(report: dict) -> str:
    """A fingerprint of the citywide tables: publishing names the one shown, so nothing else is published."""
    return hashlib.sha256(json.dumps(report, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def quarterly(args: dict, principal) -> dict:
    """Return the publishable tables of one quarter as computed now: counts from 1 to 4, and what would recover
    them, withheld."""
    report = citywide(args["year"], args["quarter"], principal)
    return {**cut(report, args.get("department")), "digest": None if args.get("department") else digest(report)}


def csv_rows(report: dict):
    """The quarterly report as long CSV rows: table, department, column, reports (a number or the mark), note."""
    for table in report["tables"]:
        for row in table["rows"]:
            for column in table["columns"]:
                value = row["cells"][column]
                yield {"table": table["name"], "department": row["department"], "column": column,
                       "reports": value, "note": CSV_NOTE if value == SUPPRESSED else ""}
