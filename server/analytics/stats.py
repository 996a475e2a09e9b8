"""Grouped counts and percentiles in one SQL statement, with the same numbers on PostgreSQL and SQLite.

PostgreSQL has ``percentile_cont``. SQLite does not, so there each value is ranked with
window functions (``ROW_NUMBER``/``COUNT`` over the group) and the two neighbouring ranks
are interpolated exactly as PostgreSQL does (``lo + (hi - lo) * frac`` at position
``p * (n - 1)``, in double precision), so both databases give identical figures.
A percentile ignores rows whose value is null or whose condition is false.
"""
from dataclasses import dataclass

from sqlalchemy import Float, Integer, and_, case, cast, func, literal, select


@dataclass(frozen=True)
class Percentile:
    """The ``fraction`` percentile of ``value`` over the rows where ``when`` holds, labelled ``label``."""

    label: str
    value: str
    fraction: float
    when: object = None  # a function of the source's columns returning a condition, or None


def grouped(dialect: str, source, keys: list[str], sums: dict, percentiles: list[Percentile]):
    """``SELECT keys, sums…, percentiles… FROM source GROUP BY keys``.

    ``source`` is a subquery; ``sums`` maps labels to functions of its columns returning a
    condition, counted as ``SUM(CASE WHEN cond THEN 1 ELSE 0 END)`` (plus ``rows`` = COUNT(*)).
    """
    if dialect == "postgresql":
        return _postgresql(source, keys, sums, percentiles)
    return _portable(source, keys, sums, percentiles)


def _counted(cols, sums: dict) -> list:
    return [func.count().label("rows")] + [func.sum(case((cond(cols), 1), else_=0)).label(name)
                                             for name, cond in sums.items()]


def _included(cols, spec: Percentile):
    present = cols[spec.value].is_not(None)
    return and_(present, spec.when(cols)) if spec.when is not None else present


def _postgresql(source, keys, sums, percentiles):
    cols = source.c
    measures = [func.percentile_cont(spec.fraction).within_group(case((_included(cols, spec), cols[spec.value])))
                .label(spec.label) for spec in percentiles]  # percentile_cont skips the NULLs the CASE leaves
    group = [cols[k] for k in keys]
    return select(*group, *_counted(cols, sums), *measures).group_by(*group)


def _portable(source, keys, sums, percentiles):
    cols = source.c
    ranked_cols, flags = list(cols), {}
    for spec in {(p.value, p.when) for p in percentiles}:
        tag = f"_{len(flags)}"
        flag = case((_included(cols, _spec(spec)), 1), else_=0)
        window = [cols[k] for k in keys] + [flag]
        ranked_cols += [flag.label(f"in{tag}"),
                        func.row_number().over(partition_by=window, order_by=cols[spec[0]]).label(f"rn{tag}"),
                        func.count().over(partition_by=window).label(f"n{tag}")]
        flags[spec] = tag
    ranked = select(*ranked_cols).subquery()
    rc = ranked.c
    measures = []
    for spec in percentiles:
        tag = flags[(spec.value, spec.when)]
        inside, rank, count, value = rc[f"in{tag}"] == 1, rc[f"rn{tag}"], rc[f"n{tag}"], rc[spec.value]
        position = literal(spec.fraction) * (count - 1)
        first = 1 + cast(position, Integer)  # CAST truncates: floor of a non-negative position
        low = func.max(case((and_(inside, rank == first), value)))
        high = func.max(case((and_(inside, rank == first + 1), value)))
        frac = func.max(case((inside, position - cast(position, Integer))))
        measures.append((low + (func.coalesce(high, low) - low) * frac).label(spec.label))
    group = [rc[k] for k in keys]
    return select(*group, *_counted(rc, sums), *measures).group_by(*group)


def _spec(pair) -> Percentile:
    value, when = pair
    return Percentile("", value, 0.0, when)


def from_histogram(dialect: str, histogram, keys: list[str], value: str, count: str, fractions: dict[str, float],
                   when=None):
    """Percentiles per group from a histogram subquery (``keys``, ``value``, ``count`` rows per distinct value).

    For step times: 1.4 M step results fold into a few thousand (step, seconds) rows with a
    parallel hash aggregate, then the interpolation runs over those; sorting every row for
    ``percentile_cont`` cost three times as much. The figures are exactly ``percentile_cont``'s:
    the row at 0-based position ``r`` is the first value whose running count exceeds ``r``.
    """
    h = histogram.c
    group = [h[k] for k in keys]
    total = func.sum(h[count]).over(partition_by=group)
    running = func.sum(h[count]).over(partition_by=group, order_by=h[value])
    float_ = Float if dialect == "postgresql" else None
    ranked = (select(*group, h[value].label("v"), (cast(running, float_) if float_ else running).label("cum"),
                     (cast(total, float_) if float_ else total).label("n"))
              .where(h[value].is_not(None), *([when(h)] if when is not None else [])).subquery())
    r = ranked.c
    floor = func.floor if dialect == "postgresql" else (lambda x: cast(x, Integer))
    measures = []
    for label, fraction in fractions.items():
        position = literal(fraction, Float) * (r.n - 1)
        first = floor(position)
        low = func.min(case((r.cum >= first + 1, r.v)))
        high = func.min(case((r.cum >= first + 2, r.v)))
        frac = func.max(position - first)
        measures.append((low + (func.coalesce(high, low) - low) * frac).label(label))
    return select(*[r[k] for k in keys], *measures).group_by(*[r[k] for k in keys])
