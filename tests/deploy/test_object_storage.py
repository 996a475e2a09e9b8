"""Photos on S3-compatible object storage (a real SeaweedFS on loopback): stored, read, cut off, store restarted."""
import hashlib
import time

import pytest
from sqlalchemy import func, select

from server.blobs import storage
from server.extensions import db
from server.models import Blob
from tests.deploy.cutproxy import CutProxy

# A 64 KB "PDF": large enough that a cut after 8 KB falls inside the body, not the headers.
PHOTO = b"%PDF-1.4\n" + bytes(range(256)) * 256
OTHER = b"%PDF-1.4\n" + b"another document " * 2000


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload(client, device, data: bytes):
    """PUT the bytes to /blobs/<their hash>."""
    return client.put(f"/api/v1/blobs/{sha(data)}", data=data,
                      headers={**device.headers, "Content-Type": "application/octet-stream"})


def fetch(client, device, digest: str):
    """GET /blobs/<digest>."""
    return client.get(f"/api/v1/blobs/{digest}", headers=device.headers)


def objects(seaweed, bucket: str) -> list[str]:
    """The keys in the bucket."""
    return [o["Key"] for o in seaweed.client().list_objects_v2(Bucket=bucket).get("Contents", [])]


def blob_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Blob))


@pytest.fixture
def field_a(world, login):
    return login("field.a")


def test_an_uploaded_photo_is_an_object_in_the_bucket_and_reads_back_whole(client, field_a, s3_storage, seaweed, bucket):
    stored = upload(client, field_a, PHOTO)
    again = upload(client, field_a, PHOTO)

    assert (stored.status_code, again.status_code) == (201, 200), stored.get_json()
    digest = sha(PHOTO)
    assert objects(seaweed, bucket) == [f"{digest[:2]}/{digest[2:4]}/{digest}"]
    read = fetch(client, field_a, digest)
    assert read.status_code == 200 and read.data == PHOTO
    assert read.mimetype == "application/pdf"


def test_the_filesystem_stays_the_default_when_no_bucket_is_set(app):
    from server.blobs import FileBlobStorage

    app.extensions.pop("blob_storage", None)
    assert not app.config["BLOB_S3_BUCKET"]
    assert isinstance(storage(), FileBlobStorage)
    app.extensions.pop("blob_storage", None)


def test_a_phone_upload_cut_mid_body_stores_nothing_and_the_full_retry_is_201(client, field_a, s3_storage, seaweed,
                                                                                bucket):
    # Bytes of this test's own: the store may still list an object the bucket fixture deleted a moment ago.
    photo = PHOTO + b"cut mid-body"
    key = f"{sha(photo)[:2]}/{sha(photo)[2:4]}/{sha(photo)}"
    cut = client.put(f"/api/v1/blobs/{sha(photo)}", data=photo[: len(photo) // 2],
                     headers={**field_a.headers, "Content-Type": "application/octet-stream"})

    assert cut.status_code == 400 and cut.get_json()["code"] == 400
    assert key not in objects(seaweed, bucket) and blob_rows() == 0
    retry = upload(client, field_a, photo)
    assert retry.status_code == 201, retry.get_json()
    assert fetch(client, field_a, sha(photo)).data == photo


def test_an_upload_cut_on_its_way_to_the_store_is_503_leaves_no_object_and_the_retry_is_201(
        app, client, field_a, seaweed, bucket):
    from server.blobs.s3 import S3BlobStorage

    proxy = CutProxy(seaweed.ports["s3"])
    proxy.cut_after = 8000
    settings = seaweed.settings(bucket)
    app.extensions["blob_storage"] = S3BlobStorage(
        bucket=bucket, endpoint=proxy.endpoint, region="us-east-1", access_key=settings["BLOB_S3_ACCESS_KEY"],
        secret_key=settings["BLOB_S3_SECRET_KEY"], timeout=2)
    # Bytes of this test's own: the store may still list an object the bucket fixture deleted a moment ago.
    photo = PHOTO + b"cut on its way to the store"
    key = f"{sha(photo)[:2]}/{sha(photo)[2:4]}/{sha(photo)}"
    try:
        cut = upload(client, field_a, photo)

        assert proxy.cuts >= 1
        assert cut.status_code == 503, cut.get_json()
        assert cut.get_json()["reason"] == "blob_storage_unavailable"
        assert cut.headers["Retry-After"]
        assert key not in objects(seaweed, bucket) and blob_rows() == 0
        proxy.cut_after = None
        assert upload(client, field_a, photo).status_code == 201
        assert fetch(client, field_a, sha(photo)).data == photo
    finally:
        proxy.close()
        app.extensions.pop("blob_storage", None)


def test_while_the_store_is_down_photos_answer_503_clearly_and_work_again_after_its_restart(
        client, field_a, s3_storage, seaweed, bucket):
    assert upload(client, field_a, PHOTO).status_code == 201
    seaweed.stop()
    try:
        down_put = upload(client, field_a, OTHER)
        down_get = fetch(client, field_a, sha(PHOTO))
        pushed = client.get("/api/v1/sync/pull", headers=field_a.headers)
    finally:
        seaweed.start()

    for answer in (down_put, down_get):
        assert answer.status_code == 503
        assert answer.get_json()["reason"] == "blob_storage_unavailable"
        assert "photo storage is unavailable" in answer.get_json()["message"]
        assert int(answer.headers["Retry-After"]) > 0
    assert pushed.status_code == 200  # reports still sync while photos wait
    assert blob_rows() == 1
    # After the restart the store may take a moment to reopen its volumes.
    deadline = time.monotonic() + 30
    while (read := fetch(client, field_a, sha(PHOTO))).status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert read.status_code == 200 and read.data == PHOTO
    assert upload(client, field_a, OTHER).status_code == 201
    assert fetch(client, field_a, sha(OTHER)).data == OTHER


def test_a_removed_photo_the_store_could_not_delete_at_once_is_deleted_by_the_next_purge(
        app, client, world, login, s3_storage, seaweed, bucket):
    """The liaison's removal commits first; the store is down for the delete; the bytes must not stay for ever."""
    from datetime import timedelta

    from server.blobs.s3 import S3BlobStorage
    from server.models.types import utcnow
    from server.retention import schedule
    from server.retention.purge import purge
    from tests.api.reports_support import report

    field, liaison = login("field.a"), login("liaison.a")
    photo = PHOTO + b"removed while the store was down"
    key = f"{sha(photo)[:2]}/{sha(photo)[2:4]}/{sha(photo)}"
    assert upload(client, field, photo).status_code == 201
    rid = report(client, world, field, photos=[{"sha256": sha(photo), "size": len(photo), "type": "application/pdf"}])
    app.extensions["blob_storage"] = S3BlobStorage(bucket=bucket, endpoint="http://127.0.0.1:9", region="us-east-1",
                                                   timeout=1)  # nothing listens there: the store is down
    try:
        removed = client.delete(f"/api/v1/reports/{rid}/photos/{sha(photo)}", headers=liaison.headers)
    finally:
        app.extensions["blob_storage"] = s3_storage
    assert removed.status_code == 200, removed.get_data(as_text=True)[:300]
    assert fetch(client, liaison, sha(photo)).status_code == 410
    assert key in objects(seaweed, bucket)  # the store never heard of the removal

    purge(s3_storage, schedule(app.config), now=utcnow() + timedelta(hours=25))

    assert key not in objects(seaweed, bucket)
