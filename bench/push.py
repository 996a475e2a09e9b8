"""Push throughput: realistic reports in batches from concurrent devices, against gunicorn.

For each backend: fresh database, ``db upgrade`` and ``seed-demo``, gunicorn with N
workers, one signed-in device per client (demo field users, round robin), then a timed
closed loop of pushes (each client sends its next batch as soon as the last one is
answered) and the same loop against the no-op ``GET /api/v1/health``. Every request
body is built before the clock starts, so client CPU, which competes with the server on
a small machine, goes to sending. At the end the database is counted: it must hold
exactly the reports the server said it accepted.

    .venv/bin/python -m bench.push [--backends postgresql,sqlite] [--clients 4] [--batch 100]
                                   [--seconds 15] [--workers 2] [--profile DIR]
"""
import argparse
import multiprocessing
import os
import queue
import random
import shlex
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import orjson

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.reports import STEPS_PER_REPORT, push_batch, report_body

TARGET = 3000  # reports/s on PostgreSQL with 2 workers (issue 2)
USERS = ("field.lapl", "field.rap", "field.lasan", "field.ladbs", "field.lawa")
PUSH, NOOP = "/api/v1/sync/push", "/api/v1/health"


def _client(index: int, device: dict, port: int, mode: str, args, barrier, results) -> None:
    """One client process: report its figures, or why it failed, to the parent."""
    try:
        results.put(_client_loop(index, device, port, mode, args, barrier))
    except BaseException as exc:  # the parent must hear of it rather than wait
        barrier.abort()
        results.put({"fatal": f"client {index}: {type(exc).__name__}: {exc}"})


