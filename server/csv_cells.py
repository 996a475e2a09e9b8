"""How a value is written in a CSV export (queue, aggregate, analytics): one rule for all of them."""

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
