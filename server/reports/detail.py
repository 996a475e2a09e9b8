"""One report as the desk (or its reporter) reads it: body, timeline, photos, triage, notes, follow-ups, audit.

Every part is read through ``server/access.py``; what each role sees of it (priority,
flags, names, free text, internal records) is ``encounter/views.py``.
"""
from sqlalchemy import or_, select

from encounter import priority, views
from encounter.redaction import TEXTS
from server.access import can, ever_escalated, scoped
from server.blobs.completeness import missing_photos
from server.extensions import db
from server.models import (
    AuditEntry, ChecklistVersion, Department, Device, Encounter, FollowUp, FollowUpAnswer, ReportNote,
    Site, StepResult, TriageEvent, User,
)
from server.reports import assignees, duplicates, masking
from server.retention.beside import event_ref
from server.retention.changes import state as retention_state


def _names(ids) -> dict:
    """Return {user id: display name}; names of colleagues on one report, never looked up in bulk."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def _device_names(principal, ids) -> dict:
    """Return {device id: name} of the audit's devices this principal may see (server/access.py: an admin every
    device, anyone else only their own); a device it may not see, or one without a name, is left out."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    rows = db.session.execute(scoped(Device, principal).with_only_columns(Device.id, Device.name)
                              .where(Device.id.in_(ids))).all()
    return {device_id: name for device_id, name in rows if name}


def _escalated(report: Encounter) -> bool:
    """Did a liaison escalate the report (now or before)? The Mayor's Office then reads its free text."""
    return db.session.scalar(select(Encounter.id).where(Encounter.id == report.id, ever_escalated())) is not None


def timeline(report: Encounter, version: ChecklistVersion) -> list[dict]:
    """Every step of the version in order, with this encounter's result (null if never reached)."""
    results = {s.step_id: s for s in db.session.scalars(select(StepResult).where(StepResult.encounter_id == report.id))}
    steps = []
    for position, step in enumerate(version.steps):
        done = results.get(step["id"])
        result = done.result if done else None
        steps.append({"step_id": step["id"], "position": position, "text": step.get("text") or {},
                      "time_critical": bool(step.get("time_critical")), "result": result,
                      "at": done.at if done else None, "seconds_from_start": done.seconds_from_start if done else None,
                      "critical_missed": bool(step.get("time_critical")) and result in (None, "skipped")})
    return steps


def _photos(report: Encounter) -> list[dict]:
    """The body's photo references, each with whether its bytes have arrived as the report's own (completeness)."""
    missing = set(missing_photos(report.id))
    return [{"sha256": p["sha256"], "type": p["type"], "size": p["size"], "uploaded": p["sha256"] not in missing}
            for p in report.body.get("photos") or ()]


def _followups(report: Encounter, principal, free_text: bool) -> tuple[list[dict], list]:
    """Questions and answers (free text both: left out where the role may not read the report's free text)."""
    questions = db.session.scalars(scoped(FollowUp, principal).where(FollowUp.encounter_id == report.id)
                                   .order_by(FollowUp.asked_at, FollowUp.id)).all()
    ids = [q.id for q in questions]
    if not free_text:
        return [], ids
    answers = db.session.scalars(scoped(FollowUpAnswer, principal).where(FollowUpAnswer.encounter_id == report.id)
                                 .order_by(FollowUpAnswer.answered_at, FollowUpAnswer.id)).all()
    names = _names(q.asked_by for q in questions) if views.view(principal.role).names else {}
    flagged = views.view(principal.role).flags
    out = [{"id": q.id, "question": q.question, "asked_at": q.asked_at,
            "asked_by": views.person(principal.role, q.asked_by, names.get(q.asked_by)),
            "answers": [{"id": a.id, "text": a.text, "answered_at": a.answered_at, "received_at": a.received_at,
                         "flags": views.answer_flags(a.text) if flagged else []}
                        for a in answers if a.followup_id == q.id]} for q in questions]
    return out, ids


def _beside(followups: list[dict], notes: list[dict], triage: list[dict]):
    """Yield ``(target, id, field, text)`` for every text beside the body as read (the ids a redaction takes)."""
    for note in notes:
        yield "note", note["id"], "text", note["text"]
    for followup in followups:
        yield "question", followup["id"], "question", followup["question"]
        for answer in followup["answers"]:
            yield "answer", answer["id"], "text", answer["text"]
    for event in triage:
        for field in TEXTS["triage"]:
            yield "triage", event["id"], field, event["details"].get(field)


def _where(entry: AuditEntry) -> dict:
    """Which text a redaction took words from (the body's field, or a note, question, answer or move beside it):
    the audit says where, never what (its details hold offsets and counts, never words)."""
    if entry.action != "report.redact" or not entry.details:
        return {}
    d = entry.details
    return {"where": {"target": d.get("target", "body"), "id": d.get("id"), "field": d.get("field")}}


def _released(entry: AuditEntry) -> dict:
    """Why an assignment ended with no liaison moving it (a code of ``encounter.triage.RELEASES``), where one did."""
    if entry.action != "triage.assign" or not (entry.details or {}).get("released"):
        return {}
    return {"released": entry.details["released"]}


