"""Photos: PUT and GET /blobs/<sha256>, missing_blobs on push, and who may read a photo."""
import base64
import hashlib
import io
import os
import struct
import uuid
import zlib

import pytest
from sqlalchemy import func, select, update

from server.blobs import FileBlobStorage
from server.blobs.completeness import missing_photos, photos_complete
from server.extensions import db
from server.models import AuditEntry, Blob, Encounter, EncounterPhoto, User
from tests.api.test_push import assert_error_shape, results_of
from tests.factories import encounter_body, push, push_item


def png(rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid 1×1 RGB PNG of one colour, written with zlib."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb)))
            + chunk(b"IEND", b""))


# A 1×1 baseline JPEG and a 1×1 lossless WebP (the one browsers' feature tests use).
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////"
    "////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=")
WEBP = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
PNG = png()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def photo_ref(data: bytes, type_: str = "image/png") -> dict:
    """The body's reference to a photo."""
    return {"sha256": sha(data), "size": len(data), "type": type_}


@pytest.fixture(autouse=True)
def blob_store(request, tmp_path):
    """A fresh blob directory per app test, so bytes left by one test never satisfy another."""
    if "app" not in request.fixturenames:
        yield None
        return
    app = request.getfixturevalue("app")
    store = FileBlobStorage(tmp_path / "blobs")
    app.extensions["blob_storage"] = store
    yield store
    app.extensions.pop("blob_storage", None)


@pytest.fixture
def field_a(world, login):
    return login("field.a")


def upload(client, device, data: bytes, digest: str | None = None, content_type="application/octet-stream"):
    """PUT bytes to /blobs/<digest> (default: their own hash)."""
    headers = {**(device.headers if device else {}), "Content-Type": content_type}
    return client.put(f"/api/v1/blobs/{digest or sha(data)}", data=data, headers=headers)


def fetch(client, device, digest: str):
    """GET /blobs/<digest>."""
    return client.get(f"/api/v1/blobs/{digest}", headers=device.headers if device else {})


def blob_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Blob))


def report(client, device, world, *photos: bytes, item_id: str | None = None):
    """Push one encounter of department A referencing ``photos``; return its item and result."""
    item = push_item(encounter_body(world, photos=[photo_ref(p) for p in photos]), item_id)
    [result] = results_of(push(client, device, [item]))
    return item, result


# --- upload -------------------------------------------------------------------------------

def test_a_new_photo_is_stored_with_201_and_the_same_bytes_again_answer_200_stored_once(client, field_a, blob_store):
    first = upload(client, field_a, PNG)
    second = upload(client, field_a, PNG)

    assert first.status_code == 201, first.get_json()
    assert first.get_json() == {"sha256": sha(PNG), "size": len(PNG), "content_type": "image/png"}
    assert second.status_code == 200
    assert second.get_json() == first.get_json()
    assert blob_rows() == 1
    assert blob_store.get(sha(PNG)) == PNG
    assert list(blob_store.root.rglob("*")) == [
        blob_store.root / sha(PNG)[:2], blob_store.root / sha(PNG)[:2] / sha(PNG)[2:4], blob_store.path(sha(PNG))]


def test_an_upload_is_audited_once_with_its_uploader(client, field_a, world):
    upload(client, field_a, PNG)
    upload(client, field_a, PNG)

    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "blob.upload")).all()
    assert (entry.entity_id, entry.actor_id) == (sha(PNG), world.users["field.a"].id)
    assert entry.details == {"size": len(PNG), "content_type": "image/png"}


@pytest.mark.parametrize("data, claimed, detected", [
    (JPEG, "image/png", "image/jpeg"), (PNG, "image/jpeg", "image/png"), (WEBP, "text/plain", "image/webp"),
    (PDF, "application/x-www-form-urlencoded", "application/pdf"),  # curl --data-binary's default
], ids=["jpeg", "png", "webp", "pdf"])
def test_the_type_is_detected_from_the_content_not_the_client_header(client, field_a, data, claimed, detected):
    response = upload(client, field_a, data, content_type=claimed)

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["content_type"] == detected
    assert db.session.get(Blob, sha(data)).content_type == detected


