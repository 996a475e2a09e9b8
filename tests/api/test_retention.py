"""Retention: legal hold, and the purge that erases free text and photos when the schedule says so."""
import os
import threading
import time
import uuid

import pytest
from sqlalchemy import func, select

from server.blobs import StorageUnavailable
from server.extensions import db
from server.models import (
    AuditEntry, Blob, BlobUpload, ChangeLogEntry, Encounter, FollowUp, FollowUpAnswer, ReportNote, TriageEvent,
)
from server.retention import schedule
from server.retention import purge as purge_module
from server.retention.purge import purge
from tests.api.reports_support import error_body, queue_ids, report, update_report
from tests.api.retention_support import (
    REPORT, audit_of, days_ago, detail, hold_from_another_connection, photo_ref, png, sha, upload, uploaded_days_ago,
)
from tests.factories import push, push_item

NOTES = "Agents carried a clipboard with a list."


@pytest.fixture
def people(login):
    return {name: login(name) for name in ("field.a", "liaison.a", "liaison.b", "mayor", "trainer")}


def hold(client, device, report_id, on: bool):
    return client.post(f"{REPORT.format(report_id)}/legal-hold", headers=device.headers, json={"hold": on})


def closed(report_id: str, days: float) -> None:
    """Close the report ``days`` ago (received a day before that)."""
    update_report(report_id, status="closed", status_changed_at=days_ago(days), received_at=days_ago(days + 1),
                  resolution="Referred to counsel.")


def run(app, blob_storage, **kwargs):
    """Run the purge with the app's schedule; return its counts."""
    return purge(blob_storage, schedule(app.config), **kwargs).counts


def body_of(report_id: str) -> dict:
    db.session.expire_all()
    return db.session.get(Encounter, uuid.UUID(report_id)).body


# --- legal hold -------------------------------------------------------------------------------------

def test_a_liaison_puts_a_report_on_legal_hold_and_lifts_it_both_audited(client, world, people):
    rid = report(client, world, people["field.a"])
    liaison = people["liaison.a"]

    placed = hold(client, liaison, rid, True)
    assert placed.status_code == 200, placed.get_json()
    assert placed.get_json()["legal_hold"] is True and placed.get_json()["erase_due_at"] is None
    assert detail(client, liaison, rid)["retention"]["legal_hold"] is True
    lifted = hold(client, liaison, rid, False).get_json()
    assert lifted["legal_hold"] is False and lifted["erase_due_at"] is not None

    assert [len(audit_of(rid, a)) for a in ("retention.hold", "retention.release")] == [1, 1]
    actions = [e["action"] for e in detail(client, liaison, rid)["triage"]]
    assert actions == ["legal_hold", "legal_hold_lifted"]


def test_holding_a_report_already_on_hold_changes_nothing(client, world, people):
    rid = report(client, world, people["field.a"])
    hold(client, people["liaison.a"], rid, True)
    assert hold(client, people["liaison.a"], rid, True).status_code == 200
    assert len(audit_of(rid, "retention.hold")) == 1


def test_legal_hold_is_for_the_reports_own_liaisons(client, world, people):
    rid = report(client, world, people["field.a"])

    error_body(hold(client, people["liaison.b"], rid, True), 404)
    for role in ("mayor", "trainer", "field.a"):
        error_body(hold(client, people[role], rid, True), 403, "forbidden_role")
    error_body(client.post(f"{REPORT.format(rid)}/legal-hold", headers=people["liaison.a"].headers,
                           json={"hold": "yes"}), 422)
    assert detail(client, people["liaison.a"], rid)["retention"]["legal_hold"] is False


def test_the_detail_says_when_a_closed_report_will_be_erased(client, world, people):
    rid = report(client, world, people["field.a"])
    closed(rid, 10)

    due = detail(client, people["liaison.a"], rid)["retention"]["erase_due_at"]
    assert due.startswith(days_ago(10 - 90).date().isoformat())


# --- the purge --------------------------------------------------------------------------------------

