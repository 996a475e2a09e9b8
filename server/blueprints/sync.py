"""Push and pull: the thin web layer over ``sync.protocol``."""
import orjson
from flask import Response, current_app, g, request
from flask_smorest import Blueprint
from marshmallow import RAISE, ValidationError

import sync
from server import live, webpush
from server.access import require
from server.errors import ApiError
from server.extensions import db, device_limit
from server.field_codes import codes_or_none
from server.kinds import kinds_for
from server.reference_cache import PushReferences, StaleReferences
from server.retention import phone_schedule
from server.schemas.sync import (
    PullQuerySchema, PullResponseSchema, PushEnvelopeSchema, PushRequestSchema, PushResponseSchema,
)
from server.auth import token_required
from server.ops.metrics import count_push
from server.sync_store import SqlStore
from sync.envelope import iso_time

blp = Blueprint("sync", __name__, description="The sync protocol (docs/sync-protocol.md)")
_envelope = PushEnvelopeSchema()
# An instance, not the class: webargs builds a schema from a class on every request (~5% of an empty pull).
_pull_query = PullQuerySchema()


def _cursor_seal() -> sync.CursorSeal:
    """This app's cursor seal, keyed by its SECRET_KEY (built once: the key derivation is not free)."""
    seal = current_app.extensions.get("cursor_seal")
    if seal is None:
        seal = current_app.extensions["cursor_seal"] = sync.CursorSeal(current_app.config["SECRET_KEY"])
    return seal


def _json(payload: dict, status: int = 200) -> Response:
    """Answer with orjson: results of a 500-item batch are serialised on the hot path."""
    # NON_STR_KEYS: marshmallow keys errors of list elements by index ({"steps": {0: …}}).
    return Response(orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS), status=status, mimetype="application/json")


def _load_push() -> sync.PushRequest:
    """Parse and check the push envelope; anything malformed is a 4xx saying what to fix."""
    if request.mimetype != "application/json":
        raise ApiError(415, "send the push as application/json")
    raw = request.get_data(cache=False)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is None and limit and len(raw) >= limit:
        # A chunked body is cut at the limit without an error (werkzeug): say 413, not "malformed".
        raise ApiError(413, f"the request body is larger than the limit of {limit} bytes", reason="too_large")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc}", reason="malformed_json") from None
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object", reason="malformed_envelope")
    try:
        envelope = _envelope.load(data)
    except ValidationError as exc:
        raise ApiError(422, "the push envelope is invalid", reason="invalid_envelope", errors=exc.messages,
                       schema=_envelope, data=data) from None
    return sync.PushRequest(envelope["protocol"], envelope["device_id"], envelope["items"])


def _push(refs: PushReferences, request_: sync.PushRequest) -> tuple[SqlStore, list]:
    """Check and store the batch against ``refs``; return the store (its news) and the results."""
    store = SqlStore(refs)
    principal = g.principal
    return store, sync.push(store, principal, request_, kinds_for(principal, refs),
                            max_items=current_app.config["SYNC_MAX_ITEMS"], codes=codes_or_none)


@blp.route("/sync/push", methods=["POST"])
@token_required(during_wipe=True)
@blp.doc(security=[{"bearer": []}],
         requestBody={"required": True, "content": {"application/json": {"schema": PushRequestSchema}}},
         responses={"200": {"description": "one result per item, in order",
                            "content": {"application/json": {"schema": PushResponseSchema}}}})
@device_limit("PUSH_RATE_LIMIT")
def push():
    """Store a batch of items; answer accepted, duplicate, conflict or rejected for each."""
    principal = g.principal
    require(principal, "push")
    request_ = _load_push()
    if request_.device_id != principal.device_id:
        raise ApiError(403, "device_id is not the device this token was issued to", reason="device_mismatch")
    try:
        store, results = _push(PushReferences(principal), request_)
    except StaleReferences:  # sites or checklists changed since this worker's copy: check the push again
        db.session.rollback()
        store, results = _push(PushReferences(principal, fresh=True), request_)
    count_push(results)
    if store.news:  # committed: wake open desk streams, then Web Push to closed desks (never failing the push)
        app = current_app._get_current_object()
        live.wakeups.announce(app)
        webpush.announce(app, store.news)
    return _json({"protocol": sync.PROTOCOL_VERSION, "server_time": iso_time(sync.protocol.utcnow()),
                  "results": [r.to_dict() for r in results]})


@blp.route("/sync/pull")
@token_required
@blp.arguments(_pull_query, location="query", unknown=RAISE)
@blp.doc(security=[{"bearer": []}],
         responses={"200": {"description": "changes after the cursor",
                            "content": {"application/json": {"schema": PullResponseSchema}}}})
def pull(args):
    """Return what changed for this user since the cursor, a page at a time."""
    limit = min(args["limit"], current_app.config["PULL_MAX_LIMIT"])
    seal = _cursor_seal()
    page = sync.pull(SqlStore(), g.principal, args["cursor"], limit, seal)
    return _json({"protocol": sync.PROTOCOL_VERSION, "changes": [c.to_dict() for c in page.changes],
                  "cursor": seal.seal(page.cursor), "has_more": page.has_more,
                  "held_back": page.held_back,
                  # How long the phone keeps what the server already holds (encounter/retention.py).
                  "phone_retention": phone_schedule(current_app.config).to_dict()})
