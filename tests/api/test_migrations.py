"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL.

Why: the tests run on a migrated database, but a column added to a model and forgotten in
a migration would still pass every test that never touches it, then fail in production.
"""
from contextlib import contextmanager

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server.extensions import db


def _scratch_app(backend: str, database_urls: dict, tmp_path, name: str):
    """An app on an empty database of its own, so the session's database stays at head."""
    from urllib.parse import urlsplit

    from scripts.ensure_database import main as ensure_database
    from server import create_app
    from tests.conftest import _driver, _reset_postgres

    url = f"sqlite:///{tmp_path / (name + '.sqlite3')}"
    if backend == "postgresql":
        parts = urlsplit(database_urls["postgresql"])
        url = parts._replace(path=parts.path + "_" + name).geturl()
        assert ensure_database(url) == 0
        _reset_postgres(url)
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _driver(url), "SECRET_KEY": "test"})


@contextmanager
def _at_head(backend: str, database_urls: dict, tmp_path, name: str):
    """Inside a scratch app's context, its database migrated to head; the session and engine let go after."""
    import flask_migrate

    app = _scratch_app(backend, database_urls, tmp_path, name)
    with app.app_context():
        try:
            flask_migrate.upgrade()
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def _again_from(revision: str) -> None:
    """Go back to ``revision`` and up to head again: what is stored meets the later migrations as an old server's."""
    import flask_migrate

    flask_migrate.downgrade(revision=revision)
    flask_migrate.upgrade()


def test_migrated_schema_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models and migrations disagree: {differences}"


def test_postgresql_compresses_bodies_with_lz4_and_covers_step_lookups_with_the_primary_key(app, backend):
    """Migration 0018's two storage choices, which comparing the schema with the models cannot see."""
    if backend != "postgresql":
        pytest.skip("SQLite has neither lz4 nor INCLUDE: 0018 does nothing there")
    from sqlalchemy import text

    with db.engine.connect() as connection:
        methods = dict(connection.execute(text(
            "SELECT attname, attcompression FROM pg_attribute WHERE attrelid = 'encounters'::regclass"
            " AND attname IN ('body', 'search_text')")).all())
        primary_key = connection.execute(text("SELECT pg_get_indexdef('pk_step_results'::regclass)")).scalar_one()
        placeholder = connection.execute(text(
            "SELECT pg_get_indexdef('ix_step_results_encounter_results'::regclass)")).scalar_one()
    assert methods == {"body": "l", "search_text": "l"}
    assert primary_key.endswith("(encounter_id, step_id) INCLUDE (result, seconds_from_start)")
    assert placeholder.endswith("WHERE false")  # no rows: the primary key serves its lookups


def test_upgrading_computes_priority_search_text_and_step_times_of_reports_stored_before(backend, database_urls,
                                                                                       tmp_path):
    """Reports already on a server when 0003 arrives must not all rank P3 and miss text search."""
    import uuid

    import flask_migrate
    from sqlalchemy import text

    from tests.factories import build_world, encounter_body

    app = _scratch_app(backend, database_urls, tmp_path, "upgrade")
    with app.app_context():
        try:
            # The world is built at head (the models' columns), then the schema goes back to 0002.
            flask_migrate.upgrade()
            world = build_world()  # departments, sites, users, checklists: unchanged by 0003
            body = encounter_body(world, "A", notes="Agents wore vests marked HSI.")
            ids = {"dept": world.departments["A"].id, "site": world.sites["site-a1"].id,
                   "user": world.users["field.a"].id, "version": world.versions["A"].id}
            db.session.commit()
            flask_migrate.downgrade(revision="0002")
            rid = uuid.uuid4()
            device = uuid.uuid4()
            db.session.execute(text("INSERT INTO devices (id, user_id, name, created_at) "
                                    "VALUES (:d, :u, '', CURRENT_TIMESTAMP)"),
                               {"d": device.hex if backend == "sqlite" else device, "u": ids["user"]})
            key = rid.hex if backend == "sqlite" else rid
            db.session.execute(text(
                "INSERT INTO encounters (id, department_id, site_id, reporter_id, device_id, checklist_version_id,"
                " schema_version, body, sha256, received_at, status, area_type, started_at, agencies, document_type,"
                " non_public_entered) VALUES (:id, :dept, :site, :user, :device, :version, 1, :body, :sha,"
                " :at, 'new', 'non_public', :started, '[]', 'administrative_warrant', true)"),
                {"id": key, **ids, "device": device.hex if backend == "sqlite" else device, "body": __import__("json").dumps(body), "sha": "0" * 64,
                 "at": "2026-11-20 16:00:00", "started": "2026-11-20 15:00:00"})
            db.session.execute(text("INSERT INTO step_results (encounter_id, step_id, position, result, at) "
                                    "VALUES (:id, :step, 0, 'done', '2026-11-20 15:02:30')"),
                               {"id": key, "step": body["steps"][0]["step_id"]})
            db.session.commit()
            flask_migrate.upgrade()
            row = db.session.execute(text("SELECT priority, priority_rule, search_text FROM encounters")).one()
            seconds = db.session.execute(text("SELECT seconds_from_start FROM step_results")).scalar_one()
            # 0007: the report's id is claimed in the one namespace of item ids, so no answer can take it.
            claimed = db.session.execute(text("SELECT kind FROM item_ids")).all()
        finally:
            db.session.remove()
            db.engine.dispose()
    assert row == (1, "non_public_without_judicial_warrant", "said they were looking for someone.\n"
                   "agents wore vests marked hsi.")
    assert seconds == 150
    assert claimed == [("encounter",)]


