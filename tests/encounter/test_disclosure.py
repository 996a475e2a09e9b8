"""Small-cell suppression (encounter/disclosure.py): no count from 1 to 4 is shown or recoverable from totals."""
import itertools
import random

import pytest

from encounter.disclosure import MINIMUM, SUPPRESSED, TOTAL, Table, is_small, suppress, suppress_linked


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


def test_counts_from_one_to_four_are_shown_as_less_than_five_and_zero_and_five_as_numbers():
    table = suppress({("A", "x"): 0, ("A", "y"): 4, ("B", "x"): 5, ("B", "y"): 1})
    assert (table.value("A", "x"), table.value("A", "y"), table.value("B", "y")) == (0, SUPPRESSED, SUPPRESSED)
    assert SUPPRESSED == "<5" and MINIMUM == 5


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
