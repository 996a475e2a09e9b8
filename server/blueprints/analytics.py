"""Completion analytics for trainers, admins and the Mayor's Office (docs/desk-api.md, Analytics)."""
from flask_smorest import Blueprint

blp = Blueprint("analytics", __name__, description="Checklist completion analytics")
