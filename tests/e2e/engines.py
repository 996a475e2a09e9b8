"""Three browser engines behind one small interface, for the field-flow test in each of them.

- Chromium: Debian's chromium through Playwright (the session's ``browser`` fixture).
- WebKit: Debian's WebKitGTK MiniBrowser through WebKitWebDriver (package webkit2gtk-driver),
  spoken to by Selenium, on an Xvfb display (MiniBrowser has no headless mode).
- Firefox: Debian's firefox-esr over WebDriver BiDi through puppeteer-core (tests/e2e/firefox_bridge.mjs).

Each engine offers ``goto(url)``, ``reload()``, ``run(fn, arg)`` (a JavaScript function's source,
called in the page, its awaited result returned), ``version`` and ``close()``. "Offline" for
every engine is the server's port refusing connections (``PortSwitch``): WebKit and Firefox
cannot switch their network off from a test.
"""
import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

from tests.e2e.build import ROOT

MINIBROWSER = os.environ.get("MINIBROWSER_PATH", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER_PATH", "/usr/bin/WebKitWebDriver")
FIREFOX = os.environ.get("FIREFOX_PATH", "/usr/bin/firefox-esr")


def missing(engine: str) -> str | None:
    """What this machine lacks to run ``engine`` (None when it has everything)."""
    needs = {"chromium": [os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")],
             "webkit": [MINIBROWSER, WEBKIT_DRIVER, shutil.which("Xvfb") or "Xvfb"],
             "firefox": [FIREFOX, shutil.which("node") or "node", str(ROOT / "node_modules/puppeteer-core/package.json")]}
    absent = [path for path in needs[engine] if not Path(path).exists()]
    return f"{engine} needs {', '.join(absent)}" if absent else None


class PortSwitch:
    """A TCP relay on a fixed port in front of the server: ``down()`` makes the port refuse, ``up()`` reopens it."""

    def __init__(self, target_port: int):
        self.target = ("127.0.0.1", target_port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self._listener = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.up()

    def up(self) -> None:
        """Listen again: connections reach the server."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        """Stop listening and cut every open connection: the port refuses, as with the server stopped."""
        listener, self._listener = self._listener, None
        if listener:
            listener.close()
        with self._lock:
            for conn in list(self._open):
                _close(conn)
            self._open.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for conn in (source, sink):
                _close(conn)
                with self._lock:
                    self._open.discard(conn)


def _close(conn) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()


class Chromium:
    """A Playwright page in a fresh context of the session's Chromium."""

    def __init__(self, browser):
        self.context = browser.new_context(service_workers="allow", locale="en-US")
        self.page = self.context.new_page()
        self.version = f"Chromium {browser.version}"

    def goto(self, url):
        self.page.goto(url)

    def reload(self):
        self.page.reload()

    def run(self, fn, arg=None):
        return self.page.evaluate(fn, arg)

    def close(self):
        self.context.close()


class WebKit:
    """MiniBrowser through WebKitWebDriver (Selenium), on the given X display."""

    def __init__(self, display: str):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(90)
        self.version = f"WebKitGTK {self.driver.capabilities.get('browserVersion')}"

    def goto(self, url):
        self.driver.get(url)

    def reload(self):
        self.driver.refresh()

    def run(self, fn, arg=None):
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"Promise.resolve(({fn})(arguments[0])).then((value) => done({{value}}), (e) => done({{error: String(e)}}));",
            arg)
        if "error" in answer:
            raise AssertionError(f"in the page: {answer['error']}")
        return answer.get("value")

    def close(self):
        self.driver.quit()


class Firefox:
    """firefox-esr over WebDriver BiDi, through the puppeteer-core bridge (one JSON line per command)."""

    def __init__(self):
        self.process = subprocess.Popen(["node", str(ROOT / "tests/e2e/firefox_bridge.mjs"), FIREFOX], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        hello = json.loads(self.process.stdout.readline() or '{"error": "the Firefox bridge did not start"}')
        if not hello.get("ready"):
            raise RuntimeError(hello)
        self.version = hello["version"].replace("firefox/", "Firefox ")

    def _send(self, command: dict):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline() or '{"ok": false, "error": "the Firefox bridge died"}')
        if not answer["ok"]:
            raise AssertionError(f"Firefox: {answer['error']}")
        return answer.get("value")

    def goto(self, url):
        self._send({"op": "goto", "url": url})

    def reload(self):
        self._send({"op": "reload"})

    def run(self, fn, arg=None):
        return self._send({"op": "run", "fn": fn, "arg": arg})

    def close(self):
        try:
            self._send({"op": "close"})
        finally:
            self.process.wait(timeout=30)


class Xvfb:
    """A virtual X display for MiniBrowser (``display`` is ":N"), stopped by ``close()``."""

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                                        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = ":" + pipe.readline().strip()

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)
