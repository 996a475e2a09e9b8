"""Schemas of the desk's report endpoints: the queue's query and page, one report, the aggregate."""
import base64
import binascii
import uuid
from datetime import datetime, timezone

import orjson
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from encounter.triage import RELEASES, TRIAGE_STATES
from encounter.views import QUEUE_PAGE
from encounter.vocabulary import AGENCIES, AREA_TYPES, DOCUMENT_TYPES, SEARCH_TEXT_MAX
from encounter.field_message import coded
from server.schemas.fields import Day, Text
from server.schemas.retention import RetentionStateSchema

STATUS_FILTERS = ("open", *TRIAGE_STATES)


class Cursor(fields.Field):
    """The queue's opaque keyset cursor: the (priority, received_at, id) of the last item shown.

    For a role that may not read the priority (``encounter.views.reads_priority``) its queue is by time alone, and
    the cursor is (received_at, id): base64 is no seal, and a priority in it would be read. Loaded as
    ``(None, received_at, id)``; the queue refuses a cursor of the other order (``queue.ForeignCursor``).
    """

    default_error_messages = {"invalid": "is not a cursor this server gave out; start again from the first page"}

    @staticmethod
    def encode(priority: int | None, received_at: datetime, report_id) -> str:
        """Return the cursor placed after a queue item (``priority`` None: a queue by time alone)."""
        keys = [received_at.isoformat(), str(report_id)]
        raw = orjson.dumps(keys if priority is None else [priority, *keys])
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or len(value) > 200:
            raise self.make_error("invalid")
        try:
            keys = orjson.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
            priority, received, rid = keys if len(keys) == 3 else (None, *keys)  # two keys: by time alone
            moment = datetime.fromisoformat(received)
            if len(keys) == 3 and (type(priority) is not int or not 1 <= priority <= 3) or moment.tzinfo is None:
                raise ValueError
            return priority, moment.astimezone(timezone.utc), uuid.UUID(rid)
        except (binascii.Error, orjson.JSONDecodeError, ValueError, TypeError, AttributeError, OverflowError):
            raise self.make_error("invalid") from None

    def _jsonschema_type_mapping(self):
        return {"type": "string"}


class PeriodQuerySchema(Schema):
    """A period of encounter start dates (inclusive days, in the city's time zone) and a department."""

    class Meta:
        unknown = RAISE

    from_ = Day(data_key="from", load_default=None, metadata={"description": "first day, on started_at"})
    to = Day(load_default=None, metadata={"description": "last day (inclusive), on started_at"})
    department = Text(16, load_default=None, metadata={"description": "department code; citywide viewers"})

    @validates_schema
    def _ordered(self, data, **kwargs):
        """Refuse an empty period."""
        if data.get("from_") and data.get("to") and data["to"] < data["from_"]:
            raise ValidationError({"to": [coded("before_start", "must not be before from", start="from")]})


class QueueQuerySchema(PeriodQuerySchema):
    """Filters and position of the liaison queue."""

    status = fields.List(fields.String(validate=validate.OneOf(STATUS_FILTERS)), load_default=lambda: ["open"],
                         metadata={"description": "repeatable; open = every state but closed"})
    priority = fields.List(fields.Integer(strict=False, validate=validate.Range(1, 3)), load_default=list, metadata={
        "description": "repeatable; ignored for a role that does not read the priority (field employees)"})
    site = Text(40, load_default=None, metadata={"description": "site code"})
    agency = fields.String(load_default=None, validate=validate.OneOf(AGENCIES))
    assigned = fields.String(load_default=None, validate=validate.OneOf(("me", "none")), metadata={
        "description": "ignored for a role that does not read the triage (field employees)"})
    q = Text(SEARCH_TEXT_MAX, load_default=None, metadata={"description": "text search over the report's free text"})
    city_assistance = fields.Boolean(load_default=None, metadata={
        "description": "true: only reports where City staff or City resources helped the agents (violations ledger)"})
    limit = fields.Integer(load_default=QUEUE_PAGE["default"], validate=validate.Range(1, QUEUE_PAGE["max"]))
    after = Cursor(load_default=None, metadata={"description": "the previous page's next"})


