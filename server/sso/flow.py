"""The sign-in through the identity provider, from the phone's start to its device token.

1. ``start``: the phone (or desk browser) sends its device id and a random binding value it keeps;
   the server stores the PKCE verifier and nonce under the SHA-256 of a fresh ``state`` and answers
   the provider's authorization URL.
2. ``callback``: the provider sends the browser back with ``code`` and ``state``; the server
   exchanges the code, validates the ID token (client.py), maps the account (accounts.py) and sends
   the browser to the app with a one-time hand-off code, or with the reason it was refused.
3. ``finish``: the app redeems the hand-off code with its binding value and gets the device token,
   exactly as a password sign-in does (server/auth.py ``sign_in``).
"""
import hashlib
import hmac
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from flask import current_app, request
from sqlalchemy import delete, select, update

from server.audit import record
from server.auth import device_label, sign_in
from server.errors import ApiError
from server.extensions import db
from server.models import SsoSignIn, User
from server.models.types import utcnow
from server.ops.metrics import count_login_failure
from server.sso import client
from server.sso.accounts import Refused, resolve

HANDOFF_SECONDS = 120
CALLBACK_PATH = "/api/v1/auth/oidc/callback"
# Rows of finished or abandoned sign-ins are kept a day for the record, then deleted.
KEEP = timedelta(days=1)


def _digest(value: str) -> str:
    """The stored form of a state, hand-off or binding value."""
    return hashlib.sha256(value.encode()).hexdigest()


def redirect_uri() -> str:
    """Where the provider sends the browser back (OIDC_REDIRECT_URI, else this server's callback URL)."""
    return current_app.config["OIDC_REDIRECT_URI"] or request.url_root.rstrip("/") + CALLBACK_PATH


def start(device_id, device_name: str, binding: str) -> str:
    """Store a new sign-in's secrets and return the provider's authorization URL."""
    if not client.configured(current_app.config):
        raise ApiError(404, "single sign-on is not configured on this server", reason="sso_off")
    try:
        auth = client.authorization(redirect_uri())
    except Exception as error:  # the provider's metadata could not be read: not this user's fault
        current_app.logger.warning("sso: provider metadata unavailable: %s", type(error).__name__)
        raise ApiError(503, "the City's sign-in service cannot be reached; try again shortly",
                       reason="provider_unavailable") from None
    now = utcnow()
    db.session.execute(delete(SsoSignIn).where(SsoSignIn.expires_at < now - KEEP))
    db.session.add(SsoSignIn(
        state_hash=_digest(auth["state"]), code_verifier=auth["code_verifier"], nonce=auth["nonce"],
        binding_hash=_digest(binding), device_id=device_id, device_name=device_label(device_name[:120]), created_at=now,
        expires_at=now + timedelta(seconds=current_app.config["OIDC_FLOW_SECONDS"])))
    db.session.commit()
    return auth["url"]


def _back_to_app(**params) -> str:
    """The app's address with the sign-in screen's hand-off or refusal in the fragment (never sent to a server).

    Behind a proxy the configured redirect URI names the public address; the request's may be an inner one.
    """
    configured = current_app.config["OIDC_REDIRECT_URI"]
    root = configured.removesuffix(CALLBACK_PATH) if configured and configured.endswith(CALLBACK_PATH) \
        else request.url_root.rstrip("/")
    return root + "/#/sso?" + urlencode(params)


def callback(args: dict) -> str:
    """Finish the provider's part; return where to send the browser (the app, with a hand-off or a reason)."""
    state = args.get("state") or ""
    now = utcnow()
    row = db.session.scalar(select(SsoSignIn).where(SsoSignIn.state_hash == _digest(state))) if state else None
    if row is None or row.completed_at is not None or row.expires_at <= now:
        # A state never issued is noise anyone can send: counted, not written to the audit log.
        if row is not None:
            record("auth.sso_refused", "sso", row.id, device_id=row.device_id, details={"reason": "expired"})
            db.session.commit()
        count_login_failure("sso_expired")
        return _back_to_app(error="expired")
    row.completed_at = now
    if args.get("error") or not args.get("code"):
        return _refuse(row, "provider")
    try:
        claims = client.exchange(redirect_uri(), args["code"], row.code_verifier, row.nonce)
    except Exception as error:  # Authlib's and joserfc's errors, a refused code, the provider unreachable
        current_app.logger.warning("sso: sign-in not verified: %s", type(error).__name__)
        return _refuse(row, "invalid")
    try:
        user = resolve(claims, row)
    except Refused as refused:
        return _refuse(row, refused.reason)
    handoff = secrets.token_urlsafe(32)
    row.user_id, row.outcome, row.handoff_hash = user.id, "ok", _digest(handoff)
    row.expires_at = now + timedelta(seconds=HANDOFF_SECONDS)
    db.session.commit()
    return _back_to_app(handoff=handoff)


def _refuse(row: SsoSignIn, reason: str) -> str:
    """Record why this sign-in was refused and send the browser to the page that says so."""
    row.outcome = reason
    record("auth.sso_refused", "sso", row.id, device_id=row.device_id, details={"reason": reason})
    db.session.commit()
    count_login_failure(f"sso_{reason}")
    return _back_to_app(error=reason)


def _spent() -> ApiError:
    """The answer to a hand-off code that is unknown, late, used, or not this browser's."""
    return ApiError(401, "this sign-in has expired or was already used; sign in again", reason="sso_expired")


def finish(handoff: str, binding: str, device_id) -> tuple[str, object, User]:
    """Redeem a hand-off code for the device token; the same browser that started must ask, once."""
    now = utcnow()
    row = db.session.scalar(select(SsoSignIn).where(SsoSignIn.handoff_hash == _digest(handoff)))
    if (row is None or row.used_at is not None or row.expires_at <= now or row.device_id != device_id
            or not hmac.compare_digest(row.binding_hash, _digest(binding))):
        raise _spent()
    # Claimed in one statement: of two requests racing with the same code, one gets the token.
    claimed = db.session.execute(update(SsoSignIn).where(SsoSignIn.id == row.id, SsoSignIn.used_at.is_(None))
                                 .values(used_at=now).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        db.session.rollback()
        raise _spent()
    user = db.session.get(User, row.user_id)
    if not user.active:
        db.session.commit()
        raise ApiError(401, "this account is disabled", reason="user_inactive")
    token, token_row = sign_in(user, row.device_id, row.device_name)
    db.session.commit()
    return token, token_row, user
