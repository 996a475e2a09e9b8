"""Administration API: departments, sites and users — only admins, every change audited, phones told."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import AuditEntry, Checklist, ChecklistVersion, Department, Device, QuarterlyPublication, Site, User
from tests.api.reports_support import uncoded
from tests.factories import encounter_body, push, push_item, settle_pull_horizon, sign_in_via_api

API = "/api/v1/admin"
DEPARTMENT = {"code": "LAWA2", "names": {"en": "Airports", "es": "Aeropuertos"}, "checklist_variant": "airport_port",
              "contacts": {"liaison": "(213) 555-0100", "counsel": "+1 213 555 0101", "after_hours": ""}}
SITE = {"code": "site-new", "name": "New Site", "department": "A", "facility_type": "library",
        "latitude": 34.05, "longitude": -118.25, "site_lead_phone": "213-555-0142"}
USER = {"username": "new.field", "display_name": "New Field", "role": "field", "department": "A",
        "password": "a long enough password"}


def actions() -> list[str]:
    """Every audited action, oldest first."""
    return db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


@pytest.mark.parametrize("role", ["field.a", "liaison.a", "trainer", "mayor"])
@pytest.mark.parametrize("method,path,body", [
    ("get", "/departments", None), ("post", "/departments", DEPARTMENT), ("get", "/sites", None),
    ("post", "/sites", SITE), ("get", "/users", None), ("post", "/users", USER), ("put", "/users/1", USER),
    ("get", "/checklist-variants", None)])
def test_only_an_admin_may_administer(client, world, login, role, method, path, body):
    response = getattr(client, method)(API + path, json=body, headers=login(role).headers)
    assert response.status_code == 403 and response.get_json()["reason"] == "forbidden_role"
    assert not [a for a in actions() if a.startswith(("department.", "site.", "user."))]


def test_an_admin_creates_a_department_whose_checklist_comes_from_its_content_file(client, world, login):
    response = client.post(f"{API}/departments", json=DEPARTMENT, headers=login("admin").headers)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["contacts"] == {"liaison": "+12135550100", "counsel": "+12135550101", "after_hours": None,
                                "resident_help": None}
    assert body["names"]["es"] == "Aeropuertos" and body["name"] == "Airports"
    dept = db.session.scalar(select(Department).where(Department.code == "LAWA2"))
    version = db.session.scalar(select(ChecklistVersion).join(Checklist).where(Checklist.department_id == dept.id))
    assert version.number == 1 and version.title["en"].startswith("Airports and Port")
    assert "department.create" in actions() and "checklist.publish" in actions()


@pytest.mark.parametrize("change,field", [
    ({"contacts": {"liaison": "not a number"}}, "contacts"), ({"contacts": {"resident_help": "call us"}}, "contacts"),
    ({"names": {"es": "solo"}}, "names"),
    ({"checklist_variant": "castle"}, "checklist_variant"), ({"code": "has space"}, "code"),
    ({"names": {"en": "x", "de": "y"}}, "names")])
def test_a_bad_department_is_refused_naming_the_field_and_nothing_is_stored(client, world, login, change, field):
    response = client.post(f"{API}/departments", json={**DEPARTMENT, **change}, headers=login("admin").headers)
    assert response.status_code in (400, 422), response.get_json()
    assert field in str(response.get_json()["errors"]) and uncoded(response.get_json()) == []
    assert db.session.scalar(select(Department).where(Department.code == "LAWA2")) is None


def test_a_department_code_is_used_once(client, world, login):
    response = client.post(f"{API}/departments", json={**DEPARTMENT, "code": "A"}, headers=login("admin").headers)
    assert response.status_code == 409 and response.get_json()["reason"] == "duplicate"


def test_the_code_of_a_department_or_site_with_reports_stays_and_its_name_may_change(client, world, login):
    """QA q1: a published quarter and the reports name a department and a site by code; a new code orphaned them."""
    answer = push(client, sign_in_via_api(client, "field.a"), [push_item(encounter_body(world, "A"))])
    assert answer.get_json()["results"][0]["status"] == "accepted"
    admin = login("admin")
    dept = {"code": "A", "names": {"en": "Department A"}}
    renamed = client.put(f"{API}/departments/{world.departments['A'].id}", json={**dept, "code": "AA"},
                         headers=admin.headers)
    assert renamed.status_code == 409 and renamed.get_json()["reason"] == "code_in_use"
    site = {**SITE, "code": "site-a1", "area_types": ["public"]}
    moved = client.put(f"{API}/sites/{world.sites['site-a1'].id}", json={**site, "code": "site-a9"}, headers=admin.headers)
    assert moved.status_code == 409 and moved.get_json()["reason"] == "code_in_use"
    db.session.expire_all()
    assert (world.departments["A"].code, world.sites["site-a1"].code) == ("A", "site-a1")
    named = client.put(f"{API}/departments/{world.departments['A'].id}", json={**dept, "names": {"en": "Dept A"}},
                       headers=admin.headers)
    assert named.status_code == 200 and named.get_json()["name"] == "Dept A"
    assert client.put(f"{API}/sites/{world.sites['site-a1'].id}", json={**site, "name": "Site One"},
                      headers=admin.headers).status_code == 200
    # Without reports a code may still change (a department or site set up wrong, corrected before use).
    assert client.put(f"{API}/departments/{world.departments['B'].id}", json={"code": "BB", "names": {"en": "B"}},
                      headers=admin.headers).status_code == 200
    assert client.put(f"{API}/sites/{world.sites['site-a2'].id}", json={**site, "code": "site-a7"},
                      headers=admin.headers).status_code == 200


def test_the_code_of_a_department_a_published_quarter_counts_stays(client, world, login):
    db.session.add(QuarterlyPublication(year=2026, quarter=3, report={"tables": []}, digest="0" * 64, counted={"B": 2},
                                        published_by=world.users["mayor"].id))
    db.session.commit()
    response = client.put(f"{API}/departments/{world.departments['B'].id}", json={"code": "BB", "names": {"en": "B"}},
                          headers=login("admin").headers)
    assert response.status_code == 409 and response.get_json()["reason"] == "code_in_use"


def test_a_new_site_reaches_its_departments_phones_with_its_numbers(client, world, login):
    admin = login("admin")
    client.put(f"{API}/departments/{world.departments['A'].id}", headers=admin.headers, json={
        "code": "A", "names": {"en": "Department A"}, "contacts": {"liaison": "+12135550111"}})
    response = client.post(f"{API}/sites", json=SITE, headers=admin.headers)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["site_lead_phone"] == "+12135550142"
    settle_pull_horizon()
    pulled = client.get("/api/v1/sync/pull", headers=login("field.a").headers).get_json()
    site = next(c["data"] for c in pulled["changes"] if c["kind"] == "site" and c["id"] == "site-new")
    assert site["latitude"] == 34.05 and site["contacts"]["site_lead"] == "+12135550142"
    assert site["contacts"]["liaison"] == "+12135550111"
    assert ["site.create"] == [a for a in actions() if a.startswith("site.")]


def test_the_residents_help_line_an_admin_sets_reaches_every_site_of_the_department_on_phones(client, world, login):
    """The card for residents shows the department's help line: set once, sent again with each of its sites."""
    admin = login("admin")
    response = client.put(f"{API}/departments/{world.departments['A'].id}", headers=admin.headers, json={
        "code": "A", "names": {"en": "Department A"}, "contacts": {"resident_help": "(800) 555-0199"}})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["contacts"]["resident_help"] == "+18005550199"
    settle_pull_horizon()
    pulled = client.get("/api/v1/sync/pull", headers=login("field.a").headers).get_json()
    sites = {c["id"]: c["data"] for c in pulled["changes"] if c["kind"] == "site"}  # each site's latest
    assert sites and all(s["contacts"]["resident_help"] == "+18005550199" for s in sites.values())
    other = client.get("/api/v1/sync/pull", headers=login("field.b").headers).get_json()
    assert all(c["data"]["contacts"].get("resident_help") is None for c in other["changes"] if c["kind"] == "site")


