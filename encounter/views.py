"""What each role sees of a report: priority, flags, names, free text, photos, internal records.

BRIEF.md, "Users" and "What the City holds, who sees it". The rules are data (``VIEWS``) and
small pure functions; the server's queue, detail, CSV and photo reads apply them, and the
desk reads the same table from ``pwa/src/rules/views.json``.

- A field employee reads their own reports: body, steps, photos until the server holds the
  report, follow-ups; never the desk's judgement (priority, flags) or internal records.
- A liaison reads the department's reports whole, photos included.
- The Mayor's Office reads every report's structured fields, never a person's name, and free
  text only of reports a liaison escalated; never photos.
- Trainers read no individual report (analytics only).
- Administrators read reports citywide with names, but not photos (BRIEF.md: photos are read
  only by the report department's liaisons).
- Counsel (City Attorney's office; citywide, or one department) reads no report: only the
  document photos shared during open encounters in its scope, with their site and time, to
  answer "judicial warrant or not" (issue 11).
"""
from dataclasses import asdict, dataclass

from encounter import door, name_mask
from encounter.vocabulary import ANSWER_TEXT_FIELD, FREE_TEXT_FIELDS

# Free text: every report the role may read, none, or only reports a liaison escalated.
ALL, NONE, ESCALATED = "all", "none", "escalated"
# Photos: the report department's, the device's own until the report holding it is received, none.
DEPARTMENT, OWN_UNTIL_RECEIVED = "department", "own_until_received"
# Counsel's photo rule: document photos shared during an encounter still open, in its scope.
OPEN_DOCUMENTS = "open_documents"
# An encounter is open for counsel from its first shared document until its report arrives, or
# for this long at most (a phone that never submits must not leave the photo readable for ever).
COUNSEL_OPEN_HOURS = 12
# The desk queue's page of reports (``GET /reports?limit=``): the rows a page holds unless asked otherwise, and the
# most one request may ask for (the desk's poll re-reads up to that many rows at once). Here rather than in the
# vocabulary so the phone, which has no queue, does not carry it.
QUEUE_PAGE = {"default": 50, "max": 100}


@dataclass(frozen=True)
class RoleView:
    """What one role sees of a report."""

    reports: bool  # reads individual reports at all
    priority: bool  # the desk's priority and its reason
    flags: bool  # possible-sensitive-text flags
    names: bool  # names of city staff (assignee, authors, witnesses)
    free_text: str  # ALL, ESCALATED or NONE
    photos: str  # DEPARTMENT, OWN_UNTIL_RECEIVED or NONE
    internal: bool  # triage history, duplicates, audit
    notes: bool  # the liaisons' internal notes


VIEWS = {
    "field": RoleView(reports=True, priority=False, flags=False, names=True, free_text=ALL,
                      photos=OWN_UNTIL_RECEIVED, internal=False, notes=False),
    "liaison": RoleView(reports=True, priority=True, flags=True, names=True, free_text=ALL,
                        photos=DEPARTMENT, internal=True, notes=True),
    "trainer": RoleView(reports=False, priority=False, flags=False, names=False, free_text=NONE,
                        photos=NONE, internal=False, notes=False),
    "mayor_office": RoleView(reports=True, priority=True, flags=True, names=False, free_text=ESCALATED,
                             photos=NONE, internal=True, notes=False),
    "admin": RoleView(reports=True, priority=True, flags=True, names=True, free_text=ALL,
                      photos=NONE, internal=True, notes=True),
    "counsel": RoleView(reports=False, priority=False, flags=False, names=False, free_text=NONE,
                        photos=OPEN_DOCUMENTS, internal=False, notes=False),
}
# The app's roles, in the order an administrator reads them (the user form's choices, server/models/org.py).
ROLES = tuple(VIEWS)
# Whoever is not listed sees nothing.
NOTHING = VIEWS["trainer"]
# Body fields that name or place people: the city staff who witnessed it, and the phone's position when the
# employee attached it (to a few metres: a home, a classroom; the site already says where). Hidden from roles
# that read without names, escalated or not.
NAMING_FIELDS = ("staff_witnesses", "location")


