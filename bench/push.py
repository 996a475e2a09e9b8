"""Push throughput: realistic reports in batches from concurrent devices, against gunicorn.

For each backend: fresh database, ``db upgrade`` and ``seed-demo``, gunicorn with N
workers, one signed-in device per client (demo field users, round robin), then a timed
closed loop of pushes at each batch size (each client sends its next batch as soon as
the last one is answered), of pulls with nothing new (each device's cursor at the end),
and of the no-op ``GET /api/v1/health``, all in the same run so their ratios compare
like with like. Last, the cost of the sensitive-text guard
(``encounter.sensitive.find_spans`` over each report's free-text fields), in-process. Every request
body is built before the clock starts, so client CPU, which competes with the server on
a small machine, goes to sending. At the end the database is counted: it must hold
exactly the reports the server said it accepted.

    .venv/bin/python -m bench.push [--backends postgresql,sqlite] [--clients 4] [--batches 1,25,100]
                                   [--seconds 8] [--workers 2] [--profile DIR]
"""
import argparse
import copy
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
PUSH, NOOP, PULL = "/api/v1/sync/push", "/api/v1/health", "/api/v1/sync/pull"
RATIO_TARGET = 0.5  # a one-report push at >= half the no-op request rate (issue 15)


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
    method, path = {"push": ("POST", PUSH), "noop": ("GET", NOOP),
                    "pull": ("GET", f"{PULL}?cursor={device.get('cursor', '')}")}[mode]
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {device['token']}"}
    latencies, errors, statuses = [], Counter(), Counter()
    accepted = answered = 0
    # gthread workers keep the connection alive (gunicorn.conf.py); if one closes it, http.client reconnects.
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
        if mode == "pull" and orjson.loads(data)["changes"]:
            errors["a pull with nothing new returned changes"] += 1
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


def _phase_args(args, batch: int):
    """A copy of the arguments for one push phase of ``batch`` reports."""
    phase = copy.copy(args)
    phase.batch = batch
    return phase


def _drain(devices: list[dict], port: int) -> None:
    """Pull every device to the end of its changes, so its next pull has nothing new."""
    for device in devices:
        cursor = None
        while True:
            status, page = common.request(port, "GET", f"{PULL}?limit=500" + (f"&cursor={cursor}" if cursor else ""),
                                          token=device["token"])
            if status != 200:
                raise RuntimeError(f"pull answered {status}: {page}")
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        device["cursor"] = cursor


