"""Issue 14, installable everywhere: every field of the web app manifest, the iOS tags and
images of index.html, each image the size it claims, and Chromium's own installability
check (no errors, a maskable icon)."""
import json
import re
import struct

import pytest
from playwright.sync_api import expect

from tests.e2e.device import wait_for_app


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def served(app, pwa_snapshot):
    """GET a path of the built app as the server sends it."""
    app.config["PWA_DIST"] = str(pwa_snapshot)
    client = app.test_client()

    def get(path: str):
        answer = client.get(path)
        assert answer.status_code == 200, f"{path}: {answer.status_code}"
        return answer
    return get


@pytest.fixture
def manifest(served) -> dict:
    """The manifest as served."""
    answer = served("/manifest.webmanifest")
    assert answer.mimetype == "application/manifest+json"
    return json.loads(answer.get_data())


def test_the_manifest_names_the_app_with_an_id_a_language_and_a_standalone_start(manifest):
    assert manifest["id"] == "/" and manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["lang"] == "en" and manifest["dir"] == "auto"
    assert manifest["name"] == "Encounter Log" and manifest["short_name"] and manifest["description"]
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"]) and re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])


def test_every_icon_is_served_at_its_stated_size_with_maskable_ones_at_192_and_512(manifest, served):
    maskable = set()
    for icon in manifest["icons"]:
        data = served(icon["src"]).get_data()
        if icon["type"] == "image/png":
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert png_size(data) == (width, height), icon["src"]
        if "maskable" in icon.get("purpose", ""):
            maskable.add(icon["sizes"])
    assert {"192x192", "512x512"} <= maskable
    assert any(i.get("purpose", "any") == "any" and i["sizes"] == "512x512" for i in manifest["icons"])


def test_the_shortcuts_raise_the_alert_first_and_start_an_encounter(manifest, served):
    alert, start = manifest["shortcuts"]
    assert alert["name"] == "Agents here now" and alert["url"] == "/#/alert"
    assert start["name"] == "Start encounter" and start["url"] == "/#/start"
    for icon in alert["icons"] + start["icons"]:
        served(icon["src"])


def test_the_screenshots_are_served_at_their_sizes_for_narrow_and_wide_screens(manifest, served):
    forms = set()
    for shot in manifest["screenshots"]:
        width, height = (int(n) for n in shot["sizes"].split("x"))
        assert png_size(served(shot["src"]).get_data()) == (width, height), shot["src"]
        assert shot["label"]
        forms.add(shot["form_factor"])
    assert forms == {"narrow", "wide"}


def test_index_html_carries_the_ios_tags_a_180_px_icon_and_a_startup_image_per_iphone_size(served):
    page = served("/").get_data(as_text=True)
    assert '<meta name="apple-mobile-web-app-capable" content="yes">' in page
    assert '<meta name="apple-mobile-web-app-title" content="Encounter Log">' in page
    assert 'name="apple-mobile-web-app-status-bar-style"' in page
    [icon] = re.findall(r'<link rel="apple-touch-icon" href="([^"]+)" sizes="180x180">', page)
    assert png_size(served(icon).get_data()) == (180, 180)
    startups = re.findall(r'<link rel="apple-touch-startup-image" href="([^"]+)" media="\(device-width: (\d+)px\) and '
                          r'\(device-height: (\d+)px\) and \(-webkit-device-pixel-ratio: (\d)\)', page)
    assert len(startups) >= 5
    for src, width, height, ratio in startups:
        assert png_size(served(src).get_data()) == (int(width) * int(ratio), int(height) * int(ratio)), src


def test_chromium_finds_the_app_installable_with_a_maskable_icon(page, context, world):
    page.goto("/")
    wait_for_app(page)
    expect(page.locator('link[rel="manifest"]')).to_have_count(1)
    cdp = context.new_cdp_session(page)
    errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # A Playwright context is an off-the-record profile: "in-incognito" says so, not something about the app.
    assert [e for e in errors if e != "in-incognito"] == [], errors
    icons = cdp.send("Page.getAppManifest")
    assert not icons.get("errors"), icons["errors"]
    assert cdp.send("Page.getManifestIcons").get("primaryIcon")
