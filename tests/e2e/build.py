"""The built field app the browser tests serve: built when stale, then copied."""
import gzip
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PWA = ROOT / "pwa"
DIST = PWA / "dist"


def _newest_source_mtime() -> float:
    """The newest modification time among the app's sources (everything under pwa/ but dist/)."""
    return max((p.stat().st_mtime for p in PWA.rglob("*") if p.is_file() and DIST not in p.parents), default=0.0)


def _build_time() -> float | None:
    """When pwa/dist was built (its service worker is written last), or None if it is not complete."""
    needed = [DIST / "index.html", *DIST.glob("app-*.js"), DIST / "sw.js"]
    if len(needed) != 3 or not all(path.exists() for path in needed):
        return None
    return min(path.stat().st_mtime for path in needed)


def built_app() -> Path:
    """``$PWA_DIST`` if set (the server's own setting), else pwa/dist, built first if missing or stale."""
    if os.environ.get("PWA_DIST"):
        source = Path(os.environ["PWA_DIST"])
        if not (source / "index.html").exists():
            pytest.fail(f"PWA_DIST={source} holds no built app (index.html missing)")
        return source
    built = _build_time()
    if built is None or built < _newest_source_mtime():
        if shutil.which("npm") is None:
            pytest.fail("pwa/dist is missing or stale and npm is not installed: install Node.js and npm, "
                        "then run 'npm ci && npm run build' (scripts/setup.sh does)")
        done = subprocess.run(["npm", "run", "--silent", "build"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"npm run build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return DIST


def copy_app(source: Path, target: Path) -> Path:
    """Copy a built app; retry briefly if a concurrent build is rewriting it right now."""
    for attempt in range(5):
        try:
            shutil.copytree(source, target)
            if (target / "sw.js").exists():
                return target
        except (FileNotFoundError, shutil.Error):
            pass
        shutil.rmtree(target, ignore_errors=True)
        time.sleep(1 + attempt)
    pytest.fail(f"could not copy the built app from {source}: is a build running? (npm run build)")


def publish_new_service_worker(dist) -> None:
    """Change the worker's bytes as a new build would: sw.js and its precompressed sw.js.gz."""
    script = (dist / "sw.js").read_bytes() + b"\n// e2e: a new app version\n"
    (dist / "sw.js").write_bytes(script)
    if (dist / "sw.js.gz").exists():
        (dist / "sw.js.gz").write_bytes(gzip.compress(script))
    (dist / "sw.js.br").unlink(missing_ok=True)  # older than the new sw.js, it would not be sent anyway
