"""Browser tests: the built field app, served by the real server over HTTP, driven in headless Chromium.

Fixtures:

``live_server``
    The test ``app`` (migrated, tables emptied, ``world`` available) served over real HTTP
    on 127.0.0.1 and a free port by werkzeug in a background thread, stopped at test end.
    It serves a copy of ``pwa/dist`` taken once per session, built first with ``npm run
    build`` when missing or older than ``pwa/`` (tests/e2e/build.py; ``PWA_DIST``, the
    server's own setting, points the tests at another build). Why a copy: the build
    deletes and rewrites ``pwa/dist``, and a rebuild in another terminal must not pull
    files out from under a running test. ``live_server.serve_copy()`` switches the server to
    a private copy the test may change on disk (the service-worker update test).
``browser`` / ``context`` / ``page``
    One headless Chromium per test module (``CHROMIUM_PATH``, default ``/usr/bin/chromium``;
    missing: skipped locally, failed on CI), a fresh context per test with service
    workers allowed. Playwright's ``set_offline`` does not cover the service worker's own
    fetches (microsoft/playwright#2311), so ``PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS``
    is set before Playwright starts and ``network.go_offline`` also aborts the worker's
    requests. When a test fails, the page's console, errors, API calls, navigations and an
    accessibility snapshot of the screen are printed.
``catalogs``
    The app's message catalogs, so tests find controls by the text the UI really shows.

Database backends: the ``app`` fixture runs every test on SQLite and on PostgreSQL. The
browser tests exercise the phone, not the database (tests/api covers both backends in
depth), so only the tests marked ``both_backends`` run on PostgreSQL too: the online and
offline flows and the fault test, where "the server holds exactly one copy" rests on the
backend's insert. Every other browser test runs on SQLite only (its PostgreSQL run is
deselected), which keeps the suite near one minute instead of two.
"""
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.e2e.build import copy_app, built_app
from tests.e2e.checklists import publish_universal
from tests.e2e.catalogs import read_catalogs

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# Must be in the environment of the Playwright driver, i.e. before sync_playwright() starts it.
os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
# Assertions wait as long as actions do (Playwright's default of 5 s is short on a loaded CI machine).
expect.set_options(timeout=10_000)


def pytest_configure(config):
    """Register this directory's marker."""
    config.addinivalue_line("markers", "both_backends: a browser test that also runs on PostgreSQL")


def pytest_collection_modifyitems(config, items):
    """Deselect the PostgreSQL run of browser tests not marked both_backends (see the module docstring)."""
    keep, drop = [], []
    for item in items:
        in_e2e = Path(str(item.fspath)).is_relative_to(Path(__file__).parent)
        on_pg = getattr(item, "callspec", None) is not None and item.callspec.params.get("backend") == "postgresql"
        (drop if in_e2e and on_pg and not item.get_closest_marker("both_backends") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    for item in items:  # the slowest browser test takes about 30 s: one past 3 minutes is hung, not slow
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent) and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(180))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# --- the built app ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def pwa_snapshot(tmp_path_factory) -> Path:
    """A copy of the built field app for this session (built first if missing or stale)."""
    return copy_app(built_app(), tmp_path_factory.mktemp("pwa") / "dist")


@pytest.fixture(scope="session")
def catalogs() -> dict[str, dict[str, str]]:
    """The app's message catalogs ({"en": {key: text}, "es": …}), so tests use the labels the UI shows."""
    return read_catalogs()


# --- the server ------------------------------------------------------------------------------

class _QuietHandler(WSGIRequestHandler):
    """A request handler that does not log every request to stderr."""

    def log_request(self, *args, **kwargs):
        pass


@dataclass
class LiveServer:
    """The app served over HTTP for the browser."""

    url: str
    app: object
    snapshot: Path
    tmp_path: Path
    copies: list = field(default_factory=list)

    def serve_copy(self) -> Path:
        """Serve a private copy of the built app from now on and return its folder (edit it freely)."""
        copy = copy_app(self.snapshot, self.tmp_path / f"dist-copy-{len(self.copies)}")
        self.copies.append(copy)
        self.app.config["PWA_DIST"] = str(copy)
        return copy


@pytest.fixture
def live_server(app, pwa_snapshot, tmp_path):
    """Serve ``app`` on 127.0.0.1 and a free port in a background thread, for this test only."""
    app.config["PWA_DIST"] = str(pwa_snapshot)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, pwa_snapshot, tmp_path)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


# --- the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def _playwright():
    """The Playwright driver, once per session."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = f"Chromium not found at {path} (set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must run the browser tests")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    yield playwright, path
    playwright.stop()


@pytest.fixture(scope="module")
def browser(_playwright):
    """One headless Chromium per test module (the system's, not a downloaded one).

    Per module, not per session: a browser left in a bad state by one test (a context whose service
    worker did not shut down, seen upstream as later calls that never return) can then spoil at most
    the rest of its module, each such test failing at its time limit, instead of the whole run.
    """
    playwright, path = _playwright
    instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
    yield instance
    instance.close()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile for this test (its own IndexedDB and service worker) on the live server."""
    ctx = browser.new_context(service_workers="allow", base_url=live_server.url, locale="en-US")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, request):
    """A page in the test's context; its log (``page.console_log``) is printed when the test fails."""
    log = []
    pg = context.new_page()
    pg.on("console", lambda message: log.append(f"console.{message.type}: {message.text}"))
    pg.on("pageerror", lambda error: log.append(f"pageerror: {error}"))
    context.on("response", lambda r: "/api/" in r.url and log.append(
        f"{r.status} {r.request.method} {r.url}{' (service worker)' if r.request.service_worker else ''}"))
    context.on("requestfailed", lambda r: "/api/" in r.url and log.append(f"failed {r.method} {r.url}: {r.failure}"))
    pg.on("framenavigated", lambda frame: frame == pg.main_frame and log.append(f"navigated: {frame.url}"))
    pg.console_log = log
    yield pg
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        print("\n--- browser log ---\n" + "\n".join(log[-80:]))
        try:
            print("--- screen ---\n" + pg.locator("body").aria_snapshot(timeout=2000))
        except Exception as error:  # the page may be gone: the log above is what matters
            print(f"(no screen: {error})")


@pytest.fixture
def universal(world):
    """Department A runs the checklist whose steps capture and call (tests/e2e/checklists.py), with numbers to call."""
    return publish_universal(world)
