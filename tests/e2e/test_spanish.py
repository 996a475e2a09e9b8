"""Issue test 6: the whole flow in Spanish, with the labels of es.js."""
from playwright.sync_api import expect

from tests.e2e.device import wait_until
from tests.e2e.flow import FieldApp, Report, choose_language
from tests.e2e.stored import server_encounters


def test_the_whole_flow_can_be_completed_with_the_ui_in_spanish(page, world, catalogs):
    english = FieldApp(page, catalogs["en"])
    app = FieldApp(page, catalogs["es"])
    choose_language(page, "Español", "es")

    app.sign_in("field.a")
    expect(english.start_button()).to_have_count(0)
    item_id = app.log_encounter(Report())

    stored = wait_until(page, server_encounters, message="the report on the server")
    app.expect_received(stored[0]["sha256"])
    assert [(row["id"], row["body"]["language"]) for row in server_encounters()] == [(item_id, "es")]
