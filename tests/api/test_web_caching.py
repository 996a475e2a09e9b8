"""How the built app is served: hashed scripts are immutable, everything else is revalidated.

Why it matters: the service worker precaches hashed scripts without a revision, so it takes
them from the HTTP cache the page just filled instead of downloading the shell twice; a file
whose name does not change (index.html, sw.js, desk.css) must never be served stale.
"""
import pytest


@pytest.fixture
def dist(app, tmp_path):
    (tmp_path / "chunks").mkdir()
    (tmp_path / "index.html").write_text('<script type="module" src="/app-ABCDEFGH.js"></script>')
    (tmp_path / "app-ABCDEFGH.js").write_text("export {};")
    (tmp_path / "chunks" / "chunk-Q2W3E4R5.js").write_text("export {};")
    (tmp_path / "styles-Z9X8C7V6.css").write_text("body {}")
    (tmp_path / "desk.css").write_text("body {}")
    (tmp_path / "sw.js").write_text("")
    app.config["PWA_DIST"] = str(tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", ["/app-ABCDEFGH.js", "/chunks/chunk-Q2W3E4R5.js", "/styles-Z9X8C7V6.css"])
def test_scripts_and_styles_named_by_their_content_hash_are_served_immutable(client, dist, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/index.html", "/sw.js", "/desk.css"])
def test_files_with_stable_names_are_revalidated_on_every_use(client, dist, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
