"""Devices as the administrator manages them: last contact, app version, revoke, revoke with wipe.

Revoke with wipe, from the phone's side: its next sync still pushes what it holds (push and photo
uploads are let through), every other request answers 401 ``device_wipe``; the phone then says
``POST /device/wiped``, erases its local data and shows the sign-in screen. A phone that never
comes back wipes itself after ``DEVICE_WIPE_AFTER_DAYS`` without contact (told at sign-in).
"""
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from server.audit import record
from server.extensions import db
from server.models import Device, DeviceToken
from server.models.types import utcnow

SEEN_EVERY = timedelta(minutes=1)
VERSION_MAX = 40


def seen(device_id, last_seen_at, current_version: str | None, app_version: str | None):
    """Record a contact (and the app version it named) unless one was recorded within the minute.

    Return the (last contact, app version) written, or None when nothing was.
    """
    now = utcnow()
    version = (app_version or "").strip()[:VERSION_MAX] or current_version
    if last_seen_at is not None and now - last_seen_at < SEEN_EVERY and version == current_version:
        return None
    # Committed on its own, before the view runs: nothing of the request is in the session yet,
    # and a read-only request (pull) would otherwise never commit it.
    db.session.execute(update(Device).where(Device.id == device_id).values(last_seen_at=now, app_version=version)
                       .execution_options(synchronize_session=False, auth_neutral=True))
    db.session.commit()
    return now, version


def revoke(device: Device, principal, *, wipe: bool) -> None:
    """Revoke a device; with ``wipe`` its tokens stay usable for push only, until the phone says it wiped."""
    now = utcnow()
    if device.revoked_at is None:
        device.revoked_at = now
        device.revoked_by = principal.user_id
        if not wipe:
            db.session.execute(update(DeviceToken).where(DeviceToken.device_id == device.id,
                                                         DeviceToken.revoked_at.is_(None)).values(revoked_at=now))
    if wipe and device.wipe_requested_at is None and device.wiped_at is None:
        device.wipe_requested_at = now
    record("device.revoke", "device", device.id, actor_id=principal.user_id, device_id=principal.device_id,
           details={"wipe": wipe})


def wiped(device_id, principal) -> None:
    """The phone says it erased its data: end its tokens for good."""
    device = db.session.get(Device, device_id)
    now = utcnow()
    device.wiped_at = now
    db.session.execute(update(DeviceToken).where(DeviceToken.device_id == device_id, DeviceToken.revoked_at.is_(None))
                       .values(revoked_at=now))
    record("device.wiped", "device", device_id, actor_id=principal.user_id, device_id=device_id)


def wipe_after_days() -> int:
    """Days without contact after which a phone erases itself (DEVICE_WIPE_AFTER_DAYS)."""
    return current_app.config["DEVICE_WIPE_AFTER_DAYS"]


def devices_query(user_id: int | None = None):
    """Devices newest first, optionally one user's."""
    query = select(Device).order_by(Device.created_at.desc())
    return query.where(Device.user_id == user_id) if user_id is not None else query