class AggregateQuerySchema(PeriodQuerySchema):
    """The aggregate report's period and department."""


class AggregateCsvQuerySchema(PeriodQuerySchema):
    """The aggregate as CSV: one of its two tables."""

    table = fields.String(load_default="weeks", validate=validate.OneOf(("weeks", "by_agency")))


class SiteRefSchema(Schema):
    """A site as the desk names it."""

    code = fields.String()
    name = fields.String()
    facility_type = fields.String()


class PersonRefSchema(Schema):
    """A city user, by id and display name; both null for a role that reads no names (the Mayor's Office)."""

    id = fields.Integer(allow_none=True)
    name = fields.String(allow_none=True)


class GroupSummarySchema(Schema):
    """Likely duplicates of a report: how many reports the group holds, and whether every pair is decided."""

    size = fields.Integer()
    decided = fields.Boolean()


class QueueItemSchema(Schema):
    """One report in the queue."""

    id = fields.UUID()
    department = fields.String(metadata={"description": "department code"})
    site = fields.Nested(SiteRefSchema)
    priority = fields.Integer(validate=validate.Range(1, 3), allow_none=True,
                              metadata={"description": "1 (minutes) to 3; null for field users, who never see triage "
                                                       "(nor assigned_to: null for them whoever is assigned)"})
    priority_rule = fields.String(allow_none=True)
    priority_reason = fields.String(allow_none=True)
    status = fields.String(validate=validate.OneOf(TRIAGE_STATES))
    assigned_to = fields.Nested(PersonRefSchema, allow_none=True)
    started_at = fields.AwareDateTime()
    received_at = fields.AwareDateTime()
    agencies = fields.List(fields.String(validate=validate.OneOf(AGENCIES)))
    document_type = fields.String(validate=validate.OneOf(DOCUMENT_TYPES))
    area_type = fields.String(validate=validate.OneOf(AREA_TYPES))
    photo_count = fields.Integer()
    open_questions = fields.Integer(metadata={"description": "follow-up questions without an answer yet"})
    group = fields.Nested(GroupSummarySchema, allow_none=True)
    flags = fields.List(fields.String(), metadata={"description": "possible_sensitive_text"})


# Reports per triage status for the same filters (status aside): one count per state of the core's table.
StatusCountsSchema = Schema.from_dict({state: fields.Integer() for state in TRIAGE_STATES}, name="StatusCountsSchema")


class QueuePageSchema(Schema):
    """A page of the queue."""

    items = fields.List(fields.Nested(QueueItemSchema))
    counts = fields.Nested(StatusCountsSchema, allow_none=True, metadata={
        "description": "reports per status for the same filters except status; on the first page only, "
                       "null on a page asked for with after"})
    counts_capped = fields.Boolean(metadata={
        "description": "true when a text search matched more reports than QUEUE_SEARCH_COUNT_CAP: the counts "
                       "were taken over that many and are lower bounds"})
    next = fields.String(allow_none=True, metadata={
        "description": "cursor of the next page, or null at the end; opaque, and never holding what the role may "
                       "not read (a field user's queue is by time alone, newest received first)"})
    polled_at = fields.AwareDateTime()


class TimelineStepSchema(Schema):
    """One step of the checklist version as run in this encounter."""

    step_id = fields.String()
    position = fields.Integer()
    text = fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": "per language"})
    time_critical = fields.Boolean()
    result = fields.String(allow_none=True, metadata={"description": "done, skipped, not_applicable; null if never reached"})
    at = fields.AwareDateTime(allow_none=True)
    seconds_from_start = fields.Integer(allow_none=True)
    critical_missed = fields.Boolean(metadata={"description": "a time-critical step skipped or never reached"})


class PhotoSchema(Schema):
    """A photo the report references; bytes at GET /blobs/<sha256> once uploaded."""

    sha256 = fields.String()
    type = fields.String()
    size = fields.Integer()
    uploaded = fields.Boolean()


class SensitiveFieldSchema(Schema):
    """A free-text field that looks like it holds what must never be collected."""

    field = fields.String()
    kinds = fields.List(fields.String())


