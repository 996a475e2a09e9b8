"""Priority of a report (P1/P2/P3), computed on the server at ingest from rules kept as data."""


def prioritize(body: dict) -> tuple[int, str | None]:
    """Return (priority, id of the rule that decided it) for a validated encounter body."""
    return 3, None
