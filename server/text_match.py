"""Searching for what a person typed: SQL LIKE patterns that match exactly that text, anywhere, any case."""

ESCAPE = "\\"


def contains_pattern(text: str) -> str:
    """A LIKE pattern for lower-cased text containing ``text``, its wildcards escaped (use with ``escape=ESCAPE``).

    So a search for 50% or a_b finds exactly that, not every text with a 50 or an a and a b.
    """
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
