"""The report as the phone asks for it: what a report needs first, and the optional rest by section.

Issue 11, "a report that takes a minute": a short first screen holds only what a report needs
(where, which area, what the agents did or asked, the document shown) and the rest waits in
optional sections, one per screen. ``REQUIRED`` is what the server refuses a report without
(``server/schemas/encounter.py`` reads it) and what the phone checks as each field is left;
the phone reads all of this from ``pwa/src/rules/form.json``.

``NOT_BEFORE_START`` are the times the employee types that cannot come before the encounter began
(``started_at``, the moment they tapped Start, which the form shows them): the phone refuses such a
time at its field and the server refuses a report carrying one; neither ever rewrites it.

``started_at`` is when the encounter began. Reported live, that is the Start tap; reported after the
agents left, the employee gives it on the form (section "where") and the body says so with
``start_given: true``. Only a given start is bounded (``given_start_error``): a tap is the phone's own
clock, never refused (an old phone's push has no ``start_given`` and is checked as before).
"""
from datetime import datetime, timedelta

from encounter import phone_clock
# Fields a report cannot be submitted without.
REQUIRED = ("site", "area_type", "document_type")
# The first screen, in order: the required fields and the one optional question every report should answer.
SHORT = ("site", "area_type", "requested", "document_type")
# The optional sections, one screen each, in order; every other field of the report is in exactly one.
SECTIONS = (
    ("where", ("started_at", "ended_at")),
    ("agents", ("agencies", "markings_seen", "agent_count", "vehicle_count", "government_plates", "masks",
                "visible_identification", "identification_refused", "agent_names_and_badges", "stated_purpose",
                "stated_reason")),
    ("document", ("document_copy_obtained", "photos", "consent_asked", "consent_refused", "non_public_entered",
                  "entered_over_objection", "areas_entered", "items_taken")),
    ("outcome", ("detained_count", "minors_present", "force_used", "weapons_shown", "injuries",
                 "staff_threatened_or_detained", "emergency_claimed", "police_called", "outcome", "outcome_notes",
                 "staff_witnesses", "liaison_notified_at")),
    ("city_help", ("city_assistance", "city_assistance_kinds", "city_assistance_by", "city_assistance_notes")),
    ("notes", ("notes", "location")),
)
# Times the employee gives that cannot be before the encounter started (``before_start``).
NOT_BEFORE_START = ("ended_at", "liaison_notified_at")
# Body fields the employee never fills in on the form: the phone sets them, or the desk does.
NOT_ASKED = ("checklist_version_id", "start_given", "tapped_at", "language", "steps", "mayor_office_notified_at")
# How long ago a given start may be. Long enough for a report written after a weekend or a week's leave;
# short enough that a mistyped month or year is refused rather than filed in the wrong week of the Mayor's
# Office figures; and within the 90 days a closed report's words are kept (encounter/retention.py), so the
# other reports of the same event are still whole when the liaison compares them.
GIVEN_START_OLDEST = timedelta(days=30)


def asked() -> tuple:
    """Every field the form asks, short screen first, in order."""
    return SHORT + tuple(name for _, names in SECTIONS for name in names)


def before_start(moment: datetime, started: datetime) -> bool:
    """Is ``moment`` earlier than the minute the encounter started (the Start time shown, which a time field gives)?"""
    return moment < started.replace(second=0, microsecond=0)


def given_start_error(started: datetime, now: datetime, tapped: datetime | None = None) -> str | None:
    """Why a start the employee gave cannot stand: ``future``, ``too_old`` (``GIVEN_START_OLDEST``), or None.

    "Future" allows a phone clock's drift (``phone_clock``), as every other time from a phone does. "Too old"
    is measured from when the report was written, the Start tap (``tapped``, sent as ``tapped_at``), so a
    report that waited in the outbox past the bound (a phone offline for weeks) still arrives; a tap later
    than ``now`` counts as now, and without one (an older body) it is ``now``.
    """
    if phone_clock.ahead(started, now):
        return "future"
    written = min(tapped, now) if tapped is not None else now
    if started < written - GIVEN_START_OLDEST:
        return "too_old"
    return None


def steps_timed_from_start(body: dict) -> bool:
    """Whether a report's checklist taps are measured from its start (the trainers' time to each step).

    Not when the employee gave the start afterwards (``start_given``): the checklist was then worked through
    hours after the agents came, and its taps' distance from that start would say nothing of how the steps
    were followed during an encounter, while filling the trainers' p90 with hours. The taps' times are kept.
    """
    return body.get("start_given") is not True


def document() -> dict:
    """Return the form's layout as data for ``pwa/src/rules/form.json``."""
    return {"required": list(REQUIRED), "short": list(SHORT), "not_before_start": list(NOT_BEFORE_START),
            "sections": [[name, list(names)] for name, names in SECTIONS],
            "given_start": {"oldest_days": GIVEN_START_OLDEST.days,
                            "ahead_minutes": int(phone_clock.CLOCK_SKEW.total_seconds() // 60)}}
