"""Checklist drafts as trainers send them, and checklists and versions as the desk reads them.

Every text is a set of translations: English and Spanish required, the field app's other
languages optional, any other key refused. Messages name the field in plain words, since a
trainer, not a programmer, reads them next to the step they typed. Every text is stored with a
word joiner after each form number's hyphen (``encounter/form_numbers.py``), so no phone breaks
"I-200" across lines whatever the trainer typed.
"""
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from encounter import form_numbers
from encounter.field_message import coded
from encounter.vocabulary import STEP_ID_MAX
from server.checklists import (
    GUIDE_MAX, LANGUAGES, MAX_STEPS, REQUIRED_LANGUAGES, STEP_TEXT_MAX, TITLE_MAX, content_problems,
)
from server.checklists.content import LANGUAGE_NAMES, STEP_ID, joined
from server.schemas.fields import NO_NUL, Bool, not_blank


class TypedLength(validate.Length):
    """A length limit counting what the trainer typed: the word joiners the server adds are not theirs."""

    def __call__(self, value):
        super().__call__(form_numbers.without_joiners(value) if isinstance(value, str) else value)
        return value


def _translations(name: str, max_length: int) -> type[Schema]:
    """A schema of one text in every app language, English and Spanish required."""
    def field(lang: str):
        required = lang in REQUIRED_LANGUAGES
        return fields.String(
            required=required, allow_none=False,
            validate=[TypedLength(max=max_length, error=f"{LANGUAGE_NAMES[lang]} text may be at most "
                                                         f"{max_length} characters"), NO_NUL, not_blank],
            error_messages={"required": f"{LANGUAGE_NAMES[lang]} text is required",
                            "null": f"{LANGUAGE_NAMES[lang]} text is required" if required
                            else coded("not_allowed", "leave it out instead")})

    schema = Schema.from_dict({lang: field(lang) for lang in LANGUAGES}, name=name)
    schema.Meta.unknown = RAISE
    schema.error_messages = {"unknown": f"not a language of the app; use {', '.join(LANGUAGES)}"}
    schema.__doc__ = f"One text per language ({', '.join(LANGUAGES)}); en and es required."
    return schema


TitleText = _translations("TitleText", TITLE_MAX)
StepText = _translations("StepText", STEP_TEXT_MAX)
GuideText = _translations("GuideText", GUIDE_MAX)


class StepSchema(Schema):
    """One step: a stable id, its text, whether it is time-critical, and an optional guide."""

    class Meta:
        unknown = RAISE

    id = fields.String(required=True, validate=[
        validate.Length(min=1, max=STEP_ID_MAX, error=f"a step id is 1 to {STEP_ID_MAX} characters"),
        validate.Regexp(STEP_ID, error=coded("slug", "use lower-case letters, digits and single hyphens, "
                                                       "e.g. 'call-site-lead'"))],
        error_messages={"required": "every step needs an id"})
    text = fields.Nested(StepText, required=True, error_messages={"required": "every step needs its text"})
    time_critical = Bool(required=True, error_messages={"required": "say whether the step is time-critical",
                                                        "invalid": "must be true or false"})
    guide = fields.Nested(GuideText, allow_none=True, load_default=None)
    # Issue 11: what the step captures in place and whom it calls (checked by content_problems).
    capture = fields.String(load_default=None, error_messages={"invalid": "must be a word, e.g. 'note'"})
    field = fields.String(load_default=None, error_messages={"invalid": "must be the name of a report field"})
    call = fields.List(fields.String(error_messages={"invalid": "must be a contact, e.g. 'site_lead'"}),
                       load_default=None, error_messages={"invalid": "must be a list of contacts, e.g. [\"site_lead\"]"})


class LoadedSchema(Schema):
    """What the editor loaded, for optimistic concurrency (publishing.check_loaded): a save or publish made on an
    older copy is 409 ``draft_changed`` or ``published_since``. A client sending neither field is not checked."""

    class Meta:
        unknown = RAISE

    revision = fields.String(allow_none=True, validate=validate.Length(max=64), metadata={
        "description": "the draft's `revision` as loaded (null: there was no draft)"})
    base_version_id = fields.Integer(allow_none=True, strict=True, metadata={
        "description": "the draft's `base_version_id` as loaded"})


