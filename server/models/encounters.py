"""Encounters (the report, keyed by the client's UUID) and their per-step checklist results.

The body exactly as received is kept (it is what the receipt's hash covers); the
fields the queue and the statistics filter on are also columns, so no query has to
dig through JSON.
"""
import uuid

from sqlalchemy import (
    false as sa_false, Boolean, ForeignKey, Index, Integer, PrimaryKeyConstraint, SmallInteger, String, Text, Uuid,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from encounter.triage import TRIAGE_STATES  # noqa: F401  (re-exported for the models' readers)
from encounter.city import ZONE as CITY_ZONE
from server.extensions import db
from server.models.types import Json, UtcDateTime


# Columns the aggregate's measures added by issue 12 read (ix_encounters_aggregate covers them; migration 0011).
AGGREGATE_MEASURE_COLUMNS = ("area_type", "outcome", "identification_refused", "visible_identification", "requested",
                             "consent_asked", "consent_refused", "entered_over_objection", "weapons_shown",
                             "city_assistance", "mayor_office_notified_at")
# The aggregate's index (migration 0015): its key, the week, as the aggregate's query spells it.
AGGREGATE_WEEK_KEY = f"date_trunc('week'::text, timezone('{CITY_ZONE}'::text, started_at))"
AGGREGATE_INCLUDE = ["started_at", "agencies", "non_public_entered", "detained_count", "force_used", "injuries",
                     "minors_present", "staging", "masks", "liaison_notified_at", *AGGREGATE_MEASURE_COLUMNS]


class Encounter(db.Model):
    """One report of federal immigration activity on city property."""

    __tablename__ = "encounters"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    # No index of its own: ix_encounters_site_started starts with it (migration 0016).
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    # Indexed: a field user's reports are their whole scope (server/access.py).
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    # Indexed: analytics of one checklist version (bench/analytics.py, "steps (one version)").
    checklist_version_id: Mapped[int] = mapped_column(ForeignKey("checklist_versions.id"), index=True)
    schema_version: Mapped[int] = mapped_column(SmallInteger)
    # On PostgreSQL compressed with lz4, not pglz (migration 0018: every body is long enough to be compressed).
    body: Mapped[dict] = mapped_column(Json)
    sha256: Mapped[str] = mapped_column(String(64))
    received_at = mapped_column(UtcDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="new")
    # Structured copies of the body's fields that queues and statistics filter on.
    area_type: Mapped[str] = mapped_column(String(20))
    started_at = mapped_column(UtcDateTime, nullable=False)
    ended_at = mapped_column(UtcDateTime, nullable=True)
    agencies: Mapped[list] = mapped_column(Json)
    document_type: Mapped[str] = mapped_column(String(30))
    agent_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detained_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    non_public_entered: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    minors_present: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    force_used: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    injuries: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    masks: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    liaison_notified_at = mapped_column(UtcDateTime, nullable=True)
    staging: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # Issue 12 (migration 0011): what the Mayor's Office aggregate counts, and the violations ledger.
    outcome: Mapped[str | None] = mapped_column(String(30), nullable=True)
    stated_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    vehicle_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    visible_identification: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    identification_refused: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_asked: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_refused: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    entered_over_objection: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    weapons_shown: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    city_assistance: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    city_assistance_kinds: Mapped[list | None] = mapped_column(Json, nullable=True)
    requested: Mapped[list | None] = mapped_column(Json, nullable=True)
    # Set from the body if the phone says so, else when a liaison escalates (server/reports/triage.py).
    mayor_office_notified_at = mapped_column(UtcDateTime, nullable=True)
    # Triage, computed on the server at ingest (rules are data: encounter/priority_rules.json).
    priority: Mapped[int] = mapped_column(SmallInteger, default=3, server_default="3")
    priority_rule: Mapped[str | None] = mapped_column(String(60), nullable=True)
    # Lower-cased free text of the report, for the queue's text search.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # No index of its own: the queue filters on it inside a department (migration 0017).
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    status_changed_at = mapped_column(UtcDateTime, nullable=True)
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Retention (migration 0006): a legal hold stops erasure; erased_at says the free text and photos went.
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    legal_hold_at = mapped_column(UtcDateTime, nullable=True)
    erased_at = mapped_column(UtcDateTime, nullable=True)
    # Indexes last: the queue's are in descending order, so they name the columns above. Every push
    # writes each of them: one is declared only for a query that uses it (migrations 0016, 0017).
    __table_args__ = (
        # Likely duplicates: the same site within a short window.
        Index("ix_encounters_site_started", "site_id", "started_at"),
        # The queue's order (migration 0004): priority ascending, newest received first, id, so a
        # first page is one index range per department, and citywide.
        Index("ix_encounters_queue_order", department_id, priority, received_at.desc(), id.desc()),
        Index("ix_encounters_queue_citywide", priority, received_at.desc(), id.desc()),
        # Counts per status of a department's queue without filters, from this small index alone.
        Index("ix_encounters_department_status", "department_id", "status"),
        # Counts per status under any filter of the queue, index-only: every filterable column is in it.
        Index("ix_encounters_queue_counts", "department_id", "priority", "status", postgresql_include=[
            "site_id", "agencies", "assigned_to_id", "started_at", "search_text"]),
        # The aggregate (migration 0015): reports in the order it groups them (the ISO week of the start
        # in the city's time, as server/reports/aggregate.py's _week_key spells it; department; document
        # type), every measure's column included: one index-only scan, no sort, and statistics on the week.
        # PostgreSQL only (SQLite has neither the functions nor the need).
        Index("ix_encounters_aggregate", literal_column(AGGREGATE_WEEK_KEY), "department_id", "document_type",
              postgresql_include=AGGREGATE_INCLUDE).ddl_if(dialect="postgresql"),
        # Trigram index for LIKE '%…%' on PostgreSQL; on SQLite an empty placeholder (WHERE 0: no
        # rows, no cost) so one metadata describes both migrated schemas.
        Index("ix_encounters_search_trgm", "search_text", postgresql_using="gin",
              postgresql_ops={"search_text": "gin_trgm_ops"}, sqlite_where=literal_column("0")),
    )


class StepResult(db.Model):
    """One checklist step's outcome in one encounter, time-stamped on the device."""

    __tablename__ = "step_results"
    __table_args__ = (
        # Filtered analytics join the kept encounters to their step results: index-only per encounter,
        # on PostgreSQL from the primary key itself (migration 0018: one B-tree fewer for every step
        # result pushed), on SQLite, whose primary key cannot include columns, from an index of its own
        # (on PostgreSQL an empty placeholder, WHERE false: no rows, so one metadata describes both schemas).
        PrimaryKeyConstraint("encounter_id", "step_id", postgresql_include=["result", "seconds_from_start"]),
        Index("ix_step_results_encounter_results", "encounter_id", "step_id", "result", "seconds_from_start",
              postgresql_where=literal_column("false")),
        # Completion analytics (migration 0005). The step histogram (step, result, seconds) for a
        # viewer who sees every report with no filter: an index-only scan already in group order.
        Index("ix_step_results_histogram", "step_id", "result", "seconds_from_start"),
        # Critical skips: the few skipped results, semi-joined to the covered encounters.
        Index("ix_step_results_skipped", "encounter_id", "step_id", postgresql_where=db.text("result = 'skipped'"),
              sqlite_where=db.text("result = 'skipped'")),
    )
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id", ondelete="CASCADE"))
    step_id: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(SmallInteger)
    result: Mapped[str] = mapped_column(String(16))
    at = mapped_column(UtcDateTime, nullable=False)
    # Seconds from the encounter's start to this step (device clock): what completion analytics measure.
    seconds_from_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
