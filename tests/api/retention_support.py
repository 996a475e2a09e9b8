"""Helpers of the redaction, legal-hold and purge tests: photos, report states, reads as each role."""
import csv
import hashlib
import io
import struct
import uuid
import zlib
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Blob, BlobUpload

REPORT = "/api/v1/reports/{}"


def png(seed: int = 0) -> bytes:
    """A valid 1×1 PNG whose colour (and so hash) depends on ``seed``."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = bytes([seed % 256, (seed // 256) % 256, 7])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" + pixel))
            + chunk(b"IEND", b""))


def sha(data: bytes) -> str:
    """The hex SHA-256 a photo is stored under."""
    return hashlib.sha256(data).hexdigest()


def photo_ref(data: bytes) -> dict:
    """A body's reference to a PNG photo."""
    return {"sha256": sha(data), "size": len(data), "type": "image/png"}


def upload(client, device, data: bytes):
    """PUT a photo as ``device``."""
    return client.put(f"/api/v1/blobs/{sha(data)}", data=data, headers={**device.headers, "Content-Type": "image/png"})


def detail(client, device, report_id: str) -> dict:
    """GET one report as ``device``, asserting 200."""
    response = client.get(REPORT.format(report_id), headers=device.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def queue_csv(client, device, **params) -> dict[str, dict]:
    """The queue's CSV export as {id: row}."""
    response = client.get("/api/v1/reports.csv", headers=device.headers, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return {row["id"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}


def days_ago(days: float) -> datetime:
    """A moment ``days`` before now."""
    return datetime.now(timezone.utc) - timedelta(days=days)


def uploaded_days_ago(data: bytes, days: float, user_id: int | None = None) -> None:
    """Date a photo's uploads ``days`` back (every uploader's, or ``user_id``'s only), as if they had waited."""
    uploads = BlobUpload.__table__.update().where(BlobUpload.sha256 == sha(data))
    if user_id is None:
        db.session.execute(Blob.__table__.update().where(Blob.sha256 == sha(data)).values(created_at=days_ago(days)))
    else:
        uploads = uploads.where(BlobUpload.user_id == user_id)
    db.session.execute(uploads.values(uploaded_at=days_ago(days)))
    db.session.commit()


def audit_of(report_id: str, action: str) -> list[AuditEntry]:
    """The audit entries of one action on one report."""
    return db.session.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(uuid.UUID(report_id)),
                                                       AuditEntry.action == action)).all()


def hold_from_another_connection(report_id: str) -> None:
    """Commit a legal hold on the test database through a connection of its own (a liaison's, mid-purge)."""
    from sqlalchemy import create_engine, update
    from sqlalchemy.pool import NullPool

    from server.models import Encounter

    engine = create_engine(db.engine.url.render_as_string(hide_password=False), poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(update(Encounter).where(Encounter.id == uuid.UUID(report_id)).values(legal_hold=True))
    engine.dispose()
