"""Render the app's PNG icons and iOS startup images from pwa/icons/icon.svg with headless Chromium.

The PNGs are committed (pwa/icons/); run this after changing icon.svg:

    .venv/bin/python scripts/make-icons.py

- icon-192.png, icon-512.png: the SVG as it is (purpose "any").
- maskable-192.png, maskable-512.png: the letter inside the central 80 % safe zone on a full-bleed
  background, so any mask shape (circle, squircle) keeps it whole (purpose "maskable").
- apple-touch-icon.png: 180 px, full-bleed (iOS rounds the corners itself).
- startup-WxH.png: iOS launch screens, the icon centred on the app's background colour.
"""
import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "pwa" / "icons"
BRAND = "#0b3d6b"
# Portrait launch screens of current iPhones (CSS px × device pixel ratio), as index.html lists them.
STARTUP = [(375, 667, 2), (414, 896, 2), (375, 812, 3), (390, 844, 3), (393, 852, 3), (430, 932, 3)]


def letter(svg: str) -> str:
    """The icon's drawing without its rounded background: the part a mask must never cut."""
    return re.sub(r"<rect[^>]*/>", "", svg)


def page_for(svg: str, size: int, *, scale: float, bleed: bool, width: int | None = None, height: int | None = None) -> str:
    """An HTML page drawing `svg` at `scale` of `size`, centred, on the brand colour when `bleed`."""
    width, height = width or size, height or size
    background = BRAND if bleed else "transparent"
    inner = size * scale
    sized = svg.replace("<svg ", '<svg width="100%" height="100%" ', 1)
    return (f"<html><body style='margin:0;width:{width}px;height:{height}px;background:{background};"
            f"display:grid;place-items:center'><div style='width:{inner}px;height:{inner}px'>"
            f"{sized}</div></body></html>")


def main() -> int:
    svg = (ICONS / "icon.svg").read_text()
    plain = letter(svg)
    jobs = [("icon-192.png", page_for(svg, 192, scale=1, bleed=False), 192, 192),
            ("icon-512.png", page_for(svg, 512, scale=1, bleed=False), 512, 512),
            ("maskable-192.png", page_for(plain, 192, scale=.8, bleed=True), 192, 192),
            ("maskable-512.png", page_for(plain, 512, scale=.8, bleed=True), 512, 512),
            ("apple-touch-icon.png", page_for(plain, 180, scale=1, bleed=True), 180, 180)]
    for w, h, ratio in STARTUP:
        width, height = w * ratio, h * ratio
        jobs.append((f"startup-{width}x{height}.png", page_for(svg, width // 3, scale=1, bleed=False, width=width, height=height)
                     .replace("background:transparent", "background:#ffffff"), width, height))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=["--no-sandbox"])
        for name, html, width, height in jobs:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_content(html)
            page.screenshot(path=str(ICONS / name), omit_background=True)
            page.close()
            print(f"wrote pwa/icons/{name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
