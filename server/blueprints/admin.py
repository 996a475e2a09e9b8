"""Administration of users and their devices (admin only; every change audited), and the phone's wipe receipt."""
from uuid import UUID

from flask import g
from flask_smorest import Blueprint
from sqlalchemy import func, or_, select

from server.access import require, scoped
from server.admin import devices as device_admin
from server.admin.org import save_user
from server.auth import requires, token_required
from server.blueprints.admin_common import SECURITY, admin_only, department_by_code, one, refuse_taken
from server.errors import ApiError
from server.extensions import db
from server.models import Department, Device, User
from server.reports import assignees
from server.schemas.admin import (
    AdminDeviceQuerySchema, AdminUserInSchema, AdminUserQuerySchema, AdminUserSchema, RevokeSchema,
)
from server.schemas.auth import DeviceSchema
from server.text_match import ESCAPE, contains_pattern

blp = Blueprint("admin", __name__, description="Administration: users and devices")


def _with_device_counts(users):
    counts = dict(db.session.execute(select(Device.user_id, func.count()).where(
        Device.user_id.in_([u.id for u in users]), Device.revoked_at.is_(None)).group_by(Device.user_id)).all())
    for user in users:
        user.devices = counts.get(user.id, 0)
    return users


@blp.route("/admin/users")
@token_required
@admin_only
@blp.arguments(AdminUserQuerySchema, location="query")
@blp.response(200, AdminUserSchema(many=True))
@blp.doc(security=SECURITY)
def list_users(args):
    """List users by username, filtered by text, department or role; pages of ``limit`` from ``offset``."""
    query = scoped(User, g.principal)
    if args["q"]:
        like = contains_pattern(args["q"])
        query = query.where(or_(func.lower(User.username).like(like, escape=ESCAPE),
                                func.lower(User.display_name).like(like, escape=ESCAPE)))
    if args["department"]:
        department = select(Department.id).where(Department.code == args["department"]).scalar_subquery()
        query = query.where(User.department_id == department)
        if args["assignable"]:  # the desk's "last liaison" question asks the one rule, not a copy of it
            query = query.where(*assignees.assignable(department))
    if args["role"]:
        query = query.where(User.role == args["role"])
    users = db.session.scalars(query.order_by(User.username).limit(args["limit"]).offset(args["offset"])).all()
    return _with_device_counts(users)


def _save_user(user, data):
    refuse_taken(User, User.username, data["username"], user.id if user else None)
    user, _changed = save_user(db.session, user, data, department_by_code(data.get("department")), g.principal)
    db.session.commit()
    return _with_device_counts([user])[0]


@blp.route("/admin/users", methods=["POST"])
@token_required
@admin_only
@blp.arguments(AdminUserInSchema)
@blp.response(201, AdminUserSchema)
@blp.doc(security=SECURITY)
def create_user(data):
    """Create a user (a local password only for demo and break-glass accounts)."""
    return _save_user(None, data)


@blp.route("/admin/users/<int:ident>", methods=["PUT"])
@token_required
@admin_only
@blp.arguments(AdminUserInSchema)
@blp.response(200, AdminUserSchema)
@blp.doc(security=SECURITY)
def update_user(data, ident: int):
    """Change a user; ``active: false`` revokes every device they hold at once, and a liaison deactivated, moved or
    given another role lets go of the reports they may no longer hold."""
    if ident == g.principal.user_id and (not data["active"] or data["role"] != "admin"):
        raise ApiError(409, "you cannot deactivate yourself or give up your own admin role", reason="self_lockout")
    return _save_user(one(User, ident), data)


@blp.route("/admin/devices")
@token_required
@requires("manage_devices")
@blp.arguments(AdminDeviceQuerySchema, location="query")
@blp.response(200, DeviceSchema(many=True))
@blp.doc(security=SECURITY)
def list_devices(args):
    """List devices, newest first (``?user_id=`` for one user's), with last contact and app version."""
    query = device_admin.devices_query(args["user_id"]).where(scoped(Device, g.principal).whereclause)
    return db.session.scalars(query).all()


@blp.route("/admin/devices/<uuid:device_id>/revoke", methods=["POST"])
@token_required
@blp.arguments(RevokeSchema, required=False)
@blp.response(200, DeviceSchema)
@blp.doc(security=SECURITY)
def revoke(args, device_id: UUID):
    """Revoke a device: its tokens stop working at once; with ``wipe`` the phone first sends what it holds, then erases it."""
    require(g.principal, "manage_devices")
    device = db.session.scalar(scoped(Device, g.principal).where(Device.id == device_id))
    if device is None:
        raise ApiError(404, "no such device")
    wipe = bool((args or {}).get("wipe"))
    if device.revoked_at is None or (wipe and device.wipe_requested_at is None):
        device_admin.revoke(device, g.principal, wipe=wipe)
        db.session.commit()
    return device


@blp.route("/device/wiped", methods=["POST"])
@token_required(during_wipe=True)
@blp.response(204)
@blp.doc(security=SECURITY)
def device_wiped():
    """The phone, revoked with wipe, has sent what it held and erased its data: end its sign-in for good."""
    device = db.session.get(Device, g.principal.device_id)
    if device.wipe_requested_at is None:
        raise ApiError(409, "no wipe was asked for this device", reason="no_wipe_requested")
    device_admin.wiped(device.id, g.principal)
    db.session.commit()
