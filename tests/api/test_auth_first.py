"""Every API endpoint but sign-in (password or City account), health and the OpenAPI document authenticates first.

Why: an anonymous caller must learn nothing, not even which query parameters or body
fields an endpoint takes, and its input must not be parsed at all. So a request with no
token and junk input gets 401, never a 422 listing our fields.
"""
import pytest

# Signing in, through a password or the City's identity provider, is what a caller without a token does.
OPEN = {"/api/v1/auth/login", "/api/v1/health", "/api/v1/openapi.json", "/api/v1/auth/options",
        "/api/v1/auth/oidc/start", "/api/v1/auth/oidc/callback", "/api/v1/auth/oidc/finish"}


def _endpoints(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.rule not in OPEN:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.rule, method


def _url(rule: str) -> str:
    """Fill each path variable with a plausible value."""
    values = {"int": "1", "uuid": "0b8f3a52-6c1e-4a7e-9d7a-2f4f1b1c9e10", "default": "x"}
    out = rule
    while "<" in out:
        start, end = out.index("<"), out.index(">")
        converter = out[start + 1:end].split(":")[0] if ":" in out[start + 1:end] else "default"
        out = out[:start] + values.get(converter, "a" * 64) + out[end + 1:]
    return out


def test_every_endpoint_answers_an_anonymous_caller_with_401_before_reading_its_input(app, client):
    checked = []
    for rule, method in _endpoints(app):
        response = client.open(f"{_url(rule)}?zzz=1&limit=-5", method=method, json={"zzz": [1]})
        checked.append(rule)
        assert response.status_code == 401, f"{method} {rule}: {response.status_code} {response.get_json()}"
        assert response.get_json()["reason"] == "token_missing"
    assert len(checked) > 20  # the walk really covered the API
