"""Serving the PWA from ``pwa/`` at ``/``, with a strict Content-Security-Policy on every response."""
from pathlib import Path

from flask import Blueprint, send_from_directory
from werkzeug.routing import BaseConverter

PWA_DIR = Path(__file__).resolve().parent.parent / "pwa"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
       "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

bp = Blueprint("web", __name__)


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
    return response


@bp.route("/")
def index():
    """Serve the app shell."""
    return send_from_directory(PWA_DIR, "index.html", max_age=0)


@bp.route("/<app_path:name>")
def static_file(name: str):
    """Serve a file of the PWA; never anything outside ``pwa/`` (send_from_directory refuses traversal)."""
    return send_from_directory(PWA_DIR, name, max_age=0)
