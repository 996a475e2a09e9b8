"""An expired or revoked sign-in during a push keeps the outbox and tells the user what to do."""
import uuid

import pytest

from tests.e2e.device import (
    idb_kv, queue_report, sign_in_through_api, trigger_sync, wait_for_app, wait_for_outbox, wait_until,
)
from tests.e2e.stored import count_encounters, end_sign_in
from tests.factories import encounter_body


@pytest.mark.parametrize("reason, banner, offers_sign_in", [
    ("token_expired", "banner.signin_again", True),
    ("token_revoked", "banner.signin_again", True),
    ("device_revoked", "banner.device_revoked", False),
], ids=["token-expired", "token-revoked", "device-revoked"])
def test_a_push_refused_for_the_sign_in_keeps_the_outbox_and_shows_what_to_do(page, world, catalogs, reason, banner,
                                                                            offers_sign_in):
    en = catalogs["en"]
    body = encounter_body(world, "A")
    item_id = str(uuid.uuid4())
    page.goto("/")
    wait_for_app(page)
    device = sign_in_through_api(page, "field.a")["device_id"]
    trigger_sync(page)
    wait_until(page, lambda: idb_kv(page, "last_sync_at"), message="a first sync with the valid sign-in")
    # Refused first, queued second: no sync already under way can slip the report through.
    end_sign_in(reason, uuid.UUID(device))
    body = queue_report(page, body, item_id)["body"]

    trigger_sync(page)

    alert = page.locator(".banner-auth")
    alert.wait_for(state="visible")
    assert en[banner] in alert.inner_text()
    assert (alert.get_by_role("link", name=en["action.signin"], exact=True).count() == 1) is offers_sign_in
    assert idb_kv(page, "auth_problem")["reason"] == reason
    # Another run (the service worker's Background Sync) may be mid-push: it must settle back to queued.
    record = wait_for_outbox(page, item_id, lambda r: r["state"] == "queued")
    assert record["body"] == body
    assert count_encounters() == 0
