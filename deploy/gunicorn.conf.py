"""gunicorn settings for production: ``gunicorn -c deploy/gunicorn.conf.py wsgi:app``.

Every value can be overridden from the environment (the systemd unit and compose file set them).
Metrics are multiprocess: each worker writes to PROMETHEUS_MULTIPROC_DIR, emptied at start, and a
worker's files are marked dead when it exits, so a scrape of any worker sums them all.
"""
import os
import shutil

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# gthread: the desk's live streams (GET /api/v1/events, ~25 s each, at most EVENTS_MAX_STREAMS per
# worker) take one thread each, never a whole worker (docs/decisions.md, "Live desk events").
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("WORKER_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Photo uploads are bounded by the app (BLOB_MAX_BYTES); requests by MAX_REQUEST_BYTES.
limit_request_line = 8190
# The app writes one JSON access line per request with its request id (server/ops/logs.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# TLS ends at the proxy in front; TRUSTED_PROXY_HOPS tells the app how many there are.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Must be set before the app (and prometheus_client) is imported by a worker.
multiproc_dir = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/run/encounter-log/metrics")


def on_starting(server):
    """Start from an empty metrics directory: files of a previous run would be summed in."""
    shutil.rmtree(multiproc_dir, ignore_errors=True)
    os.makedirs(multiproc_dir, exist_ok=True)


def child_exit(server, worker):
    """Mark a dead worker's gauge files so they stop counting."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
