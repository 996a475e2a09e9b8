"""Settings, each read from the environment, parsed, and defaulted for a laptop.

Every setting here is listed in the README's configuration table. Nothing that
several workers must share (rate-limit counters, tokens, cursors) lives in process
memory unless a setting says so for a single-process laptop run.
"""
import os
import secrets
from pathlib import Path


def _int(name: str, default: int, low: int = 1) -> int:
    """Read a positive integer setting; refuse nonsense loudly at start-up, not at the first request."""
    return _number(name, default, int, "an integer", low)


def _number(name: str, default, parse, what: str, low):
    """Read a number setting with ``parse``; refuse one that does not parse or is below ``low``."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = parse(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be {what}, got {raw!r}") from None
    if value < low:
        raise RuntimeError(f"{name} must be at least {low}, got {value}")
    return value


def _list(name: str) -> list[str]:
    """Read a comma-separated list setting; empty means none."""
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


def _rate_limit(name: str, default: str) -> str:
    """Read a rate-limit string; flask-limiter silently drops one it cannot parse, so parse it here."""
    from limits import parse_many

    raw = os.environ.get(name) or default
    try:
        parse_many(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be a rate limit like '10 per minute', got {raw!r}") from None
    return raw


def _choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """Read a word from a fixed set (case and spaces ignored); refuse any other at start-up."""
    value = (os.environ.get(name) or default).strip().lower()
    if value not in choices:
        raise RuntimeError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _float(name: str, default: float) -> float:
    """Read a number of seconds (at least 0.05)."""
    return _number(name, default, float, "a number", 0.05)


def _vapid(instance_path: str) -> dict:
    """Web Push keys from VAPID_*; with VAPID_GENERATE=1 (the demo) a pair kept in the instance folder."""
    private, public = os.environ.get("VAPID_PRIVATE_KEY") or None, os.environ.get("VAPID_PUBLIC_KEY") or None
    subject = os.environ.get("VAPID_SUBJECT") or None
    if not (private and public) and os.environ.get("VAPID_GENERATE") == "1":
        path = Path(instance_path) / "vapid_keys"
        if not path.exists():
            from server.webpush import generate_keys

            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(generate_keys()))
            path.chmod(0o600)
        private, public = path.read_text().split()
        subject = subject or "mailto:admin@localhost"
    return {"VAPID_PRIVATE_KEY": private, "VAPID_PUBLIC_KEY": public, "VAPID_SUBJECT": subject}


def _secret_key(instance_path: str) -> str:
    """Use SECRET_KEY if set; otherwise a random key kept in the instance folder (never in the repo)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url(instance_path: str) -> str:
    """Use DATABASE_URL, normalising postgres:// to the psycopg 3 driver; default to SQLite in the instance folder."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'encounter_log.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def from_environment(instance_path: str) -> dict:
    """Return the configuration dict for ``create_app``."""
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "TOKEN_LIFETIME_DAYS": _int("TOKEN_LIFETIME_DAYS", 30),
        "AUTH_CACHE_SECONDS": _int("AUTH_CACHE_SECONDS", 5, low=0),
        "CORS_ORIGINS": _list("CORS_ORIGINS"),
        "SYNC_MAX_ITEMS": _int("SYNC_MAX_ITEMS", 500),
        "MAX_CONTENT_LENGTH": _int("MAX_REQUEST_BYTES", 8 * 1024 * 1024),
        "PULL_MAX_LIMIT": _int("PULL_MAX_LIMIT", 500),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "LOGIN_RATE_LIMIT": _rate_limit("LOGIN_RATE_LIMIT", "10 per minute"),
        "PUSH_RATE_LIMIT": _rate_limit("PUSH_RATE_LIMIT", "600 per minute"),
        "UPLOAD_RATE_LIMIT": _rate_limit("UPLOAD_RATE_LIMIT", "300 per minute"),
        "RETRY_AFTER_SECONDS": _int("RETRY_AFTER_SECONDS", 5),
        "PWA_DIST": os.environ.get("PWA_DIST") or None,
        "TRUSTED_PROXY_HOPS": _int("TRUSTED_PROXY_HOPS", 0, low=0),
        "BLOB_MAX_BYTES": _int("BLOB_MAX_BYTES", 10 * 1024 * 1024),
        "BLOB_DIR": os.environ.get("BLOB_DIR") or str(Path(instance_path) / "blobs"),
        "REQUEST_READ_TIMEOUT": _int("REQUEST_READ_TIMEOUT", 10),
        "DATABASE_CONNECT_TIMEOUT": _int("DATABASE_CONNECT_TIMEOUT", 3),
        "DATABASE_STATEMENT_TIMEOUT_MS": _int("DATABASE_STATEMENT_TIMEOUT_MS", 10000),
        "DATABASE_TCP_USER_TIMEOUT_MS": _int("DATABASE_TCP_USER_TIMEOUT_MS", 10000),
        "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS": _int("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 60000, low=0),
        "QUEUE_SEARCH_COUNT_CAP": _int("QUEUE_SEARCH_COUNT_CAP", 1000, low=0),
        "BLOB_S3_BUCKET": os.environ.get("BLOB_S3_BUCKET") or None,
        "BLOB_S3_ENDPOINT": os.environ.get("BLOB_S3_ENDPOINT") or None,
        "BLOB_S3_REGION": os.environ.get("BLOB_S3_REGION") or None,
        "BLOB_S3_ACCESS_KEY": os.environ.get("BLOB_S3_ACCESS_KEY") or None,
        "BLOB_S3_SECRET_KEY": os.environ.get("BLOB_S3_SECRET_KEY") or None,
        "BLOB_S3_TIMEOUT_SECONDS": _int("BLOB_S3_TIMEOUT_SECONDS", 5),
        # Administration and operations (issue 13).
        "CHECKLIST_CONTENT_DIR": os.environ.get("CHECKLIST_CONTENT_DIR") or None,
        "DEVICE_WIPE_AFTER_DAYS": _int("DEVICE_WIPE_AFTER_DAYS", 30),
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN") or None,
        "LOG_FORMAT": _choice("LOG_FORMAT", "json", ("json", "text", "off")),
        # Single sign-on through the City's identity provider (OpenID Connect; server/sso/).
        **_sso(),
        # Issue 11: the desk's live events (GET /api/v1/events) and Web Push.
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "EVENTS_STREAM_SECONDS": _int("EVENTS_STREAM_SECONDS", 25),
        "EVENTS_MAX_STREAMS": _int("EVENTS_MAX_STREAMS", 4),
        "EVENTS_POLL_SECONDS": _float("EVENTS_POLL_SECONDS", 0.5),
        "EVENTS_REPLAY_SECONDS": _int("EVENTS_REPLAY_SECONDS", 30, low=0),
        **_vapid(instance_path),
        "WEBPUSH_TIMEOUT_SECONDS": _int("WEBPUSH_TIMEOUT_SECONDS", 5),
        "WEBPUSH_TTL_SECONDS": _int("WEBPUSH_TTL_SECONDS", 3600, low=0),
        "WEBPUSH_ALLOW_HTTP": False,
        # Retention schedule (encounter/retention.py holds the rule and the defaults; README lists them).
        **_retention(),
    }


def _sso() -> dict:
    """Read the OpenID Connect settings and the local-password switch."""
    local = _choice("LOCAL_PASSWORDS", "on", ("on", "off"))
    return {
        "OIDC_ISSUER": (os.environ.get("OIDC_ISSUER") or "").strip() or None,
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID") or None,
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET") or None,
        "OIDC_REDIRECT_URI": os.environ.get("OIDC_REDIRECT_URI") or None,
        "OIDC_SCOPES": os.environ.get("OIDC_SCOPES") or "openid profile email",
        "OIDC_ROLE_MAP": os.environ.get("OIDC_ROLE_MAP") or None,
        "OIDC_FLOW_SECONDS": _int("OIDC_FLOW_SECONDS", 600),
        "LOCAL_PASSWORDS": local == "on",
        "LOCAL_PASSWORD_USERS": _list("LOCAL_PASSWORD_USERS"),
    }


def _retention() -> dict:
    """Read the retention schedule: days the server and phones keep free text, photos and drafts."""
    from encounter.retention import PHONE_DEFAULTS, Schedule

    server = Schedule()
    return {
        "RETENTION_CLOSED_DAYS": _int("RETENTION_CLOSED_DAYS", server.closed_days),
        "RETENTION_OPEN_DAYS": _int("RETENTION_OPEN_DAYS", server.open_days),
        "RETENTION_ORPHAN_PHOTO_DAYS": _int("RETENTION_ORPHAN_PHOTO_DAYS", server.orphan_photo_days),
        "RETENTION_TEMP_FILE_HOURS": _int("RETENTION_TEMP_FILE_HOURS", server.temp_file_hours),
        "PHONE_SUMMARY_DAYS": _int("PHONE_SUMMARY_DAYS", PHONE_DEFAULTS.summary_days),
        "PHONE_ANSWER_DAYS": _int("PHONE_ANSWER_DAYS", PHONE_DEFAULTS.answer_days),
        "PHONE_DRAFT_DAYS": _int("PHONE_DRAFT_DAYS", PHONE_DEFAULTS.draft_days),
    }
