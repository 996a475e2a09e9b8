"""Devices (phones, desk browsers) and the bearer tokens issued to them."""
import uuid

from sqlalchemy import ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.extensions import db
from server.models.types import UtcDateTime, utcnow


class Device(db.Model):
    """A device, keyed by the UUID the device generated for itself; revoking it ends every token on it."""

    __tablename__ = "devices"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    last_seen_at = mapped_column(UtcDateTime, nullable=True)
    revoked_at = mapped_column(UtcDateTime, nullable=True)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # The field app's version, from the X-App-Version header of its requests.
    app_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # Revoke with wipe: the phone may still push what it holds, then erases itself and says so.
    wipe_requested_at = mapped_column(UtcDateTime, nullable=True)
    wiped_at = mapped_column(UtcDateTime, nullable=True)
    user = relationship("User", foreign_keys=[user_id])


class DeviceToken(db.Model):
    """A bearer token, stored only as its SHA-256: the database never holds a usable token."""

    __tablename__ = "device_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    expires_at = mapped_column(UtcDateTime, nullable=False)
    revoked_at = mapped_column(UtcDateTime, nullable=True)
    device = relationship(Device)