def test_upgrading_fills_in_when_the_mayors_office_was_notified_from_the_triage_history(backend, database_urls,
                                                                                        tmp_path):
    """A report escalated before the time was kept gets its first escalation's time; a time already set stays."""
    from datetime import timedelta, timezone

    import flask_migrate
    from sqlalchemy import select

    from server.models import AuditEntry, Encounter, TriageEvent
    from tests.api.analytics_support import W46, add_report
    from tests.factories import build_world

    app = _scratch_app(backend, database_urls, tmp_path, "backfill")
    first, second = W46 + timedelta(hours=1), W46 + timedelta(hours=5)
    with app.app_context():
        try:
            flask_migrate.upgrade()
            world = build_world()
            liaison = world.users["liaison.a"].id
            from_events, from_audit, already, never = (add_report(world, "A", "site-a1", W46, world.versions["A"])
                                                       for _ in range(4))
            already.mayor_office_notified_at = W46 + timedelta(minutes=3)
            for report, at in ((from_events, second), (from_events, first), (already, first)):
                db.session.add(TriageEvent(encounter_id=report.id, at=at, actor_id=liaison, action="status",
                                           from_value="in_review", to_value="escalated"))
            db.session.add(TriageEvent(encounter_id=never.id, at=first, actor_id=liaison, action="status",
                                       from_value="new", to_value="acknowledged"))
            db.session.add(AuditEntry(at=second, actor_id=liaison, action="triage.status", entity_type="encounter",
                                      entity_id=str(from_audit.id), details={"from": "in_review", "to": "escalated"}))
            ids = [r.id for r in (from_events, from_audit, already, never)]
            db.session.commit()
            flask_migrate.downgrade(revision="0011")
            flask_migrate.upgrade()
            times = dict(db.session.execute(select(Encounter.id, Encounter.mayor_office_notified_at)).all())
            backfills = db.session.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "report.backfill")).all()
        finally:
            db.session.remove()
            db.engine.dispose()
    utc = lambda moment: moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    assert [None if times[i] is None else utc(times[i]) for i in ids] == [
        first, second, W46 + timedelta(minutes=3), None]
    assert sorted(backfills) == sorted([str(ids[0]), str(ids[1])])


def test_upgrading_gives_notes_stored_before_a_uuid_each_and_keeps_their_words(backend, database_urls, tmp_path):
    """0021: a note's id stops being a citywide counter; notes already written stay, under a random id."""
    import uuid

    import flask_migrate
    from sqlalchemy import select, text

    from server.models import ReportNote
    from tests.api.analytics_support import W46, add_report
    from tests.factories import build_world

    app = _scratch_app(backend, database_urls, tmp_path, "notes")
    with app.app_context():
        try:
            flask_migrate.upgrade()
            world = build_world()
            report = add_report(world, "A", "site-a1", W46, world.versions["A"])
            ids = {"encounter": report.id.hex if backend == "sqlite" else report.id,
                   "author": world.users["liaison.a"].id}
            db.session.commit()
            flask_migrate.downgrade(revision="0020")
            for n, words in enumerate(("Called the site lead.", "Site lead called back.")):
                db.session.execute(text("INSERT INTO report_notes (encounter_id, author_id, at, text) "
                                        "VALUES (:encounter, :author, :at, :text)"),
                                   {**ids, "at": f"2026-11-20 16:0{n}:00", "text": words})
            db.session.commit()
            flask_migrate.upgrade()
            notes = db.session.execute(select(ReportNote.id, ReportNote.text).order_by(ReportNote.at)).all()
        finally:
            db.session.remove()
            db.engine.dispose()
    assert [words for _, words in notes] == ["Called the site lead.", "Site lead called back."]
    assert all(isinstance(note_id, uuid.UUID) and note_id.version == 4 for note_id, _ in notes)
    assert notes[0][0] != notes[1][0]


