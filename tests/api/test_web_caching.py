"""How the built app is served: hashed scripts are immutable, everything else is revalidated.

Why it matters: the service worker precaches hashed scripts without a revision, so it takes
them from the HTTP cache the page just filled instead of downloading the shell twice; a file
whose name does not change (index.html, sw.js, desk.css) must never be served stale. Which
files are hashed is the build's word alone (pwa/dist/hashed-files.json); the last test holds
the real build to it.
"""
import json
import os
import re

import pytest

from server.web import HASHED_FILES, IMMUTABLE
from tests.e2e.build import built_app, copy_app
from tests.e2e.catalogs import read_catalogs

HASHED = ["app-ABCDEFGH.js", "chunks/chunk-Q2W3E4R5.js", "styles-Z9X8C7V6.css"]


@pytest.fixture
def dist(app, tmp_path):
    (tmp_path / "chunks").mkdir()
    (tmp_path / "index.html").write_text('<script type="module" src="/app-ABCDEFGH.js"></script>')
    (tmp_path / "app-ABCDEFGH.js").write_text("export {};")
    (tmp_path / "chunks" / "chunk-Q2W3E4R5.js").write_text("export {};")
    (tmp_path / "styles-Z9X8C7V6.css").write_text("body {}")
    (tmp_path / "desk.css").write_text("body {}")
    (tmp_path / "sw.js").write_text("")
    (tmp_path / HASHED_FILES).write_text(json.dumps({"files": HASHED}))
    app.config["PWA_DIST"] = str(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", HASHED)
def test_scripts_and_styles_named_by_their_content_hash_are_served_immutable(client, dist, name):
    response = client.get(f"/{name}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/index.html", "/sw.js", "/desk.css"])
def test_files_with_stable_names_are_revalidated_on_every_use(client, dist, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("listing", [None, "{not json", '{"files": 3}', '{"other": []}'],
                         ids=["missing", "unreadable", "not-a-list", "no-files-key"])
def test_without_a_readable_list_from_the_build_nothing_is_served_immutable(client, dist, listing):
    """Only slower: a file wrongly sent immutable would stay stale in browsers for a year."""
    (dist / HASHED_FILES).unlink()
    if listing is not None:
        (dist / HASHED_FILES).write_text(listing)
    for name in HASHED:
        response = client.get(f"/{name}")
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache"


def test_a_new_build_list_is_read_at_once(client, dist):
    assert client.get("/app-ABCDEFGH.js").headers["Cache-Control"] == IMMUTABLE
    listing = dist / HASHED_FILES
    listing.write_text(json.dumps({"files": ["desk.css"]}))
    os.utime(listing, ns=(listing.stat().st_atime_ns, listing.stat().st_mtime_ns + 1_000_000_000))  # a later build

    assert client.get("/desk.css").headers["Cache-Control"] == IMMUTABLE
    assert client.get("/app-ABCDEFGH.js").headers["Cache-Control"] == "no-cache"


def test_the_server_sends_immutable_exactly_the_files_the_build_named_by_their_hash(app, client, tmp_path):
    """The real build: what the server marks immutable, what the page loads and what the worker precaches agree."""
    dist = copy_app(built_app(), tmp_path / "dist")
    app.config["PWA_DIST"] = str(dist)
    listed = set(json.loads((dist / HASHED_FILES).read_text())["files"])
    built = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br"))

    immutable = {name for name in built if client.get(f"/{name}").headers["Cache-Control"] == IMMUTABLE}

    assert immutable == listed
    # Every script esbuild split out and the entry and stylesheet the page loads are hashed; nothing else is.
    page = (dist / "index.html").read_text()
    loaded = set(re.findall(r'<script type="module" src="/([^"]+)"', page))
    loaded |= set(re.findall(r'<link rel="(?:stylesheet|modulepreload)" href="/([^"]+)"', page))
    assert len(loaded) >= 2
    assert listed == loaded | {name for name in built if name.startswith("chunks/")}
    # The worker precaches without a revision exactly the hashed files it precaches (taken from the HTTP cache).
    precache = {url: revision for revision, url in re.findall(r'\{"revision":("[0-9a-f]+"|null),"url":"([^"]+)"\}',
                                                              (dist / "sw.js").read_text())}
    assert loaded <= set(precache)
    assert {url for url, revision in precache.items() if revision == "null"} == listed & set(precache)


def _built_catalogs(dist) -> dict:
    """The chunk URLs the build wrote into the app as __CATALOGS__ ({"app": {code: url}, …}), read from its scripts."""
    shape = re.compile(r"\{app:\{([^{}]*)\},desk:\{([^{}]*)\},refusal:\{([^{}]*)\},card:\{([^{}]*)\}\}")
    for script in sorted(dist.rglob("*.js")):
        found = shape.search(script.read_text(encoding="utf-8"))
        if found:
            return {source: dict(re.findall(r'"?([\w-]+)"?:"(/chunks/[^"]+)"', body))
                    for source, body in zip(("app", "desk", "refusal", "card"), found.groups())}
    pytest.fail("no script of the build holds the map of its catalogs' chunks")


def test_each_language_has_its_catalog_chunks_and_the_residents_card_one_chunk_none_precached(app, client, tmp_path):
    """The real build: a phone downloads its own language's words only, and the card once, when it keeps it."""
    dist = copy_app(built_app(), tmp_path / "dist")
    app.config["PWA_DIST"] = str(dist)
    codes = set(read_catalogs())
    chunks = _built_catalogs(dist)

    assert set(chunks["app"]) == set(chunks["desk"]) == codes - {"en"}  # English is in the app's and the desk's own
    assert set(chunks["refusal"]) == codes
    assert list(chunks["card"]) == ["all"]  # not a language's catalog: every language of the card in one chunk
    assert re.fullmatch(r"/chunks/lang-card-all-[A-Z0-9]{8}\.js", chunks["card"]["all"])
    urls = [url for source in chunks.values() for url in source.values()]
    assert len(set(urls)) == len(urls)
    precached = set(re.findall(r'"url":"([^"]+)"', (dist / "sw.js").read_text()))
    for url in urls:
        assert client.get(url).headers["Cache-Control"] == IMMUTABLE, url
        assert url.lstrip("/") not in precached, url  # fetched when chosen (or kept once signed in), never precached
