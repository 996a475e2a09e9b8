"""Realistic encounter reports for load: about 2 KB of JSON each, 14 checklist steps, varied fields.

Built from what a signed-in phone actually holds (its department's checklist version and
sites, as pulled), so every report is valid and the server does its full work on each.
Seeded, so a run can be repeated; ids are random UUIDs, so no two runs collide.
"""
import random
import uuid
from datetime import datetime, timedelta, timezone

import orjson

from encounter.vocabulary import AGENCIES as _AGENCIES, DOCUMENT_TYPES as _DOCUMENTS, OUTCOMES as _OUTCOMES
from encounter.vocabulary import REQUESTS as _REQUESTS

STEPS_PER_REPORT = 14
_EPOCH = datetime(2026, 3, 2, 7, 0, tzinfo=timezone.utc)
_RESULTS = ("done",) * 7 + ("skipped",) * 2 + ("not_applicable",)
_MARKINGS = ("Vests marked POLICE and ERO", "Plain clothes, one jacket with HSI on the back",
             "Green CBP uniforms with patches", "Unmarked dark SUVs, no visible insignia",
             "Tactical vests, one marked FEDERAL AGENT")
_PURPOSES = ("Said they were looking for a named person and showed a photo on a phone.",
             "Asked for the visitor sign-in log for the past two weeks.",
             "Said they were conducting a routine check and asked who was in charge.",
             "Asked to use the back lot to stage vehicles for an operation nearby.",
             "Would not say why they were here; asked staff to step aside.")
_NOTES = ("Staff asked the agents to wait in the lobby and called the site lead at once. ",
          "The document shown was signed by an officer, not a judge; staff did not consent to entry. ",
          "Two members of the public were present and left before the agents did. ",
          "The supervisor's phone number was written on a card and photographed. ",
          "Agents returned to their vehicles and remained parked across the street for some time. ",
          "Counsel was sent photos of both pages of the document within ten minutes. ",
          "A second team arrived later and spoke only with the first team outside. ")
_NAMES = ("Officer J. Ramirez, badge 4471", "Agent K. Miller, badge 2210", "Supervisory agent, name refused",
          "Officer T. Nguyen, no badge shown", "Agent D. Brooks, badge 1893, supervisor line 213-555-0142")
_WITNESSES = ("R. Delgado (branch manager)", "M. Bell and two recreation aides", "Front counter clerk on duty",
              "Security officer at the east entrance", "Shift supervisor and one crew member")


def _iso(moment: datetime) -> str:
    """Format as the phone does: UTC, seconds, with a Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def report_body(rng: random.Random, version: dict, sites: list[dict]) -> dict:
    """Return one valid report for a checklist version (as pulled) and the department's sites."""
    site = rng.choice(sites)
    started = _EPOCH + timedelta(minutes=rng.randrange(0, 60 * 24 * 240))
    ended = started + timedelta(minutes=rng.randrange(5, 180))
    step_ids = [s["id"] for s in version["steps"]]
    chosen = sorted(rng.sample(range(len(step_ids)), min(STEPS_PER_REPORT, len(step_ids))))
    steps = [{"step_id": step_ids[i], "result": rng.choice(_RESULTS),
              "at": _iso(started + timedelta(minutes=n, seconds=rng.randrange(60)))} for n, i in enumerate(chosen)]
    document = rng.choice(_DOCUMENTS)
    detained = rng.choice((0, 0, 0, 1, 2))
    body = {
        "site": site["code"],
        "checklist_version_id": version["id"],
        "area_type": rng.choice(site["area_types"]),
        "started_at": _iso(started),
        "ended_at": _iso(ended),
        "agencies": rng.sample(_AGENCIES, rng.randint(1, 2)),
        "markings_seen": rng.choice(_MARKINGS),
        "agent_count": rng.randint(1, 9),
        "vehicle_count": rng.randint(0, 5),
        "government_plates": rng.choice((True, False, None)),
        "masks": rng.choice((True, False, None)),
        "visible_identification": rng.choice((True, False)),
        "identification_refused": rng.choice((True, False, None)),
        "agent_names_and_badges": "; ".join(rng.sample(_NAMES, rng.randint(1, 2))),
        "stated_purpose": rng.choice(_PURPOSES),
        "document_type": document,
        "document_copy_obtained": document not in ("none", "unknown") and rng.random() < 0.7,
        "consent_asked": True,
        "consent_refused": rng.random() < 0.8,
        "non_public_entered": rng.random() < 0.3,
        "entered_over_objection": rng.random() < 0.2,
        "requested": rng.sample(_REQUESTS, rng.randint(1, 3)),
        "detained_count": detained,
        "minors_present": rng.choice((True, False, None)),
        "force_used": rng.random() < 0.1,
        "injuries": False,
        "police_called": rng.random() < 0.2,
        "outcome": "arrest_made" if detained else rng.choice(_OUTCOMES),
        "staff_witnesses": rng.choice(_WITNESSES),
        "photos": [{"sha256": rng.randbytes(32).hex(), "size": rng.randint(80_000, 4_000_000), "type": "image/jpeg"}
                   for _ in range(rng.choice((0, 0, 1, 2)))],
        "steps": steps,
        "liaison_notified_at": _iso(started + timedelta(minutes=rng.randint(2, 30))),
        "location": {"lat": round(34.05 + rng.uniform(-0.3, 0.3), 5),
                     "lon": round(-118.25 + rng.uniform(-0.3, 0.3), 5), "accuracy_m": rng.randint(5, 60)},
        "notes": "".join(rng.sample(_NOTES, 2)).strip(),
        "language": rng.choice(("en", "en", "es", "ko", "tl")),
    }
    return body


def push_batch(rng: random.Random, device_id: str, version: dict, sites: list[dict], size: int) -> bytes:
    """Return one push request body of ``size`` fresh reports, encoded with orjson."""
    items = [{"id": str(uuid.uuid4()), "kind": "encounter", "schema_version": 1,
              "body": report_body(rng, version, sites)} for _ in range(size)]
    return orjson.dumps({"protocol": 1, "device_id": device_id, "items": items})
