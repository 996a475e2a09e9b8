"""Push kind ``answer``: the reporter's answer to a liaison's follow-up question, from the phone's outbox."""
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select

from encounter import door
from server.access import scoped
from server.extensions import db
from server.changes import record_change
from server.models import ChangeLogEntry, Encounter, FollowUp
from server.schemas.fields import parse_moment
from encounter.field_message import coded
from server.kinds import door_check, refused
from server.schemas.triage import AnswerBodySchema
from sync.envelope import Checked, Principal, iso_time

# A follow-up that does not exist and one the pusher may not answer read alike.
NO_SUCH_FOLLOWUP = coded("not_found", "is not a question on one of your reports")
# One answer per question: a second (another phone, or this one after signing in again) is refused by the
# store (server/sync_store.py), which alone sees answers committed a moment ago; a resend of the answer that
# stands is a duplicate, and other content under its id a conflict, as for any item.
ALREADY_ANSWERED = coded("answered", "this question has already been answered")


@dataclass(frozen=True)
class AnswerRecord:
    """What the SQL store writes for an answer besides the body: the question's report and typed columns."""

    followup_id: UUID
    encounter_id: UUID
    department_id: int
    text: str
    answered_at: datetime


class AnswerKind:
    """Kind ``answer``: text for a follow-up question on one of the pusher's own reports."""

    schema_versions = frozenset({1})

    # One schema for every push: building it cost about as much as checking a report.
    schema = AnswerBodySchema()

    def __init__(self):
        self._questions: dict[UUID, tuple[UUID, int] | None] = {}

    def check(self, principal: Principal, schema_version: int, body: dict) -> Checked:
        """Validate the body; the follow-up must be a question on a report the pusher wrote."""
        errors = self.schema.validate(body)
        door_refusal = door_check(body, door.FIELDS_BY_KIND["answer"], errors, self.schema)
        if door_refusal is not None or errors:
            return door_refusal or refused(errors, self.schema, body)
        followup_id = UUID(body["followup_id"])
        question = self._question(principal, followup_id)
        if question is None:
            return refused({"followup_id": [NO_SUCH_FOLLOWUP]})
        encounter_id, department_id = question
        return Checked(record=AnswerRecord(followup_id, encounter_id, department_id, body["text"],
                                           parse_moment(body["answered_at"])))

    def _question(self, principal: Principal, followup_id: UUID) -> tuple[UUID, int] | None:
        """Return (report id, department id) of a follow-up on the principal's own report, or None."""
        if followup_id not in self._questions:
            row = db.session.execute(
                scoped(FollowUp, principal).with_only_columns(FollowUp.encounter_id, Encounter.department_id)
                .join(Encounter, Encounter.id == FollowUp.encounter_id)
                .where(FollowUp.id == followup_id, Encounter.reporter_id == principal.user_id)).first()
            self._questions[followup_id] = tuple(row) if row is not None else None
        return self._questions[followup_id]


def answered_questions(records: list[AnswerRecord]) -> None:
    """Tell the reporter's phones, through pull, that these questions now have their answer.

    The question's latest ``message`` change again, with ``answered_at`` (when the answer that stands was
    written): a phone that syncs from scratch (signed in again, or another phone) then shows it answered
    instead of an empty answer box, and stops counting it. The answer's words stay on the phone that wrote
    them and on the desk (docs/decisions.md).
    """
    answered_at = {record.followup_id: record.answered_at for record in records}
    if not answered_at:
        return
    carried = db.session.scalars(select(ChangeLogEntry).where(
        ChangeLogEntry.kind == "message", ChangeLogEntry.entity_id.in_([str(i) for i in answered_at]))
        .order_by(ChangeLogEntry.seq)).all()
    last = {change.entity_id: change for change in carried}
    for followup_id, moment in sorted(answered_at.items()):
        change = last.get(str(followup_id))
        if change is not None:
            record_change("message", followup_id, {**change.data, "answered_at": iso_time(moment)},
                          department_id=change.department_id, recipient_id=change.recipient_id)
