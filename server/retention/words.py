"""The words kept beside a report's body, which its erasure empties (encounter/retention.py, ERASED_ALONGSIDE).

One list for the purge, which erases and counts them, and for the report's retention state: an
erased report that holds any of them again (reopened, noted, asked, answered, closed) is due
again when the schedule says so.
"""
from dataclasses import dataclass, field

from sqlalchemy import exists, or_, select

from encounter.redaction import TEXTS
from server.extensions import db
from server.models import Encounter, FollowUp, FollowUpAnswer, ReportNote, TriageEvent

# Keys of a triage event's details that hold a liaison's words (server/reports/triage.py); the same a
# liaison may redact (encounter/redaction.py).
WORDS_IN_EVENTS = TEXTS["triage"]


@dataclass
class Words:
    """Which of the given reports hold words beside the body, and where."""

    questions: list = field(default_factory=list)    # (report id, follow-up id)
    answers: list = field(default_factory=list)      # report ids, one per answer with text
    notes: list = field(default_factory=list)        # report ids, one per note with text
    resolutions: list = field(default_factory=list)  # report ids
    events: list = field(default_factory=list)       # TriageEvent rows holding words

    def count(self) -> int:
        """How many texts there are."""
        return len(self.questions) + len(self.answers) + len(self.notes) + len(self.resolutions) + len(self.events)

    def of(self, ids: set) -> "Words":
        """Only the words of these reports."""
        return Words(questions=[(rid, q) for rid, q in self.questions if rid in ids],
                     answers=[rid for rid in self.answers if rid in ids],
                     notes=[rid for rid in self.notes if rid in ids],
                     resolutions=[rid for rid in self.resolutions if rid in ids],
                     events=[event for event in self.events if event.encounter_id in ids])

    def holders(self) -> set:
        """The ids of the reports holding any."""
        return ({rid for rid, _ in self.questions} | set(self.answers) | set(self.notes) | set(self.resolutions)
                | {event.encounter_id for event in self.events})


def words_beside(ids: list) -> Words:
    """The words kept beside these reports' bodies."""
    if not ids:
        return Words()
    return Words(
        questions=db.session.execute(select(FollowUp.encounter_id, FollowUp.id).where(
            FollowUp.encounter_id.in_(ids), FollowUp.question != "")).all(),
        answers=list(db.session.scalars(select(FollowUpAnswer.encounter_id).where(
            FollowUpAnswer.encounter_id.in_(ids), FollowUpAnswer.text != ""))),
        notes=list(db.session.scalars(select(ReportNote.encounter_id).where(
            ReportNote.encounter_id.in_(ids), ReportNote.text != ""))),
        resolutions=list(db.session.scalars(select(Encounter.id).where(
            Encounter.id.in_(ids), Encounter.resolution.is_not(None)))),
        events=[e for e in db.session.scalars(select(TriageEvent).where(TriageEvent.encounter_id.in_(ids)))
                if any(k in (e.details or {}) for k in WORDS_IN_EVENTS)])


def maybe_words_since_erasure():
    """SQL: the (erased) report may hold words written since (``words_beside`` says for sure).

    Wider only for triage events: a status move after the erasure, whether or not it carried words.
    """
    return or_(Encounter.resolution.is_not(None),
               exists().where(FollowUp.encounter_id == Encounter.id, FollowUp.question != ""),
               exists().where(FollowUpAnswer.encounter_id == Encounter.id, FollowUpAnswer.text != ""),
               exists().where(ReportNote.encounter_id == Encounter.id, ReportNote.text != ""),
               exists().where(TriageEvent.encounter_id == Encounter.id, TriageEvent.action == "status",
                              TriageEvent.at >= Encounter.erased_at))
