"""CSV exports (queue, aggregate, analytics): how a value is written, and the download itself."""
import csv
import io
from collections.abc import Iterable

from flask import Response

# A spreadsheet runs a cell starting like this as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """Empty for none, true/false for booleans, text prefixed with ' if a spreadsheet would run it."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    """Negative numbers start with '-' but are data, not formulas."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(header: list[str], rows: Iterable[list], filename: str) -> Response:
    """A CSV download: the header, then each row's values written by ``csv_cell``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
