"""Fields the server derives from a report's body at ingest: the search text and whether agents staged.

Computed once, when the report arrives (``server/kinds.py``), and stored in columns the
queue and the aggregate read; a migration that recomputes them calls these same functions.
"""
from encounter.vocabulary import FREE_TEXT_FIELDS


def search_text(body: dict) -> str:
    """The report's free text, lower-cased in one column, for the liaison queue's text search."""
    return "\n".join([body[name] for name in FREE_TEXT_FIELDS if body.get(name)]).lower()


def staging(body: dict) -> bool | None:
    """Did agents stage on city property? Parking/staging area, a staging request or a staging-only outcome.

    None (not known) rather than False otherwise: the report may simply not say.
    """
    if body.get("area_type") == "parking_staging" or "staging" in (body.get("requested") or ()) \
            or body.get("outcome") == "staging_only":
        return True
    return None


def city_assistance(body: dict) -> bool | None:
    """Did City staff or City resources help the agents? Yes if answered yes or any kind of help is named."""
    if body.get("city_assistance") is True or body.get("city_assistance_kinds"):
        return True
    return body.get("city_assistance")
