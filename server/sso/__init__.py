"""Single sign-on through the City's identity provider (OpenID Connect, authorization code with PKCE)."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Check the role map at start-up: a malformed OIDC_ROLE_MAP stops the app with the reason."""
    from server.sso.mapping import parse_role_map

    if app.config.get("OIDC_ROLE_MAP"):
        parse_role_map(app.config["OIDC_ROLE_MAP"])
