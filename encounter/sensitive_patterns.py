"""The resident-identifier patterns themselves, as (kind, regex source, flags) rows.

Read encounter/sensitive.py first: these sources run on folded text (accents removed) in both
Python and JavaScript, so they are ASCII, use explicit classes instead of \\b \\w \\d \\s, never
look behind, and make group 1 the span when they consume context before it. Flag "i" is the
only flag; name and address shapes are case-sensitive (capitals mark a name).
"""

import re

from encounter.given_names import GIVEN_NAMES, GIVEN_NAMES_FA, GIVEN_WORDLIKE

KINDS = ("a_number", "ssn_itin", "birth_date", "document_number", "status", "nationality", "name", "address",
         "contact")

L = "(?:^|[^A-Za-z0-9])"  # a word starts here (consumed: no lookbehind on older Safari)
R = "(?![A-Za-z0-9])"  # and ends here
S = "[ \\t]+"
S0 = "[ \\t]*"


def _any(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


def _trie(*alternatives: str) -> str:
    """The same alternation grouped by first letter (order kept within a letter): a regex engine
    then rejects a word start after one test instead of one per alternative. Both engines agree."""
    heads: dict[str, list[str]] = {}
    others = []
    for alt in alternatives:
        cased = re.match(r"\[([A-Z])([a-z])\]", alt)
        if cased and cased.group(1).lower() == cased.group(2):
            head, rest = alt[:4], alt[4:]
        elif alt[:1].isalpha() and alt[1:2] not in ("?", "*", "+", "{"):
            head, rest = alt[0], alt[1:]
        else:
            others.append(alt)
            continue
        heads.setdefault(head, []).append(rest)
    return _any(*[head + _any(*rests) for head, rests in heads.items()], *others)


def _caps(*words: str, after: str = "") -> list[str]:
    """Each word whose first letter is a small letter (of any script) with it also as a capital, since a sentence
    can start with it, then ``after``: alternatives for _any or _trie. Other words are left as written."""
    return [(f"[{w[0].upper()}{w[0]}]{w[1:]}" if w[:1].islower() else w) + after for w in words]


# --- numbers ----------------------------------------------------------------------------------
_DIGITS_A = "(?:[0-9]{3}[ .-]?[0-9]{3}[ .-]?[0-9]{3}|[0-9]{2}[ .-]?[0-9]{3}[ .-]?[0-9]{3})(?![0-9])"
# "A#: 208556714" on a copied form: a hash and a colon together.
A_NUMBER = (L + "(A" + S0 + "(?:[-#:.]" + S0 + "){0,2}(?:" + _any("no", "number", "num", "numero", "nro", "file")
            + S0 + "[-#:.]?" + S0 + "[-#:.]?" + S0 + ")?" + _DIGITS_A + ")" + R)
# Said aloud and typed as said, after its words ("his a number two oh one four four five nine eight three", round 7):
# eight or nine digit words. Before the telephone number read aloud (PHONE_SPELLED), which would take the same words.
_DIGIT_WORD = _trie("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "cero", "uno",
                   "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")
A_NUMBER_SPOKEN = (L + _any("a[ -]?number", "alien" + S + "number", "numero" + S + "a") + S0 + "[:,-]?"
                   + S0 + "(?:(?:" + _any("is", "was", "es", "era", "out", "loud", "aloud") + S + "){0,3})?"
                   + "(" + _DIGIT_WORD + "(?:(?:" + S0 + "[,.-]" + S0 + "|" + S + ")" + _DIGIT_WORD + "){7,8})" + R)
A_NUMBER_WORDS = (L + "(" + _any("alien(?:" + S + "registration)?" + S + _any("number", "no\\.?", "#"),
                                 "numero" + S + "(?:de" + S + ")?" + _any("extranjero", "registro de extranjero"),
                                 "registration number")
                  + S0 + "[-#:.]?" + S0 + _DIGITS_A + ")" + R)
SSN = L + "([0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{3} [0-9]{2} [0-9]{4}|[Xx*]{3}-[Xx*]{2}-[0-9]{4})(?![0-9-])"
SSN_WORDS = (L + _any("ssn", "ss#", "s\\.s\\.n\\.?", "social(?: security)?(?: number| no\\.?| card)?",
                      "(?:numero de )?seguro social", "itin", "tax id(?: number)?",
                      "taxpayer identification(?: number)?")
             + S0 + "(?:" + _any("number", "no\\.?", "numero", "#", "is", "es") + S0 + ")?[:#.-]?" + S0
             + "([0-9]{9}|[0-9]{3}[ .-][0-9]{2}[ .-][0-9]{4})" + "(?![0-9])")
# The last four digits of a resident's social, only right after words that say so ("last 4 of her social 8890",
# "los últimos 4 del seguro 8890"): four digits alone are a time, a count, an address or an extension.
_SOCIAL = _any("social(?: security)?(?: number| no\\.?| #)?", "ssn", "ss#", "itin", "(?:numero del? )?seguro(?: social)?")
SSN_LAST4 = (L + _any(_any("last", "ultimos?") + S + _any("4", "four", "cuatro") + "(?:" + S + _any("digits", "digitos",
                                                                                                    "numeros") + ")?"
                      + S + _any("of", "de", "del", "on") + "(?:" + S + _any("her", "his", "their", "the", "su", "la", "el")
                      + ")?" + S + _SOCIAL,
                      _any("ssn", "social(?: security)?") + S + _any("last" + S + _any("4", "four"), "ending in"))
             + S0 + "[:#-]?" + S0 + "(?:" + _any("is", "was", "es", "era") + S + ")?([0-9]{4})(?![0-9])")
_DOC = _any("passport", "pasaporte", "visa", "i-?94", "arrival record", "green card", "tarjeta verde",
            "tarjeta de residen(?:te|cia)", "permiso de trabajo", "work permit", "ead(?: card)?",
            "employment authorization(?: card| document)?", "border crossing card", "mica",
            "matricula(?: consular)?", "consular id", "driver'?s? licen[cs]e", "licencia(?: de conducir)?",
            "id card", "cedula", "identificacion")
DOCUMENT = (L + _DOC + "(?:" + S + _any("card", "number", "no\\.?", "num\\.?", "numero", "nro\\.?", "#")
            + ")?" + S0 + "[:#.-]?" + S0 + "(?:(?:is|es|was|era)" + S + ")?"
            + "((?=[A-Z-]*[0-9])[A-Z0-9][A-Z0-9-]{4,14}[A-Z0-9])" + R)
# A document's number a few words after the document's name (at most eight, in the same clause: "the I-94 # on
# their paper was 284719330A3", "CA DL D4471839", "la mica del señor: MSC1234567890"), only in the shape that
# document's numbers have: a California licence one letter and seven digits; an I-94 nine digits, a letter and a
# digit, or eleven digits; a green card's or a work permit's (EAD) card number three letters and ten digits; a
# matrícula consular seven to twelve digits; a passport a letter and eight digits, or nine digits. Never past another
# number's word (an event, case or receipt number, a plate, a badge: ICE's and the City's own numbers); a receipt
# number after "receipt" is a rule of its own, whatever the document.
_NOT_OURS = _trie("event", "case", "receipt", "badge", "plate", "ticket", "citation", "work order", "evento", "caso",
                  "recibo", "placa", "expediente", "orden de trabajo")
_APART = "[^A-Za-z0-9.;!?\\n]+"  # what stands between two words of one clause
_WITHIN = ("(?:" + _APART + "(?!" + _NOT_OURS + ")(?:" + _trie("no", "num", "nro", "lic") + "\\.|[A-Za-z0-9]+)){0,8}?"
           + _APART)


def _near(words: str, shape: str) -> str:
    return words + R + _WITHIN + "(?=" + shape + R + ")"


DOCUMENT_NEAR = (L + _any(
    _near(_any("c?dl", "d\\.l\\.?", "driver'?s?", "licen[cs]e", "lic\\.?", "licencia",
               # a California ID card's number has a licence's shape
               "(?:state|ca|calif(?:ornia)?)" + S + "id(?:" + S + "card)?", "identification card"), "[A-Z][0-9]{7}"),
    _near(_any("i[ -]?94", "arrival(?:/departure)? record"), "(?:[0-9]{9}[A-Z][0-9]|[0-9]{11})"),
    _near(_any("green ?cards?", "tarjeta verde", "mica", "(?:permanent )?resident card", "tarjeta de residen(?:te|cia)",
               "i-?551", "ead(?: card)?", "employment authorization(?: card| document)?", "work permit",
               "permiso de trabajo", "i-?766"), "[A-Z]{3}[0-9]{10}"),
    _near(_any("matricula(?: consular)?", "consular id", "id consular"), "(?:[A-Z]{2})?[0-9]{7,12}"),
    _near(_any("passports?", "pasaportes?"), "(?:[A-Z]{1,2}[0-9]{7,8}|[0-9]{9}|[A-Z][0-9]{7}[A-Z])"))
    + "([A-Z]{0,3}[0-9]{7}[A-Z0-9]{0,6})" + R)  # every shape above: seven digits in a row (a cue: text without skips it)

# An A-number a few words after its name ("read his A# out loud, 212-390-554", round 8).
A_NUMBER_NEAR = L + _near(_any("a" + S0 + "#", "a-number", "alien number"), _DIGITS_A) + "(" + _DIGITS_A + ")"

# --- dates of birth -----------------------------------------------------------------------------
_MONTH = _any("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "jan\\.?", "feb\\.?", "mar\\.?", "apr\\.?", "jun\\.?", "jul\\.?", "aug\\.?",
              "sept?\\.?", "oct\\.?", "nov\\.?", "dec\\.?", "enero", "febrero", "marzo", "abril", "mayo", "junio",
              "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre")
_DATE = _any("[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})", "[0-9]{1,2} [0-9]{1,2} [0-9]{4}",
             "[0-9]{4}-[0-9]{2}-[0-9]{2}",
             _MONTH + S + "[0-9]{1,2}(?:st|nd|rd|th)?,?" + S + "[0-9]{4}",
             "[0-9]{1,2}" + S + "(?:de" + S + ")?" + _MONTH + ",?" + S + "(?:de" + S + ")?[0-9]{4}",
             _MONTH + S + "(?:de" + S + ")?[0-9]{4}",
             "(?:19|20)[0-9]{2}")
_OLD_YEAR = "(?:19[0-9]{2}|20[01][0-9])"
BIRTH_WORDS = (L + "(" + _any("dates? of birth", "birth ?date", "birthday", "d\\.?o\\.?b\\.?", "fecha de nacimiento",
                              "f\\. de nac\\.?", "cumpleanos", "born", "nacid[oa]s?", "nacio")
               + S0 + "[:,-]?" + S0 + "(?:" + _any("on", "in", "el", "en", "the", "is", "es", "was", "fue") + S + ")?"
               + _DATE + ")(?![0-9])")
BIRTH_DATE = (L + "(" + _any("[0-9]{1,2}[/.-][0-9]{1,2}[/.-]" + _OLD_YEAR,
                             _OLD_YEAR + "-[0-9]{2}-[0-9]{2}",
                             _MONTH + S + "[0-9]{1,2}(?:st|nd|rd|th)?,?" + S + _OLD_YEAR,
                             "[0-9]{1,2}" + S + "(?:de" + S + ")?" + _MONTH + ",?" + S + "(?:de" + S + ")?" + _OLD_YEAR)
              + ")(?![0-9])")
# A date of birth said aloud and typed by voice-to-text (round 6: "born july ninth nineteen eighty five"): after the
# words of birth, a month, a day in words or digits and a year in words.
_DAY_WORD = _any("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "(?:thir|four|fif|six|seven|eigh|nine)teenth", "twentieth", "thirtieth",
                 "thirty[ -]first", "twenty[ -](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)",
                 "[0-9]{1,2}(?:st|nd|rd|th)?")
BIRTH_SPOKEN = (L + _any("born", "birthday", "d\\.?o\\.?b\\.?", "date of birth") + S0 + "[:,-]?" + S0
                + "(?:" + _any("on", "is", "was") + S + ")?"
                + "(" + _MONTH + S + _DAY_WORD + ",?" + S + _any(_any("nineteen", "two thousand(?: and)?", "twenty")
                + "(?:" + S + "[a-z]+){1,2}", _OLD_YEAR) + ")" + R)
# Russian: "дата рождения 5 марта 1982" (round 9).
BIRTH_RU = L + "дат[аы]" + S + "рождения" + S0 + "[:,-]?" + S0 + "([0-9]{1,2}" + S + "[а-яё]+" + S + "[0-9]{4})"

# A date of birth in Chinese or Korean, after its words (round 7: "出生日期1979年3月2日"): year, month and day.
BIRTH_CJK = (L + _any("出生日期", "出生", "生日", "生於", "生于", "생년월일", "생일", "출생일?") + S0 + ":?" + S0 + "(?:은|는|이|是|为|為)?" + S0
             + "([0-9]{4}" + S0 + "(?:年|년|[./-])" + S0 + "[0-9]{1,2}" + S0 + "(?:月|월|[./-])" + S0 + "[0-9]{1,2}(?:" + S0
             + "(?:日|号|號|일))?)(?![0-9])")
# --- immigration status ---------------------------------------------------------------------------
STATUS = (L + "(" + _trie(
    "undocumented", "indocumentad[oa]s?", "illegal" + S + _any("aliens?", "immigrants?", "migrants?"), "illegals",
    "(?:here|in the country|in the u\\.?s\\.?|crossed(?: the border)?|entered the country)" + S + "illegally",
    # A person said to be illegal ("hes illegal"), never a thing ("it's illegal") nor what a person does there.
    "(?:he|she|" + _any("mom", "dad", "mother", "father", "husband", "wife", "son", "daughter", "brother", "sister",
                        "uncle", "aunt", "cousin", "guy", "lady", "man", "woman", "neighbou?r", "tenant", "patron",
                        "boyfriend", "girlfriend") + ")(?:'?s|" + S + "(?:is|was))(?:" + S + _any("an", "just", "probably", "definitely", "also", "totally")
    + ")?" + S + "illegal(?:" + S + _any("aliens?", "immigrants?", "migrants?") + ")?" + R + "(?!" + S0 + "-?" + S0 + _any(
        "vend", "dump", "park", "camp", "sell", "sale", "food", "cart", "firework", "construct", "structure",
        "business", "unit", "activit", "tent", "drug", "gambl", "street", "hir", "rent", "sublet", "occupan",
        "dwelling") + ")",
    "inmigrantes?" + S + "ilegal(?:es)?", "ilegales",
    # (one space written, as in "sin papeles": the cue is then the whole phrase, never the common word "present")
    "lawful(?:ly)? present", "lawful presence", "unlawful(?:ly)? present", "unlawful presence",
    _any("es", "era", "son", "eran", "esta", "estaba", "estan", "estaban", "y") + S + "ilegal", "aliens?(?!" + S0 + _any("registration", "number", "no\\.", "no" + S0 + "[a0-9#]", "#", "file") + ")",
    "sin papeles", "(?:no|without|has no|have no|doesn'?t have|does not have|don'?t have|didn'?t have)" + S
    + "(?:any" + S + ")?papers",
    "no (?:tienen?|tenian?|tuvo|tuvieron) (?:papeles|documentos)", "se les? vencio (?:la|su) visa",
    "(?:he|she|they|who) (?:has|had|have) no (?:legal )?status", "bulbeop ?cheryu", "(?:es|son|esta|estan)" + S + "sin documentos",
    "(?:immigration|legal|citizenship|migratory|residency)" + S + "status", "out of status", "mixed[ -]status",
    "(?:estatus|status|estado|situacion)" + S + _any("migratori[oa]", "legal", "de inmigracion", "mixto"),
    "sin estatus", "citizenship", "non-?citizens?", "citizens?", "ciudadan[oa]s?", "ciudadania",
    "green ?cards?", "tarjeta verde", "(?:lawful )?permanent residents?", "legal residents?", "lpr",
    "residen(?:te|tes|cia)" + S + _any("permanentes?", "legal(?:es)?"), "naturalized", "naturalizad[oa]s?",
    "visa" + S + _any("overstay", "expired", "vencida", "de turista", "de estudiante", "de trabajo"),
    "overstay(?:ed|ing|s)?", _any("tourist", "student", "work", "expired", "u", "t", "h-1b", "h1b") + S + "visas?",
    "daca", "dacamented", "dreamers?", "sonador(?:es|as?)?", "asylum(?:" + S + _any("seekers?", "case", "claim",
                                                                                     "application") + ")?",
    "asylees?", "asilo", "asilad[oa]s?", "refugees?", "refugiad[oa]s?", "tps", "temporary protected status",
    "parolee", "humanitarian parole", "deportable", "deportad[oa]s?", "deported",
    "(?:orders?|orden(?:es)?) (?:of|de) (?:removal|deportation|deportacion)", "removal order",
    # round 6: "has a deportation order", "have final orders", "is in removal proceedings", "parole expired"
    "(?:final|deportation) orders?", "orden(?:es)? de deportacion", "removal proceedings",
    "(?:proceso|procedimiento) de deportacion", "parole (?:expired|ran out|ended)", "expired parole",
    "permiso de trabajo", "work permit") + ")" + R)
# Status words that say no one's status: the titles ICE prints on its forms (the I-200 "Warrant for Arrest of
# Alien", the I-213 "Record of Deportable/Inadmissible Alien"), and an agent's question whether someone is a
# citizen, which is the encounter's fact (the employee answers "I am not authorised to answer"): only the question's
# last words are shielded, so a name or a nationality in it is still found, and so is any answer written after it.
ALLOW_STATUS = L + "(" + _any(
    # "I'm not authorized to discuss anyone's immigration status" (round 7): the protocol's answer, no one's status
    _any("discuss", "talk about", "share", "disclose", "answer questions about", "ask about", "asked about", "hablar de",
         "compartir") + "(?:" + S + "[a-z']+){0,2}" + S + "(?:immigration" + S + ")?status",
    _any("anyone'?s", "anybody'?s", "someone'?s", "people'?s") + S + "(?:immigration" + S + ")?status",
    "warrant for (?:the )?arrest of (?:an )?aliens?",
    # "Alien" the film, and alien plants: "movie night was showing alien", "pulled alien plants" (round 4)
    _any("movie", "movies", "film", "films", "showing", "showed", "screening", "screened", "watched", "watching", "watch")
    + S + "(?:the" + S + _any("movie", "film") + S + ")?aliens?",
    "aliens?" + S + _any("movie", "film", "costume", "invasion", "abduction", "species", "plants?", "weeds?", "spaceship"),
    # A class or a programme about citizenship, not anyone's status: "the citizenship class", "taller de ciudadanía"
    "citizenship" + S + _any("class(?:es)?", "workshops?", "clinics?", "programs?", "fairs?", "courses?", "prep"),
    _any("clases?", "talleres?", "taller", "curso") + S + "de" + S + "ciudadania", "record of deportable(?:/inadmissible| or inadmissible)? aliens?",
    "orden de (?:arresto|detencion) de(?:l)? extranjer[oa]s?") + ")" + R
_ASKED = _any("asked", "asking", "asks", "ask", "wanted to know", "wants to know", "questioned")
ALLOW_CITIZEN_QUESTION = (L + _any(
    _ASKED + "(?:" + S + "[a-z']+){0,2}?" + S + _any("if", "whether") + "(?:" + S + "[a-z'-]+){1,6}?",
    "(?:le |les )?pregunt(?:o|aron|aba|aban|ando|ar)(?:" + S + "[a-z]+){0,3}?" + S + "si(?:" + S + "[a-z]+){0,4}?")
    + S + "(" + _any(
        "(?:(?:was|is|were|are|be)" + S + ")?(?:an?" + S + ")?(?:(?:u\\.?s\\.?|us|american)" + S + ")?citizens?",
        "(?:era|es|eran|son|fuera|fueran)" + S + "(?:una?" + S + ")?ciudadan[oa]s?(?:" + S
        + "(?:american|estadounidense)[oa]?s?)?") + ")" + R)

# --- nationality and country of origin -------------------------------------------------------------
_DEMONYMS = ("mexican", "guatemalan", "salvadoran", "salvadorean", "honduran", "nicaraguan", "cuban", "venezuelan",
             "colombian", "ecuadorian", "peruvian", "haitian", "dominican", "brazilian", "argentinian", "argentine",
             "bolivian", "filipino", "filipina", "chinese", "korean", "vietnamese", "armenian", "iranian", "russian",
             "ukrainian", "indian", "pakistani", "bangladeshi", "ethiopian", "eritrean", "nigerian", "somali",
             "cambodian", "thai", "japanese", "zapotec", "mixtec", "mayan", "latino", "latina", "latinx",
             "hispanic")
_ES_DEMONYMS = ("mexican[oa]", "guatemaltec[oa]", "salvadoren[oa]", "honduren[oa]", "nicaraguense",
                "cuban[oa]", "venezolan[oa]", "colombian[oa]", "ecuatorian[oa]", "peruan[oa]", "haitian[oa]",
                "dominican[oa]", "brasilen[oa]", "argentin[oa]", "bolivian[oa]", "filipin[oa]", "chin[oa]",
                "corean[oa]", "vietnamita", "armeni[oa]", "irani", "iranie", "rus[oa]", "ucranian[oa]",
                "zapotec[oa]", "mixtec[oa]")
_COUNTRIES = ("mexico", "guatemala", "el salvador", "honduras", "nicaragua", "cuba", "venezuela", "colombia",
              "ecuador", "peru", "haiti", "dominican republic", "republica dominicana", "brazil", "brasil",
              "argentina", "bolivia", "philippines", "filipinas", "china", "korea", "corea", "vietnam",
              "armenia", "iran", "russia", "rusia", "ukraine", "ucrania", "india", "pakistan", "bangladesh",
              "ethiopia", "etiopia", "eritrea", "nigeria", "somalia", "cambodia", "camboya", "thailand",
              "tailandia", "japan", "japon", "oaxaca", "michoacan", "jalisco", "zacatecas", "puebla")
_ORIGIN = ("nationality", "nacionalidad", "national of", "foreign nationals?", "foreigners?", "extranjer[oa]s?",
           "country of origin", "pais de origen", "ethnicity", "etnia")
NATIONALITY = (L + "(" + _trie(*[d + "s?" for d in _DEMONYMS], *[d + "s?" for d in _ES_DEMONYMS], *_COUNTRIES,
                             *_ORIGIN) + ")" + R)
_LANGUAGE = _any("korean", "chinese", "armenian", "russian", "vietnamese", "japanese", "thai", "coreano", "chino",
                 "armenio", "ruso", "vietnamita", "japones", "mandarin", "cantonese", "tagalog", "farsi")
ALLOW_LANGUAGE = (L + "(" + _any(
    # a language class: "the korean class tuesdays" (round 4)
    _LANGUAGE + S + _any("class(?:es)?", "lessons?", "courses?", "conversation group", "story ?time", "books?", "section"),
    _any("spoke", "speaks", "speaking", "spoken", "in", "into", "habla", "hablaba", "hablan", "hablaban", "en",
         "al", "interpreter for", "translated", "tradujo") + S + "(?:" + _any("spanish", "english", "espanol", "ingles")
    + S + _any("and", "y", "or", "o") + S + ")?" + _LANGUAGE,
    _any(*_DEMONYMS) + "[ -]" + _any("speaking", "speakers?", "language", "interpreter", "translator", "version",
                                     "restaurant", "food", "market", "bakery", "consulate", "cultural", "community",
                                     "museum", "heritage"),
    "consulado" + S + "(?:de|del)" + S + _any(*_COUNTRIES), "new mexico", "mexico city", "little " + _any(
        "armenia", "tokyo", "ethiopia", "bangladesh", "saigon", "india"), "thai town",
    # A place named after a country: "El Salvador Community Corridor", "Plaza Mexico", "Calle Guatemala".
    _any(*_COUNTRIES) + S + _any("community", "corridor", "street", "st", "avenue", "ave", "boulevard", "blvd", "park",
                                 "plaza", "square", "market", "restaurant", "bakery", "cafe", "consulate"),
    _any("plaza", "calle", "avenida", "corredor") + S + _any(*_COUNTRIES)) + ")" + R)

# A copied form's heading ("Nationality: MEXICO"): the heading says nothing, what is written after it is still read
# (the country is the span), round 4.
ALLOW_NATIONALITY_HEADING = (L + "(" + _any("nationality", "nacionalidad", "country of (?:origin|citizenship|birth)",
                                            "pais de (?:origen|nacimiento)", "citizenship") + S0 + "[:-]" + S0 + ")(?=[a-z])")

# --- names ------------------------------------------------------------------------------------------
# Words a name never starts with. The small ones are capitalised only where a sentence starts; the rest always
# are (titles, agencies, places, days, months, languages).
_SMALL = ("The", "An", "El", "La", "Los", "Las", "Un", "Una", "He", "She", "They", "We", "It", "His", "Her", "Their",
          "Our", "My", "Su", "Sus", "Ella", "Ellos", "No", "Yes", "Si", "Us", "Me", "Him", "Them", "Everyone", "Anyone",
          "Someone", "Nobody", "This", "That", "Which", "What", "Who", "And", "Or", "But", "At", "On", "In", "To",
          "For", "With", "By", "Usted", "Nadie", "Alguien", "Todos", "Este", "Esta", "Ese", "Esa", "Pero", "En", "Con",
          "Por", "Para", "De", "Del", "Al")
_PROPER = _any("A", "I", "Y", "O", "Agent", "Agents", "Officer", "Officers", "Deputy", "Supervisor", "Special",
               "Sergeant", "Captain", "Lieutenant", "Counsel", "Mayor", "City", "Library", "Branch", "Park", "Center",
               "Department", "Street", "Avenue", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
               "Sunday", "Agente", "Agentes", "Oficial", "Oficiales", "Senor", "Senora", "Mr", "Mrs", "Ms", "Sr", "Sra",
               "Srta", "ICE", "HSI", "CBP", "ERO", "DHS", "FBI", "LAPD", "LAFD", "Homeland", "Immigration", "Central",
               "Regional", "Council", "Liaison", "Manager", "Director", "Staff", "Security", "Guard", "Ranger",
               "Rangers", "Police", "Judge", "Court", "Federal", "Boulevard", "Blvd", "Road", "Freeway", "Highway", "Ave",
               "St", "Drive", "Way", "Spanish", "English", "Espanol", "Ingles", "January", "February", "March", "April",
               "May", "June", "July", "August", "September", "October", "November", "December", "Photos", "Pictures",
               "Calle", "Avenida", "Biblioteca", "Parque", "Centro", "Oficina",
               # the words of a warrant's printed title: "Warrant for Arrest of Alien" names no one
               "Arrest", "Removal", "Deportation", "Detention", "Alien", "Aliens", "Dios", "God",
               # places: "Lincoln Heights", "Union Station" are never a name's part
               "Heights", "Hills", "Valley", "Village", "Beach", "Station", "Plaza", "Square", "School", "Elementary")
_STOP = _any(*_SMALL, _PROPER)
_WORD = _any("[A-Z][a-z]*'[A-Z]?[a-z]+", "(?:Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_TOKEN = "(?!" + _STOP + "(?![A-Za-z]))" + _WORD
_PARTICLE = _any("de", "del", "de la", "de los", "y", "van", "von", "da", "dos", "De", "Del", "De La", "De Los")


def _part(token: str) -> str:
    return "(?:(?:" + S + _PARTICLE + ")?" + S + _any(token, "[A-Z]\\.(?=" + S + "[A-Z])") + ")"


# After two parts, a small word capitalised is the name's last part ("Nguyễn Văn An", "Trần Thị La"), not a
# sentence starting: a name's first part, or its second, never is one ("asked for Rosa The agents left").
# A nickname in quotes after the first part ('the guy is Hector "Tito" Barragan', round 6) stays in the span.
_NICK = "(?:" + S + "[\"\\u201c][A-Z][a-z]+[\"\\u201d])?"
_NAME = _TOKEN + _NICK + "(?:" + _part(_TOKEN) + _part("(?!" + _PROPER + "(?![A-Za-z]))" + _WORD) + "{0,2})?"
_NAME_CUE = _trie(
    "[Nn]amed", "[Nn]ame (?:is|was)", "[Nn]ames (?:are|were)", "[Gg]oes by", "[Ww]ent by", "[Kk]nown as", "aka",
    "[Mm]r\\.?", "[Mm]rs\\.?", "[Mm]s\\.?", "[Mm]iss", "[Ss]r\\.?", "[Ss]ra\\.?", "[Ss]rta\\.?", "[Ss]enor",
    "[Ss]enora", "[Ss]enorita", "[Dd]on", "[Dd]ona",
    "[Pp]atrons?", "[Rr]esidents?", "[Tt]enants?", "[Aa]pplicants?", "[Cc]lients?", "[Cc]ustomers?",
    "[Vv]isitors?", "[Vv]endors?", "[Ss]tudents?", "[Cc]ampers?", "[Pp]articipants?", "[Gg]uests?", "[Pp]arents?",
    "[Ff]ather", "[Mm]other", "[Mm]om", "[Dd]ad", "[Mm]ama", "[Pp]apa", "[Dd]aughter", "[Hh]usband", "[Ww]ife", "[Bb]rother", "[Ss]ister", "[Nn]eighbou?r",
    "[Ii]ndividual", "[Pp]erson", "[Mm]an", "[Ww]oman", "[Bb]oy", "[Gg]irl", "[Cc]hild", "[Ww]orker",
    "[Ll]aborer", "[Mm]inor",
    *_caps("asked", "asking", "looking", "searching", "came", "were here", "was here", "had a war ?rant", "war ?rant",
           after=" for"),
    *_caps("wanted", "targeted", "targeting", "detained", "arrested", "took", "take", "taking", "taken",
           "grabbed", "handcuffed", "questioned", "apprehended", "picked up", "took away", "removed",
           "identified", "located", "found", "photo of", "picture of", "photograph of", "foto de", "fotografia de"),
    "[Ss]e llama(?:ba)?", "[Ll]lamad[oa]", "[Dd]e nombre", "[Nn]ombre(?: (?:es|era))?", "[Dd]onbal(?:e|eh)?", "[Aa]pellidos? (?:es|era)?",
    "[Cc]onocid[oa] como", "[Aa]podad[oa]",
    "[Uu]suari[oa]s?", "[Rr]esidentes?", "[Ii]nquilin[oa]s?", "[Ss]olicitantes?", "[Cc]lientes?",
    "[Vv]isitantes?", "[Vv]endedora?", "[Pp]adre", "[Mm]adre", "[Hh]ij[oa]", "[Ee]spos[oa]", "[Pp]ersona",
    "[Hh]ombre", "[Mm]ujer", "[Tt]rabajadora?", "[Jj]ornaler[oa]", "[Vv]ecin[oa]", "[Nn]in[oa]", "[Ee]studiantes?",
    "[Pp]articipantes?", "[Mm]enor",
    *_caps("buscaban", "buscaba", "buscando", "buscan", "querian", "vinieron por", "detuvieron", "detuvo",
           "arrestaron", "arresto", "se llevaron", "se llevo", "llevaron", "esposaron", "interrogaron",
           "identificaron", "conoce", "conocen", "conocemos", "conocia", "conocian", after=" al?"),
    *_caps("they took", "they detained", "they arrested", "they wanted", "they were looking for", "they asked for",
           "the person they took", "the man they took", "the woman they took", after=" (?:was|is)"),
    *_caps("pregunt", after="(?:aron|o|aban|ando) por"),
    *_caps("orden", "warrant", after=" (?:administrativa )?para"),
    *_caps("buscaban al", "buscaban a la", after=" " + _any("padre", "madre", "hij[oa]", "espos[oa]")
           + " [^,.;]{0,40},"),
    # Holdout round 2: the warrant's, the paper's and the naming words; "a patron called Tomás" (an article:
    # "the patron called Building and Safety" is a call); Tagalog "named", "name is" and si/kay after the verbs
    # of looking for and taking someone (Vietnamese titles are NAME_VI: two letters, too common a cue here).
    *_caps("warrant was", "warrant is", "subpoena was", "subpoena is", after=" for"), "[Rr]ead (?:out )?the name",
    "[Tt]he names?", *_caps("first", "last", "full", "middle", "family", "given", after=" names?(?: only)?"), "[Uu]na? tal",
    # Holdout round 3: "the paper had his name Kevin Arturo Mejia", "the dog's owner Diego Alvarez".
    *_caps("his", "her", "their", after=" names?"), "[Oo]wners?", "[Dd]uen[oa]s?",
    *_caps("a", "an", "one", after=" (?:patron|resident|tenant|applicant|client|customer|visitor|vendor|student|"
           "camper|guest|parent|man|woman|guy|lady|boy|girl|kid|child|worker|person|neighbou?r) called"),
    *_caps("someone called", "somebody called", "nagngangalang"), "[Pp]angalan(?: (?:niya|nya))?(?: ay)?",
    *_caps("hinahanap", "hinanap", "hinuli", "kinuha", "dinakip", "inaresto", "tinanong", "kilala",
           after="(?: (?:ng|nila|namin|nyo|niyo|ko|mo|ba|mga|ang|ahente|ahenteng|agent|pulis|opisyal|ICE)){0,3} (?:si|sina|kay|kina)"
                 "(?: (?:aling|mang|manong|manang|ate|kuya|lola|lolo|tita|tito))?"),
    # Holdout round 5: relatives ("took his uncle Beto"), a relative's name ("yelling his wifes name Lorena"), what
    # belongs to someone or is kept on them ("the permit file for Abdul-Rahman Haidari", "belongs to Emmanuel Addo"),
    # a nickname everyone uses ("the mechanic everyone calls Flaco").
    "[Uu]ncle", "[Aa]unt", "[Cc]ousin", "[Nn]ephew", "[Nn]iece", "[Gg]rand(?:ma|pa|mother|father|son|daughter)",
    "[Ss]on", "[Bb]oyfriend", "[Gg]irlfriend", "[Tt]io", "[Tt]ia", "[Pp]rim[oa]", "[Aa]buel[oa]", "[Ss]obrin[oa]",
    "[Nn]ovi[oa]", "[Hh]erman[oa]", "[Cc]ompadre", "[Cc]omadre", "[Cc]unad[oa]",
    *_caps("wife", "husband", "son", "daughter", "mother", "father", "mom", "dad", "brother", "sister", "uncle", "aunt",
           "cousin", "boyfriend", "girlfriend", "partner", after="'?s names?(?: (?:is|was))?"),
    *_caps("address", "number", "phone", after=" (?:for|of)"),
    # Round 6: "the guy is Hector …", radio's "subject Ismael Quintero", "the card … is under Nguyen Thi Lan", "asked if
    # anyone knew Arturo Mejía Soto".
    *_caps("the guy", "the man", "the woman", "the person", "the target", "the subject", after=" (?:is|was)"),
    "[Ss]ubject", "[Tt]arget", "[Ss]ujeto", *_caps("is", "was", "are", "were", "it's", after=" under"),
    "[Uu]nder the name",
    # Round 7: "a printout w/ a photo, name Marisol …", "the warrant had a name on it, Jesus Alberto Ocampo", "would not
    # confirm whether Beto Carranza is signed up", "a guy they kept calling El Gallo".
    "[Nn]ame", *_caps("a name on it", "the name on it", "a name", after=","),
    *_caps("confirm", "say", "tell them", "tell you", "check", after=" (?:whether|if)"),
    *_caps("kept calling", "calling him", "calling her", "called him", "called her", after="(?: [Ee]l| [Ll]a)?"),
    *_caps("belongs", "belonged", "belonging", after=" to"), "[Pp]ertenec(?:e|ia|en) a",
    *_caps("everyone calls", "everybody calls", "people call", "they call", "we call", "they called",
           after="(?: him| her)?"), *_caps("le dicen", "le llaman", "le decian", after="(?: el| la)?"))
_PLACE_WORDS = ("Street", "St", "Avenue", "Ave", "Boulevard", "Blvd", "Road", "Rd", "Drive", "Dr", "Way", "Lane",
                "Place", "Park", "Library", "Branch", "Center", "Plaza", "Square", "Freeway", "Highway", "Elementary",
                "School", "Station", "Yard", "Recreation", "Pool", "Heights", "Hills", "Valley", "Village", "Beach",
                "Gardens", "Terrace", "Canyon", "Harbor")
_PLACE = _any(*_PLACE_WORDS)
# A name is never the start of a place ("took Van Nuys Boulevard", "asked for Rosa Parks Library").
_NOT_PLACE = "(?!(?:" + S + "[A-Z][a-z]+){0,2}" + S + _PLACE + "(?![A-Za-z]))"
# A given name romanised from Korean or Chinese keeps its second syllable in small letters after a hyphen ("Park
# Ji-hoon", "Kim Min-jun"): the span takes it ("Kim Min" left "-jun"), as it takes a Filipino "dela" ("Maria
# Cristina dela Cruz"). Park, a City word elsewhere, is a surname before such a given name.
_SYLLABLE = "-(?!(?:in|up|on|out|off|op)(?![a-z]))[a-z]{2,6}(?![A-Za-z])"  # not "Check-in", "Pick-up"
_GIVEN = "(?!(?:Self|Non|Co|Re|Pre|Anti|Drop|Walk|Sit|Part|Full|Half)-)[A-Z][a-z]+" + _SYLLABLE
_SURNAME = "[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![A-Za-z])"  # after such a given name or a particle: a surname
_NAME_X = _any("(?:Park" + S + ")?" + _GIVEN + "(?:" + S + _SURNAME + ")?",
               _NAME + "(?:" + _SYLLABLE + ")?(?:" + S + _any("dela", "de las", "di", "du") + S + _SURNAME + ")?")
# After the name word, or in brackets right after it when they hold the name alone ("One man detained (Abebe Tesfaye)";
# not "a patron (Unknown)", "one minor (Female)").
_NOT_NAMED = _any("Unknown", "Unidentified", "Anonymous", "Redacted", "Withheld", "None", "Male", "Female", "Adult",
                  "Juvenile", "Minor", "Elderly", "Desconocid[oa]", "Anonim[oa]", "Hombre", "Mujer", "Menor")
NAME = (L + _NAME_CUE + _any(S0 + "[,:]?" + S + "[\"\\u201c]?", S0 + "[(]" + S0 + "(?!" + _NOT_NAMED + "[) ])(?=" + _NAME_X + S0 + "[)])")
        + "(" + _NAME_X + ")" + "(?![A-Za-z])" + _NOT_PLACE)
_AGENT = _any("[Aa]gent", "[Aa]gents", "[Oo]fficer", "[Dd]eputy", "[Ss]upervisor", "[Ss]pecial [Aa]gent",
              "[Aa]gente", "[Oo]ficial", "[Ss]argento", "SDDO")
ALLOW_AGENT = (L + "(" + _AGENT + "(?:" + S + "(?:" + _TOKEN + "))?" + S
               + _any("said", "says", "gave", "stated", "wrote", "dijo", "dio") + S
               + _any("his", "her", "their", "su") + S + _any("name", "nombre", "badge", "placa")
               + "(?:" + S + _any("is", "was", "as", "es", "era", "como") + ")?" + S0 + "[,:]?" + S + _NAME + ")")
ALLOW_AGENT_NAME = L + "(" + _AGENT + S + _any(_NAME, "dijo que se llamaba" + S + "[a-z]+") + ")"
# "two agents at the rec center, one said his name was Jesus Ortiz" (round 4): agents earlier in the sentence, then
# one of them giving his name, with only small words between (no capitalised word, no person but the agents: "agents
# stopped two men, one said his name was …" is a resident's name and stays found).
_ONLY_AGENTS = "(?!" + _any("men", "man", "women", "woman", "guys?", "people", "persons?", "patrons?", "residents?",
                            "workers?", "vendors?", "kids?", "boys?", "girls?", "lad(?:y|ies)", "tenants?", "customers?",
                            "someone", "somebody", "family", "families", "him", "her", "them", "couple", "others?",
                            "students?", "campers?", "visitors?", "laborers?", "minors?", "children", "child", "guests?")
_ONLY_AGENTS += "(?![a-z]))[a-z0-9'-]+"
ALLOW_AGENT_SAID = (L + _any(*_caps("agents", "officers", "agentes", "oficiales")) + "(?:" + S0 + ",?" + S + _ONLY_AGENTS
                    + "){0,12}" + S0 + "[,;]" + S + "(" + _any(*_caps("one", "one of them", "the other", "the other one"))
                    + "(?:" + S + _any("agent", "officer") + ")?" + S
                    + _any("said", "says", "gave", "stated") + S + "his" + S + "name" + "(?:" + S + _any("was", "is", "as")
                    + ")?" + S0 + "[,:]?" + S + "[A-Z][A-Za-z'-]*)")  # a shield only needs to start before the name
# City staff's roles, in small letters: capitalised through _caps before a staff name (ALLOW_STAFF), as written after a
# title and a surname in small letters (NAME_TITLE_LOW's _ROLE_AFTER).
_STAFF_WORDS = ("guard", "manager", "librarian", "custodian", "director", "supervisora?", "site lead", "clerk", "liaison",
                "counsel", "coordinator", "ranger", "lifeguard", "guardia", "gerente", "bibliotecaria?", "conserje",
                "encargad[oa]", "coordinadora?", "salvavidas")
_STAFF = _any(*_caps(*_STAFF_WORDS))
ALLOW_STAFF = (L + "(" + _STAFF + S0 + ",?" + S + "(?:" + _any("el", "la") + S + ")?"
               + _any("[Mm]r\\.?", "[Mm]rs\\.?", "[Mm]s\\.?", "[Ss]r\\.?", "[Ss]ra\\.?") + S
               + _any(_NAME, "[a-z]+") + ")")  # probe 9: "mi supervisora la sra. lopez"

# --- addresses --------------------------------------------------------------------------------------
# Each word list once, in small letters: the capitalised rules take them through _caps, the lower-case ones as written.
_SUFFIXES = ("street", "st", "avenue", "ave", "av", "boulevard", "blvd", "road", "rd", "drive", "dr", "lane", "ln", "way",
             "place", "pl", "court", "ct", "terrace", "ter", "circle", "cir", "parkway", "pkwy", "highway", "hwy")
_UNITS = ("apt", "apartment", "unit", "suite", "ste", "space", "depto", "apartamento")
_FACILITIES = ("library", "branch", "center", "centre", "park", "yard", "hall", "station", "office", "shelter", "pool", "counter",
               "dock", "lobby", "entrance", "garage",
               "museum", "airport", "terminal", "biblioteca", "centro", "parque", "oficina", "estacion", "patio",
               "facility", "site")
_SUFFIX = _any(*_caps(*_SUFFIXES))
_UNIT = _any(*_caps(*_UNITS[:5]), "#", *_caps(*_UNITS[5:], "interior", "int"))
_STREET_WORD = _any("[A-Z][A-Za-z'.-]*", "[0-9]+(?:st|nd|rd|th)")
_DIRECTION = _any("[NSEW]\\.?", "North", "South", "East", "West")
ADDRESS_SHAPE = ("[0-9]{1,5}[A-Za-z]?(?:" + S + _DIRECTION + ")?(?:" + S + _STREET_WORD + "){1,3}?" + S + _SUFFIX
                 + "\\.?(?:,?" + S + _UNIT + "\\.?" + S0 + "#?" + S0 + "[A-Za-z0-9-]{1,5})?")
ADDRESS = L + "(" + ADDRESS_SHAPE + ")" + R
_CALLE = _any("[Cc]alle", "[Aa]venida", "[Aa]v\\.", "[Bb]ulevar", "[Bb]oulevard", "[Cc]amino")
ADDRESS_ES = (L + "(" + _any(
    _CALLE + "(?:" + S + _STREET_WORD + "){1,3}" + S + "(?:(?:numero|num\\.?|no\\.?|#)" + S0 + ")?[0-9]{1,5}",
    "[0-9]{1,5}" + S + "de" + S + "la" + S + "(?:(?:calle|avenida)" + S + ")?[A-Z][A-Za-z]+") + ")" + R)
ADDRESS_HOME = (L + _any("[Ll]ives", "[Ll]iving", "[Ll]ived", "[Rr]esides", "[Rr]esiding", "[Ss]tays", "[Ss]taying",
                         "[Hh]ome", "[Hh]ouse", "[Vv]ive", "[Vv]ivia", "[Vv]iven", "[Cc]asa", "[Dd]omicilio",
                         "[Dd]ireccion") + "(?:" + S + _any("at", "on", "in", "en", "es", "is", "was") + ")?"
                + "(?:" + S + _any("the", "la", "el") + ")?" + S + "(" + _any(
                    "(?:[0-9]{1,5}" + S + ")?(?:" + _DIRECTION + S + ")?(?:" + _STREET_WORD + S + "){1,3}" + _SUFFIX
                    + "\\.?",
                    _CALLE + "(?:" + S + _STREET_WORD + "){1,3}") + ")" + R)
APARTMENT = L + "(" + _any("[Aa]pt\\.?", "[Aa]partment", "[Aa]partamento", "[Dd]epto\\.?") + S0 + "#?" + S0 + "[0-9]{1,5}[A-Za-z]?)" + R
# An address typed in lower case (round 4: "1423 w. 41st pl, los angeles ca 90037", "2210 n broadway #14b"), read
# case-insensitively, so more carefully than ADDRESS: a house number, a direction (N, S, E, W: the City's grid puts one
# in nearly every address) or none, one to four street words (an ordinal, or a word that is none of a sentence's small
# words) and a street suffix; or a direction and one of the City's long streets written without one ("n broadway").
# Without a direction the number has two digits at least, only three street words and a suffix that is no English
# word ("dr", "way", "ct" are a doctor, a way and a count too). Then a unit, and a city with "ca" and a zip code.
# Never a block ("the 1100 block of w 41st pl"): ALLOW_FACILITY_LOWER shields a City site's address after its name.
_LOW_DIRECTION = _any("n", "s", "e", "w", "north", "south", "east", "west") + "\\.?"
_LOW_STREET = "(?:[0-9]{1,3}(?:st|nd|rd|th)|(?!" + _any(
    "block", "blk", "blocks", "hundred", "am", "pm", "a\\.m\\.", "p\\.m\\.", "min", "mins", "minutes", "hours?", "hrs?",
    "yards?", "feet", "ft", "miles?", "people", "agents?", "officers?", "dogs?", "cats?", "kids?", "men", "women",
    "the", "a", "an", "at", "on", "in", "of", "to", "and", "or", "for", "from", "by", "with", "into", "onto", "near",
    "down", "up", "off", "over", "past", "toward", "towards", "was", "were", "is", "are", "his", "her", "their", "our",
    "my", "its", "this", "that", "side", "main gate", "en", "la", "el", "de", "del", "y", "por") + "(?![a-z]))[a-z][a-z'-]*)"
_LOW_SUFFIX = _any(*_SUFFIXES)
_LOW_SUFFIX_ALONE = _any("street", "st", "avenue", "ave", "boulevard", "blvd", "road", "rd", "lane", "ln", "place", "pl",
                         "parkway", "pkwy")
_LA_STREET = _any("broadway", "figueroa", "alvarado", "vermont", "western", "normandie", "hoover", "soto", "la brea",
                  "crenshaw", "sepulveda", "van nuys", "lankershim", "sunset", "wilshire", "pico", "olympic", "venice",
                  "central", "avalon", "vermont", "la cienega", "fairfax", "highland", "cahuenga", "reseda")
_LOW_UNIT = ("(?:" + S0 + ",?" + S + _any(*_UNITS, "spc", "int") + "\\.?" + S0 + "#?" + S0 + "|" + S + "#" + S0 + ")"
             + "[a-z0-9-]{1,5}")
_LOW_CITY = "(?:" + S0 + ",?" + S + "(?:[a-z]+" + S + "){0,2}[a-z]+" + S0 + ",?" + S + _any("ca", "california") + "(?:"
_LOW_CITY += S + "[0-9]{5})?)"
# (Written as one sequence, number, words, then the suffix or the street, with the two shapes' conditions as lookaheads:
# the text without a number before a space, or without a suffix or such a street, skips the rule.)
ADDRESS_LOWER_SHAPE = ("(?=[0-9]{1,5}[a-z]?" + S + _LOW_DIRECTION + S + "|[0-9]{2,5}[a-z]?(?:" + S + "[a-z0-9'-]+){1,3}?"
                       + S + _LOW_SUFFIX_ALONE + "\\.?(?![a-z0-9]))"
                       + "[0-9]{1,5}[a-z]?(?:" + S + _LOW_DIRECTION + ")?(?:" + S + _LOW_STREET + "){0,4}?" + S
                       + _any(_LOW_SUFFIX, _LA_STREET + "(?:" + S + _LOW_SUFFIX + ")?")
                       + "\\.?(?![a-z0-9])" + "(?:" + _LOW_UNIT + ")?" + "(?:" + _LOW_CITY + ")?")
ADDRESS_LOWER = L + "(" + ADDRESS_LOWER_SHAPE + ")" + R
_FACILITY = _any(*_caps(*_FACILITIES))
ALLOW_FACILITY = (L + "((?:[A-Z][a-z]+" + S + "){0,3}" + _FACILITY + S0 + ",?" + S0 + "(?:" + _any("at", "on", "en", "in", "is at", "esta en")
                  + S + ")?" + ADDRESS_SHAPE + ")" + R)
ALLOW_FACILITY_LOWER = (L + "(" + _any(*_FACILITIES, "ctr")
                        + S0 + ",?" + S0 + "(?:" + _any("at", "on", "en", "in", "is at", "esta en") + S + ")?"
                        # the house number only: a shield needs only to start before the address, so it takes it
                        + "[0-9]{1,5})(?=[a-z]?(?:" + S + "[a-z0-9'.-]+){1,5}?" + S + _any(_LOW_SUFFIX, _LA_STREET)
                        + "(?![a-z0-9]))")
ALLOW_FACILITY_NAME = (L + "(" + _any("[A-Z][a-z]+" + S + "[A-Z][a-z]+", "[A-Z][a-z]+") + S
                       + _any("Library", "Branch", "Park", "Recreation Center", "Center", "Square", "Plaza", "Pool",
                              "Senior Center", "Elementary", "School", "Community Center", "Yard") + ")" + R)
BADGE = L + "(" + _any("[Bb]adge", "[Pp]laca", "[Ii]nsignia") + "(?:" + S + _any("ID", "number", "no\\.?", "numero", "#")
BADGE += ")?" + S0 + "[:#]?" + S0 + "[A-Za-z]{0,3}[-]?[0-9]{1,9})" + R

ALLOW_PHRASES = L + "(" + _any("senior citizens?", "citizens? (?:complaints?|academy|advisory)", "ciudadanos? mayores",
                               "(?:concerned|private|fellow) citizens?", "citizenship (?:and [a-z]+ )?class(?:es)?",
                               "comite de ciudadanos",
                               "immigrant affairs", "asuntos de inmigrantes") + ")" + R

# --- contact details (telephone numbers, e-mail addresses) -------------------------------------------
# A US number as people write one: an area code (in brackets or not, or before a slash), then three and four digits
# with the last two groups apart (a dash, dot or space), so a ten-digit case or receipt number is not one; or the
# area code apart from seven digits in a row ("(213) 5550148", "213 5550148"); or any number written with a plus (a
# country code: a resident's family abroad), an area code in brackets after it or not ("+52 (33) 1234 5678").
# A toll-free area code (800, 833 … 888) is never a resident's own line: agencies' tip lines and the help lines on
# the resource cards are written that way ("the ICE tip line, 1-866-…", "la línea de ayuda 888-…").
_TOLL_FREE = "[(]?8(?:00|33|44|55|66|77|88)(?![0-9])"
_NOT_TOLL_FREE = "(?!" + _TOLL_FREE + ")"
# The line's four digits may be written apart around the dash ("555 - 0172") or in two pairs ("555-01-48", as a
# Spanish speaker reads a number aloud).
_LINE = "(?:" + S0 + "[.-]" + S0 + "|[ \\t])(?:[0-9]{4}|[0-9]{2}[ .-][0-9]{2})"
PHONE_SHAPE = _any("(?:\\+?1" + S0 + "[ .-]?" + S0 + ")?" + _NOT_TOLL_FREE + "(?:\\([2-9][0-9]{2}\\)|[2-9][0-9]{2})" + S0
                   + "[./-]?" + S0 + "[2-9][0-9]{2}" + _LINE,
                   _NOT_TOLL_FREE + "(?:\\([2-9][0-9]{2}\\)" + S0 + "|[2-9][0-9]{2}" + S + ")[2-9][0-9]{6}",
                   "\\+(?!1" + S0 + "[ .-]?" + S0 + _TOLL_FREE + ")[0-9]{1,3}(?:[ .-]?\\([0-9]{1,4}\\)(?:[ .-]?[0-9]){5,12}"
                   "|(?:[ .-]?[0-9]){7,13})")
# Seven digits (a local number) or ten in a row are a telephone number only right after a word that says so ("her
# cell is 555-0148", "teléfono: 3235550176"): alone they are as often a case, receipt or badge number.
LOCAL_SHAPE = _any("[2-9][0-9]{2}[ .-]?[0-9]{4}", "[2-9][0-9]{2}[2-9][0-9]{6}")
_PHONE_WORD = _any("(?:cell ?|mobile |tele)?phone(?: number)?", "cell(?: number)?", "mobile(?: number)?", "tel\\.?",
                   "whatsapp", "(?:numero de )?(?:telefono|celular|movil)", "cel\\.?",
                   "(?:call|called|text|texted)(?: (?:her|him|them))? (?:at|on)",
                   "(?:llam|marc)(?:ar|e|o|amos|aron|en)(?:la|lo|le|los|las)? al")
PHONE_WORDS = (L + _PHONE_WORD + "(?:" + S0 + "[:,-]?" + S + _any("is", "was", "es", "era", "at", "al") + ")?" + S0
               + "[:#,-]?" + S0 + "(" + LOCAL_SHAPE + ")(?![0-9])")
# Bounded parts (a local part of at most 64, labels of at most 63): no text makes the matcher backtrack long. The @
# may have spaces around it; or it and the last dot are spelled out ("rosa at gmail dot com", "arroba … punto com"),
# never "at" and a written dot alone ("resources at chirla.org" is a web site).
_LOCAL_PART = "[A-Za-z0-9._%+-]{0,63}[A-Za-z0-9]"
_LABEL = "[A-Za-z0-9-]{1,63}"
_DOT = "(?:" + S + "[\\[(]?" + _any("dot", "punto") + "[\\])]?" + S + ")"


def _email(last: str, spelled_last: str) -> tuple[str, str]:
    """An address ending with ``last`` after an @, and one ending with ``spelled_last`` after an "at" spelled out."""
    return (_LOCAL_PART + "[ \\t]{0,3}@[ \\t]{0,3}(?:" + _LABEL + "[.]){0,4}" + last,
            _LOCAL_PART + S + "[\\[(]?" + _any("at", "arroba") + "[\\])]?" + S + "(?:" + _LABEL + "(?:[.]|" + _DOT
            + ")){0,4}" + spelled_last)


# Two rules, so that each has its own cue (an @, or the spelled dot) and text with neither skips both.
EMAIL_AT_SHAPE, EMAIL_SPELLED_SHAPE = _email(_LABEL + "[.][A-Za-z]{2,24}", _LABEL + _DOT + _any(
    "com", "net", "org", "edu", "gov", "mil", "mx", "us", "info"))
EMAIL_SHAPE = _any(EMAIL_AT_SHAPE, EMAIL_SPELLED_SHAPE)
PHONE = L + "(" + PHONE_SHAPE + ")(?![0-9])"
# A number read aloud and written as said, seven digit words at least ("two one three, five five five, zero one four
# four"; "tres dos tres …"): no count or list in a report runs to seven digit words in a row.
PHONE_SPELLED = (L + "(" + _DIGIT_WORD + "(?:(?:" + S0 + "[,.-]" + S0 + "|" + S + ")" + _DIGIT_WORD + "){6,14})" + R)
EMAIL = L + "(" + EMAIL_AT_SHAPE + ")" + R
EMAIL_SPELLED = L + "(" + EMAIL_SPELLED_SHAPE + ")" + R
# A social media handle ("dm her on ig @lupita.reyes88"): an @ at a word's start, then the handle. An e-mail's @ has
# its local part before it, so never starts a word.
HANDLE = (L + "(@[A-Za-z0-9_][A-Za-z0-9._]{2,29}|(?:www[.])?" + _any("facebook", "fb", "instagram", "tiktok", "twitter", "x")
          + "[.]com/[A-Za-z0-9_][A-Za-z0-9._-]{1,49})(?![A-Za-z0-9_@])")
# A handle after the network's name ("la buscaran en face como maribel.ortiz.750", round 7): a word with a dot, an
# underscore or a digit in it ("ig is down" names no one).
HANDLE_NAMED = (L + _any(*_caps("face como", "facebook", "fb", "ig", "insta", "instagram", "tiktok", "snap", "snapchat")) + S
                + "(?:" + _any("como", "as", "is", "es", "under") + S + ")?:?" + S0
                + "((?=[a-z0-9._]*[._0-9])[a-z][a-z0-9._]{2,29})(?![A-Za-z0-9_@])")
# Whose number it is: the City's people and sites, counsel and the agents' own (the protocol asks for the agents'
# supervisor's contact), written next to whom it belongs to ("call counsel at …", "la abogada al …", "Branch phone").
_CITY = ("counsel", "liaison", "attorney", "lawyer", "site lead", "manager", "director", "dispatch", "dispatcher",
         "hotline", "help ?line", "mayor'?s office", "field office", "abogad[oa]", "enlace", "gerente", "linea directa",
         "oficina", "branch", "library", "front desk", "reception", "sucursal", "biblioteca", "recepcion",
         # probe 9: "the westchester park office number is 310-555-0177", "gave their office number"
         "office")
# The agents' words never take a number after a bare comma: "we told the agents, 323-555-0142" is anyone's.
_WHOSE = _any(*_CITY, "311", _any("supervisora?", "agents?", "officers?", "deputy", "agentes?", "oficial(?:es)?")
              + "(?:'s)?(?!" + S0 + ",)")
_NUMBER_WORD = ("phone", "number", "cell", "line", "direct line", "numero", "telefono", "celular", "linea")
_AT = ("is", "was", "at", "on", "es", "era", "al", "a", "en", "de")
_WHOSE_SHAPE = _any(PHONE_SHAPE, LOCAL_SHAPE, EMAIL_SHAPE)
_ANSWERED = ("picked up", "answered", "was reached", "can be reached", "could be reached", "is reachable", "contesto",
             "respondio", "called(?: back)?(?: at [0-9]{1,2}(?::[0-9]{2})?(?: ?[ap]\\.?m\\.?)?)? from", "llamo(?: de vuelta)? desde")
ALLOW_CONTACT = (L + "(" + _WHOSE + "(?:'s|s(?=" + S + _any(*_NUMBER_WORD) + "))?(?:" + S + _any(*_NUMBER_WORD, "office", "desk", "card", "e-?mail", "correo")
                 + ")?(?:" + S + _any(*_ANSWERED) + ")?(?:" + S0 + "[:,-]?" + S + _any(*_AT) + ")?" + S0 + "[:,-]?" + S0
                 + _WHOSE_SHAPE + ")(?![0-9])")
# The same when a few words stand between counsel or a City site and the number, in one clause, none of them another
# person's: a name after the title ("Deputy City Attorney Lee at …", "la abogada Ortiz:"), whose office it is ("la
# abogada de la Ciudad al …", "the liaison of the Mayor's Office at …"), "on duty". Never "de María", "for Maria":
# a resident's lawyer's words may be the resident's number. Not the agents: their number belongs in the agents'
# field. Case-sensitive, so a name is a capitalised word.
_NAME_AFTER = ("(?!" + _any("Her", "His", "Their", "Su", "Sus", "My", "Mi", "She", "He", "They", "Ella", "El", "The", "La")
               + "(?![A-Za-z]))[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_OFFICE = (_any(*_caps("of", "de", "del")) + "(?:" + S + _any(*_caps("the", "la", "el", "los")) + ")?" + S
           + _any(*_caps("city", "ciudad", "county", "condado", "mayor's office", "alcalde", "alcaldia", "department",
                         "departamento", "library", "biblioteca", "branch", "sucursal", "parks", "parques")))
# Verbs that say the number is where counsel or the site answered ("Deputy City Attorney Ramos picked up at …"); a
# verb with an object ("called María at …") is not among them.
ALLOW_CONTACT_NEAR = (L + "(" + _any(*_caps(*_CITY)) + _any("(?:" + S + _NAME_AFTER + "){1,2}(?:" + S + _OFFICE + ")?",
                                                               S + _OFFICE)
                      + "(?:" + S + _any(*_caps("on duty", "on call", "de turno")) + ")?"
                      + "(?:" + S + _any(*_caps(*_ANSWERED)) + ")?(?:" + S0 + ",?" + S
                      + _any(*_caps(*_NUMBER_WORD)) + ")?(?:" + S0 + "[:,-]?" + S + _any(*_caps(*_AT)) + ")?" + S0
                      + "[:,-]?" + S0 + _WHOSE_SHAPE + ")(?![0-9])")
# Government and City addresses are never a resident's: a federal agency's (.gov, .mil) or a City department's.
_OFFICIAL = "(?:lacity|lapl|laparks|ladbs|lawa|portla|ladwp|lapdonline|lafd)"
ALLOW_OFFICIAL_EMAIL = (L + "(" + _any(*_email(_any(_LABEL + "[.](?:gov|mil)", _OFFICIAL + "[.](?:org|gov|com)"),
                                         _any(_LABEL + "(?:[.]|" + _DOT + ")(?:gov|mil)",
                                              _OFFICIAL + "(?:[.]|" + _DOT + ")(?:org|gov|com)"))) + ")" + R)

# --- the app's other languages ----------------------------------------------------------------------
# The phone speaks ten languages and an employee writes notes in theirs. A first, conservative set for Korean,
# Chinese, Armenian, Tagalog, Farsi, Russian and Vietnamese, written by the engineering team and not yet
# reviewed by a native speaker (docs/translations.md): only words that name a status or a nationality, never
# an everyday word that also means "citizen" or "resident" in a City's voice (시민, гражданин, công dân), nor
# one that also names street vending, parking or a shelter (无证摊贩, нелегальная торговля, 庇护所). Written
# as read, accents and all: encounter/sensitive.py folds the sources as it folds text. No "i" flag (Python
# would lower-case a Cyrillic capital in the source, JavaScript's flags would not): capitals are written out, as
# _caps writes them for the English and Spanish words that need them.

STATUS_OTHER = L + "(" + _any(
    # Korean
    "불법 ?(?:체류|이민)", "불체자", "서류 ?미비", "미등록 ?이민", "(?:영주|시민)권", "망명", "난민", "추방", "비자 ?만료",
    "(?:체류|이민) ?신분",
    # Chinese: a simplified and a traditional character side by side as one class
    "非法(?:移民|居留|入境)", "[无無][证證](?:移民|件)", "[没沒]有(?:合法)?身份", "(?:[没沒]有|[无無])合法(?:身份|居留)",
    "[他她](?:[们們])?(?:[也都])?[没沒]有[证證]件", "黑[户戶]", "[绿綠]卡", "[难難]民",
    "(?:政治|[寻尋]求)庇[护護]", "(?:移民|公民)身份", "入籍", "[签簽][证證][过過]期", "逾期居留", "[驱驅]逐出境", "遣返",
    # Armenian
    *_caps("անօրինական ներգաղթ", "առանց փաստաթղթերի", "փաստաթղթեր չունի", "փաստաթղթեր չունեն", "կանաչ քարտ", "քաղաքացիություն", "ապաստան", "փախստական",
              "արտաքս", "ներգաղթային կարգավիճակ"),
    # Farsi (ی and ک as a Persian keyboard types them; the fold reads an Arabic keyboard's ي and ك as those)
    "مهاجر(?:ان)? (?:غیر ?قانونی|بی ?مدرک|غیر ?مجاز)", "اقامت (?:غیر ?قانونی|دائم)",
    "اقامت ندا(?:رد|رند|ره|رن|شت|شتند|شته)", "ویزا(?:ش|یش|ی او)? (?:تمام|منقضی) شده", "(?:بدون|بی) ?اقامت", "کارت سبز", "گرین ?کارت", "شهروندی",
    "پناهندگی", "پناهنده", "پناهجو", "دیپورت", "اخراج از کشور", "وضعیت (?:مهاجرتی|اقامتی)",
    # Russian
    *_caps("нелегал(?:ы|ов|а|ам|ами|ах|у|ом|е|ка|ки|ку|кой|ке)?(?![а-яё])", "нелегальн[а-яё]+ (?:им|э)?мигрант",
              "нелегально (?:проживает|живёт|живет|находится|въехал|пересек)", "грин[- ]?карт", "вид на жительство",
              "гражданств", "убежищ", "бежен(?:ец|ц)", "депорт", "иммиграционн[а-яё]+ статус", "просроченн[а-яё]+ виз",
              "(?:он|она|они) (?:был[аи]? )?без документов", "у (?:него|неё|нее|них) нет документов", "нет (?:легального |иммиграционного )?статуса"),
    # Vietnamese
    "(?:[Nn]hập cư|[Cc]ư trú|[Dd]i dân) (?:bất hợp pháp|trái phép|lậu)",
    *_caps("không có giấy tờ", "thẻ xanh", "thường trú nhân", "tị nạn", "trục xuất", "tình trạng (?:di trú|nhập cư|cư trú)"),
) + ")"
# "محل اقامت ندارد" is a person with no place to stay (an encampment's words), not one without a residence permit.
ALLOW_STATUS_OTHER = L + "(" + _any("محل اقامت", "جای اقامت", "مکان اقامت") + ")"
# Tagalog is written in ASCII: case-insensitive like the English and Spanish rules ("TNT", tago nang tago, is the
# community's word for undocumented; "ilegal" alone also means illegal parking, so only with a migrant).
STATUS_TL = L + "(" + _any(_any("walang", "wala (?:siyang|syang|silang|kaming|akong|kang)") + " (?:mga )?papeles", "tnt", "tago nang tago", "hindi dokumentado",
                           "ilegal na (?:imigrante|dayuhan|migrante)", "(?:imigrante|dayuhan)ng ilegal", "pagkamamamayan",
                           "deportasyon", "(?:ipa|na|ma)-?deport") + ")" + R
NATIONALITY_OTHER = L + "(" + _any("国籍", "國籍", "原籍", "국적", *_caps("национальност", "ազգություն", "quốc tịch"),
                                   "تابعیت", "ملیت") + ")"
NATIONALITY_TL = L + "(" + _any("nasyonalidad", "lahing (?:mehikano|pilipino|tsino|koreano)") + ")" + R

# A passport's number after the words "passport number" in Korean, Chinese and Russian (round 4: "여권번호 M12345678를").
DOCUMENT_OTHER = (L + _any("여권 ?번호", "[护護]照[号號]码", "[护護]照[号號]碼", *_caps("номер паспорта", "паспорт номер"))
                  + S0 + ":?" + S0 + "(?:" + _any("는", "은", "是", "为", "為") + S0 + ")?"
                  + "([A-Za-z]{1,2}[0-9]{7,8}|[0-9]{9}|[0-9]{2} ?[0-9]{7}|[0-9]{4} ?[0-9]{6}|[0-9]{2} [0-9]{2} [0-9]{6})"
                  + "(?![A-Za-z0-9])")
# A Russian "citizen of" a country, in the genitive: "гражданин Мексики" is a nationality. "Гражданин" alone is a
# City's everyday word (see STATUS_OTHER) and stays clean; only the countries most of the City's residents come from.
NATIONALITY_RU = (L + "(" + _any(*_caps("граждан(?:ин|ина|ину|ином|ка|ки|ку|кой|е|ам|ами|ах)")) + S + _any(
    "Мексики", "Гватемалы", "Сальвадора", "Гондураса", "Никарагуа", "Кубы", "Венесуэлы", "Колумбии", "Эквадора", "Перу",
    "Гаити", "Бразилии", "Китая", "Кореи", "Вьетнама", "Филиппин", "Армении", "Ирана", "России", "Украины", "Индии",
    "Камбоджи", "Таиланда", "Эфиопии") + ")(?![А-Яа-яЁё])")

# --- more never-collected shapes (holdout round 2) ------------------------------------------------------
# Names: a name word still comes first (or, in a possessive, a belonging after the name): capitalised words alone
# are never a name. See docs/decisions.md, "Names: the shapes of holdout round 2".
# Vietnamese: a name after a title (ông, bà, cô, chị, anh: Mr., Mrs., Miss, Ms., a young man) or "name is", "called".
NAME_VI = (L + _any("[Oo]ng", "[Bb]à", "[Cc]ô", "[Cc]hị", "[Aa]nh", "[Tt]ên(?: (?:ông|bà|cô|chị|anh)(?: ấy)?)? là",
                    "[Gg]ọi là") + S + "(" + _NAME_X + ")(?![A-Za-z])" + _NOT_PLACE)
# "Park Ji-hoon's van": a full name (two words at least) owning a vehicle, a relative or a paper.
_BELONGING = _any("van", "car", "truck", "vehicle", "son", "sons", "daughters?", "kids?", "child", "children", "baby",
                  "wife", "husband", "partner", "mom", "mother", "dad", "father", "brothers?", "sisters?", "family",
                  "cousins?", "uncle", "aunt", "grand(?:son|daughter|mother|father|kids|children)", "house", "home",
                  "apartment", "address", "phone", "number", "cell", "license", "work permit", "permit", "green card", "visa", "passport", "papers", "id", "case",
                  "file", "records?", "entry", "signature", "application", "photo", "picture", "employer", "landlord")
# Not a title before a surname ("Deputy City Attorney Ramos's signature" is counsel's).
_TITLE = _any("Attorney", "Councilmember", "Councilwoman", "Councilman", "Detective", "Inspector", "Doctor", "Dr",
              "Professor", "Coach", "Pastor", "Father", "Sister", "Senator", "Governor", "President")
NAME_POSSESSIVE = (L + "(?=[A-Z][A-Za-z-]*" + S + "[A-Z])(?!" + _TITLE + S + ")(" + _NAME_X + ")'?s" + S + _BELONGING
                   + R)
# An all-lowercase name, typed in a hurry, only after a word that can introduce nothing else: two words at least
# unless a stop ends it ("named jose luis martinez and", "named tomas,"), none of them a small or common word.
_LOW_STOP = _trie(
    "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "he", "she",
    "they", "it", "him", "them", "us", "we", "you", "me", "and", "or", "but", "not", "no", "never", "none",
    "nobody", "nothing", "only", "just", "also", "still", "even", "too", "very", "so", "as", "at", "by", "for", "from",
    "in", "into", "of", "off", "on", "onto", "out", "over", "to", "up", "with", "without", "about", "after", "before",
    "under", "was", "is", "were", "are", "be", "been", "has", "have", "had", "did", "will", "would", "can", "could",
    "who", "which", "what", "when", "where", "why", "how", "there", "here", "then", "than", "if", "because", "unknown",
    "unclear", "illegible", "redacted", "withheld", "missing", "blank", "given", "written", "spelled", "listed",
    "printed", "shown", "mentioned", "said", "asked", "called", "read", "different", "wrong", "correct", "same",
    "long", "hard", "common", "familiar", "new", "old", "first", "last", "full", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "several", "some", "many", "all", "any", "each", "every", "both", "other",
    "someone", "anyone", "everyone", "people", "person", "patrons?", "residents?", "agents?", "officers?",
    "el", "la", "los", "las", "lo", "le", "les", "se", "un", "una", "unos", "unas", "de", "del", "al", "en", "con",
    "por", "para", "sin", "sobre", "ni", "que", "quien", "como", "cuando", "donde", "si", "su",
    "sus", "mi", "es", "era", "fue", "son", "eran", "esta", "estaba", "ese", "esa", "este", "muy", "mas", "ya",
    "tambien", "solo", "desconocid[oa]", "ilegible", "nos", "me", "te", "covered", "hidden", "crossed", "blacked", "blurred", "torn",
    "smudged", "unreadable", "tapado", "borrado", "tachado", "cubierto")
_LOW = "(?!" + _LOW_STOP + "(?![a-z]))[a-z]{2,}(?:-[a-z]+)?"
NAME_LOWER = (L + _any("[Nn]amed", "[Nn]ame (?:is|was)", "(?:man|woman|guy|lady|kid) name", "[Nn]ames (?:are|were)", "[Kk]nown as", "[Gg]oes by",
                       "[Ss]e llama(?:ba)?", "[Dd]e nombre", "[Nn]ombre (?:es|era)") + S
              + "(" + _any(_LOW + "(?:" + S + _LOW + "){1,4}", _LOW + "(?=" + S0 + "(?:[,.;:!?)]|$))") + ")" + R)
# Names in the app's other scripts, after (or, in Korean and Armenian, before) that language's words for "named",
# "his name is", "Mr." or "called": Korean names start with one of the common surnames (and, after a title, only
# next to a verb of looking for or taking someone: a colleague is 씨 too); Chinese after 名叫 and "name is" only
# (a surname list cannot tell 文件 from a name); Russian and Armenian names are capitalised as in English.
_KO_NAME = ("(?!정확|주소|모르|모른|몰라|말하|알려|밝히|기억|확인|적혀|공개|미상|아직|누구)"
            "[김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진지엄채원천방공현]"
            "[가-힣]{1,2}?")
NAME_KO = (L + _any("이름은", "이름이", "성함은", "성함이", "이름:") + S0 + "(" + _KO_NAME + ")"
           + "(?=(?:이라는|라는|이라고|라고|입니다|이에요|예요|이었|였|이다|씨|님|[이가은는을를의])?(?![가-힣]))")
NAME_KO_AFTER = (L + "(" + _KO_NAME + ")" + _any(
    " ?(?:씨|님)" + _any("[를을] ?(?:찾|체포|연행|구금|데려|잡|붙잡|조사)", "에 ?대해", " 어디", "[가는이] ?(?:체포|연행|구금|잡혀)"),
    "(?:이)?라는 (?:사람|남자|여자|분|이용자|주민|학생|아이|손님|노동자|근로자|세입자|고객)"))
_HAN = "\\u3400-\\u9fff"
NAME_ZH = (L + _any("名叫", "名字(?:是|叫)", "姓名(?:是|:)?",
                    "(?:人|男子|女子|男人|女人|男孩|女孩|孩子|读者|讀者|居民|租户|租戶|顾客|顧客|学生|學生|工人|妇女|婦女|老人)叫做",
                    "(?:一个|一個|一位|一名)叫")
           + S0 + "([" + _HAN + "]{2,4}?)(?=$|[^" + _HAN + "]|[的是在和与與跟被了也])")
_HY_NAME = "[Ա-Ֆ][ա-և]+(?:" + S + "[Ա-Ֆ][ա-և]+){0,2}"
NAME_HY = (L + _any(_any(*_caps("անունը", "պարոն", "տիկին", "օրիորդ")) + S, "(?=" + _HY_NAME + S + "անունով)")
           + "(" + _HY_NAME + ")" + "(?![ա-և])")
_FA_LETTERS = "\\u0621-\\u063a\\u0641-\\u064a\\u067e\\u0686\\u0698\\u06a9\\u06af\\u06cc"
_FA_WORD = ("(?!" + _any("است", "بود", "بودند", "هست", "هستند", "نیست", "نبود", "را", "رو", "که", "و", "از", "در", "به",
                         "با", "این", "آن", "یک", "چه", "چیست", "چیه", "معلوم", "نامعلوم", "مشخص", "خدا", "مامور", "مأمور", "افسر",
                         "دستگیر", "بازداشت", "شد", "کرد", "کردند", "گفت", "گفتند", "داشت") + "(?![" + _FA_LETTERS + "]))"
            "(?!نمی)[" + _FA_LETTERS + "]+")
NAME_FA = (L + _any("به نام", "بنام", "به اسم", "اسمش", "نامش", "اسم او", "نام او", "آقای") + S0 + ":?" + S0
           + "(" + _FA_WORD + "(?:" + S + _FA_WORD + "){0,2})" + "(?![" + _FA_LETTERS + "])")
_RU_WORD = "[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
NAME_RU = (L + _any(*_caps("по имени", "по фамилии", "зовут", "звали", "господин", "господина", "господину",
                           "госпожа", "госпожу", "госпожи", "искали", "ищут", "разыскивали", "задержали",
                           "арестовали", "забрали", "увезли", "увели", "адрес", "номер телефона", "телефон"),
                    "(?:[Ее]го|[Ее]ё|[Ее]е|[Ии]х) (?:имя|фамилия)",
                    _any(*_caps("спрашивали", "спросили", "расспрашивали")) + " (?:про|о|об)")
           + "(?:" + S0 + "[:-])?" + S
           + "(?!" + _any("Агент", "Офицер", "Сотрудник", "Полици", "Библиотек", "Центр", "Парк", "Мэри", "Департамент",
                          "Город", "Суд") + ")"
           + "(" + _RU_WORD + "(?:" + S + _RU_WORD + "){0,2})(?![а-яё])"
           + "(?!" + S + _any("библиотек", "парк", "центр", "улиц", "проспект", "бульвар", "площад", "станци", "школ") + ")")
# --- names typed in small letters, and other shapes of holdout round 5's writing (encounter/given_names.py) ---
# The word after a word that introduces a person is a name's first word only if it is a given name of the list; then
# up to three more words that are not small words, fillers or voice-to-text's punctuation ("asking for jose luis
# ramirez said he comes", "looking for a maria guadalupe torres they had a photo", "preguntando por juan carlos
# hernandez,"). Never where a street or City place follows ("took cesar chavez ave").
_GIVEN_ANY = _trie(*GIVEN_NAMES, *GIVEN_WORDLIKE)
_LOW_WORD = ("(?!" + _any(_LOW_STOP, "comma", "period", "coma", "punto", "today", "yesterday", "tonight", "again",
                           "now", "inside", "outside", "please", "hoy", "ayer", "ahora", "aqui", "alli", "afuera",
                           "adentro", "lives", "works", "comes", "came", "went", "goes", "sleeps", "stays", "vive",
                           "trabaja", "viene", "vino", "duerme", "esta", "estaba", "and", "y", "still", "always", "usually", "left",
                           "gave", "told", "showed", "ran", "walked", "got", "took", "brought", "signed", "wrote", "since",
                           "ago", "later", "earlier", "each",
                           "todavia", "siempre")
             + "(?![a-z]))[a-z]{2,}(?:-[a-z]+)?")
_PLACE_LOW = _any(*(w.lower() for w in _PLACE_WORDS))
_LOW_NEXT = "(?!" + _PLACE_LOW + "(?![a-z]))" + _LOW_WORD
# A street or place up to two words on ("martin luther king blvd"), unless a small word stands between ("maria at the park").
_NOT_PLACE_LOW = ("(?!(?:" + S + "(?!" + _any("at", "in", "on", "by", "near", "from", "to", "the", "an?", "en", "el", "la",
                                            "del?", "por", "behind", "outside", "inside") + "(?![a-z]))[a-z]+){0,2}"
                  + S + _PLACE_LOW + "(?![a-z]))")
_LOW_GIVEN_NAME = "(" + _GIVEN_ANY + "(?:" + S + _LOW_NEXT + "){1,3})(?![a-z0-9])" + _NOT_PLACE_LOW
# Case-sensitive: the name's words are in small letters (a capitalised name after these words is NAME's, which knows
# streets and days: "took Luis Ortega Monday"). Whether someone is there is the agents' question ("they asked if
# jose was here"); "i asked if rosa could call counsel" is staff.
NAME_GIVEN_LOW = (L + _any(*_caps("ask(?:ed|ing|s)?(?:" + S + "[a-z]+){0,3}" + S + _any("for", "about"),
                                  "look(?:ed|ing|s)? for", "search(?:ed|ing|es)? for", "came (?:looking )?for",
                                  "detained", "arrested", "grabbed", "picked up", "handcuffed",
                                  "pregunt(?:aron|o|aban|ando) por", "busca(?:ban|ba|ndo|n)(?: a)?",
                                  "vinieron por", "se llev(?:aron|o)(?: a)?",
                                  "(?:detuvieron|arrestaron|agarraron|esposaron)(?: a)?", "mister", "mr\\.?", "mrs\\.?",
                                  "ms\\.", "miss", "senor(?:a|ita)?", "sra\\.?", "srta\\.?", "don", "dona",
                                  # round 6: "esl student jenny lee", "her son kevin smith"
                                  "patrons?", "residents?", "tenants?", "students?", "clients?", "customers?", "vendors?",
                                  "neighbou?rs?", "daughter", "husband", "wife", "brother", "sister", "uncle", "aunt",
                                  "cousin", "mom", "dad", "boyfriend", "girlfriend", "hij[oa]", "espos[oa]", "herman[oa]",
                                  "vecin[oa]", "estudiante"))
                  + "(?:" + S + _any("a", "an", "un", "una", "mister", "mr\\.?", "mrs\\.?", "ms\\.", "senor(?:a)?",
                                     "don", "dona", "sra\\.?") + "){0,2}" + S + _LOW_GIVEN_NAME)
# Someone taken is never staff at work: after the words of taking someone, one given name is enough ("se llevaron a
# don chuy", "they detained jose").
NAME_GIVEN_TAKEN = (L + _any(*_caps("detained", "arrested", "grabbed", "handcuffed", "se llev(?:aron|o) a",
                                    "(?:detuvieron|arrestaron|agarraron|esposaron) a"))
                    + "(?:" + S + _any("don", "dona", "mister", "mr\\.?", "mrs\\.?", "ms\\.") + ")?" + S
                    + "(" + _GIVEN_ANY + "(?:" + S + _LOW_NEXT + "){0,3})(?![a-z0-9])" + _NOT_PLACE_LOW)
# A surname in small letters after a title ("they asked about mrs park who comes to the korean class"): a title
# introduces nothing but a name, unless a role follows ("mr brooks the agent", "ms. garcia from hr"); "ms" only with its
# dot ("ms teams", "ms word"). "The name" is not a title: "the name tag", "the name badge". Not "señora" or "señor" spelled out: "la señora pagó", "el señor tiene" are the lady
# and the man.
_ROLE_AFTER = ("(?!" + S0 + ",?" + S + "(?:" + _any("the", "our", "la", "el", "from", "de", "with") + S + ")?(?:[a-z]+" + S + ")?"
               + _any(*_STAFF_WORDS, "agents?", "officer", "deputy", "lead", "inspector", "agente", "oficial", "hr", "HR",
                      "badge", "desk", "circulation") + "(?![a-z]))")
NAME_TITLE_LOW = (L + _any("mister", "mr\\.?", "mrs\\.?", "ms\\.", "sra\\.", "srta\\.") + S
                  + "(" + _LOW_WORD + ")(?![a-z0-9])" + _ROLE_AFTER)
# A given name and one or two more words owning something ("pull luis ortega's permit file").
NAME_GIVEN_POSSESSIVE = (L + "(" + _GIVEN_ANY + "(?:" + S + _LOW_NEXT + "){1,2}?)'?s" + S
                         + _any(_BELONGING, "permit", "permits", "form", "forms", "paperwork", "lease") + R)
# Agents asking whether someone is there: "Agents asked the clerk if Nguyễn Văn An had been in the lab", "they asked
# me if Angel from the morning crew was here", "preguntaron si Dolores todavía viene". Not "I", "we" or a staff member
# asking: "I asked if Rosa could call counsel" is staff.
# Run on lower-cased text (flag "i"), and only a given name of the list (encounter/given_names.py) starts the name:
# after "asked if" a capitalised word is as often a department, a place or a thing ("asked if Facilities could",
# "asked if Google Maps", "asked if Union Station") as a person. Only the agents asking: "Rosa asked if Luis could call
# counsel", "the liaison asked if Maria had written the report" are staff.
_ASKING = _any("asked", "asking", "were asking", "kept asking", "was asking") + "(?:" + S + "[a-z]+){0,3}" + S + _any("if", "whether")
NAME_ASKED_IF = (L + _any(_any("they", "agents?", "officers?", "he", "she", "one(?: of them)?", "the agents?", "the officers?",
                               "ice", "hsi", "cbp")
                          # "Agent Morrow asked", "agents came up to the front desk and asked"
                          + "(?:(?:" + S + "[a-z]+){1,8}?(?:" + S + "and)?)?" + S + _ASKING,
                          _any("preguntaron", "pregunto", "preguntaban", "preguntaba") + "(?:" + S + "[a-z]+){0,3}" + S + "si")
                 + S + "(" + _GIVEN_ANY + "(?:" + S + _LOW_NEXT + "){0,2})(?![a-z0-9])" + _NOT_PLACE_LOW)
# The names on a list the agents had ("a list with Pedro Alvarado, Luis Alvarado and Yesenia Cruz", "J. Castellanos, R.
# Mejia, Teodoro Baez", "una lista con Juana, Maricela Ortiz y el Güero"): the first, second and third name after the
# words, each a span of its own (one rule each: a match names one span). Never a place ("a list of Echo Park, …").
_LIST_CUE = _any(*_caps("a list", "the list", after=_any(" of names", " with(?: the names)?", " that had")),
                 *_caps("names off", after=" (?:a|the|their) list"),
                 *_caps("una lista", "la lista", after=_any(" de nombres", " con")))
_LIST_NAME = "(?:[A-Z][.]" + S0 + ")?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:" + S + "[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}"
_LISTED = ("(?!" + _STOP + "(?![A-Za-z]))(?!(?:[A-Z][.]" + S0 + ")?(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?" + S + "){0,2}" + _PLACE
           + "(?![A-Za-z]))(" + _LIST_NAME + ")(?![A-Za-z])" + _NOT_PLACE)
_LIST_SEP = ("(?:" + S0 + "," + S0 + "(?:" + _any("and", "y") + S + ")?|" + S + _any("and", "y", "&") + S + ")(?:"
             + _any("el", "la") + S + ")?")
NAME_LIST_1 = L + _LIST_CUE + S0 + ":?" + S0 + _LISTED
NAME_LIST_2 = L + _LIST_CUE + S0 + ":?" + S0 + _LIST_NAME + _LIST_SEP + _LISTED
NAME_LIST_3 = L + _LIST_CUE + S0 + ":?" + S0 + _LIST_NAME + _LIST_SEP + _LIST_NAME + _LIST_SEP + _LISTED
_AGENCY = _any("ICE", "HSI", "CBP", "ERO", "DHS", "FBI", "LAPD", "LAFD", "USCIS", "DOJ", "LAPL", "RAP", "LASAN", "LADBS", "LAWA")
# A name right before its date of birth ('"Nguyen Thi Hoa, date of birth 11 5 1972"', round 7): nothing else is written so.
# (The birth words are matched, not looked ahead to: the cues are read off what a rule matches.)
NAME_BEFORE_BIRTH = (L + "(" + _any(_NAME, "(?!" + _AGENCY + "(?![A-Z]))[A-Z]{2,}(?:[ -][A-Z]{2,}){1,3}") + ")" + S0 + "[,;]?" + S0
                     + _any(_any("[Dd]ate of birth", "DOB", "[Dd]ob", "D[.]O[.]B", "[Bb]orn(?! and raised)", "[Ff]echa de nacimiento",
                                 "[Nn]acid[oa]") + "(?![A-Za-z])",
                            # round 8: "the agent say Hector Villalobos 02/11/1985 into the radio"
                            "[0-9]{1,2}[/.-][0-9]{1,2}[/.-]" + _OLD_YEAR + "(?![0-9])"))
# A name copied from a form, surname in capitals first, after a word for the paper or its heading and up to three small
# words: "Subject: RAMIREZ, Jose Luis", "read off the paper: VILLANUEVA-RIOS, Ana Lucia", "name on the notice FIGUEROA,
# BRENDA" (not an agency: "Subject: ICE, HSI visit"). Not anywhere: capitals and a comma are also shouting.
NAME_SURNAME_FIRST = (L + _any(*_caps("subject", "name", "names", "nombre", "apellidos?", "defendant", "paper", "notice",
                                      "printout", "papel"), "SUBJECT", "NAME", "NOMBRE",
                               "APELLIDOS?", "DEFENDANT")
                      + "(?:" + S + "[a-z]+){0,3}" + S0 + ":?" + S0
                      + "((?!" + _any(_AGENCY, "ADMINISTRATIVE", "WARRANT", "CONFIDENTIAL", "NOTICE", "FORM", "DEPARTMENT",
                                      "IMMIGRATION", "SUBPOENA", "OFFICIAL", "URGENT", "IMPORTANT", "PRIVATE") + "(?![A-Z]))"
                      + "[A-Z]{2,}(?:[ -][A-Z]{2,})?" + S0 + "," + S0 + "(?!" + _any("Form", "Do", "Page", "Not") + "(?![a-z]))"
                      + _any(_TOKEN + "(?:" + S + _TOKEN + ")?(?![A-Za-z])", "[A-Z]{2,}(?:" + S + "[A-Z]{2,})?" + R) + ")")
# Farsi: looking for (دنبال, سراغ) a person named by a Persian given name, and up to two more words.
NAME_FA_AFTER = (L + _any("دنبال", "سراغ") + S + "(" + _any(*GIVEN_NAMES_FA) + "(?![" + _FA_LETTERS + "])(?:" + S
                 + _FA_WORD + "){0,2})(?![" + _FA_LETTERS + "])")
# Chinese: someone looked for or asked about (在找, 问, 打听), named by a common surname and one or two characters, then
# a pause or the question (是不是, 是否, 在不在, 有没有): "探员在找王秀英，还问", "他们问王丽华是不是住在这附近". Not every
# surname: 任何 ("any"), 周末 ("weekend"), 马上 ("at once") and 文件 ("papers") start with one.
_ZH_SURNAME = "[王李张張刘劉陈陳杨楊黄黃赵趙吴吳徐孙孫朱胡郭何林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖田董潘袁蔡蒋蔣余杜叶葉程魏苏蘇吕呂丁沈姚卢盧傅钟鍾姜崔谭譚廖范汪陆陸戴贾賈韦韋夏邱侯邹鄒熊孟秦江阎閻薛尹段雷黎史陶贺賀顾顧毛郝龚龔邵钱錢严嚴覃武莫孔汤湯]"
NAME_ZH_SOUGHT = (L + _any("找", "打听", "打聽", "[问問](?:我们|我們|我|他们|他們|她|他)?", "带走了", "帶走了",
                            "抓走了", "逮捕了")
                  + "([小老阿]?" + _ZH_SURNAME + "[" + _HAN + "]{0,2}?)"
                  + "(?=" + _any("是不是", "是否", "在不在", "有没有", "有沒有", "[,;?\\u3001\\u3002]", "$") + ")")  # full-width ，；？ fold to ASCII
# Armenian: a resident's country, in the genitive, before "citizen" (քաղաքացի): "նա Իրանի քաղաքացի է". The word
# alone is a City's everyday word, as in Russian (NATIONALITY_RU).
NATIONALITY_HY = (L + "(" + _any("Մեքսիկայի", "Գվատեմալայի", "Սալվադորի", "Հոնդուրասի", "Նիկարագուայի", "Կուբայի",
                                 "Վենեսուելայի", "Կոլումբիայի", "Իրանի", "Ռուսաստանի", "Հայաստանի", "Սիրիայի", "Լիբանանի",
                                 "Ուկրաինայի", "Չինաստանի", "Կորեայի", "Վիետնամի", "Ֆիլիպինների", "Հնդկաստանի", "Իրաքի",
                                 "Եթովպիայի")
                  + S + "քաղաքացի(?:ն|ներ|ու|ներից)?)(?![ա-և])")
# Farsi: a resident said to be of a country ("گفتند ایرانی است", "اهل افغانستان است"): the demonym before the verb "is", or
# اهل ("from") before the country. "غذای ایرانی" (Iranian food) has no verb after it.
NATIONALITY_FA = (L + "(" + _any(_any("ایرانی", "افغانی", "افغان", "مکزیکی", "گواتمالایی", "السالوادوری", "هندوراسی", "ارمنی",
                                      "روس", "چینی", "کرهای", "ویتنامی", "فیلیپینی", "عراقی", "سوری", "هندی")
                                 + "(?=" + S + _any("است", "هست", "هستند", "بود", "بودند", "اند") + "(?![" + _FA_LETTERS + "]))",
                                 "اهل" + S + _any("ایران", "افغانستان", "مکزیک", "گواتمالا", "السالوادور", "هندوراس", "ارمنستان",
                                                  "روسیه", "چین", "کره", "ویتنام", "فیلیپین", "عراق", "سوریه", "هند"))
                  + ")(?![" + _FA_LETTERS + "])")
# Armenian: a given name and a family name (-յան, -եան, -ունի, with a case ending) before մասին, "about".
NAME_HY_ABOUT = (L + "([Ա-Ֆ][ա-և]+" + S + "[Ա-Ֆ][ա-և]+(?:յան|եան|ունի|ունց)[ա-և]{0,3})" + S + "մասին(?![ա-և])")
# Round 8's shapes. A Chinese name before "'s address", "'s phone" or "whereabouts" ("有没有陈志明的地址"): a surname of
# the list and one or two characters.
NAME_ZH_OF = (L + "(" + _ZH_SURNAME + "[" + _HAN + "]{1,2}?)的" + _any("地址", "住址", "电话", "電話", "手机", "手機", "下落",
                                                                      "住处", "住處"))
# A household by its surname ("the file for the Delgado household", "la familia Tzul"): only with the word after it in
# small letters ("the Wilson Family Center" is a place).
NAME_FAMILY = L + "[Tt]he" + S + "(" + _TOKEN + ")" + S + _any("family", "household", "family's", "familys") + R
NAME_FAMILIA = L + "[Ll]a" + S + "familia" + S + "(" + _TOKEN + "(?:" + S + _TOKEN + ")?)" + R + _NOT_PLACE
# A paper or a photo "with Jose Luis Barrientos on it" ("sign in sheet w rosa elena mejia on it"): a given name of the list and more words, then "on it".
NAME_ON_IT = (L + _any("with", "w/?") + S + "(" + _GIVEN_ANY + "(?:" + S + _LOW_NEXT + "){1,3})" + S + "on" + S
              + _any("it", "them", "the (?:front|back|top)") + R)
# A USCIS receipt number (three letters of the service centre, ten digits), with the words before it when written.
RECEIPT = (L + "(" + "(?:(?:uscis" + S + ")?(?:receipt|recibo)" + S + "(?:(?:number|no\\.?|#|numero|de)" + S0 + ")?"
           + "[:#.-]?" + S0 + ")?" + _any("eac", "wac", "lin", "src", "ioe", "msc", "nbc", "ysc", "csc", "nsc", "tsc",
                                          "vsc") + "[ -]?[0-9]{10})" + R)

# --- asked, not refused (the phone's second look) ---------------------------------------------------------
# Names the rules above cannot tell from staff's and agents' own: two or three capitalised words in a row that no
# rule refused or shielded. The phone shows each beside its Remove button with "It is an agent or a City staff member:
# keep it", as the agents' field does; the server never refuses them (it has no way to know either). Not a car, a
# street, a place, an office or a day ("a gray Ford Explorer", "Sherman Oaks", "the Benjamin Franklin branch").
_NOT_ASKED = _any("Ford", "Dodge", "Chevy", "Chevrolet", "Toyota", "Honda", "Nissan", "Jeep", "Tahoe", "Explorer",
                  "Charger", "Suburban", "Silverado", "Impala", "Camry", "Civic", "Corolla", "Tesla", "Mercedes",
                  "Sprinter", "Transit", "Judge", "Magistrate", "Attorney", "Court", "District", "Community", "Services",
                  "Affairs", "Response", "Oaks", "Heights", "Hills", "Valley", "Village", "Beach", "High", "School",
                  "College", "University", "Center", "Library", "Branch", "Hall", "Station", "Office", "Department",
                  "Division", "Patrol", "Security", "Homeland", "Enforcement", "Removal", "Operations", "Customs",
                  "Border", "Rights", "Know", "Your", "Day", "Night", "Corridor", "Market", "Plaza", "Square", "Little",
                  "Historic", "Consulate", "Roja", "Gate", "Rec", "Parks?", "Recreation", "Public", "Works", "Sanitation",
                  "Animal", "Building", "Safety", "Airport", "Port", "Harbor", "Metro", "Bus", "Line", "Mayors?",
                  "City", "County", "State", "Federal", "Saint", "San", "Santa", "Franklin", _PLACE,
                  _any(*_caps("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))) + "(?![A-Za-z])"
_ASKED_WORD = "(?!" + _NOT_ASKED + ")" + _TOKEN
# A question or a clause opening the sentence is not the name's first word: "Was Maria Gonzalez taken?" asks about
# "Maria Gonzalez", so Remove leaves the question. Only the first word, and none that is also a surname
# ("Do Thi Lan", "Kevin Ng", "Jenny Ang", "Mary Hay" are names; a review found them cut when these were stop words).
_OPENER = _any("Was", "Were", "Is", "Are", "Did", "Does", "Has", "Have", "Had", "Could", "Would", "Should", "When",
               "Where", "Why", "How", "Then", "After", "Before", "While", "If", "Please", "Fue", "Es", "Era",
               "Estaba", "Cuando", "Donde", "Quien", "Que", "Como") + "(?![A-Za-z])"
ASK_NAME = L + "(" + "(?!" + _OPENER + ")" + _ASKED_WORD + "(?:" + S + _ASKED_WORD + "){1,2})" + R + _NOT_PLACE
# Staff named with their role before or after the name ("our site lead Marcus Lee", "la supervisora Claudia Herrera",
# "Luis Ortega (custodian)"): not asked about.
_ROLE = _any(*_caps(*_STAFF_WORDS, "inspector", "driver", "coach", "aide", "assistant", "crew lead", "coworker",
                    "co-worker", "companer[oa]", "personal"))
ASK_STAFF = L + "(" + _any(_ROLE + S + _NAME, _NAME + S0 + "[(,]" + S0 + "(?:[a-z]+" + S + ")?" + _ROLE) + ")"
ASK_PATTERNS = [("name", ASK_NAME, ""), ("allow", ASK_STAFF, "")]

PATTERNS = [
    ("allow", ALLOW_AGENT, ""), ("allow", ALLOW_AGENT_NAME, ""), ("allow", ALLOW_AGENT_SAID, ""), ("allow", ALLOW_STAFF, ""), ("allow", ALLOW_FACILITY, ""),
    ("allow", ALLOW_FACILITY_NAME, ""), ("allow", ALLOW_FACILITY_LOWER, "i"), ("allow", ALLOW_LANGUAGE, "i"), ("allow", BADGE, ""),
    ("allow", ALLOW_PHRASES, "i"), ("allow", ALLOW_CONTACT, "i"), ("allow", ALLOW_CONTACT_NEAR, ""),
    ("allow", ALLOW_OFFICIAL_EMAIL, "i"),
    ("a_number", A_NUMBER, "i"), ("a_number", A_NUMBER_WORDS, "i"), ("a_number", A_NUMBER_SPOKEN, "i"), ("a_number", A_NUMBER_NEAR, "i"),
    ("ssn_itin", SSN, ""), ("ssn_itin", SSN_WORDS, "i"), ("ssn_itin", SSN_LAST4, "i"),
    ("birth_date", BIRTH_WORDS, "i"), ("birth_date", BIRTH_DATE, "i"), ("birth_date", BIRTH_SPOKEN, "i"), ("birth_date", BIRTH_CJK, ""), ("birth_date", BIRTH_RU, ""),
    ("document_number", DOCUMENT, "i"), ("document_number", DOCUMENT_NEAR, "i"),
    ("allow", ALLOW_STATUS, "i"), ("allow", ALLOW_CITIZEN_QUESTION, "i"), ("status", STATUS, "i"),
    ("allow", ALLOW_NATIONALITY_HEADING, "i"), ("nationality", NATIONALITY, "i"),
    ("allow", ALLOW_STATUS_OTHER, ""), ("status", STATUS_OTHER, ""), ("status", STATUS_TL, "i"), ("nationality", NATIONALITY_OTHER, ""),
    ("nationality", NATIONALITY_TL, "i"),
    ("name", NAME, ""),
    ("address", ADDRESS, ""), ("address", ADDRESS_ES, ""), ("address", ADDRESS_HOME, ""), ("address", APARTMENT, ""),
    ("address", ADDRESS_LOWER, "i"),
    ("contact", PHONE, ""), ("contact", PHONE_WORDS, "i"), ("contact", PHONE_SPELLED, "i"), ("contact", EMAIL, "i"),
    ("contact", EMAIL_SPELLED, "i"), ("contact", HANDLE, ""), ("contact", HANDLE_NAMED, ""),
    ("name", NAME_VI, ""), ("name", NAME_POSSESSIVE, ""), ("name", NAME_LOWER, ""), ("name", NAME_KO, ""),
    ("name", NAME_KO_AFTER, ""), ("name", NAME_ZH, ""), ("name", NAME_HY, ""), ("name", NAME_FA, ""),
    ("name", NAME_RU, ""), ("document_number", RECEIPT, "i"),
    ("document_number", DOCUMENT_OTHER, ""), ("nationality", NATIONALITY_RU, ""),
    ("name", NAME_GIVEN_LOW, ""), ("name", NAME_GIVEN_TAKEN, ""), ("name", NAME_TITLE_LOW, ""), ("name", NAME_GIVEN_POSSESSIVE, ""),
    ("name", NAME_ASKED_IF, "i"), ("name", NAME_SURNAME_FIRST, ""),
    ("name", NAME_BEFORE_BIRTH, ""), ("name", NAME_LIST_1, ""), ("name", NAME_LIST_2, ""), ("name", NAME_LIST_3, ""), ("name", NAME_FA_AFTER, ""), ("name", NAME_HY_ABOUT, ""), ("name", NAME_ZH_SOUGHT, ""), ("name", NAME_ZH_OF, ""),
    ("name", NAME_FAMILY, ""), ("name", NAME_FAMILIA, ""), ("name", NAME_ON_IT, "i"),
    ("nationality", NATIONALITY_HY, ""), ("nationality", NATIONALITY_FA, ""),
]
