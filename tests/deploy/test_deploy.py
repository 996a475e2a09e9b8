"""The production layout in deploy/: compose file, systemd units, and gunicorn's config serving multiprocess metrics."""
import configparser
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import yaml
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = ["encounter-log.service", "encounter-log-purge.service", "encounter-log-purge.timer"]


def test_the_compose_file_runs_the_app_with_postgresql_and_redis():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:") and services["redis"]["image"].startswith("redis:")
    app = services["app"]
    assert {"db", "redis", "migrate"} <= set(app["depends_on"])
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    env = app["environment"]
    assert "@db:5432/" in env["DATABASE_URL"] and env["RATELIMIT_STORAGE_URI"].startswith("redis://redis:")
    assert "gunicorn.conf.py" in " ".join(app["command"])
    assert services["migrate"]["command"][-2:] == ["db", "upgrade"]
    assert "purge" in " ".join(services["purge"]["command"])
    assert "pgdata" in compose["volumes"]
    assert (ROOT / services["app"]["build"]["dockerfile"].replace("deploy/", "deploy/")).exists() or \
        (DEPLOY / "Dockerfile").exists()


def test_the_image_never_takes_a_checkout_s_instance_folder_or_local_installs():
    """`COPY . .` in deploy/Dockerfile: a laptop's secret key, database and photos must not ride into the image."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    context = (DEPLOY / compose["services"]["app"]["build"]["context"]).resolve()
    ignored = {line.strip() for line in (context / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {"instance", ".venv", "node_modules", ".git"} <= ignored


def _units_with_local_paths(tmp_path: Path) -> Path:
    """The units as installed here: /opt/encounter-log is this checkout (so ExecStart points at real programs)."""
    for name in UNITS:
        text = (DEPLOY / name).read_text().replace("/opt/encounter-log", str(ROOT))
        text = text.replace("EnvironmentFile=/etc/", "EnvironmentFile=-/etc/")
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_systemd_units_verify(tmp_path):
    units = _units_with_local_paths(tmp_path)
    for name in UNITS:  # parsed either way: every unit has its sections
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(units / name)
        assert "Unit" in parser and ("Service" in parser or "Timer" in parser)
    timer = configparser.ConfigParser(strict=False, interpolation=None)
    timer.read(units / "encounter-log-purge.timer")
    assert timer["Timer"]["Unit"] == "encounter-log-purge.service"
    if not shutil.which("systemd-analyze"):
        if os.environ.get("CI"):
            pytest.fail("systemd-analyze is missing on CI (Debian: apt-get install systemd)")
        pytest.skip("systemd-analyze not installed")
    result = subprocess.run(["systemd-analyze", "verify", *[f"./{n}" for n in UNITS]], cwd=units,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Unknown" not in result.stderr, result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def deployed_home(tmp_path_factory):
    """The deployed server's user's home and runtime folder ($HOME, $XDG_RUNTIME_DIR), empty at its start."""
    home = tmp_path_factory.mktemp("deployed-home")
    (home / "runtime").mkdir()
    return home


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, deployed_home):
    """gunicorn started as the systemd unit starts it (deploy/gunicorn.conf.py, 2 workers); its base URL."""
    tmp_path = tmp_path_factory.mktemp("deployed")
    port = _free_port()
    env = {**os.environ, "HOME": str(deployed_home), "XDG_RUNTIME_DIR": str(deployed_home / "runtime"),
           "INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2", "METRICS_TOKEN": "t0ken",
           "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"), "SECRET_KEY": "x", "LOG_FORMAT": "off"}
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    server = subprocess.Popen([bin_dir / "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{base}/api/v1/health", timeout=10)
                break
            except requests.RequestException:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_with_the_deploy_config_sums_metrics_over_its_workers(deployed):
    for _ in range(40):
        assert requests.get(f"{deployed}/api/v1/health", timeout=5).status_code == 200
    total = 0
    for _ in range(3):  # whichever worker answers, it reports every worker's count
        text = requests.get(f"{deployed}/metrics", headers={"Authorization": "Bearer t0ken"}, timeout=10).text
        total = sum(s.value for f in text_string_to_metric_families(text) for s in f.samples
                    if s.name == "encounter_log_request_seconds_count" and s.labels.get("endpoint") == "health.health")
        assert total == 41  # the fixture's first health check and these 40


def test_the_deploy_config_refuses_a_long_request_line_in_the_json_error_shape(deployed):
    """The README's serving limits hold in production too: a request line over 4,094 bytes is a JSON 414."""
    answer = requests.get(f"{deployed}/api/v1/health?pad={'a' * 5000}", timeout=10)
    assert answer.status_code == 414
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json()["reason"] == "malformed_request"


def test_the_deploy_config_opens_no_control_socket_that_other_servers_on_the_host_would_share(deployed,
                                                                                                 deployed_home):
    """As the repository's gunicorn.conf.py: gunicorn 25.1+ would open one at $XDG_RUNTIME_DIR/gunicorn.ctl."""
    assert requests.get(f"{deployed}/api/v1/health", timeout=10).status_code == 200
    assert not (deployed_home / "runtime" / "gunicorn.ctl").exists()
    assert not (deployed_home / ".gunicorn").exists()
