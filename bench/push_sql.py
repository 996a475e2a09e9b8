"""The database's share of a push, replayed: PostgreSQL CPU per report under schema variants.

``bench/push_cost.py`` reads the database's CPU in 10 ms clock ticks over a few pushes, too coarse
to tell a 5% change from noise. This script pushes batches through the app once (Flask's test
client, PostgreSQL) and records every statement each push sent, with its parameters. Then, for
each variant, it copies the database as it was before those pushes (``CREATE DATABASE … TEMPLATE``),
applies the variant's SQL, replays the recorded pushes one transaction each (commit included,
``synchronous_commit`` on), and reads the CPU of that one backend from ``/proc``. Variants run in
turn, ``--rounds`` times over, so old and new alternate back to back on the same recorded reports.

Work left to autovacuum is reported apart (``deferred``): after the replay the script cleans the
trigram index's pending list and vacuums the two tables in its own backend and reads that CPU
too, since a cost moved to autovacuum still burns the same cores.

    .venv/bin/python -m bench.push_sql [--database-url URL] [--batches 100] [--rounds 3] \
        [--variant 'name=SQL; SQL'] ... [--preload N] [--perf FILE]

A variant's SQL runs in the copy before the replay; ``base=`` (no SQL) is the schema as migrated.
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.push_cost import _app, _check, _reference
from bench.reports import push_batch

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/el_bench_push_sql"


def _plain(url: str) -> str:
    """The URL as psycopg takes it."""
    return urlsplit(url)._replace(scheme="postgresql").geturl()


def _with_database(url: str, name: str) -> str:
    """The same server, another database."""
    return urlsplit(_plain(url))._replace(path=f"/{name}").geturl()


def record(url: str, batches: int, batch: int, preload: int = 0) -> tuple[str, list[list[tuple]]]:
    """Push ``batches`` batches through the app; return the template's name and each push's statements."""
    import psycopg
    from sqlalchemy import event

    from server.extensions import db

    app = _app(url)
    if preload:  # bench/analytics.py's reports with their step results: index upkeep grows with the tables
        from bench.analytics import _load

        _load(url, preload)
    client = app.test_client()
    device_id = str(uuid.uuid4())
    login = client.post("/api/v1/auth/login", json={"username": "field.lapl", "password": "bench",
                                                    "device_id": device_id, "device_name": "sql"}).get_json()
    headers = {"Authorization": f"Bearer {login['token']}", "Content-Type": "application/json"}
    version, sites = _reference(client, headers)
    rng = random.Random(7)
    bodies = [push_batch(rng, device_id, version, sites, batch) for _ in range(batches)]
    name = urlsplit(url).path.lstrip("/")
    template = f"{name}_tpl"
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{template}"')
        admin.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
    pushes: list[list[tuple]] = []
    current: list[tuple] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        current.append((statement, parameters, executemany))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", keep)
    for body in bodies:
        current = []
        _check(client.post("/api/v1/sync/push", data=body, headers=headers))
        pushes.append(current)
    return template, pushes


def replay(url: str, template: str, setup: str, pushes: list[list[tuple]], warmup: int, perf: str = "") -> dict:
    """A fresh copy of the template, the variant's SQL, then every push replayed; CPU of the backend."""
    import psycopg

    name = f"{template}_run"
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    with psycopg.connect(_with_database(url, name)) as conn:
        for statement in filter(str.strip, setup.split(";")):
            conn.execute(statement)
        conn.commit()
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        conn.commit()
        reports = 0
        for n, statements in enumerate(pushes):
            if n == warmup:
                recorder = subprocess.Popen(["perf", "record", "-g", "-o", perf, "-p", str(pid)],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if perf else None
                cpu, wal, wall = _ticks(pid), _wal(conn), time.perf_counter()
                lsn = conn.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()[0]
            for statement, parameters, many in statements:
                if many:
                    conn.cursor().executemany(statement, parameters)
                else:
                    conn.execute(statement, parameters)
            conn.commit()
            if n >= warmup:
                reports += _reports(statements)
        cpu, wal, wall = _ticks(pid) - cpu, _wal(conn) - wal, time.perf_counter() - wall
        lsn = (lsn, conn.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()[0])
        if recorder:
            recorder.send_signal(signal.SIGINT)
            recorder.wait()
        conn.commit()
        conn.autocommit = True
        deferred = _ticks(pid)
        for statement in ("SELECT gin_clean_pending_list(c.oid::regclass) FROM pg_class c JOIN pg_am a"
                          " ON a.oid = c.relam WHERE a.amname = 'gin' AND c.relnamespace = 'public'::regnamespace",
                          "VACUUM encounters", "VACUUM step_results"):
            conn.execute(statement)
        deferred = _ticks(pid) - deferred
        size = conn.execute("SELECT pg_total_relation_size('encounters') + pg_total_relation_size('step_results')"
                            ).fetchone()[0]
    tick = 1000 / os.sysconf("SC_CLK_TCK")
    return {"reports": reports, "cpu_ms": cpu * tick / reports, "wall_ms": wall * 1000 / reports,
            "wal_bytes": wal / reports, "lsn": lsn, "deferred_ms": deferred * tick / reports, "bytes": size}


def _reports(statements) -> int:
    """Reports in one recorded push (the size of the ids list of its one statement)."""
    import orjson

    for statement, parameters, _ in statements:
        if isinstance(parameters, dict) and "doc" in parameters:
            return len(orjson.loads(parameters["doc"])["encounters"])
    return 0


def _ticks(pid: int) -> int:
    """utime + stime of the replaying backend, in clock ticks."""
    return common.pid_ticks([pid])[pid]


def _wal(conn) -> int:
    """The server's WAL insert position in bytes (every database's writes count: a coarse figure)."""
    return conn.execute("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')").fetchone()[0]


def main(argv=None) -> int:
    """Record pushes once, replay them under every variant in turn, print CPU per report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--batches", type=int, default=100, help="pushes replayed per run (after 10 warm-up)")
    parser.add_argument("--batch", type=int, default=100, help="reports per push")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--preload", type=int, default=0, metavar="N",
                        help="load N reports with step results first (bench/analytics.py's): upkeep grows with the tables")
    parser.add_argument("--perf", default="", metavar="FILE", help="perf record the replaying backend (last run) into FILE")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=SQL",
                        help="a name and the SQL (statements separated by ';') run before the replay")
    args = parser.parse_args(argv)
    variants = [v.split("=", 1) for v in (args.variant or ["base="])]
    warmup = 10
    template, pushes = record(args.database_url, args.batches + warmup, args.batch, args.preload)
    results: dict[str, list[dict]] = {name: [] for name, _ in variants}
    for round_ in range(args.rounds):
        for name, setup in variants:
            figure = replay(args.database_url, template, setup, pushes, warmup, args.perf)
            results[name].append(figure)
            print(f"round {round_ + 1} {name:<28} {figure['cpu_ms']:.3f} ms CPU/report  "
                  f"deferred {figure['deferred_ms']:.3f} ms  WAL {figure['wal_bytes'] / 1024:.1f} KiB/report  "
                  f"wall {figure['wall_ms']:.3f} ms  LSN {'-'.join(figure['lsn'])}  load {os.getloadavg()[0]:.1f}", flush=True)
    print(f"\nPostgreSQL CPU per report of a push of {args.batch} (statements replayed, commit included); "
          f"least / median of {args.rounds} rounds; deferred = pending-list clean-up and VACUUM afterwards")
    for name, figures in results.items():
        cpus = sorted(f["cpu_ms"] for f in figures)
        deferred = sorted(f["deferred_ms"] for f in figures)
        print(f"{name:<28} {cpus[0]:.3f} / {cpus[len(cpus) // 2]:.3f} ms   deferred {deferred[len(deferred) // 2]:.3f} ms"
              f"   WAL {sorted(f['wal_bytes'] for f in figures)[len(figures) // 2] / 1024:.1f} KiB"
              f"   tables {figures[-1]['bytes'] / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
