"""Departments by code and name, so every screen a person reads shows names, never codes.

Scoped like every other read (``access.scoped``): a liaison, field employee or department
trainer sees their own department; the Mayor's Office, admins and citywide trainers see all.
Kept minimal on purpose (code and name only); an administration screen may extend it.
"""
from flask import g
from flask_smorest import Blueprint

from server.access import scoped
from server.auth import token_required
from server.extensions import db
from server.models import Department
from server.schemas.reports import DepartmentRefSchema

blp = Blueprint("departments", __name__, description="Departments")


@blp.route("/departments")
@blp.response(200, DepartmentRefSchema(many=True))
@blp.doc(security=[{"bearer": []}])
@token_required
def list_departments():
    """List the departments the caller may read, by name."""
    rows = db.session.execute(scoped(Department, g.principal).with_only_columns(Department.code, Department.name)
                              .order_by(Department.name)).all()
    return [{"code": code, "name": name} for code, name in rows]
