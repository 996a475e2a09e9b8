"""Fixed cost of one request, in-process: CPU per push (batch 1, 25, 100), per empty pull and per no-op.

Complements ``bench/push.py`` on a shared machine: process CPU time (not wall time) of
the app's own work through Flask's test client, so other load on the machine barely
moves it; the database's CPU is not counted here. Also counts the SQL statements each
request sends.

``--preload N`` first writes N reports the way ``bench/queue.py`` does (COPY): what an index costs a
push depends on the table's size, and a freshly seeded database holds a few hundred.

    .venv/bin/python -m bench.push_cost [--database-url URL] [--n 300] [--rounds 3] [--profile CASE] [--preload N]
"""
import argparse
import cProfile
import os
import pstats
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.reports import push_batch

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/el_scale_cost"


def _app(url: str):
    """A migrated, seeded app on ``url`` (wiped first)."""
    instance = tempfile.mkdtemp(prefix="el-cost-")
    limits = {"LOGIN_RATE_LIMIT": "1000 per minute", "PUSH_RATE_LIMIT": "1000000 per minute"}
    env = {**os.environ, "DATABASE_URL": url, "INSTANCE_PATH": instance, **limits}
    if url.startswith("postgresql"):
        common.reset_postgres(url)
    common.prepare(env, "bench")
    os.environ.update(DATABASE_URL=url, INSTANCE_PATH=instance, **limits)
    from server import create_app

    return create_app()


def _statements(app):
    """A counter of statements sent to the database, as a one-item list."""
    from sqlalchemy import event

    from server.extensions import db

    count = [0]
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a, **k: count.__setitem__(0, count[0] + 1))
    return count


def measure(url: str, n: int, profile: str, rounds: int = 3, without_indexes: tuple = (), preload: int = 0) -> dict:
    """Return CPU ms and statements per request for each kind of request (the least of ``rounds`` runs)."""
    if preload:  # one COPY of that many rows outlasts the app's statement timeout
        os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "600000")
    app = _app(url)
    if preload:
        from bench.queue import load

        load(app, url, preload, seed=4)
    common.drop_indexes(url, list(without_indexes))
    client = app.test_client()
    device_id = str(uuid.uuid4())
    login = client.post("/api/v1/auth/login", json={"username": "field.lapl", "password": "bench",
                                                    "device_id": device_id, "device_name": "cost"}).get_json()
    headers = {"Authorization": f"Bearer {login['token']}", "Content-Type": "application/json"}
    version, sites = _reference(client, headers)
    rng = random.Random(1)
    count = _statements(app)
    figures = {}
    cases = [("no-op GET /health", lambda: client.get("/api/v1/health"), n)]
    for batch in (1, 25, 100):
        per_round = max(3, n // batch)
        bodies = [push_batch(rng, device_id, version, sites, batch) for _ in range(per_round * rounds + 3)]
        cases.append((f"push batch {batch}", _pusher(client, headers, bodies), per_round))
    cursor = _drain(client, headers)
    cases.append(("pull, nothing new", lambda: client.get(f"/api/v1/sync/pull?cursor={cursor}", headers=headers), n))
    profiler = cProfile.Profile(time.process_time) if profile else None
    database = DatabaseCpu(url)
    # Rounds interleave the cases, and each case keeps its least CPU: on a shared machine the
    # least disturbed run is the closest to the request's own cost.
    for round_ in range(rounds):
        for name, call, times in cases:
            if round_ == 0:
                for _ in range(3):
                    _check(call())
            count[0] = 0
            if profiler and (name == profile or name.startswith(profile + " ")):
                profiler.enable()
            db_cpu, cpu, wall = database.seconds(), time.process_time(), time.perf_counter()
            for _ in range(times):
                _check(call())
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            db_cpu = database.seconds() - db_cpu
            if profiler:
                profiler.disable()
            figure = {"cpu_ms": cpu * 1000 / times, "wall_ms": wall * 1000 / times, "db_cpu_ms": db_cpu * 1000 / times,
                      "statements": count[0] / times, "times": times}
            if name not in figures or figure["cpu_ms"] < figures[name]["cpu_ms"]:
                figures[name] = figure
    if profiler:
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(70)
    return figures


class DatabaseCpu:
    """CPU time of the PostgreSQL backends serving the app's database (read from /proc; same machine)."""

    def __init__(self, url: str):
        self.conn = None
        if url.startswith("postgresql"):
            import psycopg

            self.conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)

    def seconds(self) -> float:
        """Total CPU seconds so far of every other backend connected to this database (0 without PostgreSQL)."""
        if self.conn is None:
            return 0.0
        pids = [row[0] for row in self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'")]  # not autovacuum: it comes and goes
        return sum(common.pid_ticks(pids).values()) / os.sysconf("SC_CLK_TCK")


def _pusher(client, headers, bodies):
    """A call pushing the next pre-built batch each time."""
    queue = iter(bodies)
    return lambda: client.post("/api/v1/sync/push", data=next(queue), headers=headers)


def _check(response) -> None:
    """Stop on any answer but 200 with nothing rejected."""
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.get_data(as_text=True)[:300]}")
    body = response.get_json()
    bad = [r for r in (body or {}).get("results", []) if r["status"] not in ("accepted", "duplicate")]
    if bad:
        raise RuntimeError(f"not accepted: {bad[0]}")


