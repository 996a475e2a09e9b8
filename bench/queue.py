"""Liaison queue and Mayor's Office aggregate on 200,000 reports in PostgreSQL.

Fresh database, ``db upgrade`` and ``seed-demo``, then 200,000 reports across the ten demo
departments written with one COPY (not through HTTP: this measures reading, and pushing
that many would take minutes). Reports span two years; those older than a month are
mostly closed, as a real queue would be. Priorities come from the real rules
(``prioritize``), search text from the same phrases the push bench uses.

Then, through the Flask test client (so auth, query validation, scoping, SQL and JSON
are all in the figure; no HTTP server or network), each request is timed N times and
printed with p50, p95, its target (issue 4), the verdict, the machine's load average and
the p50 CPU of one request in this process and in the database's backends (other work on
a shared machine inflates wall time, not these). The database is the bench's own
(``el_bench_queue``, dropped and rebuilt on every run; ``--reuse`` keeps a loaded one and
only upgrades its schema, to measure a migration's effect on the same data):

    .venv/bin/python -m bench.queue [--pg-url URL] [--reports 200000] [--repeat 40] [--reuse]
"""
import argparse
import io
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.reports import _AGENCIES, _DOCUMENTS, _MARKINGS, _NOTES, _OUTCOMES, _PURPOSES, _REQUESTS
from encounter.vocabulary import STATED_REASONS as _REASONS

PG_URL = "postgresql://postgres@127.0.0.1:5432/el_bench_queue"
PASSWORD = "bench-queue-password"
TARGETS = {"queue": 0.050, "aggregate": 0.500, "quarterly": 1.0}
# Share of reports per department code (the rest split evenly).
WEIGHTS = {"LAPL": 0.30, "RAP": 0.20, "LASAN": 0.10, "LADBS": 0.08}
COLUMNS = ("id", "department_id", "site_id", "reporter_id", "device_id", "checklist_version_id", "schema_version",
           "body", "sha256", "received_at", "status", "area_type", "started_at", "ended_at", "agencies",
           "document_type", "agent_count", "detained_count", "non_public_entered", "minors_present", "force_used",
           "injuries", "masks", "liaison_notified_at", "staging", "priority", "priority_rule", "search_text",
           "assigned_to_id", "status_changed_at",
           # issue 12's columns the cross-tab and quarterly report read
           "outcome", "consent_refused", "identification_refused", "requested", "city_assistance", "stated_reason")


def _maybe(rng, p_true=0.15):
    return rng.choices((True, False, None), (p_true, 1 - p_true - 0.2, 0.2))[0]


def _row(rng, now, dept, site, reporter, device, version, liaison):
    """One report as the encounters table holds it."""
    from encounter.derived import search_text, staging as derived_staging
    from encounter.priority import prioritize

    started = now - timedelta(days=730 * rng.random() ** 1.3, minutes=rng.randrange(600))
    received = started + timedelta(minutes=rng.randrange(5, 180))
    body = {
        "site": site[1], "checklist_version_id": version, "started_at": started.isoformat(),
        "area_type": rng.choice(site[2]), "agencies": rng.sample(_AGENCIES, rng.choice((1, 1, 1, 2))),
        "document_type": rng.choice(_DOCUMENTS), "agent_count": rng.randrange(1, 9),
        "detained_count": rng.choice((0, 0, 0, 1, 2)), "non_public_entered": _maybe(rng, 0.1),
        "minors_present": _maybe(rng, 0.05), "force_used": _maybe(rng, 0.03), "injuries": _maybe(rng, 0.02),
        "masks": _maybe(rng, 0.2), "consent_refused": _maybe(rng, 0.3), "identification_refused": _maybe(rng, 0.05),
        "requested": rng.sample(_REQUESTS, rng.randrange(0, 3)), "outcome": rng.choice(_OUTCOMES),
        "markings_seen": rng.choice(_MARKINGS), "stated_purpose": rng.choice(_PURPOSES),
        "notes": "".join(rng.sample(_NOTES, 2)), "steps": [],
        "city_assistance": _maybe(rng, 0.02), "stated_reason": rng.choice(_REASONS),
    }
    priority, rule = prioritize(body)
    notified = started + timedelta(minutes=rng.randrange(2, 240)) if rng.random() < 0.7 else None
    age = now - received
    if age > timedelta(days=30):
        status = "closed" if rng.random() < 0.97 else rng.choice(("acknowledged", "in_review", "escalated"))
    else:
        status = rng.choice(("new", "new", "acknowledged", "in_review", "escalated", "closed"))
    assigned = liaison if liaison and status != "new" and rng.random() < 0.6 else None
    staging = derived_staging(body)
    return (uuid.uuid4(), dept, site[0], reporter, device, version, 1, orjson.dumps(body).decode(), "0" * 64,
            received, status, body["area_type"], started, None, orjson.dumps(body["agencies"]).decode(),
            body["document_type"], body["agent_count"], body["detained_count"], body["non_public_entered"],
            body["minors_present"], body["force_used"], body["injuries"], body["masks"], notified, staging,
            priority, rule, search_text(body), assigned, received if status != "new" else None,
            body["outcome"], body["consent_refused"], body["identification_refused"],
            orjson.dumps(body["requested"]).decode(), body["city_assistance"], body["stated_reason"])


