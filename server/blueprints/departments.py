"""Departments by code and name, so every screen a person reads shows names, never codes.

Scoped like every other read (``access.scoped``): a liaison, field employee or department
trainer sees their own department; the Mayor's Office, admins and citywide trainers see all.
Each comes with its names in every UI language it has (``names``), for the desk's filters and tables.
"""
from flask import g
from flask_smorest import Blueprint

from server.access import scoped
from server.auth import token_required
from server.extensions import db
from server.models import Department
from server.schemas.reports import DepartmentListItemSchema

blp = Blueprint("departments", __name__, description="Departments")


@blp.route("/departments")
@blp.response(200, DepartmentListItemSchema(many=True))
@blp.doc(security=[{"bearer": []}])
@token_required
def list_departments():
    """List the departments the caller may read, by name in every UI language (the desk picks its own)."""
    rows = db.session.execute(scoped(Department, g.principal).with_only_columns(
        Department.code, Department.name, Department.names).order_by(Department.name)).all()
    return [{"code": code, "name": name, "names": {"en": name, **(names or {})}} for code, name, names in rows]
