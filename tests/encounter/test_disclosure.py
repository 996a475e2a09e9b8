"""Small-cell suppression (encounter/disclosure.py): no count from 1 to 4 is shown or recoverable from totals."""
import itertools
import random

import pytest

from encounter.disclosure import MINIMUM, SUPPRESSED, TOTAL, Table, arrived_band, is_small, suppress, suppress_linked


def recover(table: Table) -> dict:
    """The reader's attack: repeatedly solve any row or column (with its total) that has one hidden entry."""
    rows, columns = (*table.rows, TOTAL), (*table.columns, TOTAL)
    known = {key: v for key, v in table.entries.items() if v != SUPPRESSED}
    lines = [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]
    progress = True
    while progress:
        progress = False
        for line in lines:
            unknown = [key for key in line if key not in known]
            if len(unknown) == 1:
                key, total = unknown[0], line[-1]
                parts = sum(known[k] for k in line[:-1] if k != key)
                known[key] = parts if key == total else known[total] - parts
                progress = True
    return known


def primary_only(counts: dict) -> Table:
    """What a naive report would print: small cells hidden, totals shown."""
    full = suppress(counts)
    entries = {key: (SUPPRESSED if key[0] != TOTAL and key[1] != TOTAL and is_small(v) else v)
               for key, v in _numbers(full, counts).items()}
    return Table(full.rows, full.columns, entries)


def _numbers(table: Table, counts: dict) -> dict:
    out = {}
    for r in (*table.rows, TOTAL):
        for c in (*table.columns, TOTAL):
            if r != TOTAL and c != TOTAL:
                out[(r, c)] = counts.get((r, c), 0)
    for r in table.rows:
        out[(r, TOTAL)] = sum(counts.get((r, c), 0) for c in table.columns)
    for c in (*table.columns, TOTAL):
        out[(TOTAL, c)] = sum(v for (r, cc), v in out.items() if r != TOTAL and (cc == c or c == TOTAL) and cc != TOTAL)
    return out


COUNTS = {("A", "jan"): 12, ("A", "feb"): 3, ("A", "mar"): 9, ("B", "jan"): 7, ("B", "feb"): 8, ("B", "mar"): 6}


def test_counts_from_one_to_four_are_withheld_and_zero_and_five_shown_as_numbers():
    table = suppress({("A", "x"): 0, ("A", "y"): 4, ("B", "x"): 5, ("B", "y"): 1})
    assert (table.value("A", "x"), table.value("A", "y"), table.value("B", "y")) == (0, SUPPRESSED, SUPPRESSED)
    assert SUPPRESSED == "withheld" and MINIMUM == 5


def test_the_attack_recovers_a_small_cell_when_only_small_cells_are_hidden():
    naive = primary_only(COUNTS)
    assert naive.value("A", "feb") == SUPPRESSED
    assert recover(naive)[("A", "feb")] == 3  # so the attack works, and totals alone betray it


def test_complementary_suppression_leaves_no_small_cell_recoverable():
    table = suppress(COUNTS)
    assert table.value("A", "feb") == SUPPRESSED
    assert ("A", "feb") not in recover(table)
    assert table.value("B", "jan") == 7  # what need not be hidden is still shown


@pytest.mark.parametrize("seed", range(200))
def test_no_random_table_lets_the_attack_recover_a_small_count(seed):
    rng = random.Random(seed)
    rows, columns = [f"r{n}" for n in range(rng.randint(1, 5))], [f"c{n}" for n in range(rng.randint(1, 5))]
    counts = {(r, c): rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 20]) for r, c in itertools.product(rows, columns)}
    table = suppress(counts, rows, columns)
    found = recover(table)
    for key, value in table.entries.items():
        if value == SUPPRESSED:
            assert key not in found
        else:
            assert not is_small(value)


def bounds(tables: list[Table]) -> dict:
    """The reader's stronger attack: the range of every hidden entry, knowing each is at least 1 (zeros are shown).

    Narrows each range from every line (a line's hidden entries add up to what its shown ones
    leave) until nothing changes, the tables' shared totals being one unknown: ``{(table, key): (low, high)}``.
    """
    def shared(i, key):
        return ("shared", key) if len(tables) > 1 and key[1] == TOTAL else (i, key)

    low, high, lines = {}, {}, []
    for i, table in enumerate(tables):
        for key, v in table.entries.items():
            if v == SUPPRESSED:
                low[shared(i, key)], high[shared(i, key)] = 1, 10**9
        rows, columns = (*table.rows, TOTAL), (*table.columns, TOTAL)
        for line in [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]:
            # the parts minus the total are 0
            lines.append([(shared(i, key), -1 if key == line[-1] else 1, table.value(*key)) for key in line])
    changed = True
    while changed:
        changed = False
        for terms in lines:
            constant = sum(sign * v for _, sign, v in terms if v != SUPPRESSED)
            unknown = [(name, sign) for name, sign, v in terms if v == SUPPRESSED]
            for name, sign in unknown:
                others = [(n, s) for n, s in unknown if n != name]
                lo_rest = sum(s * (low[n] if s > 0 else high[n]) for n, s in others)
                hi_rest = sum(s * (high[n] if s > 0 else low[n]) for n, s in others)
                lo, hi = sorted((sign * (-constant - hi_rest), sign * (-constant - lo_rest)))
                if lo > low[name]:
                    low[name], changed = lo, True
                if hi < high[name]:
                    high[name], changed = hi, True
    return {name: (low[name], high[name]) for name in low}


