"""What every bench needs: a fresh database, the app under gunicorn, signed-in devices, figures.

Benches are scripts that print figures, not tests. They drive the real app the way a
deployment runs it (migrations, ``seed-demo``, gunicorn) over plain HTTP, and clean up
after themselves even when they fail.
"""
import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import orjson

ROOT = Path(__file__).resolve().parent.parent
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/el_bench"


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reset_postgres(url: str) -> None:
    """Create the database if missing, then drop and recreate its public schema."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres", scheme="postgresql").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(parts._replace(scheme="postgresql").geturl(), autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def drop_indexes(url: str, names: list[str], *, analyze: bool = False) -> None:
    """Drop the named indexes (to measure a bench without them); ``analyze``: then refresh the planner's statistics.

    Not on a nearly empty database that then grows: statistics of empty tables make PostgreSQL check
    foreign keys by scanning, and every insert slows as the table grows.
    """
    import psycopg

    if not names:
        return
    with psycopg.connect(urlsplit(url)._replace(scheme="postgresql").geturl(), autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP INDEX "{name}"')
        if analyze:
            conn.execute("ANALYZE")


def index_scans(url: str, tables: tuple[str, ...] = ("encounters", "step_results")) -> list[tuple[str, int]]:
    """Return (index, scans since the database was made) for the tables' indexes: which ones a bench's queries used."""
    import psycopg

    with psycopg.connect(urlsplit(url)._replace(scheme="postgresql").geturl()) as conn:
        return conn.execute("SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE relname = ANY(%s)"
                            " ORDER BY relname, indexrelname", (list(tables),)).fetchall()


def count_rows(database_url: str, table: str) -> int:
    """Count a table's rows straight from the database, not through the app."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    import psycopg

    url = urlsplit(database_url)._replace(scheme="postgresql").geturl()
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def flask(env: dict, *args: str) -> str:
    """Run ``flask --app wsgi …`` in the project with ``env``; raise with its output if it fails."""
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare(env: dict, password: str) -> None:
    """Migrate the empty database and load the demo data, as a deployment would."""
    flask(env, "db", "upgrade")
    flask(env, "seed-demo", "--password", password, "--no-reports")  # benches count only their own reports


def gunicorn_workers(workers: int, extra_args: tuple[str, ...] = ()) -> str:
    """How gunicorn will run the app, in words ("-w 2, gthread x 8 threads"): gunicorn.conf.py as the benches load it.

    The benches start gunicorn in the repository, so its ``gunicorn.conf.py`` applies (threads included);
    a figure labelled with the worker kind it was not measured with would mislead.
    """
    out = subprocess.run([sys.executable, "-m", "gunicorn", "--print-config", "-w", str(workers), *extra_args,
                          "wsgi:app"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    settings = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    settings = {key.strip(): value.strip() for key, value in settings.items()}
    kind = settings.get("worker_class", "sync")
    threads = f" x {settings['threads']} threads" if kind == "gthread" else ""
    return f"-w {workers}, {kind}{threads}"


class Gunicorn:
    """The app under gunicorn on a free port; a context manager that always stops it."""

    def __init__(self, env: dict, workers: int, log_path: Path, extra_args: tuple[str, ...] = ()):
        self.env, self.workers, self.log_path, self.extra_args = env, workers, log_path, extra_args
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}",
             *self.extra_args, "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self._wait_healthy()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_healthy(self, timeout: float = 60.0) -> None:
        """Poll /api/v1/health until it answers 200 (and every worker has booted)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            try:
                status, _ = request(self.port, "GET", "/api/v1/health", timeout=2)
                if status == 200 and len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /api/v1/health within {timeout:.0f} s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        """Return the worker processes' ids (children of the master)."""
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def __exit__(self, *exc_info) -> None:
        """Stop the master gracefully, then its whole process group if it lingers."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()


def request(port: int, method: str, path: str, body=None, token: str | None = None, timeout: float = 60):
    """Send one request on a fresh connection; return (status, decoded JSON or None)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, orjson.dumps(body) if body is not None else None, headers)
        resp = conn.getresponse()
        data = resp.read()
    finally:
        conn.close()
    return resp.status, (orjson.loads(data) if data else None)


def sign_in(port: int, username: str, password: str) -> dict:
    """Sign a new device in as ``username``; return {username, device_id, token}."""
    device_id = str(uuid.uuid4())
    status, data = request(port, "POST", "/api/v1/auth/login",
                           {"username": username, "password": password, "device_id": device_id,
                            "device_name": f"bench {username}"})
    if status != 200:
        raise RuntimeError(f"sign-in of {username} answered {status}: {data}")
    return {"username": username, "device_id": device_id, "token": data["token"]}


