"""The liaison queue: filters, keyset pages (priority, newest received first, id) and counts per status.

A role that may not read the priority or the triage (a field employee reading their own reports,
``encounter.views``) gets the same queue without them: the filters over them ignored, the order and
the cursor by time alone (newest received first, id).

Every query starts from ``visible(Encounter, principal)``. Pages are keyset, never OFFSET:
a report arriving while someone pages on lands before or after the cursor, so it never
repeats or pushes out an item of a later page. Counts per status come with the first page
only (``counts: null`` on a page asked for with ``after``): the desk keeps the first page's
counts, and polls the first page. The indexes these queries use are declared on the
Encounter model (migration 0004).
"""
import functools
from datetime import datetime, timedelta, timezone

from flask import current_app, g
from sqlalchemy import Text, cast, exists, func, literal, or_, select, text, tuple_, type_coerce, union_all
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import aliased

from encounter import priority, views
from encounter.redaction import BODY, TEXTS
from encounter.vocabulary import FREE_TEXT_FIELDS
from server.access import free_text_readable, visible
from server.citytime import day_start
from server.extensions import db
from server.id_lists import among
from server.text_match import ESCAPE, contains_pattern
from server.models import (
    Department, Encounter, EncounterPhoto, FollowUp, FollowUpAnswer, ReportNote, Site, TriageEvent, User,
)
from encounter.triage import TRIAGE_STATES
from server.reports import duplicates, masking
from server.schemas.reports import Cursor

# Dates in filters are days in Los Angeles, where every report happens.
_assignee = aliased(User)

def period_conditions(args: dict) -> list:
    """Conditions for from/to (inclusive days on started_at) and department code."""
    conds = []
    if args.get("from_"):
        conds.append(Encounter.started_at >= day_start(args["from_"]))
    if args.get("to"):
        conds.append(Encounter.started_at < day_start(args["to"] + timedelta(days=1)))
    if args.get("department"):
        conds.append(Encounter.department_id.in_(select(Department.id).where(Department.code == args["department"])))
    return conds


def text_search(q: str, principal, within: list = ()) -> list:
    """Conditions of a text search over the free text the principal may read.

    ``search_text`` (trigram-indexed) holds every free-text field, names of staff included; a role
    that reads no names (``encounter.views``) must not find a report by a name it may not read,
    so its match must also lie in a field it reads, and in that field's text with names masked
    (``server.reports.masking.matching``).
    """
    pattern = contains_pattern(q)
    conds = [Encounter.search_text.like(pattern, escape=ESCAPE), free_text_readable(principal)]
    hidden = views.hidden_naming_fields(principal.role)
    if hidden:
        lower = func.lower if db.engine.dialect.name == "postgresql" else func.unicode_lower  # as Python lowers
        conds.append(or_(*(lower(Encounter.body[name].as_string()).like(pattern, escape=ESCAPE)
                           for name in FREE_TEXT_FIELDS if name not in hidden)))
    if views.masks_names(principal.role):
        # It reads the text with names masked: the match must hold there too (checked in Python, over the few
        # reports the SQL found), or a search for a name would tell which reports hold it.
        # ``within``: the other filters, so that the newest matches read are those the filters keep.
        ids, capped = masking.matching([visible(Encounter, principal), *within, *conds], q, principal.role,
                                       current_app.config.get("QUEUE_SEARCH_COUNT_CAP"))
        g.masked_search_capped = capped  # the page's counts say so (``page``)
        return [Encounter.id.in_(ids)]
    return conds


def agency_condition(agency: str):
    """Reports naming an agency (a closed vocabulary, so a JSON text match is exact)."""
    if db.engine.dialect.name == "postgresql":
        return type_coerce(Encounter.agencies, JSONB).contains([agency])
    return cast(Encounter.agencies, Text).like(f'%"{agency}"%')


def filter_conditions(args: dict, principal) -> list:
    """Every filter of the queue except status, starting with the principal's scope; none the role must ignore."""
    args = {**args, **dict.fromkeys(views.ignored_filters(principal.role))}
    conds = [visible(Encounter, principal), *period_conditions(args)]
    if args.get("priority"):
        conds.append(Encounter.priority.in_(sorted(set(args["priority"]))))
    if args.get("site"):
        conds.append(Encounter.site_id.in_(select(Site.id).where(Site.code == args["site"])))
    if args.get("agency"):
        conds.append(agency_condition(args["agency"]))
    if args.get("assigned") == "me":
        conds.append(Encounter.assigned_to_id == principal.user_id)
    elif args.get("assigned") == "none":
        conds.append(Encounter.assigned_to_id.is_(None))
    if args.get("city_assistance") is not None:
        wanted = args["city_assistance"]
        conds.append(Encounter.city_assistance.is_(True) if wanted else Encounter.city_assistance.isnot(True))
    if args.get("q"):
        # Searching text one may not read would tell what it says: only text the principal reads.
        conds.extend(text_search(args["q"], principal, within=list(conds)))
    return conds


