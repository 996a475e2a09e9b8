"""Alert latency on the server: from sending a push to one app host until the alert event arrives on a
desk stream open on another host (two gunicorns, one database), p50/p95 over N alerts.

Wakes: ``poll`` (each worker checks the newest event id every EVENTS_POLL_SECONDS) and ``redis``
(pub/sub from the pushing host). The phone and the desk screen add their own time on top
(bench/pwa.py measures tap to screen). Run: ``python -m bench.events [--backend postgresql]``.
"""
import argparse
import http.client
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path

import orjson

from bench import common

REDIS_DEFAULT = "redis://127.0.0.1:6379/2"


def _reader(port: int, token: str, arrivals: dict, stop: threading.Event) -> None:
    """Keep a desk stream open (reconnecting with Last-Event-ID); note when each alert's event arrives."""
    last = None
    while not stop.is_set():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": f"Bearer {token}", **({"Last-Event-ID": last} if last else {})}
        conn.request("GET", "/api/v1/events", headers=headers)
        response = conn.getresponse()
        fields = {}
        while not stop.is_set():
            line = response.fp.readline()
            if not line:
                break
            line = line.decode().rstrip("\n")
            if line:
                name, _, value = line.partition(": ")
                fields[name] = value
                continue
            if fields.get("event") == "alert":
                arrivals[orjson.loads(fields["data"])["id"]] = time.monotonic()
            last = fields.get("id", last)
            fields = {}
        conn.close()


def run(args, wake: str) -> dict:
    """Two hosts on one fresh database; push ``args.alerts`` alerts one by one; return latencies."""
    with tempfile.TemporaryDirectory(prefix="el-bench-events-") as instance:
        if args.backend == "postgresql":
            database_url = args.pg_url
            common.reset_postgres(database_url)
        else:
            database_url = f"sqlite:///{Path(instance) / 'bench.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": database_url, "INSTANCE_PATH": instance, "LOG_FORMAT": "off",
               "LOGIN_RATE_LIMIT": "1000 per minute", "PYTHONUNBUFFERED": "1", "EVENTS_REPLAY_SECONDS": "0"}
        if wake == "redis":
            env["REDIS_URL"] = args.redis_url
        common.prepare(env, args.password)
        logs = Path(instance)
        with common.Gunicorn(env, 1, logs / "desk.log") as desk, common.Gunicorn(env, 1, logs / "phone.log") as phone:
            liaison = common.sign_in(desk.port, "liaison.lapl", args.password)
            field = common.sign_in(phone.port, "field.lapl", args.password)
            _version, sites = common.pull_reference(phone.port, field["token"])
            arrivals, stop = {}, threading.Event()
            reader = threading.Thread(target=_reader, args=(desk.port, liaison["token"], arrivals, stop), daemon=True)
            reader.start()
            time.sleep(1)  # the stream is open
            sent, answered = {}, {}
            for _ in range(args.alerts):
                item = {"id": str(uuid.uuid4()), "kind": "alert", "schema_version": 1,
                        "body": {"encounter_id": str(uuid.uuid4()), "site": sites[0]["code"],
                                 "occurred_at": "2026-11-20T15:00:00-08:00"}}
                sent[item["id"]] = time.monotonic()
                status, data = common.request(phone.port, "POST", "/api/v1/sync/push",
                                              {"protocol": 1, "device_id": field["device_id"], "items": [item]},
                                              token=field["token"])
                answered[item["id"]] = time.monotonic()
                if status != 200 or data["results"][0]["status"] != "accepted":
                    raise RuntimeError(f"push answered {status}: {data}")
                time.sleep(args.gap)
            deadline = time.monotonic() + 10
            while len(arrivals) < len(sent) and time.monotonic() < deadline:
                time.sleep(0.05)
            stop.set()
    from_send = sorted(arrivals[i] - sent[i] for i in sent if i in arrivals)
    from_answer = sorted(max(0.0, arrivals[i] - answered[i]) for i in sent if i in arrivals)
    return {"wake": wake, "received": len(from_send), "sent": len(sent), "from_send": from_send,
            "from_answer": from_answer}


def main(argv=None) -> int:
    """Print p50/p95 latency per wake mode; exit non-zero if an alert never arrived."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--pg-url", default=common.PG_DEFAULT)
    parser.add_argument("--redis-url", default=os.environ.get("TEST_REDIS_URL", REDIS_DEFAULT))
    parser.add_argument("--wakes", default="poll,redis")
    parser.add_argument("--alerts", type=int, default=20)
    parser.add_argument("--gap", type=float, default=0.3, help="seconds between alerts")
    parser.add_argument("--password", default="bench")
    args = parser.parse_args(argv)
    ok = True
    print(f"alert latency, push to host B until the event on host A's stream ({args.backend}; "
          f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())})")
    for wake in args.wakes.split(","):
        result = run(args, wake.strip())
        ok &= result["received"] == result["sent"]
        ms = lambda values, p: common.percentile(values, p) * 1000  # noqa: E731
        print(f"  {wake:5}  {result['received']}/{result['sent']} arrived; from sending the push: "
              f"p50 {ms(result['from_send'], 50):.0f} ms, p95 {ms(result['from_send'], 95):.0f} ms; "
              f"from its answer: p50 {ms(result['from_answer'], 50):.0f} ms, p95 {ms(result['from_answer'], 95):.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