class SensitiveTextSchema(SensitiveFieldSchema):
    """A text beside the body (note, question, answer, a move's reason or resolution) that looks like it holds
    what must never be collected: named as ``POST /reports/<id>/redactions`` names it, never its words."""

    target = fields.String(metadata={"description": "note, question, answer or triage"})
    id = fields.String(metadata={"description": "the text's id, as the redaction takes it"})


class TriageEventSchema(Schema):
    """One triage change."""

    id = fields.UUID(metadata={"description": "the move's id for a redaction of its reason or resolution "
                                              "(derived with the server's key; says nothing of other moves)"})
    at = fields.AwareDateTime()
    actor = fields.Nested(PersonRefSchema, allow_none=True)
    action = fields.String()
    from_value = fields.String(allow_none=True)
    to_value = fields.String(allow_none=True)
    details = fields.Dict()


class InternalNoteSchema(Schema):
    """An internal note."""

    id = fields.UUID()
    at = fields.AwareDateTime()
    author = fields.Nested(PersonRefSchema, allow_none=True)
    text = fields.String()


class AnswerSchema(Schema):
    """The reporter's answer to a follow-up."""

    id = fields.UUID()
    text = fields.String()
    answered_at = fields.AwareDateTime()
    received_at = fields.AwareDateTime()
    flags = fields.List(fields.String(), metadata={"description": "possible_sensitive_text when the answer looks "
                                                                "like data that must never be collected"})


class FollowUpSchema(Schema):
    """A follow-up question with its answers."""

    id = fields.UUID()
    question = fields.String()
    asked_at = fields.AwareDateTime()
    asked_by = fields.Nested(PersonRefSchema, allow_none=True)
    answers = fields.List(fields.Nested(AnswerSchema))


class GroupMemberSchema(Schema):
    """Another report of the same site within the window, with the decision on the pair."""

    id = fields.UUID()
    started_at = fields.AwareDateTime()
    received_at = fields.AwareDateTime()
    priority = fields.Integer()
    status = fields.String()
    decision = fields.String(allow_none=True, validate=validate.OneOf(("same", "different")))


class GroupSchema(GroupSummarySchema):
    """Likely duplicates of a report."""

    members = fields.List(fields.Nested(GroupMemberSchema))


class AuditWhereSchema(Schema):
    """Which text a redaction took words from; never the words."""

    target = fields.String(metadata={"description": "body, note, question, answer or triage"})
    id = fields.String(allow_none=True, metadata={"description": "the note's, question's, answer's or move's id; "
                                                                 "null for the body"})
    field = fields.String(allow_none=True)


class AuditItemSchema(Schema):
    """One audit entry about this report or its follow-ups."""

    at = fields.AwareDateTime()
    action = fields.String()
    actor = fields.Nested(PersonRefSchema, allow_none=True)
    device_id = fields.UUID(allow_none=True)
    device_name = fields.String(allow_none=True, metadata={
        "description": "the device's name as it signed in (as the admin's device list shows it); only for a device "
                       "the reader may see: an admin every device, anyone else their own"})
    entity_type = fields.String()
    entity_id = fields.String()
    where = fields.Nested(AuditWhereSchema, metadata={"description": "a redaction's text (report.redact only)"})
    released = fields.String(metadata={
        "description": "triage.assign only: the assignment ended with no liaison moving it, and why (a code: "
                       f"{', '.join(RELEASES)})"})


class ChecklistRefSchema(Schema):
    """The checklist version the encounter ran."""

    version_id = fields.Integer()
    number = fields.Integer()
    title = fields.Dict(keys=fields.String(), values=fields.String())


class DepartmentRefSchema(Schema):
    """A department by code and name."""

    code = fields.String()
    name = fields.String()


class DepartmentListItemSchema(DepartmentRefSchema):
    """A department for the desk's lists: its name in English and in every UI language it has."""

    names = fields.Dict(keys=fields.String(), values=fields.String(),
                        metadata={"description": "the name per language code (en, es, ko, zh, hy, tl, fa, ru, vi)"})


