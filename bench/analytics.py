"""Analytics query times on PostgreSQL with 100,000 reports of 14 steps each (1.4 M step results).

Fresh database, ``db upgrade`` and ``seed-demo``, a second checklist version for one
department (so ``compare`` has two to compare), then the reports and their step results
loaded with set-based SQL (``generate_series``, ``jsonb_array_elements``), ``VACUUM
ANALYZE``, and each analytics query run several times inside the app, citywide (the
Mayor's Office) and for one department (its trainer). Prints each query's p50 (and slowest)
run against the target, with the load average: the machine is usually shared.

With ``--without-indexes``, the queries are timed again after dropping those indexes, on the
same load (an index's worth, both ways, minutes apart). The indexes' scans are printed after the
first pass: an index no query scanned serves no analytics query.

    .venv/bin/python -m bench.analytics [--pg-url URL] [--reports 100000] [--runs 5] [--without-indexes NAMES]
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common

TARGET_MS = 500
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/el_bench_analytics"

# Departments in order, each with its sites, a field reporter and device, and its versions.
CONTEXT = """
CREATE TEMP TABLE bench_ctx AS
SELECT row_number() OVER (ORDER BY d.id) - 1 AS k, d.id AS department_id,
       (SELECT array_agg(s.id ORDER BY s.id) FROM sites s WHERE s.department_id = d.id) AS sites,
       (SELECT array_agg(v.id ORDER BY v.number) FROM checklist_versions v JOIN checklists c ON c.id = v.checklist_id
         WHERE c.department_id = d.id) AS versions,
       coalesce((SELECT min(u.id) FROM users u WHERE u.department_id = d.id AND u.role = 'field'),
                (SELECT min(u.id) FROM users u WHERE u.role = 'field')) AS reporter
FROM departments d
"""
DEVICES = """
INSERT INTO devices (id, user_id, name, created_at)
SELECT gen_random_uuid(), u.id, 'bench', now() FROM users u WHERE u.role = 'field'
"""
ENCOUNTERS = """
INSERT INTO encounters (id, department_id, site_id, reporter_id, device_id, checklist_version_id, schema_version,
                        body, sha256, received_at, status, area_type, started_at, agencies, document_type,
                        liaison_notified_at, priority, search_text)
SELECT gen_random_uuid(), c.department_id, c.sites[1 + (g / 10) % array_length(c.sites, 1)], c.reporter,
       (SELECT min(dv.id::text)::uuid FROM devices dv WHERE dv.user_id = c.reporter),
       c.versions[1 + (g / 7) % array_length(c.versions, 1)], 1, '{}'::jsonb, md5(g::text) || md5(g::text),
       t.started + make_interval(mins => 3 + g % 180), 'new', 'public', t.started, '["ice_ero"]'::jsonb, 'none',
       CASE WHEN g % 3 = 0 THEN NULL ELSE t.started + make_interval(mins => 5 + (g * 7) % 300) END, 3, ''
FROM generate_series(1, :reports) AS g
JOIN bench_ctx c ON c.k = g % (SELECT count(*) FROM bench_ctx)
CROSS JOIN LATERAL (SELECT timestamptz '2025-07-11 16:00Z' + g * interval '5 minutes' AS started) t
"""
# 14 steps a report; ~5% skipped, ~5% not applicable, the last two not reached in 1 report of 10.
STEP_RESULTS = """
INSERT INTO step_results (encounter_id, step_id, position, result, at, seconds_from_start)
SELECT e.id, s.step->>'id', s.pos - 1,
       CASE WHEN x.h % 20 = 0 THEN 'skipped' WHEN x.h % 20 = 1 THEN 'not_applicable' ELSE 'done' END,
       e.started_at + make_interval(secs => s.pos * 30 + x.h % 90), s.pos * 30 + x.h % 90
FROM encounters e
JOIN checklist_versions v ON v.id = e.checklist_version_id
CROSS JOIN LATERAL jsonb_array_elements(v.steps) WITH ORDINALITY AS s(step, pos)
CROSS JOIN LATERAL (SELECT abs(hashtext(e.id::text || s.pos::text)) AS h) x
WHERE e.body = '{}'::jsonb  -- the bench's reports, not seed-demo's
  AND s.pos <= 14 AND NOT (s.pos > 12 AND x.h % 10 = 0)
"""


def _load(url: str, reports: int) -> None:
    """Bulk-load the reports and their step results; print how long each part took."""
    import psycopg

    with psycopg.connect(urlsplit(url)._replace(scheme="postgresql").geturl(), autocommit=True) as conn:
        for label, sql, params in [("devices", DEVICES, None), ("context", CONTEXT, None),
                                   ("encounters", ENCOUNTERS.replace(":reports", str(int(reports))), None),
                                   ("step results", STEP_RESULTS, None)]:
            began = time.perf_counter()
            rows = conn.execute(sql, params).rowcount
            print(f"   {label}: {rows:,} rows in {time.perf_counter() - began:.1f} s", flush=True)
        began = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        print(f"   VACUUM ANALYZE in {time.perf_counter() - began:.1f} s", flush=True)


def _second_version() -> None:
    """Publish a second version of the first department's checklist (one step reworded, one new)."""
    from sqlalchemy import select

    from server.checklists import newest_version, publish_version
    from server.extensions import db
    from server.models import Checklist

    checklist = db.session.scalar(select(Checklist).order_by(Checklist.department_id).limit(1))
    steps = [dict(s) for s in newest_version(checklist.id).steps[:13]]
    steps[2] = {**steps[2], "text": {**steps[2]["text"], "en": steps[2]["text"]["en"] + " (reworded)"}}
    steps.append({"id": "bench-new-step", "time_critical": True, "text": {"en": "New", "es": "Nuevo"}, "guide": None})
    publish_version(checklist, {"title": {"en": "Bench v2", "es": "Bench v2"}, "steps": steps})
    db.session.commit()


