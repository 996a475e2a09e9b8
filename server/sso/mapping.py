"""Who a City account is here: its groups (or another claim) mapped to a role and a department.

Plain Python, read from configuration (``OIDC_ROLE_MAP``: inline JSON or the path of a JSON file):

    {"claim": "groups",
     "groups": {"EL-LAPL-Field":  {"role": "field",   "department": "LAPL"},
                "EL-LAPL-Liaison": {"role": "liaison", "department": "LAPL"},
                "EL-Admins":      {"role": "admin"}}}

There is no default role: an account none of whose values is mapped is refused, and so is one whose
values map to different roles or departments (the administrator decides, not the order of a list).
"""
import json
from dataclasses import dataclass
from pathlib import Path

from server.models.org import ROLES, department_problem


class MappingError(ValueError):
    """The role map in the configuration is malformed; start-up stops with the reason."""


@dataclass(frozen=True)
class Assignment:
    """The role, and for department roles the department code, an account gets here."""

    role: str
    department: str | None = None


@dataclass(frozen=True)
class RoleMap:
    """The configured mapping from one claim's values to assignments."""

    claim: str
    groups: dict

    def assign(self, claims: dict) -> Assignment | None:
        """Return the one assignment the account's claim values agree on, or None (unmapped or conflicting)."""
        values = claims.get(self.claim)
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            return None
        found = {self.groups[v] for v in values if isinstance(v, str) and v in self.groups}
        return found.pop() if len(found) == 1 else None


def _assignment(name: str, entry) -> Assignment:
    """Check one entry of the map."""
    if not isinstance(entry, dict) or entry.get("role") not in ROLES:
        raise MappingError(f"OIDC_ROLE_MAP: {name!r} needs a role, one of {', '.join(ROLES)}")
    department = entry.get("department")
    if department is not None and not isinstance(department, str):
        raise MappingError(f"OIDC_ROLE_MAP: {name!r}: department must be a department code")
    problem = department_problem(entry["role"], department)
    if problem:
        raise MappingError(f"OIDC_ROLE_MAP: {name!r}: {problem}")
    return Assignment(entry["role"], department or None)


def parse_role_map(raw: str | None) -> RoleMap | None:
    """Read the map from inline JSON or a file path; None when not configured."""
    if not raw or not raw.strip():
        return None
    text = raw if raw.lstrip().startswith("{") else _read(raw.strip())
    try:
        data = json.loads(text)
    except ValueError as error:
        raise MappingError(f"OIDC_ROLE_MAP is not valid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("groups"), dict):
        raise MappingError('OIDC_ROLE_MAP needs an object {"claim": …, "groups": {value: {role, department}}}')
    claim = data.get("claim", "groups")
    if not isinstance(claim, str) or not claim:
        raise MappingError("OIDC_ROLE_MAP: claim must name an ID-token claim")
    return RoleMap(claim, {name: _assignment(name, entry) for name, entry in data["groups"].items()})


def _read(path: str) -> str:
    """Read the map's file, naming it when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise MappingError(f"OIDC_ROLE_MAP file {path!r} cannot be read: {error.strerror}") from None
