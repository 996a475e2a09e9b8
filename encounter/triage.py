"""Triage of a report: its states, the one table of allowed status moves, and what each move needs.

BRIEF.md, "Triage". The server's triage service (``server/reports/triage.py``) enforces it
on every move; the desk offers only these moves (through ``pwa/src/rules/triage.json``).
"""
from dataclasses import dataclass

from encounter.field_message import coded

TRIAGE_STATES = ("new", "acknowledged", "in_review", "escalated", "closed")
# The state every report arrives in, and the one that counts as done.
INITIAL = "new"
CLOSED = "closed"
# Escalated: a liaison sent it to the Mayor's Office (who may then read its free text, see views.py).
ESCALATED = "escalated"

# The allowed moves; "closed → in_review" is a reopen and needs a reason.
MOVES: dict[str, tuple[str, ...]] = {
    "new": ("acknowledged", "in_review", "escalated", "closed"),
    "acknowledged": ("in_review", "escalated", "closed"),
    "in_review": ("escalated", "closed"),
    "escalated": ("in_review", "closed"),
    "closed": ("in_review",),
}

# What a move carries, and the message when it is missing or out of place.
NEEDS_RESOLUTION = coded("required", "closing a report needs a resolution")
NEEDS_REASON = coded("required", "reopening a closed report needs a reason")
RESOLUTION_ONLY_TO_CLOSE = coded("not_allowed", "only a move to closed takes a resolution")
REASON_ONLY_TO_REOPEN = coded("not_allowed", "only reopening a closed report takes a reason")


# Priority by hand: a liaison may raise or lower the priority the rules gave a report at ingest (a "P3
# sighting" that turns out to be an arrest). The report's rule then reads SET_BY_LIAISON.
PRIORITIES = (1, 2, 3)
SET_BY_LIAISON = "set_by_liaison"

# An assignment lasts while the assignee is an active liaison of the report's department, and may sign in. Why one
# ended with no liaison moving it (``server/reports/assignees.py`` ``release``), as its audit entry's ``released``
# says it (a code: the desk says each in words).
ASSIGNEE_MOVED = "assignee_moved"  # to another department
ASSIGNEE_ROLE_CHANGED = "assignee_role_changed"  # no longer a liaison
ASSIGNEE_DEACTIVATED = "assignee_deactivated"
ASSIGNEE_UNMAPPED = "assignee_unmapped"  # their City sign-in's groups no longer grant access here
RELEASES = (ASSIGNEE_MOVED, ASSIGNEE_ROLE_CHANGED, ASSIGNEE_DEACTIVATED, ASSIGNEE_UNMAPPED)


@dataclass(frozen=True)
class MoveVerdict:
    """A move judged against the table: allowed at all, and field errors of what it carries."""

    allowed: bool
    errors: dict[str, list[str]]


def needs(current: str, to: str) -> tuple[str, ...]:
    """Return what a move must carry: ``resolution`` to close, ``reason`` to reopen."""
    return (("resolution",) if to == CLOSED else ()) + (("reason",) if current == CLOSED else ())


def judge_move(current: str, to: str, resolution: str | None = None, reason: str | None = None) -> MoveVerdict:
    """Judge a status move: not in the table, or in it but lacking (or wrongly carrying) text."""
    if to not in MOVES.get(current, ()):
        return MoveVerdict(False, {})
    given = {"resolution": resolution, "reason": reason}
    errors: dict[str, list[str]] = {}
    for need in needs(current, to):
        if not (given[need] or "").strip():
            errors[need] = [NEEDS_RESOLUTION if need == "resolution" else NEEDS_REASON]
    # Text a move does not use is refused, never stored: a stray reason would sit in the move's details, read by
    # the Mayor's Office once the report is escalated.
    if not errors and resolution is not None and to != CLOSED:
        errors["resolution"] = [RESOLUTION_ONLY_TO_CLOSE]
    if not errors and reason is not None and current != CLOSED:
        errors["reason"] = [REASON_ONLY_TO_REOPEN]
    return MoveVerdict(True, errors)


def document() -> dict:
    """Return the states and moves as data for ``pwa/src/rules/triage.json``."""
    return {"states": list(TRIAGE_STATES), "initial": INITIAL, "closed": CLOSED, "escalated": ESCALATED,
            "moves": {state: list(targets) for state, targets in MOVES.items()},
            "priorities": list(PRIORITIES), "set_by_liaison": SET_BY_LIAISON, "releases": list(RELEASES),
            "needs": {state: {to: list(needs(state, to)) for to in targets if needs(state, to)}
                      for state, targets in MOVES.items()}}
