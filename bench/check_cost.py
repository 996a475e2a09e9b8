"""Python CPU per report of a push, phase by phase, with no database and no HTTP.

``bench/push_cost.py`` measures a whole request; on a shared machine its figures move by
a third from run to run, too much to see a change of a few microseconds a report. This one
runs only the per-report Python of a push on fresh, valid reports (``bench/reports.py``):

- ``validate``: the body validator alone (``server/validation.py``);
- ``door``: the never-collect check of the free text alone (``encounter/door.py``);
- ``check``: the whole item check (``sync/protocol.py::_check_item``: envelope, validation,
  door, record building, canonical hash);
- ``document``: the JSON document of PostgreSQL's one push statement (``SqlStore.push_document``);
- ``results``: each item's result and its JSON answer (``_classify``, ``to_dict``, orjson).

Each phase keeps its least CPU over ``--rounds`` interleaved runs. For a deterministic count, run
it under callgrind twice with different ``--n`` and divide the difference in instructions::

    .venv/bin/python -m bench.check_cost [--n 2000] [--rounds 5] [--phases check,document]
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python -m bench.check_cost --n 400 --rounds 1 --phases check

(``--phases none`` counts what is not a phase: building the reports, starting Python.)
"""
import argparse
import json
import random
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import orjson

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reports import report_body

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("validate", "door", "check", "document", "results")


class _References:
    """The pusher's reference data without a database: one checklist version and a few sites."""

    def __init__(self, version: dict, sites: list[dict]):
        self._positions = {version["id"]: {s["id"]: i for i, s in enumerate(version["steps"])}}
        self._sites = {s["code"]: (n + 1, 1, tuple(s["area_types"])) for n, s in enumerate(sites)}

    def site(self, code):
        return self._sites.get(code)

    def step_positions(self, version_id):
        return self._positions.get(version_id)

    def place(self, site_id):
        return {"code": "S", "name": "Site"}, {"code": "D", "name": "Department"}


def _reference() -> tuple[dict, list[dict]]:
    """A checklist version from the committed content and sites taking every area type."""
    steps = json.loads((ROOT / "content/checklists/library.json").read_text())["steps"]
    sites = [{"code": f"LAPL-{n:03d}", "area_types": ["public", "non_public", "parking_staging"]} for n in range(12)]
    return {"id": 7, "steps": [{"id": s["id"]} for s in steps]}, sites


def _items(rng: random.Random, version: dict, sites: list[dict], n: int) -> list[dict]:
    """``n`` fresh encounter items as a phone pushes them (decoded from JSON, as the server sees them)."""
    return orjson.loads(orjson.dumps([{"id": str(uuid.uuid4()), "kind": "encounter", "schema_version": 1,
                                       "body": report_body(rng, version, sites)} for _ in range(n)]))


def measure(n: int, rounds: int, phases: tuple[str, ...], batch: int = 100) -> dict[str, float]:
    """Return the least CPU microseconds per report of each phase."""
    from encounter import door
    from encounter.vocabulary import FREE_TEXT_FIELDS
    from server.kinds import EncounterKind
    from server.sync_store import SqlStore
    from server.validation import parse_moment_once
    from sync import protocol
    from sync.envelope import Principal, Receipt

    version, sites = _reference()
    kind = EncounterKind(_References(version, sites))
    kinds = {"encounter": kind}
    principal = Principal(user_id=3, role="field", department_id=1, device_id=uuid.uuid4())
    received_at = datetime(2026, 12, 5, 11, 0, tzinfo=timezone.utc)
    rng = random.Random(1)
    best: dict[str, float] = {}

    def timed(name, work):
        if name not in phases:
            return
        cpu = time.process_time()
        work()
        spent = (time.process_time() - cpu) * 1e6 / n
        best[name] = min(best.get(name, spent), spent)

    for _ in range(rounds):
        items = _items(rng, version, sites, n)  # fresh times each round: the parse cache starts cold, as in a push
        parse_moment_once.cache_clear()
        timed("validate", lambda: [kind.validator.errors(item["body"]) for item in items])
        parse_moment_once.cache_clear()
        timed("door", lambda: [door.spans(item["body"], FREE_TEXT_FIELDS) for item in items])
        parse_moment_once.cache_clear()
        checked = []
        timed("check", lambda: checked.extend(protocol._check_item(i, item, principal, kinds)
                                              for i, item in enumerate(items)))
        if not {"document", "results"} & set(phases):
            continue
        if not checked:
            checked = [protocol._check_item(i, item, principal, kinds) for i, item in enumerate(items)]
        bad = [c for c in checked if not isinstance(c, protocol.ValidItem)]
        if bad:
            raise RuntimeError(f"not valid: {bad[0]}")
        batches = [checked[start:start + batch] for start in range(0, n, batch)]
        timed("document", lambda: [SqlStore.push_document(principal, part, received_at) for part in batches])

        def results():
            for part in batches:
                answers = [protocol._classify(item, item.kind, Receipt(received_at, item.sha256), True) for item in part]
                orjson.dumps({"protocol": 1, "results": [r.to_dict() for r in answers]}, option=orjson.OPT_NON_STR_KEYS)

        timed("results", results)
    return best


def main(argv=None) -> int:
    """Print the Python CPU per report of each phase of a push."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="reports per round")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved runs; the least CPU is kept")
    parser.add_argument("--phases", default=",".join(PHASES), help=f"comma-separated, of: {', '.join(PHASES)}")
    args = parser.parse_args(argv)
    phases = tuple(p for p in args.phases.split(",") if p and p != "none")
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    best = measure(args.n, args.rounds, phases)
    for name in PHASES:
        if name in best:
            print(f"{name:9s} {best[name]:7.1f} µs CPU per report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
