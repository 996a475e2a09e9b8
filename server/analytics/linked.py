"""Counts that add up across groupings (reports with a critical skip, whose liaison was told), withheld together.

The sites, weeks, departments and total of one filter share their sums, so they are decided
together (``encounter.analytics_disclosure.linked_withheld``). A filter narrowed to a site or
a department answers a part of the viewer's whole scope (same period and version): its total
is a site's or a department's count there, so whatever the wider answer withholds stays
withheld in the narrowed one, and the whole scope minus a site's answer gives nothing away.
"""
from collections import namedtuple
from dataclasses import dataclass

from sqlalchemy import case, func, select

from encounter.analytics_disclosure import linked_withheld
from encounter.disclosure import TOTAL
from server.analytics.filters import Filters, encounter_conditions
from server.extensions import db
from server.models import Department, Encounter, Site
from server.reports.aggregate import _week_key, _week_label

# The groupings of one filter whose counts add up to the same total.
LINKED = ("site", "week", "department")

Cell = namedtuple("Cell", "department_id site_id department site site_name week reports flagged")


@dataclass
class Linked:
    """One filter's reports and counts per site, week and department, and which counts are withheld together."""

    total: tuple[int, int]
    groups: dict[str, dict[tuple, tuple[int, int]]]  # grouping -> {row key: (reports, count)}
    withheld: set

    def shown(self, by: str, key: tuple) -> bool:
        """Whether the count of this row of grouping ``by`` (``"total"``: the total) is published."""
        return TOTAL not in self.withheld if by == "total" else (by, key) not in self.withheld


def _keys(cell: Cell) -> list:
    """The group of each grouping a cell (one site's reports of one week) falls in."""
    return [("site", (cell.site, cell.site_name, cell.department)), ("week", (cell.week,)),
            ("department", (cell.department,))]


def _cells(name: str, conds: list, counted, semi_join: bool) -> list[Cell]:
    """Reports, and those where ``counted`` holds, per department, site and week.

    One GROUP BY on the report's department, site and week key (the index's week expression,
    labelled after grouping, as the Mayor's Office aggregate does); with ``semi_join`` the
    counted reports are a second GROUP BY restricted by ``counted`` (an EXISTS).
    """
    keys = [Encounter.department_id, Encounter.site_id, _week_key(name).label("key")]
    inline = [] if semi_join or counted is None else [func.sum(case((counted, 1), else_=0)).label("flagged")]
    inner = select(*keys, func.count().label("reports"), *inline).where(*conds).group_by(*keys)
    flagged = {}
    if semi_join and counted is not None:
        flagged = {tuple(row[:3]): row.reports for row in db.session.execute(inner.where(counted))}
    g = inner.subquery().c
    query = select(g.department_id, g.site_id, g.key, Department.code, Site.code, Site.name,
                   _week_label(name, g.key), g.reports, *([g.flagged] if inline else [])) \
        .join(Department, Department.id == g.department_id).join(Site, Site.id == g.site_id)
    return [Cell(row[0], row[1], *row[3:8], int(row[8] or 0) if inline else flagged.get(tuple(row[:3]), 0))
            for row in db.session.execute(query)]


def _members(cells: list[Cell]) -> dict:
    """Every group's cells (by index), the total's included."""
    members: dict = {TOTAL: set(range(len(cells)))}
    for i, cell in enumerate(cells):
        for key in _keys(cell):
            members.setdefault(key, set()).add(i)
    return {key: frozenset(found) for key, found in members.items()}


def _decide(cells: list[Cell], forced=()) -> Linked:
    """Sum the cells per grouping and decide what to withhold."""
    groups: dict[str, dict] = {by: {} for by in LINKED}
    total = (0, 0)
    for cell in cells:
        for by, key in _keys(cell):
            before = groups[by].get(key, (0, 0))
            groups[by][key] = (before[0] + cell.reports, before[1] + cell.flagged)
        total = (total[0] + cell.reports, total[1] + cell.flagged)
    within = {"site": ("department", {key: (key[2],) for key in groups["site"]})}
    return Linked(total, groups, linked_withheld(total, groups, within, forced))


def _carried(whole: Linked, cells: list[Cell], inside: list[int]) -> set:
    """The narrowed answer's counts that are counts the whole scope withholds: the same reports, so the same number."""
    everything, narrowed = _members(cells), _members([cells[i] for i in inside])
    as_whole = {key: frozenset(inside[i] for i in found) for key, found in narrowed.items()}
    withheld = [everything[key] for key in whole.withheld]
    return {key for key, found in as_whole.items() if any(found == hidden for hidden in withheld)}


def linked_counts(name: str, principal, filters: Filters, counted, semi_join: bool = False) -> Linked:
    """The filter's counts per site, week and department, withheld with those of the viewer's whole scope."""
    whole_scope = Filters(start=filters.start, end=filters.end, version_id=filters.version_id)
    cells = _cells(name, encounter_conditions(principal, whole_scope), counted, semi_join)
    whole = _decide(cells)
    if filters == whole_scope:
        return whole
    inside = [i for i, c in enumerate(cells) if filters.site_id in (None, c.site_id)
              and filters.department_id in (None, c.department_id)]
    return _decide([cells[i] for i in inside], _carried(whole, cells, inside))
