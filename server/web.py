"""Serving the built PWA (``pwa/dist``, made by ``npm run build``) at ``/``, with a strict
Content-Security-Policy on every response.

Files are revalidated on every use (``no-cache``): the service worker's revisioned precache
is what keeps the shell offline, and ``/sw.js`` must always be revalidated so updates are
seen. The exception is a script or the stylesheet whose name carries its content hash
(``app-HASH.js``, ``chunks/x-HASH.js``, ``styles-HASH.css``):
it can never change, so it is sent ``immutable`` and the precache takes it from the HTTP
cache instead of downloading it twice. Which files those are is the build's word alone: it
lists every file it named by hash in ``hashed-files.json`` (pwa/build.mjs), read here."""
import json
import logging
import mimetypes
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, current_app, request, send_from_directory

from server.errors import ApiError
from werkzeug.routing import BaseConverter

HASHED_FILES = "hashed-files.json"  # written by pwa/build.mjs: {"files": [dist-relative paths named by their hash]}
IMMUTABLE = "public, max-age=31536000, immutable"
HSTS = "max-age=31536000"  # a year; no includeSubDomains: other city sites share the parent domain
PWA_DIR = Path(__file__).resolve().parent.parent / "pwa" / "dist"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
       "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

bp = Blueprint("web", __name__)
log = logging.getLogger(__name__)


class AppPathConverter(BaseConverter):
    """A path outside /api/: the API's unknown routes and wrong methods must answer 404/405 JSON, not a file lookup."""

    regex = r"(?!api/)[^/].*?"
    part_isolating = False


@bp.record_once
def _register_converter(state):
    state.app.url_map.converters["app_path"] = AppPathConverter


@bp.after_app_request
def security_headers(response):
    """Send the security headers with every response, API included."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(self)")
    if request.is_secure:
        # Only over HTTPS (behind the TLS proxy: TRUSTED_PROXY_HOPS and X-Forwarded-Proto), as RFC 6797 says.
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.path.startswith("/api/"):
        # Tokens, reports and receipts must never sit in a shared or disk cache.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _send(name: str):
    """Send a built file, never cached by HTTP; say clearly when the app was not built."""
    folder = Path(current_app.config.get("PWA_DIST") or PWA_DIR)
    if not (folder / "index.html").exists():
        raise ApiError(503, "the field app is not built: run 'npm ci && npm run build' (scripts/setup.sh does)",
                       reason="pwa_not_built")
    coding = _precompressed(folder, name)
    if coding:
        response = send_from_directory(folder, f"{name}.{_SUFFIX[coding]}", max_age=0, mimetype=_mimetype(name))
        response.headers["Content-Encoding"] = coding
    else:
        response = send_from_directory(folder, name, max_age=0)
    # A file the build named by its content's hash never changes, so caches may keep it.
    response.headers["Cache-Control"] = IMMUTABLE if name in hashed_files(folder) else "no-cache"
    response.headers["Vary"] = "Accept-Encoding"
    return response


# The build's precompressed copies (pwa/build.mjs), best first: Brotli is smaller than gzip on every file.
_SUFFIX = {"br": "br", "gzip": "gz"}


def _precompressed(folder: Path, name: str) -> str | None:
    """The coding to send ``name`` in: the best precompressed copy the browser accepts (Werkzeug reads
    Accept-Encoding: q=0 refuses, * stands for any), or None for the file itself. Only a copy at least as new
    as its file counts: a hand-edited file must never lose to a stale copy."""
    plain = folder / name
    for coding, suffix in _SUFFIX.items():
        copy = folder / f"{name}.{suffix}"
        if request.accept_encodings.quality(coding) > 0 and copy.is_file() and plain.is_file() \
                and copy.stat().st_mtime >= plain.stat().st_mtime:
            return coding
    return None


def hashed_files(folder: Path) -> frozenset[str]:
    """The files the build in ``folder`` named by their content hash (none if it wrote no list: nothing immutable)."""
    listing = folder / HASHED_FILES
    try:
        found = listing.stat()
    except OSError:
        return frozenset()
    return _read_hashed_files(str(listing), (found.st_ino, found.st_mtime_ns, found.st_size))


@lru_cache(maxsize=8)
def _read_hashed_files(path: str, stamp: tuple) -> frozenset[str]:
    """Read a build's list once per version of the file (``stamp``); unreadable means no file is immutable."""
    try:
        return frozenset(json.loads(Path(path).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        # Serving everything "no-cache" is only slower; a wrong "immutable" would pin a stale file for a year.
        log.warning("ignoring %s (%s): no file is served immutable", path, error)
        return frozenset()


def _mimetype(name: str) -> str:
    """The type of the uncompressed file (send_from_directory would guess from .gz)."""
    if name.endswith(".webmanifest"):
        return "application/manifest+json"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@bp.route("/")
def index():
    """Serve the app shell."""
    return _send("index.html")


@bp.route("/<app_path:name>")
def static_file(name: str):
    """Serve a file of the PWA; never anything outside ``pwa/dist`` (send_from_directory refuses traversal)."""
    return _send(name)
