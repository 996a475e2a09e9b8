"""The built app is sent precompressed: Brotli where the browser accepts it, else gzip, else as it is.

Why it matters: a phone on one bar of signal downloads the whole shell on first load; the build's Brotli
copies are 12-20 % smaller than its gzip ones (pwa/build.mjs). A copy older than its file is never sent, so a
hand-edited file cannot lose to a stale copy.
"""
import gzip
import json
import os
import subprocess

import pytest

from server.web import HASHED_FILES

SCRIPT = b"export const words = '" + b"never record where a resident lives; " * 40 + b"';\n"


def brotli_bytes(data: bytes) -> bytes:
    """Brotli as the build makes it (Node's zlib, the same call pwa/build.mjs uses)."""
    return subprocess.run(["node", "-e", "process.stdout.write(require('zlib').brotliCompressSync("
                           "require('fs').readFileSync(0)))"], input=data, capture_output=True, check=True).stdout


def unbrotli(data: bytes) -> bytes:
    return subprocess.run(["node", "-e", "process.stdout.write(require('zlib').brotliDecompressSync("
                           "require('fs').readFileSync(0)))"], input=data, capture_output=True, check=True).stdout


@pytest.fixture
def dist(app, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html>")
    (tmp_path / "app-ABCDEFGH.js").write_bytes(SCRIPT)
    (tmp_path / "app-ABCDEFGH.js.gz").write_bytes(gzip.compress(SCRIPT))
    (tmp_path / "app-ABCDEFGH.js.br").write_bytes(brotli_bytes(SCRIPT))
    (tmp_path / HASHED_FILES).write_text(json.dumps({"files": ["app-ABCDEFGH.js"]}))
    app.config["PWA_DIST"] = str(tmp_path)
    return tmp_path


def test_a_browser_that_accepts_brotli_gets_the_smaller_brotli_copy(client, dist):
    response = client.get("/app-ABCDEFGH.js", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.headers["Vary"] == "Accept-Encoding"
    assert unbrotli(response.data) == SCRIPT
    assert len(response.data) < len((dist / "app-ABCDEFGH.js.gz").read_bytes())


@pytest.mark.parametrize("header", ["gzip, deflate", "br;q=0, gzip", "gzip, BR;Q=0"])
def test_a_browser_without_brotli_or_refusing_it_gets_gzip(client, dist, header):
    response = client.get("/app-ABCDEFGH.js", headers={"Accept-Encoding": header})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == SCRIPT


@pytest.mark.parametrize("header", ["", "identity", "br;q=0, gzip;q=0"])
def test_a_browser_accepting_neither_gets_the_file_as_it_is(client, dist, header):
    response = client.get("/app-ABCDEFGH.js", headers={"Accept-Encoding": header})
    assert "Content-Encoding" not in response.headers
    assert response.data == SCRIPT


def test_a_brotli_copy_older_than_its_file_is_never_sent(client, dist):
    edited = SCRIPT.replace(b"never", b"NEVER")
    (dist / "app-ABCDEFGH.js").write_bytes(edited)
    stale = os.stat(dist / "app-ABCDEFGH.js").st_mtime - 10
    for copy in ("app-ABCDEFGH.js.br", "app-ABCDEFGH.js.gz"):
        os.utime(dist / copy, (stale, stale))
    response = client.get("/app-ABCDEFGH.js", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in response.headers
    assert response.data == edited
