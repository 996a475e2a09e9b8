"""The four analytics tables, each a few GROUP BY statements over encounters and step results.

Step metadata (order, texts in every language, time-critical flag) comes from the versions' steps JSON,
read per version in Python: a version has at most 60 steps, so this is never a loop over
reports. Nothing here selects a person: no reporter, no free text.
"""
from dataclasses import dataclass, field

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import True_

from encounter.analytics_disclosure import mixes_a_small_group
from encounter.disclosure import withhold_small_groups
from encounter.vocabulary import STEP_RESULTS
from server.access import scoped, visible
from server.analytics.filters import Filters, dialect, encounter_conditions, seconds_between, week_of
from server.analytics.stats import Percentile, from_histogram, grouped
from server.analytics.linked import LINKED, linked_counts
from server.extensions import db
from server.models import Checklist, ChecklistVersion, Department, Encounter, Site, StepResult

RESULTS = STEP_RESULTS
STEP_COLUMNS = ["department", "step_id", "position", "text", "time_critical", "reports", "done", "skipped", "not_applicable",
                "not_reached", "done_rate", "skipped_rate", "not_applicable_rate", "not_reached_rate",
                "p50_seconds", "p90_seconds"]


@dataclass
class Table:
    """An analytics answer: the rows (each a dict keyed by ``columns``) and anything said about all of them."""

    columns: list[str]
    rows: list[dict]
    extra: dict = field(default_factory=dict)


# What a step row says about the reports that ran it: withheld for a group under the minimum
# (encounter/disclosure.py). Issue 12: narrowed to a site and a day, analytics showed one report's steps.
STEP_MEASURES = (*RESULTS, "not_reached", *(f"{r}_rate" for r in (*RESULTS, "not_reached")), "p50_seconds",
                 "p90_seconds")


def _rate(part, whole):
    return round(part / whole, 4) if whole else None


def _round(value, digits=1):
    return None if value is None else round(float(value), digits)


def _versions(principal, filters: Filters) -> list[ChecklistVersion]:
    """The visible versions an answer may cover, oldest first: of the filtered department (or site's), or version.

    Narrowed like the reports, so a department's answer reads its own checklist's wording and
    numbering, never those of whichever department published last.
    """
    query = scoped(ChecklistVersion, principal).options(
        selectinload(ChecklistVersion.checklist).selectinload(Checklist.department))
    if filters.version_id is not None:
        query = query.where(ChecklistVersion.id == filters.version_id)
    department = filters.department_id
    if filters.site_id is not None:
        department = select(Site.department_id).where(Site.id == filters.site_id).scalar_subquery()
    if department is not None:
        query = query.where(ChecklistVersion.checklist_id.in_(
            select(Checklist.id).where(Checklist.department_id == department)))
    return db.session.scalars(query.order_by(ChecklistVersion.published_at, ChecklistVersion.id)).all()


def _step_catalogue(versions: list[ChecklistVersion], counted: dict[int, int]) -> dict[str, dict]:
    """Per step id: the newest covered version's position, texts and flag, and its reports (in all, per version)."""
    catalogue: dict[str, dict] = {}
    for version in versions:  # oldest first: newer versions overwrite the metadata
        reports = counted.get(version.id, 0)
        for position, step in enumerate(version.steps, start=1):
            entry = catalogue.setdefault(step["id"], {"reports": 0, "per_version": []})
            entry.update(position=position, text=dict(step["text"]), time_critical=bool(step["time_critical"]),
                         newest=version.id)
            entry["reports"] += reports
            entry["per_version"].append(reports)
    return catalogue


def _every_step_result(principal, filters: Filters) -> bool:
    """Whether the answer covers every stored step result, so ``step_results`` needs no join to ``encounters``.

    True only with no filter and when the access rule itself says the viewer sees every
    encounter (``visible(Encounter)`` is the constant TRUE): a step result is visible exactly
    when its encounter is (``visible(StepResult)``), and every step result has an encounter
    (a non-null foreign key), so then every step result is visible. Any other viewer, or any
    filter, keeps the join and the conditions.
    """
    return filters == Filters() and isinstance(visible(Encounter, principal), True_)


