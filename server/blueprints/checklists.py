"""Checklists for trainers and admins: draft, publish, retire, preview (docs/desk-api.md, Checklists)."""
from flask import g
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from server import checklists as publishing
from server.access import require, scoped
from server.auth import token_required
from server.errors import ApiError
from server.extensions import db
from server.models import Checklist, ChecklistDraft, ChecklistVersion
from server.schemas.checklists import ChecklistSchema, DraftInSchema, DraftSchema, PublishInSchema, VersionSchema
from server.schemas.fields import LARGEST_ID

blp = Blueprint("checklists", __name__, description="Checklist drafts, publishing and retiring (trainers, admins)")
_SECURITY = [{"bearer": []}]


def _require_editor() -> None:
    """Refuse roles that never edit checklists; says nothing about any checklist."""
    require(g.principal, "edit_checklists")


def _checklist(checklist_id: int) -> Checklist:
    """Return a visible checklist; another department's is 404 exactly like one that does not exist."""
    _require_editor()
    found = None
    if checklist_id <= LARGEST_ID:
        found = db.session.scalar(scoped(Checklist, g.principal).where(Checklist.id == checklist_id))
    if found is None:
        raise ApiError(404, "no such checklist")
    return found


def _version(version_id: int) -> ChecklistVersion:
    """Return a visible version; out of scope reads as nonexistent."""
    _require_editor()
    found = None
    if version_id <= LARGEST_ID:
        found = db.session.scalar(scoped(ChecklistVersion, g.principal).where(ChecklistVersion.id == version_id))
    if found is None:
        raise ApiError(404, "no such checklist version")
    return found


def _refused(exc: publishing.ChecklistError) -> ApiError:
    """A rule's refusal in the one error shape."""
    db.session.rollback()
    if isinstance(exc, publishing.InvalidContent):
        return ApiError(422, str(exc), reason=exc.reason, errors={"json": exc.problems})
    return ApiError(409, str(exc), reason=exc.reason)


def _draft_view(checklist: Checklist) -> dict:
    """The draft, or the running version's content as a starting point when there is none."""
    draft = db.session.get(ChecklistDraft, checklist.id)
    running = publishing.starting_version(checklist.id)
    if draft is None:
        return {"checklist_id": checklist.id, "exists": False, "title": running.title if running else {},
                "steps": running.steps if running else [], "base_version_id": running.id if running else None,
                "stale": False, "updated_at": None, "revision": None}
    newest = publishing.newest_version(checklist.id)
    return {"checklist_id": checklist.id, "exists": True, "title": draft.title, "steps": draft.steps,
            "base_version_id": draft.base_version_id, "updated_at": draft.updated_at,
            "revision": publishing.revision_of(draft),
            "stale": newest is not None and newest.id != draft.base_version_id}


@blp.route("/checklists")
@blp.response(200, ChecklistSchema(many=True))
@blp.doc(security=_SECURITY)
@token_required
def list_checklists():
    """List the visible checklists with their versions (newest first) and whether a draft exists."""
    _require_editor()
    found = db.session.scalars(scoped(Checklist, g.principal).options(selectinload(Checklist.department))
                               .order_by(Checklist.department_id, Checklist.key)).all()
    ids = [c.id for c in found]
    versions: dict[int, list] = {i: [] for i in ids}
    for version in db.session.scalars(select(ChecklistVersion).where(ChecklistVersion.checklist_id.in_(ids))
                                      .order_by(ChecklistVersion.number.desc())):
        versions[version.checklist_id].append(version)
    drafts = set(db.session.scalars(select(ChecklistDraft.checklist_id).where(ChecklistDraft.checklist_id.in_(ids))))
    return [{"id": c.id, "key": c.key, "department": {"code": c.department.code, "name": c.department.name},
             "versions": _listed(versions[c.id]), "has_draft": c.id in drafts} for c in found]


def _listed(versions: list[ChecklistVersion]) -> list[dict]:
    """One checklist's versions as listed, each saying whether phones run it and whether it can be retired now
    (the publishing rules' own answers, so the desk never offers what the server would refuse)."""
    running = publishing.running_version(versions)
    return [{"id": v.id, "number": v.number, "published_at": v.published_at, "retired_at": v.retired_at,
             "retired": v.retired, "running": v is running, "retirable": publishing.can_retire(v, versions)}
            for v in versions]


@blp.route("/checklists/<int:checklist_id>/draft")
@blp.response(200, DraftSchema)
@blp.doc(security=_SECURITY)
@token_required
def get_draft(checklist_id: int):
    """Return the draft, or without one the running version's content with ``base_version_id``."""
    return _draft_view(_checklist(checklist_id))


@blp.route("/checklists/<int:checklist_id>/draft", methods=["PUT"])
@token_required  # before the body is read: an anonymous caller learns nothing, not even our field errors
@blp.arguments(DraftInSchema)
@blp.response(200, DraftSchema)
@blp.doc(security=_SECURITY)
def put_draft(content: dict, checklist_id: int):
    """Create or replace the checklist's draft; 409 ``draft_changed`` / ``published_since`` when the copy the
    editor loaded (``revision``, ``base_version_id``) is older than what is stored now."""
    checklist = _checklist(checklist_id)
    loaded = content.pop("loaded")
    try:
        publishing.save_draft(checklist, content, g.principal, loaded)
    except publishing.ChecklistError as exc:
        raise _refused(exc) from None
    db.session.commit()
    return _draft_view(checklist)


@blp.route("/checklists/<int:checklist_id>/draft", methods=["DELETE"])
@blp.response(204)
@blp.doc(security=_SECURITY)
@token_required
def delete_draft(checklist_id: int):
    """Discard the draft (nothing published changes)."""
    checklist = _checklist(checklist_id)
    publishing.discard_draft(checklist, g.principal)
    db.session.commit()


@blp.route("/checklists/<int:checklist_id>/publish", methods=["POST"])
@token_required
@blp.arguments(PublishInSchema, required=False)
@blp.response(201, VersionSchema)
@blp.doc(security=_SECURITY)
def publish(body: dict, checklist_id: int):
    """Publish the draft as the next version; phones receive it on their next pull. The body (optional) says what
    the editor loaded: 409 ``draft_changed`` / ``published_since`` when the stored draft is not that one."""
    checklist = _checklist(checklist_id)
    try:
        version = publishing.publish_draft(checklist, g.principal, (body or {}).get("loaded"))
    except publishing.ChecklistError as exc:
        raise _refused(exc) from None
    db.session.commit()
    return version


@blp.route("/checklist-versions/<int:version_id>")
@blp.response(200, VersionSchema)
@blp.doc(security=_SECURITY)
@token_required
def get_version(version_id: int):
    """Return a published version with its content (preview, comparison)."""
    return _version(version_id)


@blp.route("/checklist-versions/<int:version_id>/retire", methods=["POST"])
@blp.response(200, VersionSchema)
@blp.doc(security=_SECURITY)
@token_required
def retire(version_id: int):
    """Retire a version: phones stop offering it for new encounters; ones in progress finish on it."""
    version = _version(version_id)
    try:
        publishing.retire_version(version, g.principal)
    except publishing.ChecklistError as exc:
        raise _refused(exc) from None
    db.session.commit()
    return version