def run_backend(backend: str, args) -> dict:
    """Set up one backend from scratch, load it at each batch size, pull, no-op; count what it holds."""
    with tempfile.TemporaryDirectory(prefix=f"el-bench-{backend}-") as instance:
        if backend == "postgresql":
            database_url = args.pg_url
            common.reset_postgres(database_url)
        else:
            database_url = f"sqlite:///{Path(instance) / 'bench.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": database_url, "INSTANCE_PATH": instance,
               "LOGIN_RATE_LIMIT": "1000 per minute",  # the bench signs in several devices from one address
               # Each client is one device pushing as fast as it can: far past a phone's per-device limit.
               "PUSH_RATE_LIMIT": "1000000 per minute", "UPLOAD_RATE_LIMIT": "1000000 per minute",
               "LOG_FORMAT": "off",  # measure the push, not the per-request log line
               "PYTHONUNBUFFERED": "1"}
        print(f"\n== {backend}: migrating and seeding", flush=True)
        common.prepare(env, args.password)
        log = Path(instance) / "gunicorn.log"
        pushes, profiles, warm = [], [], 0
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
                warm = _warm_up(devices, server.port, _phase_args(args, 25))
                sample = random.Random(0)
                args.report_bytes = sum(len(orjson.dumps(report_body(sample, d["version"], d["sites"])))
                                        for d in devices for _ in range(100)) / (100 * len(devices))
                groups = {"gunicorn": lambda: [server.proc.pid, *server.worker_pids()]}
                if backend == "postgresql":
                    groups["postgresql"] = lambda: common.postgres_pids(database_url)
                meter = common.CpuMeter(groups)
                for batch in args.batches:
                    phase_args = _phase_args(args, batch)
                    print(f"   pushing for {args.seconds} s: {args.clients} clients x {batch} reports per batch",
                          flush=True)
                    start_profile = ((lambda: _profile_workers(server, args, f"{backend}-b{batch}"))
                                     if args.profile else None)
                    push = _run_phase("push", devices, server.port, phase_args, meter, start_profile)
                    push["batch"] = batch
                    profiles += _collect_profiles(push["side"] or [])
                    pushes.append(push)
                _drain(devices, server.port)
                print(f"   pulls with nothing new for {args.seconds} s, same clients", flush=True)
                pull = _run_phase("pull", devices, server.port, args, meter)
                print(f"   no-op GET {NOOP} for {args.seconds} s, same clients", flush=True)
                noop = _run_phase("noop", devices, server.port, args, meter)
        except BaseException:
            if log.exists():
                print(f"-- last lines of the gunicorn log ({log}):\n" + "\n".join(log.read_text().splitlines()[-30:]))
            raise
        stored = common.count_rows(database_url, "encounters")
        steps = common.count_rows(database_url, "step_results")
    expected = warm + sum(p["accepted"] for p in pushes)
    return {"backend": backend, "pushes": pushes, "pull": pull, "noop": noop, "stored": stored, "expected": expected,
            "steps_ok": steps == expected * STEPS_PER_REPORT, "profiles": profiles}


def _cpu_line(label: str, result: dict) -> str:
    """One phase's CPU use by process group."""
    used = ", ".join(f"{name} {cores:.2f}" for name, cores in result["cpu"].items())
    return f"   CPU during {label} (cores of {os.cpu_count()}): {used}"


