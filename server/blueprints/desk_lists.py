"""Lists for the desk's filters (issue 12): the sites the signed-in user may see (departments: blueprints/departments.py).

Scoped through ``server/access.py``: a liaison lists their own department and its sites, a
citywide role every one. Sites carry their facility type, never an address or a person.
"""
from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select

from server.access import visible
from server.auth import token_required
from server.extensions import db
from server.models import Department, Site

blp = Blueprint("desk_lists", __name__, description="Departments and sites for the desk's filters")


class SiteItemSchema(Schema):
    """A site as filters name it, with its department and facility type."""

    code = fields.String()
    name = fields.String()
    department = fields.String(metadata={"description": "department code"})
    facility_type = fields.String()
    active = fields.Boolean()


@blp.route("/sites")
@token_required
@blp.response(200, SiteItemSchema(many=True))
@blp.doc(security=[{"bearer": []}])
def sites():
    """Return the sites the user may see with their facility type, for the desk's filters."""
    rows = db.session.execute(
        select(Site.code, Site.name, Site.facility_type, Site.active, Department.code.label("department"))
        .join(Department, Department.id == Site.department_id)
        .where(visible(Site, g.principal)).order_by(Department.code, Site.code))
    return [{"code": r.code, "name": r.name, "department": r.department, "facility_type": r.facility_type,
             "active": r.active} for r in rows]