def _histogram(principal, filters: Filters, conds: list, group=None):
    """A histogram of step results, (step, result, seconds) → count, over the covered reports (per ``group`` too).

    ``group``: a labelled column of ``encounters`` (the version, the department). Without it and
    without filters for a viewer who sees everything, it reads ``step_results`` alone (an
    index-only scan of ``ix_step_results_histogram`` already in group order); otherwise it
    joins the encounters the conditions keep.
    """
    keys = [group] if group is not None else []
    columns = [StepResult.step_id, StepResult.result, StepResult.seconds_from_start]
    query = select(*keys, *columns[:2], columns[2].label("seconds"),
                   func.count().label("c")).select_from(StepResult)
    if keys or not _every_step_result(principal, filters):
        query = query.join(Encounter, Encounter.id == StepResult.encounter_id).where(*conds)
    return query.group_by(*keys, *columns).cte("histogram")


def _measured(name: str, histogram, keys: list[str]) -> dict[tuple, dict]:
    """Per ``keys`` (step id, and version when grouped so): result counts and p50/p90 seconds to done."""
    h = histogram.c
    counts = select(*[h[k] for k in keys], *[func.sum(case((h.result == r, h.c), else_=0)).label(r) for r in RESULTS]) \
        .group_by(*[h[k] for k in keys]).subquery()
    times = from_histogram(name, histogram, keys, "seconds", "c", {"p50": 0.5, "p90": 0.9},
                           lambda c: c.result == "done").subquery()
    query = select(counts, times.c.p50, times.c.p90).outerjoin(
        times, and_(*[times.c[k] == counts.c[k] for k in keys]))
    return {tuple(row._mapping[k] for k in keys): row._asdict() for row in db.session.execute(query)}


def _step_rows(catalogue: dict[str, dict], measured: dict[str, dict], every_step: bool) -> list[dict]:
    """The steps table's rows, in catalogue order; ``every_step`` keeps steps no covered report ran."""
    rows = []
    for step_id, meta in catalogue.items():
        if not meta["reports"] and not every_step:
            continue  # a step of a version no report in the period ran
        row = measured.get(step_id, {})
        counts = {r: int(row.get(r) or 0) for r in RESULTS}
        reports = meta["reports"]
        not_reached = max(0, reports - sum(counts.values()))
        rows.append({"step_id": step_id, "position": meta["position"], "text": meta["text"],
                     "time_critical": meta["time_critical"], "reports": reports, **counts, "not_reached": not_reached,
                     **{f"{r}_rate": _rate(counts[r], reports) for r in RESULTS},
                     "not_reached_rate": _rate(not_reached, reports),
                     "p50_seconds": _round(row.get("p50")), "p90_seconds": _round(row.get("p90"))})
    return rows


def steps(principal, filters: Filters) -> Table:
    """Per step: result counts and rates, p50/p90 seconds to done.

    Within one department (a department, site or version filter, or a viewer of one department)
    ``text`` is the step's whole per-language object (``{"en": …, "es": …}``) of its newest covered
    version and ``position`` its place there, that department's own checklist. Over several
    departments a row pools one step id across them (``department`` null): their checklists share
    step ids but not wording or order, so such a row has no position, and a text only where every
    department's newest version words the step alike (else the desk names the step by its id).
    Pooled, the unfiltered answer stays an index-only read of the step results; one row per
    department would join every step result to its report (4-5x slower at 1.4 M step results).
    """
    name = dialect()
    conds = encounter_conditions(principal, filters)
    counted = dict(db.session.execute(select(Encounter.checklist_version_id, func.count())
                                      .where(*conds).group_by(Encounter.checklist_version_id)).all())
    versions = _versions(principal, filters)
    by_department: dict[int, list[ChecklistVersion]] = {}
    for version in versions:
        by_department.setdefault(version.checklist.department_id, []).append(version)
    catalogue = _step_catalogue(versions, counted)
    measured = {key[0]: row for key, row in _measured(name, _histogram(principal, filters, conds), ["step_id"]).items()}
    rows = _step_rows(catalogue, measured, filters.version_id is not None)
    withhold_small_groups(rows, STEP_MEASURES)
    for row in rows:  # a step over several versions, one of them small: that one's figures are a filter away
        if mixes_a_small_group(catalogue[row["step_id"]]["per_version"]):
            row.update(dict.fromkeys(STEP_MEASURES))
    if len(by_department) == 1:
        [covered] = by_department.values()
        newest_first = {v.id: -i for i, v in enumerate(versions)}
        for row in rows:
            row["department"] = covered[0].checklist.department.code
        rows.sort(key=lambda r: (newest_first[catalogue[r["step_id"]]["newest"]], r["position"], r["step_id"]))
        return Table(STEP_COLUMNS, rows, {"reports": sum(counted.values())})
    wordings: dict[str, list] = {}
    for covered in by_department.values():
        for step_id, meta in _step_catalogue(covered, counted).items():
            if meta["text"] not in wordings.setdefault(step_id, []):
                wordings[step_id].append(meta["text"])
    for row in rows:
        row.update(department=None, position=None)
        if len(wordings[row["step_id"]]) > 1:
            row["text"] = None
    rows.sort(key=lambda r: r["step_id"])
    return Table(STEP_COLUMNS, rows, {"reports": sum(counted.values())})


