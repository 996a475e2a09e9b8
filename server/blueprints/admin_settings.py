"""The administrator's "This server" page: data-protection and sign-in settings in effect, read-only."""
from flask import current_app, g
from flask_smorest import Blueprint

from server.admin.settings import in_effect
from server.auth import token_required
from server.blueprints.admin_common import SECURITY, admin_only
from server.schemas.admin_settings import ServerSettingsSchema

blp = Blueprint("admin_settings", __name__, description="Administration: the server's settings in effect")


@blp.route("/admin/settings")
@token_required
@admin_only
@blp.response(200, ServerSettingsSchema)
@blp.doc(security=SECURITY)
def server_settings():
    """Say what retention, phone, sign-in and push settings are in effect (values only, never a secret)."""
    return in_effect(current_app.config, g.principal)
