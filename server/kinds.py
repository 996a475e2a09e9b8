"""The kinds of item phones push, each checked against its schema and the pusher's department."""
from dataclasses import dataclass
from sqlalchemy import select

from server.access import visible
from server.extensions import db
from server.models import ChecklistVersion, Department, Site
from encounter import door, form
from encounter.derived import city_assistance, search_text, staging
from encounter.field_message import coded
from encounter.priority import prioritize
from encounter.vocabulary import FREE_TEXT_FIELDS, never_collected_errors
from server.field_codes import codes_or_none
from server.schemas.encounter import EncounterBodySchema, cross_field_errors
from server.validation import parse_moment_once, validator
from sync.envelope import Checked, Principal


# Unknown and other departments' sites (and versions) read alike, so nothing leaks about them.
NOT_A_SITE = coded("inactive", "is not an active site of your department")
NOT_A_VERSION = coded("not_found", "is not a published checklist version of your department")

# A step result's fields as ``EncounterRecord.steps`` holds them (after its encounter's id).
STEP_FIELDS = ("step_id", "position", "result", "at", "seconds_from_start")


@dataclass(frozen=True)
class EncounterRecord:
    """What the SQL store writes for an encounter besides the body: resolved references and typed columns."""

    department_id: int
    site_id: int
    checklist_version_id: int
    columns: dict
    # One tuple per step result, its values in ``STEP_FIELDS`` order: the push statement carries them
    # as arrays (server/sync_store.py), so no dict is built per step only to be taken apart again.
    steps: list[tuple]
    # The site and its department as desk news names them ({code, name} each): a P1 report's event.
    place: tuple[dict, dict]


class ReferenceData:
    """The pusher's sites and checklist versions, loaded once per request, through the access rules."""

    def __init__(self, principal: Principal):
        self.principal = principal
        self._sites: dict[str, tuple[int, int, tuple]] | None = None
        self._places: dict[int, tuple[dict, dict]] = {}
        self._versions: dict[int, dict[str, int]] | None = None

    def site(self, code: str):
        """Return (site id, department id, area types) of a visible active site, or None."""
        if self._sites is None:
            rows = db.session.execute(select(Site.code, Site.id, Site.department_id, Site.area_types, Site.name,
                                             Department.code, Department.name)
                                      .join(Department, Department.id == Site.department_id)
                                      .where(visible(Site, self.principal), Site.active.is_(True)))
            self._sites, self._places = {}, {}
            for code_, sid, dept, areas, name, dept_code, dept_name in rows:
                self._sites[code_] = (sid, dept, tuple(areas))
                self._places[sid] = ({"code": code_, "name": name}, {"code": dept_code, "name": dept_name})
        return self._sites.get(code)

    def place(self, site_id: int) -> tuple[dict, dict]:
        """Return ({code, name} of the site, {code, name} of its department) of a site ``site`` returned."""
        return self._places[site_id]

    def step_positions(self, version_id: int) -> dict[str, int] | None:
        """Return {step id: position} of a visible published version, or None."""
        if self._versions is None:
            rows = db.session.execute(select(ChecklistVersion.id, ChecklistVersion.steps)
                                      .where(visible(ChecklistVersion, self.principal)))
            self._versions = {vid: {s["id"]: i for i, s in enumerate(steps)} for vid, steps in rows}
        return self._versions.get(version_id)


def _moment(text):
    """Parse an already-validated time (the validator used this same function)."""
    return parse_moment_once(text) if text else None


def refused(errors: dict, schema=None, body=None, **more) -> Checked:
    """A refusal with its field errors and their codes (``server/field_codes.py``), for the phone's own words.

    ``schema`` and ``body``: the schema that refused and the body it was given (for its messages' codes).
    """
    return Checked(errors=errors, codes=codes_or_none(errors, schema, body), **more)