def test_upgrading_records_the_newest_change_as_the_last_position_plain_cursors_may_name(backend, database_urls,
                                                                                          tmp_path):
    """0022: phones' plain cursors keep working up to there, and tell nothing past it (sync/cursor.py)."""

    import flask_migrate
    from sqlalchemy import func, select

    from server.models import ChangeLogEntry, LegacyCursorCeiling
    from tests.factories import build_world

    app = _scratch_app(backend, database_urls, tmp_path, "ceiling")
    with app.app_context():
        try:
            flask_migrate.upgrade()
            build_world()  # its sites and checklist versions are changes phones pulled
            db.session.commit()
            newest = db.session.execute(select(func.max(ChangeLogEntry.txid), func.max(ChangeLogEntry.seq))).one()
            flask_migrate.downgrade(revision="0021")
            flask_migrate.upgrade()
            ceiling = db.session.execute(select(LegacyCursorCeiling.id, LegacyCursorCeiling.txid,
                                                LegacyCursorCeiling.seq)).all()
        finally:
            db.session.remove()
            db.engine.dispose()
    assert newest[1] > 0
    assert ceiling == [(1, *newest)]


def test_upgrading_tells_phones_which_questions_were_answered_before_from_their_first_answer(backend, database_urls,
                                                                                            tmp_path):
    """0023: a question answered before its answer was told through pull gets its message again, with answered_at."""
    import uuid
    from datetime import datetime, timezone

    import flask_migrate
    from sqlalchemy import select

    from server.changes import record_change
    from server.models import ChangeLogEntry, FollowUp, FollowUpAnswer
    from tests.api.analytics_support import W46, add_report
    from tests.factories import build_world

    def at(minute: int) -> datetime:
        return datetime(2026, 11, 21, 9, minute, tzinfo=timezone.utc)

    app = _scratch_app(backend, database_urls, tmp_path, "answered")
    with app.app_context():
        try:
            flask_migrate.upgrade()
            world = build_world()
            report = add_report(world, "A", "site-a1", W46, world.versions["A"])
            reporter, liaison = world.users["field.a"].id, world.users["liaison.a"].id
            answered, waiting = (FollowUp(encounter_id=report.id, asked_by=liaison, asked_at=at(0), question=q)
                                 for q in ("Which door?", "Who went with them?"))
            db.session.add_all([answered, waiting])
            db.session.flush()
            for followup in (answered, waiting):
                record_change("message", followup.id, {"id": str(followup.id), "question": followup.question},
                              recipient_id=reporter)
            # Two answers from before one answer per question: the first received is the one that stands.
            for minute, received in ((30, 50), (20, 55)):
                db.session.add(FollowUpAnswer(
                    id=uuid.uuid4(), followup_id=answered.id, encounter_id=report.id, author_id=reporter,
                    device_id=uuid.uuid4(), text=f"Answer {minute}", answered_at=at(minute), body={}, sha256="0" * 64,
                    received_at=at(received)))
            ids = (str(answered.id), str(waiting.id))
            db.session.commit()
            flask_migrate.downgrade(revision="0022")
            flask_migrate.upgrade()
            flask_migrate.downgrade(revision="0022")
            flask_migrate.upgrade()  # again: a question already told is left alone
            changes = db.session.execute(select(ChangeLogEntry.entity_id, ChangeLogEntry.recipient_id,
                                                ChangeLogEntry.data)
                                         .where(ChangeLogEntry.kind == "message").order_by(ChangeLogEntry.seq)).all()
        finally:
            db.session.remove()
            db.engine.dispose()
    told = [(entity, recipient, data) for entity, recipient, data in changes if "answered_at" in data]
    assert told == [(ids[0], reporter, {"id": ids[0], "question": "Which door?",
                                        "answered_at": "2026-11-21T09:30:00.000Z"})]
    assert [entity for entity, *_ in changes] == [ids[0], ids[1], ids[0]]


