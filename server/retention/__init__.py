"""Redaction, legal hold and the retention purge: the server's side of encounter/redaction.py and
encounter/retention.py (the rules live there; here are the SQL, the audit and the files)."""
from sqlalchemy import func, select

from encounter.retention import PhoneSchedule, ReportAge, Schedule
from encounter.triage import CLOSED
from server.extensions import db
from server.models import Encounter, TriageEvent

# A reopen: a status move out of closed (server/reports/triage.py writes one event per move).
_REOPEN = (TriageEvent.action == "status", TriageEvent.from_value == CLOSED)


def schedule(config) -> Schedule:
    """The server's retention schedule from the app's configuration."""
    return Schedule(closed_days=config["RETENTION_CLOSED_DAYS"], open_days=config["RETENTION_OPEN_DAYS"],
                    orphan_photo_days=config["RETENTION_ORPHAN_PHOTO_DAYS"],
                    temp_file_hours=config["RETENTION_TEMP_FILE_HOURS"])


def phone_schedule(config) -> PhoneSchedule:
    """How long phones keep things, from the app's configuration (sent with every pull)."""
    return PhoneSchedule(summary_days=config["PHONE_SUMMARY_DAYS"], answer_days=config["PHONE_ANSWER_DAYS"],
                         draft_days=config["PHONE_DRAFT_DAYS"])


def reopened_at():
    """SQL: when the ``Encounter`` was last moved out of closed (NULL if never), the rule's ``reopened_at``."""
    return (select(func.max(TriageEvent.at)).where(TriageEvent.encounter_id == Encounter.id, *_REOPEN)
            .correlate(Encounter).scalar_subquery())


def reopen_times(ids: list) -> dict:
    """When each of these reports was last moved out of closed (only those ever reopened)."""
    if not ids:
        return {}
    return dict(db.session.execute(select(TriageEvent.encounter_id, func.max(TriageEvent.at))
                                   .where(TriageEvent.encounter_id.in_(ids), *_REOPEN)
                                   .group_by(TriageEvent.encounter_id)).all())


def report_age(report, words_since_erasure: bool = False, reopened=None) -> ReportAge:
    """What the retention rule needs of a stored report (an ``Encounter`` or a row with its columns).

    ``words_since_erasure``: an erased report holds words beside it again (``server.retention.words``).
    ``reopened``: when it was last moved out of closed (``reopen_times``), None if never.
    """
    return ReportAge(status=report.status, received_at=report.received_at,
                     closed_at=report.status_changed_at if report.status == CLOSED else None,
                     legal_hold=bool(report.legal_hold), erased=report.erased_at is not None,
                     words_since_erasure=report.erased_at is not None and words_since_erasure,
                     reopened_at=reopened if report.status != CLOSED else None)
