"""The demo's departments, sites and users, read from ``content/demo/*.json``; its protocols are the
same checklist files every installation uses (``content/checklists/``, loaded by ``server.checklists.files``).

Everything here is demo content: display names are fictional, numbers are 555 numbers. No record
has room for anyone's immigration or citizenship status (the Sanctuary Ordinance and SB 54).
"""
import copy
import json
from pathlib import Path

from server.checklists.files import DEFAULT_DIR, load_directory

DEMO_DIR = Path(__file__).resolve().parents[2] / "content" / "demo"


def _read(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def _department(spec: dict) -> dict:
    """A department as the seed and tests read it (``name`` and ``variant`` kept for them)."""
    return {**spec, "name": spec["names"]["en"], "variant": spec["checklist_variant"]}


DEPARTMENTS = [_department(spec) for spec in _read("departments.json")]
DEMO_USERS = _read("users.json")


def checklist_for(variant: str) -> dict:
    """Return a copy of one variant's title and steps (from the app's loaded content, else the default files)."""
    try:
        from flask import current_app

        content = current_app.extensions["checklist_content"]
    except RuntimeError:  # outside an app: read the files
        content = load_directory(DEFAULT_DIR)
    if variant not in content:
        raise KeyError(f"unknown checklist variant: {variant!r}")
    return copy.deepcopy(content[variant])