TIMING_GROUPS = ("total", "week", "department", "site")
TIMING_MEASURES = tuple(f"p{p}_minutes_{what}" for what in ("to_received", "to_notified") for p in (50, 90))


def _group_columns(name: str, by: str) -> tuple[list, list[str]]:
    """SQL expressions and output column names of a grouping."""
    if by == "week":
        return [week_of(name, Encounter.started_at).label("week")], ["week"]
    if by == "department":
        return [Department.code.label("department")], ["department"]
    if by == "site":
        return [Site.code.label("site"), Site.name.label("site_name"), Department.code.label("department")], \
            ["site", "site_name", "department"]
    return [], []


def _joined(query, by: str):
    if by in ("department", "site"):
        query = query.join(Department, Department.id == Encounter.department_id)
    if by == "site":
        query = query.join(Site, Site.id == Encounter.site_id)
    return query


def timings(principal, filters: Filters, by: str = "total") -> Table:
    """p50/p90 minutes from the encounter's start to the report's arrival and to the liaison's notification.

    The notified counts of every grouping are withheld together (``linked_counts``); timings of a
    small group are withheld too (medians cannot be added up, so a large group keeps its own).
    """
    name = dialect()
    conds = encounter_conditions(principal, filters)
    group_exprs, group_names = _group_columns(name, by)
    source = _joined(select(*group_exprs,
                            seconds_between(name, Encounter.received_at, Encounter.started_at).label("to_received"),
                            seconds_between(name, Encounter.liaison_notified_at, Encounter.started_at)
                            .label("to_notified")), by).where(*conds).subquery()
    query = grouped(name, source, group_names, {"notified": lambda c: c.to_notified.is_not(None)},
                    [Percentile(f"p{p}_{what}", what, p / 100) for what in ("to_received", "to_notified")
                     for p in (50, 90)])
    linked = linked_counts(name, principal, filters, Encounter.liaison_notified_at.is_not(None))
    rows = []
    for row in sorted(db.session.execute(query), key=lambda r: tuple(getattr(r, g) for g in group_names)):
        minutes = {f"p{p}_minutes_{what}": _round(None if getattr(row, f"p{p}_{what}") is None
                                                  else getattr(row, f"p{p}_{what}") / 60, 2)
                   for what in ("to_received", "to_notified") for p in (50, 90)}
        notified = int(row.notified or 0)
        shown = linked.shown(by, tuple(getattr(row, g) for g in group_names))
        rows.append({**{g: getattr(row, g) for g in group_names}, "reports": row.rows,
                     "notified": notified if shown else None,
                     "notified_rate": _rate(notified, row.rows) if shown else None, **minutes})
    withhold_small_groups(rows, ["notified", "notified_rate", *(c for c in TIMING_MEASURES)])
    columns = group_names + ["reports", "notified", "notified_rate", "p50_minutes_to_received",
                             "p90_minutes_to_received", "p50_minutes_to_notified", "p90_minutes_to_notified"]
    if by == "total" and not rows:
        rows = [dict.fromkeys(columns, None) | {"reports": 0, "notified": 0}]
    return Table(columns, rows)


