"""Small-cell suppression for what the City publishes: no count from 1 to 4, and none recoverable from totals.

Issue 12: the quarterly report goes to the Council and the public. A count from 1 to
``MINIMUM - 1`` could point at a person, so it is withheld (primary suppression).
Printing the row and column totals would let a reader subtract the shown cells and recover
it, so more entries are hidden (complementary suppression): in every row and every column
of the table *with its totals*, either nothing is hidden or at least two entries are,
hiding each time the smallest non-zero entry still shown. Zeros are shown (they reveal no
one) and never serve as the second hidden entry, which a reader could otherwise fill in.
Lines alone are not enough: a reader also knows every hidden entry is at least 1, so more is
hidden until another table agreeing with everything shown differs in each small entry
(``_exposed``); tables sharing their totals are checked together.
Every withheld entry carries the same mark, ``SUPPRESSED``: a mark such as "<5" on an entry
hidden only to protect another (often 5 or more) would state something false, and one mark
for small entries and another for the rest would point at the small ones.
Trainers' analytics use the same ``MINIMUM`` for the size of a group they show.
"""
from dataclasses import dataclass

# The smallest group of reports shown as a number.
MINIMUM = 5
# The one mark of a withheld entry, whatever its size and whichever kind of suppression hid it.
SUPPRESSED = "withheld"
TOTAL = "total"
# The first quarter of the City's reporting: Executive Directive 12 (11 July 2025) started it, so no quarterly report
# is computed or published for an earlier one (the desk's picker starts here too, through the rules JSON).
FIRST_QUARTER = (2025, 3)


def before_first_quarter(year: int, quarter: int) -> bool:
    """True for a quarter before ``FIRST_QUARTER``, of which the City publishes no report."""
    return (year, quarter) < FIRST_QUARTER


def is_small(count: int) -> bool:
    """True for a count that may not be published (1 to MINIMUM - 1)."""
    return 0 < count < MINIMUM


# Reports that arrived for a quarter after it was published, in bands: an exact small count beside the
# published tables and a later recomputation would point at the late reports (docs/decisions.md).
ARRIVED_BANDS = ((0, "none"), (1, f"1-{MINIMUM - 1}"), (MINIMUM, f"{MINIMUM}-{2 * MINIMUM - 1}"),
                 (2 * MINIMUM, f"{2 * MINIMUM}+"))


def arrived_band(count: int) -> str:
    """The band of a count of late reports: "none", "1-4", "5-9" or "10+", never the exact number."""
    return next(label for floor, label in reversed(ARRIVED_BANDS) if count >= floor)


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
    """A published cross-tab: row and column labels, and every entry (cells and totals) as int or ``SUPPRESSED``."""

    rows: tuple
    columns: tuple
    entries: dict  # {(row, column): int | SUPPRESSED}, rows and columns including TOTAL

    def value(self, row, column):
        """Return the published entry (``0`` for a cell with no reports)."""
        return self.entries.get((row, column), 0)


def _lines(rows, columns):
    """Every additive line of the table with totals: each row, and each column, with its TOTAL entry last."""
    all_rows, all_columns = (*rows, TOTAL), (*columns, TOTAL)
    return [[(r, c) for c in all_columns] for r in all_rows] + [[(r, c) for r in all_rows] for c in all_columns]


def _full(counts: dict, rows, columns) -> dict:
    """Every entry of the table with its totals, as numbers."""
    full = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in columns}
    for r in rows:
        full[(r, TOTAL)] = sum(full[(r, c)] for c in columns)
    for c in (*columns, TOTAL):
        full[(TOTAL, c)] = sum(full[(r, c)] for r in rows)
    return full


def _complete_lines(full: dict, hidden: set, lines) -> None:
    """Hide, in every line with exactly one hidden entry, its smallest non-zero entry still shown."""
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


# The reader's attack beyond single lines. Zeros are shown, so every hidden entry is at least 1,
# and a reader who knew which hidden entries are small would know they are at most 4 (the mark
# does not say it, but the attack assumes the most a reader could know): a row of 12 showing 10
# beside two hidden entries gives both away (1 and 1), though no line has a single unknown.
# A hidden small entry is safe only if another table, agreeing with everything shown and with
# those bounds, differs in it. Writing a total with a minus sign makes every line sum to zero,
# so such a difference is a cycle of +1/-1 through hidden entries alternating between a row and
# a column (and every difference is made of such cycles): an entry is safe when one passes
# through it in a direction that keeps each entry it moves within bounds (small ones from 1 to
# MINIMUM - 1, others at least 1).


