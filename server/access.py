"""Who may see and do what: the one place that decides, by role and department.

Every query of a scoped table goes through ``visible(Model, principal)`` (or
``scoped``), so that a liaison of one department can never learn that another
department's report exists: what is out of scope is simply not found (404), never
"forbidden" (403), which would confirm it exists.
"""
from datetime import timedelta

from sqlalchemy import exists, false, or_, select, true
from sqlalchemy.orm import aliased

from encounter import views
from encounter.triage import ESCALATED

from server.models import (
    Alert, DeskEvent, PushSubscription,
    AuditEntry, Blob, BlobUpload, ChangeLogEntry, Checklist, ChecklistDraft, ChecklistVersion, CounselDocument,
    CounselDocumentPhoto, Department, Device,
    DuplicateDecision, Encounter, EncounterPhoto, FollowUp, FollowUpAnswer, QuarterlyPublication, RemovedPhoto,
    ReportNote, Site,
    StepResult, TriageEvent, User,
)
from server.models.org import CITYWIDE_ROLES
from server.models.types import utcnow
from sync.envelope import Principal

ACTIONS = {
    "push": frozenset({"field", "liaison"}),
    "upload_blob": frozenset({"field", "liaison"}),
    "manage_devices": frozenset({"admin"}),
    # Reports: a field employee reads their own, a liaison their department's, the Mayor's
    # Office and admins every department's; only liaisons change triage (the Mayor's Office
    # is read-only). Trainers work from analytics, never individual reports.
    "read_reports": frozenset({"field", "liaison", "mayor_office", "admin"}),
    "triage": frozenset({"liaison"}),
    "read_aggregate": frozenset({"mayor_office", "admin"}),
    # Publishing a quarter's report is the Mayor's Office's decision alone (admins read it, never publish).
    "publish_quarterly": frozenset({"mayor_office"}),
    "edit_checklists": frozenset({"trainer", "admin"}),
    "read_analytics": frozenset({"trainer", "admin", "mayor_office"}),
    # Analytics name individual reporters only to admins.
    "see_reporter_names": frozenset({"admin"}),
    # Redaction and legal hold: the report's department's liaisons only (docs/desk-api.md).
    "redact": frozenset({"liaison"}),
    "legal_hold": frozenset({"liaison"}),
    # Departments, sites, users and their roles (issue 13).
    "administer": frozenset({"admin"}),
    # Counsel's warrant check (issue 11): a phone shares a document photo during an encounter;
    # counsel reads the open ones in its scope and answers.
    "share_document": frozenset({"field", "liaison"}),
    "check_documents": frozenset({"counsel"}),
    # Issue 11: the desk's live events (alerts, new P1 reports) and Web Push to a closed desk.
    "watch_desk": frozenset({"liaison", "mayor_office", "admin"}),
    "subscribe_push": frozenset({"liaison", "mayor_office"}),
}


# What each action lets a role do, in words for the 403 a role without it receives.
ACTION_WORDS = {
    "push": "push reports", "upload_blob": "upload photos", "manage_devices": "manage devices",
    "read_reports": "read reports", "triage": "change triage", "read_aggregate": "read the citywide aggregate",
    "publish_quarterly": "publish a quarterly report",
    "edit_checklists": "edit checklists", "read_analytics": "read analytics",
    "see_reporter_names": "see reporters' names", "administer": "administer departments, sites and users",
    "redact": "redact reports", "legal_hold": "put reports on legal hold",
    "share_document": "share documents with counsel", "check_documents": "read or answer documents shared with counsel",
    "watch_desk": "follow the desk's live events", "subscribe_push": "subscribe to push notifications",
}


class RoleForbidden(Exception):
    """A role may not perform an action at all (403): it says nothing about any row."""

    reason = "forbidden_role"

    def __init__(self, role: str, action: str):
        super().__init__(f"the {role} role may not {ACTION_WORDS[action]}")


def require(principal: Principal, action: str) -> None:
    """Raise ``RoleForbidden`` unless the principal's role may perform ``action``."""
    if not can(principal, action):
        raise RoleForbidden(principal.role, action)


def is_citywide(principal: Principal) -> bool:
    """Citywide roles, and a trainer or counsel without a department, see every department."""
    return principal.role in CITYWIDE_ROLES or (principal.role in ("trainer", "counsel")
                                                and principal.department_id is None)


