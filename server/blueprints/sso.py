"""Sign-in through the City's identity provider (OpenID Connect): options, start, callback, finish."""
from flask import current_app, redirect, request
from flask_smorest import Blueprint

from server.extensions import limiter
from server.schemas.auth import (SignInOptionsSchema, SsoFinishSchema, SsoStartedSchema, SsoStartSchema,
                                 TokenSchema)
from server.sso import client, flow

blp = Blueprint("sso", __name__, description="Sign-in through the City's identity provider")

# Longer values than these are not the provider's: cut, so they fail as unknown rather than cost work.
_ARG_LIMITS = {"state": 200, "code": 2000, "error": 200}


@blp.route("/auth/options")
@blp.response(200, SignInOptionsSchema)
def options():
    """Say which ways of signing in this server offers."""
    config = current_app.config
    return {"sso": client.configured(config), "local_passwords": config["LOCAL_PASSWORDS"]}


@blp.route("/auth/oidc/start", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@blp.arguments(SsoStartSchema)
@blp.response(200, SsoStartedSchema)
def start(args):
    """Begin a sign-in through the provider; answers the URL to send the browser to."""
    return {"authorize_url": flow.start(args["device_id"], args["device_name"], args["binding"])}


@blp.route("/auth/oidc/callback")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@blp.doc(responses={"302": {"description": "to the app: `/#/sso?handoff=…` or `/#/sso?error=<reason>`"}})
def callback():
    """Take the provider's answer (code and state) and send the browser back to the app."""
    args = {name: (request.args.get(name) or "")[:limit] for name, limit in _ARG_LIMITS.items()}
    response = redirect(flow.callback(args), code=302)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@blp.route("/auth/oidc/finish", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@blp.arguments(SsoFinishSchema)
@blp.response(200, TokenSchema)
def finish(args):
    """Redeem the one-time hand-off code for this device's bearer token."""
    token, row, user = flow.finish(args["handoff"], args["binding"], args["device_id"])
    return {"token": token, "expires_at": row.expires_at, "device_id": row.device_id, "user": user,
            "wipe_after_days": current_app.config["DEVICE_WIPE_AFTER_DAYS"]}
