"""Administration at City scale: CSV import of 10,000 users and 2,000 sites, and /metrics scrape time under load.

Fresh PostgreSQL database, ``db upgrade`` and ``seed-demo``; then ``flask import sites`` and
``flask import users`` as an operator runs them (a process each, so start-up is included), first
run and the idempotent re-run; then reports loaded with COPY (bench/queue.py's loader) so the queue
gauges have rows to count, gunicorn with the deploy config (2 workers, multiprocess metrics), clients
pulling and pushing nothing for a fixed time while /metrics is scraped. Prints seconds and ms.

    .venv/bin/python -m bench.admin [--pg-url URL] [--users 10000] [--sites 2000] [--reports 100000] [--seconds 10]
"""
import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/el_admin_bench"
PASSWORD = "bench-password-1"
DEPARTMENTS = ["LAPL", "RAP", "LASAN", "STREETS", "LADBS", "LAHD", "LAWA", "POLA", "LAAS", "LADOT"]
FACILITIES = ["library", "park", "recreation_center", "yard", "office_counter", "shelter"]


def sites_csv(count: int) -> str:
    """``count`` sites spread over the demo departments, with coordinates and numbers."""
    rows = ["code,name,department,facility_type,address,area_types,latitude,longitude,phone,site_lead_phone,active"]
    for n in range(count):
        rows.append(f"bench-site-{n:05d},Bench Site {n},{DEPARTMENTS[n % 10]},{FACILITIES[n % 6]},"
                    f"{100 + n} N Spring St,public;non_public,{34 + n / 1e5:.5f},{-118.2 - n / 1e5:.5f},"
                    f"+1213555{n % 10000:04d},(213) 555-{(n + 1) % 10000:04d},true")
    return "\n".join(rows) + "\n"


def users_csv(count: int) -> str:
    """``count`` users: mostly field employees, one liaison in twenty, spread over the departments."""
    rows = ["username,display_name,role,department,active"]
    for n in range(count):
        rows.append(f"bench.user{n:05d},Bench User {n},{'liaison' if n % 20 == 0 else 'field'},{DEPARTMENTS[n % 10]},true")
    return "\n".join(rows) + "\n"


def timed_import(env: dict, kind: str, path: Path) -> tuple[float, str]:
    """Run one import command; return (seconds, its summary line)."""
    began = time.monotonic()
    out = common.flask(env, "import", kind, str(path))
    return time.monotonic() - began, out.strip().splitlines()[0]


def load_clients(port: int, tokens: list[str], stop: threading.Event, counts: list) -> None:
    """Pull (an empty page once caught up) as fast as one client can until ``stop``."""
    def run(token):
        done = 0
        while not stop.is_set():
            common.request(port, "GET", "/api/v1/sync/pull?limit=50", token=token, timeout=30)
            done += 1
        counts.append(done)
    threads = [threading.Thread(target=run, args=(t,), daemon=True) for t in tokens]
    for thread in threads:
        thread.start()
    return threads


def scrape(port: int, token: str) -> tuple[float, int]:
    """One scrape: (seconds, bytes)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", headers={"Authorization": f"Bearer {token}"})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as answer:
        body = answer.read()
    return time.perf_counter() - began, len(body)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_ADMIN_PG_URL", PG_DEFAULT))
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--sites", type=int, default=2_000)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="el-bench-admin-") as instance:
        common.reset_postgres(args.pg_url)
        env = {**os.environ, "DATABASE_URL": args.pg_url, "INSTANCE_PATH": instance, "LOG_FORMAT": "off"}
        print("== migrating and seeding", flush=True)
        common.prepare(env, PASSWORD)
        files = {"sites": Path(instance) / "sites.csv", "users": Path(instance) / "users.csv"}
        files["sites"].write_text(sites_csv(args.sites))
        files["users"].write_text(users_csv(args.users))
        print(f"{'import':<28} {'first run':>10} {'re-run':>10}  summary of the re-run")
        for kind, number in (("sites", args.sites), ("users", args.users)):
            first, _ = timed_import(env, kind, files[kind])
            again, summary = timed_import(env, kind, files[kind])
            print(f"{f'{number:,} {kind}':<28} {first:>9.1f}s {again:>9.1f}s  {summary}", flush=True)

        os.environ.update(DATABASE_URL=args.pg_url, INSTANCE_PATH=instance, LOG_FORMAT="off")
        from bench.queue import load
        from server import create_app

        app = create_app({"RATELIMIT_ENABLED": False})
        began = time.monotonic()
        made = load(app, args.pg_url, args.reports, seed=13)
        print(f"== loaded {sum(made.values()):,} reports in {time.monotonic() - began:.1f} s", flush=True)

        metrics_token = "bench-metrics"
        genv = {**env, "METRICS_TOKEN": metrics_token, "PROMETHEUS_MULTIPROC_DIR": str(Path(instance) / "metrics"),
                "WEB_CONCURRENCY": "2", "RATELIMIT_ENABLED": "false"}
        port = common.free_port()
        genv["BIND"] = f"127.0.0.1:{port}"
        server = common.Gunicorn(genv, 2, Path(instance) / "gunicorn.log",
                                 extra_args=("-c", "deploy/gunicorn.conf.py"))
        server.port = port
        with server:
            idle = sorted(scrape(port, metrics_token)[0] for _ in range(10))
            tokens = [common.sign_in(port, f"field.{d.lower()}", PASSWORD)["token"] for d in ("lapl", "rap", "lasan", "ladbs")]
            stop, counts = threading.Event(), []
            threads = load_clients(port, tokens, stop, counts)
            busy, size = [], 0
            deadline = time.monotonic() + args.seconds
            while time.monotonic() < deadline:
                seconds, size = scrape(port, metrics_token)
                busy.append(seconds)
                time.sleep(0.25)
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
        busy.sort()
        print(f"/metrics scrape ({size:,} bytes, {args.reports:,} reports in the queue gauges):")
        print(f"  idle:       p50 {statistics.median(idle) * 1000:.1f} ms, max {idle[-1] * 1000:.1f} ms ({len(idle)} scrapes)")
        print(f"  under load: p50 {statistics.median(busy) * 1000:.1f} ms, p95 {common.percentile(busy, 95) * 1000:.1f} ms "
              f"({len(busy)} scrapes while 4 clients made {sum(counts) / args.seconds:.0f} pulls/s)")
        print(f"  load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