def loaded_of(data: dict) -> dict | None:
    """What the client said it loaded (a missing field read as null), or None when it sent neither field."""
    sent = {name: data[name] for name in ("revision", "base_version_id") if name in data}
    return {"revision": None, "base_version_id": None, **sent} if sent else None


class PublishInSchema(LoadedSchema):
    """Publishing's body (optional): what the editor loaded; other fields are ignored (a role or scope refusal
    comes first, whatever the body)."""

    class Meta:
        unknown = EXCLUDE

    @post_load
    def _loaded(self, data, **_kwargs):
        return {"loaded": loaded_of(data)}


class DraftInSchema(LoadedSchema):
    """A checklist draft as a trainer saves it: the title and the steps, in order."""

    title = fields.Nested(TitleText, required=True, error_messages={"required": "the checklist needs a title"})
    steps = fields.List(fields.Nested(StepSchema), required=True, validate=validate.Length(
        min=1, max=MAX_STEPS, error=f"a checklist has 1 to {MAX_STEPS} steps"),
        error_messages={"required": "the checklist needs its steps"})

    @validates_schema
    def _whole_checklist(self, data, **_kwargs):
        problems = content_problems(data)
        if problems:
            raise ValidationError(problems)

    @post_load
    def _canonical(self, data, **_kwargs):
        """Key order, an absent guide and a form number's joiner never make two equal checklists differ
        (publishing compares hashes); every text leaves here with its form numbers joined."""
        return {**joined({"title": data["title"], "steps": [_canonical_step(s) for s in data["steps"]]}),
                "loaded": loaded_of(data)}


def _canonical_step(step: dict) -> dict:
    """A step in its stored shape; the in-place attributes appear only when set, so a step without any
    keeps the hash it had before they existed."""
    out = {"id": step["id"], "time_critical": step["time_critical"], "text": step["text"], "guide": step["guide"]}
    out.update({name: step[name] for name in ("capture", "field", "call") if step.get(name) is not None})
    return out


class _PublishedSchema(Schema):
    """What every answer says of a published version: number, when, whether retired."""

    id = fields.Integer()
    number = fields.Integer()
    published_at = fields.AwareDateTime()
    retired_at = fields.AwareDateTime(allow_none=True)
    retired = fields.Boolean()


class VersionSummarySchema(_PublishedSchema):
    """A published version as listed, with the server's answers the desk shows (it repeats no rule of its own)."""

    running = fields.Boolean(metadata={"description": "phones start new encounters on this version "
                                                      "(the checklist's highest-numbered one not retired)"})
    retirable = fields.Boolean(metadata={"description": "retiring it now would be done: it is not retired and another "
                                                        "version stays in use (false for the only one phones can use; "
                                                        "retiring it is refused with reason only_active_version)"})


class VersionSchema(_PublishedSchema):
    """A published version with its content, for preview and comparison."""

    checklist_id = fields.Integer()
    checklist_key = fields.Function(lambda v: v.checklist.key)
    department = fields.Function(lambda v: v.checklist.department.code)
    title = fields.Dict()
    steps = fields.List(fields.Dict())


class ChecklistSchema(Schema):
    """A checklist with its versions, newest first, and whether a draft is being edited."""

    id = fields.Integer()
    key = fields.String()
    department = fields.Dict(metadata={"description": "{code, name}"})
    versions = fields.List(fields.Nested(VersionSummarySchema))
    has_draft = fields.Boolean()


class DraftSchema(Schema):
    """The working copy (or, without one, the running version's content as a starting point)."""

    checklist_id = fields.Integer()
    exists = fields.Boolean(metadata={"description": "false: no draft saved yet; this is the running version's content"})
    title = fields.Dict()
    steps = fields.List(fields.Dict())
    base_version_id = fields.Integer(allow_none=True)
    stale = fields.Boolean(metadata={"description": "a version was published after this draft was started"})
    updated_at = fields.AwareDateTime(allow_none=True)
    revision = fields.String(allow_none=True, metadata={
        "description": "changes with every save (null: no draft); send it back with `base_version_id` on PUT and publish"})
