"""Device sign-in and bearer tokens.

A token is 256 random bits shown to the device once; the database keeps only its
SHA-256 (a fast hash is right for a secret that random: there is nothing to
brute-force, unlike a password, which gets scrypt). Every API route except login
needs a valid token; failures answer 401 with a machine-readable ``reason`` so the
phone knows whether to ask for a new sign-in or to say the device was revoked.
"""
import hashlib
import secrets
from datetime import timedelta
from functools import wraps
from uuid import UUID

from flask import current_app, g, request
from sqlalchemy import bindparam, select
from werkzeug.security import check_password_hash, generate_password_hash

from encounter import door
from server import token_cache
from server.access import require
from server.audit import record
from server.errors import ApiError
from server.extensions import db
from server.models import Device, DeviceToken, User
from server.models.types import utcnow
from sync.envelope import Principal

# Checked against when the username is unknown, so both paths cost one scrypt.
_DUMMY_HASH = generate_password_hash("not-a-password")


def hash_password(password: str) -> str:
    """Hash a password with scrypt (werkzeug's default KDF)."""
    return generate_password_hash(password, method="scrypt")


def token_digest(token: str) -> str:
    """Return the stored form of a bearer token."""
    return hashlib.sha256(token.encode()).hexdigest()


def has_password(password_hash: str) -> bool:
    """Whether a stored hash is a usable password (imported and single sign-on accounts have none)."""
    return password_hash.startswith(("scrypt", "pbkdf2"))


def check_credentials(username: str, password: str) -> User | None:
    """Return the active user with these credentials, spending the same time when the user is unknown,
    disabled or without a password (refused at once, those would tell which usernames exist)."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not has_password(user.password_hash):
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def local_password_allowed(username: str) -> bool:
    """Whether a password may be used for this username (LOCAL_PASSWORDS, or a named break-glass user)."""
    config = current_app.config
    return config["LOCAL_PASSWORDS"] or username in config["LOCAL_PASSWORD_USERS"]


def device_label(name: str | None) -> str:
    """The name a device is kept under: as sent when the door finds nothing in it, else none ("").

    The phone sends "Chrome · Android"; any other client may type anything in the 120 characters, and the
    name reaches the admin's device list and the desk's audit tables. Text the door would stop in a report
    (``encounter.door``) is not kept here either; the sign-in goes on (a name is no reason to lock anyone out).
    """
    name = (name or "").strip()
    return name if not door.spans({"device_name": name}, ("device_name",)) else ""


def name_details(sent: str | None, kept: str) -> dict:
    """What the audit says of a device's name: whether one is kept, and why not; never the name."""
    refused = bool((sent or "").strip()) and not kept
    return {"named": bool(kept), **({"reason": door.REASON} if refused else {})}


def sign_in(user: User, device_id: UUID, device_name: str) -> tuple[str, DeviceToken]:
    """Register (or re-bind) the device to the user and issue a fresh token; refuses a revoked device."""
    device = db.session.get(Device, device_id)
    if device is not None and device.revoked_at is not None:
        # A phone signed out when its wipe was ordered hears of it here, its only contact left.
        reason = "device_wipe" if device.wipe_requested_at is not None and device.wiped_at is None \
            else "device_revoked"
        record("auth.sign_in_refused", "device", device_id, actor_id=user.id, device_id=device_id,
               department_id=user.department_id, details={"reason": reason})
        db.session.commit()
        raise ApiError(403, "this device has been revoked by an administrator; use another device or ask them"
                       + ("; it erases what it holds" if reason == "device_wipe" else ""), reason=reason)
    now = utcnow()
    # No name sent (an older client): the stored one stays, if the door lets it (one kept from before it checked).
    name = device_label(device_name or (device.name if device is not None else ""))
    if device is None:
        device = Device(id=device_id, user_id=user.id, name=name, created_at=now)
        db.session.add(device)
        record("device.register", "device", device_id, actor_id=user.id, device_id=device_id,
               department_id=user.department_id, details=name_details(device_name, name))
    elif device.user_id != user.id:
        # A shared phone changing hands, once its previous user signed out (or their sign-in
        # expired). While they are signed in, a device id is not enough to take the device
        # over: device ids travel in every push and sit in logs.
        live = db.session.scalar(select(DeviceToken.id).where(
            DeviceToken.device_id == device_id, DeviceToken.revoked_at.is_(None), DeviceToken.expires_at > now).limit(1))
        if live is not None:
            record("device.rebind_refused", "device", device_id, actor_id=user.id, device_id=device_id,
                   department_id=user.department_id)
            db.session.commit()
            raise ApiError(409, "another account is signed in on this device; sign in with a new device id",
                           reason="device_in_use")
        record("device.rebind", "device", device_id, actor_id=user.id, device_id=device_id,
               department_id=user.department_id, details={"previous_user_id": device.user_id})
        device.user_id = user.id
    else:
        # Same user signing in again on this device: earlier tokens end (an offline sign-out
        # could not tell the server; they should not stay valid for weeks).
        for old in db.session.scalars(select(DeviceToken).where(DeviceToken.device_id == device_id,
                                                                 DeviceToken.revoked_at.is_(None))):
            old.revoked_at = now
    if device.name != name:
        record("device.rename", "device", device_id, actor_id=user.id, device_id=device_id,
               department_id=user.department_id, details=name_details(device_name or device.name, name))
        device.name = name
    device.last_seen_at = now
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(days=current_app.config["TOKEN_LIFETIME_DAYS"])
    row = DeviceToken(device_id=device_id, user_id=user.id, token_hash=token_digest(token),
                      created_at=now, expires_at=now + lifetime)
    db.session.add(row)
    record("auth.sign_in", "user", user.id, actor_id=user.id, device_id=device_id, department_id=user.department_id)
    return token, row