def test_the_purge_erases_what_is_due_and_keeps_what_is_not_or_is_on_hold(app, client, world, people, blob_storage):
    field, liaison = people["field.a"], people["liaison.a"]
    due_closed = report(client, world, field, notes=NOTES)
    recent_closed = report(client, world, field, notes=NOTES)
    due_open = report(client, world, field, notes=NOTES)
    recent_open = report(client, world, field, notes=NOTES)
    held = report(client, world, field, notes=NOTES)
    closed(due_closed, 91)
    closed(recent_closed, 89)
    closed(held, 200)
    update_report(due_open, received_at=days_ago(366))
    update_report(recent_open, received_at=days_ago(300))
    hold(client, liaison, held, True)

    counts = run(app, blob_storage)

    assert counts["reports"] == 2 and counts["held"] == 1
    assert counts["free_text_fields"] == 2 * 2  # stated_purpose and notes of each
    for rid in (due_closed, due_open):
        body = body_of(rid)
        assert "notes" not in body and "stated_purpose" not in body
        assert body["agencies"] == ["ice_ero"] and body["detained_count"] == 1  # structured fields stay
        assert detail(client, liaison, rid)["retention"]["erased_at"] is not None
        assert len(audit_of(rid, "retention.erase")) == 1
    for rid in (recent_closed, recent_open, held):
        assert body_of(rid)["notes"] == NOTES
    assert sorted(queue_ids(client, liaison, q="clipboard", status="closed")) == sorted([recent_closed, held])


def test_reopening_an_old_closed_report_does_not_erase_it_that_night(app, client, world, people, blob_storage):
    liaison = people["liaison.a"]
    rid = report(client, world, people["field.a"], notes=NOTES)
    # Received 370 days ago, closed 10 days ago: due in 80 days.
    update_report(rid, status="closed", status_changed_at=days_ago(10), received_at=days_ago(370),
                  resolution="Referred to counsel.")
    assert run(app, blob_storage)["reports"] == 0
    reopen = {"to": "in_review", "reason": "The City Attorney asked us to look again."}
    assert client.post(f"{REPORT.format(rid)}/status", headers=liaison.headers, json=reopen).status_code == 200

    assert run(app, blob_storage)["reports"] == 0
    assert body_of(rid)["notes"] == NOTES
    # Open again: the clock runs from the reopen, a year from now (the rule and the detail agree).
    due = detail(client, liaison, rid)["retention"]["erase_due_at"]
    assert due.startswith(days_ago(-365).date().isoformat())


def test_a_legal_hold_committed_while_the_purge_runs_keeps_the_report(
        app, client, world, people, blob_storage, backend, monkeypatch):
    if backend != "sqlite":
        pytest.skip("PostgreSQL's purge locks the batch FOR UPDATE: the hold waits for its commit")
    rid = report(client, world, people["field.a"], notes=NOTES)
    closed(rid, 100)
    read = purge_module.words_beside

    def hold_meanwhile(ids):
        # The hold commits after the batch was read and before the purge claims it.
        hold_from_another_connection(rid)
        return read(ids)

    monkeypatch.setattr(purge_module, "words_beside", hold_meanwhile)
    assert run(app, blob_storage)["reports"] == 0
    db.session.expire_all()
    kept = db.session.get(Encounter, uuid.UUID(rid))
    assert kept.legal_hold is True and kept.erased_at is None and kept.body["notes"] == NOTES


def test_a_storage_outage_does_not_stop_the_erasure_of_words(app, client, world, people, blob_storage):
    field = people["field.a"]
    photos, ids = [png(31), png(32)], []
    for data in photos:
        assert upload(client, field, data).status_code == 201
        ids.append(report(client, world, field, notes=NOTES, photos=[photo_ref(data)]))
        closed(ids[-1], 100)

    class Down:
        """The photo store, unreachable for deletes (S3 down at the wrong moment)."""

        def __getattr__(self, name):
            return getattr(blob_storage, name)

        def delete(self, sha256):
            raise StorageUnavailable("photo storage is unreachable")

    counts = run(app, Down(), batch=1)

    assert counts["reports"] == 2 and counts["storage_errors"] == 2
    for rid in ids:
        assert "notes" not in body_of(rid)
    # The rows went; the bytes wait for a later run's sweep of files without a row.
    assert db.session.scalar(select(func.count()).select_from(Blob)) == 0
    assert all(blob_storage.exists(sha(data)) for data in photos)
    [finished] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "retention.run")).all()
    assert finished.details["storage_errors"] == 2 and finished.details["reports"] == 2


