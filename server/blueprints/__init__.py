"""The JSON API under /api/v1: one blueprint per feature."""
from flask_smorest import Api


def register(api: Api) -> None:
    """Register every API blueprint."""
    from server.blueprints import admin, analytics, auth, blobs, checklists, departments, health, reports, sync, triage
    from server.blueprints import admin_org, retention
    from server.blueprints import desk_lists, mayor  # issue 12: cross-tab, quarterly report, filter lists
    from server.blueprints import sso  # issue 13: single sign-on
    from server.blueprints import counsel  # issue 11: warrant check
    from server.blueprints import alerts  # issue 11: alerts, live events, Web Push subscriptions
    from server.blueprints import admin_settings  # the administrator's "This server" page

    for module in (health, auth, sync, blobs, admin, checklists, analytics, triage, reports, retention, departments,
                   admin_org, mayor, desk_lists, sso, counsel, alerts, admin_settings):
        api.register_blueprint(module.blp, url_prefix="/api/v1")
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    # Push items are a union by kind; the request schema refers to each kind's item by name.
    from server.schemas.alerts import AlertItemSchema
    from server.schemas.sync import AnswerItemSchema, PushItemSchema

    api.spec.components.schema("PushItem", schema=PushItemSchema)
    api.spec.components.schema("AnswerItem", schema=AnswerItemSchema)
    api.spec.components.schema("AlertItem", schema=AlertItemSchema)
    _declare_errors(api)


def _declare_errors(api: Api) -> None:
    """Declare the one error shape as every operation's other answers (401, 403, 404, 429, 503…)."""
    for operations in api.spec._paths.values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("default", "DEFAULT_ERROR")