def plan_for_the_search(args: dict) -> None:
    """On PostgreSQL, plan a text search's statements for its pattern, in this transaction only.

    psycopg prepares a statement run five times, and PostgreSQL then prefers a generic plan when its
    estimate looks cheaper; for ``LIKE`` on the trigram index that plan cannot know how common the
    pattern is, and ANDs it with every report of the department (capped counts at 200,000 reports:
    4 ms planned for the pattern, 33 ms generic; the page 0.2 ms against 305 ms).
    """
    if args.get("q") and db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def status_condition(statuses: list[str]):
    """Statuses as a literal condition (a closed vocabulary): lets PostgreSQL match partial indexes."""
    wanted = set(TRIAGE_STATES) - {"closed"} if "open" in statuses else set()
    wanted |= set(statuses) - {"open"}
    if wanted == set(TRIAGE_STATES) - {"closed"}:
        return Encounter.status != literal("closed", literal_execute=True)
    return Encounter.status.in_([literal(s, literal_execute=True) for s in sorted(wanted)])


_ORDER = (Encounter.priority.asc(), Encounter.received_at.desc(), Encounter.id.desc())
_BY_TIME = _ORDER[1:]


class ForeignCursor(ValueError):
    """A cursor of the other order (keyed on priority or not) than the principal's queue: not one given to them."""


def _page_ids(conds: list, after, limit: int, by_priority: bool = True) -> list:
    """Return (id, priority, received_at) of the page: one index range per priority band, or by time alone."""
    base = select(Encounter.id, Encounter.priority, Encounter.received_at).where(*conds)
    if after is not None and (after[0] is not None) != by_priority:
        raise ForeignCursor(after)
    if not by_priority:
        if after is not None:
            base = base.where(tuple_(Encounter.received_at, Encounter.id) < tuple_(after[1], after[2]))
        return db.session.execute(base.order_by(*_BY_TIME).limit(limit)).all()
    if after is None:
        return db.session.execute(base.order_by(*_ORDER).limit(limit)).all()
    p, received, rid = after
    same_band = base.where(Encounter.priority == p,
                           tuple_(Encounter.received_at, Encounter.id) < tuple_(received, rid)) \
        .order_by(Encounter.received_at.desc(), Encounter.id.desc()).limit(limit)
    later_bands = base.where(Encounter.priority > p).order_by(*_ORDER).limit(limit)
    both = union_all(same_band.subquery().select(), later_bands.subquery().select()).subquery()
    return db.session.execute(select(both).order_by(both.c.priority, both.c.received_at.desc(), both.c.id.desc())
                              .limit(limit)).all()


@functools.cache
def _rows_query(dialect: str):
    """The queue columns of the reports ``ids`` (a bound list): built once per dialect (building it cost about as
    much as running it); ``_rows`` adds whether the principal reads each one's free text. The ids are in scope."""
    photos = select(func.count()).where(EncounterPhoto.encounter_id == Encounter.id).scalar_subquery()
    open_questions = select(func.count()).where(
        FollowUp.encounter_id == Encounter.id,
        ~exists().where(FollowUpAnswer.followup_id == FollowUp.id)).scalar_subquery()
    return (select(Encounter.id, Encounter.priority, Encounter.priority_rule, Encounter.status, Encounter.started_at,
                   Encounter.received_at, Encounter.agencies, Encounter.document_type, Encounter.area_type,
                   Encounter.site_id, Encounter.body, Encounter.assigned_to_id,
                   Site.code.label("site_code"), Site.name.label("site_name"), Site.facility_type,
                   Department.code.label("department"), _assignee.display_name.label("assignee_name"),
                   photos.label("photo_count"), open_questions.label("open_questions"))
            .join(Site, Site.id == Encounter.site_id).join(Department, Department.id == Encounter.department_id)
            .outerjoin(_assignee, _assignee.id == Encounter.assigned_to_id)
            .where(among(Encounter.id, "ids")))


def _rows(ids: list, principal):
    """Return the queue columns of the given reports, and whether the principal reads each one's free text."""
    query = _rows_query(db.engine.dialect.name).add_columns(free_text_readable(principal).label("text_readable"))
    by_id = {row.id: row for row in db.session.execute(query, {"ids": ids})}
    return [by_id[i] for i in ids]


@functools.cache
def _beside_query(dialect: str):
    """Every text kept beside the body of the reports ``ids``: one union, built once per dialect (building it cost
    as much as running it)."""

    def words(model, target: str, field: str, column):
        return select(model.encounter_id.label("report_id"), literal(target).label("target"),
                      literal(field).label("field"), column.label("words")).where(among(model.encounter_id, "ids"))

    parts = [words(ReportNote, "note", "text", ReportNote.text),
             words(FollowUp, "question", "question", FollowUp.question),
             words(FollowUpAnswer, "answer", "text", FollowUpAnswer.text)]
    parts += [words(TriageEvent, "triage", field, TriageEvent.details[field].as_string())
              .where(TriageEvent.details[field].as_string().isnot(None)) for field in TEXTS["triage"]]
    return union_all(*parts)


