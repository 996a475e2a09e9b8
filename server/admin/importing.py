"""Bulk import of sites and users from the City's CSV records: checked row by row, then all or nothing.

Every row goes through the admin API's own schema (``server/schemas/admin.py``), so the import and
the desk refuse the same values with the same words. Errors name the line, the column and the reason;
with any error nothing is applied. Rows are matched by their key (site code, username): a row equal to
what is stored changes nothing, so running the same file twice is a no-op. Rows absent from the file
are left alone (a file may be one department's); ``active=false`` deactivates. Applied set-based
(one INSERT … RETURNING, one UPDATE by primary key, one audit INSERT) in one transaction.
"""
import csv
import io
from dataclasses import dataclass, field

from marshmallow import ValidationError
from sqlalchemy import insert, select, update

from server.admin.org import NO_PASSWORD, revoke_users_devices, site_values, user_values
from server.audit import audit_row
from server.changes import record_change
from server.extensions import db
from server.models import AuditEntry, Department, Site, User
from server.reports import assignees
from server.schemas.admin import AdminUserInSchema, SiteInSchema


@dataclass
class RowError:
    """Why one cell (or the header) was refused."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column or '-'}: {self.reason}"


@dataclass
class Plan:
    """What an import would do (dry run) or did: creations, updates with the fields that change, errors."""

    kind: str
    creates: list = field(default_factory=list)   # (line, key, values)
    updates: list = field(default_factory=list)   # (line, key, id, changed values)
    unchanged: int = 0
    errors: list = field(default_factory=list)
    revoked_devices: int = 0

    def diff_lines(self) -> list[str]:
        """The diff, one line per row that changes."""
        return ([f"+ line {line}: create {self.kind} {key}" for line, key, _values in self.creates]
                + [f"~ line {line}: update {self.kind} {key}: {', '.join(sorted(changed))}"
                   for line, key, _id, changed in self.updates])

    def summary(self) -> str:
        """One line: how many rows create, update, stay."""
        return (f"{self.kind}s: {len(self.creates)} to create, {len(self.updates)} to update, "
                f"{self.unchanged} unchanged")


@dataclass(frozen=True)
class Kind:
    """One importable record: its schema, key column, required and optional columns, nullable columns."""

    name: str
    schema: type
    key: str
    required: tuple
    optional: tuple
    nullable: tuple
    lists: tuple = ()


SITES = Kind("site", SiteInSchema, "code", ("code", "name", "department", "facility_type"),
             ("address", "area_types", "latitude", "longitude", "phone", "site_lead_phone", "active"),
             ("latitude", "longitude", "phone", "site_lead_phone"), ("area_types",))
USERS = Kind("user", AdminUserInSchema, "username", ("username", "display_name", "role"), ("department", "active"),
             ("department",))
KINDS = {"sites": SITES, "users": USERS}


def _cells(kind: Kind, row: dict) -> dict:
    """A CSV row as the schema's input: empty optional cells absent (or null), lists split on ';'."""
    data = {}
    for column, value in row.items():
        value = (value or "").strip()
        if column in kind.lists:
            if value:
                data[column] = [part.strip() for part in value.split(";") if part.strip()]
        elif value or column in kind.required:
            data[column] = value
        elif column in kind.nullable:
            data[column] = None
    return data


def _header_errors(kind: Kind, header: list | None) -> list[RowError]:
    if not header:
        return [RowError(1, "", "the file is empty; the first line names the columns")]
    errors = [RowError(1, name, "required column missing") for name in kind.required if name not in header]
    known = set(kind.required) | set(kind.optional)
    errors += [RowError(1, name, f"unknown column; known: {', '.join(kind.required + kind.optional)}")
               for name in header if name not in known]
    seen = set()
    errors += [RowError(1, name, "column named twice") for name in header if name in seen or seen.add(name)]
    return errors