def test_the_phones_position_is_erased_with_the_free_text(app, client, world, people, blob_storage):
    position = {"lat": 34.0522, "lon": -118.2437, "accuracy_m": 8}
    rid = report(client, world, people["field.a"], notes=NOTES, location=position)
    assert body_of(rid)["location"] == position
    closed(rid, 91)

    counts = run(app, blob_storage)

    assert counts["reports"] == 1 and counts["free_text_fields"] == 2  # stated_purpose and notes: a position is no text
    body = body_of(rid)
    assert "location" not in body and "notes" not in body and body["agencies"] == ["ice_ero"]
    assert "location" not in detail(client, people["liaison.a"], rid)["body"]


def test_a_second_purge_finds_nothing_more_to_do(app, client, world, people, blob_storage):
    closed(report(client, world, people["field.a"]), 100)
    assert run(app, blob_storage)["reports"] == 1

    again = run(app, blob_storage)
    assert sum(again.values()) == 0


def test_a_run_with_nothing_due_is_recorded_so_an_admin_sees_the_purge_keeps_its_schedule(
        app, client, world, people, blob_storage, login):
    report(client, world, people["field.a"])  # new today: nothing is due
    admin = login("admin")

    def settings():
        return client.get("/api/v1/admin/settings", headers=admin.headers).get_json()["retention"]

    assert settings()["last_run_at"] is None

    run(app, blob_storage, dry_run=True)
    assert settings()["last_run_at"] is None  # a dry run changes nothing, its record included
    assert sum(run(app, blob_storage).values()) == 0

    now = settings()
    assert now["last_run_at"] is not None and now["last_erased_at"] is None
    row = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "retention.run")).one()
    assert row.entity_type == "purge" and row.department_id is None and row.actor_id is None
    assert all(isinstance(n, int) for n in row.details.values())  # the tally: numbers, never words


def test_a_dry_run_counts_the_same_as_the_real_run_and_changes_nothing(app, client, world, people, blob_storage):
    photo = png(10)
    upload(client, people["field.a"], photo)
    rid = report(client, world, people["field.a"], photos=[photo_ref(photo)])
    closed(rid, 100)
    (blob_storage.root / "ab" / "cd").mkdir(parents=True)
    temp = blob_storage.root / "ab" / "cd" / ".tmp-crashed"
    temp.write_bytes(b"half")
    os.utime(temp, (time.time() - 2 * 86400,) * 2)
    before = body_of(rid)

    planned = run(app, blob_storage, dry_run=True)

    assert body_of(rid) == before and blob_storage.exists(sha(photo)) and temp.exists()
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action.like("retention.%"))) == 0
    done = run(app, blob_storage)
    assert planned == done
    assert done["photos"] == 1 and done["blobs"] == 1 and done["temp_files"] == 1


def test_the_purge_deletes_photos_of_erased_reports_unless_another_report_needs_them(
        app, client, world, people, blob_storage):
    field, liaison = people["field.a"], people["liaison.a"]
    alone, shared = png(11), png(12)
    for data in (alone, shared):
        assert upload(client, field, data).status_code == 201
    old = report(client, world, field, photos=[photo_ref(alone), photo_ref(shared)])
    young = report(client, world, field, photos=[photo_ref(shared)])
    closed(old, 100)

    counts = run(app, blob_storage)

    assert (counts["photos"], counts["blobs"], counts["blob_bytes"]) == (2, 1, len(alone))
    assert not blob_storage.exists(sha(alone)) and db.session.get(Blob, sha(alone)) is None
    assert blob_storage.exists(sha(shared))
    assert detail(client, liaison, old)["photos"] == []
    assert error_body(client.get(f"/api/v1/blobs/{sha(alone)}", headers=liaison.headers), 410)["reason"] == "removed"
    assert client.get(f"/api/v1/blobs/{sha(shared)}", headers=liaison.headers).status_code == 200
    assert [p["sha256"] for p in detail(client, liaison, young)["photos"]] == [sha(shared)]