def _beside(ids: list) -> dict:
    """The texts kept beside the body of the given reports (already in scope), by report: (target, None, field, text).

    One query rather than one per kind of text (each round trip costs a page about a millisecond); the texts' own
    ids are left out: a row's flag says only that one of them looks sensitive.
    """
    out: dict = {}
    for report_id, target, field, text in db.session.execute(_beside_query(db.engine.dialect.name), {"ids": ids}):
        out.setdefault(report_id, []).append((target, None, field, text))
    return out


def row_flags(rows: list, principal) -> dict:
    """Each row's flags as the role sees them (``encounter.views``): over its body, then the texts beside it.

    The texts beside the body are read (one query, about 2 ms for a page of 50) only for rows whose body is not
    flagged already and that hold texts the role reads: not at all for a role without flags, nor for the Mayor's
    Office's rows not escalated.
    """
    role = principal.role
    flags = {r.id: views.visible_flags(r.body, role, r.text_readable) for r in rows}
    beside = [target for target in TEXTS if target != BODY]
    rest = {r.id: r.text_readable for r in rows
            if not flags[r.id] and any(views.reads_text(role, target, r.text_readable) for target in beside)}
    if not views.view(role).flags or not rest:
        return flags
    for report_id, texts in _beside(list(rest)).items():
        if views.visible_sensitive_texts(texts, role, rest[report_id]):
            flags[report_id] = [views.FLAG]
    return flags


def counts(conds: list, cap: int | None = None) -> tuple[dict, bool]:
    """Reports per status for the filters, and whether they were capped: one GROUP BY, index-only
    (ix_encounters_queue_counts or, unfiltered, ix_encounters_department_status).

    With ``cap``, only the first ``cap`` + 1 matching reports are counted (a text search for a common
    word would otherwise read a fifth of a department's reports); the counts are then lower bounds.
    """
    if cap:
        matching = select(Encounter.status).where(*conds).limit(cap + 1).subquery()
        query = select(matching.c.status, func.count()).group_by(matching.c.status)
    else:
        query = select(Encounter.status, func.count()).where(*conds).group_by(Encounter.status)
    found = dict(db.session.execute(query).all())
    return {state: found.get(state, 0) for state in TRIAGE_STATES}, bool(cap) and sum(found.values()) > cap


def page(args: dict, principal, language: str = "en") -> dict:
    """Return a page of the queue and the next cursor; counts per status on the first page only (else None)."""
    polled_at = datetime.now(timezone.utc)
    plan_for_the_search(args)
    conds = filter_conditions(args, principal)
    by_priority = views.reads_priority(principal.role)
    keys = _page_ids([*conds, status_condition(args["status"])], args.get("after"), args["limit"] + 1, by_priority)
    more = len(keys) > args["limit"]
    keys = keys[:args["limit"]]
    rows = _rows([k.id for k in keys], principal)
    # Priority, flags and assignment are the desk's judgement: a reporter reading their own reports gets none.
    seen = views.view(principal.role)
    groups = duplicates.group_summaries(rows, principal) if seen.internal else {}
    flags = row_flags(rows, principal)
    items = [{
        "id": r.id, "department": r.department,
        "site": {"code": r.site_code, "name": r.site_name, "facility_type": r.facility_type},
        "priority": r.priority if seen.priority else None, "priority_rule": r.priority_rule if seen.priority else None,
        "priority_reason": priority.reason(r.priority_rule, language) if seen.priority else None, "status": r.status,
        "assigned_to": views.person(principal.role, r.assigned_to_id, r.assignee_name)
        if views.reads_assignment(principal.role) else None,
        "started_at": r.started_at, "received_at": r.received_at, "agencies": list(r.agencies or ()),
        "document_type": r.document_type, "area_type": r.area_type, "photo_count": r.photo_count,
        "open_questions": r.open_questions, "group": groups.get(r.id),
        "flags": flags[r.id],
    } for r in rows]
    last = keys[-1] if more else None
    cap = current_app.config.get("QUEUE_SEARCH_COUNT_CAP") if args.get("q") else None
    status_counts, capped = counts(conds, cap) if args.get("after") is None else (None, False)
    # A masked search read only the newest of its matches (``text_search``): its counts are lower bounds too.
    capped = capped or (status_counts is not None and g.pop("masked_search_capped", False))
    return {"items": items, "counts": status_counts, "counts_capped": capped,
            "next": Cursor.encode(last.priority if by_priority else None, last.received_at, last.id) if last else None,
            "polled_at": polled_at}


def all_rows(args: dict, principal, batch: int = 500):
    """Yield every queue row and its flags (``row_flags``) for the filters, in queue order (for CSV export),
    a keyset page at a time."""
    plan_for_the_search(args)
    conds = [*filter_conditions(args, principal), status_condition(args["status"])]
    by_priority = views.reads_priority(principal.role)
    after = None
    while True:
        keys = _page_ids(conds, after, batch, by_priority)
        if not keys:
            return
        rows = _rows([k.id for k in keys], principal)
        flags = row_flags(rows, principal)
        yield from ((row, flags[row.id]) for row in rows)
        last = keys[-1]
        after = (last.priority if by_priority else None, last.received_at, last.id)

