"""Administration of departments and sites (admin only; every change audited)."""
from flask import g
from flask_smorest import Blueprint
from sqlalchemy import func, select

from encounter.field_message import coded
from server.access import scoped
from server.admin.org import UnknownReference, save_department, save_site
from server.auth import token_required
from server.blueprints.admin_common import SECURITY, admin_only, department_by_code, one, refuse_renaming_used, refuse_taken
from server.checklists.files import variants
from server.errors import ApiError
from server.extensions import db
from server.models import Department, Site, User
from server.schemas.admin import DepartmentInSchema, DepartmentSchema, SiteInSchema, SiteSchema, VariantSchema

blp = Blueprint("admin_org", __name__, description="Administration: departments and sites")


def _with_counts(departments):
    sites = dict(db.session.execute(select(Site.department_id, func.count()).group_by(Site.department_id)).all())
    users = dict(db.session.execute(select(User.department_id, func.count()).where(User.active)
                                    .group_by(User.department_id)).all())
    for dept in departments:
        dept.sites, dept.users = sites.get(dept.id, 0), users.get(dept.id, 0)
    return departments


def _save_department(department, data):
    refuse_taken(Department, Department.code, data["code"], department.id if department else None)
    refuse_renaming_used(department, data["code"])
    try:
        department, _changed = save_department(db.session, department, data, g.principal)
    except UnknownReference as exc:
        raise ApiError(400, str(exc), reason="unknown_reference", errors={"json": {exc.field: [coded("not_found", str(exc), value=exc.value)]}}) from None
    db.session.commit()
    return _with_counts([department])[0]


@blp.route("/admin/departments")
@token_required
@admin_only
@blp.response(200, DepartmentSchema(many=True))
@blp.doc(security=SECURITY)
def list_departments():
    """List every department with its numbers, checklist variant and counts."""
    return _with_counts(db.session.scalars(scoped(Department, g.principal).order_by(Department.code)).all())


@blp.route("/admin/departments", methods=["POST"])
@token_required
@admin_only
@blp.arguments(DepartmentInSchema)
@blp.response(201, DepartmentSchema)
@blp.doc(security=SECURITY)
def create_department(data):
    """Create a department; with a checklist variant, its checklist is published from that content file."""
    return _save_department(None, data)


@blp.route("/admin/departments/<int:ident>", methods=["PUT"])
@token_required
@admin_only
@blp.arguments(DepartmentInSchema)
@blp.response(200, DepartmentSchema)
@blp.doc(security=SECURITY)
def update_department(data, ident: int):
    """Change a department (phones get new numbers with their sites on the next pull)."""
    return _save_department(one(Department, ident), data)


@blp.route("/admin/checklist-variants")
@token_required
@admin_only
@blp.response(200, VariantSchema(many=True))
@blp.doc(security=SECURITY)
def list_variants():
    """List the checklist content files a department can start from."""
    return [{"variant": key, "title": content["title"], "steps": len(content["steps"])}
            for key, content in sorted(variants().items())]


@blp.route("/admin/sites")
@token_required
@admin_only
@blp.response(200, SiteSchema(many=True))
@blp.doc(security=SECURITY)
def list_sites():
    """List every site, by department then code."""
    query = scoped(Site, g.principal).join(Department, Site.department_id == Department.id)
    return db.session.scalars(query.order_by(Department.code, Site.code)).all()


def _save_site(site, data):
    refuse_taken(Site, Site.code, data["code"], site.id if site else None)
    refuse_renaming_used(site, data["code"])
    site, _changed = save_site(db.session, site, data, department_by_code(data["department"]), g.principal)
    db.session.commit()
    return site


@blp.route("/admin/sites", methods=["POST"])
@token_required
@admin_only
@blp.arguments(SiteInSchema)
@blp.response(201, SiteSchema)
@blp.doc(security=SECURITY)
def create_site(data):
    """Create a site; its department's phones get it on their next pull."""
    return _save_site(None, data)


@blp.route("/admin/sites/<int:ident>", methods=["PUT"])
@token_required
@admin_only
@blp.arguments(SiteInSchema)
@blp.response(200, SiteSchema)
@blp.doc(security=SECURITY)
def update_site(data, ident: int):
    """Change a site (``active: false`` retires it from phones)."""
    return _save_site(one(Site, ident), data)