def _report(fig: dict, args) -> bool:
    """Print one backend's figures; return whether it was clean (no errors, counts agree)."""
    noop, pull = fig["noop"], fig["pull"]
    noop_s = noop["ok"] / noop["wall"]
    pull_s = pull["ok"] / pull["wall"]
    fig.update(noop_s=noop_s, pull_s=pull_s, pull_ratio=pull_s / noop_s if noop_s else 0.0)
    print(f"\n-- {fig['backend']} (load average during the run: {fig['load']})")
    errors = sum(noop["errors"].values()) + sum(pull["errors"].values())
    for push in fig["pushes"]:
        push["reports_s"], push["batches_s"] = push["accepted"] / push["wall"], push["ok"] / push["wall"]
        push["ratio"] = push["batches_s"] / noop_s if noop_s else 0.0
        errors += sum(push["errors"].values())
        print(f"   push batch {push['batch']:>3}: {push['accepted']} reports in {push['ok']} batches over"
              f" {push['wall']:.1f} s -> {push['reports_s']:,.0f} reports/s, {push['batches_s']:,.1f} pushes/s"
              f" ({push['ratio']:.2f}x no-op); p50 {push['p50'] * 1000:.0f} ms, p95 {push['p95'] * 1000:.0f} ms,"
              f" p99 {push['p99'] * 1000:.0f} ms")
        print("   " + _cpu_line(f"batch {push['batch']}", push).strip())
        if push["reports_s"]:
            server = {name: push["cpu"][name] / push["reports_s"] * 1000 for name in ("gunicorn", "postgresql")
                      if name in push["cpu"]}
            push["server_ms"] = server
            print("      server CPU per report: " + ", ".join(f"{name} {ms:.2f} ms" for name, ms in server.items())
                  + f" -> at most ~{os.cpu_count() * 1000 / sum(server.values()):,.0f} reports/s on idle cores")
    print(f"   pull, nothing new: {pull['ok']} over {pull['wall']:.1f} s -> {pull_s:,.0f} pulls/s"
          f" ({fig['pull_ratio']:.2f}x no-op); p50 {pull['p50'] * 1000:.1f} ms")
    print(_cpu_line("pulls", pull))
    print(f"   no-op: {noop['ok']} requests over {noop['wall']:.1f} s -> {noop_s:,.0f} requests/s"
          f" (p50 {noop['p50'] * 1000:.1f} ms)")
    print(_cpu_line("no-op", noop) + f"; gunicorn {noop['cpu']['gunicorn'] / noop_s * 1000:.2f} ms per request")
    phases = [*fig["pushes"], pull, noop]
    if max(p["cpu"]["other processes"] for p in phases) > 0.25:
        print("   WARNING: other work on this machine took CPU during the run; the rates are pessimistic")
    if any(p["exhausted"] for p in fig["pushes"]):
        print(f"   note: a client used up its pre-built batches (--max-rate {args.max_rate}); raise it for longer runs")
    for push in fig["pushes"]:
        for text, count in push["errors"].most_common(10):
            print(f"   ERROR (push batch {push['batch']}) x{count}: {text}")
    for phase, result in (("pull", pull), ("no-op", noop)):
        for text, count in result["errors"].most_common(10):
            print(f"   ERROR ({phase}) x{count}: {text}")
    fig["error_count"] = errors
    print(f"   errors: {errors}")
    counted = fig["stored"] == fig["expected"] and fig["steps_ok"]
    print(f"   database holds {fig['stored']} encounters; accepted (warm-up included) {fig['expected']}: "
          + ("OK" if counted else "MISMATCH") + ("" if fig["steps_ok"] else "; step_results count is off"))
    by_batch = {p["batch"]: p for p in fig["pushes"]}
    if fig["backend"] == "postgresql" and 100 in by_batch:
        rate = by_batch[100]["reports_s"]
        print(f"   target >= {TARGET:,} reports/s at batch 100: {rate:,.0f} {'meets' if rate >= TARGET else 'is BELOW'} it")
    if 1 in by_batch:
        ratio = by_batch[1]["ratio"]
        print(f"   target one-report push >= {RATIO_TARGET}x no-op: {ratio:.2f}x "
              f"{'meets' if ratio >= RATIO_TARGET else 'is BELOW'} it")
    if fig["profiles"]:
        print(f"   py-spy of the workers during push ({', '.join(str(p) for p in fig['profiles'])}):")
        print(common.hot_spots(fig["profiles"]))
    return errors == 0 and counted


def guard_cost(figures: list[dict], count: int = 2000) -> str:
    """Time the sensitive-text guard over realistic reports; its share of the server's CPU per report."""
    from encounter.sensitive import find_spans
    from server.kinds import FREE_TEXT_FIELDS

    rng = random.Random(5)
    version = {"id": 1, "steps": [{"id": f"s{i}"} for i in range(STEPS_PER_REPORT)]}
    sites = [{"code": "site", "area_types": ["lobby"]}]
    bodies = [report_body(rng, version, sites) for _ in range(count)]
    chars = sum(len(b.get(f) or "") for b in bodies for f in FREE_TEXT_FIELDS) / count
    began = time.process_time()
    for body in bodies:
        for field in FREE_TEXT_FIELDS:
            find_spans(body.get(field), field)
    guard_ms = (time.process_time() - began) * 1000 / count
    lines = [f"\nsensitive-text guard (find_spans over {len(FREE_TEXT_FIELDS)} free-text fields, ~{chars:.0f} characters"
             f" a report): {guard_ms * 1000:.1f} µs per report"]
    for fig in figures:
        push = max(fig["pushes"], key=lambda p: p["batch"], default=None)
        if push and push.get("server_ms"):
            total = sum(push["server_ms"].values())
            share = guard_ms / total * 100
            lines.append(f"   {fig['backend']}: {share:.1f}% of the server's CPU per report at batch {push['batch']}"
                         f" ({total:.2f} ms; gunicorn alone {push['server_ms']['gunicorn']:.2f} ms ->"
                         f" {guard_ms / push['server_ms']['gunicorn'] * 100:.1f}%); goal < 5%:"
                         f" {'meets' if share < 5 else 'is ABOVE'} it")
    return "\n".join(lines)


