"""What trainers' analytics may publish beyond the minimum group: whole weeks, and groupings withheld together.

Trainers see how checklists are completed but must never learn what one employee did
(docs/decisions.md, "Trainers' analytics"). A per-row minimum (``withhold_small_groups``) is
not enough, because answers can be combined:

- Periods: two periods a day apart differ by that day's reports, maybe one person's. So a
  period is widened to whole ISO weeks (Monday to Sunday, the city's days, as the weeks of
  every table): two answers' periods differ by whole weeks, never by a chosen day.
- Groupings: the sites, the weeks and the departments of one filter each add up to the same
  total, and a department's sites add up to the department. A withheld site's count would
  be the weeks' sum minus the sites shown. So every grouping of one filter is decided
  together: a withheld small group's count must stay undetermined by every figure published
  for that filter (``linked_withheld``).
- Versions: a step shared by versions, counted over all of them, minus one version's figures
  would be another's (``mixes_a_small_group``).

The minimum is ``disclosure.MINIMUM``; a group's size is its number of reports, which is always
shown. A count here is additive over reports (reports with a critical step skipped, reports
whose liaison was told).
"""
from datetime import date, timedelta

from encounter.disclosure import TOTAL, is_small


def whole_weeks(start: date | None, end: date | None) -> tuple[date | None, date | None]:
    """The period answered for ``start``..``end``: from the Monday of ``start``'s ISO week to the Sunday of ``end``'s.

    An open end stays open. Snapping both ends means a period can only grow or shrink by whole
    weeks, whose reports the by-week tables withhold when they are fewer than the minimum.
    """
    return (None if start is None else start - timedelta(days=start.weekday()),
            None if end is None else end + timedelta(days=6 - end.weekday()))


def mixes_a_small_group(reports) -> bool:
    """Whether a figure over several groups' reports is withheld: one of them has 1 to MINIMUM - 1.

    The steps table without a version filter counts a step over every version that has it,
    and each version's own figures are one filter away (``version``, ``compare``): all versions
    minus the larger one would be the small one's. The mixed figure is withheld instead of the
    version's, so each version's figures read the same in every answer.
    """
    present = [n for n in reports if n]
    return len(present) > 1 and any(is_small(n) for n in present)


def linked_withheld(total: tuple[int, int], groupings: dict[str, dict], within: dict | None = None,
                    forced=()) -> set:
    """Which counts of one filter to withhold, every grouping decided together.

    ``total`` is ``(reports, count)`` over everything the filter covers; ``groupings`` maps a
    grouping's name to ``{label: (reports, count)}``, each grouping a partition of the total.
    ``within`` maps a grouping nested in another to ``(parent grouping, {label: parent label})``
    (sites within departments): its groups add up to their parent instead of to the total.
    ``forced`` names counts to withhold and keep undetermined whatever their size (the same numbers
    a wider answer withholds). Returns the keys ``(grouping, label)`` whose count is withheld, and
    ``TOTAL`` for the total's.

    First every group of 1 to MINIMUM - 1 reports, and the forced (primary). Then, while a
    reader knowing every shown count, every group's size and that a count lies between 0 and
    its size could pin one of those to one value, one more count is withheld: a shown
    sibling of that group (the smallest), else its parent. Hiding everything pins nothing, so
    this ends.
    """
    within = within or {}
    cells = {TOTAL: tuple(total)} | {(name, label): tuple(cell) for name, groups in groupings.items()
                                      for label, cell in groups.items()}
    lines: dict = {}  # parent key -> list of child lists (a partition each)
    for name, groups in groupings.items():
        if name in within:
            parent, of = within[name]
            for label in groups:
                lines.setdefault((parent, of[label]), {}).setdefault(name, []).append((name, label))
        else:
            lines.setdefault(TOTAL, {})[name] = [(name, label) for label in groups]
    lines = {parent: list(parts.values()) for parent, parts in lines.items()}
    protected = {key for key, (reports, _) in cells.items() if is_small(reports)} | (set(forced) & set(cells))
    hidden = set(protected)
    while True:
        ranges = _ranges(cells, lines, hidden)
        pinned = [key for key in sorted(protected, key=repr) if ranges[key][0] == ranges[key][1]]
        if not pinned:
            return hidden
        more = _complement(pinned[0], cells, lines, hidden)
        if more is None:  # never: with everything hidden nothing is pinned
            return set(cells)
        hidden.add(more)


def _ranges(cells: dict, lines: dict, hidden: set) -> dict:
    """Every count's possible values ``(low, high)`` given the shown counts, the sizes and the sums.

    The sums form a tree under the total (each group is a child in exactly one sum), so the
    possible values are intervals: a node's from below (its own bounds, and each of its
    partitions' sums), then, from the total down, cut to what its parent and siblings allow.
    """
    below: dict = {}

    def up(key):
        if key not in below:
            low, high = (0, cells[key][0]) if key in hidden else (cells[key][1], cells[key][1])
            for part in lines.get(key, ()):
                low = max(low, sum(up(child)[0] for child in part))
                high = min(high, sum(up(child)[1] for child in part))
            below[key] = (low, high)
        return below[key]

    final = {TOTAL: up(TOTAL)}
    todo = [TOTAL]
    while todo:
        parent = todo.pop()
        p_low, p_high = final[parent]
        for part in lines.get(parent, ()):
            lows, highs = sum(up(c)[0] for c in part), sum(up(c)[1] for c in part)
            for child in part:
                low, high = up(child)
                final[child] = (max(low, p_low - (highs - high)), min(high, p_high - (lows - low)))
                todo.append(child)
    return final


def _complement(key, cells: dict, lines: dict, hidden: set):
    """The next count to withhold for a pinned ``key``: its smallest shown sibling, else its parent (and upwards)."""
    parent_of = {child: (parent, part) for parent, parts in lines.items() for part in parts for child in part}
    while key in parent_of:
        parent, part = parent_of[key]
        shown = [child for child in part if child not in hidden]
        if shown:
            return min(shown, key=lambda c: (cells[c][1], cells[c][0], repr(c)))
        if parent not in hidden:
            return parent
        key = parent
    # The total itself, pinned by another partition: free it by one of that partition's counts.
    shown = [child for part in lines.get(key, ()) for child in part if child not in hidden]
    return min(shown, key=lambda c: (cells[c][1], cells[c][0], repr(c))) if shown else None
