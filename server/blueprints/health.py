"""Liveness: answers without touching the database (also the no-op baseline of bench/push.py)."""
from flask_smorest import Blueprint

blp = Blueprint("health", __name__, description="Liveness")


@blp.route("/health")
@blp.response(200)
def health():
    """Say the process is up."""
    return {"status": "ok"}
