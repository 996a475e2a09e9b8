"""Schemas of the Mayor's Office cross-tab and quarterly report (issue 12)."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from encounter.disclosure import ARRIVED_BANDS, FIRST_QUARTER, before_first_quarter
from encounter.field_message import coded
from server.reports.pivot import DIMENSIONS
from server.schemas.fields import Text
from server.schemas.reports import PeriodQuerySchema


class CrosstabQuerySchema(PeriodQuerySchema):
    """Two dimensions of the aggregate, for rows and columns, over a period."""

    rows = fields.String(required=True, validate=validate.OneOf(DIMENSIONS))
    columns = fields.String(required=True, validate=validate.OneOf(DIMENSIONS))


class CrosstabSchema(Schema):
    """Reports counted by two dimensions: one [row value, column value, reports] per non-empty cell."""

    rows = fields.String()
    columns = fields.String()
    cells = fields.List(fields.List(fields.Raw()))
    dimensions = fields.List(fields.String(), metadata={"description": "every dimension rows and columns may name"})


class FirstQuarterSchema(Schema):
    """A quarter from the first of the City's reporting on (``encounter.disclosure.FIRST_QUARTER``)."""

    @validates_schema
    def _from_first_quarter(self, data, **_kwargs):
        if "year" in data and "quarter" in data and before_first_quarter(data["year"], data["quarter"]):
            year, quarter = FIRST_QUARTER
            raise ValidationError(coded("not_allowed", f"the City's quarterly reports start with {year} Q{quarter} "
                                                       "(Executive Directive 12, July 2025)"), "quarter")


class QuarterQuerySchema(FirstQuarterSchema):
    """A calendar quarter, and optionally one department."""

    class Meta:
        unknown = RAISE

    year = fields.Integer(required=True, strict=False, validate=validate.Range(2000, 2100))
    quarter = fields.Integer(required=True, strict=False, validate=validate.Range(1, 4))
    department = Text(16, load_default=None, metadata={"description": "department code; citywide viewers"})
    live = fields.Boolean(load_default=False, metadata={
        "description": "the tables as computed now, even when the quarter was published (never the published ones)"})


class PublishQuarterSchema(FirstQuarterSchema):
    """Publish a quarter's citywide report: the one shown, named by the digest the desk was given with it."""

    class Meta:
        unknown = RAISE

    year = fields.Integer(required=True, strict=True, validate=validate.Range(2000, 2100))
    quarter = fields.Integer(required=True, strict=True, validate=validate.Range(1, 4))
    digest = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}\Z"), metadata={
        "description": "the `digest` of the citywide report shown; 409 changed_since_shown when it changed since"})


class QuarterlySchema(Schema):
    """The publishable quarterly report: counts from 1 to 4 are withheld (``suppressed`` is the one mark), and none
    is recoverable from totals."""

    year = fields.Integer()
    quarter = fields.Integer()
    from_ = fields.String(data_key="from")
    to = fields.String()
    minimum = fields.Integer()
    suppressed = fields.String()
    tables = fields.List(fields.Dict())
    status = fields.String(validate=validate.OneOf(("published", "live")), metadata={"description": "`published`: the snapshot the City published; `live`: computed "
                                                    "now, not published"})
    ended = fields.Boolean(metadata={"description": "the quarter is over in City time (it can be published)"})
    digest = fields.String(allow_none=True, metadata={"description": "names these citywide tables when publishing; "
                                                                     "null for one department's"})
    published_at = fields.String(allow_none=True, metadata={"description": "when the quarter was published; null if "
                                                                           "never"})
    published_by = fields.String(allow_none=True, metadata={
        "description": "who published it, for the roles that read staff names; null for the others"})
    arrived_since = fields.String(allow_none=True, validate=validate.OneOf([band for _, band in ARRIVED_BANDS]), metadata={
        "description": "reports of the quarter (and department) that arrived after it was published, as a band: "
                       "none, 1-4, 5-9 or 10+; null if never published"})
