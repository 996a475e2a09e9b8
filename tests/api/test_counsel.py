"""Counsel's warrant check: a phone shares a document photo early, counsel in scope reads it and answers."""
import base64
import hashlib
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from server.blobs import FileBlobStorage
from server.extensions import db
from server.models import AuditEntry, Blob, ChangeLogEntry, CounselDocument, User
from tests.factories import encounter_body, push, push_item, settle_pull_horizon

JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////"
    "////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=")
PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
TAKEN = "2026-12-04T18:05:00-08:00"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(autouse=True)
def blob_store(app, tmp_path):
    """A fresh blob directory per test."""
    store = FileBlobStorage(tmp_path / "blobs")
    app.extensions["blob_storage"] = store
    yield store
    app.extensions.pop("blob_storage", None)


def upload(client, device, data: bytes):
    return client.put(f"/api/v1/blobs/{sha(data)}", data=data,
                      headers={**device.headers, "Content-Type": "application/octet-stream"})


def share(client, device, encounter_id: str, data: bytes, site="site-a1", taken_at=TAKEN):
    return client.put(f"/api/v1/encounters/{encounter_id}/documents/{sha(data)}", headers=device.headers,
                      json={"site": site, "taken_at": taken_at})


def shared(client, device, data: bytes = JPEG, site="site-a1") -> str:
    """Upload and share a document photo; return the encounter id."""
    encounter_id = str(uuid.uuid4())
    assert upload(client, device, data).status_code in (200, 201)
    assert share(client, device, encounter_id, data, site).status_code == 201
    return encounter_id


