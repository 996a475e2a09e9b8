"""gunicorn settings for production: ``gunicorn -c deploy/gunicorn.conf.py wsgi:app``.

The serving limits, the worker class, no control socket and gunicorn's own errors in the JSON shape are the
repository's ``gunicorn.conf.py`` (README, "Serving limits"), read from there so the two cannot
drift apart; this file adds what production sets from the environment (the systemd unit and
compose file set them). Metrics are multiprocess: each worker writes to PROMETHEUS_MULTIPROC_DIR,
emptied at start, and a worker's files are marked dead when it exits, so a scrape of any worker
sums them all.
"""
import os
import runpy
import shutil
from pathlib import Path

# Must be set before the app (and prometheus_client) is imported, here or by a worker.
multiproc_dir = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/run/encounter-log/metrics")
_serving = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
limit_request_line = _serving["limit_request_line"]
limit_request_fields = _serving["limit_request_fields"]
limit_request_field_size = _serving["limit_request_field_size"]
# No run-time control socket, as there (its one path per user would be shared by every server on the host).
control_socket_disable = _serving["control_socket_disable"]

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# gthread: the desk's live streams (GET /api/v1/events, ~25 s each, at most EVENTS_MAX_STREAMS per
# worker) take one thread each, never a whole worker (docs/decisions.md, "Live desk events").
worker_class = _serving["worker_class"]
threads = int(os.environ.get("GUNICORN_THREADS", _serving["threads"]))
timeout = int(os.environ.get("WORKER_TIMEOUT", _serving["timeout"]))
graceful_timeout = 30
keepalive = 5
# The app writes one JSON access line per request with its request id (server/ops/logs.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# TLS ends at the proxy in front; TRUSTED_PROXY_HOPS tells the app how many there are.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Answer gunicorn's own refusals in the JSON shape; start from an empty metrics directory."""
    _serving["on_starting"](server)
    shutil.rmtree(multiproc_dir, ignore_errors=True)
    os.makedirs(multiproc_dir, exist_ok=True)


def child_exit(server, worker):
    """Mark a dead worker's gauge files so they stop counting."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