def _reference(client, headers):
    """The newest checklist version and the active sites the device pulled."""
    def get(path):
        response = client.get(path, headers=headers)
        return response.status_code, response.get_json()

    # Pull hands out only changes older than the oldest transaction running on the whole PostgreSQL
    # server; another database's long transaction (a shared machine) holds the seed back until it ends.
    for _ in range(600):
        try:
            return common.pull_reference(None, None, get)
        except RuntimeError:
            time.sleep(1)
    return common.pull_reference(None, None, get)


def _drain(client, headers) -> str:
    """Pull to the end; return the last cursor."""
    cursor = None
    while True:
        page = client.get("/api/v1/sync/pull?limit=500" + (f"&cursor={cursor}" if cursor else ""), headers=headers).get_json()
        cursor = page["cursor"]
        if not page["has_more"]:
            return cursor


def main(argv=None) -> int:
    """Print CPU per request and statements per request."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--n", type=int, default=300, help="requests per case (pushes: reports per case)")
    parser.add_argument("--profile", metavar="CASE", default="", help="cProfile (CPU time) the case of this name, or whose name starts with it and a space (\"push\": every push)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of every case, interleaved; the least CPU is kept")
    parser.add_argument("--without-indexes", default="", metavar="NAMES",
                        help="comma-separated indexes to drop first (what each costs a push)")
    parser.add_argument("--preload", type=int, default=0, metavar="N", help="write N reports first (bench/queue.py's)")
    args = parser.parse_args(argv)
    figures = measure(args.database_url, args.n, args.profile, args.rounds,
                      tuple(filter(None, args.without_indexes.split(","))), args.preload)
    print(f"load average {os.getloadavg()[0]:.1f}; app CPU in this process, database CPU of its PostgreSQL backends"
          " (clock ticks of 10 ms: a coarse figure over few requests)")
    noop = figures["no-op GET /health"]["cpu_ms"]
    for name, f in figures.items():
        print(f"{name:22s} {f['cpu_ms']:7.2f} ms CPU  {f['db_cpu_ms']:6.2f} ms db CPU  {f['wall_ms']:7.2f} ms wall"
              f"  {f['statements']:5.1f} statements  {f['cpu_ms'] / noop:5.1f}x no-op"
              f"  {(f['cpu_ms'] + f['db_cpu_ms']) / noop:5.1f}x with db")
    return 0


if __name__ == "__main__":
    sys.exit(main())
