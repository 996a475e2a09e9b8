"""Sign-in, sign-out and who am I."""
from flask import current_app, g, request
from flask_smorest import Blueprint
from sqlalchemy import select

from server.audit import record
from server.auth import check_credentials, local_password_allowed, sign_in, token_required
from server.errors import ApiError
from server.extensions import db, limiter
from server.models import DeviceToken, User
from server.models.types import utcnow
from server.ops.metrics import count_login_failure
from server.schemas.auth import LoginSchema, TokenSchema, UserSchema

blp = Blueprint("auth", __name__, description="Device sign-in")
UNKNOWN_USERNAME = "(no such user)"  # what a failed sign-in's audit names when the name tried is no user's


def _login_username() -> str:
    """Key the second limit by the username tried, so one account can't be guessed at from many
    addresses (the price: failing on purpose can hold its owner off for a minute; docs/decisions.md)."""
    try:
        data = request.get_json(silent=True)
    except (RecursionError, ValueError):  # absurd nesting or huge numbers: the schema will refuse them
        data = None
    name = data.get("username") if isinstance(data, dict) else None
    return f"user:{name[:80]}" if isinstance(name, str) else "user:?"


@blp.route("/auth/login", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], key_func=_login_username)
@blp.arguments(LoginSchema)
@blp.response(200, TokenSchema)
def login(args):
    """Exchange username and password for a bearer token bound to this device."""
    if not local_password_allowed(args["username"]):
        count_login_failure("local_passwords_off")
        raise ApiError(403, "sign in with your City account; passwords are switched off here",
                       reason="local_passwords_off")
    user = check_credentials(args["username"], args["password"])
    if user is None:
        # Failed attempts are audited too: a pattern of them is what an administrator looks for. A name
        # no user has is not kept: it is as often a password typed in the wrong box as a typo.
        known = db.session.scalar(select(User.id).where(User.username == args["username"])) is not None
        record("auth.sign_in_failed", "user", args["username"][:64] if known else UNKNOWN_USERNAME,
               device_id=args["device_id"], details={"address": request.remote_addr})
        db.session.commit()
        count_login_failure("bad_credentials")
        raise ApiError(401, "wrong username or password", reason="bad_credentials",
                       headers={"WWW-Authenticate": 'Bearer realm="encounter-log"'})
    token, row = sign_in(user, args["device_id"], args["device_name"])
    db.session.commit()
    return {"token": token, "expires_at": row.expires_at, "device_id": row.device_id, "user": user,
            "wipe_after_days": current_app.config["DEVICE_WIPE_AFTER_DAYS"]}


@blp.route("/auth/logout", methods=["POST"])
@token_required
@blp.response(204)
@blp.doc(security=[{"bearer": []}])
def logout():
    """End this sign-in (the token stops working at once)."""
    db.session.get(DeviceToken, g.token_id).revoked_at = utcnow()
    record("auth.sign_out", "user", g.principal.user_id, actor_id=g.principal.user_id,
           device_id=g.principal.device_id, department_id=g.principal.department_id)
    db.session.commit()


@blp.route("/me")
@token_required
@blp.response(200, UserSchema)
@blp.doc(security=[{"bearer": []}])
def me():
    """Return the signed-in user."""
    return db.session.get(User, g.principal.user_id)