def pinned(tables: list[Table], truth: list[dict]) -> dict:
    """Small hidden entries whose range, taken with their being small (1 to 4), leaves one value: ``{name: value}``.

    The reader is assumed to know which hidden entries are small, though the one mark does not
    say it. Leaves out those pinned even when every non-zero entry is hidden (a 4 made of four
    1s: "at most 4" above, the shown zeros below), which no suppression could protect.
    """
    def found(tables):
        out = {}
        for (where, key), (low, high) in bounds(tables).items():
            value = truth[0 if where == "shared" else where][key]
            if is_small(value) and min(high, MINIMUM - 1) <= low:
                out[(where, key)] = value
        return out

    everything = [Table(t.rows, t.columns, {key: (SUPPRESSED if n else 0) for key, n in numbers.items()})
                  for t, numbers in zip(tables, truth)]
    hopeless = found(everything)
    return {name: value for name, value in found(tables).items() if name not in hopeless}


def full_counts(table: Table, counts: dict) -> dict:
    return _numbers(table, counts)


def test_two_hidden_cells_of_one_report_each_are_not_given_away_by_their_row():
    # A published 12 beside a shown 10 left 2 for two hidden cells, each at least 1 since zeros
    # are shown: the reader knew both were 1.
    counts = {("A", "jan"): 1, ("A", "feb"): 1, ("A", "mar"): 10,
              ("B", "jan"): 20, ("B", "feb"): 20, ("B", "mar"): 20}
    table = suppress(counts)
    assert table.value("A", "jan") == table.value("A", "feb") == SUPPRESSED
    assert pinned([table], [full_counts(table, counts)]) == {}


@pytest.mark.parametrize("seed", range(300))
def test_no_random_table_lets_the_bounds_attack_pin_a_small_count(seed):
    rng = random.Random(seed)
    rows, columns = [f"r{n}" for n in range(rng.randint(1, 5))], [f"c{n}" for n in range(rng.randint(1, 5))]
    counts = {(r, c): rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 20]) for r, c in itertools.product(rows, columns)}
    table = suppress(counts, rows, columns)
    assert pinned([table], [full_counts(table, counts)]) == {}
    for key, value in table.entries.items():
        assert value == SUPPRESSED or not is_small(value)


@pytest.mark.parametrize("seed", range(150))
def test_no_random_set_of_linked_tables_lets_the_bounds_attack_pin_a_small_count(seed):
    rng = random.Random(seed)
    rows = [f"r{n}" for n in range(rng.randint(1, 7))]
    specs = []
    per_row = {r: rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 30]) for r in rows}
    for t in range(4):
        columns = [f"t{t}c{n}" for n in range(rng.randint(1, 6))]
        counts = {}
        for r, n in per_row.items():  # every report in one column of each table
            for _ in range(n):
                key = (r, rng.choice(columns))
                counts[key] = counts.get(key, 0) + 1
        specs.append({"counts": counts, "rows": rows, "columns": columns})
    tables = suppress_linked(specs)
    assert pinned(tables, [full_counts(t, spec["counts"]) for t, spec in zip(tables, specs)]) == {}
    for table in tables:
        assert not any(is_small(v) for v in table.entries.values() if v != SUPPRESSED)


def test_tables_sharing_row_totals_hide_the_same_totals():
    by_month = {("A", "jan"): 2, ("A", "feb"): 1, ("B", "jan"): 9, ("B", "feb"): 8}
    by_outcome = {("A", "left"): 3, ("B", "left"): 10, ("B", "arrest"): 7}
    first, second = suppress_linked([{"counts": by_month}, {"counts": by_outcome}])
    assert first.value("A", TOTAL) == second.value("A", TOTAL) == SUPPRESSED
    assert ("A", TOTAL) not in recover(second)


def test_withholding_blanks_the_measures_of_groups_under_the_minimum_and_keeps_their_size():
    from encounter.disclosure import withhold_small_groups

    rows = [{"reports": 1, "rate": 1.0}, {"reports": 4, "rate": 0.5}, {"reports": 5, "rate": 0.2},
            {"reports": 0, "rate": None}]
    withhold_small_groups(rows, ("rate",))
    assert rows == [{"reports": 1, "rate": None}, {"reports": 4, "rate": None}, {"reports": 5, "rate": 0.2},
                    {"reports": 0, "rate": None}]


@pytest.mark.parametrize("count, band", [(0, "none"), (1, "1-4"), (4, "1-4"), (5, "5-9"), (9, "5-9"), (10, "10+"),
                                         (250, "10+")])
def test_reports_arrived_after_publication_are_told_as_a_band_never_an_exact_small_count(count, band):
    assert arrived_band(count) == band