def documents(client, device, state="awaiting") -> list[dict]:
    response = client.get(f"/api/v1/counsel/documents?state={state}", headers=device.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["documents"]


def answer(client, device, encounter_id, verdict="administrative", note=None):
    body = {"verdict": verdict} if note is None else {"verdict": verdict, "note": note}
    return client.put(f"/api/v1/counsel/documents/{encounter_id}/answer", headers=device.headers, json=body)


def audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def noted(client, device, counsel) -> str:
    """Share a document photo and have counsel answer it with a note; return the encounter id."""
    encounter_id = shared(client, device)
    assert answer(client, counsel, encounter_id, "administrative",
                  note="Signed by an officer, not a judge.").status_code == 200
    return encounter_id


def shared_days_ago(encounter_id: str, days: int) -> None:
    """Move the document's sharing ``days`` into the past (the purge forgets it after a week)."""
    doc = db.session.get(CounselDocument, uuid.UUID(encounter_id))
    doc.shared_at = doc.shared_at - timedelta(days=days)
    db.session.commit()


def pulled(client, device) -> list[dict]:
    settle_pull_horizon()
    response = client.get("/api/v1/sync/pull?limit=500", headers=device.headers)
    assert response.status_code == 200
    return [c for c in response.get_json()["changes"] if c["kind"] == "counsel_answer"]


# --- sharing ------------------------------------------------------------------------------

def test_sharing_twice_is_idempotent_one_document_one_audit(client, world, login):
    field = login("field.a")
    encounter_id = str(uuid.uuid4())
    upload(client, field, JPEG)
    first = share(client, field, encounter_id, JPEG)
    again = share(client, field, encounter_id, JPEG)
    assert (first.status_code, again.status_code) == (201, 200)
    assert db.session.scalar(select(func.count()).select_from(CounselDocument)) == 1
    assert len(audit("counsel.document.share")) == 1


def test_a_photo_not_uploaded_by_the_sharer_is_refused(client, world, login):
    other = login("field.a2")
    upload(client, other, JPEG)
    response = share(client, login("field.a"), str(uuid.uuid4()), JPEG)
    assert response.status_code == 409 and response.get_json()["reason"] == "missing_blob"


def test_a_site_of_another_department_is_refused(client, world, login):
    field = login("field.a")
    upload(client, field, JPEG)
    response = share(client, field, str(uuid.uuid4()), JPEG, site="site-b1")
    assert response.status_code == 422 and "site" in response.get_json()["errors"]


def test_another_user_cannot_add_to_someone_elses_encounter(client, world, login):
    encounter_id = shared(client, login("field.a"))
    other = login("field.a2")
    upload(client, other, PDF)
    response = share(client, other, encounter_id, PDF)
    assert response.status_code == 409 and response.get_json()["reason"] == "id_taken"


@pytest.mark.parametrize(("path", "body", "status"), [
    ("{eid}/documents/{sha}", {"site": "site-a1", "taken_at": "yesterday"}, 422),
    ("{eid}/documents/{sha}", {"site": "site-a1", "taken_at": TAKEN, "resident_name": "x"}, 422),
    ("{eid}/documents/{sha}", {"site": "site-a1"}, 422),
    ("not-a-uuid/documents/{sha}", {"site": "site-a1", "taken_at": TAKEN}, 404),
    ("{eid}/documents/ABC", {"site": "site-a1", "taken_at": TAKEN}, 400),
], ids=["bad-time", "unknown-key", "no-time", "bad-id", "bad-hash"])
def test_a_malformed_share_is_a_clear_4xx_and_stores_nothing(client, world, login, path, body, status):
    field = login("field.a")
    upload(client, field, JPEG)
    url = "/api/v1/encounters/" + path.format(eid=uuid.uuid4(), sha=sha(JPEG))
    response = client.put(url, headers=field.headers, json=body)
    assert response.status_code == status, response.get_json()
    assert {"code", "message"} <= set(response.get_json())
    assert db.session.scalar(select(func.count()).select_from(CounselDocument)) == 0


def test_counsel_and_other_desk_roles_cannot_share(client, world, login, counsel_users):
    for username in ("counsel.a", "mayor", "trainer"):
        response = share(client, login(username), str(uuid.uuid4()), JPEG)
        assert response.status_code == 403, username


def test_the_report_later_references_the_shared_photo_and_needs_no_upload(client, world, login, counsel_users):
    field = login("field.a")
    encounter_id = shared(client, field)
    photo = {"sha256": sha(JPEG), "size": len(JPEG), "type": "image/jpeg"}
    response = push(client, field, [push_item(encounter_body(world, photos=[photo]), encounter_id)])
    [result] = response.get_json()["results"]
    assert result["status"] == "accepted" and result["missing_blobs"] == []
    # The report arrived: the encounter is closed for counsel; the department's liaison reads the photo.
    assert documents(client, login("counsel.a"), "all") == []
    assert client.get(f"/api/v1/blobs/{sha(JPEG)}", headers=login("counsel.a").headers).status_code == 404
    assert client.get(f"/api/v1/blobs/{sha(JPEG)}", headers=login("liaison.a").headers).status_code == 200
    again = share(client, field, encounter_id, JPEG)
    assert again.status_code == 409 and again.get_json()["reason"] == "encounter_closed"


# --- counsel's scope ----------------------------------------------------------------------

def test_department_counsel_sees_only_its_department_citywide_counsel_sees_all(client, world, login, counsel_users):
    in_a = shared(client, login("field.a"), JPEG)
    in_b = shared(client, login("field.b"), PDF, site="site-b1")
    assert [d["encounter_id"] for d in documents(client, login("counsel.a"))] == [in_a]
    assert {d["encounter_id"] for d in documents(client, login("counsel"))} == {in_a, in_b}
    outside = client.get(f"/api/v1/counsel/documents/{in_b}", headers=login("counsel.a").headers)
    assert outside.status_code == 404
    assert answer(client, login("counsel.a"), in_b).status_code == 404
    assert client.get(f"/api/v1/blobs/{sha(PDF)}", headers=login("counsel.a").headers).status_code == 404
    assert client.get(f"/api/v1/blobs/{sha(PDF)}", headers=login("counsel").headers).status_code == 200


def test_counsel_sees_site_time_and_photos_but_no_report_text_or_names(client, world, login, counsel_users):
    field = login("field.a")
    encounter_id = shared(client, field)
    [doc] = documents(client, login("counsel.a"))
    assert doc["site"] == {"code": "site-a1", "name": "Site A1"}
    assert doc["occurred_at"] == "2026-12-05T02:05:00.000Z"
    assert doc["photos"] == [{"sha256": sha(JPEG), "taken_at": "2026-12-05T02:05:00.000Z"}]
    assert "Field.A" not in str(doc) and "user" not in str(doc)
    assert doc["encounter_id"] == encounter_id and doc["answer"] is None


def test_counsel_cannot_read_reports_or_photos_of_other_reports(client, world, login, counsel_users):
    field = login("field.a")
    upload(client, field, PDF)
    photo = {"sha256": sha(PDF), "size": len(PDF), "type": "application/pdf"}
    item = push_item(encounter_body(world, photos=[photo]))
    push(client, field, [item])
    counsel = login("counsel.a")
    assert client.get("/api/v1/reports", headers=counsel.headers).status_code == 403
    assert client.get(f"/api/v1/reports/{item['id']}", headers=counsel.headers).status_code in (403, 404)
    assert client.get(f"/api/v1/blobs/{sha(PDF)}", headers=counsel.headers).status_code == 404


@pytest.mark.parametrize("username", ["field.a", "liaison.a", "mayor", "admin", "trainer"])
def test_only_counsel_may_list_or_answer(client, world, login, counsel_users, username):
    encounter_id = shared(client, login("field.a"))
    device = login(username)
    assert client.get("/api/v1/counsel/documents", headers=device.headers).status_code == 403
    assert answer(client, device, encounter_id).status_code == 403


def test_a_document_older_than_the_open_window_is_no_longer_shown(client, world, login, counsel_users):
    encounter_id = shared(client, login("field.a"))
    doc = db.session.get(CounselDocument, uuid.UUID(encounter_id))
    doc.shared_at = doc.shared_at.replace(year=doc.shared_at.year - 1)
    db.session.commit()
    assert documents(client, login("counsel"), "all") == []


# --- answers ------------------------------------------------------------------------------

def test_an_answer_replaces_the_earlier_one_and_each_is_audited_without_the_note(client, world, login, counsel_users):
    encounter_id = shared(client, login("field.a"))
    counsel = login("counsel.a")
    assert answer(client, counsel, encounter_id, "unclear").status_code == 200
    second = answer(client, counsel, encounter_id, "administrative", note="Signed by an ICE officer only.")
    assert second.status_code == 200
    assert second.get_json()["answer"]["verdict"] == "administrative"
    assert documents(client, counsel) == []
    [doc] = documents(client, counsel, "answered")
    assert doc["answer"]["note"] == "Signed by an ICE officer only."
    rows = audit("counsel.answer")
    assert [r.details["verdict"] for r in rows] == ["unclear", "administrative"]
    assert rows[1].details["replaced"] == "unclear"
    assert all("ICE officer" not in str(r.details) for r in rows)
    assert all(r.department_id == world.departments["A"].id for r in rows)


def test_counsel_views_are_audited(client, world, login, counsel_users):
    encounter_id = shared(client, login("field.a"))
    counsel = login("counsel.a")
    documents(client, counsel)
    client.get(f"/api/v1/counsel/documents/{encounter_id}", headers=counsel.headers)
    assert client.get(f"/api/v1/blobs/{sha(JPEG)}", headers=counsel.headers).status_code == 200
    assert len(audit("counsel.documents.list")) == 1
    assert [r.entity_id for r in audit("counsel.document.view")] == [encounter_id]
    assert [r.entity_id for r in audit("counsel.photo.view")] == [encounter_id]


def test_a_note_with_never_collected_data_is_refused_and_nothing_changes(client, world, login, counsel_users):
    encounter_id = shared(client, login("field.a"))
    counsel = login("counsel.a")
    response = answer(client, counsel, encounter_id, "judicial", note="The warrant names A-number 123456789.")
    assert response.status_code == 422
    error = response.get_json()
    assert error["reason"] == "sensitive_text" and "123456789" not in str(error)
    assert db.session.get(CounselDocument, uuid.UUID(encounter_id)).verdict is None
    assert audit("counsel.answer") == []


def test_an_unknown_verdict_is_a_422(client, world, login, counsel_users):
    encounter_id = shared(client, login("field.a"))
    assert answer(client, login("counsel.a"), encounter_id, "maybe").status_code == 422


def test_the_answer_reaches_only_the_reporting_user_on_pull(client, world, login, counsel_users):
    field = login("field.a")
    encounter_id = shared(client, field)
    answer(client, login("counsel.a"), encounter_id, "administrative", note="Do not consent.")
    [change] = pulled(client, field)
    assert change["id"] == encounter_id
    assert change["data"]["verdict"] == "administrative" and change["data"]["note"] == "Do not consent."
    for other in ("field.a2", "liaison.a", "field.b"):
        assert pulled(client, login(other)) == [], other
    assert db.session.scalar(select(func.count()).select_from(ChangeLogEntry)
                             .where(ChangeLogEntry.kind == "counsel_answer")) == 1


def test_the_purge_forgets_documents_shared_longer_ago_than_an_unreferenced_photo_is_kept(
        app, client, world, login, blob_store):
    from server.retention import schedule
    from server.retention.purge import purge

    old, recent = shared(client, login("field.a"), JPEG), shared(client, login("field.a"), PDF)
    doc = db.session.get(CounselDocument, uuid.UUID(old))
    doc.shared_at = doc.shared_at.replace(year=doc.shared_at.year - 1)
    db.session.commit()
    counts = purge(blob_store, schedule(app.config)).counts
    assert counts["counsel_documents"] == 1
    db.session.expire_all()
    assert [str(d.encounter_id) for d in db.session.scalars(select(CounselDocument))] == [recent]


def test_the_purge_forgets_counsels_note_in_the_change_log_with_the_document(
        app, client, world, login, blob_store, counsel_users):
    from server.retention import schedule
    from server.retention.purge import purge

    field = login("field.a")
    encounter_id = noted(client, field, login("counsel.a"))
    shared_days_ago(encounter_id, 365)

    assert purge(blob_store, schedule(app.config)).counts["counsel_documents"] == 1

    db.session.expire_all()
    stored = str([*db.session.scalars(select(ChangeLogEntry.data).where(ChangeLogEntry.kind == "counsel_answer"))])
    assert "judge" not in stored
    assert all("judge" not in str(change) for change in pulled(client, field))
    [forgotten] = audit("retention.counsel_forget")
    assert (forgotten.entity_type, forgotten.entity_id) == ("encounter", encounter_id)
    assert forgotten.details == {"photos": 1, "note": True}


def test_a_forgotten_counsel_note_reaches_a_phone_that_already_pulled_it(
        app, client, world, login, blob_store, counsel_users):
    from server.retention import schedule
    from server.retention.purge import purge

    field = login("field.a")
    encounter_id = noted(client, field, login("counsel.a"))
    settle_pull_horizon()
    first = client.get("/api/v1/sync/pull?limit=500", headers=field.headers).get_json()
    assert any("judge" in str(change) for change in first["changes"])
    shared_days_ago(encounter_id, 8)

    assert purge(blob_store, schedule(app.config)).counts["counsel_documents"] == 1
    settle_pull_horizon()
    later = client.get("/api/v1/sync/pull", headers=field.headers,
                       query_string={"limit": 500, "cursor": first["cursor"]}).get_json()
    # The same answer again, by its id, without the note: the phone's upsert replaces the words it holds.
    [news] = [change for change in later["changes"] if change["kind"] == "counsel_answer"]
    assert news["id"] == encounter_id and news["data"]["note"] is None
    assert news["data"]["verdict"] == "administrative"
    # Once is enough: a second run appends nothing more.
    assert purge(blob_store, schedule(app.config)).counts["counsel_documents"] == 0
    settle_pull_horizon()
    again = client.get("/api/v1/sync/pull", headers=field.headers,
                       query_string={"limit": 500, "cursor": later["cursor"]}).get_json()
    assert [c for c in again["changes"] if c["kind"] == "counsel_answer"] == []


def test_a_liaison_removing_the_same_bytes_from_a_report_leaves_counsel_the_shared_photo(
        client, world, login, blob_store, counsel_users):
    field = login("field.a")
    shared(client, field)  # the encounter still open: counsel reads its photo
    other = push_item(encounter_body(world, photos=[{"sha256": sha(JPEG), "size": len(JPEG), "type": "image/jpeg"}]))
    assert push(client, field, [other]).status_code == 200

    removed = client.delete(f"/api/v1/reports/{other['id']}/photos/{sha(JPEG)}", headers=login("liaison.a").headers)

    assert removed.status_code == 200
    read = client.get(f"/api/v1/blobs/{sha(JPEG)}", headers=login("counsel.a").headers)
    assert (read.status_code, read.data) == (200, JPEG)


def test_a_photo_a_liaison_removed_from_a_report_is_not_served_back_to_the_phone_that_shared_it(
        client, world, login, blob_store, counsel_users):
    # Before, the phone's read of its own upload ended while a report cited the photo and opened again once the
    # liaison removed it: the bytes the liaison took out came back to the phone (counsel's document still held them).
    field = login("field.a")
    encounter_id = shared(client, field)
    photo = {"sha256": sha(JPEG), "size": len(JPEG), "type": "image/jpeg"}
    assert push(client, field, [push_item(encounter_body(world, photos=[photo]), encounter_id)]).status_code == 200
    assert client.get(f"/api/v1/blobs/{sha(JPEG)}", headers=field.headers).status_code == 404
    removed = client.delete(f"/api/v1/reports/{encounter_id}/photos/{sha(JPEG)}", headers=login("liaison.a").headers)
    assert removed.status_code == 200
    again = client.get(f"/api/v1/blobs/{sha(JPEG)}", headers=field.headers)
    assert again.status_code == 410 and again.data != JPEG  # removed from the phone's own report: gone, no bytes


@pytest.mark.parametrize("cited_elsewhere", [False, True])
def test_a_report_on_legal_hold_keeps_the_photo_shared_with_counsel_until_the_hold_is_lifted(
        app, client, world, login, blob_store, cited_elsewhere):
    """The report itself does not cite the warrant's photo (or only another report, erased meanwhile, did)."""
    from server.retention import schedule
    from server.retention.purge import purge

    field, liaison = login("field.a"), login("liaison.a")
    encounter_id = shared(client, field)
    assert push(client, field, [push_item(encounter_body(world), encounter_id)]).status_code == 200
    if cited_elsewhere:
        photo = {"sha256": sha(JPEG), "size": len(JPEG), "type": "image/jpeg"}
        assert push(client, field, [push_item(encounter_body(world, photos=[photo]))]).status_code == 200
    hold = f"/api/v1/reports/{encounter_id}/legal-hold"
    assert client.post(hold, headers=liaison.headers, json={"hold": True}).status_code == 200
    later = datetime.now(timezone.utc) + timedelta(days=400)  # the other report erased, the photo long orphaned

    purge(blob_store, schedule(app.config), now=later)

    db.session.expire_all()
    assert db.session.get(CounselDocument, uuid.UUID(encounter_id)) is not None
    assert db.session.get(Blob, sha(JPEG)) is not None and blob_store.get(sha(JPEG)) == JPEG
    assert client.post(hold, headers=liaison.headers, json={"hold": False}).status_code == 200
    purge(blob_store, schedule(app.config), now=later)
    db.session.expire_all()
    assert db.session.get(CounselDocument, uuid.UUID(encounter_id)) is None
    assert db.session.get(Blob, sha(JPEG)) is None and blob_store.get(sha(JPEG)) is None


def test_a_report_on_legal_hold_keeps_counsels_document_and_note_until_the_hold_is_lifted(
        app, client, world, login, blob_store, counsel_users):
    from server.retention import schedule
    from server.retention.purge import purge

    field, liaison = login("field.a"), login("liaison.a")
    encounter_id = shared(client, field)
    assert answer(client, login("counsel.a"), encounter_id, "administrative",
                  note="Signed by an officer, not a judge.").status_code == 200
    photo = {"sha256": sha(JPEG), "size": len(JPEG), "type": "image/jpeg"}
    assert push(client, field, [push_item(encounter_body(world, photos=[photo]), encounter_id)]).status_code == 200
    hold = f"/api/v1/reports/{encounter_id}/legal-hold"
    assert client.post(hold, headers=liaison.headers, json={"hold": True}).status_code == 200
    doc = db.session.get(CounselDocument, uuid.UUID(encounter_id))
    doc.shared_at = doc.shared_at.replace(year=doc.shared_at.year - 1)
    db.session.commit()

    assert purge(blob_store, schedule(app.config)).counts["counsel_documents"] == 0
    db.session.expire_all()
    kept = db.session.get(CounselDocument, uuid.UUID(encounter_id))
    assert kept is not None and kept.verdict == "administrative" and "judge" in kept.note
    assert any("judge" in str(change) for change in pulled(client, field))

    assert client.post(hold, headers=liaison.headers, json={"hold": False}).status_code == 200
    assert purge(blob_store, schedule(app.config)).counts["counsel_documents"] == 1
    db.session.expire_all()
    assert db.session.get(CounselDocument, uuid.UUID(encounter_id)) is None


def test_a_legal_hold_committed_while_the_purge_forgets_documents_keeps_counsels_document(
        app, client, world, login, blob_store, counsel_users, monkeypatch):
    from server.retention import files, schedule
    from server.retention.purge import purge
    from tests.api.retention_support import hold_from_another_connection

    field = login("field.a")
    encounter_id = shared(client, field)
    assert push(client, field, [push_item(encounter_body(world), encounter_id)]).status_code == 200
    shared_days_ago(encounter_id, 8)
    real, calls = files.delete, []

    def hold_meanwhile(table, *args, **kwargs):
        # The hold commits after the purge chose the documents to forget and before it deletes them.
        if table is CounselDocument and not calls:
            calls.append(table)
            hold_from_another_connection(encounter_id)
        return real(table, *args, **kwargs)

    monkeypatch.setattr(files, "delete", hold_meanwhile)
    assert purge(blob_store, schedule(app.config)).counts["counsel_documents"] == 0
    db.session.expire_all()
    assert db.session.get(CounselDocument, uuid.UUID(encounter_id)) is not None


# --- administration -----------------------------------------------------------------------

def test_an_administrator_creates_citywide_and_department_counsel(client, world, login):
    admin = login("admin")
    for username, department in (("counsel.city", None), ("counsel.b", "B")):
        response = client.post("/api/v1/admin/users", headers=admin.headers, json={
            "username": username, "display_name": "Counsel", "role": "counsel", "department": department,
            "password": "a long local password"})
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["role"] == "counsel"


def test_counsel_users_are_imported_from_the_citys_csv(app, world, tmp_path):
    path = tmp_path / "users.csv"
    path.write_text("username,display_name,role,department,active\n"
                    "ca.city,City Attorney,counsel,,\nca.b,Deputy City Attorney,counsel,B,\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "users", str(path)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    roles = dict(db.session.execute(select(User.username, User.department_id).where(User.role == "counsel")).all())
    assert roles == {"ca.city": None, "ca.b": world.departments["B"].id}
