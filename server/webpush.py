"""Web Push (VAPID, pywebpush) to desk browsers that subscribed, so a closed desk still hears of a P1.

After a push commits a new alert or a new P1 report, every subscription of the department's
liaisons and of the Mayor's Office gets an encrypted (aes128gcm) message
``{"kind", "id", "url"}``: no names, no free text. Sending happens on a small thread pool, with
a short timeout, after the answer to the push is decided: a slow or failing push service never
delays or fails the phone's push. A subscription the push service answers 404 or 410 for is gone
for good and is deleted.
"""
import base64
import json
import logging
from concurrent.futures import ThreadPoolExecutor, wait

from sqlalchemy import delete, exists, or_, select

from server.audit import record
from server.extensions import db
from server.models import Device, DeviceToken, PushSubscription, User
from server.models.types import utcnow

log = logging.getLogger(__name__)
# The desk screen each kind of news opens (pwa/src/desk/routes-liaison.js).
URLS = {"alert": "/#/desk/queue", "report": "/#/desk/report/{id}"}
GONE = (404, 410)
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="webpush")
_pending: set = set()


def configured(config) -> bool:
    """Is Web Push configured (both VAPID keys and a subject)?"""
    return bool(config.get("VAPID_PRIVATE_KEY") and config.get("VAPID_PUBLIC_KEY") and config.get("VAPID_SUBJECT"))


def payload(kind: str, item_id: str) -> dict:
    """The message a subscriber receives for one piece of news: kind, id and the desk URL to open."""
    return {"kind": kind, "id": item_id, "url": URLS[kind].format(id=item_id)}


def recipients(department_id: int):
    """Active liaisons of the department and the Mayor's Office: who hears of its alerts and P1 reports.

    Only browsers still signed in as that user: a desk that signed out (or was revoked) hears nothing,
    nor one revoked with wipe, whose token lives on only to send what it holds.
    """
    signed_in = exists().where(DeviceToken.device_id == PushSubscription.device_id,
                               DeviceToken.user_id == PushSubscription.user_id, DeviceToken.revoked_at.is_(None),
                               DeviceToken.expires_at > utcnow(),
                               Device.id == DeviceToken.device_id, Device.revoked_at.is_(None))
    return select(PushSubscription.id, PushSubscription.endpoint, PushSubscription.p256dh, PushSubscription.auth) \
        .join(User, User.id == PushSubscription.user_id) \
        .where(User.active.is_(True), signed_in,
               or_((User.role == "liaison") & (User.department_id == department_id), User.role == "mayor_office"))


def announce(app, news: list[dict]) -> None:
    """Queue a Web Push of each new alert and new P1 report to its subscribers (after the push committed)."""
    if not configured(app.config):
        return
    messages = []
    for event in news:
        if event["kind"] not in URLS:
            continue  # a closed alert is no reason to wake anyone
        body = json.dumps(payload(event["kind"], event["data"]["id"]))
        for row in db.session.execute(recipients(event["department_id"])):
            messages.append((row.id, {"endpoint": row.endpoint, "keys": {"p256dh": row.p256dh, "auth": row.auth}},
                             body))
    db.session.rollback()  # end the read
    for message in messages:
        future = _pool.submit(_send, app, *message)
        _pending.add(future)
        future.add_done_callback(_pending.discard)


def _send(app, subscription_id: int, subscription: dict, body: str) -> None:
    """Send one message; forget a subscription the push service says is gone; never raise."""
    from pywebpush import WebPushException, webpush

    try:
        webpush(subscription, body, vapid_private_key=app.config["VAPID_PRIVATE_KEY"],
                vapid_claims={"sub": app.config["VAPID_SUBJECT"]}, timeout=app.config["WEBPUSH_TIMEOUT_SECONDS"],
                ttl=app.config["WEBPUSH_TTL_SECONDS"])
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in GONE:
            with app.app_context():
                db.session.execute(delete(PushSubscription).where(PushSubscription.id == subscription_id))
                record("push.gone", "push_subscription", subscription_id, details={"status": status})
                db.session.commit()
                db.session.remove()
            return
        log.warning("web push failed (status %s)", status)
    except Exception:  # network errors, timeouts: best effort
        log.warning("web push failed", exc_info=True)


def drain(timeout: float = 10.0) -> None:
    """Wait for the messages queued so far (tests; a clean shutdown)."""
    wait(list(_pending), timeout=timeout)


def generate_keys() -> tuple[str, str]:
    """Return a new VAPID key pair as (private, public), base64url without padding (the demo's instance folder)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return _b64(private), _b64(public)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