def can(principal: Principal, action: str) -> bool:
    """Return whether the principal's role may perform ``action`` at all."""
    return principal.role in ACTIONS[action]


def _department_column(column, principal: Principal):
    """Rows of the principal's department, or all of them for citywide viewers."""
    return true() if is_citywide(principal) else column == principal.department_id


def _encounters(p: Principal):
    if p.role == "field":
        return Encounter.reporter_id == p.user_id
    if p.role == "counsel":
        return false()  # counsel reads no report (encounter.views), only shared documents
    return _department_column(Encounter.department_id, p)


def _counsel_documents(p: Principal):
    """Documents shared during an encounter still open (no report yet, not too old), in counsel's scope."""
    if views.view(p.role).photos != views.OPEN_DOCUMENTS:
        return false()
    since = utcnow() - timedelta(hours=views.COUNSEL_OPEN_HOURS)
    return (_department_column(CounselDocument.department_id, p) & (CounselDocument.shared_at > since)
            & ~exists().where(Encounter.id == CounselDocument.encounter_id))


def _alerts(p: Principal):
    """Alerts are scoped like reports: the sender's own for a field employee, else the department's."""
    if p.role == "field":
        return Alert.user_id == p.user_id
    return _department_column(Alert.department_id, p)


def _desk_events(p: Principal):
    """Live desk events: the department's for desk roles that watch it; never a field employee's."""
    return _department_column(DeskEvent.department_id, p) if can(p, "watch_desk") else false()


def _changes(p: Principal):
    broadcast = ChangeLogEntry.recipient_id.is_(None)
    if not is_citywide(p):
        broadcast = broadcast & or_(ChangeLogEntry.department_id == p.department_id,
                                    ChangeLogEntry.department_id.is_(None))
    return or_(ChangeLogEntry.recipient_id == p.user_id, broadcast)


def _audit(p: Principal):
    if p.role == "admin":
        return true()
    if p.role == "liaison":
        return AuditEntry.department_id == p.department_id
    return false()


def _owns_report_photos(user_id, department_id):
    """Condition on ``Encounter``: reports whose photos an upload by this user makes theirs (the user's own
    reports, and their department's)."""
    return or_(Encounter.reporter_id == user_id, Encounter.department_id == department_id)


def uploaded_for_report():
    """Condition on ``EncounterPhoto`` and its ``Encounter``: the report's reporter, or a user of its department,
    uploaded the photo's bytes. Only such a photo is the report's (readable through it, counted as arrived).

    Who uploaded matters: otherwise anyone who learned a photo's hash could cite it in a report of
    their own and read it. Any of its uploaders counts (``BlobUpload``), not only the first: the same
    bytes uploaded by staff of two departments are each department's photo. The reporter's own photos
    stay the report's when the reporter later moves to another department (the uploader's department
    is today's, not the one they reported from).
    """
    uploader = aliased(User)
    return exists().where(BlobUpload.sha256 == EncounterPhoto.sha256, uploader.id == BlobUpload.user_id,
                          _owns_report_photos(uploader.id, uploader.department_id))


def _cited(p: Principal | None = None):
    """Photos a received report cites as its own (``uploaded_for_report``), within ``p``'s department if given."""
    conds = [EncounterPhoto.sha256 == Blob.sha256, Encounter.id == EncounterPhoto.encounter_id, uploaded_for_report()]
    if p is not None:
        conds.append(Encounter.department_id == p.department_id)
    return exists().where(*conds)


