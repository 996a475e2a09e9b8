"""The checklist whose steps capture and call (content/checklists/universal.json), for the browser tests
of issue 11's steps and of counsel's warrant check; the fixture that publishes it is in conftest.py."""
from sqlalchemy import select

from server.changes import record_change
from server.checklists import publish_version
from server.checklists.files import DEFAULT_DIR, load_file
from server.extensions import db
from server.models import Checklist

# The numbers department A and its site-a1 carry, as the call buttons dial them.
NUMBERS = {"site": "+12135550100", "site_lead": "+12135550101", "liaison": "+12135550102", "counsel": "+12135550103"}


def publish_universal(world):
    """Department A runs the universal checklist file (its steps capture and call) and has contact numbers."""
    dept, site = world.departments["A"], world.sites["site-a1"]
    dept.liaison_phone, dept.counsel_phone = NUMBERS["liaison"], NUMBERS["counsel"]
    site.phone, site.site_lead_phone = NUMBERS["site"], NUMBERS["site_lead"]
    for each in world.sites.values():
        if each.department_id == dept.id:
            record_change("site", each.code, each.to_dict(), department_id=dept.id)
    checklist = db.session.scalar(select(Checklist).where(Checklist.department_id == dept.id))
    steps = publish_version(checklist, load_file(DEFAULT_DIR / "universal.json"))
    db.session.commit()
    return steps
