"""Retention: when a report's free text and photos are erased, what stays, and how long phones keep things.

BRIEF.md: "free text and photos of closed reports are erased after a set period (weeks or
months, not years); the structured fields that the aggregate needs stay. A legal hold stops
erasure for one report. Phones keep as little as they can, for as short as they can."
The periods are settings (server/config.py, README); the defaults here are the starting
point for the City Attorney's review (docs/decisions.md, Retention). The server's purge
applies ``is_due`` and ``erase``; the phone reads ``PHONE_DEFAULTS`` through
``pwa/src/rules/retention.json`` and the configured values from each pull.
"""
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from encounter.redaction import REDACTABLE_FIELDS

# Body keys erased when a report is due: every free-text field, the photo references, and the phone's position
# (to a few metres, as telling as a photo of the place; the aggregate reads the site instead).
ERASED_TEXT_FIELDS: tuple[str, ...] = REDACTABLE_FIELDS
ERASED_BODY_FIELDS: tuple[str, ...] = (*ERASED_TEXT_FIELDS, "photos", "location")
# Text kept beside the body that is erased with it (the purge's SQL names the columns).
ERASED_ALONGSIDE = ("follow-up questions", "answers", "internal notes", "resolution", "triage reasons")


@dataclass(frozen=True)
class Schedule:
    """How long the server keeps free text and photos (days)."""

    closed_days: int = 90     # after the report was closed
    open_days: int = 365      # after receipt (or its last reopen), for a report not closed (nobody's work for a year)
    orphan_photo_days: int = 7  # a photo no report references (uploaded, then the report never came)
    temp_file_hours: int = 24   # a half-written upload left by a crash


@dataclass(frozen=True)
class PhoneSchedule:
    """How long a phone keeps what the server already holds, and drafts nobody touches (days)."""

    summary_days: int = 30  # summaries of received reports and the news about them
    answer_days: int = 30   # received answers to follow-up questions
    draft_days: int = 14    # a draft not touched for this long is abandoned

    def to_dict(self) -> dict:
        """The settings as the phone reads them."""
        return asdict(self)


PHONE_DEFAULTS = PhoneSchedule()


@dataclass(frozen=True)
class ReportAge:
    """What the rule needs to know of a stored report."""

    status: str
    received_at: datetime
    closed_at: datetime | None  # when it was last closed (None unless closed)
    legal_hold: bool
    erased: bool
    # Erased, then worked again (reopened, noted, asked, answered, closed): words written beside it since.
    words_since_erasure: bool = False
    # When it was last moved out of closed (None if never reopened): an open report's clock runs from here.
    reopened_at: datetime | None = None


def due_at(report: ReportAge, schedule: Schedule) -> datetime | None:
    """When this report's free text and photos are to be erased; None while on hold or once erased.

    Words written beside an erased report (ERASED_ALONGSIDE) follow the same schedule again: an
    erasure is not a licence to keep what comes after it. A reopened report is open again: its clock
    runs from the reopen, not from receipt (else a report received a year ago and reopened today,
    with the reason just written, would be due tonight), and the next close starts the closed clock.
    """
    if report.legal_hold or (report.erased and not report.words_since_erasure):
        return None
    if report.status == "closed" and report.closed_at is not None:
        return report.closed_at + timedelta(days=schedule.closed_days)
    return (report.reopened_at or report.received_at) + timedelta(days=schedule.open_days)


def is_due(report: ReportAge, now: datetime, schedule: Schedule) -> bool:
    """Is this report's free text and photos due for erasure now?"""
    due = due_at(report, schedule)
    return due is not None and due <= now


def cutoffs(now: datetime, schedule: Schedule) -> tuple[datetime, datetime]:
    """(closed before, received or last reopened before): the same rule as ``is_due`` as two instants, for SQL."""
    return now - timedelta(days=schedule.closed_days), now - timedelta(days=schedule.open_days)


def erase(body: dict) -> tuple[dict, list[str]]:
    """Return the body with only its structured fields, and the names of the fields that held something."""
    removed = [name for name in ERASED_BODY_FIELDS if body.get(name)]
    return {key: value for key, value in body.items() if key not in ERASED_BODY_FIELDS}, removed
