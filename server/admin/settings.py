"""What the server has in effect for data protection and sign-in, as values an administrator may read.

Only values: never a secret (SECRET_KEY, OIDC_CLIENT_SECRET, VAPID_PRIVATE_KEY, BLOB_S3_SECRET_KEY,
METRICS_TOKEN, a database URL). Each entry is read from the setting or rule that decides it, so
this page cannot say one thing while the server does another.
"""
from urllib.parse import urlsplit, urlunsplit

from limits import parse_many
from sqlalchemy import func, select

from encounter.disclosure import MINIMUM
from server import webpush
from server.access import visible
from server.extensions import db
from server.models import AuditEntry, Encounter
from server.retention.purge import ERASE, RUN
from server.sso import client as sso_client


def _issuer(url: str | None) -> str | None:
    """The issuer URL without any user name, password, query or fragment someone may have put in it."""
    if not url:
        return None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


def _rate(text: str) -> list[dict]:
    """A rate-limit setting ("10 per minute; 100 per day") as [{count, seconds}]."""
    return [{"count": item.amount, "seconds": item.get_expiry()} for item in parse_many(text)]


def in_effect(config, principal) -> dict:
    """Return the settings in effect (the answer of GET /admin/settings); counts through the access rules."""
    held = db.session.scalar(select(func.count()).select_from(Encounter)
                             .where(visible(Encounter, principal), Encounter.legal_hold.is_(True)))
    # The purge records each finished run ("retention.run") and each report it erased ("retention.erase").
    last = {action: at for action, at in db.session.execute(
        select(AuditEntry.action, func.max(AuditEntry.at)).where(AuditEntry.action.in_([RUN, ERASE]))
        .group_by(AuditEntry.action))}
    return {
        "retention": {"closed_days": config["RETENTION_CLOSED_DAYS"], "open_days": config["RETENTION_OPEN_DAYS"],
                      "on_legal_hold": held, "last_run_at": last.get(RUN),
                      "last_erased_at": last.get(ERASE)},
        "phones": {"wipe_after_days": config["DEVICE_WIPE_AFTER_DAYS"], "draft_days": config["PHONE_DRAFT_DAYS"]},
        "sign_in": {"sso": sso_client.configured(config), "oidc_issuer": _issuer(config["OIDC_ISSUER"]),
                    "local_passwords": config["LOCAL_PASSWORDS"],
                    "break_glass_users": len(config["LOCAL_PASSWORD_USERS"]),
                    "login_rate_limit": _rate(config["LOGIN_RATE_LIMIT"])},
        "web_push": webpush.configured(config),
        "publication": {"suppress_below": MINIMUM},
    }