def _internal(report: Encounter, principal, followups: list[dict], followup_ids: list, language: str,
              free_text: bool, escalated: bool) -> dict:
    """What only the desk sees; names, notes and words only where the role's view allows them."""
    seen = views.view(principal.role)
    events = db.session.scalars(scoped(TriageEvent, principal).where(TriageEvent.encounter_id == report.id)
                                .order_by(TriageEvent.at, TriageEvent.id)).all()
    notes = db.session.scalars(scoped(ReportNote, principal).where(ReportNote.encounter_id == report.id)
                               .order_by(ReportNote.at, ReportNote.id)).all()
    entities = [str(report.id), *(str(f) for f in followup_ids)]
    audit = db.session.scalars(scoped(AuditEntry, principal).where(
        or_(AuditEntry.entity_type.in_(("encounter", "report")), AuditEntry.entity_type.like("followup%")),
        AuditEntry.entity_id.in_(entities)).order_by(AuditEntry.at, AuditEntry.id)).all()
    if not views.reads_text(principal.role, views.NOTE, escalated):
        notes = []
    names = _names([report.assigned_to_id, *(e.actor_id for e in events), *(n.author_id for n in notes),
                    *(a.actor_id for a in audit)]) if seen.names else {}
    fields = views.visible_sensitive_fields(report.body, principal.role, escalated)
    devices = _device_names(principal, (a.device_id for a in audit))

    def person(user_id):
        return views.person(principal.role, user_id, names.get(user_id))

    out = {
        "priority": report.priority, "priority_rule": report.priority_rule,
        "priority_reason": priority.reason(report.priority_rule, language),
        "assigned_to": person(report.assigned_to_id), "resolution": report.resolution if free_text else None,
        "sensitive_fields": fields,
        # Event details hold a resolution's or reason's words: free text, like the body's.
        "triage": [{"id": event_ref(e.id), "at": e.at, "actor": person(e.actor_id), "action": e.action,
                    **dict(zip(("from_value", "to_value"),
                               views.move_values(principal.role, e.action, e.from_value, e.to_value))),
                    "details": (e.details or {}) if free_text else {}} for e in events],
        "notes": [{"id": n.id, "at": n.at, "author": person(n.author_id), "text": n.text} for n in notes],
        "group": duplicates.group_detail(report, principal),
        "audit": [{"at": a.at, "action": a.action, "actor": person(a.actor_id), "device_id": a.device_id,
                   "device_name": devices.get(a.device_id), "entity_type": a.entity_type, "entity_id": a.entity_id,
                   **_where(a), **_released(a)} for a in audit],
    }
    # Notes, questions, answers and moves' words stored before the door checked them: flagged as the body's fields.
    texts = views.visible_sensitive_texts(_beside(followups, out["notes"], out["triage"]), principal.role, escalated)
    return {**out, "flags": [views.FLAG] if fields or texts else [], "sensitive_texts": texts}


def find(report_id, principal) -> Encounter | None:
    """Return the report if the principal may read it; None alike for unknown and out of scope."""
    if not can(principal, "read_reports") or not views.view(principal.role).reports:
        return None
    return db.session.scalar(scoped(Encounter, principal).where(Encounter.id == report_id))


def detail(report: Encounter, principal, language: str = "en") -> dict:
    """Return the report as the principal may read it."""
    site = db.session.get(Site, report.site_id)
    department = db.session.get(Department, report.department_id)
    version = db.session.get(ChecklistVersion, report.checklist_version_id)
    steps = timeline(report, version)
    seen = views.view(principal.role)
    escalated = seen.free_text == views.ESCALATED and _escalated(report)
    free_text = views.free_text_visible(principal.role, escalated)
    followups, followup_ids = _followups(report, principal, free_text)
    out = {
        "id": report.id, "department": {"code": department.code, "name": department.name},
        "site": {"code": site.code, "name": site.name, "facility_type": site.facility_type},
        "status": report.status, "received_at": report.received_at,
        "body": views.visible_body(report.body, principal.role, escalated),
        "withheld_fields": list(views.hidden_fields(principal.role, escalated)),
        "checklist": {"version_id": version.id, "number": version.number, "title": version.title},
        "steps": steps, "time_critical_missed": sum(s["critical_missed"] for s in steps),
        "photos": _photos(report), "followups": followups,
        # A role that may not read the questions still learns how many there are (the queue counts them), so the
        # report never reads as though none was asked.
        "followups_withheld": 0 if free_text else len(followup_ids),
    }
    if seen.internal:
        out.update(_internal(report, principal, followups, followup_ids, language, free_text, escalated))
        out["retention"] = retention_state(report)
    if can(principal, "triage"):
        out["assignable"] = assignable(report, principal)
    # Last, so every free text above is served as the role reads it: without names, for a role that reads none.
    return masking.without_names(out, principal.role, report.department_id)


def assignable(report: Encounter, principal) -> list[dict]:
    """The active liaisons of the report's department, by name: who the report may be assigned to."""
    rows = db.session.execute(scoped(User, principal).with_only_columns(User.id, User.display_name).where(
        *assignees.assignable(report.department_id)).order_by(User.display_name, User.id)).all()
    return [{"id": user_id, "name": name} for user_id, name in rows]