@pytest.mark.parametrize("digest", ["0" * 63, "0" * 65, sha(PNG).upper(), "g" * 64])
def test_a_malformed_hash_in_the_url_is_400(client, field_a, digest):
    error = assert_error_shape(upload(client, field_a, PNG, digest), 400)

    assert error["reason"] == "hash_mismatch"
    assert blob_rows() == 0


def test_bytes_that_do_not_hash_to_the_url_are_400_and_nothing_is_stored(client, field_a, blob_store):
    error = assert_error_shape(upload(client, field_a, PNG, sha(JPEG)), 400)

    assert error["reason"] == "hash_mismatch"
    assert blob_rows() == 0
    assert not blob_store.exists(sha(JPEG)) and not blob_store.exists(sha(PNG))


def test_an_interrupted_upload_stores_nothing_and_the_full_retry_is_201(client, field_a, blob_store):
    cut = assert_error_shape(upload(client, field_a, PDF[: len(PDF) // 2], sha(PDF)), 400)
    assert cut["reason"] == "hash_mismatch"
    assert blob_rows() == 0 and not blob_store.exists(sha(PDF))

    retry = upload(client, field_a, PDF)

    assert retry.status_code == 201
    assert blob_store.get(sha(PDF)) == PDF


def test_a_photo_over_the_blob_limit_is_413_naming_the_limit(app, client, field_a):
    app.config["BLOB_MAX_BYTES"] = len(PNG) - 1

    error = assert_error_shape(upload(client, field_a, PNG), 413)

    assert str(len(PNG) - 1) in error["message"]
    assert blob_rows() == 0


def test_a_photo_at_the_blob_limit_is_accepted_even_above_the_app_wide_request_limit(app, client, field_a):
    app.config["BLOB_MAX_BYTES"] = len(PDF)
    app.config["MAX_CONTENT_LENGTH"] = 16

    assert upload(client, field_a, PDF).status_code == 201


def test_a_chunked_photo_over_the_limit_is_413(app, client, field_a):
    app.config["BLOB_MAX_BYTES"] = 64
    big = PDF + b"%" * 200
    response = client.put(f"/api/v1/blobs/{sha(big)}", input_stream=io.BytesIO(big),
                          headers={**field_a.headers, "Transfer-Encoding": "chunked"},
                          environ_overrides={"wsgi.input_terminated": True})

    assert_error_shape(response, 413)
    assert blob_rows() == 0


@pytest.mark.parametrize("data, claimed", [
    (b"two agents at the door\n", "text/plain"),
    (b"<!doctype html><script>alert(1)</script>", "text/html"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48, "application/octet-stream"),
    (b"this is not a PNG, whatever the header says", "image/png"),
    (b"RIFF\x1a\x00\x00\x00WAVEfmt ", "image/webp"),
], ids=["text", "html", "exe", "text-claimed-png", "riff-not-webp"])
def test_anything_but_jpeg_png_webp_or_pdf_is_415(client, field_a, data, claimed):
    error = assert_error_shape(upload(client, field_a, data, content_type=claimed), 415)

    assert error["reason"] == "unsupported_type"
    assert blob_rows() == 0


def test_uploading_needs_a_token(client, world):
    assert_error_shape(upload(client, None, PNG), 401)
    assert blob_rows() == 0


@pytest.mark.parametrize("username", ["trainer.a", "trainer", "mayor", "admin"])
def test_roles_that_do_not_report_may_not_upload(client, world, login, username):
    error = assert_error_shape(upload(client, login(username), PNG), 403)

    assert error["reason"] == "forbidden_role"
    assert blob_rows() == 0


def test_a_liaison_may_upload(client, world, login):
    assert upload(client, login("liaison.a"), PNG).status_code == 201


# --- push: missing_blobs and completeness ------------------------------------------------------

def test_a_report_whose_photos_are_not_uploaded_is_stored_and_lists_them_missing(client, world, field_a):
    upload(client, field_a, JPEG)

    item, result = report(client, field_a, world, PNG, JPEG, PDF)

    assert result["status"] == "accepted"
    assert result["missing_blobs"] == [sha(PNG), sha(PDF)]
    assert db.session.get(Encounter, uuid.UUID(item["id"])) is not None


def test_a_re_push_after_uploading_answers_duplicate_with_nothing_missing(client, world, field_a):
    item, first = report(client, field_a, world, PNG, PDF)
    upload(client, field_a, PNG)
    upload(client, field_a, PDF)

    [again] = results_of(push(client, field_a, [item]))

    assert first["missing_blobs"] == [sha(PNG), sha(PDF)]
    assert again["status"] == "duplicate"
    assert again["missing_blobs"] == []


def test_a_report_without_photos_has_nothing_missing(client, world, field_a):
    _item, result = report(client, field_a, world)

    assert result["missing_blobs"] == []


def test_a_report_is_incomplete_until_its_last_photo_arrives(client, world, field_a):
    item, _ = report(client, field_a, world, PNG, PDF)
    encounter_id = uuid.UUID(item["id"])

    def complete() -> bool:
        return db.session.scalar(select(photos_complete()).select_from(Encounter).where(Encounter.id == encounter_id))

    assert (complete(), missing_photos(encounter_id)) == (False, sorted([sha(PNG), sha(PDF)]))
    upload(client, field_a, PNG)
    assert (complete(), missing_photos(encounter_id)) == (False, [sha(PDF)])
    upload(client, field_a, PDF)
    assert (complete(), missing_photos(encounter_id)) == (True, [])


def test_bytes_another_user_uploaded_are_answered_201_as_new_ones_are(client, world, field_a, login, blob_store):
    """A 200 "already held" would confirm to another department's user that some report holds this photo."""
    field_b = login("field.b")
    assert upload(client, field_a, PNG).status_code == 201

    assert upload(client, field_b, PNG).status_code == 201
    assert upload(client, field_a, PNG).status_code == 200
    assert blob_rows() == 1 and blob_store.get(sha(PNG)) == PNG


def test_the_same_photo_in_two_reports_is_stored_once_and_completes_both(client, world, field_a, blob_store):
    first, _ = report(client, field_a, world, PNG)
    second, _ = report(client, field_a, world, PNG)

    assert upload(client, field_a, PNG).status_code == 201
    assert upload(client, field_a, PNG).status_code == 200

    assert blob_rows() == 1
    assert len([p for p in blob_store.root.rglob("*") if p.is_file()]) == 1
    complete = db.session.scalars(select(Encounter.id).where(photos_complete())).all()
    assert set(complete) == {uuid.UUID(first["id"]), uuid.UUID(second["id"])}


def test_a_photo_listed_twice_in_one_report_is_linked_once(client, world, field_a):
    item = push_item(encounter_body(world, photos=[photo_ref(PNG), photo_ref(PNG)]))
    [result] = results_of(push(client, field_a, [item]))

    assert result["missing_blobs"] == [sha(PNG)]
    assert db.session.scalars(select(EncounterPhoto.sha256)).all() == [sha(PNG)]


# --- reading a photo ------------------------------------------------------------------------

@pytest.fixture
def reported_photo(client, world, field_a):
    """A PNG in a report by field.a of department A, uploaded by field.a."""
    report(client, field_a, world, PNG)
    assert upload(client, field_a, PNG).status_code == 201
    return PNG


def test_the_reports_departments_liaison_gets_the_photo_privately(client, login, reported_photo):
    response = fetch(client, login("liaison.a"), sha(reported_photo))

    assert response.status_code == 200
    assert response.data == reported_photo
    assert response.mimetype == "image/png"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == "inline"


# BRIEF.md: a document photo can name the person targeted; only the department's liaisons read it.
@pytest.mark.parametrize("username", ["liaison.b", "field.b", "field.a2", "field.a", "trainer.a", "trainer", "mayor",
                                      "admin"])
def test_everyone_else_gets_404_as_for_no_photo(client, login, reported_photo, username):
    device = login(username)
    hidden = assert_error_shape(fetch(client, device, sha(reported_photo)), 404)
    absent = assert_error_shape(fetch(client, device, sha(b"never uploaded")), 404)

    assert hidden == absent


def test_citing_another_departments_photo_hash_in_a_report_does_not_make_it_readable(
        client, world, login, reported_photo):
    field_b = login("field.b")
    item = push_item(encounter_body(world, dept="B", photos=[photo_ref(reported_photo)]))
    assert results_of(push(client, field_b, [item]))[0]["status"] == "accepted"

    assert_error_shape(fetch(client, field_b, sha(reported_photo)), 404)
    assert_error_shape(fetch(client, login("liaison.b"), sha(reported_photo)), 404)


def test_the_reports_liaisons_keep_its_photo_when_the_reporter_moves_to_another_department(
        client, world, login, field_a, reported_photo):
    liaison_a = login("liaison.a")
    assert fetch(client, liaison_a, sha(reported_photo)).status_code == 200
    db.session.execute(update(User).where(User.id == world.users["field.a"].id)
                       .values(department_id=world.departments["B"].id))
    db.session.commit()

    assert fetch(client, liaison_a, sha(reported_photo)).data == reported_photo
    # Neither the reporter's device (its report was received) nor the new department reads it.
    assert_error_shape(fetch(client, field_a, sha(reported_photo)), 404)
    assert_error_shape(fetch(client, login("liaison.b"), sha(reported_photo)), 404)


def test_the_device_that_took_a_photo_may_read_it_back_until_its_report_is_received(client, world, field_a, login):
    upload(client, field_a, JPEG)

    assert fetch(client, field_a, sha(JPEG)).data == JPEG
    assert_error_shape(fetch(client, login("field.a2"), sha(JPEG)), 404)
    assert_error_shape(fetch(client, login("liaison.a"), sha(JPEG)), 404)
    report(client, field_a, world, JPEG)
    assert_error_shape(fetch(client, field_a, sha(JPEG)), 404)
    assert fetch(client, login("liaison.a"), sha(JPEG)).data == JPEG


def test_the_same_user_on_another_device_may_not_read_a_photo_back(client, world, field_a, login):
    upload(client, field_a, JPEG)

    assert_error_shape(fetch(client, login("field.a"), sha(JPEG)), 404)


def test_a_referenced_photo_not_yet_uploaded_is_404(client, world, field_a, login):
    report(client, field_a, world, PNG)

    assert_error_shape(fetch(client, login("liaison.a"), sha(PNG)), 404)


@pytest.mark.parametrize("digest", ["not-a-hash", "0" * 63, "../" + "0" * 61])
def test_a_malformed_hash_reads_as_no_photo(client, field_a, digest):
    assert fetch(client, field_a, digest).status_code == 404


def test_reading_a_photo_needs_a_token(client, reported_photo):
    assert_error_shape(fetch(client, None, sha(reported_photo)), 401)


# --- the storage itself ------------------------------------------------------------------------

def test_file_storage_never_leaves_a_partial_blob_under_its_final_name(tmp_path, monkeypatch):
    store = FileBlobStorage(tmp_path)

    def crash(_fd):
        raise OSError("disk gone")
    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        store.put(sha(PDF), PDF)

    assert not store.exists(sha(PDF))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_file_storage_refuses_names_that_are_not_hashes(tmp_path):
    store = FileBlobStorage(tmp_path)

    for name in ("../../etc/passwd", sha(PDF).upper(), ""):
        with pytest.raises(ValueError):
            store.put(name, PDF)