def _sign(key) -> int:
    return -1 if (key[0] == TOTAL) != (key[1] == TOTAL) else 1


def _arc(key, step: int, value: int, cap: bool = True):
    """The arc of moving ``key`` by ``step`` (+1 or -1) as an edge row -> column or column -> row, or None.

    ``cap``: a small entry stays under MINIMUM (a reader who knows which are small); without it, only at least 1.
    """
    if value + step < 1 or (cap and is_small(value) and value + step >= MINIMUM):
        return None
    row, column = ("r", key[0]), ("c", key[1])
    return (row, column) if step * _sign(key) > 0 else (column, row)


def _graph(full: dict, hidden: set, skip=(), cap: bool = True) -> dict:
    """Arcs of every unit move of a hidden entry not in ``skip``: node -> set of nodes."""
    arcs: dict = {}
    for key in hidden - set(skip):
        for step in (1, -1):
            arc = _arc(key, step, full[key], cap)
            if arc:
                arcs.setdefault(arc[0], set()).add(arc[1])
    return arcs


def _reaches(arcs: dict, start, goal, banned=frozenset(), avoid=None) -> bool:
    """Whether ``goal`` is reachable from ``start`` by arcs not ``banned``, never through ``avoid``."""
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in arcs.get(node, ()):
            if nxt not in seen and nxt != avoid and (node, nxt) not in banned:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _key_arcs(key, value: int, cap: bool) -> list:
    return [arc for arc in (_arc(key, step, value, cap) for step in (1, -1)) if arc]


def _movable(arcs: dict, full: dict, key, cap: bool, extra=()) -> bool:
    """Whether a cycle through ``arcs`` (plus ``extra``, and without ``key``'s own) moves ``key`` within its bounds."""
    own = set(_key_arcs(key, full[key], cap))
    if extra:
        arcs = {node: set(nxt) for node, nxt in arcs.items()}
        for u, v in extra:
            arcs.setdefault(u, set()).add(v)
    return any(_reaches(arcs, v, u, banned=own) for u, v in own)


def _pair(full: dict, a, b, step: int, cap: bool):
    """The arcs of moving shared total ``a`` by ``step`` and ``b`` alike (the grand total) or oppositely (a row's)."""
    return _arc(a, step, full[a], cap), _arc(b, step if b == (TOTAL, TOTAL) else -step, full[b], cap)


def _moves_pair(arcs: dict, full: dict, a, b, step: int, cap: bool) -> bool:
    """Whether this table lets shared totals ``a`` and ``b`` move together (``_pair``).

    The two arcs meet at the TOTAL column, one entering and one leaving it; the rest of the
    cycle runs between their rows through hidden entries outside that column (``arcs``).
    """
    arc_a, arc_b = _pair(full, a, b, step, cap)
    if not (arc_a and arc_b):
        return False
    start, goal = (arc_a[1], arc_b[0]) if arc_a[0] == ("c", TOTAL) else (arc_b[1], arc_a[0])
    return _reaches(arcs, start, goal, avoid=("c", TOTAL))


def _stuck(tables: list, hidden: list[set], cap: bool = True):
    """Every hidden small entry no allowed cycle moves: ``(table index or None for a shared total, key)``.

    With several tables sharing their TOTAL column, shared totals move only in pairs that
    every table lets move alike; any other entry moves by a cycle of its own table that
    leaves the shared totals alone or passes through one such pair.
    """
    shared = {key for h in hidden for key in h if key[1] == TOTAL} if len(tables) > 1 else set()
    graphs = [_graph(t["full"], h, shared, cap) for t, h in zip(tables, hidden)]
    pairs = None

    def joint():
        nonlocal pairs
        if pairs is None:
            ordered = sorted(shared, key=repr)
            pairs = [(a, b, step) for a in ordered for b in ordered if a != b for step in (1, -1)
                     if all(_moves_pair(g, t["full"], a, b, step, cap) for g, t in zip(graphs, tables))]
        return pairs

    for i, (table, h, arcs) in enumerate(zip(tables, hidden, graphs)):
        full = table["full"]
        for key in sorted(h - shared, key=repr):
            if is_small(full[key]) and not _movable(arcs, full, key, cap) and not any(
                    _movable(arcs, full, key, cap, _pair(full, a, b, step, cap)) for a, b, step in joint()):
                yield i, key
    for key in sorted(shared, key=repr):
        if is_small(tables[0]["full"][key]) and not any(a == key for a, _, _ in joint()):
            yield None, key


