"""The desk's rough edges a liaison, the Mayor's Office and an administrator tripped on (review-desk.md)."""
from playwright.sync_api import expect

from server.extensions import db
from server.models import Site
from tests.e2e.desk import Desk
from tests.e2e.layout import assert_fits


def test_the_admin_sites_table_fits_a_768_px_tablet_without_sideways_scrolling(page, live_server, world):
    # Codes, names and phone numbers as long as the demo's (a district yard, a parking structure).
    for code, name, facility in (("lapl-exposition-park", "Exposition Park - Dr. Mary McLeod Bethune Regional Library",
                                  "library"), ("rap-ritchie-valens-rec", "Ritchie Valens Recreation Center",
                                               "recreation_center"),
                                 ("lasan-hyperion", "Hyperion Water Reclamation Plant", "treatment_plant"),
                                 ("lawa-lax-economy-parking", "LAX Economy Parking", "parking_structure")):
        db.session.add(Site(department_id=world.departments["A"].id, code=code, name=name, facility_type=facility,
                            area_types=["public"], site_lead_phone="+12135550103"))
    db.session.commit()
    page.set_viewport_size({"width": 768, "height": 1024})
    desk = Desk(page)
    desk.sign_in("admin", landing_key="admin.users.title")
    desk.open("#/desk/admin/sites")
    expect(page.locator("#app tbody tr").first).to_be_visible()
    assert_fits(page, "admin Sites at 768 px")
    # Each row's button is on screen, its word whole (one line).
    for button in page.locator("#app tbody button").all():
        box = button.bounding_box()
        assert box["x"] + box["width"] <= 768 and box["height"] < 60, box
