"""Fixtures of the core's tests: the labelled corpus, and the phone's matcher run in Node."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.sensitive import load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def corpus():
    """Every labelled sentence of tests/encounter/corpus (bench.sensitive reads the same files)."""
    return load()


@pytest.fixture(scope="session")
def js_spans():
    """A function running the phone's findSpans (pwa/src/sensitive.js) in Node over [(text, field)]; with
    ``ask=True`` its askSpans, the second look."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the phone's matcher (install Node.js)")

    def run(cases, ask=False):
        done = subprocess.run([node, str(Path(__file__).with_name("spans.mjs"))], cwd=ROOT, capture_output=True,
                              text=True, input=json.dumps([{"text": t, "field": f, "ask": ask} for t, f in cases]))
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)
    return run