def _viewers():
    """(label, principal, department code) for a citywide viewer and one department's trainer."""
    from sqlalchemy import select

    from server.extensions import db
    from server.models import Department, User
    from sync.envelope import Principal

    mayor = db.session.scalar(select(User).where(User.role == "mayor_office").limit(1))
    dept = db.session.scalar(select(Department).order_by(Department.id).limit(1))
    return [("citywide", Principal(mayor.id, "mayor_office", None, None)),
            (f"department {dept.code}", Principal(mayor.id, "trainer", dept.id, None))]


def _questions(principal):
    """The analytics calls to time: (name, thunk)."""
    from server import analytics
    from server.access import scoped
    from server.extensions import db
    from server.models import ChecklistVersion

    versions = db.session.scalars(scoped(ChecklistVersion, principal).with_only_columns(ChecklistVersion.id)
                                  .order_by(ChecklistVersion.id)).all()
    first, second = versions[0], versions[1]
    none = analytics.Filters()
    one_quarter = analytics.Filters(start=date(2026, 1, 1), end=date(2026, 3, 31))
    return [
        ("steps (all versions)", lambda: analytics.steps(principal, none)),
        ("steps (one version)", lambda: analytics.steps(principal, none.with_version(first))),
        ("steps (one quarter)", lambda: analytics.steps(principal, one_quarter)),
        ("timings (total)", lambda: analytics.timings(principal, none)),
        ("timings (by week)", lambda: analytics.timings(principal, none, "week")),
        ("critical-skips (by site)", lambda: analytics.critical_skips(principal, none)),
        ("critical-skips (by week)", lambda: analytics.critical_skips(principal, none, "week")),
        ("compare", lambda: analytics.compare(principal, none, first, second)),
    ]


def _load_average() -> str:
    """The 1, 5 and 15-minute load averages (the machine is shared: figures mean little without them)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _time_queries(runs: int) -> list[tuple[str, str, float]]:
    from server.extensions import db

    figures = []
    for label, principal in _viewers():
        for name, call in _questions(principal):
            call()  # warm: plans and caches, as a server that has answered before
            db.session.rollback()
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                call()
                times.append((time.perf_counter() - began) * 1000)
                db.session.rollback()
            p50 = statistics.median(times)
            figures.append((label, name, p50))
            print(f"   {label:<16} {name:<26} p50 {p50:7.1f} ms  max {max(times):7.1f} ms  target < {TARGET_MS} ms: "
                  f"{'ok  ' if p50 < TARGET_MS else 'OVER'}  load {_load_average()}", flush=True)
    return figures


def main(argv=None) -> int:
    """Run the bench; exit 1 if any query misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-url", default=PG_DEFAULT, help="PostgreSQL database to wipe and use")
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--without-indexes", default="", metavar="NAMES",
                        help="comma-separated indexes to drop after a first pass, then time the queries again")
    args = parser.parse_args(argv)
    dropped = list(filter(None, args.without_indexes.split(",")))
    common.reset_postgres(args.pg_url)
    with tempfile.TemporaryDirectory(prefix="el-bench-analytics-") as instance:
        env = {"DATABASE_URL": args.pg_url, "INSTANCE_PATH": instance, "PYTHONUNBUFFERED": "1"}
        os.environ.update(env)
        print("== postgresql: migrating and seeding", flush=True)
        common.prepare({**os.environ, **env}, "bench-password-1")
        from server import create_app
        from server.extensions import db

        app = create_app()
        with app.app_context():
            _second_version()
            print(f"== loading {args.reports:,} reports of 14 steps", flush=True)
            _load(args.pg_url, args.reports)
            print(f"== analytics queries, p50 of {args.runs} runs (target < {TARGET_MS} ms); "
                  f"{os.cpu_count()} cores, load average {_load_average()}", flush=True)
            figures = _time_queries(args.runs)
            print("== index scans: " + ", ".join(f"{name} {n}" for name, n in common.index_scans(args.pg_url)))
            if dropped:
                db.session.remove()  # no open transaction may hold the tables while their indexes go
                common.drop_indexes(args.pg_url, dropped, analyze=True)
                print(f"== without {', '.join(dropped)}; load average {_load_average()}", flush=True)
                figures = _time_queries(args.runs)
    slow = [f for f in figures if f[2] >= TARGET_MS]
    print(f"\n{len(figures) - len(slow)} of {len(figures)} queries under {TARGET_MS} ms "
          f"(slowest p50 {max(f[2] for f in figures):.1f} ms); load average {_load_average()}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
