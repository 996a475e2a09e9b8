"""An administrator reads what this server has in effect (retention, phones, sign-in) on the "This server" screen,
in English and in Farsi, on a phone-sized screen too; no secret reaches it."""
import re
from datetime import datetime, timezone

from playwright.sync_api import expect

from server.extensions import db
from server.models import AuditEntry
from tests.e2e.desk import Desk
from tests.e2e.device import choose_language

CLIENT_SECRET = "planted-client-secret-e2e"


def _open_from_navigation(page, desk: Desk):
    """Sign in as the administrator and follow the navigation's link to the screen; return its main area."""
    desk.sign_in("admin", landing_key="admin.users.title")
    toggle = page.locator("#header .menu-toggle")
    if toggle.is_visible():  # a narrow screen folds the navigation behind Menu
        toggle.click()
    page.locator("#header nav").get_by_role("link", name=desk.t("nav.admin_server"), exact=True).click()
    expect(desk.heading()).to_have_text(desk.t("admin.server.title"))
    return page.locator("#app")


def _value(app, desk: Desk, label_key: str):
    """The value shown for one setting (the <dd> after its <dt>)."""
    term = desk.page.locator("dt").get_by_text(desk.t(label_key), exact=True)
    return app.locator("dl.summary > div").filter(has=term).locator("dd")


def test_an_admin_reads_the_retention_period_and_that_single_sign_on_is_set_up(page, live_server, world):
    live_server.app.config.update(RETENTION_CLOSED_DAYS=45, OIDC_ISSUER="https://login.lacity.example/realms/city",
                                  OIDC_CLIENT_ID="encounter-log", OIDC_ROLE_MAP="liaison-a=liaison:A",
                                  OIDC_CLIENT_SECRET=CLIENT_SECRET)
    # The purge ran this morning and found nothing due: it says when it ran, and that it never erased anything.
    db.session.add(AuditEntry(action="retention.run", entity_type="purge", entity_id="run-1",
                              at=datetime(2026, 12, 7, 11, 15, tzinfo=timezone.utc), details={"reports": 0}))
    db.session.commit()
    desk = Desk(page)
    app = _open_from_navigation(page, desk)
    expect(_value(app, desk, "admin.server.last_run")).to_contain_text("2026")
    expect(_value(app, desk, "admin.server.last_erased")).to_have_text(desk.t("admin.server.never_erased"))
    expect(_value(app, desk, "admin.server.closed")).to_have_text(desk.t("admin.server.after_days.other", count=45))
    expect(_value(app, desk, "admin.server.sso")).to_have_text(desk.t("admin.server.set_up"))
    expect(_value(app, desk, "admin.server.issuer")).to_have_text("https://login.lacity.example/realms/city")
    expect(_value(app, desk, "admin.server.rate")).to_have_text(desk.t("admin.server.rate.minute", count=10))
    assert CLIENT_SECRET not in page.content()


def test_a_farsi_admin_on_a_390_px_phone_reads_the_retention_period_and_that_single_sign_on_is_not_set_up(
        page, live_server, world):
    live_server.app.config.update(RETENTION_CLOSED_DAYS=45, OIDC_ISSUER=None)
    page.set_viewport_size({"width": 390, "height": 844})
    choose_language(page, "فارسی", "fa")
    desk = Desk(page, "fa")
    app = _open_from_navigation(page, desk)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The period in Farsi words and digits, as the rest of the Farsi desk writes numbers.
    expect(_value(app, desk, "admin.server.closed")).to_have_text(desk.t("admin.server.after_days.other", count="۴۵"))
    expect(_value(app, desk, "admin.server.sso")).to_have_text(desk.t("admin.server.not_set_up"))
    expect(_value(app, desk, "admin.server.last_run")).to_have_text(desk.t("admin.server.never_erased"))
    expect(app.locator("dt").get_by_text(desk.t("admin.server.issuer"), exact=True)).to_have_count(0)
    assert not re.search(r"[0-9]", app.locator("section").first.inner_text())
    # Every setting on screen at 390 px: nothing wider than the phone, nothing read by scrolling sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = _value(app, desk, "admin.server.closed").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