def test_the_signed_in_user_reads_their_departments_help_line_and_a_citywide_user_has_none(client, world, login):
    """The liaison's desk prints the cards for residents with it (pwa/src/desk/screens/resident-cards.js)."""
    world.departments["A"].resident_help_phone = "+18005550199"
    db.session.commit()
    me = client.get("/api/v1/me", headers=login("liaison.a").headers).get_json()
    assert me["department"] == {"code": "A", "name": world.departments["A"].name, "resident_help": "+18005550199"}
    assert client.get("/api/v1/me", headers=login("liaison.b").headers).get_json()["department"]["resident_help"] is None
    assert client.get("/api/v1/me", headers=login("mayor").headers).get_json()["department"] is None


def test_a_site_moved_to_another_department_is_withdrawn_from_the_phones_of_the_one_it_left(client, world, login):
    admin = login("admin")
    response = client.post(f"{API}/sites", json=SITE, headers=admin.headers)
    site_id = response.get_json()["id"]
    response = client.put(f"{API}/sites/{site_id}", json={**SITE, "department": "B"}, headers=admin.headers)
    assert response.status_code == 200, response.get_json()
    settle_pull_horizon()

    def last_word(user):
        pulled = client.get("/api/v1/sync/pull", headers=login(user).headers).get_json()
        return [c["data"] for c in pulled["changes"] if c["kind"] == "site" and c["id"] == "site-new"][-1]

    assert last_word("field.a")["active"] is False
    assert last_word("field.b")["active"] is True


