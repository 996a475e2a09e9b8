"""CSV import of sites and users: idempotent, a dry run that changes nothing, per-row errors, all or nothing."""
import time
import uuid

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import AuditEntry, Device, Site, User

SITES = ("code,name,department,facility_type,address,area_types,latitude,longitude,phone,site_lead_phone,active\n"
         "lib-one,Library One,A,library,1 Main St,public;non_public,34.05,-118.25,213 555 0100,(213) 555-0101,true\n"
         "yard-two,Yard Two,B,yard,,non_public,,,,,\n")
USERS = ("username,display_name,role,department,active\n"
         "ana.field,Ana Field,field,A,true\nben.liaison,Ben Liaison,liaison,B,\nmo.mayor,Mo Mayor,mayor_office,,\n")


@pytest.fixture
def run(app, tmp_path):
    """Run ``flask import KIND FILE [options]`` on the test app; return (exit code, output)."""
    def invoke(kind: str, text: str, *options: str):
        path = tmp_path / f"{kind}-{uuid.uuid4().hex}.csv"
        path.write_text(text, encoding="utf-8")
        result = app.test_cli_runner().invoke(args=["import", kind, str(path), *options])
        db.session.expire_all()
        return result.exit_code, result.output
    return invoke


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_importing_sites_creates_them_and_a_second_run_changes_nothing(world, run):
    before = count(Site)
    code, output = run("sites", SITES)
    assert code == 0, output
    assert "2 to create" in output and count(Site) == before + 2
    site = db.session.scalar(select(Site).where(Site.code == "lib-one"))
    assert (site.latitude, site.phone, site.site_lead_phone) == (34.05, "+12135550100", "+12135550101")
    assert site.area_types == ["public", "non_public"]
    audits = count(AuditEntry)
    code, output = run("sites", SITES)
    assert code == 0 and "0 to create, 0 to update, 2 unchanged" in output
    assert count(AuditEntry) == audits


def test_a_site_row_with_an_empty_area_types_cell_keeps_the_stored_ones(world, run):
    run("sites", SITES)
    code, output = run("sites", SITES.replace("public;non_public,", ","))
    assert code == 0 and "0 to create, 0 to update, 2 unchanged" in output, output
    assert db.session.scalar(select(Site.area_types).where(Site.code == "lib-one")) == ["public", "non_public"]


def test_a_dry_run_prints_the_diff_and_changes_nothing(world, run):
    run("users", USERS)
    changed = USERS.replace("Ana Field", "Ana Campo").replace("mo.mayor,Mo Mayor,mayor_office,,",
                                                                "mo.mayor,Mo Mayor,mayor_office,,false")
    code, output = run("users", changed + "new.one,New One,trainer,,\n", "--dry-run")
    assert code == 0, output
    assert "~ line 2: update user ana.field: display_name" in output
    assert "~ line 4: update user mo.mayor: active" in output
    assert "+ line 5: create user new.one" in output and "dry run" in output
    assert db.session.scalar(select(User.display_name).where(User.username == "ana.field")) == "Ana Field"
    assert db.session.scalar(select(User).where(User.username == "new.one")) is None


@pytest.mark.parametrize("kind,text,expected", [
    ("sites", "code,name,department\nx,X,A\n", "line 1, column facility_type: required column missing"),
    ("sites", SITES.replace("address,", "adress,"), "line 1, column adress: unknown column"),
    ("sites", SITES.replace("lib-one,Library One,A", "lib-one,Library One,ZZ"),
     "line 2, column department: no department with the code 'ZZ'"),
    ("sites", SITES.replace(",34.05,", ",91,"), "line 2, column latitude: must be between -90 and 90"),
    ("sites", SITES.replace(",34.05,", ",,"), "line 2, column latitude: give both latitude and longitude"),
    ("sites", SITES.replace("213 555 0100", "call me"), "line 2, column phone: must be a telephone number"),
    ("sites", SITES.replace(",library,", ",castle,"), "line 2, column facility_type: must be one of"),
    ("sites", SITES.replace("yard-two", "lib-one"), "line 3, column code: 'lib-one' appears again (first on line 2)"),
    ("sites", SITES + "extra,E,A,park,,,,,,,,surplus\n", "line 4, column -: 1 more cell(s)"),
    ("users", USERS.replace("ana.field,Ana Field,field,A", "ana.field,Ana Field,field,"),
     "line 2, column department: a field user belongs to a department"),
    ("users", USERS.replace("mo.mayor,Mo Mayor,mayor_office,,", "mo.mayor,Mo Mayor,mayor_office,A,"),
     "line 4, column department: a mayor_office user is citywide and has no department"),
    ("users", USERS.replace(",liaison,", ",boss,"), "line 3, column role: must be one of"),
    ("users", USERS.replace("ben.liaison", "ben liaison"), "line 3, column username:"),
    ("users", USERS.replace(",true\n", ",maybe\n"), "line 2, column active: Not a valid boolean"),
    ("users", "", "line 1, column -: the file is empty"),
])
def test_each_kind_of_bad_row_is_named_and_nothing_is_applied(world, run, kind, text, expected):
    before = (count(Site), count(User), count(AuditEntry))
    code, output = run(kind, text)
    assert code == 1
    assert expected in output, output
    assert "nothing was changed" in output
    assert (count(Site), count(User), count(AuditEntry)) == before


def test_one_bad_row_among_good_ones_applies_none_of_them(world, run):
    code, _output = run("users", USERS + "bad,Bad,field,NOPE,\n")
    assert code == 1 and db.session.scalar(select(User).where(User.username == "ana.field")) is None


def test_deactivating_users_by_import_revokes_their_devices(world, run, login):
    phone = login("field.a")
    code, output = run("users", "username,display_name,role,department,active\nfield.a,Field.A,field,A,false\n")
    assert code == 0, output
    assert "devices revoked (users deactivated): 1" in output
    assert db.session.get(Device, uuid.UUID(phone.device_id)).revoked_at is not None


def test_ten_thousand_users_import_once_and_re_import_as_no_change(world, run):
    rows = "".join(f"user{n:05d},User {n},{'field' if n % 10 else 'liaison'},{'AB'[n % 2]},true\n"
                   for n in range(10_000))
    text = "username,display_name,role,department,active\n" + rows
    started = time.monotonic()
    code, output = run("users", text)
    first = time.monotonic() - started
    assert code == 0, output
    assert "10000 to create" in output
    assert count(User) == 10_000 + len(world.users)
    started = time.monotonic()
    code, output = run("users", text)
    assert code == 0 and "0 to create, 0 to update, 10000 unchanged" in output
    print(f"10,000 users: first import {first:.1f} s, re-run {time.monotonic() - started:.1f} s")
