"""Alerts, live desk events and Web Push subscriptions for the desk (docs/desk-api.md, issue 11)."""
from uuid import UUID

from flask import Response, current_app, g, request, stream_with_context
from flask_smorest import Blueprint
from marshmallow import RAISE
from sqlalchemy import select

from encounter.field_message import coded
from server import alerts as alert_store, live, webpush
from server.access import can, require, scoped
from server.audit import record
from server.auth import token_required
from server.errors import ApiError
from server.extensions import db
from server.models import Alert, PushSubscription
from server.models.types import utcnow
from server.schemas.alerts import (
    AlertCloseSchema, AlertListSchema, AlertQuerySchema, AlertSchema, PublicKeySchema, SubscriptionSchema,
    UnsubscribeSchema,
)

blp = Blueprint("alerts", __name__, description="One-tap alerts, the desk's live events, Web Push (docs/desk-api.md)")
ALERTS_MAX = 200
# One Server-Sent Event as a client parses it; ``data`` is JSON (docs/desk-api.md, the table of kinds).
_EVENT = {"type": "object", "required": ["id", "event", "data"],
          "properties": {"id": {"type": "string", "pattern": "^[0-9]+$"},
                         "event": {"type": "string", "enum": list(live.KINDS)},
                         "data": {"type": "string", "contentMediaType": "application/json"}}}


def _described(alerts) -> list[dict]:
    named = alert_store.places(alert.site_id for alert in alerts)
    return [alert_store.describe(alert, *named[alert.site_id]) for alert in alerts]


@blp.route("/alerts")
@token_required
@blp.arguments(AlertQuerySchema, location="query", unknown=RAISE)
@blp.response(200, AlertListSchema)
@blp.doc(security=[{"bearer": []}])
def list_alerts(args):
    """Return the alerts in the reader's scope, newest first (open ones by default)."""
    require(g.principal, "read_reports")
    alerts = db.session.scalars(scoped(Alert, g.principal).where(alert_store.state_filter(args["state"]))
                                .order_by(Alert.received_at.desc(), Alert.id).limit(ALERTS_MAX)).all()
    return {"alerts": _described(alerts)}


@blp.route("/alerts/<uuid:alert_id>")
@token_required
@blp.response(200, AlertSchema)
@blp.doc(security=[{"bearer": []}])
def get_alert(alert_id: UUID):
    """Return one alert; another department's reads as not found."""
    require(g.principal, "read_reports")
    alert = db.session.scalar(scoped(Alert, g.principal).where(Alert.id == alert_id))
    if alert is None:
        raise ApiError(404, "no such alert")
    return _described([alert])[0]


@blp.route("/alerts/<uuid:alert_id>/close", methods=["POST"])
@token_required
@blp.arguments(AlertCloseSchema)
@blp.response(200, AlertSchema)
@blp.doc(security=[{"bearer": []}])
def close_alert(args, alert_id: UUID):
    """Close an open alert whose report will not come (liaisons of its department); closed already: as it is."""
    require(g.principal, "triage")
    alert = alert_store.close_by_hand(g.principal, alert_id, args["reason"])
    if alert is None:
        raise ApiError(404, "no such alert")
    described = _described([alert])[0]
    db.session.commit()
    live.wakeups.announce(current_app._get_current_object())
    return described


def _last_event_id() -> int | None:
    raw = request.headers.get("Last-Event-ID")
    if raw is None or raw.strip() == "":
        return None
    raw = raw.strip()
    if not raw.isdigit() or len(raw) > 18:
        raise ApiError(400, "Last-Event-ID must be the id of an event this stream sent", reason="bad_last_event_id")
    return int(raw)


@blp.route("/events")
@token_required
@blp.doc(security=[{"bearer": []}],
         responses={"200": {"description": "Server-Sent Events: alert, alert_closed, report (docs/desk-api.md)",
                            "content": {"text/event-stream": {"schema": _EVENT}}}})
def events():
    """Stream the reader's desk events (new alerts, closed alerts, new P1 reports) for about 25 s."""
    principal = g.principal
    require(principal, "watch_desk")
    after = live.start_position(_last_event_id(), current_app.config["EVENTS_REPLAY_SECONDS"])
    config = current_app.config
    if not live.wakeups.open_stream(config["EVENTS_MAX_STREAMS"]):
        raise ApiError(503, "too many live streams on this server; poll the queue and try again later",
                       reason="streams_full", headers={"Retry-After": str(config["RETRY_AFTER_SECONDS"])})
    live.wakeups.watch(current_app._get_current_object())
    db.session.rollback()  # no connection is held while the stream waits
    body = stream_with_context(live.stream(principal, after, config["EVENTS_STREAM_SECONDS"]))
    response = Response(body, mimetype="text/event-stream",
                        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    response.call_on_close(live.wakeups.close_stream)
    return response


@blp.route("/push-subscriptions/key")
@token_required
@blp.response(200, PublicKeySchema)
@blp.doc(security=[{"bearer": []}])
def push_key():
    """Return the server's VAPID public key; null when Web Push is not configured or not this role's (an answer).

    Every queue load asks: a 404 or 403 here was logged as an error by the browser on every server without push,
    and on every administrator's visit to the queue. Subscribing is still refused to a role that may not.
    """
    offered = webpush.configured(current_app.config) and can(g.principal, "subscribe_push")
    return {"public_key": current_app.config["VAPID_PUBLIC_KEY"] if offered else None}


@blp.route("/push-subscriptions", methods=["POST"])
@token_required
@blp.arguments(SubscriptionSchema)
@blp.response(201)
@blp.doc(security=[{"bearer": []}])
def subscribe(args):
    """Keep this browser's push subscription (once per endpoint; the newest sign-in owns it)."""
    principal = g.principal
    require(principal, "subscribe_push")
    if not webpush.configured(current_app.config):
        raise ApiError(404, "Web Push is not configured on this server", reason="push_not_configured")
    if not args["endpoint"].startswith("https://") and not current_app.config["WEBPUSH_ALLOW_HTTP"]:
        raise ApiError(422, "the subscription is invalid", reason="invalid_subscription",
                       errors={"endpoint": [coded("url", "must be an https URL of a push service")]})
    row = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == args["endpoint"]))
    if row is None:
        row = PushSubscription(endpoint=args["endpoint"], created_at=utcnow())
        db.session.add(row)
    row.p256dh, row.auth = args["keys"]["p256dh"], args["keys"]["auth"]
    row.user_id, row.device_id = principal.user_id, principal.device_id
    db.session.flush()
    record("push.subscribe", "push_subscription", row.id, actor_id=principal.user_id, device_id=principal.device_id,
           department_id=principal.department_id)
    db.session.commit()
    return None


@blp.route("/push-subscriptions", methods=["DELETE"])
@token_required
@blp.arguments(UnsubscribeSchema)
@blp.response(204)
@blp.doc(security=[{"bearer": []}])
def unsubscribe(args):
    """Forget this browser's push subscription (nothing to forget is fine too)."""
    principal = g.principal
    require(principal, "subscribe_push")
    row = db.session.scalar(scoped(PushSubscription, principal).where(PushSubscription.endpoint == args["endpoint"]))
    if row is not None:
        record("push.unsubscribe", "push_subscription", row.id, actor_id=principal.user_id,
               device_id=principal.device_id, department_id=principal.department_id)
        db.session.delete(row)
        db.session.commit()
    return None
