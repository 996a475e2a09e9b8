"""Single sign-on in progress: what must survive the trip to the City's identity provider and back.

The phone leaves the app for the provider and comes back on a new page load (on iOS perhaps in a new
process), so nothing of the flow lives in the browser but a random binding value. The state sent to
the provider, the hand-off code the phone redeems for its token and that binding are stored only as
SHA-256; the PKCE verifier and nonce are kept for the few minutes the flow may take.
"""
import uuid

from sqlalchemy import ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.models.types import UtcDateTime, utcnow


class SsoSignIn(db.Model):
    """One sign-in through the identity provider, from start to the device token (or its refusal)."""

    __tablename__ = "sso_sign_ins"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code_verifier: Mapped[str] = mapped_column(String(128))
    nonce: Mapped[str] = mapped_column(String(64))
    binding_hash: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    device_name: Mapped[str] = mapped_column(String(120), default="")
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    expires_at = mapped_column(UtcDateTime, nullable=False, index=True)
    # Set when the provider sent the browser back: the outcome ("ok" or why not) and, when ok, who.
    completed_at = mapped_column(UtcDateTime, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(30), nullable=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    handoff_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    # Set when the phone redeemed the hand-off for its device token (once only).
    used_at = mapped_column(UtcDateTime, nullable=True)
