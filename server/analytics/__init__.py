"""Checklist completion analytics: SQL GROUP BYs over step results and encounters, scoped by ``visible``."""
from server.analytics.filters import CITY_TZ, Filters
from server.analytics.queries import SKIP_GROUPS, TIMING_GROUPS, Table, compare, critical_skips, steps, timings

__all__ = ["CITY_TZ", "Filters", "SKIP_GROUPS", "TIMING_GROUPS", "Table", "compare", "critical_skips", "steps",
           "timings"]
