"""SQLAlchemy models, one module per area; importing this package registers every table."""
from server.models.alerts import Alert, DeskEvent, PushSubscription
from server.models.audit import AuditEntry
from server.models.blobs import Blob, BlobUpload, EncounterPhoto
from server.models.changes import ChangeLogEntry, LegacyCursorCeiling
from server.models.counsel import CounselDocument, CounselDocumentPhoto
from server.models.checklists import Checklist, ChecklistDraft, ChecklistVersion
from server.models.devices import Device, DeviceToken
from server.models.encounters import Encounter, StepResult
from server.models.items import ItemId
from server.models.org import ROLES, Department, Site, User
from server.models.publications import QuarterlyPublication
from server.models.retention import RemovedPhoto
from server.models.sso import SsoSignIn
from server.models.reference import ReferenceStamp
from server.models.triage import DuplicateDecision, FollowUp, FollowUpAnswer, ReportNote, TriageEvent

__all__ = [
    "AuditEntry", "Blob", "BlobUpload", "ChangeLogEntry", "Checklist", "ChecklistDraft", "ChecklistVersion", "Device",
    "DeviceToken",
    "Encounter", "EncounterPhoto", "StepResult", "ItemId", "ROLES", "Department", "Site", "User",
    "DuplicateDecision", "FollowUp", "FollowUpAnswer", "ReportNote", "TriageEvent", "RemovedPhoto",
    "ReferenceStamp", "LegacyCursorCeiling", "SsoSignIn", "CounselDocument", "CounselDocumentPhoto", "Alert",
    "DeskEvent", "PushSubscription", "QuarterlyPublication",
]
