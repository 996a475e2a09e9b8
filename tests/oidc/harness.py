"""Start the real OpenID Provider (tests/oidc/provider.mjs, npm `oidc-provider`) and use it from tests.

Not a fake of the protocol: the provider is the certified Node implementation, reached over HTTP on
loopback; the tests only choose its accounts, rotate its keys and, for one test, alter an ID token in
transit. Missing Node or the npm package skips the tests locally and fails them on CI (CI=true).
"""
import json
import os
import secrets
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "encounter-log"
CLIENT_SECRET = "test-client-secret-" + "x" * 24
PASSWORD = "city-password"
# The role map the tests configure (OIDC_ROLE_MAP): departments A and B of tests/factories.py.
ROLE_MAP = {"claim": "groups", "groups": {
    "EL-A-Field": {"role": "field", "department": "A"},
    "EL-A-Liaison": {"role": "liaison", "department": "A"},
    "EL-B-Field": {"role": "field", "department": "B"},
    "EL-B-Liaison": {"role": "liaison", "department": "B"},
    "EL-Admins": {"role": "admin"},
    "EL-Z-Field": {"role": "field", "department": "Z"},
}}


def account(username: str, groups: list[str], *, disabled: bool = False) -> dict:
    """One account of the provider (subject = "sub-" + username)."""
    return {"username": username, "password": PASSWORD, "name": username.replace(".", " ").title(),
            "email": f"{username}@lacity.example", "groups": groups, "disabled": disabled}


def _unavailable(message: str):
    """Fail on CI, skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(message + ": CI must run the single sign-on tests against the real provider")
    pytest.skip(message)


@dataclass
class Provider:
    """A running provider: its issuer, and the controls the tests use."""

    issuer: str
    process: subprocess.Popen
    log: Path
    http: requests.Session = field(default_factory=requests.Session)

    def _control(self, what: str, data: dict | None = None) -> dict:
        response = self.http.post(f"{self.issuer}/_test/{what}", json=data or {}, timeout=10)
        response.raise_for_status()
        return response.json()

    def set_accounts(self, accounts: dict) -> None:
        """Replace the provider's accounts ({username: account(...)})."""
        self._control("accounts", {f"sub-{name}": value for name, value in accounts.items()})

    def rotate_keys(self) -> list[str]:
        """Sign with a new key from now on; return the published key ids, newest first."""
        return self._control("rotate")["kids"]

    def tamper_next_id_token(self, claims: dict) -> None:
        """Change these claims of the next ID token after the provider signed it."""
        self._control("tamper", {"claims": claims})

    def jwks_kids(self) -> list[str]:
        """The key ids the provider publishes now."""
        metadata = self.http.get(f"{self.issuer}/.well-known/openid-configuration", timeout=10).json()
        return [key["kid"] for key in self.http.get(metadata["jwks_uri"], timeout=10).json()["keys"]]

    def sign_in(self, authorize_url: str, username: str, password: str = PASSWORD, *, stop_at: str) -> str:
        """Drive the provider's pages as a browser would; return the URL it sends the browser back to.

        ``stop_at`` is the client's redirect URI prefix (that request goes to the app, not here).
        """
        browser = requests.Session()
        url, method, data = authorize_url, "GET", None
        for _ in range(10):
            response = browser.request(method, url, data=data, allow_redirects=False, timeout=10)
            if response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                if url.startswith(stop_at):
                    return url
                method, data = "GET", None
            elif response.status_code == 200 and "/interaction/" in url and method == "GET":
                method, data = "POST", {"username": username, "password": password}
                url = url.rstrip("/") + "/login"
            else:
                raise AssertionError(f"unexpected {response.status_code} from the provider at {url}: {response.text[:300]}")
        raise AssertionError("the provider never sent the browser back")

    def stop(self) -> None:
        """End the provider process (this one only)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(tmp_path: Path, redirect_uris: list[str], accounts: dict | None = None) -> Provider:
    """Start the provider for these redirect URIs; wait until it says its issuer."""
    node = shutil.which("node")
    if node is None:
        _unavailable("Node.js is not installed")
    if not (ROOT / "node_modules" / "oidc-provider" / "package.json").exists():
        _unavailable("the npm package oidc-provider is not installed (run `npm ci`)")
    config = tmp_path / f"oidc-{secrets.token_hex(4)}.json"
    config.write_text(json.dumps({
        "client": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": redirect_uris},
        "accounts": {f"sub-{name}": value for name, value in (accounts or {}).items()}}))
    log = config.with_suffix(".log")
    process = subprocess.Popen([node, str(SCRIPT), str(config)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=log.open("w"), text=True)
    for line in process.stdout:
        if line.startswith("{"):
            issuer = json.loads(line)["issuer"]
            # Keep reading its stdout so the pipe never fills and blocks the provider.
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            return Provider(issuer, process, log)
    raise AssertionError(f"the OpenID provider did not start: {log.read_text()[-2000:]}")


def configure(app, provider: Provider, **extra) -> None:
    """Point the app at the provider with the tests' role map."""
    app.config.update({"OIDC_ISSUER": provider.issuer, "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET,
                       "OIDC_SCOPES": "openid profile email groups", "OIDC_ROLE_MAP": json.dumps(ROLE_MAP),
                       "OIDC_REDIRECT_URI": None, **extra})
