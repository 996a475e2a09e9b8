"""People's names masked in the free text a role without names is served (``encounter.views.masks_names``).

The rule and the masking are ``encounter/views.py`` and ``encounter/name_mask.py``; this module supplies the names
the server knows (the report's department's users) and applies the rule to the two places free text leaves the
server for such a role: one report's answer (``detail``) and the queue's text search (``matching``).
"""
from sqlalchemy import select

from encounter import name_mask, views
from encounter.redaction import TEXTS
from encounter.vocabulary import FREE_TEXT_FIELDS
from server.extensions import db
from server.models import Encounter, User


def known_names(department_id):
    """The names (display names and usernames) of a department's users, or None."""
    rows = db.session.execute(select(User.display_name, User.username).where(User.department_id == department_id))
    return name_mask.known_names(rows.all())


def masked_body(body: dict, role: str, known) -> dict:
    """The body (as the role reads it) with names masked in its free-text fields."""
    return {key: views.masked_text(role, value, known) if key in FREE_TEXT_FIELDS else value
            for key, value in body.items()}


def without_names(out: dict, role: str, department_id) -> dict:
    """One report's answer (``server.reports.detail``) with names masked in every free text it carries, for a role
    that reads none; as given for any other. Flags were counted before, over the words stored."""
    if not views.masks_names(role):
        return out
    known = known_names(department_id)

    def mask(text):
        return views.masked_text(role, text, known)

    out = {**out, "body": masked_body(out["body"], role, known)}
    out["followups"] = [{**q, "question": mask(q["question"]),
                         "answers": [{**a, "text": mask(a["text"])} for a in q["answers"]]}
                        for q in out["followups"]]
    if "resolution" in out:
        out["resolution"] = mask(out["resolution"])
    if "triage" in out:
        out["triage"] = [{**e, "details": {k: mask(v) if k in TEXTS["triage"] else v
                                           for k, v in e["details"].items()}} for e in out["triage"]]
    if "notes" in out:
        out["notes"] = [{**n, "text": mask(n["text"])} for n in out["notes"]]
    return out


# The most matches a masked search reads, whatever QUEUE_SEARCH_COUNT_CAP says (0 there counts all): each is masked
# in Python, and their ids go to the database as one list.
MOST = 5000


def matching(conds: list, q: str, role: str, cap: int | None = None) -> tuple[list, bool]:
    """The ids of the reports matching ``conds`` whose free text, as the role reads it (names masked), still
    contains ``q`` (any case): a search must not tell that a report holds a name the role reads masked; and
    whether more matched than were read (the queue then says its counts are capped).

    ``conds`` already hold the role's scope and the SQL match over its readable fields, so the reports read here
    are only those the SQL found (for the Mayor's Office: escalated reports holding ``q``). With ``cap``, only the
    newest ``cap`` of them are read: each is masked in Python, and a common word over years of escalated reports
    would read them all on every page (the desk's filters narrow it: they are in ``conds``).
    """
    wanted, by_department, out = q.lower(), {}, []
    cap = min(cap or MOST, MOST)
    rows = db.session.execute(select(Encounter.id, Encounter.department_id, Encounter.body).where(*conds)
                              .order_by(Encounter.received_at.desc(), Encounter.id.desc()).limit(cap + 1)).all()
    capped = len(rows) > cap
    for report_id, department_id, body in rows[:cap]:
        if department_id not in by_department:
            by_department[department_id] = known_names(department_id)
        seen = masked_body(views.visible_body(body, role, True), role, by_department[department_id])
        if any(isinstance(seen.get(name), str) and wanted in seen[name].lower() for name in FREE_TEXT_FIELDS):
            out.append(report_id)
    return out, capped