def _client_loop(index: int, device: dict, port: int, mode: str, args, barrier) -> dict:
    """Build this client's requests, wait for the others, then send back to back until time is up."""
    import http.client

    rng = random.Random(args.seed * 1000 + index)
    bodies = None
    if mode == "push":
        count = int(-(-args.max_rate * args.seconds // (args.clients * args.batch))) + 1
        bodies = [push_batch(rng, device["device_id"], device["version"], device["sites"], args.batch)
                  for _ in range(count)]
    method, path = ("POST", PUSH) if mode == "push" else ("GET", NOOP)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {device['token']}"}
    latencies, errors, statuses = [], Counter(), Counter()
    accepted = answered = 0
    # gunicorn's sync workers close the connection after each response; http.client reconnects by itself.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    barrier.wait()
    start, cpu0 = time.monotonic(), os.times()
    deadline, sent, exhausted = start + args.seconds, 0, False
    while time.monotonic() < deadline:
        if bodies is not None and sent == len(bodies):
            exhausted = True
            break
        body = bodies[sent] if bodies is not None else None
        sent += 1
        began = time.perf_counter()
        try:
            conn.request(method, path, body, headers)
            resp = conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            errors[f"{type(exc).__name__}: {exc}"[:160]] += 1
            continue
        elapsed = time.perf_counter() - began
        answered += 1
        if resp.status != 200:
            errors[f"HTTP {resp.status}: {data[:160]!r}"] += 1
            continue
        if mode == "push":
            try:
                items = orjson.loads(data)["results"]
            except (orjson.JSONDecodeError, KeyError, TypeError):
                errors[f"HTTP 200 without results: {data[:160]!r}"] += 1
                continue
            batch_statuses = Counter(item["status"] for item in items)
            statuses.update(batch_statuses)
            accepted += batch_statuses["accepted"]
            if batch_statuses["accepted"] != args.batch or len(items) != args.batch:
                bad = next((item for item in items if item["status"] != "accepted"), None)
                errors[f"batch not all accepted ({dict(batch_statuses)}), e.g. {orjson.dumps(bad)[:160]!r}"] += 1
                continue
        latencies.append(elapsed)
    end, cpu1 = time.monotonic(), os.times()
    conn.close()
    return {"start": start, "end": end, "cpu": cpu1.user + cpu1.system - cpu0.user - cpu0.system,
            "latencies": latencies, "answered": answered, "accepted": accepted,
            "errors": dict(errors), "statuses": dict(statuses), "exhausted": exhausted}


def _gather(procs: list, results, limit: float) -> list[dict]:
    """Collect one result per client, failing fast if a client died or time runs out."""
    parts, deadline = [], time.monotonic() + limit
    while len(parts) < len(procs):
        try:
            part = results.get(timeout=1)
        except queue.Empty:
            if time.monotonic() > deadline or not any(proc.is_alive() for proc in procs):
                raise RuntimeError(f"only {len(parts)} of {len(procs)} clients reported back") from None
            continue
        if "fatal" in part:
            raise RuntimeError(part["fatal"])
        parts.append(part)
    return parts


def _run_phase(mode: str, devices: list[dict], port: int, args, meter: common.CpuMeter, on_start=None) -> dict:
    """Run every client process through one timed phase and pool their figures and CPU use."""
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(len(devices) + 1), ctx.Queue()
    procs = [ctx.Process(target=_client, args=(i, device, port, mode, args, barrier, results), daemon=True)
             for i, device in enumerate(devices)]
    for proc in procs:
        proc.start()
    try:
        try:
            barrier.wait(timeout=600)  # every client has built its requests
        except threading.BrokenBarrierError:
            _gather(procs, results, 10)  # raises the client's own error
            raise
        meter.start()
        side = on_start() if on_start else None
        parts = _gather(procs, results, args.seconds + 300)
        cpu = meter.stop({"clients": sum(p["cpu"] for p in parts)})
    finally:
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
    wall = max(p["end"] for p in parts) - min(p["start"] for p in parts)
    latencies = sorted(x for p in parts for x in p["latencies"])
    errors, statuses = Counter(), Counter()
    for part in parts:
        errors.update(part["errors"])
        statuses.update(part["statuses"])
    return {"wall": wall, "ok": len(latencies), "answered": sum(p["answered"] for p in parts),
            "accepted": sum(p["accepted"] for p in parts), "errors": errors, "statuses": statuses,
            "exhausted": any(p["exhausted"] for p in parts), "side": side, "cpu": cpu,
            "p50": common.percentile(latencies, 50), "p95": common.percentile(latencies, 95),
            "p99": common.percentile(latencies, 99)}


def _profile_workers(server: common.Gunicorn, args, backend: str) -> list:
    """Start py-spy on every worker for the push phase; return (recorder, output file) pairs."""
    out_dir = Path(args.profile)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [(common.py_spy_record(pid, max(1.0, args.seconds - 1), out_dir / f"{backend}-worker-{pid}.txt"),
             out_dir / f"{backend}-worker-{pid}.txt") for pid in server.worker_pids()]


def _collect_profiles(recorders: list) -> list[Path]:
    """Wait for the py-spy recorders; return the files they wrote."""
    written = []
    for recorder, out in recorders:
        _, err = recorder.communicate(timeout=120)
        if recorder.returncode == 0 and out.exists():
            written.append(out)
        else:
            print(f"   py-spy failed on {out.name}: {err.decode().strip()[-300:]}")
    return written


def _warm_up(devices: list[dict], port: int, args) -> int:
    """Push one batch per device before timing: proves the reports are valid and warms every worker."""
    rng, accepted = random.Random(args.seed), 0
    for device in devices:
        status, data = common.request(port, "POST", PUSH, orjson.loads(
            push_batch(rng, device["device_id"], device["version"], device["sites"], args.batch)), device["token"])
        if status != 200:
            raise RuntimeError(f"warm-up push answered {status}: {data}")
        bad = [r for r in data["results"] if r["status"] != "accepted"]
        if bad:
            raise RuntimeError(f"warm-up push: {len(bad)} items not accepted, e.g. {bad[0]}")
        accepted += len(data["results"])
    return accepted


def run_backend(backend: str, args) -> dict:
    """Set up one backend from scratch, load it, count what it holds; return the figures."""
    with tempfile.TemporaryDirectory(prefix=f"el-bench-{backend}-") as instance:
        if backend == "postgresql":
            database_url = args.pg_url
            common.reset_postgres(database_url)
        else:
            database_url = f"sqlite:///{Path(instance) / 'bench.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": database_url, "INSTANCE_PATH": instance,
               "LOGIN_RATE_LIMIT": "1000 per minute",  # the bench signs in several devices from one address
               "PYTHONUNBUFFERED": "1"}
        print(f"\n== {backend}: migrating and seeding", flush=True)
        common.prepare(env, args.password)
        log = Path(instance) / "gunicorn.log"
        try:
            with common.Gunicorn(env, args.workers, log, tuple(shlex.split(args.gunicorn_args))) as server:
                print(f"   gunicorn -w {args.workers} on 127.0.0.1:{server.port}; signing in {args.clients} devices",
                      flush=True)
                references, devices = {}, []
                for i in range(args.clients):
                    device = common.sign_in(server.port, USERS[i % len(USERS)], args.password)
                    if device["username"] not in references:
                        references[device["username"]] = common.pull_reference(server.port, device["token"])
                    device["version"], device["sites"] = references[device["username"]]
                    devices.append(device)
                warm = _warm_up(devices, server.port, args)
                sample = random.Random(0)
                args.report_bytes = sum(len(orjson.dumps(report_body(sample, d["version"], d["sites"])))
                                        for d in devices for _ in range(100)) / (100 * len(devices))
                groups = {"gunicorn": lambda: [server.proc.pid, *server.worker_pids()]}
                if backend == "postgresql":
                    groups["postgresql"] = lambda: common.postgres_pids(database_url)
                meter = common.CpuMeter(groups)
                print(f"   pushing for {args.seconds} s: {args.clients} clients x {args.batch} reports per batch",
                      flush=True)
                start_profile = (lambda: _profile_workers(server, args, backend)) if args.profile else None
                push = _run_phase("push", devices, server.port, args, meter, start_profile)
                profiles = _collect_profiles(push["side"] or [])
                print(f"   no-op GET {NOOP} for {args.seconds} s, same clients", flush=True)
                noop = _run_phase("noop", devices, server.port, args, meter)
        except BaseException:
            if log.exists():
                print(f"-- last lines of the gunicorn log ({log}):\n" + "\n".join(log.read_text().splitlines()[-30:]))
            raise
        stored = common.count_rows(database_url, "encounters")
        steps = common.count_rows(database_url, "step_results")
    expected = warm + push["accepted"]
    return {"backend": backend, "push": push, "noop": noop, "stored": stored, "expected": expected,
            "steps_ok": steps == expected * STEPS_PER_REPORT, "profiles": profiles}


def _report(fig: dict, args) -> bool:
    """Print one backend's figures; return whether it was clean (no errors, counts agree)."""
    push, noop = fig["push"], fig["noop"]
    reports_s, batches_s = push["accepted"] / push["wall"], push["ok"] / push["wall"]
    noop_s = noop["ok"] / noop["wall"]
    ratio = batches_s / noop_s if noop_s else 0.0
    fig.update(reports_s=reports_s, batches_s=batches_s, noop_s=noop_s, ratio=ratio)
    errors = sum(push["errors"].values()) + sum(noop["errors"].values())
    fig["error_count"] = errors
    print(f"\n-- {fig['backend']}")
    print(f"   push : {push['accepted']} reports accepted in {push['ok']} batches over {push['wall']:.1f} s"
          f" -> {reports_s:,.0f} reports/s, {batches_s:,.1f} batches/s")
    print(f"          batch latency p50 {push['p50'] * 1000:.0f} ms, p95 {push['p95'] * 1000:.0f} ms,"
          f" p99 {push['p99'] * 1000:.0f} ms; item statuses {dict(push['statuses'])}")
    print(f"   no-op: {noop['ok']} requests over {noop['wall']:.1f} s -> {noop_s:,.0f} requests/s"
          f" (p50 {noop['p50'] * 1000:.1f} ms); push batches/s / no-op requests/s = {fig['ratio']:.3f}")
    for phase, result in (("push", push), ("no-op", noop)):
        used = ", ".join(f"{name} {cores:.2f}" for name, cores in result["cpu"].items())
        print(f"   CPU during {phase} (cores of {os.cpu_count()}): {used}")

    # CPU per report barely depends on what else runs, so it gives a ceiling even on a busy machine.
    if reports_s and noop_s:
        server = {name: push["cpu"][name] / reports_s * 1000 for name in ("gunicorn", "postgresql")
                  if name in push["cpu"]}
        ceiling = os.cpu_count() * 1000 / sum(server.values())
        print("   server CPU per report: " + ", ".join(f"{name} {ms:.2f} ms" for name, ms in server.items())
              + f" -> at most ~{ceiling:,.0f} reports/s on {os.cpu_count()} idle cores;"
              f" no-op: gunicorn {noop['cpu']['gunicorn'] / noop_s * 1000:.2f} ms per request")
    if max(push["cpu"]["other processes"], noop["cpu"]["other processes"]) > 0.25:
        print("   WARNING: other work on this machine took CPU during the run; the rates are pessimistic")
    if push["exhausted"]:
        print(f"   note: a client used up its pre-built batches (--max-rate {args.max_rate}); raise it for longer runs")
    for phase, result in (("push", push), ("no-op", noop)):
        for text, count in result["errors"].most_common(10):
            print(f"   ERROR ({phase}) x{count}: {text}")
    print(f"   errors: {errors}")
    counted = fig["stored"] == fig["expected"] and fig["steps_ok"]
    print(f"   database holds {fig['stored']} encounters; accepted (warm-up included) {fig['expected']}: "
          + ("OK" if counted else "MISMATCH") + ("" if fig["steps_ok"] else "; step_results count is off"))
    if fig["backend"] == "postgresql":
        verdict = "meets" if reports_s >= TARGET else "is BELOW"
        print(f"   target >= {TARGET:,} reports/s with 2 workers: {reports_s:,.0f} {verdict} it")
    if fig["profiles"]:
        print(f"   py-spy of the workers during push ({', '.join(str(p) for p in fig['profiles'])}):")
        print(common.hot_spots(fig["profiles"]))
    return errors == 0 and counted


def _table(figures: list[dict], args) -> str:
    """Return the figures as a Markdown table for the README."""
    rows = [f"{args.clients} clients, {args.batch} reports (~{args.report_bytes / 1000:.1f} KB,"
            f" {STEPS_PER_REPORT} steps) per batch, "
            f"{args.seconds} s per backend, gunicorn -w {args.workers} (sync), {os.cpu_count()} cores\n",
            "| backend | reports/s | batches/s | p50 batch | p95 batch | p99 batch | errors"
            " | no-op req/s | push ÷ no-op |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in figures:
        p = f["push"]
        rows.append(f"| {f['backend']} | {f['reports_s']:,.0f} | {f['batches_s']:.1f} | {p['p50'] * 1000:.0f} ms"
                    f" | {p['p95'] * 1000:.0f} ms | {p['p99'] * 1000:.0f} ms | {f['error_count']}"
                    f" | {f['noop_s']:,.0f} | {f['ratio']:.3f} |")
    return "\n".join(rows)


def _args(argv=None):
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="postgresql,sqlite", help="comma-separated: postgresql, sqlite")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client processes (one device each)")
    parser.add_argument("--batch", type=int, default=100, help="reports per push")
    parser.add_argument("--seconds", type=float, default=15, help="length of each timed phase")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--pg-url", default=common.PG_DEFAULT, help="PostgreSQL database to wipe and use")
    parser.add_argument("--password", default="bench", help="password given to the demo users")
    parser.add_argument("--max-rate", type=int, default=6000,
                        help="reports/s the pre-built batches can sustain for --seconds (bounds memory)")
    parser.add_argument("--seed", type=int, default=2, help="seed of the report generator")
    parser.add_argument("--gunicorn-args", default="", help='more gunicorn options, e.g. "--threads 4"')
    parser.add_argument("--profile", metavar="DIR", help="py-spy every worker during the push phase into DIR")
    args = parser.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(args.backends) - {"postgresql", "sqlite"}
    if unknown or not args.backends:
        parser.error(f"unknown backends: {', '.join(sorted(unknown)) or '(none)'}")
    if min(args.clients, args.batch, args.workers) < 1 or args.seconds <= 0:
        parser.error("--clients, --batch, --workers and --seconds must be positive")
    return args


def main(argv=None) -> int:
    """Run the bench on every backend asked for; exit non-zero on any error or count mismatch."""
    args = _args(argv)
    figures, clean = [], True
    for backend in args.backends:
        figure = run_backend(backend, args)
        clean &= _report(figure, args)
        figures.append(figure)
    print("\n" + _table(figures, args))
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
