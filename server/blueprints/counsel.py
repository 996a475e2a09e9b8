"""Counsel's warrant check (issue 11): phones share document photos; counsel reads them and answers."""
import re
from uuid import UUID

from flask import g
from flask_smorest import Blueprint

from server import counsel
from server.access import require
from server.auth import token_required
from server.errors import ApiError
from server.extensions import db, device_limit
from server.schemas.counsel import (
    CounselAnswerInSchema, CounselDocumentListSchema, CounselDocumentSchema, CounselDocumentsQuerySchema, ShareDocumentSchema,
)

blp = Blueprint("counsel", __name__, description="Counsel's warrant check (docs/desk-api.md, Counsel)")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DOC = {"security": [{"bearer": []}]}


def _uuid(text: str, message: str) -> UUID:
    """Parse a path id; a malformed one is as absent as any other."""
    try:
        return UUID(text)
    except ValueError:
        raise ApiError(404, message) from None


def _run(change, *args):
    """Run a change and commit it, or roll back and answer the refusal in the one error shape."""
    try:
        result = change(g.principal, *args)
    except counsel.CounselRefusal as exc:
        db.session.rollback()
        # A sensitive_text refusal's errors carry offsets and kinds only, never the words.
        raise ApiError(exc.status, exc.message, reason=exc.reason, errors=exc.errors) from None
    db.session.commit()
    return result


@blp.route("/encounters/<encounter_id>/documents/<sha256>", methods=["PUT"])
@blp.doc(**_DOC, responses={"201": {"description": "shared"}, "200": {"description": "already shared (a retry)"}})
@token_required
@device_limit("UPLOAD_RATE_LIMIT")
@blp.arguments(ShareDocumentSchema)
def share_document(args, encounter_id, sha256):
    """Share an uploaded photo with counsel as the document of an encounter in progress (idempotent)."""
    require(g.principal, "share_document")
    eid = _uuid(encounter_id, "no such encounter")
    if not _SHA256.fullmatch(sha256):
        raise ApiError(400, "the URL must end in the lowercase hex SHA-256 of an uploaded photo", reason="hash_mismatch")
    created = _run(counsel.share_document, eid, sha256, args["site"], args["taken_at"])
    return {"encounter_id": str(eid), "sha256": sha256}, 201 if created else 200


@blp.route("/counsel/documents")
@blp.doc(**_DOC)
@token_required
@blp.arguments(CounselDocumentsQuerySchema, location="query")
@blp.response(200, CounselDocumentListSchema)
def list_documents(args):
    """List the documents of open encounters in counsel's scope, oldest first (the list is audited)."""
    require(g.principal, "check_documents")
    return {"documents": _run(counsel.list_documents, args["state"])}


@blp.route("/counsel/documents/<encounter_id>")
@blp.doc(**_DOC)
@token_required
@blp.response(200, CounselDocumentSchema)
def read_document(encounter_id):
    """Return one open document in scope (audited); 404 out of scope."""
    require(g.principal, "check_documents")
    return _run(counsel.read_document, _uuid(encounter_id, "no such document"))


@blp.route("/counsel/documents/<encounter_id>/answer", methods=["PUT"])
@blp.doc(**_DOC)
@token_required
@blp.arguments(CounselAnswerInSchema)
@blp.response(200, CounselDocumentSchema)
def answer_document(args, encounter_id):
    """Answer judicial, administrative or unclear, with an optional note; replaces an earlier answer (audited)."""
    require(g.principal, "check_documents")
    return _run(counsel.answer_document, _uuid(encounter_id, "no such document"), args["verdict"], args["note"])
