"""Issue 6 (phone side): a photo of the document taken offline is stored on the phone as bytes,
uploaded once back online, and its bytes leave the phone only after the server confirmed it."""
import json
import re
import struct
import zlib

from playwright.sync_api import expect
from sqlalchemy import select

from server.extensions import db
from server.models import Blob
from tests.e2e.catalogs import read_catalogs
from tests.e2e.device import _OPEN, idb_all, wait_for_app, wait_for_outbox, wait_for_service_worker, wait_until
from tests.e2e.flow import FieldApp, Report
from tests.e2e.network import go_offline, go_online
from tests.e2e.stored import server_encounters


def png(width: int = 40, height: int = 30, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid RGB PNG of one colour, written with zlib."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


# The photos store as the app wrote it: the stored value's real types, not a JSON copy.
_PHOTOS = "async () => {" + _OPEN + """
  const db = await openAppDb();
  try {
    const tx = db.transaction('photos', 'readonly');
    const request = tx.objectStore('photos').getAll();
    await done(tx);
    return request.result.map((p) => ({sha256: p.sha256, type: p.type, size: p.size, owner: p.owner,
      is_array_buffer: p.bytes instanceof ArrayBuffer, byte_length: p.bytes.byteLength,
      jpeg: new Uint8Array(p.bytes)[0] === 0xff && new Uint8Array(p.bytes)[1] === 0xd8}));
  } finally { db.close(); }
}"""


def stored_photos(page) -> list[dict]:
    """The phone's photos store, with the bytes' type checked in the page."""
    return page.evaluate(_PHOTOS)


def server_blobs() -> dict:
    """The blobs the server holds, by sha256."""
    db.session.remove()
    try:
        return {b.sha256: {"size": b.size, "content_type": b.content_type} for b in db.session.scalars(select(Blob))}
    finally:
        db.session.remove()


def offline_report_at_photos(page, context, app: FieldApp) -> str:
    """Sign in, go offline, start an encounter and fill its report up to the photos; return the report id."""
    app.sign_in("field.a")
    wait_for_service_worker(page)
    go_offline(context)
    page.reload()
    wait_for_app(page)
    item_id = app.start_encounter()
    app.answer_steps(["done"] * 14)
    app.fill_report(Report())
    app.open_section("document")
    return item_id


def _attach_and_submit_offline(page, context, app: FieldApp) -> tuple[str, dict]:
    """Sign in, go offline, log an encounter with one photo attached; return the report id and the photo."""
    item_id = offline_report_at_photos(page, context, app)
    page.get_by_label(app.t("photos.add"), exact=True).set_input_files(
        {"name": "doc.png", "mimeType": "image/png", "buffer": png()})
    expect(page.locator("#field-photos .photo-count")).to_have_text(app.t("photos.count.one", count=1))
    expect(page.get_by_role("img", name=app.t("photos.alt", n=1))).to_be_visible()
    expect(page.get_by_role("button", name=app.t("photos.remove_n", n=1))).to_be_visible()
    app.review()
    expect(page.locator("#app")).to_contain_text(app.t("review.photos.one", count=1))
    app.submit()

    photos = stored_photos(page)
    assert len(photos) == 1, photos
    photo = photos[0]
    assert photo["is_array_buffer"] and photo["jpeg"], "stored as JPEG bytes in an ArrayBuffer, not a Blob"
    assert photo["type"] == "image/jpeg" and photo["size"] == photo["byte_length"]
    assert re.fullmatch(r"[0-9a-f]{64}", photo["sha256"])
    record = next(r for r in idb_all(page, "outbox") if r["id"] == item_id)
    assert record["photos_pending"] == 1
    assert record["body"]["photos"] == [{"sha256": photo["sha256"], "size": photo["size"], "type": "image/jpeg"}]
    return item_id, photo


def _check_arrived(page, app: FieldApp, item_id: str, photo: dict) -> None:
    """The report and its photo are on the server, My reports says Received, the phone forgot the bytes."""
    blobs = wait_until(page, lambda: server_blobs().get(photo["sha256"]), timeout=25, message="the photo on the server")
    assert blobs == {"size": photo["size"], "content_type": "image/jpeg"}, "re-encoded on the phone as JPEG"
    stored = server_encounters()
    assert len(stored) == 1 and stored[0]["id"] == item_id
    assert stored[0]["body"]["photos"] == [{"sha256": photo["sha256"], "size": photo["size"], "type": "image/jpeg"}]
    app.expect_received(stored[0]["sha256"], timeout=20_000)
    wait_until(page, lambda: stored_photos(page) == [], message="the photo's bytes deleted after confirmation")
    # "Received" shows once the upload is marked; the body goes a moment later, with the receipt of the push that
    # confirms the photo (src/sync.js uploadPhotos).
    wait_for_outbox(page, item_id, lambda r: r["photos_pending"] == 0 and "body" not in r,
                    message="the report's body dropped after the confirming receipt")


def test_a_photo_attached_offline_is_kept_as_bytes_then_uploaded_and_deleted_once_the_server_holds_it(
        page, context, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    item_id, photo = _attach_and_submit_offline(page, context, app)
    expect(app.report_cards().locator(".state-queued")).to_have_text(app.t("reports.state.queued"))

    go_online(context)
    _check_arrived(page, app, item_id, photo)


def test_an_interrupted_photo_upload_is_retried_and_the_photo_arrives_once(page, context, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    item_id, photo = _attach_and_submit_offline(page, context, app)

    attempts = []
    held = []

    def cut_first_hold_second(route, request):
        attempts.append(request.method)
        if len(attempts) == 1:
            route.abort("connectionreset")
        else:
            held.append(route)  # answered below, once the phone has been looked at

    context.route("**/api/v1/blobs/**", cut_first_hold_second)
    go_online(context)
    # After the cut, the report is on the server and the photo still on the phone; the retry comes by itself.
    wait_until(page, lambda: held, timeout=20, message="the retried upload")
    expect(app.report_cards().locator(".state-photos")).to_have_text(
        app.t("reports.state.received_photos.one", count=1))
    assert len(stored_photos(page)) == 1
    assert server_blobs() == {}
    for route in held:
        route.fallback()
    _check_arrived(page, app, item_id, photo)
    assert len(attempts) == 2, attempts
    assert len(server_blobs()) == 1


def test_a_photo_the_server_refuses_is_explained_in_the_apps_words_not_the_servers_message(
        page, context, world, catalogs):
    app = FieldApp(page, catalogs["en"])
    _attach_and_submit_offline(page, context, app)
    server_says = "a photo may be at most 1 bytes"  # the server's English, for developers
    context.route("**/api/v1/blobs/**", lambda route, request: route.fulfill(
        status=413, content_type="application/json",
        body=json.dumps({"code": 413, "message": server_says, "reason": "too_large"})))
    go_online(context)
    card = app.report_cards().first
    refusal = read_catalogs("pwa/src/messages/refusal")["en"]
    expect(card.locator(".photo-refused")).to_contain_text(refusal["refusal.photo.too_large"], timeout=20_000)
    expect(card).not_to_contain_text(server_says)

def test_the_document_step_offers_photos_one_tap_away_and_returns_to_that_step(page, world, catalogs):
    from playwright.sync_api import expect
    from sqlalchemy import select

    from server.checklists import publish_version
    from server.extensions import db
    from server.models import Checklist
    from tests.e2e.flow import FieldApp

    steps = [{"id": "stay-calm", "time_critical": True, "text": {"en": "Stay calm", "es": "Calma"}, "guide": None},
             {"id": "ask-for-document", "time_critical": True,
              "text": {"en": "Ask for any document; photograph every page", "es": "Pida documentos"}, "guide": None},
             {"id": "observe", "time_critical": False, "text": {"en": "Observe", "es": "Observe"}, "guide": None}]
    checklist = db.session.scalar(select(Checklist).where(Checklist.department_id == world.departments["A"].id))
    publish_version(checklist, {"title": {"en": "Checklist v2", "es": "Lista v2"}, "steps": steps})
    db.session.commit()

    app = FieldApp(page, catalogs["en"])
    app.sign_in("field.a")
    step_count = page.locator("#app h1 .step-count")
    app.start_button().click()
    expect(step_count).to_have_text(app.t("step.count", n=1, total=3))
    expect(page.get_by_role("button", name=app.t("step.add_photos"), exact=True)).to_have_count(0)
    page.get_by_role("button", name=app.t("step.done"), exact=True).click()
    expect(step_count).to_have_text(app.t("step.count", n=2, total=3))
    page.get_by_role("button", name=app.t("step.add_photos"), exact=True).click()
    expect(app.heading()).to_have_text(app.t("section.document"))  # the report's section that holds the photos
    expect(page.get_by_label(app.t("photos.add"), exact=True)).to_be_attached()
    page.get_by_role("button", name=app.t("form.back_to_checklist"), exact=True).click()
    expect(step_count).to_have_text(app.t("step.count", n=2, total=3))


def test_in_spanish_at_360_px_three_photos_show_in_the_apps_words_and_nothing_covers_another(page, world, catalogs):
    page.set_viewport_size({"width": 360, "height": 640})
    app = FieldApp(page, catalogs["es"], "es")
    app.choose_language("Español", "es")
    app.sign_in("field.a")
    app.start_encounter()
    app.to_report()
    app.open_section("document")
    field = page.locator("#field-photos")
    expect(field.get_by_role("button", name=app.t("step.take_photo"), exact=True)).to_be_visible()
    for n in (1, 2, 3):
        page.get_by_label(app.t("photos.add"), exact=True).set_input_files(
            {"name": f"page{n}.png", "mimeType": "image/png", "buffer": png(rgb=(200, 40 * n, 30))})
        expect(field.get_by_role("img", name=app.t("photos.alt", n=n))).to_be_visible()
    # The browser's own file input spoke the phone's language ("Choose Files", "No file chosen").
    expect(field.get_by_role("button", name=app.t("step.take_another_photo"), exact=True)).to_be_visible()
    assert field.locator("input[type=file]").is_hidden()
    boxes = [page.get_by_role("button", name=app.t("photos.remove_n", n=n), exact=True).bounding_box() for n in (1, 2, 3)]
    boxes += [field.get_by_role("img", name=app.t("photos.alt", n=n)).bounding_box() for n in (1, 2, 3)]
    below = page.locator("#field-photos + *").bounding_box()  # the next question
    for i, a in enumerate(boxes):
        assert a["x"] >= 0 and a["x"] + a["width"] <= 360, a
        assert a["y"] + a["height"] <= below["y"], (a, below)
        for b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, (a, b)
