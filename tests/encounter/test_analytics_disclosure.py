"""Trainers' analytics (encounter/analytics_disclosure.py): whole weeks, one filter's groupings withheld together."""
import itertools
import random
from datetime import date

import pytest

from encounter.analytics_disclosure import linked_withheld, mixes_a_small_group, whole_weeks
from encounter.disclosure import MINIMUM, TOTAL, is_small


@pytest.mark.parametrize("start, end, expected", [
    (date(2026, 11, 11), date(2026, 11, 11), (date(2026, 11, 9), date(2026, 11, 15))),  # a Wednesday
    (date(2026, 11, 9), date(2026, 11, 15), (date(2026, 11, 9), date(2026, 11, 15))),  # already whole
    (date(2026, 12, 31), date(2027, 1, 1), (date(2026, 12, 28), date(2027, 1, 3))),  # across a new year
    (None, date(2026, 11, 10), (None, date(2026, 11, 15))), (None, None, (None, None)),
])
def test_a_period_is_widened_to_whole_iso_weeks_and_an_open_end_stays_open(start, end, expected):
    assert whole_weeks(start, end) == expected


def test_two_periods_a_day_apart_are_answered_for_the_same_weeks():
    assert whole_weeks(date(2026, 11, 10), date(2026, 11, 11)) == whole_weeks(date(2026, 11, 10), date(2026, 11, 10))


@pytest.mark.parametrize("reports, withheld", [([14, 2], True), ([14, 5], False), ([14, 0], False), ([3], False),
                                               ([0, 4], False), ([5, 6, 1], True)])
def test_a_figure_over_several_groups_is_withheld_when_one_of_them_is_small(reports, withheld):
    # A single group's own size decides for itself (withhold_small_groups); a mix is withheld for its small part.
    assert mixes_a_small_group(reports) is withheld


SITES_IN_A = {"site": ("department", {"a1": "A", "a2": "A"})}


def test_a_small_sites_lone_sibling_is_withheld_when_the_weeks_give_the_total():
    groupings = {"site": {"a1": (12, 4), "a2": (4, 1)}, "week": {"W46": (10, 3), "W47": (6, 2)},
                 "department": {"A": (16, 5)}}
    assert linked_withheld((16, 5), groupings, SITES_IN_A) == {("site", "a1"), ("site", "a2")}


def test_groups_all_of_the_minimum_or_more_withhold_nothing():
    groupings = {"site": {"a1": (12, 4), "a2": (5, 1)}, "week": {"W46": (10, 3), "W47": (7, 2)},
                 "department": {"A": (17, 5)}}
    assert linked_withheld((17, 5), groupings, SITES_IN_A) == set()


def test_a_small_total_withholds_every_count():
    groupings = {"site": {"a1": (3, 1)}, "week": {"W46": (3, 1)}, "department": {"A": (3, 1)}}
    hidden = linked_withheld((3, 1), groupings, {"site": ("department", {"a1": "A"})})
    assert hidden == {TOTAL, ("site", "a1"), ("week", "W46"), ("department", "A")}


def test_a_departments_small_site_is_not_given_away_by_its_department_when_the_total_is_withheld():
    # Citywide: A's sites add up to A, whatever the total says.
    groupings = {"site": {"a1": (9, 2), "a2": (1, 1), "b1": (6, 0)}, "week": {"W46": (16, 3)},
                 "department": {"A": (10, 3), "B": (6, 0)}}
    within = {"site": ("department", {"a1": "A", "a2": "A", "b1": "B"})}
    hidden = linked_withheld((16, 3), groupings, within)
    assert ("site", "a2") in hidden and ("site", "a1") in hidden


def test_a_count_a_wider_answer_withholds_stays_withheld_and_is_not_the_sum_of_the_weeks():
    # Narrowed to site a1, whose count the whole scope withholds (to protect a small site elsewhere).
    groupings = {"site": {"a1": (12, 4)}, "week": {"W46": (6, 3), "W47": (6, 1)}, "department": {"A": (12, 4)}}
    forced = {TOTAL, ("site", "a1"), ("department", "A")}
    hidden = linked_withheld((12, 4), groupings, {"site": ("department", {"a1": "A"})}, forced)
    assert forced <= hidden and {("week", "W46"), ("week", "W47")} & hidden


def _possible(total, groupings, within, hidden):
    """Brute force: every value each withheld count can take, given everything shown, the sizes and the sums."""
    sites_in = {}
    for site, dept in within["site"][1].items():
        sites_in.setdefault(dept, []).append(site)
    value = lambda key, cell: range(cell[0] + 1) if key in hidden else [cell[1]]  # noqa: E731
    found = {key: set() for key in hidden}
    for t in value(TOTAL, total):
        weeks = [dict(zip(groupings["week"], combo)) for combo in itertools.product(
            *(value(("week", w), c) for w, c in groupings["week"].items())) if sum(combo) == t]
        depts = []
        for combo in itertools.product(*(value(("site", s), c) for s, c in groupings["site"].items())):
            sites = dict(zip(groupings["site"], combo))
            per_dept = {d: sum(sites[s] for s in members) for d, members in sites_in.items()}
            if sum(per_dept.values()) == t and all(per_dept[d] in value(("department", d), c)
                                                   for d, c in groupings["department"].items()):
                depts.append({**{("site", s): v for s, v in sites.items()},
                              **{("department", d): v for d, v in per_dept.items()}})
        if not weeks or not depts:
            continue
        if TOTAL in found:
            found[TOTAL].add(t)
        for assignment in weeks:
            for w, v in assignment.items():
                if ("week", w) in found:
                    found[("week", w)].add(v)
        for assignment in depts:
            for key, v in assignment.items():
                if key in found:
                    found[key].add(v)
    return found


@pytest.mark.parametrize("seed", range(80))
def test_no_withheld_small_or_forced_count_is_pinned_by_every_shown_figure_of_the_filter(seed):
    rng = random.Random(seed)
    sites = {f"s{i}": rng.choice("AB") for i in range(rng.randint(1, 3))}
    weeks = [f"W{i}" for i in range(rng.randint(1, 3))]
    cells = {}
    for site in sites:  # each site's reports spread over the weeks, each report skipped or not
        for week in weeks:
            reports = rng.choice([0, 0, 1, 2, 3, 4, 6])
            cells[(site, week)] = (reports, rng.randint(0, reports))

    def margin(pick):
        out = {}
        for (site, week), (n, c) in cells.items():
            label = pick(site, week)
            out[label] = (out.get(label, (0, 0))[0] + n, out.get(label, (0, 0))[1] + c)
        return {label: cell for label, cell in out.items() if cell[0]}

    groupings = {"site": margin(lambda s, w: s), "week": margin(lambda s, w: w),
                 "department": margin(lambda s, w: sites[s])}
    if not groupings["site"]:
        return
    total = (sum(n for n, _ in groupings["site"].values()), sum(c for _, c in groupings["site"].values()))
    within = {"site": ("department", {s: sites[s] for s in groupings["site"]})}
    sizes = {TOTAL: total[0], **{(g, label): n for g, groups in groupings.items() for label, (n, _) in groups.items()}}
    forced = {key for key in sorted(sizes, key=repr) if rng.random() < 0.15}  # withheld by a wider answer
    hidden = linked_withheld(total, groupings, within, forced)
    assert {key for key, n in sizes.items() if is_small(n)} | forced <= hidden, "small or forced: withheld"
    for key, values in _possible(total, groupings, within, hidden).items():
        if 0 < sizes[key] < MINIMUM or key in forced:
            assert len(values) >= 2, (key, values, hidden, groupings)
