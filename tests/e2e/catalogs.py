"""The app's message catalogs as the tests read them, so a test finds a label only if the UI really shows it.

Its own module because the phone's helpers (device.py) and the screen drivers (flow.py, desk.py) both need them,
and flow.py imports device.py.
"""
import functools
import json
import shutil
import subprocess

import pytest

from tests.e2e.build import ROOT


@functools.cache
def read_catalogs(folder: str = "pwa/src/messages") -> dict:
    """Message catalogs ({"en": {key: text}, "es": …}) read by node: the field app's, or the desk's
    (``pwa/src/desk/messages``, which the desk chunk adds to the field app's)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to read the app's message catalogs (install Node.js)")
    # Every language of pwa/src/languages.js that has a catalog in this folder (the desk's may lag).
    script = (f"import('./pwa/src/languages.js').then(({{CODES}}) => Promise.all(CODES.map((code) => "
              f"import(`./{folder}/${{code}}.js`).then((m) => [code, m.default], () => null))))"
              ".then((all) => process.stdout.write(JSON.stringify(Object.fromEntries(all.filter(Boolean)))))")
    done = subprocess.run([node, "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"could not read the message catalogs:\n{done.stderr}")
    return json.loads(done.stdout)
