"""A filter's code or id, resolved through the viewer's scope: what another department holds reads as absent.

Every desk question narrowed by a code (analytics, the quarterly report) answers 404 "no such
<what>" for a code that names nothing visible, never an empty answer that looks like "nothing
happened there" (docs/desk-api.md), with a reason a client words in its reader's language
(``unknown_department``, ``unknown_site``, ``unknown_version``; the desk's REFUSALS).
"""
from sqlalchemy import select

from server.access import scoped
from server.errors import ApiError
from server.extensions import db


# What a filter names → the reason of its 404.
REASONS = {"department": "unknown_department", "site": "unknown_site", "checklist version": "unknown_version"}


def visible_id(model, column, value, what: str, principal):
    """Return the id of the visible row whose ``column`` is ``value`` (None for no filter); 404 when none is."""
    if value is None:
        return None
    found = db.session.scalar(select(model.id).where(column == value, model.id.in_(
        scoped(model, principal).with_only_columns(model.id))))
    if found is None:
        raise ApiError(404, f"no such {what}", reason=REASONS[what])
    return found