def _read(kind: Kind, text: str, departments: dict) -> tuple[list, list]:
    """Parse and check every row; return ([(line, data)], [RowError])."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    errors = _header_errors(kind, reader.fieldnames)
    if errors:
        return [], errors
    rows, first_line = [], {}
    schema = kind.schema()
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(RowError(line, "", f"{len(row[None])} more cell(s) than the header has columns"))
            continue
        try:
            data = schema.load(_cells(kind, row))
        except ValidationError as exc:
            for column, messages in sorted(exc.messages.items()):
                errors.append(RowError(line, "" if column == "_schema" else column, "; ".join(_texts(messages))))
            continue
        key = data[kind.key]
        if key in first_line:
            errors.append(RowError(line, kind.key, f"{key!r} appears again (first on line {first_line[key]})"))
            continue
        first_line[key] = line
        code = data.get("department")
        if code and code not in departments:
            errors.append(RowError(line, "department", f"no department with the code {code!r}"))
            continue
        rows.append((line, data))
    return rows, errors


def _texts(messages) -> list[str]:
    if isinstance(messages, dict):
        return [text for value in messages.values() for text in _texts(value)]
    return [str(m) for m in (messages if isinstance(messages, list) else [messages])]


def plan_import(kind: Kind, text: str) -> tuple[Plan, dict]:
    """Check the file and compare it with what is stored; return the plan and the departments by code."""
    departments = {d.code: d for d in db.session.scalars(select(Department))}
    plan = Plan(kind.name)
    rows, plan.errors = _read(kind, text, departments)
    if plan.errors:
        return plan, departments
    model = Site if kind is SITES else User
    key_column = getattr(model, kind.key)
    stored = {getattr(r, kind.key): r for r in db.session.scalars(select(model).where(
        key_column.in_([data[kind.key] for _line, data in rows])))} if len(rows) <= 30_000 else \
        {getattr(r, kind.key): r for r in db.session.scalars(select(model))}
    for line, data in rows:
        department = departments.get(data.get("department"))
        row = stored.get(data[kind.key])
        values = site_values(data, department, row) if kind is SITES else user_values(data, department)
        if row is None:
            plan.creates.append((line, data[kind.key], values))
            continue
        changed = {name: value for name, value in values.items() if getattr(row, name) != value}
        if changed:
            plan.updates.append((line, data[kind.key], row.id, changed))
        else:
            plan.unchanged += 1
    return plan, departments


def apply_plan(kind: Kind, plan: Plan, departments: dict) -> None:
    """Write the plan in the current transaction, set-based, with an audit entry per row (the caller commits)."""
    model = Site if kind is SITES else User
    by_id = {d.id: d for d in departments.values()}
    audits, created = [], []
    if plan.creates:
        extra = {"password_hash": NO_PASSWORD} if kind is USERS else {}
        returned = db.session.execute(insert(model).returning(model.id, getattr(model, kind.key)),
                                      [{**values, **extra} for _line, _key, values in plan.creates]).all()
        ids = {key: ident for ident, key in returned}
        for _line, key, values in plan.creates:
            created.append((ids[key], values))
            audits.append(audit_row(f"{kind.name}.create", kind.name, ids[key], department_id=values.get("department_id"),
                                    details={kind.key: key, "fields": sorted(values), "by": "import"}))
    if plan.updates:
        db.session.execute(update(model), [{"id": ident, **changed} for _line, _key, ident, changed in plan.updates])
        for _line, key, ident, changed in plan.updates:
            audits.append(audit_row(f"{kind.name}.update", kind.name, ident, details={
                kind.key: key, "fields": sorted(changed), "by": "import"}))
    if audits:
        db.session.execute(insert(AuditEntry), audits)
    if kind is SITES:
        _tell_phones(plan, created, by_id)
    else:
        gone = [ident for _line, _key, ident, changed in plan.updates if changed.get("active") is False]
        plan.revoked_devices = revoke_users_devices(db.session, gone)
        assignees.release(db.session, [ident for _line, _key, ident, changed in plan.updates
                                       if assignees.HOLDING & set(changed)])


def _tell_phones(plan: Plan, created: list, departments: dict) -> None:
    """Each new or changed site goes into the change log, as phones receive it on pull."""
    db.session.expire_all()
    ids = [ident for ident, _values in created] + [ident for _line, _key, ident, _changed in plan.updates]
    for site in db.session.scalars(select(Site).where(Site.id.in_(ids))):
        record_change("site", site.code, site.to_dict(), department_id=site.department_id)


def run_import(kind_name: str, text: str, *, dry_run: bool) -> Plan:
    """Check, compare and (unless ``dry_run`` or any error) apply a CSV file in one transaction."""
    kind = KINDS[kind_name]
    try:
        plan, departments = plan_import(kind, text)
        if plan.errors or dry_run:
            db.session.rollback()
            return plan
        apply_plan(kind, plan, departments)
        db.session.commit()
        return plan
    except BaseException:
        db.session.rollback()
        raise