def _exposed(tables: list, hidden: list[set], hopeless: tuple[set, set]):
    """The first stuck entry that hiding more could free, or None.

    Some cannot be freed from a reader who knows which hidden entries are small: a 4 made of
    four 1s (a department's four reports in four months) is pinned by "at most 4" above and the
    shown zeros below even with every non-zero entry hidden. Those are freed at least from a
    reader of the published table, whose one mark does not say which entries are small, and
    left when even that cannot be done.
    """
    stuck_plain = None
    for where in _stuck(tables, hidden):
        if where not in hopeless[0]:
            return where
        if where not in hopeless[1]:
            stuck_plain = set(_stuck(tables, hidden, cap=False)) if stuck_plain is None else stuck_plain
            if where in stuck_plain:
                return where
    return None


def _hopeless(tables: list) -> tuple[set, set]:
    """What stays stuck with every non-zero entry hidden: for a reader who knows which are small, and for one who does not."""
    everything = [{key for key, n in t["full"].items() if n > 0} for t in tables]
    return set(_stuck(tables, everything)), set(_stuck(tables, everything, cap=False))


def _hide_more(tables: list, hidden: list[set], where) -> bool:
    """Hide the smallest shown non-zero entry on a line of the exposed entry (else anywhere); False if none is left."""
    index, key = where
    chosen = range(len(tables)) if index is None else [index]
    for near in (True, False):
        shown = [(tables[i]["full"][k], k[0] == TOTAL or k[1] == TOTAL, repr(k), i, k)
                 for i in chosen for k in tables[i]["full"] if k not in hidden[i] and tables[i]["full"][k] > 0
                 and (not near or k[0] == key[0] or k[1] == key[1] or k[0] == TOTAL)]
        if shown:
            *_, i, k = min(shown)
            hidden[i].add(k)
            return True
        chosen = range(len(tables))
    return False


def suppress(counts: dict, rows=None, columns=None, forced=()) -> Table:
    """Publish a table of ``{(row, column): count}`` with its totals, small cells and what would recover them hidden.

    ``forced`` names entries (e.g. totals shared with another published table) to hide as well.
    """
    return _suppress_all([{"counts": counts, "rows": rows, "columns": columns, "forced": forced}])[0]


def suppress_linked(tables: list[dict]) -> list[Table]:
    """Suppress several tables whose row totals are the same numbers (e.g. reports per department).

    A row total hidden in one is hidden in every other, so one table's totals cannot undo
    another's suppression; a shared total is safe only if every table lets it move alike.
    """
    return _suppress_all(tables)


def _suppress_all(specs: list[dict]) -> list[Table]:
    """Hide small entries, then complete every line and free every stuck entry that can be, until nothing changes."""
    tables = []
    for spec in specs:
        counts = spec["counts"]
        rows = tuple(spec["rows"] if spec.get("rows") is not None else dict.fromkeys(r for r, _ in counts))
        columns = tuple(spec["columns"] if spec.get("columns") is not None
                        else dict.fromkeys(c for _, c in counts))
        full = _full(counts, rows, columns)
        tables.append({"rows": rows, "columns": columns, "full": full, "lines": _lines(rows, columns)})
    hidden = [{key for key, n in t["full"].items() if is_small(n)} | (set(spec.get("forced", ())) & set(t["full"]))
              for t, spec in zip(tables, specs)]
    hopeless = _hopeless(tables)
    while True:
        while True:  # every line, and the totals the tables share, until nothing changes
            for t, h in zip(tables, hidden):
                _complete_lines(t["full"], h, t["lines"])
            shared = {key for h in hidden for key in h if key[1] == TOTAL} if len(tables) > 1 else set()
            if all(shared & set(t["full"]) <= h for t, h in zip(tables, hidden)):
                break
            for t, h in zip(tables, hidden):
                h |= shared & set(t["full"])
        where = _exposed(tables, hidden, hopeless)
        if where is None or not _hide_more(tables, hidden, where):
            break
    return [Table(t["rows"], t["columns"], {key: (SUPPRESSED if key in h else n) for key, n in t["full"].items()})
            for t, h in zip(tables, hidden)]
