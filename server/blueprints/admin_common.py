"""What the administration blueprints share: admin-only access, finding a row, refusing a taken code."""
from flask import g
from sqlalchemy import select

from encounter.field_message import coded
from server.access import scoped
from server.auth import requires
from server.errors import ApiError
from server.extensions import db
from server.models import Department, Encounter, QuarterlyPublication
from server.schemas.fields import LARGEST_ID

SECURITY = [{"bearer": []}]


# Refuse every role but admin (403) before the body or query string is read; goes under ``token_required``.
admin_only = requires("administer")


def one(model, ident):
    """The row with this id (through the access rules), or 404."""
    row = db.session.scalar(scoped(model, g.principal).where(model.id == ident)) if ident <= LARGEST_ID else None
    if row is None:
        raise ApiError(404, f"no such {model.__tablename__[:-1]}")
    return row


def department_by_code(code: str | None, field: str = "department") -> Department | None:
    """The department with this code (None for none), or 400 naming the field."""
    if not code:
        return None
    department = db.session.scalar(select(Department).where(Department.code == code))
    if department is None:
        raise ApiError(400, f"no department with the code {code!r}", reason="unknown_reference",
                       errors={"json": {field: [coded("not_found", f"no department with the code {code!r}", value=code)]}})
    return department


def refuse_taken(model, column, value, ident=None) -> None:
    """409 when another row already holds this code or username."""
    other = db.session.scalar(select(model.id).where(column == value))
    if other is not None and other != ident:
        raise ApiError(409, f"{value!r} is already used", reason="duplicate",
                       errors={"json": {column.key: [coded("taken", f"{value!r} is already used", value=value)]}})


def refuse_renaming_used(row, code: str) -> None:
    """409 ``code_in_use`` when ``code`` would replace the code of a department or site that reports name.

    Reports carry their site's code in the body (and phones hold it offline); a published quarter's tables and
    counts are keyed by department code. A new code would leave them naming a code nothing has any more (a
    published quarter then reads as changed, its department missing), so such a code stays; the name may change.
    """
    if row is None or row.code == code:
        return
    department = isinstance(row, Department)
    column = Encounter.department_id if department else Encounter.site_id
    used = db.session.scalar(select(Encounter.id).where(column == row.id).limit(1)) is not None
    if not used and department:
        used = any(row.code in (entry.counted or {}) for entry in db.session.scalars(select(QuarterlyPublication)))
    if used:
        what = "department" if department else "site"
        raise ApiError(409, f"the {what} {row.code!r} has reports (or a published quarter names it): its code "
                            "cannot change; change its name instead", reason="code_in_use")
