"""Redaction and legal hold by the report's department's liaisons (docs/desk-api.md, "Redaction and retention")."""
import logging
from uuid import UUID

from flask import g
from flask_smorest import Blueprint

from encounter.redaction import RedactionRefused, TextChanged
from server.auth import requires, token_required
from server.blobs import StorageUnavailable, storage
from server.errors import ApiError
from server.extensions import db
from server.retention import changes
from server.retention.beside import TextNotFound
from server.schemas.retention import (
    LegalHoldSchema, PhotoRemovalSchema, RedactionResultSchema, RedactionSchema, RetentionStateSchema,
)

log = logging.getLogger(__name__)
blp = Blueprint("retention", __name__, description="Redaction and legal hold (docs/desk-api.md)")
_DOC = {"security": [{"bearer": []}]}
_NOT_FOUND = "no such report"


def _allowed(action: str):
    """Authenticate, then refuse roles without ``action`` before the body is read (a 403 reveals nothing)."""
    return lambda view: token_required(requires(action)(view))


def _report_id(text: str) -> UUID:
    """Parse the path's id; a malformed one is as absent as any other."""
    try:
        return UUID(text)
    except ValueError:
        raise ApiError(404, _NOT_FOUND) from None


def _run(change, *args):
    """Run a change and commit it; refusals roll back and answer in the one error shape."""
    try:
        result = change(g.principal, *args)
    except changes.ReportNotFound:
        db.session.rollback()
        raise ApiError(404, _NOT_FOUND) from None
    except changes.PhotoNotFound as exc:
        db.session.rollback()
        raise ApiError(404, str(exc), reason="no_such_photo") from None
    except TextNotFound:
        db.session.rollback()
        raise ApiError(404, "this report holds no such text", reason="no_such_text") from None
    except TextChanged:
        db.session.rollback()
        raise ApiError(409, "the text changed since it was read (another redaction?); read the report again and "
                            "choose the words in the text as it is now", reason="text_changed") from None
    except RedactionRefused as exc:
        db.session.rollback()
        raise ApiError(422, "the redaction was refused", reason="invalid", errors={"json": exc.errors}) from None
    db.session.commit()
    return result


@blp.route("/reports/<report_id>/redactions", methods=["POST"])
@blp.doc(**_DOC)
@_allowed("redact")
@blp.arguments(RedactionSchema)
@blp.response(200, RedactionResultSchema)
def redact(args, report_id):
    """Remove spans of one text of the report (body, note, question, answer, triage move); the audit keeps no words."""
    spans = [(span["start"], span["end"]) for span in args["spans"]]
    result = _run(changes.redact_text, _report_id(report_id), args.get("field"), spans, args["target"],
                  args.get("id"), args.get("text_sha256"))
    return {"target": args["target"], "id": args.get("id"), "field": result.field,
            "removed_characters": result.removed, "spans": result.spans}


@blp.route("/reports/<report_id>/photos/<sha256>", methods=["DELETE"])
@blp.doc(**_DOC)
@_allowed("redact")
@blp.response(200, PhotoRemovalSchema)
def remove_photo(report_id, sha256):
    """Take a photo out of the report; its bytes go too unless another report or a counsel document holds them."""
    blob_deleted = _run(changes.remove_photo, _report_id(report_id), sha256)
    if blob_deleted:
        try:
            storage().delete(sha256)  # after the commit: a row never outlives its bytes' removal decision
        except StorageUnavailable as exc:
            # The removal stands (committed; nobody can read the photo); the purge deletes bytes no row names.
            log.warning("photo %s removed but its bytes wait for the purge: %s", sha256, exc)
    # Whether the bytes went is not said: it would tell the liaison whether another department's report holds them.
    return {"sha256": sha256}


@blp.route("/reports/<report_id>/legal-hold", methods=["POST"])
@blp.doc(**_DOC)
@_allowed("legal_hold")
@blp.arguments(LegalHoldSchema)
@blp.response(200, RetentionStateSchema)
def legal_hold(args, report_id):
    """Put the report on legal hold (erasure stops) or lift the hold; both audited."""
    report = _run(changes.set_hold, _report_id(report_id), args["hold"])
    return changes.state(report)