def _blobs(p: Principal):
    """Photos (``encounter.views``): the report department's liaisons; a device that uploaded it until received.

    Never the Mayor's Office, trainers or administrators: a document photo can name the
    person targeted. A photo uploaded by a device it never reached a report from stays
    readable by that device only.
    """
    readable = []
    if p.role in views.photo_readers(views.DEPARTMENT):
        readable.append(_cited(p))
    if p.role in views.photo_readers(views.OPEN_DOCUMENTS):
        return Blob.sha256.in_(select(CounselDocumentPhoto.sha256).join(
            CounselDocument, CounselDocument.encounter_id == CounselDocumentPhoto.encounter_id)
            .where(_counsel_documents(p)))
    if views.view(p.role).photos != views.NONE:
        # Until a report their upload makes the photo's owner cites it: a report of another department
        # citing the same bytes ends nothing here (it would tell this device that such a report exists).
        taken_here = exists().where(BlobUpload.sha256 == Blob.sha256, BlobUpload.user_id == p.user_id,
                                    BlobUpload.device_id == p.device_id)
        theirs = exists().where(EncounterPhoto.sha256 == Blob.sha256, Encounter.id == EncounterPhoto.encounter_id,
                                _owns_report_photos(p.user_id, p.department_id))
        # Nor once such a report's liaison removed it: the removal must not hand the bytes back to the phone (a
        # counsel document may still hold them).
        removed = exists().where(RemovedPhoto.sha256 == Blob.sha256, Encounter.id == RemovedPhoto.encounter_id,
                                 _owns_report_photos(p.user_id, p.department_id))
        readable.append(taken_here & ~theirs & ~removed)
    return or_(*readable) if readable else false()


def _users(p: Principal):
    if p.role == "admin":
        return true()
    if p.role == "liaison":
        return User.department_id == p.department_id
    return User.id == p.user_id


def _within_visible_encounters(column, p: Principal):
    return column.in_(select(Encounter.id).where(_encounters(p)))


def _desk_only(column, p: Principal):
    """Internal triage records: never for field employees, else as visible as the report."""
    return false() if p.role == "field" else _within_visible_encounters(column, p)


_RULES = {
    Encounter: _encounters,
    StepResult: lambda p: _within_visible_encounters(StepResult.encounter_id, p),
    EncounterPhoto: lambda p: _within_visible_encounters(EncounterPhoto.encounter_id, p),
    RemovedPhoto: lambda p: _within_visible_encounters(RemovedPhoto.encounter_id, p),
    Blob: lambda p: _blobs(p),
    CounselDocument: _counsel_documents,
    Site: lambda p: _department_column(Site.department_id, p),
    Checklist: lambda p: _department_column(Checklist.department_id, p),
    ChecklistVersion: lambda p: ChecklistVersion.checklist_id.in_(
        select(Checklist.id).where(_department_column(Checklist.department_id, p))),
    Department: lambda p: _department_column(Department.id, p),
    ChangeLogEntry: _changes,
    AuditEntry: _audit,
    User: _users,
    Device: lambda p: true() if p.role == "admin" else Device.user_id == p.user_id,
    TriageEvent: lambda p: _desk_only(TriageEvent.encounter_id, p),
    ReportNote: lambda p: _desk_only(ReportNote.encounter_id, p),
    DuplicateDecision: lambda p: _desk_only(DuplicateDecision.first_id, p),
    # The reporter sees the questions on their own reports and their answers.
    FollowUp: lambda p: _within_visible_encounters(FollowUp.encounter_id, p),
    FollowUpAnswer: lambda p: _within_visible_encounters(FollowUpAnswer.encounter_id, p),
    Alert: _alerts,
    DeskEvent: _desk_events,
    PushSubscription: lambda p: PushSubscription.user_id == p.user_id,
    # A published quarter holds every department's rows: readers of the aggregate only (a department's
    # report is cut from it, server/reports/publication.py).
    QuarterlyPublication: lambda p: true() if can(p, "read_aggregate") else false(),
    ChecklistDraft: lambda p: ChecklistDraft.checklist_id.in_(
        select(Checklist.id).where(_department_column(Checklist.department_id, p)))
    if p.role in ACTIONS["edit_checklists"] else false(),
}


def ever_escalated():
    """Reports a liaison escalated to the Mayor's Office: escalated now, or moved to escalated before."""
    moved = exists().where(TriageEvent.encounter_id == Encounter.id, TriageEvent.action == "status",
                           TriageEvent.to_value == ESCALATED)
    return or_(Encounter.status == ESCALATED, moved)


def free_text_readable(principal: Principal):
    """Reports whose free text the principal may read (``encounter.views``: the Mayor's Office, escalated only)."""
    rule = views.view(principal.role).free_text
    if rule == views.ALL:
        return true()
    return ever_escalated() if rule == views.ESCALATED else false()


def visible(model, principal: Principal):
    """Return the WHERE condition limiting ``model`` to the rows ``principal`` may read."""
    return _RULES[model](principal)


def scoped(model, principal: Principal):
    """Return ``SELECT model WHERE visible``: the starting point of every scoped query."""
    return select(model).where(visible(model, principal))