def pull_reference(port: int | None, token: str | None, get=None) -> tuple[dict, list[dict]]:
    """Pull everything for a device; return its newest checklist version and its active sites.

    ``get(path) -> (status, json)`` replaces the HTTP request (in-process benches pass a test client's).
    """
    get = get or (lambda path: request(port, "GET", path, token=token))
    versions, sites, cursor = {}, {}, None
    while True:
        path = "/api/v1/sync/pull?limit=500" + (f"&cursor={cursor}" if cursor else "")
        status, page = get(path)
        if status != 200:
            raise RuntimeError(f"pull answered {status}: {page}")
        for change in page["changes"]:
            if change["kind"] == "checklist_version" and not change["data"]["retired"]:
                versions[change["data"]["id"]] = change["data"]
            elif change["kind"] == "site":
                sites[change["data"]["code"]] = change["data"]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    active = [site for site in sites.values() if site["active"]]
    if not versions or not active:
        raise RuntimeError("pull gave no checklist version or no active site")
    return max(versions.values(), key=lambda v: v["id"]), active


def percentile(ordered: list[float], p: float) -> float:
    """Return the nearest-rank percentile of an ascending list (nan when empty)."""
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def py_spy_record(pid: int, seconds: float, out: Path) -> subprocess.Popen:
    """Start sampling a process's CPU time with py-spy (collapsed stacks, no idle frames); return the recorder."""
    exe = Path(sys.executable).with_name("py-spy")
    if not exe.exists():
        raise RuntimeError(f"py-spy is not installed in this venv ({exe}); pip install py-spy")
    return subprocess.Popen([str(exe), "record", "--pid", str(pid), "--duration", str(max(1, round(seconds))),
                             "--rate", "250", "--format", "raw", "--nonblocking", "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


_HZ = os.sysconf("SC_CLK_TCK")


def _machine_ticks() -> tuple[int, int]:
    """Return (busy, total) clock ticks of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values[:8]) - idle, sum(values[:8])


def pid_ticks(pids) -> dict[int, int]:
    """Return user+system clock ticks of each live process (gone ones are left out)."""
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        out[pid] = int(fields[11]) + int(fields[12])
    return out


class CpuMeter:
    """CPU used during a phase, machine-wide and by named groups of processes, in cores.

    Why: on a 2-core machine the clients, the workers and the database compete, and other
    work on the machine can depress the figures; this says how the CPU was actually spent.
    """

    def __init__(self, groups: dict):
        self.groups = groups  # name -> callable returning the group's pids now

    def start(self) -> None:
        """Take the first snapshot."""
        self._t0, self._machine0 = time.monotonic(), _machine_ticks()
        self._ticks0 = {name: pid_ticks(find()) for name, find in self.groups.items()}

    def stop(self, extra: dict | None = None) -> dict:
        """Return cores used per group, ``extra`` groups (name -> CPU seconds), other work and idle."""
        wall = time.monotonic() - self._t0
        busy1, total1 = _machine_ticks()
        cores = (total1 - self._machine0[1]) / _HZ / wall
        used = {}
        for name, find in self.groups.items():
            before, now = self._ticks0[name], pid_ticks(set(find()) | set(self._ticks0[name]))
            used[name] = sum(t - before.get(pid, 0) for pid, t in now.items()) / _HZ / wall
        for name, seconds in (extra or {}).items():
            used[name] = seconds / wall
        busy = (busy1 - self._machine0[0]) / _HZ / wall
        used["other processes"] = max(0.0, busy - sum(used.values()))
        used["idle"] = max(0.0, cores - busy)
        return used


def postgres_pids(database_url: str) -> list[int]:
    """Return the server processes of this database's connections plus PostgreSQL's own background ones."""
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(parts._replace(scheme="postgresql").geturl(), autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE (datname = %s AND pid <> pg_backend_pid())"
                            " OR backend_type <> 'client backend'", (parts.path.lstrip("/"),)).fetchall()
    return [pid for (pid,) in rows]


def hot_spots(paths, prefixes=("server/", "sync/"), top: int = 15) -> str:
    """Summarise py-spy collapsed stacks: where wall time goes, inclusive by project line, and leaf functions."""
    import re
    from collections import Counter

    inclusive, leaves, total = Counter(), Counter(), 0
    for path in paths:
        for line in Path(path).read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            frames, n = stack.split(";"), int(count)
            total += n
            ours = {f for f in frames if any(f"({p}" in f for p in prefixes)}
            inclusive.update(dict.fromkeys(ours, n))
            leaves[re.sub(r":\d+\)$", ")", frames[-1])] += n
    if not total:
        return "   (no samples)"
    out = [f"   {total} samples; share of the workers' CPU time", "   inclusive, project code:"]
    out += [f"   {100 * c / total:5.1f}%  {f}" for f, c in inclusive.most_common(top)]
    out.append("   self (leaf function, any code):")
    out += [f"   {100 * c / total:5.1f}%  {f}" for f, c in leaves.most_common(top)]
    return "\n".join(out)
