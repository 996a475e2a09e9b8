"""Redaction, legal hold and the retention purge: the server's side of encounter/redaction.py and
encounter/retention.py (the rules live there; here are the SQL, the audit and the files)."""
from encounter.retention import PhoneSchedule, ReportAge, Schedule


def schedule(config) -> Schedule:
    """The server's retention schedule from the app's configuration."""
    return Schedule(closed_days=config["RETENTION_CLOSED_DAYS"], open_days=config["RETENTION_OPEN_DAYS"],
                    orphan_photo_days=config["RETENTION_ORPHAN_PHOTO_DAYS"],
                    temp_file_hours=config["RETENTION_TEMP_FILE_HOURS"])


def phone_schedule(config) -> PhoneSchedule:
    """How long phones keep things, from the app's configuration (sent with every pull)."""
    return PhoneSchedule(summary_days=config["PHONE_SUMMARY_DAYS"], answer_days=config["PHONE_ANSWER_DAYS"],
                         draft_days=config["PHONE_DRAFT_DAYS"])


def report_age(report, words_since_erasure: bool = False) -> ReportAge:
    """What the retention rule needs of a stored report (an ``Encounter`` or a row with its columns).

    ``words_since_erasure``: an erased report holds words beside it again (``server.retention.words``).
    """
    return ReportAge(status=report.status, received_at=report.received_at,
                     closed_at=report.status_changed_at if report.status == "closed" else None,
                     legal_hold=bool(report.legal_hold), erased=report.erased_at is not None,
                     words_since_erasure=report.erased_at is not None and words_since_erasure)