def test_upgrading_records_each_photos_first_uploader_as_its_upload_and_a_deleted_photo_takes_its_uploads(
        backend, database_urls, tmp_path):
    """0026: photos uploaded before stay readable, shareable and held for their uploader; rows go with the photo."""
    import uuid
    from datetime import datetime, timezone

    import flask_migrate
    from sqlalchemy import delete, select

    from server.models import Blob, BlobUpload
    from tests.factories import build_world

    taken = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
    device = uuid.uuid4()
    app = _scratch_app(backend, database_urls, tmp_path, "uploads")
    with app.app_context():
        try:
            flask_migrate.upgrade()
            uploader = build_world().users["field.a"].id
            db.session.commit()
            flask_migrate.downgrade(revision="0025")
            for digest, device_id in (("a" * 64, device), ("b" * 64, None)):
                db.session.add(Blob(sha256=digest, size=10, content_type="image/png", created_at=taken,
                                    uploaded_by=uploader, uploaded_device_id=device_id))
            db.session.commit()
            flask_migrate.upgrade()
            uploads = db.session.execute(select(BlobUpload.sha256, BlobUpload.user_id, BlobUpload.device_id,
                                                BlobUpload.uploaded_at).order_by(BlobUpload.sha256)).all()
            db.session.execute(delete(Blob).where(Blob.sha256 == "a" * 64))
            db.session.commit()
            left = db.session.scalars(select(BlobUpload.sha256)).all()
        finally:
            db.session.remove()
            db.engine.dispose()
    assert uploads == [("a" * 64, uploader, device, taken), ("b" * 64, uploader, None, taken)]
    assert left == ["b" * 64]


def test_upgrading_erases_the_position_of_reports_erased_before_it_was_an_erased_field(backend, database_urls,
                                                                                      tmp_path):
    """0028: a report erased the old way loses its ``location``; a report not erased keeps it."""
    from datetime import timedelta

    from sqlalchemy import select

    from server.models import AuditEntry, Encounter
    from tests.api.analytics_support import W46, add_report
    from tests.factories import build_world

    position = {"lat": 34.0522, "lon": -118.2437, "accuracy_m": 8}
    with _at_head(backend, database_urls, tmp_path, "erased_location"):
        world = build_world()
        erased, kept = (add_report(world, "A", "site-a1", W46, world.versions["A"]) for _ in range(2))
        # Erased before 0028: free text and photos gone, the position left (the old list).
        erased.body, erased.erased_at = {"agencies": ["ice_ero"], "location": position}, W46 + timedelta(days=100)
        kept.body = {"agencies": ["ice_ero"], "notes": "Agents at the door.", "location": position}
        ids = (erased.id, kept.id)
        db.session.commit()
        _again_from("0027")
        bodies = dict(db.session.execute(select(Encounter.id, Encounter.body)).all())
        summary = db.session.scalars(select(AuditEntry.details).where(AuditEntry.action == "migration.scrub")).all()
    assert bodies[ids[0]] == {"agencies": ["ice_ero"]}
    assert bodies[ids[1]] == {"agencies": ["ice_ero"], "notes": "Agents at the door.", "location": position}
    assert summary == [{"erased_reports_erased_again": 1, "device_register_rows": 0, "device_names_cleared": 0,
                        "sso_sign_in_names_cleared": 0}]