def test_questions_answers_notes_and_resolutions_of_an_erased_report_go_too(app, client, world, people, blob_storage):
    field, liaison = people["field.a"], people["liaison.a"]
    rid = report(client, world, field)
    assert client.post(f"{REPORT.format(rid)}/notes", headers=liaison.headers,
                       json={"text": "Caller mentioned the clipboard"}).status_code == 201
    asked = client.post(f"{REPORT.format(rid)}/questions", headers=liaison.headers,
                        json={"text": "What did the clipboard say?"}).get_json()["followup"]
    answer = push_item({"followup_id": asked["id"], "text": "A list of names", "answered_at": "2026-11-21T10:00:00Z"},
                       kind="answer")
    assert push(client, field, [answer]).get_json()["results"][0]["status"] == "accepted"
    assert client.post(f"{REPORT.format(rid)}/status", headers=liaison.headers,
                       json={"to": "closed", "resolution": "Counsel has the clipboard list"}).status_code == 200
    update_report(rid, status_changed_at=days_ago(100))

    counts = run(app, blob_storage)

    assert counts["other_texts"] == 5  # question, answer, note, resolution, the close's triage reason
    db.session.expire_all()
    texts = [*db.session.scalars(select(FollowUp.question)), *db.session.scalars(select(FollowUpAnswer.text)),
             *db.session.scalars(select(ReportNote.text)), db.session.get(Encounter, uuid.UUID(rid)).resolution]
    assert texts == ["", "", "", None]
    stored = str([*db.session.scalars(select(TriageEvent.details)), *db.session.scalars(select(ChangeLogEntry.data)),
                  *db.session.scalars(select(FollowUpAnswer.body))])
    assert "clipboard" not in stored and "names" not in stored


def test_words_written_on_a_report_after_its_erasure_go_when_the_schedule_says_so_again(
        app, client, world, people, blob_storage):
    field, liaison = people["field.a"], people["liaison.a"]
    rid = report(client, world, field)
    asked = client.post(f"{REPORT.format(rid)}/questions", headers=liaison.headers,
                        json={"text": "Who held the clipboard?"}).get_json()["followup"]
    closed(rid, 100)
    assert run(app, blob_storage)["reports"] == 1
    # The erased report is reopened and worked again; the reporter's phone answers the question it still holds.
    status = f"{REPORT.format(rid)}/status"
    assert client.post(status, headers=liaison.headers,
                       json={"to": "in_review", "reason": "FOIA answer names the clipboard"}).status_code == 200
    assert client.post(f"{REPORT.format(rid)}/notes", headers=liaison.headers,
                       json={"text": "Clipboard list matches the FOIA answer"}).status_code == 201
    later = client.post(f"{REPORT.format(rid)}/questions", headers=liaison.headers,
                        json={"text": "Was the clipboard list long?"}).get_json()["followup"]
    for question in (asked, later):
        answer = push_item({"followup_id": question["id"], "text": "The clipboard list had names",
                            "answered_at": "2026-11-21T10:00:00Z"}, kind="answer")
        assert push(client, field, [answer]).get_json()["results"][0]["status"] == "accepted"
    assert client.post(status, headers=liaison.headers,
                       json={"to": "closed", "resolution": "Clipboard list sent to counsel"}).status_code == 200
    assert detail(client, liaison, rid)["retention"]["erase_due_at"] is not None  # the clock runs again

    assert run(app, blob_storage)["other_texts"] == 0  # closed today: not due yet
    update_report(rid, status_changed_at=days_ago(91))
    counts = run(app, blob_storage)

    assert counts["other_texts"] == 7  # question, two answers, note, resolution, the reopen's reason, the close's
    db.session.expire_all()
    stored = str([*db.session.scalars(select(FollowUp.question)), *db.session.scalars(select(FollowUpAnswer.text)),
                  *db.session.scalars(select(FollowUpAnswer.body)), *db.session.scalars(select(ReportNote.text)),
                  *db.session.scalars(select(TriageEvent.details)), *db.session.scalars(select(ChangeLogEntry.data)),
                  db.session.get(Encounter, uuid.UUID(rid)).resolution])
    assert "lipboard" not in stored and "names" not in stored
    assert sum(run(app, blob_storage).values()) == 0


def test_the_mayors_aggregate_is_the_same_before_and_after_a_purge(app, client, world, people, blob_storage):
    field = people["field.a"]
    for n, days in enumerate((100, 150, 10)):
        closed(report(client, world, field, notes=f"report {n}", detained_count=n, minors_present=bool(n % 2)), days)
    report(client, world, field, masks=False)
    args = {"from": "2026-01-01", "to": "2026-12-31"}

    def aggregate():
        response = client.get("/api/v1/reports/aggregate", headers=people["mayor"].headers, query_string=args)
        assert response.status_code == 200, response.get_json()
        return {key: value for key, value in response.get_json().items() if key != "generated_at"}

    before = aggregate()
    assert run(app, blob_storage)["reports"] == 2
    assert aggregate() == before
    assert sum(row["reports"] for row in before["weeks"]) == 4


