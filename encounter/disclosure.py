"""Small-cell suppression for what the City publishes: no count from 1 to 4, and none recoverable from totals.

Issue 12: the quarterly report goes to the Council and the public. A count from 1 to
``MINIMUM - 1`` could point at a person, so it is shown as ``"<5"`` (primary suppression).
Printing the row and column totals would let a reader subtract the shown cells and recover
it, so more entries are hidden (complementary suppression): in every row and every column
of the table *with its totals*, either nothing is hidden or at least two entries are,
hiding each time the smallest non-zero entry still shown. Zeros are shown (they reveal no
one) and never serve as the second hidden entry, which a reader could otherwise fill in.
Trainers' analytics use the same ``MINIMUM`` for the size of a group they show.
"""
from dataclasses import dataclass

# The smallest group of reports shown as a number.
MINIMUM = 5
SUPPRESSED = f"<{MINIMUM}"
TOTAL = "total"


def is_small(count: int) -> bool:
    """True for a count that may not be published (1 to MINIMUM - 1)."""
    return 0 < count < MINIMUM


def withhold_small_groups(rows, columns, size: str = "reports") -> None:
    """Blank ``columns`` (set them to None) in every row whose group of ``row[size]`` reports is small.

    Trainers' analytics: a group of 1 to 4 reports (one site on one day, one old version…)
    keeps its report count but shows none of its per-step counts, rates or timings, which
    would describe what a handful of identifiable employees did.
    """
    for row in rows:
        if is_small(row[size] or 0):
            row.update(dict.fromkeys(columns))


@dataclass(frozen=True)
class Table:
    """A published cross-tab: row and column labels, and every entry (cells and totals) as int or ``"<5"``."""

    rows: tuple
    columns: tuple
    entries: dict  # {(row, column): int | "<5"}, rows and columns including TOTAL

    def value(self, row, column):
        """Return the published entry (``0`` for a cell with no reports)."""
        return self.entries.get((row, column), 0)


def _lines(rows, columns):
    """Every additive line of the table with totals: each row, and each column, with its TOTAL entry last."""
    all_rows, all_columns = (*rows, TOTAL), (*columns, TOTAL)
    return [[(r, c) for c in all_columns] for r in all_rows] + [[(r, c) for r in all_rows] for c in all_columns]


def suppress(counts: dict, rows=None, columns=None, forced=()) -> Table:
    """Publish a table of ``{(row, column): count}`` with its totals, small cells and what would recover them hidden.

    ``forced`` names entries (e.g. totals shared with another published table) to hide as well.
    """
    rows = tuple(rows if rows is not None else dict.fromkeys(r for r, _ in counts))
    columns = tuple(columns if columns is not None else dict.fromkeys(c for _, c in counts))
    full = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in columns}
    for r in rows:
        full[(r, TOTAL)] = sum(full[(r, c)] for c in columns)
    for c in (*columns, TOTAL):
        full[(TOTAL, c)] = sum(full[(r, c)] for r in rows)
    hidden = {key for key, n in full.items() if is_small(n)} | (set(forced) & set(full))
    lines = _lines(rows, columns)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(key in hidden for key in line) != 1:
                continue
            shown = [key for key in line if key not in hidden and full[key] > 0]
            if shown:  # the line's total is positive whenever one of its entries is hidden
                hidden.add(min(shown, key=lambda key: (full[key], key[0] == TOTAL or key[1] == TOTAL)))
                changed = True
    entries = {key: (SUPPRESSED if key in hidden else n) for key, n in full.items()}
    return Table(rows, columns, entries)


def suppress_linked(tables: list[dict]) -> list[Table]:
    """Suppress several tables whose row totals are the same numbers (e.g. reports per department).

    A row total hidden in one is hidden in every other, until none changes, so one table's
    totals cannot undo another's suppression.
    """
    forced: set = set()
    while True:
        out = [suppress(t["counts"], t.get("rows"), t.get("columns"),
                        forced={(r, TOTAL) for r in forced}) for t in tables]
        hidden = {r for table in out for (r, c), v in table.entries.items() if c == TOTAL and v == SUPPRESSED}
        if hidden <= forced:
            return out
        forced |= hidden