def critical_condition(versions: list[ChecklistVersion]):
    """A step result of a time-critical step of its report's version (versions sharing one set of flags share a clause)."""
    by_flags: dict[tuple, list[int]] = {}
    for version in versions:
        flagged = tuple(sorted(s["id"] for s in version.steps if s["time_critical"]))
        if flagged:
            by_flags.setdefault(flagged, []).append(version.id)
    if not by_flags:
        return None
    return or_(*(and_(Encounter.checklist_version_id.in_(ids), StepResult.step_id.in_(flagged))
                 for flagged, ids in by_flags.items()))


SKIP_GROUPS = LINKED


def critical_skips(principal, filters: Filters, by: str = "site") -> Table:
    """Reports with at least one time-critical step skipped, by site (or week, or department), with rates.

    Two GROUP BYs by site and week over the same covered reports: all of them, and those for
    which a skipped time-critical step of their own version EXISTS (a semi-join on the small
    partial index ``ix_step_results_skipped``); the sites, weeks, departments and total are
    their sums, withheld together (``linked_counts``).
    """
    name = dialect()
    critical = critical_condition(_versions(principal, filters))
    skipped = None if critical is None else \
        exists().where(StepResult.encounter_id == Encounter.id, StepResult.result == "skipped", critical)
    linked = linked_counts(name, principal, filters, skipped, semi_join=True)
    _, group_names = _group_columns(name, by)

    def figures(shown: bool, reports: int, flagged: int) -> dict:
        return {"reports": reports, "with_critical_skip": flagged if shown else None,
                "rate": _rate(flagged, reports) if shown else None}

    rows = [{**dict(zip(group_names, key)), **figures(linked.shown(by, key), *cell)}
            for key, cell in sorted(linked.groups[by].items())]
    return Table(group_names + ["reports", "with_critical_skip", "rate"], rows,
                 {"total": figures(linked.shown("total", ()), *linked.total)})


COMPARED = ("position", "time_critical", "reports", "done_rate", "skipped_rate", "not_applicable_rate",
            "not_reached_rate", "p50_seconds", "p90_seconds")


def compare(principal, filters: Filters, a: int, b: int) -> Table:
    """Two versions side by side per step, matched by step id; a step in one version only says so.

    One pass for both versions: the reports and the step-result histogram grouped by version.
    ``filters`` carries no version (a and b are the versions).
    """
    name = dialect()
    conds = encounter_conditions(principal, filters) + [Encounter.checklist_version_id.in_({a, b})]
    counted = dict(db.session.execute(select(Encounter.checklist_version_id, func.count())
                                      .where(*conds).group_by(Encounter.checklist_version_id)).all())
    versions = {v.id: v for v in db.session.scalars(scoped(ChecklistVersion, principal)
                                                    .where(ChecklistVersion.id.in_({a, b})))}
    measured = _measured(name, _histogram(principal, filters, conds, Encounter.checklist_version_id.label("version_id")),
                         ["version_id", "step_id"])
    sides = {}
    for side, version_id in (("a", a), ("b", b)):
        covered = [versions[version_id]] if version_id in versions else []
        per_step = {step_id: row for (v, step_id), row in measured.items() if v == version_id}
        sides[side] = {r["step_id"]: r for r in _step_rows(_step_catalogue(covered, counted), per_step, True)}
        withhold_small_groups(sides[side].values(), STEP_MEASURES)
    order = list(sides["b"]) + [s for s in sides["a"] if s not in sides["b"]]
    rows = []
    for step_id in order:
        in_a, in_b = step_id in sides["a"], step_id in sides["b"]
        text = (sides["b"] if in_b else sides["a"])[step_id]["text"]
        row = {"step_id": step_id, "text": text, "in": "both" if in_a and in_b else ("a_only" if in_a else "b_only")}
        for column in COMPARED:
            for side in ("a", "b"):
                row[f"{column}_{side}"] = sides[side][step_id][column] if step_id in sides[side] else None
        rows.append(row)
    columns = ["step_id", "text", "in"] + [f"{c}_{s}" for c in COMPARED for s in ("a", "b")]
    return Table(columns, rows, {"a": a, "b": b})