def _table(figures: list[dict], args) -> str:
    """Return the figures as a Markdown table for the README."""
    rows = [f"{args.clients} clients, reports of ~{args.report_bytes / 1000:.1f} KB with {STEPS_PER_REPORT} steps, "
            f"{args.seconds} s per phase, gunicorn {common.gunicorn_workers(args.workers, tuple(shlex.split(args.gunicorn_args)))},"
            f" {os.cpu_count()} cores\n",
            "| backend | batch | reports/s | pushes/s | p50 | p95 | ÷ no-op | server CPU per report |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    for f in figures:
        for p in f["pushes"]:
            cpu = ", ".join(f"{k} {v:.2f} ms" for k, v in p.get("server_ms", {}).items())
            rows.append(f"| {f['backend']} | {p['batch']} | {p['reports_s']:,.0f} | {p['batches_s']:,.0f}"
                        f" | {p['p50'] * 1000:.0f} ms | {p['p95'] * 1000:.0f} ms | {p['ratio']:.2f} | {cpu} |")
        rows.append(f"| {f['backend']} | pull, nothing new | | {f['pull_s']:,.0f} | {f['pull']['p50'] * 1000:.1f} ms"
                    f" | {f['pull']['p95'] * 1000:.1f} ms | {f['pull_ratio']:.2f} | |")
        rows.append(f"| {f['backend']} | no-op `GET /health` | | {f['noop_s']:,.0f} | {f['noop']['p50'] * 1000:.1f} ms"
                    f" | {f['noop']['p95'] * 1000:.1f} ms | 1.00 | |")
    return "\n".join(rows)


def _args(argv=None):
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="postgresql,sqlite", help="comma-separated: postgresql, sqlite")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client processes (one device each)")
    parser.add_argument("--batches", default="1,25,100", help="comma-separated reports per push, one phase each")
    parser.add_argument("--seconds", type=float, default=8, help="length of each timed phase")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--pg-url", default=common.PG_DEFAULT, help="PostgreSQL database to wipe and use")
    parser.add_argument("--password", default="bench", help="password given to the demo users")
    parser.add_argument("--max-rate", type=int, default=6000,
                        help="reports/s the pre-built batches can sustain for --seconds (bounds memory)")
    parser.add_argument("--seed", type=int, default=2, help="seed of the report generator")
    parser.add_argument("--gunicorn-args", default="", help='more gunicorn options, e.g. "--threads 4"')
    parser.add_argument("--profile", metavar="DIR", help="py-spy every worker during each push phase into DIR")
    args = parser.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(args.backends) - {"postgresql", "sqlite"}
    if unknown or not args.backends:
        parser.error(f"unknown backends: {', '.join(sorted(unknown)) or '(none)'}")
    try:
        args.batches = [int(b) for b in args.batches.split(",") if b.strip()]
    except ValueError:
        parser.error("--batches must be comma-separated integers")
    if not args.batches or min(args.clients, args.workers, *args.batches) < 1 or args.seconds <= 0:
        parser.error("--clients, --batches, --workers and --seconds must be positive")
    args.batch = args.batches[-1]
    return args


def main(argv=None) -> int:
    """Run the bench on every backend asked for; exit non-zero on any error or count mismatch."""
    args = _args(argv)
    figures, clean = [], True
    for backend in args.backends:
        figure = run_backend(backend, args)
        figure["load"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        clean &= _report(figure, args)
        figures.append(figure)
    print(guard_cost(figures))
    print("\n" + _table(figures, args))
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
