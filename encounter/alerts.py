"""The one-tap alert ("agents here now"): what it may carry, and what it means on the desk.

BRIEF.md, "During the encounter": the alert says site and time only (and, if the employee
knows it, the agency), nothing else. Every other key is refused at the door like a
never-collected key, so a client cannot use the alert to send what the report itself may
not hold. The report later pushed under the alert's ``encounter_id`` completes the same
encounter and closes the alert.
"""
from encounter.field_message import coded
from encounter.vocabulary import AGENCIES

KIND = "alert"
# Every key an alert body may hold; REQUIRED of them must be present.
KEYS = ("encounter_id", "site", "occurred_at", "agency")
REQUIRED = ("encounter_id", "site", "occurred_at")
# An alert is an ongoing incident: the desk treats it as P1 (BRIEF.md, Triage).
PRIORITY = 1
OPEN, CLOSED = "open", "closed"
STATES = (OPEN, CLOSED)
# What the desk's alert list may ask for (``?state=``).
STATE_FILTERS = (OPEN, CLOSED, "all")
# "Agents here now" joins the encounter in progress: the phone's most recently touched draft, when touched
# within this many minutes (and its alert, if any, has not yet reached the server). An older draft is left in
# the list and the tap starts a new encounter: a week-old draft's site or encounter is not today's.
JOIN_MINUTES = 60
NOT_AN_ALERT_KEY = "an alert carries only {keys}; send everything else in the report"
# Why a liaison closed an alert by hand, as codes (the desk says them in its words; never free text): no report
# will come under it (the employee discarded the draft, the phone was lost), it was tapped by mistake (no agents),
# or another alert covers the same visit. A report arriving later is stored as any report is.
NO_REPORT, MISTAKEN, DUPLICATE = "no_report", "mistaken", "duplicate"
CLOSE_REASONS = (NO_REPORT, MISTAKEN, DUPLICATE)


def extra_key_errors(body: dict) -> dict:
    """Return a field error for every key an alert may not carry."""
    message = coded("unknown", NOT_AN_ALERT_KEY.format(keys=", ".join(KEYS)))
    return {key: [message] for key in sorted(body.keys() - set(KEYS))}


def state(closed_at) -> str:
    """Return an alert's state from its closing time."""
    return OPEN if closed_at is None else CLOSED


def document() -> dict:
    """Return the alert's rules as data for ``pwa/src/rules/alert.json``."""
    return {"kind": KIND, "keys": list(KEYS), "required": list(REQUIRED), "priority": PRIORITY,
            "agencies": list(AGENCIES), "states": list(STATES), "close_reasons": list(CLOSE_REASONS),
            "join_minutes": JOIN_MINUTES}