def test_a_site_changed_without_naming_its_area_types_keeps_them(client, world, login):
    """QA a4: the desk's form sent no area_types and a public-only site came back with all three."""
    admin = login("admin")
    created = client.post(f"{API}/sites", json=SITE, headers=admin.headers).get_json()
    assert created["area_types"] == ["public", "non_public", "parking_staging"]
    narrowed = client.put(f"{API}/sites/{created['id']}", json={**SITE, "area_types": ["public"]}, headers=admin.headers)
    assert narrowed.status_code == 200 and narrowed.get_json()["area_types"] == ["public"]
    changed = client.put(f"{API}/sites/{created['id']}", json={**SITE, "phone": "213 555 0199"}, headers=admin.headers)
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["area_types"] == ["public"] and changed.get_json()["phone"] == "+12135550199"
    refused = client.put(f"{API}/sites/{created['id']}", json={**SITE, "area_types": []}, headers=admin.headers)
    assert refused.status_code == 422 and "area_types" in refused.get_json()["errors"]["json"]
    assert db.session.get(Site, created["id"]).area_types == ["public"]


@pytest.mark.parametrize("change,field", [
    ({"department": "ZZ"}, "department"), ({"facility_type": "castle"}, "facility_type"),
    ({"latitude": 91}, "latitude"), ({"longitude": None}, "latitude"), ({"code": "Upper"}, "code"),
    ({"area_types": ["roof"]}, "area_types")])
def test_a_bad_site_is_refused_naming_the_field(client, world, login, change, field):
    response = client.post(f"{API}/sites", json={**SITE, **change}, headers=login("admin").headers)
    assert response.status_code in (400, 422)
    assert field in str(response.get_json()["errors"])
    assert db.session.scalar(select(Site).where(Site.code == "site-new")) is None


@pytest.mark.parametrize("path,body,field,code,params", [
    ("/sites", {**SITE, "facility_type": "castle"}, "facility_type", "one_of", None),
    ("/sites", {**SITE, "latitude": 91}, "latitude", "range", {"min": -90, "max": 90}),
    ("/sites", {**SITE, "longitude": None}, "latitude", "both_or_none", {}),
    ("/sites", {**SITE, "code": "Upper"}, "code", "slug", {}),
    ("/sites", {**SITE, "name": "x" * 201}, "name", "length", {"min": 1, "max": 200}),
    ("/sites", {**SITE, "phone": "call me"}, "phone", "phone", {}),
    ("/sites", {k: v for k, v in SITE.items() if k != "name"}, "name", "required", {}),
    ("/sites", {**SITE, "department": "ZZ"}, "department", "not_found", {"value": "ZZ"}),
    ("/sites", {**SITE, "colour": "red"}, "colour", "unknown", {}),
    ("/departments", {**DEPARTMENT, "code": "A"}, "code", "taken", {"value": "A"}),
    ("/users", {**USER, "department": None}, "department", "required", {}),
    ("/users", {**USER, "role": "mayor_office"}, "department", "citywide", {}),
    ("/users", {**USER, "password": "short"}, "password", "length", {"min": 12, "max": 200}),
])
def test_each_field_message_of_a_refused_record_has_a_code_the_desk_can_translate(client, world, login, path, body,
                                                                                   field, code, params):
    response = client.post(f"{API}{path}", json=body, headers=login("admin").headers)
    assert response.status_code in (400, 409, 422)
    error = response.get_json()
    messages, codes = error["errors"]["json"][field], error["error_codes"]["json"][field]
    assert len(codes) == len(messages) and codes[0]["code"] == code, codes
    if params is not None:
        assert codes[0]["params"] == params


def test_a_user_created_by_an_admin_signs_in_with_the_password_given(client, world, login):
    response = client.post(f"{API}/users", json=USER, headers=login("admin").headers)
    assert response.status_code == 201 and "password" not in response.get_json()
    assert response.get_json()["has_password"] is True
    assert login("new.field", password=USER["password"]).token
    assert "user.create" in actions()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.create"))
    assert USER["password"] not in str(entry.details)


def test_a_field_user_needs_a_department(client, world, login):
    response = client.post(f"{API}/users", json={**USER, "department": None}, headers=login("admin").headers)
    assert response.status_code == 422 and "department" in response.get_json()["errors"]["json"]


