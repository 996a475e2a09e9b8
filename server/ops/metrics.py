"""``GET /metrics`` in Prometheus text format, and the counters the rest of the server calls.

Multiprocess-safe under gunicorn: with ``PROMETHEUS_MULTIPROC_DIR`` set (deploy/gunicorn.conf.py sets it
before the app is imported) every worker writes its counters and histograms to files there and a scrape
sums them (prometheus_client's multiprocess mode). Figures that live in the database — queue sizes by
department and priority, stored photo bytes — are computed at scrape time, so every worker answers alike.

Off unless ``METRICS_TOKEN`` is set; then a scrape needs ``Authorization: Bearer <METRICS_TOKEN>``.
"""
import hmac
import os
import time

from flask import Blueprint, Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import func, select

from server.errors import ApiError

bp = Blueprint("metrics", __name__)
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # a command (flask db upgrade) may run before gunicorn made it
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

PUSH_ITEMS = Counter("encounter_log_push_items", "Pushed items by outcome (accepted, duplicate, conflict, rejected).",
                     ["outcome"])
REQUEST_SECONDS = Histogram("encounter_log_request_seconds", "Request latency by endpoint.",
                            ["endpoint", "method"],
                            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
LOGIN_FAILURES = Counter("encounter_log_login_failures", "Failed sign-ins.", ["reason"])
PURGE_RUNS = Counter("encounter_log_purge_runs", "Retention purge runs by outcome.", ["outcome"])
PURGED_ITEMS = Counter("encounter_log_purged_items", "Items erased by retention purges, by kind.", ["kind"])
SCRAPE_SECONDS = Histogram("encounter_log_metrics_scrape_seconds", "Time to compute the database gauges of a scrape.")


def count_push(results) -> None:
    """Count a push's item results by outcome."""
    for result in results:
        PUSH_ITEMS.labels(result.status).inc()


def count_login_failure(reason: str = "bad_credentials") -> None:
    """Count a failed sign-in."""
    LOGIN_FAILURES.labels(reason).inc()


def count_purge_run(outcome: str = "ok", erased: dict | None = None) -> None:
    """Count a retention purge run (for the purge command): ``outcome`` ok/failed, ``erased`` {kind: count}."""
    PURGE_RUNS.labels(outcome).inc()
    for kind, number in (erased or {}).items():
        PURGED_ITEMS.labels(kind).inc(number)


class DatabaseCollector:
    """Gauges read from the database at scrape time: open reports by department and priority, photo bytes."""

    def collect(self):
        """Yield the gauges (one grouped query each)."""
        from server.extensions import db
        from server.models import Blob, Department, Encounter

        queue = GaugeMetricFamily("encounter_log_queue_reports", "Open (not closed) reports by department and priority.",
                                  labels=["department", "priority"])
        rows = db.session.execute(select(Department.code, Encounter.priority, func.count())
                                  .join(Department, Encounter.department_id == Department.id)
                                  .where(Encounter.status != "closed")
                                  .group_by(Department.code, Encounter.priority)).all()
        for code, priority, number in rows:
            queue.add_metric([code, f"P{priority}" if priority is not None else "none"], number)
        yield queue
        size, count = db.session.execute(select(func.coalesce(func.sum(Blob.size), 0), func.count()).select_from(Blob)).one()
        yield GaugeMetricFamily("encounter_log_blob_bytes", "Bytes of stored photos.", value=size)
        yield GaugeMetricFamily("encounter_log_blobs", "Stored photos.", value=count)


def _process_metrics() -> bytes:
    """Counters and histograms: summed over every worker in multiprocess mode, this process's otherwise."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@bp.route("/metrics")
def metrics():
    """Answer the Prometheus scrape (404 when metrics are off; 401 without the token)."""
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        raise ApiError(404, "metrics are off; set METRICS_TOKEN to turn them on")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "send 'Authorization: Bearer <METRICS_TOKEN>'", reason="metrics_token",
                       headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    started = time.perf_counter()
    database = CollectorRegistry()
    database.register(DatabaseCollector())
    body = generate_latest(database)
    SCRAPE_SECONDS.observe(time.perf_counter() - started)
    return Response(_process_metrics() + body, content_type=CONTENT_TYPE_LATEST)


def _start_timer():
    g.metrics_started = time.perf_counter()


def _observe(response):
    started = g.pop("metrics_started", None)
    if started is not None:
        endpoint = request.endpoint or "unmatched"
        REQUEST_SECONDS.labels(endpoint, request.method).observe(time.perf_counter() - started)
    return response


def init_app(app) -> None:
    """Register /metrics and time every request."""
    app.register_blueprint(bp)
    app.before_request(_start_timer)
    app.after_request(_observe)
