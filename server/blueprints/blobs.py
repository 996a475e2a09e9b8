"""Photos of documents: upload by content hash, read back only through a visible report."""
import hashlib
import logging
import re

from flask import Response, current_app, g, request
from flask_smorest import Blueprint
from sqlalchemy import exists, select
from werkzeug.exceptions import RequestEntityTooLarge

from encounter import views
from server.access import require, scoped, visible
from server.audit import record
from server.counsel import audit_photo_view
from server.auth import token_required
from server.blobs import ALLOWED_TYPES, StorageUnavailable, sniff_type, storage
from server.errors import ApiError, error_response
from server.extensions import db, device_limit
from server.inserts import insert_new
from server.models import Blob, BlobUpload, EncounterPhoto, RemovedPhoto
from server.models.types import utcnow

log = logging.getLogger(__name__)
blp = Blueprint("blobs", __name__, description="Photos of documents (docs/sync-protocol.md, Photos)")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_BLOB_RESPONSE = {"description": "the stored bytes", "content": {t: {"schema": {"type": "string", "format": "binary"}}
                                                                 for t in ALLOWED_TYPES}}


@blp.errorhandler(StorageUnavailable)
def _storage_unavailable(exc: StorageUnavailable):
    """Photo storage is down or unreachable: nothing was stored; the phone keeps the photo and retries."""
    log.warning("photo storage unavailable: %s", exc)
    db.session.rollback()
    return error_response(503, "photo storage is unavailable; nothing from this request was stored, try again later",
                          reason="blob_storage_unavailable",
                          headers={"Retry-After": str(current_app.config.get("RETRY_AFTER_SECONDS", 5))})


def _read_body(limit: int) -> bytes:
    """Read the raw body, refusing more than ``limit`` bytes with a 413 that names the blob limit."""
    too_large = ApiError(413, f"a photo may be at most {limit} bytes", reason="too_large")
    if request.content_length is not None and request.content_length > limit:
        raise too_large
    # Per request, so the app-wide MAX_REQUEST_BYTES does not cut a photo first; one byte
    # over, so a chunked body cut at the cap reads as too large rather than as a bad hash.
    request.max_content_length = limit + 1
    try:
        data = request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise too_large from None
    if len(data) > limit:
        raise too_large
    return data


def _removed_from_visible_report(sha256: str) -> bool:
    """Was this photo taken out of a report the principal may see? (Anyone else learns nothing: 404.)"""
    if not _SHA256.fullmatch(sha256):
        return False
    return db.session.scalar(scoped(RemovedPhoto, g.principal).with_only_columns(RemovedPhoto.sha256)
                             .where(RemovedPhoto.sha256 == sha256).limit(1)) is not None


def _removed_for_uploader(sha256: str) -> bool:
    """Was this photo removed from a report the uploader may see, and does no report they may see cite it? Refused.

    Only reports the uploader sees count, both ways: anyone else holding the same bytes would learn from a 410
    that another department's report once held them, and the uploader would learn from a 201 instead of a 410
    that another department's report holds them now. For the former the upload goes on as any new photo's.
    """
    cited_here = exists().where(EncounterPhoto.sha256 == sha256, visible(EncounterPhoto, g.principal))
    return _removed_from_visible_report(sha256) and not db.session.scalar(select(cited_here))


@blp.route("/blobs/<sha256>", methods=["PUT"])
@blp.doc(security=[{"bearer": []}],
         requestBody={"required": True, "content": {t: {"schema": {"type": "string", "format": "binary"}}
                                                    for t in ALLOWED_TYPES}},
         responses={"201": {"description": "stored for this user (also when another user uploaded these bytes)"},
                    "200": {"description": "already held: this user uploaded these bytes before"}})
@token_required(during_wipe=True)
@device_limit("UPLOAD_RATE_LIMIT")
def put_blob(sha256: str):
    """Store a photo under the SHA-256 of its bytes: 201 if new to this user, 200 if they uploaded it before."""
    principal = g.principal
    require(principal, "upload_blob")
    if not _SHA256.fullmatch(sha256):
        raise ApiError(400, "the URL must end in the lowercase hex SHA-256 of the bytes", reason="hash_mismatch")
    limit = current_app.config["BLOB_MAX_BYTES"]
    data = _read_body(limit)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ApiError(400, "the bytes received do not hash to the URL's SHA-256 (cut off in transit?); "
                            "nothing was stored, upload again", reason="hash_mismatch")
    if _removed_for_uploader(sha256):
        # A phone still holding a photo a liaison removed (or retention erased) must not bring it back.
        raise ApiError(410, "this photo was removed from its report; it is not accepted again", reason="removed")
    content_type = sniff_type(data)
    if content_type is None:
        raise ApiError(415, "only JPEG, PNG, WebP and PDF files are accepted, judged by their content",
                       reason="unsupported_type")
    # Bytes first, row second: a row always means the bytes are safe on disk.
    storage().put(sha256, data)
    now = utcnow()
    insert_new(Blob, {"sha256": sha256, "size": len(data), "content_type": content_type, "created_at": now,
                      "uploaded_by": principal.user_id, "uploaded_device_id": principal.device_id}, ["sha256"])
    # Every uploader is recorded, also when the bytes were held already: what they may read, share with
    # counsel or be asked for on push depends on their own upload, never on someone else's.
    # Only their own retry is "already held" (200): for bytes someone else uploaded a 200 would confirm to a
    # user of another department (or a colleague whose reports they cannot read) that a report holds them.
    first = insert_new(BlobUpload, {"sha256": sha256, "user_id": principal.user_id,
                                    "device_id": principal.device_id, "uploaded_at": now}, ["sha256", "user_id"])
    if first:
        record("blob.upload", "blob", sha256, actor_id=principal.user_id, device_id=principal.device_id,
               department_id=principal.department_id, details={"size": len(data), "content_type": content_type})
    db.session.commit()
    return {"sha256": sha256, "size": len(data), "content_type": content_type}, 201 if first else 200


@blp.route("/blobs/<sha256>")
@token_required
@blp.doc(security=[{"bearer": []}], responses={"200": _BLOB_RESPONSE})
def get_blob(sha256: str):
    """Return a photo to a user who may see a report referencing it (or who uploaded it)."""
    blob = db.session.scalar(scoped(Blob, g.principal).where(Blob.sha256 == sha256)) if _SHA256.fullmatch(sha256) else None
    data = storage().get(sha256) if blob is not None else None
    if blob is not None and data is None:
        log.error("blob %s has a row but no bytes in storage", sha256)
    if data is not None and views.view(g.principal.role).photos == views.OPEN_DOCUMENTS:
        audit_photo_view(g.principal, sha256)  # every counsel view is audited (issue 11)
        db.session.commit()
    if data is None:
        if blob is None and _removed_from_visible_report(sha256):
            raise ApiError(410, "this photo was removed from the report (redaction or retention)", reason="removed")
        # Out of scope and nonexistent read alike: a 403 would confirm the photo exists.
        raise ApiError(404, "no such photo")
    return Response(data, mimetype=blob.content_type, headers={
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline",
    })