@pytest.mark.parametrize("role", ["mayor_office", "admin"])
def test_a_citywide_user_given_a_department_is_refused_rather_than_shown_and_ignored(client, world, login, role):
    """The Mayor's Office and admins see every department whatever is stored: a department on them was
    listed on the user ("Mayor's Office · A") while it limited nothing."""
    admin = login("admin").headers
    body = {**USER, "username": "t.new", "role": role, "department": "A"}
    response = client.post(f"{API}/users", json=body, headers=admin)
    assert response.status_code == 422, response.get_json()
    assert "citywide" in response.get_json()["errors"]["json"]["department"][0]
    assert db.session.scalar(select(User).where(User.username == "t.new")) is None
    mayor = db.session.scalar(select(User).where(User.username == "mayor"))
    response = client.put(f"{API}/users/{mayor.id}", headers=admin, json={
        "username": "mayor", "display_name": "Mayor", "role": "mayor_office", "department": "B"})
    assert response.status_code == 422 and db.session.get(User, mayor.id).department_id is None
    created = client.post(f"{API}/users", json={**body, "department": None}, headers=admin)
    assert created.status_code == 201 and created.get_json()["department"] is None


def test_deactivating_a_user_revokes_their_devices_at_once(client, world, login):
    phone = login("field.a")
    admin = login("admin")
    user = world.users["field.a"]
    response = client.put(f"{API}/users/{user.id}", headers=admin.headers, json={
        "username": "field.a", "display_name": "Field A", "role": "field", "department": "A", "active": False})
    assert response.status_code == 200 and response.get_json()["active"] is False
    db.session.expire_all()
    assert db.session.get(Device, __import__("uuid").UUID(phone.device_id)).revoked_at is not None
    answer = client.get("/api/v1/me", headers=phone.headers)
    assert answer.status_code == 401
    assert {"user.update", "device.revoke"} <= set(actions())


def test_an_admin_cannot_lock_themselves_out(client, world, login):
    admin = login("admin")
    response = client.put(f"{API}/users/{world.users['admin'].id}", headers=admin.headers, json={
        "username": "admin", "display_name": "Admin", "role": "admin", "active": False})
    assert response.status_code == 409


def test_the_user_list_filters_by_department_role_and_text(client, world, login):
    headers = login("admin").headers
    names = lambda **q: [u["username"] for u in client.get(f"{API}/users", query_string=q, headers=headers).get_json()]
    assert names(department="B") == ["field.b", "liaison.b"]
    assert names(role="liaison") == ["liaison.a", "liaison.b"]
    assert names(q="TRAIN") == ["trainer", "trainer.a"]


def test_the_user_list_of_a_departments_assignable_liaisons_leaves_out_one_the_citys_sign_in_refuses(
        client, world, login):
    """The desk asks this before moving or deactivating a liaison ("the department's last one?"): an active liaison
    whom single sign-on refused as unmapped cannot take its reports, so does not count (server/reports/assignees.py)."""
    headers = login("admin").headers
    names = lambda **q: [u["username"] for u in client.get(f"{API}/users", query_string=q, headers=headers).get_json()]
    assert names(department="A", assignable="true") == ["liaison.a"]
    world.users["liaison.a"].sso_unmapped_at = datetime.now(timezone.utc)
    db.session.commit()
    assert names(department="A", assignable="true") == []
    assert "liaison.a" in names(department="A")


def test_the_user_search_finds_the_characters_typed_not_every_user(client, world, login):
    """LIKE's wildcards in the search box are literal: "_" or "%" matches no one here, not everyone."""
    headers = login("admin").headers
    names = lambda **q: [u["username"] for u in client.get(f"{API}/users", query_string=q, headers=headers).get_json()]
    assert names(q="_") == []
    assert names(q="%") == []
    assert names(q="r.") == ["trainer.a"]


def test_the_checklist_variants_are_the_content_files(client, world, login):
    variants = client.get(f"{API}/checklist-variants", headers=login("admin").headers).get_json()
    assert {v["variant"] for v in variants} >= {"universal", "library", "parks", "field_crew", "front_counter",
                                                "airport_port"}
    assert db.session.scalar(select(User).where(User.username == "admin")) is not None


@pytest.mark.parametrize("path,body", [("/users", USER), ("/sites", SITE), ("/departments", DEPARTMENT)])
@pytest.mark.parametrize("ident", ["2147483648", "9" * 30])
def test_an_id_no_row_can_have_is_not_found_rather_than_a_server_error(client, world, login, path, body, ident):
    response = client.put(f"{API}{path}/{ident}", json=body, headers=login("admin").headers)
    assert response.status_code == 404, response.get_json()
    assert not [a for a in actions() if a.startswith(("department.", "site.", "user."))]
