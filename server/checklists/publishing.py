"""Drafts, publishing and retiring: every change audited and, for versions, recorded for phones' pull.

A published version never changes (reports point at it and must read as they were run);
only ``retired_at`` is ever set. Phones run a checklist's newest version that is not
retired, so publishing never retires older versions itself, and an encounter started on
an older version finishes on it.
"""
from sqlalchemy import func, select

from server.audit import record
from server.changes import record_change
from server.checklists.content import content_problems, joined
from server.extensions import db
from server.models import Checklist, ChecklistDraft, ChecklistVersion
from server.models.types import utcnow
from sync.canonical import content_sha256


class ChecklistError(Exception):
    """A checklist change refused by a rule; ``reason`` is machine-readable, the message is for the trainer."""

    reason = "checklist_rule"


class NoDraft(ChecklistError):
    """Publishing needs a saved draft."""

    reason = "no_draft"


class NothingChanged(ChecklistError):
    """The draft is what phones already run."""

    reason = "nothing_changed"


class OnlyActiveVersion(ChecklistError):
    """Retiring this version would leave phones nothing to start an encounter with."""

    reason = "only_active_version"


class DraftChanged(ChecklistError):
    """The draft was saved, discarded or published by someone else since the editor loaded it."""

    reason = "draft_changed"


class PublishedSince(ChecklistError):
    """A version was published (or retired) since the editor loaded the checklist: its copy starts from an older one."""

    reason = "published_since"


class InvalidContent(ChecklistError):
    """Stored draft content breaks a whole-checklist rule (saved before the rule existed)."""

    reason = "invalid_draft"

    def __init__(self, problems: dict):
        super().__init__("the draft has problems; fix them and save it again")
        self.problems = problems


def versions_of(checklist_id: int) -> list[ChecklistVersion]:
    """Return the checklist's versions, newest first, as the database has them now (not as this session last saw them)."""
    return list(db.session.scalars(select(ChecklistVersion).where(ChecklistVersion.checklist_id == checklist_id)
                                   .order_by(ChecklistVersion.number.desc())
                                   .execution_options(populate_existing=True)))


def running_version(versions: list[ChecklistVersion]) -> ChecklistVersion | None:
    """Of one checklist's ``versions``, the one phones start new encounters on: the highest-numbered not retired."""
    return max((v for v in versions if v.retired_at is None), key=lambda v: v.number, default=None)


def can_retire(version: ChecklistVersion, versions: list[ChecklistVersion]) -> bool:
    """Whether retiring ``version`` now would be done: it is in use and another of its checklist's ``versions`` stays
    in use, so phones keep a checklist to start with. ``retire_version`` refuses exactly when this is false for a
    version in use; the desk's list shows the same answer, so it never offers a retire that would be refused."""
    return version.retired_at is None and any(v.id != version.id and v.retired_at is None for v in versions)


def newest_version(checklist_id: int, *, active_only: bool = False) -> ChecklistVersion | None:
    """Return the checklist's highest-numbered version (the one phones run, if ``active_only``)."""
    if active_only:
        return running_version(versions_of(checklist_id))
    query = select(ChecklistVersion).where(ChecklistVersion.checklist_id == checklist_id)
    return db.session.scalar(query.order_by(ChecklistVersion.number.desc()).limit(1))


def _lock(checklist: Checklist) -> None:
    """Serialise publishing and retiring per checklist (PostgreSQL; SQLite has one writer anyway)."""
    db.session.execute(select(Checklist.id).where(Checklist.id == checklist.id).with_for_update())


def publish_version(checklist: Checklist, content: dict, published_by=None, device_id=None) -> ChecklistVersion | None:
    """Publish ``content`` as the checklist's next version; None if it is what phones already run.

    "What phones already run" is the newest version not retired: publishing the content of a
    retired version again is allowed (it brings that content back under a new number).
    """
    content = {"title": content["title"], "steps": content["steps"]}
    digest = content_sha256(content)
    current = newest_version(checklist.id, active_only=True)
    if current is not None and current.content_sha256 == digest:
        return None
    number = (db.session.scalar(select(func.max(ChecklistVersion.number))
                                .where(ChecklistVersion.checklist_id == checklist.id)) or 0) + 1
    version = ChecklistVersion(checklist=checklist, number=number, title=content["title"], steps=content["steps"],
                               content_sha256=digest, published_by=published_by)
    db.session.add(version)
    db.session.flush()
    record("checklist.publish", "checklist_version", version.id, actor_id=published_by, device_id=device_id,
           department_id=checklist.department_id, details={"checklist": checklist.key, "number": number})
    record_change("checklist_version", version.id, version.to_dict(), department_id=checklist.department_id)
    return version