def load(app, url: str, count: int, seed: int) -> dict:
    """Write ``count`` reports with COPY; return {department code: n}."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import ChecklistVersion, Checklist, Department, Device, Site, User

    rng, now = random.Random(seed), datetime.now(timezone.utc)
    with app.app_context():
        depts = {d.code: d.id for d in db.session.scalars(select(Department))}
        sites = {}
        for s in db.session.scalars(select(Site).where(Site.active.is_(True))):
            sites.setdefault(s.department_id, []).append((s.id, s.code, list(s.area_types)))
        versions = dict(db.session.execute(select(Checklist.department_id, ChecklistVersion.id)
                                           .join(ChecklistVersion, ChecklistVersion.checklist_id == Checklist.id)).all())
        users = db.session.scalars(select(User)).all()
        author = next(u.id for u in users if u.role == "admin")
        field = {u.department_id: u.id for u in users if u.role == "field"}
        liaison = {u.department_id: u.id for u in users if u.role == "liaison"}
        device = uuid.uuid4()
        db.session.add(Device(id=device, user_id=author, name="bench loader", created_at=now))
        db.session.commit()
        # Nothing more through the session: reading an expired object would open a transaction that then sits idle
        # through the COPY, and the app's idle-in-transaction timeout ends it on a slow or busy machine.
        db.session.remove()
        rest = (1 - sum(WEIGHTS.values())) / (len(depts) - len(WEIGHTS))
        codes = list(depts)
        weights = [WEIGHTS.get(c, rest) for c in codes]
        made = dict.fromkeys(codes, 0)
        raw = db.engine.raw_connection()
        try:
            cur = raw.driver_connection.cursor()
            with cur.copy(f"COPY encounters ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for code in rng.choices(codes, weights, k=count):
                    dept = depts[code]
                    made[code] += 1
                    copy.write_row(_row(rng, now, dept, rng.choice(sites[dept]), field.get(dept, author),
                                        device, versions[dept], liaison.get(dept)))
            raw.commit()
        finally:
            raw.close()
        db.engine.dispose()
    # What autovacuum does soon after a load: statistics, and the visibility map that lets
    # counts and the aggregate be answered from indexes alone. No other transaction of this
    # database may be open, or the pages cannot be marked all-visible.
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE encounters")
    return made


class BackendCpu:
    """CPU seconds the database's server processes for the bench's database have used (Linux /proc, same host).

    On a machine shared with other work, wall time says more about the others than about a
    request; the app's CPU (``time.process_time``) and its database backends' CPU do not.
    Parallel workers exit with their CPU uncounted, so a parallel plan's figure is a lower bound.
    """

    def __init__(self, url: str):
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)
        self.tick = os.sysconf("SC_CLK_TCK")

    def __call__(self) -> float | None:
        pids = [row[0] for row in self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")]
        total = 0
        try:
            for pid in pids:
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
        except OSError:  # another host, or a backend that just ended
            return None
        return total / self.tick


def timed(client, path: str, headers: dict, repeat: int, backend_cpu=None) -> tuple[list[float], list, list]:
    """Time ``repeat`` GETs (after one warm-up); return sorted seconds of wall, app CPU and database CPU."""
    first = client.get(path, headers=headers)
    if first.status_code != 200:
        raise RuntimeError(f"GET {path} answered {first.status_code}: {first.get_data(as_text=True)[:300]}")
    out, app_cpu, db_cpu = [], [], []
    for _ in range(repeat):
        db_before = backend_cpu() if backend_cpu else None
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(path, headers=headers)
        out.append(time.perf_counter() - start)
        app_cpu.append(time.process_time() - cpu)
        db_after = backend_cpu() if backend_cpu else None
        if db_before is not None and db_after is not None:
            db_cpu.append(db_after - db_before)
        assert response.status_code == 200
    return sorted(out), sorted(app_cpu), sorted(db_cpu)


def deep_cursor(client, headers: dict, query: str, pages: int) -> str:
    """Walk ``pages`` pages of a queue; return the cursor of the next one."""
    after = None
    for _ in range(pages):
        page = client.get(f"/api/v1/reports?{query}" + (f"&after={after}" if after else ""), headers=headers).get_json()
        after = page["next"]
    return after


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_QUEUE_PG_URL", PG_URL))
    parser.add_argument("--reports", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the database a previous run loaded (its schema upgraded to head), skip the load")
    parser.add_argument("--without-indexes", default="", metavar="NAMES",
                        help="comma-separated indexes to drop after loading (measure a query without them)")
    args = parser.parse_args(argv)
    # Loading 200,000 reports in one COPY takes longer than the app's statement timeout.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "600000")
    os.environ.setdefault("LOG_FORMAT", "off")  # a JSON line per timed request would be timed too
    with tempfile.TemporaryDirectory(prefix="el-bench-queue-") as instance:
        env = {**os.environ, "DATABASE_URL": args.pg_url, "INSTANCE_PATH": instance}
        if args.reuse:
            print("== reusing the loaded database, upgrading its schema", flush=True)
            common.flask(env, "db", "upgrade")
        else:
            common.reset_postgres(args.pg_url)
            print("== migrating and seeding", flush=True)
            common.prepare(env, PASSWORD)
        os.environ.update(DATABASE_URL=args.pg_url, INSTANCE_PATH=instance)
        from server import create_app

        app = create_app({"RATELIMIT_ENABLED": False})
        if not args.reuse:
            began = time.monotonic()
            made = load(app, args.pg_url, args.reports, args.seed)
            print(f"== loaded {sum(made.values()):,} reports in {time.monotonic() - began:.1f} s: "
                  + ", ".join(f"{k} {v:,}" for k, v in sorted(made.items(), key=lambda kv: -kv[1])), flush=True)
        if args.without_indexes:
            common.drop_indexes(args.pg_url, args.without_indexes.split(","), analyze=True)
            print(f"== without indexes: {args.without_indexes}", flush=True)
        client = app.test_client()
        with app.app_context():
            headers = {}
            for user in ("liaison.lapl", "mayor"):
                response = client.post("/api/v1/auth/login", json={"username": user, "password": PASSWORD,
                                                                   "device_id": str(uuid.uuid4())})
                headers[user] = {"Authorization": f"Bearer {response.get_json()['token']}"}
            liaison, mayor = headers["liaison.lapl"], headers["mayor"]
            deep = deep_cursor(client, liaison, "status=closed&limit=100", 100)
            year = (datetime.now(timezone.utc) - timedelta(days=365)).date().isoformat()
            last = datetime.now(timezone.utc).date().replace(day=1) - timedelta(days=93)
            quarter = (last.year, (last.month - 1) // 3 + 1)
            cases = [
                ("queue", "liaison (LAPL), first page, open", "/api/v1/reports", liaison),
                ("queue", "liaison, P1 + ICE ERO, closed", "/api/v1/reports?status=closed&priority=1&agency=ice_ero",
                 liaison),
                ("queue", "liaison, text search 'sign-in log', all states",
                 "/api/v1/reports?q=sign-in%20log&status=open&status=closed", liaison),
                ("before", "  the same with exact counts (QUEUE_SEARCH_COUNT_CAP=0)",
                 "/api/v1/reports?q=sign-in%20log&status=open&status=closed", liaison),
                ("queue", "liaison, closed, page 101 (keyset, 100/page, no counts)",
                 f"/api/v1/reports?status=closed&limit=100&after={deep}", liaison),
                ("queue", "Mayor's Office, citywide first page, open", "/api/v1/reports", mayor),
                ("aggregate", "aggregate, all departments, two years", "/api/v1/reports/aggregate", mayor),
                ("aggregate", "aggregate, all departments, last year", f"/api/v1/reports/aggregate?from={year}", mayor),
                ("aggregate", "aggregate, LAPL, two years", "/api/v1/reports/aggregate?department=LAPL", mayor),
                ("aggregate", "cross-tab department x outcome, two years",
                 "/api/v1/reports/crosstab?rows=department&columns=outcome", mayor),
                ("aggregate", "cross-tab facility type x agents (bands), two years",
                 "/api/v1/reports/crosstab?rows=facility_type&columns=agents", mayor),
                ("aggregate", "cross-tab week x entry/warrant, two years",
                 "/api/v1/reports/crosstab?rows=week&columns=entry_warrant", mayor),
                ("quarterly", "quarterly report, last full quarter, suppressed",
                 f"/api/v1/reports/quarterly?year={quarter[0]}&quarter={quarter[1]}", mayor),
            ]
            print(f"\n== {args.repeat} requests each, Flask test client (auth, validation, SQL, JSON); "
                  f"{os.cpu_count()} CPUs, load average (1 min) read after each line\n")
            print("   wall p50/p95: the request as timed; app CPU and DB CPU: p50 of this process's CPU and of the\n"
                  "   database backends' CPU (serial work; parallel workers uncounted) for one request\n")
            print(f"   {'request':<56} {'p50 ms':>8} {'p95 ms':>8} {'target':>12}  {'verdict':<7} load  "
                  f"{'app CPU':>7} {'DB CPU':>7}")
            ok = True
            backend_cpu = BackendCpu(args.pg_url)
            for kind, label, path, who in cases:
                cap = app.config["QUEUE_SEARCH_COUNT_CAP"]
                if kind == "before":  # what text search cost before counts were capped, for comparison
                    app.config["QUEUE_SEARCH_COUNT_CAP"] = 0
                times, app_cpu, db_cpu = timed(client, path, who, args.repeat, backend_cpu)
                cpu = (f"{common.percentile(app_cpu, 50) * 1000:7.0f} "
                       + (f"{common.percentile(db_cpu, 50) * 1000:7.0f}" if db_cpu else f"{'–':>7}"))
                app.config["QUEUE_SEARCH_COUNT_CAP"] = cap
                if kind == "before":
                    p95 = common.percentile(times, 95)
                    print(f"   {label:<56} {common.percentile(times, 50) * 1000:8.1f} {p95 * 1000:8.1f}"
                          f" {'(for comparison)':>12}", flush=True)
                    continue
                p50, p95 = common.percentile(times, 50), common.percentile(times, 95)
                met = p95 < TARGETS[kind]
                ok &= met
                target = f"p95 < {TARGETS[kind] * 1000:.0f} ms"
                verdict = "ok" if met else "MISSED"
                print(f"   {label:<56} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {target:>12}  {verdict:<7} "
                      f"{os.getloadavg()[0]:5.2f} {cpu}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
