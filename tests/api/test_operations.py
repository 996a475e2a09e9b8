"""Operations: /metrics (off by default, token-protected, Prometheus format), request ids, JSON logs."""
import json
import logging

from prometheus_client.parser import text_string_to_metric_families

from server.ops.metrics import count_purge_run
from tests.factories import encounter_body, push, push_item

TOKEN = {"Authorization": "Bearer scrape-secret"}


def samples(text: str) -> dict:
    """Every sample of a scrape as {(name, labels as sorted tuple): value}."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_metrics_are_off_unless_a_token_is_set(client, app):
    app.config["METRICS_TOKEN"] = None
    assert client.get("/metrics").status_code == 404


def test_metrics_refuse_a_scrape_without_the_token(client, app):
    app.config["METRICS_TOKEN"] = "scrape-secret"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_metrics_show_pushes_queue_sizes_latency_login_failures_and_purges(client, app, world, login):
    app.config["METRICS_TOKEN"] = "scrape-secret"
    before = samples(client.get("/metrics", headers=TOKEN).get_data(as_text=True))
    phone = login("field.a")
    item = push_item(encounter_body(world, "A"))
    assert push(client, phone, [item]).status_code == 200
    push(client, phone, [item])
    client.post("/api/v1/auth/login", json={"username": "field.a", "password": "wrong", "device_id": phone.device_id})
    count_purge_run("ok", {"photos": 3})
    response = client.get("/metrics", headers=TOKEN)
    assert response.status_code == 200 and response.content_type.startswith("text/plain")
    after = samples(response.get_data(as_text=True))

    def grew(name, **labels):
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    assert grew("encounter_log_push_items_total", outcome="accepted") == 1
    assert grew("encounter_log_push_items_total", outcome="duplicate") == 1
    assert grew("encounter_log_login_failures_total", reason="bad_credentials") == 1
    assert grew("encounter_log_purge_runs_total", outcome="ok") == 1
    assert grew("encounter_log_purged_items_total", kind="photos") == 3
    assert after[("encounter_log_queue_reports", (("department", "A"), ("priority", "P1")))] == 1
    assert ("encounter_log_blob_bytes", ()) in after
    assert grew("encounter_log_request_seconds_count", endpoint="sync.push", method="POST") == 2


def test_every_answer_carries_a_request_id_and_errors_repeat_it(client, world):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["X-Request-Id"] == response.get_json()["request_id"]
    assert len(response.headers["X-Request-Id"]) == 32
    assert client.get("/api/v1/health").headers["X-Request-Id"]


def test_a_clients_request_id_is_kept_and_a_strange_one_replaced(client, world):
    kept = client.get("/api/v1/me", headers={"X-Request-Id": "phone-42.abc"})
    assert kept.headers["X-Request-Id"] == "phone-42.abc" and kept.get_json()["request_id"] == "phone-42.abc"
    replaced = client.get("/api/v1/me", headers={"X-Request-Id": "x" * 65})
    assert replaced.headers["X-Request-Id"] != "x" * 65


def test_logs_are_json_lines_carrying_the_request_id(client, world, capsys):
    from server.ops.logs import RequestIdFilter
    from pythonjsonlogger.json import JsonFormatter

    logger = logging.getLogger("server.access")
    logger.disabled = False  # alembic's fileConfig (the migrated test database) disables existing loggers
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    handler.addFilter(RequestIdFilter())
    logger.addHandler(handler)
    try:
        response = client.get("/api/v1/me", headers={"X-Request-Id": "trace-me"})
    finally:
        logger.removeHandler(handler)
    line = JsonFormatter("%(levelname)s %(message)s %(request_id)s").format(records[-1])
    parsed = json.loads(line)
    assert parsed["request_id"] == "trace-me" and parsed["status"] == 401 and parsed["path"] == "/api/v1/me"
    assert response.status_code == 401