def test_orphan_photos_and_stray_files_older_than_the_schedule_go(app, client, world, people, blob_storage):
    orphan, fresh = png(20), png(21)
    upload(client, people["field.a"], orphan)
    upload(client, people["field.a"], fresh)
    uploaded_days_ago(orphan, 8)
    stray = blob_storage.path("f" * 64)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"no row")
    os.utime(stray, (time.time() - 2 * 86400,) * 2)

    counts = run(app, blob_storage)

    assert (counts["orphan_blobs"], counts["stray_files"]) == (1, 1)
    assert not blob_storage.exists(sha(orphan)) and not stray.exists()
    assert blob_storage.exists(sha(fresh))
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "retention.blob_delete")).all()
    assert entry.entity_id == sha(orphan)
    assert db.session.scalar(select(func.count()).select_from(BlobUpload)) == 1  # fresh's: orphan's went with it


def test_an_orphan_photo_uploaded_again_lately_by_another_user_is_kept(app, client, world, people, login,
                                                                       blob_storage):
    """Its age is its last upload's: the second uploader's report may be on its way."""
    shared = png(22)
    upload(client, login("field.b"), shared)
    uploaded_days_ago(shared, 8)
    upload(client, people["field.a"], shared)

    assert run(app, blob_storage)["orphan_blobs"] == 0
    uploaded_days_ago(shared, 8, user_id=world.users["field.a"].id)
    assert run(app, blob_storage)["orphan_blobs"] == 1
    assert not blob_storage.exists(sha(shared))


def test_the_purge_command_prints_what_it_removed_by_class(app, client, world, people, blob_storage):
    closed(report(client, world, people["field.a"]), 100)
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["purge", "--dry-run"])
    real = runner.invoke(args=["purge"])

    assert dry.exit_code == 0 and real.exit_code == 0, (dry.output, real.output)
    assert "dry run: nothing changed" in dry.output
    lines = dict(line.rsplit(None, 1) for line in real.output.splitlines()[1:])
    assert lines["reports erased"] == "1" and lines["free-text fields erased"] == "2"
    assert lines["temporary upload files deleted"] == "0"


def test_a_second_purge_on_one_sqlite_file_waits_its_turn_without_an_error(app, client, world, people, backend,
                                                                          blob_storage):
    """SQLite lives on one host: the command takes a lock file; PostgreSQL shares the work (next test)."""
    import fcntl
    from pathlib import Path

    rid = report(client, world, people["field.a"])
    closed(rid, 100)
    if backend != "sqlite":
        return
    with open(Path(app.instance_path) / "purge.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another purge is running
        busy = app.test_cli_runner().invoke(args=["purge"])
    assert busy.exit_code == 0 and "another purge is running" in busy.output
    assert "notes" in body_of(rid)
    assert "reports erased" in app.test_cli_runner().invoke(args=["purge"]).output


def test_two_purges_running_at_once_share_the_work_and_do_nothing_twice(app, client, world, people, blob_storage):
    photo = png(30)
    upload(client, people["field.a"], photo)
    # On PostgreSQL two threads, each with its own connection, are two hosts; on SQLite writers take turns.
    ids = [report(client, world, people["field.a"], notes=f"n{n}", photos=[photo_ref(photo)]) for n in range(24)]
    for rid in ids:
        closed(rid, 100)
    db.session.remove()
    barrier, results, errors = threading.Barrier(2), [], []

    def worker():
        with app.app_context():
            try:
                barrier.wait()
                results.append(purge(blob_storage, schedule(app.config), batch=4, pause=0.05).counts)
            except Exception as exc:  # noqa: BLE001 - the assertion below shows it
                errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    if db.engine.dialect.name == "postgresql":
        assert sorted(r["reports"] > 0 for r in results) == [True, True], results  # both took a share
    assert sum(r["reports"] for r in results) == 24
    assert sum(r["photos"] for r in results) == 24 and sum(r["blobs"] + r["orphan_blobs"] for r in results) == 1
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "retention.erase")) == 24
    assert not blob_storage.exists(sha(photo))


def test_every_pull_tells_the_phone_how_long_to_keep_what_the_server_holds(app, client, world, people):
    app.config.update(PHONE_SUMMARY_DAYS=7, PHONE_ANSWER_DAYS=5, PHONE_DRAFT_DAYS=3)

    page = client.get("/api/v1/sync/pull", headers=people["field.a"].headers).get_json()

    assert page["phone_retention"] == {"summary_days": 7, "answer_days": 5, "draft_days": 3}