def view(role: str) -> RoleView:
    """Return what a role sees of a report (nothing for an unknown role)."""
    return VIEWS.get(role, NOTHING)


def reads_assignment(role: str) -> bool:
    """May the role learn whether (and to whom) a report is assigned? Part of the triage records (``internal``)."""
    return view(role).internal


def reads_priority(role: str) -> bool:
    """May the role learn a report's priority? If not, its queue is neither filtered, ordered nor paged by it: the
    order alone, or the page's cursor, would tell it which of its reports the desk put first."""
    return view(role).priority


def ignored_filters(role: str) -> tuple[str, ...]:
    """Return the queue filters the role's answer ignores: those that select by what it may not read.

    ``priority=1`` would name a reporter's P1 reports and ``assigned=none`` the ones no liaison took, though each
    row says neither. Ignored rather than refused, as every filter is answered within what the role reads (a
    liaison's ``department`` within the department): the answer is the one without the filter.
    """
    return tuple(name for name, read in (("priority", reads_priority(role)), ("assigned", reads_assignment(role)))
                 if not read)


def free_text_visible(role: str, escalated: bool) -> bool:
    """May the role read this report's free text? ``escalated``: a liaison escalated the report."""
    rule = view(role).free_text
    return rule == ALL or (rule == ESCALATED and escalated)


def hidden_naming_fields(role: str) -> tuple[str, ...]:
    """Return the body fields that name people which the role may not read (shown, searched or otherwise)."""
    return () if view(role).names else NAMING_FIELDS


def hidden_fields(role: str, escalated: bool) -> tuple[str, ...]:
    """Return the body fields the role may not read of this report: free text (unless escalated), people's names.

    The desk says "not shown to your role" for these only: a field missing from a body the role reads
    whole was simply left empty by the reporter.
    """
    hidden = dict.fromkeys(hidden_naming_fields(role))
    if not free_text_visible(role, escalated):
        hidden.update(dict.fromkeys(FREE_TEXT_FIELDS))
    return tuple(hidden)


def visible_body(body: dict, role: str, escalated: bool) -> dict:
    """Return the body less what the role may not read: free text (unless escalated) and people's names."""
    hidden = set(hidden_fields(role, escalated))
    return {key: value for key, value in body.items() if key not in hidden} if hidden else body


def masks_names(role: str) -> bool:
    """Does the role read free text with people's names masked? Every role that reads no names: the Mayor's Office
    (trainers and counsel read no free text at all). Hiding ``NAMING_FIELDS`` is not enough: a resolution, a
    question, an answer or a note can name people too, and so can the agents' field (QA review, 2026-12-07)."""
    return not view(role).names


def masked_text(role: str, text, known=None):
    """A free text as the role reads it: whole, or with people's names masked (``encounter.name_mask``;
    ``known``: the names of the report's department's users, ``name_mask.known_names``)."""
    return name_mask.mask(text, known) if masks_names(role) else text


def person(role: str, user_id, name: str | None) -> dict | None:
    """A city user as the role may see them: ``{id, name}``; for roles that read no names, neither.

    Not the id either: one liaison's id on many reports would let a nameless reader link that person's
    work across them (review "freshlook", 2026-12-05). ``{id: null, name: null}`` still says someone is there.
    """
    if user_id is None:
        return None
    if view(role).names:
        return {"id": user_id, "name": name}
    return {"id": None, "name": None}


# Triage moves whose before and after values are user ids: an assignment's.
PERSON_VALUED_MOVES = ("assign",)
# What a role that reads no names reads in their place (null stays null: nobody was assigned).
SOMEONE = "someone"


def move_values(role: str, action: str, from_value, to_value) -> tuple:
    """A triage move's before and after as the role may read them: user ids hidden, as in ``person``."""
    if action not in PERSON_VALUED_MOVES or view(role).names:
        return from_value, to_value
    return tuple(None if value is None else SOMEONE for value in (from_value, to_value))


def photo_readers(rule: str) -> frozenset[str]:
    """Return the roles whose photo rule is ``rule`` (DEPARTMENT or OWN_UNTIL_RECEIVED)."""
    return frozenset(role for role, seen in VIEWS.items() if seen.photos == rule)


