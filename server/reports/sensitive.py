"""Warn when a report's free text looks like it holds what must never be collected.

BRIEF.md, "Never collect": immigration or citizenship status, residents' nationality or
birth dates, A-numbers. The phone warns while typing; the desk shows the same warning so a
liaison can flag the report for redaction. These are flags, never blocks: a match may be
innocent ("visa" in a stated purpose), and only a person can tell. English and Spanish.
Computed at read time from the text, so improving a pattern applies to every stored report.
"""
import re

from server.kinds import FREE_TEXT_FIELDS

FLAG = "possible_sensitive_text"
_ACCENTS = str.maketrans("áéíóúüñ", "aeiouun")

# Kinds of match, each a compiled pattern over lower-cased text with Spanish accents folded.
PATTERNS = {
    # Alien registration numbers: A123456789, A-123-456-789, A# 12345678, "a-number", "número A".
    "registration_number": re.compile(
        r"\ba[\s#:-]{0,3}\d{3}[\s-]?\d{3}[\s-]?\d{2,3}\b|\ba[\s-]?(number|no\.?|#)\s*\d"
        r"|\balien (registration )?(number|no\b)|\bnumero (de )?(a|extranjero)\b"),
    "status_words": re.compile(
        r"\b(undocumented|illegals?|illegal aliens?|aliens?|immigration status|legal status|citizenship|citizens?"
        r"|non-?citizens?|green ?cards?|visas?|overstay\w*|daca|dreamers?|asylum|refugees?|tps|deportable"
        r"|no papers|without papers"
        r"|indocumentad[oa]s?|ilegal(es)?|sin papeles|estatus (migratorio|legal)|estado migratorio"
        r"|ciudadan(o|a|os|as|ia)|tarjeta verde|mica|residencia (legal|permanente)|asilo|refugiad[oa]s?)\b"),
    "nationality_words": re.compile(
        r"\b(nationality|national of|ethnicity|ethnic|hispanic|latin[oax]s?|foreigners?|foreign nationals?"
        r"|mexican|guatemalan|salvadoran|honduran|nicaraguan|cuban|venezuelan|colombian|ecuadorian|peruvian"
        r"|haitian|filipin[oa]|chinese|korean|vietnamese|armenian|iranian|russian|indian|african"
        r"|nacionalidad|etnia|etnico|extranjer[oa]s?|mexican[oa]s?|guatemaltec[oa]s?|salvadoren[oa]s?"
        r"|hondure[nñ][oa]s?|nicaraguenses?|cuban[oa]s?|venezolan[oa]s?|colombian[oa]s?|ecuatorian[oa]s?"
        r"|peruan[oa]s?|haitian[oa]s?|filipin[oa]s?|chin[oa]s?|coreano?s?|armeni[oa]s?)\b"),
    "birth_date": re.compile(
        r"\b(date of birth|d\.?o\.?b\.?|birth ?date|birthday|born (on|in)|years? old"
        r"|fecha de nacimiento|nacid[oa] (el|en)|cumpleanos|anos de edad)\b"),
}


def _fold(text: str) -> str:
    return text.lower().translate(_ACCENTS)


def kinds_in(text: str | None) -> list[str]:
    """Return the kinds of sensitive-looking content in a text, in PATTERNS order."""
    if not text:
        return []
    folded = _fold(text)
    return [kind for kind, pattern in PATTERNS.items() if pattern.search(folded)]


def flags(text: str | None) -> list[str]:
    """Return the report flags for its free text (the queue passes ``search_text``)."""
    return [FLAG] if kinds_in(text) else []


def sensitive_fields(body: dict) -> list[dict]:
    """Return ``[{field, kinds}]`` for each free-text field of a body that looks sensitive."""
    out = []
    for name in FREE_TEXT_FIELDS:
        kinds = kinds_in(body.get(name))
        if kinds:
            out.append({"field": name, "kinds": kinds})
    return out
