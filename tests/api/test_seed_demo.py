"""``flask seed-demo``: LA departments, sites, checklists and one user per role, idempotently.

Each invocation hashes a dozen passwords with scrypt, so the tests run the command as few times as they can.
"""
import uuid

from sqlalchemy import func, select

from server.demo import data
from server.demo.reports import NAMESPACE
from server.extensions import db
from server.models import ROLES, ChangeLogEntry, Checklist, ChecklistVersion, Department, Site, User
from tests.factories import settle_pull_horizon

SITE_CODES = {site["code"]: dept["code"] for dept in data.DEPARTMENTS for site in dept["sites"]}
COUNTED = [Department, Site, Checklist, ChecklistVersion, User, ChangeLogEntry]


def seed(app, *args: str) -> dict[str, dict]:
    """Run ``seed-demo`` and return the printed table as {username: {role, department, password}}."""
    result = app.test_cli_runner().invoke(args=["seed-demo", *args])
    assert result.exit_code == 0, result.output
    table = result.output.strip().split("\n\n")[0]  # the users; a blank line, then the demo reports' count
    lines = table.splitlines()
    assert lines[0].split() == ["username", "role", "department", "password"]
    printed = {}
    for line in lines[1:]:
        username, role, department, password = line.split()
        printed[username] = {"role": role, "department": None if department == "-" else department,
                             "password": password}
    return printed


def counts() -> dict[str, int]:
    """Rows per seeded table."""
    return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) for model in COUNTED}


def sign_in(client, username: str, password: str):
    """POST /auth/login; return the response."""
    return client.post("/api/v1/auth/login",
                       json={"username": username, "password": password, "device_id": str(uuid.uuid4())})


def test_seed_demo_prints_every_demo_user_with_the_password(app):
    printed = seed(app, "--password", "pw")
    assert printed == {u["username"]: {"role": u["role"], "department": u["department"], "password": "pw"}
                       for u in data.DEMO_USERS}


def test_seed_demo_creates_ten_departments_every_site_one_published_checklist_each_and_every_role(app):
    seed(app, "--password", "pw")
    departments = {d.code: d for d in db.session.scalars(select(Department))}
    assert set(departments) == {d["code"] for d in data.DEPARTMENTS} and len(departments) == 10
    sites = {s.code: s for s in db.session.scalars(select(Site))}
    assert {code: site.department.code for code, site in sites.items()} == SITE_CODES
    for dept in data.DEPARTMENTS:
        versions = db.session.scalars(select(ChecklistVersion).join(Checklist)
                                      .where(Checklist.department_id == departments[dept["code"]].id)).all()
        assert len(versions) == 1, dept["code"]
        assert versions[0].number == 1 and versions[0].retired_at is None
        assert versions[0].steps == data.checklist_for(dept["variant"])["steps"]
    users = db.session.scalars(select(User)).all()
    assert {u.role for u in users} == set(ROLES)
    assert {u.department_id is None for u in users if u.role == "counsel"} == {True, False}
    for user in users:
        if user.role != "counsel":  # counsel is citywide or one department's; the demo has both
            assert (user.department_id is None) == (user.role not in ("field", "liaison")), user.username
        assert user.password_hash.startswith("scrypt:")
        assert user.active


def test_seed_demo_run_twice_duplicates_nothing_and_adds_no_changes(app, client):
    seed(app, "--password", "pw")
    first = counts()
    ids = {model.__tablename__: set(db.session.scalars(select(model.id))) for model in COUNTED[:-1]}
    seed(app, "--password", "pw")
    assert counts() == first
    assert {model.__tablename__: set(db.session.scalars(select(model.id))) for model in COUNTED[:-1]} == ids
    assert sign_in(client, "liaison.lapl", "pw").status_code == 200


def test_seed_demo_without_password_prints_different_passwords_that_sign_in(app, client):
    printed = seed(app)
    passwords = [row["password"] for row in printed.values()]
    assert len(printed) == len(data.DEMO_USERS)
    assert len(set(passwords)) == len(passwords)
    assert all(len(p) >= 12 for p in passwords)
    for username in ("field.lapl", "liaison.rap", "admin"):
        response = sign_in(client, username, printed[username]["password"])
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["user"]["role"] == printed[username]["role"]
    assert sign_in(client, "mayor", printed["admin"]["password"]).status_code == 401


def test_demo_field_user_pulls_their_departments_sites_and_checklist(app, client):
    seed(app, "--password", "pw")
    token = sign_in(client, "field.lapl", "pw").get_json()["token"]
    settle_pull_horizon()  # on PostgreSQL, the seed's last changes are withheld until no older transaction is open
    page = client.get("/api/v1/sync/pull", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert page["has_more"] is False
    sites = {c["id"]: c["data"] for c in page["changes"] if c["kind"] == "site"}
    assert set(sites) == {code for code, dept in SITE_CODES.items() if dept == "LAPL"}
    assert all(site["area_types"] and site["active"] for site in sites.values())
    versions = [c for c in page["changes"] if c["kind"] == "checklist_version"]
    lapl = next(d for d in data.DEPARTMENTS if d["code"] == "LAPL")
    assert len(versions) == 1
    assert versions[0]["data"]["steps"] == data.checklist_for(lapl["variant"])["steps"]
    # Besides reference data, only news on the demo reports this user sent (the liaison's triage).
    assert {c["kind"] for c in page["changes"]} == {"site", "checklist_version", "report_status", "message"}
    assert {c["data"]["report_id"] for c in page["changes"] if c["kind"] in ("report_status", "message")} == {
        str(uuid.uuid5(NAMESPACE, f"report:{name}")) for name in ("lapl-sighting", "lapl-workroom")}


def test_seed_demo_pushes_its_demo_reports_once_with_server_computed_priorities(app):
    from server.demo.reports import REPORTS
    from server.models import Encounter

    first = app.test_cli_runner().invoke(args=["seed-demo", "--password", "pw"])
    assert f"demo reports: {len(REPORTS)} stored now, 0 already there" in first.output
    again = app.test_cli_runner().invoke(args=["seed-demo", "--password", "pw"])
    assert f"demo reports: 0 stored now, {len(REPORTS)} already there" in again.output
    encounters = db.session.scalars(select(Encounter)).all()
    assert len(encounters) == len(REPORTS)
    # Went through the real ingest: every priority is a rule's, and the demo queue has every level.
    assert {e.priority for e in encounters} == {1, 2, 3} and all(e.priority_rule for e in encounters)
    # Some are triaged by their liaison, once: the queue shows every kind of state, and a reporter has a question.
    from server.models import FollowUp

    assert {e.status for e in encounters} >= {"new", "acknowledged", "escalated", "closed"}
    assert db.session.scalar(select(func.count()).select_from(FollowUp)) == 1


def test_seed_demo_without_reports_leaves_the_queue_empty(app):
    from server.models import Encounter

    result = app.test_cli_runner().invoke(args=["seed-demo", "--password", "pw", "--no-reports"])
    assert result.exit_code == 0 and "demo reports" not in result.output
    assert db.session.scalar(select(func.count()).select_from(Encounter)) == 0