def may_read_photo(role: str, *, same_department: bool = False, own_device: bool = False,
                   report_received: bool = False, open_document_in_scope: bool = False) -> bool:
    """May a user read a photo? Its report department's liaisons; the device that took it until received;
    counsel, a document photo shared during an encounter still open in its scope.

    ``report_received``: the server holds a report of the uploader's department that cites the photo.
    """
    if view(role).photos == DEPARTMENT and same_department and report_received:
        return True
    if view(role).photos == OPEN_DOCUMENTS:
        return open_document_in_scope
    return own_device and not report_received and view(role).photos != NONE


# The desk's flag on a stored report or answer whose free text looks like never-collected data.
# Computed when read, from the same pattern set as the door, so a better pattern flags every
# report stored before it; a flag, not a block (the liaison can redact).
FLAG = "possible_sensitive_text"


def sensitive_fields(body: dict) -> list[dict]:
    """Return ``[{field, kinds}]`` for each free-text field of a stored body that looks sensitive."""
    kinds: dict[str, list[str]] = {}
    for span in door.spans(body, FREE_TEXT_FIELDS):
        found = kinds.setdefault(span["field"], [])
        if span["kind"] not in found:
            found.append(span["kind"])
    return [{"field": field, "kinds": found} for field, found in kinds.items()]


def flags(body: dict) -> list[str]:
    """Return the report's flags for its free text."""
    return [FLAG] if door.spans(body, FREE_TEXT_FIELDS) else []


def visible_sensitive_fields(body: dict, role: str, escalated: bool) -> list[dict]:
    """``sensitive_fields`` as the role sees them: only over the free text it reads (none for a role without flags).

    A flag's kinds say what the text holds; over text the role may not read they would tell it, like a search.
    """
    return sensitive_fields(visible_body(body, role, escalated)) if view(role).flags else []


def visible_flags(body: dict, role: str, escalated: bool) -> list[str]:
    """The report's flags as the role sees them: only over the free text it reads (none for a role without flags)."""
    return flags(visible_body(body, role, escalated)) if view(role).flags else []


# The texts kept beside the body (encounter/redaction.py ``TEXTS`` less the body) and who reads them: a liaison's
# internal notes, the roles that read notes; a question, an answer and a triage move's reason or resolution are
# free text like the body's (the Mayor's Office reads them once the report was escalated).
NOTE = "note"


def reads_text(role: str, target: str, escalated: bool) -> bool:
    """May the role read a text of this kind beside the body (``target``: note, question, answer, triage)?"""
    return view(role).notes if target == NOTE else free_text_visible(role, escalated)


def visible_sensitive_texts(texts, role: str, escalated: bool) -> list[dict]:
    """``[{target, id, field, kinds}]`` for each text beside the body that looks sensitive, as the role sees them.

    ``texts`` yields ``(target, id, field, text)`` with the ids a redaction takes. Only over the texts the role
    reads (none for a role without flags), for the reason ``visible_sensitive_fields`` gives; never the words.
    Texts stored before the door checked them (and any text a newer pattern now matches) are flagged here.
    """
    if not view(role).flags:
        return []
    out = []
    for target, ident, field, text in texts:
        if not isinstance(text, str) or not text or not reads_text(role, target, escalated):
            continue
        kinds = list(dict.fromkeys(s["kind"] for s in door.spans({field: text}, (field,))))
        if kinds:
            out.append({"target": target, "id": ident, "field": field, "kinds": kinds})
    return out


def answer_flags(text: str | None) -> list[str]:
    """Return an answer's flags for its text."""
    return [FLAG] if door.spans({ANSWER_TEXT_FIELD: text}, (ANSWER_TEXT_FIELD,)) else []


def document() -> dict:
    """Return the role views as data for ``pwa/src/rules/views.json``."""
    return {"roles": {role: asdict(seen) for role, seen in VIEWS.items()}, "role_order": list(ROLES),
            "naming_fields": list(NAMING_FIELDS),
            "flag": FLAG, "counsel_open_hours": COUNSEL_OPEN_HOURS, "queue_page": dict(QUEUE_PAGE)}
