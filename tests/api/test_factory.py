"""The application factory and its configuration: overrides, environment parsing, CORS, headers, error pages."""
import stat

import pytest

from server import config, create_app
from server.schemas.errors import ErrorSchema

ERROR_KEYS = set(ErrorSchema().fields)  # the one shape, as the OpenAPI document declares it
SETTINGS = ["DATABASE_URL", "SECRET_KEY", "TOKEN_LIFETIME_DAYS", "CORS_ORIGINS", "SYNC_MAX_ITEMS",
            "MAX_REQUEST_BYTES", "PULL_MAX_LIMIT", "RATELIMIT_STORAGE_URI", "LOGIN_RATE_LIMIT", "RETRY_AFTER_SECONDS"]
OK_ORIGIN = "https://ok.example"


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """No setting in the environment, and an instance folder of the test's own."""
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    return monkeypatch


def make_app(**overrides):
    """A separate app on an in-memory database (CORS and the like are fixed when the app is created)."""
    return create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_STORAGE_URI": "memory://",
                       "SECRET_KEY": "test", **overrides})


def assert_error(response, status: int) -> dict:
    """Check the one error shape (JSON, never an HTML page) and return its body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert {"code", "message", "description"} <= set(body) <= ERROR_KEYS, body
    assert body["code"] == status
    return body


# --- the factory ------------------------------------------------------------------------------


def test_create_app_config_overrides_the_environment(environment):
    environment.setenv("TOKEN_LIFETIME_DAYS", "7")
    environment.setenv("SYNC_MAX_ITEMS", "9")
    app = make_app(TOKEN_LIFETIME_DAYS=2, TESTING=True)
    assert app.config["TOKEN_LIFETIME_DAYS"] == 2
    assert app.config["SYNC_MAX_ITEMS"] == 9
    assert app.testing


def test_create_app_without_overrides_uses_the_laptop_defaults(environment, tmp_path):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'encounter_log.sqlite3'}"
    assert app.config["TOKEN_LIFETIME_DAYS"] == 30
    assert app.config["CORS_ORIGINS"] == []
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert not app.testing


# --- parsing the environment ------------------------------------------------------------------


@pytest.mark.parametrize("name, value", [
    ("SYNC_MAX_ITEMS", "abc"),
    ("SYNC_MAX_ITEMS", "0"),
    ("SYNC_MAX_ITEMS", "-5"),
    ("SYNC_MAX_ITEMS", "1.5"),
    ("TOKEN_LIFETIME_DAYS", "thirty"),
    ("TOKEN_LIFETIME_DAYS", "0"),
    ("MAX_REQUEST_BYTES", "8MB"),
    ("PULL_MAX_LIMIT", "0"),
    ("RETRY_AFTER_SECONDS", "soon"),
])
def test_nonsense_numeric_setting_is_refused_at_start_up_naming_the_setting(environment, tmp_path, name, value):
    environment.setenv(name, value)
    with pytest.raises(RuntimeError, match=name) as refused:
        config.from_environment(str(tmp_path))
    assert value in str(refused.value)


@pytest.mark.parametrize("value", ["lots", "ten per minute", "10 per fortnight"])
def test_nonsense_login_rate_limit_is_refused_at_start_up_rather_than_silently_disabling_the_limit(
        environment, tmp_path, value):
    environment.setenv("LOGIN_RATE_LIMIT", value)
    with pytest.raises(RuntimeError, match="LOGIN_RATE_LIMIT"):
        config.from_environment(str(tmp_path))


@pytest.mark.parametrize("name, value", [("LOG_FORMAT", "jsno"), ("LOG_FORMAT", "syslog"), ("LOCAL_PASSWORDS", "no")])
def test_a_word_setting_outside_its_choices_is_refused_at_start_up_rather_than_read_as_another(
        environment, tmp_path, name, value):
    environment.setenv(name, value)
    with pytest.raises(RuntimeError, match=name) as refused:
        config.from_environment(str(tmp_path))
    assert value in str(refused.value)


def test_log_format_is_read_whatever_its_case(environment, tmp_path):
    environment.setenv("LOG_FORMAT", " Text ")
    assert config.from_environment(str(tmp_path))["LOG_FORMAT"] == "text"


def test_settings_are_parsed_from_the_environment(environment, tmp_path):
    environment.setenv("SYNC_MAX_ITEMS", "25")
    environment.setenv("TOKEN_LIFETIME_DAYS", "")
    environment.setenv("CORS_ORIGINS", " https://a.example, https://b.example ,,")
    environment.setenv("LOGIN_RATE_LIMIT", "5 per minute")
    environment.setenv("RATELIMIT_STORAGE_URI", "redis://cache:6379/0")
    settings = config.from_environment(str(tmp_path))
    assert settings["SYNC_MAX_ITEMS"] == 25
    assert settings["TOKEN_LIFETIME_DAYS"] == 30
    assert settings["CORS_ORIGINS"] == ["https://a.example", "https://b.example"]
    assert settings["LOGIN_RATE_LIMIT"] == "5 per minute"
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/0"


@pytest.mark.parametrize("url, expected", [
    ("postgres://el:pw@db.example:5432/el", "postgresql+psycopg://el:pw@db.example:5432/el"),
    ("postgresql://el@127.0.0.1/el", "postgresql+psycopg://el@127.0.0.1/el"),
    ("postgresql+psycopg://el@127.0.0.1/el", "postgresql+psycopg://el@127.0.0.1/el"),
    ("sqlite:////var/lib/el/el.sqlite3", "sqlite:////var/lib/el/el.sqlite3"),
])
def test_database_url_is_normalised_to_the_psycopg_driver(environment, tmp_path, url, expected):
    environment.setenv("DATABASE_URL", url)
    assert config.from_environment(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == expected


def test_without_secret_key_a_random_one_is_kept_private_in_the_instance_folder(environment, tmp_path):
    first = config.from_environment(str(tmp_path / "one"))["SECRET_KEY"]
    assert config.from_environment(str(tmp_path / "one"))["SECRET_KEY"] == first
    assert len(first) >= 32
    assert stat.S_IMODE((tmp_path / "one" / "secret_key").stat().st_mode) == 0o600
    assert config.from_environment(str(tmp_path / "two"))["SECRET_KEY"] != first


def test_secret_key_from_the_environment_wins(environment, tmp_path):
    environment.setenv("SECRET_KEY", "from-the-environment")
    assert config.from_environment(str(tmp_path))["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


# --- CORS -------------------------------------------------------------------------------------


@pytest.fixture
def cors_client(environment):
    """A client of an app that allows exactly one origin."""
    return make_app(CORS_ORIGINS=[OK_ORIGIN]).test_client()


def _preflight(client, origin: str, path: str = "/api/v1/sync/push"):
    return client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                         "Access-Control-Request-Headers": "Authorization, Content-Type"})


def test_cors_allows_a_listed_origin_on_the_api(cors_client):
    response = cors_client.get("/api/v1/health", headers={"Origin": OK_ORIGIN})
    assert response.headers["Access-Control-Allow-Origin"] == OK_ORIGIN
    preflight = _preflight(cors_client, OK_ORIGIN)
    assert preflight.headers["Access-Control-Allow-Origin"] == OK_ORIGIN
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize("origin", ["https://evil.example", "https://ok.example.evil.example", "null"])
def test_cors_never_answers_an_unlisted_origin(cors_client, origin):
    assert "Access-Control-Allow-Origin" not in cors_client.get("/api/v1/health", headers={"Origin": origin}).headers
    assert "Access-Control-Allow-Origin" not in _preflight(cors_client, origin).headers


def test_cors_never_applies_outside_the_api(cors_client):
    response = cors_client.get("/", headers={"Origin": OK_ORIGIN})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origins", [None, ""], ids=["setting-unset", "setting-empty"])
def test_no_cors_headers_at_all_when_no_origins_are_configured(environment, origins):
    if origins is not None:
        environment.setenv("CORS_ORIGINS", origins)
    client = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_STORAGE_URI": "memory://"}).test_client()
    for response in (client.get("/api/v1/health", headers={"Origin": OK_ORIGIN}), _preflight(client, OK_ORIGIN)):
        assert not [name for name in response.headers.keys() if name.lower().startswith("access-control-")]


# --- headers and error pages ------------------------------------------------------------------


@pytest.mark.parametrize("method, path", [
    ("get", "/"),
    ("get", "/api/v1/health"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/me"),
    ("post", "/api/v1/auth/login"),
    ("get", "/api/v1/no-such-route"),
    ("delete", "/api/v1/sync/push"),
])
def test_every_response_carries_a_content_security_policy(client, method, path):
    response = getattr(client, method)(path)
    policy = response.headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert response.headers.get("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("path", ["/api/v1/no-such-route", "/api/v2/sync/push"])
def test_unknown_api_route_answers_404_json_in_the_error_shape(client, method, path):
    assert_error(getattr(client, method)(path), 404)


@pytest.mark.parametrize("method, path, allowed", [
    ("post", "/api/v1/me", "GET"),
    ("post", "/api/v1/health", "GET"),
    ("put", "/api/v1/admin/devices", "GET"),
    ("delete", "/api/v1/sync/push", "POST"),
    ("get", "/api/v1/sync/push", "POST"),
    ("get", "/api/v1/auth/login", "POST"),
    ("get", "/api/v1/auth/logout", "POST"),
])
def test_wrong_method_answers_405_json_naming_the_allowed_methods(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert_error(response, 405)
    assert allowed in response.headers.get("Allow", "")


def test_an_unexpected_failure_answers_500_json_without_internals(environment):
    app = make_app()

    @app.route("/api/v1/boom")
    def boom():
        raise ZeroDivisionError("secret internals")

    response = app.test_client().get("/api/v1/boom")
    assert_error(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert "ZeroDivisionError" not in response.get_data(as_text=True)


@pytest.mark.parametrize("hops, expected", [(0, "127.0.0.1"), (1, "203.0.113.7")])
def test_the_client_address_comes_from_the_proxy_header_only_when_proxies_are_trusted(hops, expected, tmp_path):
    from server import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'proxy.sqlite3'}",
                      "TRUSTED_PROXY_HOPS": hops, "RATELIMIT_STORAGE_URI": "memory://"})

    @app.get("/_address")
    def address():
        from flask import request
        return {"address": request.remote_addr}

    seen = app.test_client().get("/_address", headers={"X-Forwarded-For": "203.0.113.7"},
                                 environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_json()["address"]
    assert seen == expected
