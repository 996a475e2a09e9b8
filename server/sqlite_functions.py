"""SQL functions SQLite lacks, registered on every SQLite connection (``server/__init__.py``).

PostgreSQL has these built in (``percentile_cont``, time zones); the queries that need them
on SQLite call them by these names, so no query has to register anything itself.
"""
import statistics

from server.citytime import city_month, city_week


class Median:
    """Aggregate ``median(x)``: the median of the non-null values, or NULL when there are none."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def unicode_lower(value):
    """``lower`` as Python (and PostgreSQL) lower-case text: SQLite's own lowers only ASCII."""
    return value.lower() if isinstance(value, str) else value


def register(connection) -> None:
    """Add ``city_week(timestamp)`` (ISO week in city time), ``median(x)`` and ``unicode_lower(text)`` to a sqlite3 connection."""
    connection.create_function("city_week", 1, city_week, deterministic=True)
    connection.create_function("city_month", 1, city_month, deterministic=True)
    connection.create_aggregate("median", 1, Median)
    connection.create_function("unicode_lower", 1, unicode_lower, deterministic=True)
