"""Device administration: list devices, revoke one."""
from uuid import UUID

from flask import g
from flask_smorest import Blueprint

from server.access import require, scoped
from server.auth import revoke_device, token_required
from server.errors import ApiError
from server.extensions import db
from server.models import Device
from server.schemas.auth import DeviceSchema

blp = Blueprint("admin", __name__, description="Administration")


@blp.route("/admin/devices")
@token_required
@blp.response(200, DeviceSchema(many=True))
@blp.doc(security=[{"bearer": []}])
def list_devices():
    """List devices, newest first."""
    require(g.principal, "manage_devices")
    return db.session.scalars(scoped(Device, g.principal).order_by(Device.created_at.desc())).all()


@blp.route("/admin/devices/<uuid:device_id>/revoke", methods=["POST"])
@token_required
@blp.response(200, DeviceSchema)
@blp.doc(security=[{"bearer": []}])
def revoke(device_id: UUID):
    """Revoke a device: every token on it stops working at once."""
    require(g.principal, "manage_devices")
    device = db.session.scalar(scoped(Device, g.principal).where(Device.id == device_id))
    if device is None:
        raise ApiError(404, "no such device")
    if device.revoked_at is None:
        revoke_device(device, g.principal)
        db.session.commit()
    return device
