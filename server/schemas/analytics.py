"""Query strings of the analytics endpoints, and the table they answer with."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from encounter.field_message import coded
from server.analytics import SKIP_GROUPS, TIMING_GROUPS
from server.schemas.fields import LARGEST_ID, Choice, Day, Text


def _version_id(description: str, **kwargs):
    """A checklist version id in a query string."""
    return fields.Integer(validate=validate.Range(1, LARGEST_ID, error="not a checklist version id"),
                          metadata={"description": description}, **kwargs)


class AnalyticsQuerySchema(Schema):
    """Filters every analytics table takes; codes, not database ids, for department and site."""

    class Meta:
        unknown = RAISE

    department = Text(40, min_length=1, metadata={"description": "department code (citywide viewers)"})
    site = Text(80, min_length=1, metadata={"description": "site code"})
    from_ = Day(data_key="from", metadata={"description": "first day (city time), on started_at; widened to its "
                                                          "ISO week's Monday"})
    to = Day(metadata={"description": "last day (city time), inclusive; widened to its ISO week's Sunday"})
    version = _version_id("checklist version id (GET /analytics/versions lists them)")

    @validates_schema
    def _period(self, data, **_kwargs):
        if data.get("from_") and data.get("to") and data["from_"] > data["to"]:
            raise ValidationError(coded("before_start", "the period ends before it starts", start="from"), "to")


class TimingsQuerySchema(AnalyticsQuerySchema):
    """Filters, and how to group the timings."""

    by = Choice(TIMING_GROUPS, load_default="total")


class CriticalSkipsQuerySchema(AnalyticsQuerySchema):
    """Filters, and how to group the reports."""

    by = Choice(SKIP_GROUPS, load_default="site")


class CompareQuerySchema(AnalyticsQuerySchema):
    """Filters, and the two versions to put side by side."""

    class Meta:
        exclude = ("version",)

    a = _version_id("the version on the left", required=True)
    b = _version_id("the version on the right", required=True)


class TableSchema(Schema):
    """One analytics table; the .csv form has the same columns and rows."""

    columns = fields.List(fields.String())
    rows = fields.List(fields.Dict())
    filters = fields.Dict(metadata={"description": "the query, as asked"})
    period = fields.Dict(metadata={"description": "the period answered: whole ISO weeks, Monday to Sunday (from, to)"})
    total = fields.Dict(metadata={"description": "critical-skips: over all rows"})
    reports = fields.Integer(metadata={"description": "steps: reports covered"})
    a = fields.Integer()
    b = fields.Integer()


class VersionRefSchema(Schema):
    """A published checklist version as analytics names it: no title, no steps, no one's name."""

    id = fields.Integer()
    department = fields.String(metadata={"description": "its checklist's department code"})
    number = fields.Integer()
    published_at = fields.DateTime()
    published_on = fields.Date(metadata={"description": "the day it was published, in City (Los Angeles) time"})
    retired = fields.Boolean()


class VersionListSchema(Schema):
    """Every published version the reader's analytics can be narrowed to (GET /analytics/versions)."""

    versions = fields.List(fields.Nested(VersionRefSchema))
