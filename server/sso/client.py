"""The OpenID Connect client (Authlib): authorization URL with PKCE, code exchange, ID-token validation.

Authlib does the protocol: discovery from the issuer's metadata, the S256 code challenge, the token
request, and the ID token's checks (signature against the provider's JWKS, issuer, audience, expiry,
issued-at, nonce, at_hash). A token signed with a key the cached JWKS lacks makes Authlib fetch the
JWKS again once, which is how a provider's key rotation is followed. One client per worker and
configuration, so the metadata and keys are fetched once, not per sign-in.
"""
from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from flask import current_app

TIMEOUT_SECONDS = 5
# A provider's and this server's clocks may differ a little; Authlib's own default is 120 s.
LEEWAY_SECONDS = 60


def configured(config) -> bool:
    """Whether single sign-on is set up (issuer, client and role map)."""
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID") and config.get("OIDC_ROLE_MAP"))


def client() -> FlaskOAuth2App:
    """The Authlib client for the current configuration (made once per worker and configuration)."""
    config = current_app.config
    key = (config["OIDC_ISSUER"], config["OIDC_CLIENT_ID"], config["OIDC_CLIENT_SECRET"], config["OIDC_SCOPES"])
    cached = current_app.extensions.get("sso_client")
    if cached is None or cached[0] != key:
        issuer = config["OIDC_ISSUER"].rstrip("/")
        app = FlaskOAuth2App(
            FlaskIntegration("city"), "city",
            client_id=config["OIDC_CLIENT_ID"], client_secret=config["OIDC_CLIENT_SECRET"],
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": config["OIDC_SCOPES"], "code_challenge_method": "S256",
                           "default_timeout": TIMEOUT_SECONDS,
                           "token_endpoint_auth_method": "client_secret_basic" if config["OIDC_CLIENT_SECRET"]
                           else "none"})
        cached = current_app.extensions["sso_client"] = (key, app)
    return cached[1]


def authorization(redirect_uri: str) -> dict:
    """Return ``{url, state, code_verifier, nonce}`` for a new sign-in."""
    return client().create_authorization_url(redirect_uri)


def exchange(redirect_uri: str, code: str, code_verifier: str, nonce: str) -> dict:
    """Exchange the code for tokens and return the validated ID token's claims (raises on any failure)."""
    app = client()
    token = app.fetch_access_token(redirect_uri=redirect_uri, code=code, code_verifier=code_verifier)
    if "id_token" not in token:
        raise ValueError("the provider's answer has no ID token")
    issuer = app.load_server_metadata()["issuer"]
    if issuer.rstrip("/") != current_app.config["OIDC_ISSUER"].rstrip("/"):
        raise ValueError("the provider's metadata names another issuer")
    options = {"iss": {"essential": True, "values": [issuer]}, "sub": {"essential": True},
               "aud": {"essential": True, "values": [current_app.config["OIDC_CLIENT_ID"]]}}
    return dict(app.parse_id_token(token, nonce=nonce, claims_options=options, leeway=LEEWAY_SECONDS))