def revision_of(draft: ChecklistDraft | None) -> str | None:
    """The draft's revision as the desk holds it (opaque; changes with every save); None without a draft."""
    return None if draft is None else draft.updated_at.isoformat()


def starting_version(checklist_id: int) -> ChecklistVersion | None:
    """The version a new draft starts from: the one phones run, else (all retired) the newest."""
    return newest_version(checklist_id, active_only=True) or newest_version(checklist_id)


def check_loaded(checklist: Checklist, draft: ChecklistDraft | None, loaded: dict | None) -> None:
    """Refuse a save or publish made on a copy older than what is stored now (optimistic concurrency).

    ``loaded`` is what the editor loaded: ``revision`` (the draft's, None when there was no draft) and
    ``base_version_id``; None from a client that sends neither (accepted unchecked, as before: docs/desk-api.md).
    """
    if loaded is None:
        return
    base = draft.base_version_id if draft is not None else getattr(starting_version(checklist.id), "id", None)
    if loaded.get("base_version_id") != base:
        raise PublishedSince("a version was published since you opened this checklist; reload it to see that version")
    if loaded.get("revision") != revision_of(draft):
        raise DraftChanged("someone else saved, published or discarded this draft since you opened it; reload it")


def save_draft(checklist: Checklist, content: dict, principal, loaded: dict | None = None) -> ChecklistDraft:
    """Create or replace the checklist's one draft; a new draft is based on the version phones run.

    ``loaded``: what the editor started from (``check_loaded``); a copy older than the stored one is refused."""
    _lock(checklist)
    draft = db.session.get(ChecklistDraft, checklist.id, populate_existing=True)
    check_loaded(checklist, draft, loaded)
    if draft is None:
        base = starting_version(checklist.id)
        draft = ChecklistDraft(checklist_id=checklist.id, base_version_id=base.id if base else None)
        db.session.add(draft)
    draft.title, draft.steps = content["title"], content["steps"]
    draft.updated_at, draft.updated_by = utcnow(), principal.user_id
    db.session.flush()
    record("checklist.draft_save", "checklist", checklist.id, actor_id=principal.user_id,
           device_id=principal.device_id, department_id=checklist.department_id,
           details={"checklist": checklist.key, "steps": len(content["steps"])})
    return draft


def publish_draft(checklist: Checklist, principal, loaded: dict | None = None) -> ChecklistVersion:
    """Publish the checklist's draft as its next version and discard the draft; ``loaded`` as for ``save_draft``."""
    _lock(checklist)
    draft = db.session.get(ChecklistDraft, checklist.id, populate_existing=True)
    check_loaded(checklist, draft, loaded)
    if draft is None:
        raise NoDraft("there is no draft to publish; save one first")
    # A draft saved before the server joined form numbers is joined now: no version breaks "I-200".
    content = joined({"title": draft.title, "steps": draft.steps})
    problems = content_problems(content)
    if problems:
        raise InvalidContent(problems)
    version = publish_version(checklist, content, published_by=principal.user_id, device_id=principal.device_id)
    if version is None:
        raise NothingChanged("nothing changed: the draft is the same as the version phones already run")
    db.session.delete(draft)
    return version


def retire_version(version: ChecklistVersion, principal) -> ChecklistVersion:
    """Retire a version so phones stop offering it for new encounters; retiring twice changes nothing."""
    _lock(version.checklist)
    # Read after the lock, this version included: another trainer's retire may have committed while we waited.
    versions = versions_of(version.checklist_id)
    if version.retired_at is not None:
        return version
    if not can_retire(version, versions):
        raise OnlyActiveVersion("this is the only version in use: phones would have no checklist to start with; "
                                "publish a new version first")
    version.retired_at = utcnow()
    db.session.flush()
    checklist = version.checklist
    record("checklist.retire", "checklist_version", version.id, actor_id=principal.user_id,
           device_id=principal.device_id, department_id=checklist.department_id,
           details={"checklist": checklist.key, "number": version.number})
    record_change("checklist_version", version.id, version.to_dict(), department_id=checklist.department_id)
    return version


def discard_draft(checklist: Checklist, principal) -> None:
    """Delete the checklist's draft, if any (audited)."""
    draft = db.session.get(ChecklistDraft, checklist.id)
    if draft is None:
        return
    db.session.delete(draft)
    record("checklist.draft_discard", "checklist", checklist.id, actor_id=principal.user_id,
           device_id=principal.device_id, department_id=checklist.department_id, details={"checklist": checklist.key})
