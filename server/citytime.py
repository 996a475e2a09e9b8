"""The city's clock: days, periods and weeks are Los Angeles time, wherever the server runs.

One place for it, because the queue's date filters, the Mayor's Office aggregate and the
trainers' analytics must agree on where a day and a week begin.
"""
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from encounter.city import ZONE

CITY_TZ = ZoneInfo(ZONE)


def day_start(day: date) -> datetime:
    """The UTC moment a city-local day begins."""
    return datetime.combine(day, time(), CITY_TZ).astimezone(timezone.utc)


def city_week(value) -> str | None:
    """ISO week (``2026-W47``), in city time, of a timestamp as SQLite stores it (naive UTC text).

    Registered as an SQL function on SQLite connections; PostgreSQL computes the same in SQL.
    """
    if value is None:
        return None
    moment = datetime.fromisoformat(value).replace(tzinfo=timezone.utc).astimezone(CITY_TZ)
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def city_month(value) -> str | None:
    """Month (``2026-11``), in city time, of a timestamp as SQLite stores it; PostgreSQL computes it in SQL."""
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc).astimezone(CITY_TZ).strftime("%Y-%m")