def _unauthorized(reason: str, message: str) -> ApiError:
    """Build the 401 every token failure answers with."""
    return ApiError(401, message, reason=reason,
                    headers={"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{reason}"'})


# Columns only, built once: every API request runs it (loading three ORM objects cost ~0.3 ms).
_TOKEN_LOOKUP = (
    select(DeviceToken.id, DeviceToken.revoked_at, DeviceToken.expires_at, Device.id, Device.revoked_at,
           Device.wipe_requested_at, Device.wiped_at, Device.last_seen_at, Device.app_version,
           User.id, User.role, User.department_id, User.active)
    .join(Device, DeviceToken.device_id == Device.id).join(User, DeviceToken.user_id == User.id)
    .where(DeviceToken.token_hash == bindparam("digest")))


def authenticate(header: str | None, *, during_wipe: bool = False) -> tuple[Principal, int]:
    """Resolve an Authorization header to a principal and the token's row id, or raise 401 saying why.

    A device revoked with wipe is still let through where ``during_wipe`` (sending what it holds,
    saying it has wiped); everywhere else it hears ``device_wipe`` and erases itself.
    """
    scheme, _, token = (header or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:  # auth schemes are case-insensitive (RFC 9110)
        raise _unauthorized("token_missing", "sign in first: send 'Authorization: Bearer <token>'")
    if len(token) > 200:
        raise _unauthorized("token_invalid", "the token is not one this server issued; sign in again")
    found = _lookup(token_digest(token))
    if found is None:
        raise _unauthorized("token_invalid", "the token is not one this server issued; sign in again")
    (token_id, token_revoked, expires_at, device_id, device_revoked, wipe_requested_at, wiped_at, last_seen_at,
     app_version, user_id, role, department_id, active) = found
    if device_revoked is not None:
        if wipe_requested_at is None or wiped_at is not None:
            raise _unauthorized("device_revoked", "this device has been revoked by an administrator")
        if not during_wipe or token_revoked is not None or expires_at <= utcnow() or not active:
            raise _unauthorized("device_wipe", "this device has been revoked by an administrator; "
                                "it sends what it still holds and then erases its data")
    if token_revoked is not None:
        raise _unauthorized("token_revoked", "this sign-in was ended; sign in again")
    if expires_at <= utcnow():
        raise _unauthorized("token_expired", "this sign-in has expired; sign in again")
    if not active:
        raise _unauthorized("user_inactive", "this account is disabled")
    _seen(found)
    return Principal(user_id, role, department_id, device_id), token_id


def _lookup(digest: str) -> list | None:
    """The token's row (with its device and user): this worker's recent reading, else the database's."""
    ttl = current_app.config["AUTH_CACHE_SECONDS"]
    key = (id(db.engine), digest)
    found = token_cache.get(key, ttl) if ttl else None
    if found is None:
        row = db.session.execute(_TOKEN_LOOKUP, {"digest": digest}).first()
        if row is None:
            return None  # not cached: a token signed in a moment later must work at once
        found = list(row)
        if ttl:
            token_cache.put(key, found)
    return found


def _seen(found: list) -> None:
    """Keep the device's last contact and app version (X-App-Version) for the administrator; at most one write a minute."""
    from server.admin.devices import seen

    contact = seen(found[3], found[7], found[8], request.headers.get("X-App-Version"))
    if contact is not None:  # written: the cached row says so, or it would write on every request
        found[7], found[8] = contact


def token_required(view=None, *, during_wipe: bool = False):
    """Require a valid bearer token; put the principal on ``g.principal`` and the token's row id on ``g.token_id``.

    ``during_wipe``: see ``authenticate``.
    """
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            g.principal, g.token_id = authenticate(request.headers.get("Authorization"), during_wipe=during_wipe)
            return view(*args, **kwargs)
        return wrapper
    return decorate(view) if view is not None else decorate


def requires(action: str):
    """Refuse roles without ``action`` (403, which reveals nothing) before the body or query string is read.

    Goes under ``token_required``.
    """
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            require(g.principal, action)
            return view(*args, **kwargs)
        return wrapper
    return decorate


def revoke_device(device: Device, by: Principal) -> None:
    """Revoke a device and every token on it, and audit who did it."""
    now = utcnow()
    device.revoked_at = now
    device.revoked_by = by.user_id
    for row in db.session.scalars(select(DeviceToken).where(DeviceToken.device_id == device.id,
                                                             DeviceToken.revoked_at.is_(None))):
        row.revoked_at = now
    record("device.revoke", "device", device.id, actor_id=by.user_id, device_id=by.device_id)