class ReportDetailSchema(Schema):
    """One report. Field employees get the body, steps, photos and follow-ups of their own reports only."""

    id = fields.UUID()
    department = fields.Nested(DepartmentRefSchema)
    site = fields.Nested(SiteRefSchema)
    status = fields.String()
    received_at = fields.AwareDateTime()
    body = fields.Dict(metadata={"description": "the report exactly as received (see the push item body)"})
    withheld_fields = fields.List(fields.String(), metadata={
        "description": "body fields this role may not read of this report (left out of body whether given or not)"})
    checklist = fields.Nested(ChecklistRefSchema)
    steps = fields.List(fields.Nested(TimelineStepSchema))
    time_critical_missed = fields.Integer(metadata={"description": "time-critical steps skipped or never reached"})
    photos = fields.List(fields.Nested(PhotoSchema))
    followups = fields.List(fields.Nested(FollowUpSchema))
    followups_withheld = fields.Integer(metadata={
        "description": "questions on the report whose words this role may not read (left out of followups)"})
    # Desk only:
    priority = fields.Integer()
    priority_rule = fields.String(allow_none=True)
    priority_reason = fields.String(allow_none=True)
    assigned_to = fields.Nested(PersonRefSchema, allow_none=True)
    assignable = fields.List(fields.Nested(PersonRefSchema), metadata={
        "description": "liaisons this report may be assigned to (for liaisons only)"})
    resolution = fields.String(allow_none=True)
    flags = fields.List(fields.String())
    sensitive_fields = fields.List(fields.Nested(SensitiveFieldSchema))
    sensitive_texts = fields.List(fields.Nested(SensitiveTextSchema), metadata={
        "description": "texts beside the body the role reads that look sensitive (flagged when read)"})
    triage = fields.List(fields.Nested(TriageEventSchema))
    notes = fields.List(fields.Nested(InternalNoteSchema))
    group = fields.Nested(GroupSchema, allow_none=True)
    audit = fields.List(fields.Nested(AuditItemSchema))
    retention = fields.Nested(RetentionStateSchema, metadata={"description": "desk roles: legal hold, erasure"})


class AgencyRowSchema(Schema):
    """Reports per ISO week, department, agency and document type (a report naming two agencies counts under each)."""

    week = fields.String(metadata={"description": "ISO week of started_at in the city's time zone, e.g. 2026-W47"})
    department = fields.String()
    agency = fields.String()
    document_type = fields.String()
    reports = fields.Integer()


class MeasuresSchema(Schema):
    """Counts over a set of reports."""

    reports = fields.Integer()
    non_public_with_judicial_warrant = fields.Integer()
    non_public_without_judicial_warrant = fields.Integer()
    detained = fields.Integer(metadata={"description": "sum of the people detained"})
    force = fields.Integer()
    injuries = fields.Integer()
    children = fields.Integer()
    staging = fields.Integer()
    masks = fields.Integer()
    median_minutes_to_liaison = fields.Float(allow_none=True)
    arrests = fields.Integer(metadata={"description": "reports with an arrest made or anyone detained"})
    identification_refused = fields.Integer()
    no_visible_identification = fields.Integer()
    records_or_information_demanded = fields.Integer()
    consent_asked = fields.Integer()
    consent_refused = fields.Integer()
    entered_over_objection = fields.Integer()
    weapons_shown = fields.Integer()
    city_assistance = fields.Integer(metadata={"description": "violations ledger: City staff or resources helped"})
    escalated_to_mayor_office = fields.Integer()
    median_minutes_to_mayor_office = fields.Float(allow_none=True)


class WeekRowSchema(MeasuresSchema):
    """Measures per ISO week and department."""

    week = fields.String()
    department = fields.String()


class AggregateSchema(Schema):
    """The Mayor's Office aggregate: counts only, never names."""

    by_agency = fields.List(fields.Nested(AgencyRowSchema))
    weeks = fields.List(fields.Nested(WeekRowSchema))
    totals = fields.Nested(MeasuresSchema)
    generated_at = fields.AwareDateTime()