def door_check(body: dict, fields, errors: dict, schema=None) -> Checked | None:
    """Refuse a body whose free text holds never-collected data (``encounter/door.py``), with any other errors.

    Only offsets and kinds leave here: the words are neither stored, logged nor echoed.
    """
    found = door.spans(body, fields)
    if not found:
        return None
    merged = dict(errors)
    for field, messages in door.field_errors(found).items():
        previous = merged.get(field)
        merged[field] = (previous if isinstance(previous, list) else []) + messages
    return refused(merged, schema, body, reason=door.REASON, spans=found, message=door.MESSAGE)


class EncounterKind:
    """Kind ``encounter``: a report of an encounter with its checklist results."""

    schema_versions = frozenset({1})
    COLUMNS = ("area_type", "agencies", "document_type", "agent_count", "detained_count", "non_public_entered",
               "minors_present", "force_used", "injuries", "masks",
               # issue 12: the aggregate's dimensions and measures
               "outcome", "stated_reason", "vehicle_count", "visible_identification", "identification_refused",
               "consent_asked", "consent_refused", "entered_over_objection", "weapons_shown", "city_assistance_kinds",
               "requested")

    def __init__(self, refs: ReferenceData):
        self.refs = refs
        self.validator = validator(EncounterBodySchema, cross_field_errors)

    def check(self, principal: Principal, schema_version: int, body: dict) -> Checked:
        """Validate the body and its references; prepare the record."""
        errors = self.validator.errors(body)
        if errors:
            errors.update(never_collected_errors(body))
        schema = self.validator.schema
        door_refusal = door_check(body, FREE_TEXT_FIELDS, errors, schema)
        if door_refusal is not None or errors:
            return door_refusal or refused(errors, schema, body)
        site = self.refs.site(body["site"])
        if site is None:
            return refused({"site": [NOT_A_SITE]})
        positions = self.refs.step_positions(body["checklist_version_id"])
        if positions is None:
            return refused({"checklist_version_id": [NOT_A_VERSION]})
        # The validator parsed every time already (parse_moment_once remembers them); steps in one pass.
        started = parse_moment_once(body["started_at"])
        timed = form.steps_timed_from_start(body)
        steps, unknown = [], []
        for s in body["steps"]:
            step_id = s["step_id"]
            position = positions.get(step_id)
            if position is None:
                unknown.append(step_id)
                continue
            at = parse_moment_once(s["at"])
            steps.append((step_id, position, s["result"], at, round((at - started).total_seconds()) if timed else None))
        if unknown:
            return refused({"steps": [coded("not_found", f"not steps of checklist version {body['checklist_version_id']}: "
                                            + ", ".join(unknown[:10]), value=", ".join(unknown[:10]))]})
        site_id, department_id, _areas = site
        get = body.get
        columns = dict(zip(self.COLUMNS, map(get, self.COLUMNS)))
        columns["agencies"] = columns["agencies"] or []
        columns.update(started_at=started, ended_at=_moment(get("ended_at")),
                       liaison_notified_at=_moment(get("liaison_notified_at")),
                       staging=staging(body), search_text=search_text(body))
        columns.update(city_assistance=city_assistance(body),
                       mayor_office_notified_at=_moment(get("mayor_office_notified_at")))
        columns["priority"], columns["priority_rule"] = prioritize(body)
        return Checked(record=EncounterRecord(department_id, site_id, body["checklist_version_id"], columns, steps,
                                              self.refs.place(site_id)))

    @staticmethod
    def blob_hashes(body: dict) -> tuple[str, ...]:
        """Return the hashes of the photos a checked body references, once each, in body order."""
        return tuple(dict.fromkeys(photo["sha256"] for photo in body.get("photos") or ()))


def kinds_for(principal: Principal, refs=None) -> dict:
    """Return the kinds this server accepts, bound to ``refs`` or else the principal's reference data."""
    from server.alerts import AlertKind  # server/alerts.py: "agents here now" (issue 11)
    from server.answers import AnswerKind  # server/answers.py: the reporter's answers to follow-ups
    from server.reference_cache import reference_data  # cached per worker (push speed)

    refs = reference_data(principal) if refs is None else refs
    return {"encounter": EncounterKind(refs), "answer": AnswerKind(), "alert": AlertKind(refs)}