def test_upgrading_takes_device_names_out_of_the_audit_and_clears_those_the_door_stops(backend, database_urls,
                                                                                     tmp_path):
    """0028: ``device.register`` rows that copied the name read as today's do; names the door stops go, others stay."""
    import json
    import uuid

    from sqlalchemy import select

    from server.models import AuditEntry, Device, SsoSignIn
    from server.models.types import utcnow
    from tests.factories import build_world

    telling, plain = "Maria Lopez undocumented A123456789", "Chrome · Android"
    with _at_head(backend, database_urls, tmp_path, "device_names"):
        user = build_world().users["field.a"].id
        named = {name: uuid.uuid4() for name in (telling, plain, "")}
        for name, device_id in named.items():
            db.session.add(Device(id=device_id, user_id=user, name=name))
            # As server/auth.py recorded a registration before 7179817: the name word for word.
            db.session.add(AuditEntry(actor_id=user, device_id=device_id, action="device.register",
                                      entity_type="device", entity_id=str(device_id), details={"name": name}))
        today = AuditEntry(actor_id=user, action="device.register", entity_type="device",
                           entity_id=str(uuid.uuid4()), details={"named": True})
        revoke = AuditEntry(action="device.revoke", entity_type="device", entity_id=str(named[plain]),
                            details={"wipe": False})
        db.session.add_all([today, revoke, SsoSignIn(
            state_hash="s" * 64, code_verifier="v", nonce="n", binding_hash="b" * 64, device_id=named[telling],
            device_name=telling, expires_at=utcnow())])
        today_id = today.entity_id
        db.session.commit()
        _again_from("0027")
        names = dict(db.session.execute(select(Device.id, Device.name)).all())
        pending = db.session.scalar(select(SsoSignIn.device_name))
        audit = {(e.action, e.entity_id): e.details for e in db.session.scalars(select(AuditEntry))}
    assert (names[named[telling]], names[named[plain]], names[named[""]]) == ("", plain, "")
    assert pending == ""
    assert audit[("device.register", str(named[telling]))] == {"named": False, "reason": "sensitive_text"}
    assert audit[("device.register", str(named[plain]))] == {"named": True}
    assert audit[("device.register", str(named[""]))] == {"named": False}
    assert audit[("device.register", today_id)] == {"named": True}
    assert audit[("device.revoke", str(named[plain]))] == {"wipe": False}
    assert audit[("migration.scrub", "0028")] == {"erased_reports_erased_again": 0, "device_register_rows": 3,
                                                  "device_names_cleared": 1, "sso_sign_in_names_cleared": 1}
    assert "Maria" not in json.dumps(list(audit.values()))


def test_upgrading_marks_users_the_sign_in_refused_as_unmapped_since_they_last_signed_in(backend, database_urls,
                                                                                       tmp_path):
    """0029: the audit's latest ``user.sso_unmapped`` after the latest ``auth.sign_in`` sets ``sso_unmapped_at``."""
    from datetime import datetime, timezone

    from sqlalchemy import select

    from server.models import AuditEntry, Encounter, User
    from tests.api.analytics_support import W46, add_report
    from tests.factories import build_world

    def at(hour: int) -> datetime:
        return datetime(2026, 12, 1, hour, tzinfo=timezone.utc)

    with _at_head(backend, database_urls, tmp_path, "unmapped"):
        world = build_world()
        users = world.users
        still, again, never = (users[name].id for name in ("liaison.a", "liaison.b", "field.a"))
        # The desk let a report be assigned to a liaison after the sign-in refused them: it goes back to nobody.
        held = add_report(world, "A", "site-a1", W46, world.versions["A"])
        kept = add_report(world, "B", "site-b1", W46, world.versions["B"])
        held.assigned_to_id, kept.assigned_to_id = still, again
        held_id, kept_id = held.id, kept.id
        for user_id, action, hour in ((still, "auth.sign_in", 8), (still, "user.sso_unmapped", 9),
                                      (still, "user.sso_unmapped", 10), (again, "user.sso_unmapped", 9),
                                      (again, "auth.sign_in", 11), (never, "auth.sign_in", 12)):
            db.session.add(AuditEntry(at=at(hour), actor_id=user_id, action=action, entity_type="user",
                                      entity_id=str(user_id)))
        db.session.commit()
        _again_from("0028")
        marked = dict(db.session.execute(select(User.id, User.sso_unmapped_at)).all())
        backfills = db.session.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "user.backfill")).all()
        holders = dict(db.session.execute(select(Encounter.id, Encounter.assigned_to_id)).all())
        releases = db.session.execute(select(AuditEntry.entity_id, AuditEntry.details)
                                      .where(AuditEntry.action == "triage.assign")).all()
    assert (marked[still], marked[again], marked[never]) == (at(10), None, None)
    assert backfills == [str(still)]
    assert (holders[held_id], holders[kept_id]) == (None, again)
    assert [tuple(r) for r in releases] == [(str(held_id), {"from": still, "to": None, "released": "assignee_unmapped"})]
