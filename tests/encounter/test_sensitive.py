"""The one pattern set: what it finds, where it stays quiet, and that JavaScript can run it unchanged."""
import re
import unicodedata

import pytest

from encounter import sensitive
from encounter.sensitive_patterns import PATTERNS, L


def kinds(text, field="notes"):
    """(kind, words) of every span found."""
    return [(s.kind, text[s.start:s.end]) for s in sensitive.find_spans(text, field)]


@pytest.mark.parametrize("written", ["A123456789", "A-123-456-789", "A# 123 456 789", "A 12345678", "a-12345678",
                                     "A-number: 123456789", "A No. 123-456-789", "alien number 123456789",
                                     "numero de extranjero 123456789"])
def test_a_numbers_are_found_in_every_written_form(written):
    assert [k for k, _ in kinds(f"The paper had {written} on it.")] == ["a_number"]


@pytest.mark.parametrize("text", ["SSN 123-45-6789", "read out 123-45-6789", "ITIN 912-78-4410",
                                  "social security number 123456789", "seguro social 601 22 8734"])
def test_social_security_and_taxpayer_numbers_are_found(text):
    assert [k for k, _ in kinds(text)] == ["ssn_itin"]


@pytest.mark.parametrize("text", ["DOB 03/04/1990", "date of birth: March 3, 1985", "born on 2/9/1992",
                                  "fecha de nacimiento 4 de marzo de 1985", "nació el 12/05/1985", "a paper said 7/14/1979"])
def test_dates_of_birth_are_found_but_the_days_of_an_encounter_are_not(text):
    assert [k for k, _ in kinds(text)] == ["birth_date"]
    assert kinds("It started at 2:15 on 10/14/2025 and agents asked for dates of birth.") == []


@pytest.mark.parametrize("text, words", [("passport number G48210377", "G48210377"),
                                         ("I-94 number 38476512A09", "38476512A09"),
                                         ("visa # 20193384411", "20193384411"),
                                         ("pasaporte número P9981234", "P9981234")])
def test_passport_visa_and_i94_numbers_are_found(text, words):
    assert kinds(text) == [("document_number", words)]


@pytest.mark.parametrize("word", ["undocumented", "illegal aliens", "immigration status", "green card", "DACA",
                                  "asylum seeker", "indocumentada", "sin papeles", "estatus migratorio",
                                  "ciudadanos", "residente permanente", "soñador", "visa vencida"])
def test_status_words_are_found_in_english_and_spanish(word):
    assert [k for k, _ in kinds(f"They said she is {word}.")] == ["status"]


@pytest.mark.parametrize("word", ["Guatemala", "Honduran", "Mexican", "salvadoreña", "guatemalteco", "nationality"])
def test_nationality_and_country_of_origin_words_are_found(word):
    assert [k for k, _ in kinds(f"The man was {word}, they said.")] == ["nationality"]


@pytest.mark.parametrize("text, words", [
    ("the man showed agents his matricula, # 0587123346, they took a pic", "0587123346"),
    ("la matrícula consular que enseñó tenía el 0587123346", "0587123346"),
    ("a sign in sheet page w a CA DL D4471839 written on it", "D4471839"),
    ("copiaron su licencia de conducir de California, D4471839", "D4471839"),
    ("they checked her green card, number IOE0912345678, and walked her out", "IOE0912345678"),
    ("leyeron la mica del señor: MSC1234567890", "MSC1234567890"),
    ("his EAD, the card # on it was WAC2190012345", "WAC2190012345"),
    ("the I-94 # on their paper was 284719330A3 i think", "284719330A3"),
    ("read her I-94 record out loud, 69482137510", "69482137510"),
    ("the passport they showed had G38811205 on it", "G38811205"),
])
def test_a_document_number_a_few_words_after_the_document_is_found_in_its_shape(text, words):
    assert [w for k, w in kinds(text) if k != "status"] == [words]  # a green card is also a status
    assert [k for k, _ in kinds(text)].count("document_number") == 1


@pytest.mark.parametrize("text", [
    "Patron paid the printing fee with a Visa card, receipt 004512, then left at 10:30.",
    "The DL for branch staff went out at 9:15; work order 3235550176 was closed.",
    "They had an I-94 form with them but read no number; event no. LOS2612040012 was at the top.",
    "Agents asked about a driver's license and the plate of their car, 8ABC123, badge B4471839.",
    "The vendor's business license hung on the cart, case 2026-0412 opened by the crew.",
])
def test_numbers_near_a_document_word_in_other_shapes_or_clauses_are_not_document_numbers(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, words", [('agent said "hes illegal, we just need to know if hes inside"', "hes illegal"),
                                         ("They told the crowd he's illegal.", "he's illegal"),
                                         ("the agent said she is illegal and took her", "she is illegal"),
                                         ("one agent said he's an illegal immigrant", "he's an illegal immigrant")])
def test_a_person_said_to_be_illegal_is_status(text, words):
    assert kinds(text) == [("status", words)]


@pytest.mark.parametrize("text", ["Their SUV was illegally parked in the red zone.", "he said it's illegal to park there",
                                  "she is illegal vending again, the crew lead said", "he's illegal dumping behind the yard"])
def test_illegal_parking_vending_or_dumping_is_not_status(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, words", [("他们说要找的人没有合法身份", "没有合法身份"), ("探員說他沒有合法居留", "沒有合法居留"),
                                         ("探员说他没有证件", "他没有证件"), ("مأموران گفتند اقامت ندارد", "اقامت ندارد"),
                                         ("گفتند اقامت نداره", "اقامت نداره"), ("گفتند بدون اقامت است", "بدون اقامت")])
def test_having_no_legal_status_in_chinese_or_farsi_is_status(text, words):
    assert kinds(text) == [("status", words)]


@pytest.mark.parametrize("text", ["探员没有出示证件就进来了", "مأموران پرسیدند آیا او محل اقامت ندارد"])
def test_agents_showing_no_id_or_a_person_without_a_place_to_stay_is_not_status(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text", ["form title said Warrant for Arrest of Alien, signed by an SDDO, no court, no judge",
                                  "An I-213, Record of Deportable/Inadmissible Alien, was on the clipboard.",
                                  "El formulario decía Orden de Arresto de Extranjero, firmado por un oficial.",
                                  "they staged at the El Salvador Community Corridor end of the lot on Vermont",
                                  "They parked outside Plaza Mexico, then by the Mexico Street market."])
def test_ice_form_titles_and_places_named_after_a_country_are_not_status_or_nationality(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, found", [
    ("I told them I am not authorized to answer when they asked if she was a citizen", []),
    ("Agents asked staff whether anyone here is a U.S. citizen.", []),
    ("Le preguntaron al guardia si la señora era ciudadana; no contestó.", []),
    ("They asked if she was a citizen and she said she is a citizen.", [("status", "citizen")]),
    ("They asked if the patron was undocumented.", [("status", "undocumented")]),
    ("They asked if the Mexican man was a citizen.", [("nationality", "Mexican")]),
])
def test_an_agents_question_whether_someone_is_a_citizen_is_the_encounters_fact_an_answer_is_status(text, found):
    assert kinds(text) == found


@pytest.mark.parametrize("text, name", [("the patron named Luis Ortega left", "Luis Ortega"),
                                        ("Mr. Hakobyan was asked", "Hakobyan"),
                                        ("resident Maria de la Cruz", "Maria de la Cruz"),
                                        ("se llama Rosa Medina", "Rosa Medina"),
                                        ("Detuvieron a Ángel Morales", "Ángel Morales"),
                                        ("la Sra. Dolores Aguilar", "Dolores Aguilar")])
def test_residents_names_are_found_after_the_words_that_introduce_them(text, name):
    assert kinds(text) == [("name", name)]


@pytest.mark.parametrize("text, words", [("lives at 4521 Hoover St., Apt 3B", "4521 Hoover St., Apt 3B"),
                                         ("the tenant on Hoover Street", None),
                                         ("he lives on Hoover Street", "Hoover Street"),
                                         ("vive en la calle Pico 1234", "calle Pico 1234")])
def test_home_addresses_are_found_but_a_street_named_alone_is_not(text, words):
    assert kinds(text) == ([("address", words)] if words else [])


@pytest.mark.parametrize("text", [
    "Agent Ramirez, badge 4471, and Agent Chen, badge 5520, came in.",
    "The Central Library at 630 W 5th St stayed open.",
    "One agent spoke Korean; Rosa from the desk called counsel; Luz reset the lights.",
    "The document was an I-205 signed by an immigration officer.",
    "Tuve dolores de cabeza; la paz volvió al parque.",
    "Our security guard, Mr. Daniels, stood by the door.",
    "The agents took Van Nuys Boulevard north; they asked for Rosa Parks Library's hours.",
    "A concerned citizen called 911; the senior citizens stayed inside.",
])
def test_agents_sites_staff_and_common_words_are_not_flagged(text):
    assert kinds(text) == []


def test_names_are_the_employees_call_only_where_the_report_asks_for_names():
    text = "Agent Ramirez 4471 asked for the patron named Luis Ortega, A-123-456-789."
    assert kinds(text, "agent_names_and_badges") == [("a_number", "A-123-456-789")]
    assert kinds(text, "staff_witnesses") == [("a_number", "A-123-456-789")]
    assert [k for k, _ in kinds(text, "notes")] == ["name", "a_number"]
    assert [k for k, _ in kinds(text, None)] == ["name", "a_number"]


def test_offsets_are_code_points_of_the_text_as_given():
    text = "😀 señora Núñez: A123456789"
    assert [text[s.start:s.end] for s in sensitive.find_spans(text, "notes")] == ["Núñez", "A123456789"]


def test_spans_are_sorted_and_never_overlap():
    text = "Agents asked for Juan Perez, A-123456789, DOB 03/04/1990, who lives at 12 Main St, undocumented."
    spans = sensitive.find_spans(text)
    assert spans == sorted(spans) and all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert {s.kind for s in spans} == {"name", "a_number", "birth_date", "address", "status"}


def test_empty_text_has_no_spans():
    assert sensitive.find_spans("") == sensitive.find_spans(None) == []


@pytest.mark.parametrize("kind, source, flags", PATTERNS)
def test_every_rule_is_javascript_safe(kind, source, flags):
    assert kind in sensitive.KINDS or kind == sensitive.ALLOW
    assert set(flags) <= {"i"}
    # Outside ASCII only other scripts' letters (the app's other languages), and then no "i" flag: Python would
    # lower-case a Cyrillic capital written in the source, and JavaScript would not.
    other = {c for c in source if not c.isascii()}
    assert all(unicodedata.category(c)[0] in "LM" for c in other) and not (other and "i" in flags)
    assert source.startswith(L), "every rule starts at a word boundary (the quick pre-check relies on it)"
    assert not re.search(r"\(\?<[=!]|\(\?[aiLmsux]|\\[bBwWdDsSAZ]|\(\?P", source), "lookbehind or engine-specific syntax"
    assert re.compile(source).groups <= 1, "group 1 is the span; any other group must be (?:...)"
    assert not re.compile(source).match(""), "a pattern must never match empty text"


def test_folding_keeps_every_offset():
    rules = sensitive.rules()
    assert len(rules["fold"]["from"]) == len(rules["fold"]["to"])
    text = "Ñandú 😀 ſ K İı\u00a0x ۱۲ Ａ１\u3000\u200b"
    folded, at = sensitive.fold(text)
    assert len(folded) == len(text) and at is None


def test_folding_leaves_out_invisible_characters_and_says_where_the_rest_came_from():
    folded, at = sensitive.fold("A\u200e-\u00ad1\u2060")
    assert folded == "A-1" and at == [0, 2, 4, 6]


@pytest.mark.parametrize("written", ["A-۱۲۳۴۵۶۷۸۹", "A-١٢٣٤٥٦٧٨٩", "Ａ１２３４５６７８９", "Ａ－１２３－４５６－７８９"])
def test_an_a_number_in_persian_arabic_or_full_width_digits_is_found_whole(written):
    """A Farsi keyboard types Persian digits, a Chinese or Korean input method full-width ones: the A-number
    is the same to anyone who reads it, and the City must not hold it either way."""
    assert kinds(f"the agent read out {written} from a paper") == [("a_number", written)]


def test_a_social_security_number_and_a_birth_date_in_other_digits_are_found():
    assert kinds("SSN ۱۲۳-۴۵-۶۷۸۹") == [("ssn_itin", "۱۲۳-۴۵-۶۷۸۹")]
    assert kinds("DOB：０３/０４/１９９０") == [("birth_date", "DOB：０３/０４/１９９０")]


@pytest.mark.parametrize("written", ["A-\u200e123456789\u200e", "A\u200f-123456789", "A-123\u00ad456\u00ad789",
                                     "A-123\u2060456789", "\ufeffA123456789", "A-\u2067123456789\u2069",
                                     "A-123\u200b456\u200b789"])
def test_an_a_number_with_invisible_characters_inside_is_found_and_its_span_covers_them(written):
    """Direction marks come with numbers typed or pasted on a right-to-left phone, soft hyphens and joiners
    with text copied from documents and screens: the eye reads through them, and so does the door. The span
    is in the text as written, so taking it out takes out what sat inside it too."""
    found = sensitive.find_spans(f"paper said {written} ok")
    assert [s.kind for s in found] == ["a_number"]
    taken = f"paper said {written} ok"[found[0].start:found[0].end]
    assert taken.strip("\u200e\u2069\ufeff") == written.strip("\u200e\u2069\ufeff")


def test_a_birth_date_broken_by_a_soft_hyphen_is_found_to_its_last_digit():
    assert kinds("born 03/04/19\u00ad85 here") == [("birth_date", "born 03/04/19\u00ad85")]


def test_an_i94_number_copied_from_a_screen_that_joined_its_form_number_is_found():
    """The desk and the phone show "I-94" with a word joiner after the hyphen (encounter/form_numbers.py); words
    copied from there and pasted into a note, a question or an answer carry it, and are checked all the same."""
    assert kinds("I-\u206094 number 38476512A09") == [("document_number", "38476512A09")]


@pytest.mark.parametrize("written", ["(323) 555-0187", "323-555-0187", "323.555.0187", "323 555 0187", "(213)555-0109",
                                     "+1 323 555 0187", "+52 55 5555 0101", "+502 5555 0123", "rosa.m1987@gmail.com",
                                     "J_Lopez+la@yahoo.com.mx", "۳۲۳-۵۵۵-۰۱۸۷"])
def test_a_residents_telephone_number_or_e_mail_is_contact_data(written):
    """The brief's "never collect" names residents' contact details beside their names and addresses."""
    assert kinds(f"the agents asked for it: {written}, and left") == [("contact", written)]


@pytest.mark.parametrize("text", ["Call counsel at 213-555-0142 when agents arrive.", "Llamé a la abogada al 213-555-0142.",
                                  "The agents' supervisor's number is (202) 555-0173.", "I e-mailed the liaison at m.reyes@lacity.org.",
                                  "Agent Ruiz left r.ruiz@ice.dhs.gov on a card.", "Case 2024123456, receipt 3235550187.",
                                  "From 2:15 to 3:05 on 12/04/2026, about 10-12 people.", "Badge 213-5550"])
def test_the_citys_counsels_and_the_agents_numbers_and_other_figures_are_not_contact_data(text):
    assert kinds(text) == []


def test_where_the_report_asks_for_the_agents_a_contact_is_the_employees_call():
    """The protocol asks for the agents' supervisor's contact (BRIEF.md, step 3): the agents' field keeps it."""
    text = "Agent Ortiz, badge 5520; supervisor Walsh 213-555-0199, walsh.k@gmail.com"
    assert kinds(text, "agent_names_and_badges") == []
    assert [s.kind for s in sensitive.find_spans(text, "notes")] == ["contact", "contact"]


@pytest.mark.parametrize("text, words", [
    ("요원들이 불법체류자인지 물었다", "불법체류"), ("他們要看綠卡", "綠卡"), ("他们要看绿卡", "绿卡"),
    ("Нелегалы, сказал агент", "Нелегалы"), ("Tinanong kung TNT siya", "TNT"),
    ("گفتند مهاجر غيرقانوني است", "مهاجر غيرقانوني"),  # typed on an Arabic keyboard: ي, not the Persian ی
    ("Thẻ xanh của bà ấy", "Thẻ xanh"), ("Հարցրին՝ ունի՞ կանաչ քարտ", "կանաչ քարտ"),
])
def test_status_words_in_the_apps_other_languages_are_found(text, words):
    assert kinds(text) == [("status", words)]


@pytest.mark.parametrize("text", ["시민회관 직원이 연락했다", "他們在動物收容所門口", "Нелегальная торговля у входа",
                                  "May ilegal na paradahan sa harap", "Xe đậu bất hợp pháp", "trung tâm công dân"])
def test_words_a_city_employee_uses_for_other_things_in_those_languages_are_not(text):
    assert kinds(text) == []


@pytest.mark.parametrize("written", ["João Conceição", "Nguyễn Văn Hùng", "Nu\u0301n\u0303ez Pe\u0301rez", "Jose\u0301",
                                     "Nguye\u0302\u0303n Va\u0306n", "Đặng Hồng", "Zoë Brontë"])
def test_a_name_with_letters_accented_beyond_spanish_is_found_whole(written):
    """Portuguese, Vietnamese and Tagalog names, and accents typed as separate combining marks (text pasted
    from some screens): a span that stopped at the first such letter ("Jo" of "João") was taken out with one
    tap and left the rest of the name ("ão Conceição") for the server to accept."""
    assert kinds(f"they asked for the patron named {written} at the desk") == [("name", written)]


@pytest.mark.parametrize("separator", ["\u066b", "\u2010", "\u2011", "\u2012", "\u2013", "\u2212", "\u058a", "\ufe63"])
def test_numbers_written_with_other_keyboards_separators_are_found_whole(separator):
    """A Farsi keyboard's decimal separator (U+066B) between Persian digits, the hyphens and dashes that
    documents, autocorrect and other keyboards put in numbers: a reader reads each as the dot or hyphen it stands for."""
    phone = separator.join(["۲۱۳", "۵۵۵", "۰۱۴۸"])
    assert kinds(f"call her at {phone} tonight") == [("contact", phone)]
    a_number = "A" + separator + separator.join(["208", "776", "112"])
    assert kinds(f"the paper said {a_number} ok") == [("a_number", a_number)]


@pytest.mark.parametrize("written", ["\u0410-123-456-789", "\u0410123456789", "\u0410# 123 456 789"])
def test_an_a_number_typed_with_the_russian_keyboards_capital_a_is_found_whole(written):
    """On a Russian keyboard the key for "A" types the Cyrillic capital А (U+0410), which looks the same: an
    employee writing a note in Russian types the A-number's letter with it without switching layouts."""
    assert kinds(f"агент прочитал номер {written} с листа") == [("a_number", written)]


@pytest.mark.parametrize("written", ["213/555-0148", "213 5550148", "(213) 5550148", "+52 (33) 1234 5678",
                                     "+1 (213) 555-0164", "rosa.m1987 @ gmail.com", "rosa.m1987@ gmail.com",
                                     "rosa.m1987 at gmail dot com", "rosa.m1987 [at] gmail [dot] com",
                                     "maria.lopez arroba hotmail punto com"])
def test_a_residents_number_or_address_written_other_ways_is_contact_data(written):
    """A number with a slash, an area code apart from seven digits, a country code before an area code in
    brackets; an address with spaces around the @ or spelled out so that a form would not take it as one."""
    assert kinds(f"the agents asked for it: {written}, and left") == [("contact", written)]


@pytest.mark.parametrize("written", ["(818) 555 - 0172", "213-555-01-48", "213 555 01 48",
                                     "two one three, five five five, zero one four four",
                                     "tres dos tres cinco cinco cinco cero uno nueve cero"])
def test_a_residents_number_read_aloud_and_written_as_said_is_contact_data(written):
    """Spaces around the dash, the last four digits in two pairs, or the digits written as words: how a number is
    taken down when someone says it aloud."""
    assert kinds(f"the wife of the man they took left {written} for a call back") == [("contact", written)]


@pytest.mark.parametrize("text", ["An agent said anyone could call the ICE tip line, 1-866-347-2423.",
                                  "Se les dio la tarjeta con la línea de ayuda 888-624-4752.",
                                  "The card lists (800) 375-5283 and +1 877 555 0100 for questions.",
                                  "Deputy City Attorney Ramos picked up at 213-555-0119 and gave advice.",
                                  "La abogada Ortiz contestó al 213-555-0107.",
                                  "We counted one two three four five six cars and the agents left."])
def test_toll_free_lines_and_counsels_number_where_counsel_answered_are_not_contact_data(text):
    """A toll-free number is an agency's or a help line's, never a resident's own; a number where counsel picked
    up is counsel's. Six digit words in a row are a count, not a number."""
    assert kinds(text) == []


@pytest.mark.parametrize("text, words", [("her cell is 555-0148", "555-0148"), ("Teléfono: 5550148", "5550148"),
                                         ("his phone number 3235550176 was on the form", "3235550176"),
                                         ("call him at 555.0148 if they come back", "555.0148"),
                                         ("su celular es 3235550176", "3235550176"),
                                         ("WhatsApp 555 0148", "555 0148")])
def test_seven_or_ten_bare_digits_are_a_telephone_number_right_after_a_phone_word(text, words):
    assert kinds(text) == [("contact", words)]


@pytest.mark.parametrize("text", ["Case 2026-0412 from 10:30-11:45; receipt 555-0148, work order 3235550176.",
                                  "Badge 555-0148; van 213 5550; he called 911 at 10:32-10:40.",
                                  "The phone rang at 10:30 and again at 10:45; 8 phones, 555 chairs, 0148 tag.",
                                  "They met at the park; see the Library dot map; he was at home dot."])
def test_numbers_and_words_that_only_look_like_a_telephone_or_an_address_are_not_contact_data(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text", ["Llamamos a la abogada de la Ciudad al 213-555-0107 a las 10:20.",
                                  "Branch phone (818) 555-0100, if the agents come back.",
                                  "I called Deputy City Attorney Lee at 213-555-0131 at 10:40.",
                                  "The liaison of the Mayor's Office at 213-555-0122 called back.",
                                  "Counsel's cell 555-0142 did not answer.",
                                  "Escribí a la abogada Ortiz: c.ortiz at lacity dot org."])
def test_counsels_and_the_citys_numbers_a_few_words_after_whose_they_are_are_not_contact_data(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, words", [("Agent Ruiz gave his cell, 213-555-0199, to the clerk.", "213-555-0199"),
                                         ("The library patron's cell is 323-555-0142.", "323-555-0142"),
                                         ("The attorney said the mother's number is 323-555-0142.", "323-555-0142"),
                                         ("La abogada pidió el teléfono de la señora, 323-555-0142.", "323-555-0142"),
                                         ("Counsel asked us to call Rosa at 323-555-0142.", "323-555-0142"),
                                         ("We told the agents, 323-555-0142, and they left.", "323-555-0142")])
def test_a_number_is_not_shielded_when_another_person_stands_between_whose_it_is_and_the_number(text, words):
    """An agent's number in the notes stays flagged too: the agents' field is where the employee keeps it."""
    assert kinds(text) == [("contact", words)]


@pytest.mark.parametrize("text, name", [("they asked for the patron named Nguyễn Văn An at the desk", "Nguyễn Văn An"),
                                        ("buscaban a la usuaria Trần Thị La", "Trần Thị La"),
                                        ("the patron named Maria De La Cruz left", "Maria De La Cruz"),
                                        ("the resident Rosa Del Toro Medina", "Rosa Del Toro Medina")])
def test_a_names_last_part_that_is_also_a_short_word_is_kept_after_two_parts(text, name):
    """"An", "La", "To", "Su" are Vietnamese and Chinese name parts as well as English and Spanish words: after
    two capitalised parts a capitalised one is the name's, so one tap takes the whole name."""
    assert kinds(text) == [("name", name)]


@pytest.mark.parametrize("text, name", [("the patron named Rosa The agents left", "Rosa"),
                                        ("they took Luis Ortega Monday morning", "Luis Ortega"),
                                        ("asked for Luis Ortega ICE said", "Luis Ortega"),
                                        ("se llevaron al señor Perez En la tarde", "Perez")])
def test_a_word_that_is_always_capitalised_or_a_short_word_after_one_part_still_ends_a_name(text, name):
    assert kinds(text) == [("name", name)]
@pytest.mark.parametrize("text, name", [
    ("Warrant was for José Luis Hernández Ramírez, they said.", "José Luis Hernández Ramírez"),
    ("An agent read the name Arman Petrosyan off a clipboard.", "Arman Petrosyan"),
    ("Agents asked for a patron called Tomás, about 40.", "Tomás"),
    ("One man detained (Abebe Tesfaye), a regular in the reading room.", "Abebe Tesfaye"),
    ("the patron (Maria Lopez) was taken", "Maria Lopez"),
    ("They wanted to know if Park Ji-hoon's van was parked in the lot.", "Park Ji-hoon"),
    ("Took the sign-in sheet with Gloria Mendez's entry on it.", "Gloria Mendez"),
    ("The officer asked for a Mr. Kim Min-jun who takes the ESL class.", "Kim Min-jun"),
    ("the patron named Ji-hoon Park left", "Ji-hoon Park"),
    ("Agents asked for Maria Cristina dela Cruz, a patron.", "Maria Cristina dela Cruz"),
    ("the warrant named jose luis martinez and his brother", "jose luis martinez"),
    ("a patron named tomas, about 40", "tomas"),
    ("Se llamaba juan perez, dijeron.", "juan perez"),
    ("Buscaban a un tal José Pérez.", "José Pérez"),
    ("Nhân viên ICE hỏi về ông Nguyễn Văn Hùng ở phòng máy tính.", "Nguyễn Văn Hùng"),
    ("Hinahanap ng mga ahente si Maricel Dizon.", "Maricel Dizon"),
    ("그 남자의 이름은 김민준입니다.", "김민준"), ("요원들이 김민준 씨를 찾았습니다.", "김민준"),
    ("요원들은 박지훈이라는 사람을 찾았습니다.", "박지훈"),
    ("他们在找一个名叫王秀英的女人。", "王秀英"), ("一个男人叫做李明的被带走了。", "李明"),
    ("Գործակալները փնտրում էին Գայանե Մկրտչյան անունով կնոջ։", "Գայանե Մկրտչյան"), ("Նրա անունը Արմեն է։", "Արմեն"),
    ("مأموران دنبال مردی به نام علی رضایی بودند.", "علی رضایی"), ("اسمش رضا بود.", "رضا"),
    ("Агенты спрашивали про Ольгу Иванову у входа.", "Ольгу Иванову"),
    ("Агенты искали мужчину по имени Иван Петров.", "Иван Петров"), ("Его зовут Андрей.", "Андрей"),
])
def test_residents_names_in_the_shapes_of_holdout_round_2_are_found_whole(text, name):
    """A name word still comes first (or the person's word before a bracket, a belonging after a possessive),
    in English, Spanish and each of the app's other languages; the span takes the whole name."""
    assert kinds(text) == [("name", name)]


@pytest.mark.parametrize("text", [
    "The agents met at the Park Ji-hoon Library.", "Agent Kim's car was parked by the gate.",
    "Officer Lee Min-ho's car blocked the exit.", "Deputy City Attorney Ramos's signature was on the letter.", "We walked to Lincoln Park's pool.", "Sandra's son helped at camp.",
    "The name Sherman Oaks Branch is on the sign.", "The warrant was for the workroom.",
    "the patron called Building and Safety", "Someone called Security.", "A woman (Spanish speaker) asked for help.",
    "One man detained (ICE said) was released.", "A patron (Unknown) left.", "One minor (Female) was with her.", "the man named in the warrant was not here",
    "her name was not given", "his name was mentioned twice", "the warrant named two people",
    "La llamada duró diez minutos.", "su nombre es muy dificil", "Preguntaron si Dios existe.",
    "They asked for the Sign-in sheet.", "Staff: Hye-jin Cho (page) stayed at the desk.",
    "이름은 정확히 모른다.", "이름은 말하지 않았다.", "사서 박지은 씨가 연락 담당관에게 전화했습니다.",
    "김 요원이 영장을 보여 주었습니다.", "这种文件叫做行政令状。", "Գործակալները սպասեցին գրադարանի նախասրահում։",
    "اسمش را نمی‌دانم.", "به نام خدا", "Агенты спрашивали про Центральную библиотеку.", "Агенты задержали Агента Смита.",
])
def test_places_agents_staff_and_words_near_those_shapes_are_not_names(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, words", [
    ("The agent read her USCIS receipt number EAC2290123456 from his phone.", "USCIS receipt number EAC2290123456"),
    ("the notice showed WAC-2190012345", "WAC-2190012345"),
    ("dijeron que era hondureño y que no tenía papeles", "no tenía papeles"),
])
def test_a_uscis_receipt_number_and_the_spanish_past_of_no_papers_are_found(text, words):
    assert kinds(text)[-1][1] == words
    assert kinds("The app's receipt was R-20261206-0031; City case 2026-0412.") == []


@pytest.mark.parametrize("text, name", [("yes the paper had his name Kevin Arturo Mejia on it", "Kevin Arturo Mejia"),
                                        ("kennel 14 dog's owner Diego Alvarez was who they asked about", "Diego Alvarez"),
                                        ("el dueño Ramón Ortiz no estaba", "Ramón Ortiz")])
def test_a_name_after_his_name_or_after_owner_is_found(text, name):
    assert [k for k in kinds(text) if k[0] == "name"] == [("name", name)]


@pytest.mark.parametrize("text", ["form title said Warrant for Arrest of Alien, signed by an SDDO",
                                  "they showed a Warrant of Removal/Deportation, form I-205"])
def test_a_warrants_printed_title_names_no_one(text):
    assert [k for k in kinds(text) if k[0] == "name"] == []


# --- holdout round 4 (helper "door4") ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("copied from the paper: A#: 208556714 Nationality: MEXICO", [("a_number", "A#: 208556714"), ("nationality", "MEXICO")]),
    ("A#:208-556-714 on the form", [("a_number", "A#:208-556-714")]),
    ("paper had alien no. A087654321 on it", [("a_number", "A087654321")]),
])
def test_an_a_number_after_a_hash_and_a_colon_is_found_and_alien_no_is_not_status(text, words):
    assert kinds(text) == words


@pytest.mark.parametrize("text, number", [
    ("took a copy of an applicant file, social 612448890 was on page 1", "612448890"),
    ("they had last 4 of her social 8890 and her first name", "8890"),
    ("they had the last four digits of his ssn: 4410", "4410"),
    ("tenían los últimos 4 del seguro 8890", "8890"), ("los ultimos cuatro del seguro social: 8890", "8890"),
])
def test_an_unformatted_ssn_and_its_last_four_are_found_after_the_word_social(text, number):
    assert kinds(text) == [("ssn_itin", number)]


@pytest.mark.parametrize("text", ["the social worker came at 4410 seconds", "last 4 agents left at 8890",
                                  "social services case 61244889", "we had 4 social events and 8890 visitors"])
def test_four_or_nine_digits_elsewhere_are_not_an_ssn(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, address", [
    ("the warrant listed 1423 w. 41st pl, los angeles ca 90037 as his residence", "1423 w. 41st pl, los angeles ca 90037"),
    ("vive por la 1450 e cesar e chavez ave, eso dijeron", "1450 e cesar e chavez ave"),
    ("they wanted the family at 2210 n broadway #14b, we said no", "2210 n broadway #14b"),
    ("a dog call at 8812 s normandie ave, the resident there", "8812 s normandie ave"),
    ("she stays at 3321 maple st apt 4 with her kids", "3321 maple st apt 4"),
])
def test_an_address_typed_in_lower_case_is_found(text, address):
    assert kinds(text) == [("address", address)]


@pytest.mark.parametrize("text", [
    "chinatown branch, 639 n hill st, agents in the lobby 2:10pm",
    "martin luther king jr park, 3916 s western ave, staging in the lot from 5:40 to 7am",
    "citizen complaint about illegal dumping on the 1100 block of w 41st pl",
    "they came at 3 pm and left by the side st", "14 dogs in the kennel on the main way", "14 agents in the ct",
    "case no. 2:26-mj-04417 for 2 people on w 41st st", "2 agents asked dr lee for the file",
    "we walked 200 yards down the main st", "national guard trucks passed on cesar e chavez ave but did not stop",
])
def test_city_sites_blocks_times_counts_and_case_numbers_are_not_addresses(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, number", [
    ("the guy gave them a state id, Y8834521, they took a pic of it", "Y8834521"),
    ("her CA ID card Y8834521 was on the table", "Y8834521"),
    ("요원이 여권번호 M12345678를 읽었어요", "M12345678"), ("여권 번호: M12345678", "M12345678"),
    ("他的护照号码是E12345678", "E12345678"), ("護照號碼 E12345678", "E12345678"),
    ("агент прочитал номер паспорта 751234567", "751234567"),
])
def test_a_state_id_number_and_a_passport_number_in_korean_chinese_and_russian_are_found(text, number):
    assert kinds(text) == [("document_number", number)]


@pytest.mark.parametrize("text, words", [
    ("agent said he was lawfully present after all", "lawfully present"),
    ("they checked her lawful presence on the laptop", "lawful presence"),
    ("агент сказал, что задержанный — гражданин Мексики", "гражданин Мексики"),
    ("Гражданка Гватемалы ждала у входа", "Гражданка Гватемалы"),
])
def test_lawful_presence_and_a_russian_citizen_of_a_country_are_found(text, words):
    assert [w for _k, w in kinds(text)] == [words]


@pytest.mark.parametrize("text", [
    "movie night was showing alien at the park, agents walked through the crowd",
    "rangers pulled alien plants by the lake", "it was during the citizenship class in the new americans center",
    "the citizenship workshop moved to room B", "she comes to the korean class tuesdays", "гражданин сказал, что агенты ушли",
    "two agents at the macarthur park rec center, one said his name was Jesus Ortiz ERO",
])
def test_a_film_a_class_a_citizen_alone_and_an_agent_giving_his_name_are_not_flagged(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, words", [
    ("the agent called him an illegal alien", [("status", "illegal alien")]),
    ("the alien was taken to the van, the agent said", [("status", "alien")]),
    ("form heading Nationality: MEXICO", [("nationality", "MEXICO")]),
    ("agents stopped two men, one said his name was Jose Ramos", [("name", "Jose Ramos")]),
])
def test_what_stays_found_next_to_those(text, words):
    assert kinds(text) == words


def test_after_a_form_heading_a_status_or_a_nationality_is_still_found():
    assert kinds("Citizenship: illegal alien. Nationality: guatemalan") == [("status", "illegal alien"),
                                                                            ("nationality", "guatemalan")]


# --- names in small letters and holdout round 5 (encounter/given_names.py) ---------------------------------------
@pytest.mark.parametrize("text, name", [
    ("2 agents at circ desk asking for jose luis ramirez said he comes in for the computers", "jose luis ramirez"),
    ("looking for a maria guadalupe torres they had a photo on a phone", "maria guadalupe torres"),
    ("llegaron 3 agentes preguntando por juan carlos hernandez, dijeron que trabaja", "juan carlos hernandez"),
    ("they asked for a mister hector gallegos comma said he drives a forklift", "hector gallegos"),
    ("se llevaron a don chuy el elotero", "chuy"),
    ("agent asked our clerk to pull luis ortega's permit file", "luis ortega"),
    ("they asked about mrs park who comes to the korean class tuesdays", "park"),
])
def test_a_name_typed_in_small_letters_is_found_after_a_word_that_introduces_a_person(text, name):
    """The first word must be a given name of the list (or the word after a title): "asked for their records" is no name."""
    assert kinds(text) == [("name", name)]


@pytest.mark.parametrize("text, name", [
    ("they asked me if Angel from the morning crew was here today", "Angel"),
    ("preguntaron si Dolores todavia viene a la clase de zumba", "Dolores"),
    ("copied from the paper: Subject: RAMIREZ, Jose Luis", "RAMIREZ, Jose Luis"),
    ("re follow up: they had her first name only, Lupe", "Lupe"),
    ("one of the camp kids said the men took his uncle Beto from the parking lot", "Beto"),
    ("the man they detained kept yelling his wifes name Lorena so she would hear him", "Lorena"),
    ("a backpack that belongs to Emmanuel Addo and his bike", "Emmanuel Addo"),
    ("they were asking for the mechanic everyone calls Flaco", "Flaco"),
    ("hinahanap nila si aling Nena yung nagtitinda ng turon", "Nena"),
    ("探员在找王秀英，还问她是不是住在这附近。", "王秀英"), ("他们问王丽华是不是住在这附近", "王丽华"),
    ("مأموران دنبال علی رضایی بودند.", "علی رضایی"),
    ("Գործակալները հարցնում էին Արամ Պետրոսյանի մասին", "Արամ Պետրոսյանի"),
])
def test_a_name_the_agents_ask_after_or_a_relative_or_a_belonging_introduces_is_found(text, name):
    assert [k for k in kinds(text) if k[0] == "name"] == [("name", name)]


@pytest.mark.parametrize("text", [
    "they took cesar chavez ave to the freeway", "took martin luther king blvd west",
    "they asked for their records and a copy of the permit", "I asked if Rosa could call counsel",
    "Said they were looking for a person but showed only an I-200 with the name covered.",
    "La señora pagó las copias con tarjeta Visa.", "El señor tiene miedo.", "the rosa luz display at the entrance",
    "Subject: ICE, HSI visit to the branch", "the liaison, Mrs. Haverford, called back at 3:10",
    "liaisons cell is 310-555-0124, she said call back", "他们在找文件，说要看记录", "我问任何人都不知道",
    "Rosa from the circulation desk called counsel", "our crew lead Angel and the driver Jesus saw them at the yard",
])
def test_streets_staff_and_small_words_near_those_shapes_stay_clean(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, words", [
    ("she said to dm her on ig @lupita.reyes88 if they come back", ("contact", "@lupita.reyes88")),
    ("կինը ասաց որ նա Իրանի քաղաքացի է", ("nationality", "Իրանի քաղաքացի")),
])
def test_a_social_handle_and_an_armenian_country_of_citizenship_are_found(text, words):
    assert kinds(text) == [words]
    assert kinds("write to counsel at legal@lacity.org") == []


# --- holdout round 6 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, names", [
    ('they showed a photo and said the guy is Hector "Tito" Barragan', ['Hector "Tito" Barragan']),
    ("agent read off the paper: VILLANUEVA-RIOS, Ana Lucia", ["VILLANUEVA-RIOS, Ana Lucia"]),
    ("residents name on the notice FIGUEROA, BRENDA dob 1990-06-14", ["FIGUEROA, BRENDA"]),
    ("they had a list with Pedro Alvarado, Luis Alvarado and Yesenia Cruz on it",
     ["Pedro Alvarado", "Luis Alvarado", "Yesenia Cruz"]),
    ("traian una lista con Juana, Maricela Ortiz y el Güero y preguntaron", ["Juana", "Maricela Ortiz", "Güero"]),
    ("they wanted the address for Marisol, the house behind the taqueria", ["Marisol"]),
    ("the library card they asked about is under Nguyen Thi Lan", ["Nguyen Thi Lan"]),
    ("heard agent on radio say subject Ismael Quintero", ["Ismael Quintero"]),
    ("esl student jenny lee left the sign in sheet", ["jenny lee"]), ("they detained jose at the gate", ["jose"]),
    ("Alma Reyes's work permit card", ["Alma Reyes"]), ("探员问我们王秀英是不是住在这里", ["王秀英"]),
])
def test_names_in_the_shapes_of_holdout_round_6_are_found(text, names):
    assert [w for k, w in kinds(text) if k == "name"] == names


@pytest.mark.parametrize("text, found", [
    ("lady in line told me her husband doesnt have papers", ("status", "doesnt have papers")),
    ("they said he has a deportation order", ("status", "deportation order")),
    ("agent said the target is in removal proceedings", ("status", "removal proceedings")),
    ("heard agent on radio say parole expired", ("status", "parole expired")),
    ("I think the ssn was xxx-xx-4417 last 4 only", ("ssn_itin", "xxx-xx-4417")),
    ("they asked for him, born july ninth nineteen eighty five", ("birth_date", "july ninth nineteen eighty five")),
    ("the passport they held up had number P2281945A", ("document_number", "P2281945A")),
    ("su face es facebook.com/yadiflores.la", ("contact", "facebook.com/yadiflores.la")),
    ("مأموران گفتند ایرانی است", ("nationality", "ایرانی")),
    ("նա փաստաթղթեր չունի", ("status", "փաստաթղթեր չունի")),
])
def test_status_numbers_and_contact_in_the_shapes_of_holdout_round_6_are_found(text, found):
    assert kinds(text) == [found]


@pytest.mark.parametrize("text", [
    "they had a list of Echo Park, Lincoln Heights and Boyle Heights sites", "counsel Mr. Chen confirmed at 2:31",
    "liaison Angela Park called back at 10:15 from 213-555-0177",
    "the agents waited in the public lobby of the Housing counter at 1200 W 7th St", "Subject: ICE, HSI visit",
    "they ate at the Iranian restaurant, غذای ایرانی", "the form had the words CITY OF LOS ANGELES, DEPARTMENT",
])
def test_lists_of_places_counsel_the_liaisons_number_and_a_citys_counter_stay_clean(text):
    assert kinds(text) == []


# --- holdout round 7 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, found", [
    ("they showed me a printout w/ a photo, name Marisol Quintanilla Ruiz dob 03/14/1989",
     [("name", "Marisol Quintanilla Ruiz"), ("birth_date", "dob 03/14/1989")]),
    ('agent said out loud "Nguyen Thi Hoa, date of birth 11 5 1972, you need to come with us"',
     [("name", "Nguyen Thi Hoa"), ("birth_date", "date of birth 11 5 1972")]),
    ("the warrant had a name on it, Jesus Alberto Ocampo, I photographed it", [("name", "Jesus Alberto Ocampo")]),
    ("she would not confirm whether Beto Carranza is signed up for the league", [("name", "Beto Carranza")]),
    ("theyre looking for a guy they kept calling El Gallo who hangs out by the skate park", [("name", "Gallo")]),
    ("kid at camp told the counselor his mom is illegal", [("status", "mom is illegal")]),
    ("he kept repeating his a number two oh one four four five nine eight three",
     [("a_number", "two oh one four four five nine eight three")]),
    ("dijo que la buscaran en face como maribel.ortiz.750", [("contact", "maribel.ortiz.750")]),
    ("上面写着出生日期1979年3月2日", [("birth_date", "1979年3月2日")]),
    ("他们要找一个叫陈丽华的租户", [("name", "陈丽华")]),
    ("گفتند او ایرانی است و ویزایش تمام شده", [("nationality", "ایرانی"), ("status", "ویزایش تمام شده")]),
    ("сказали что у неё нет статуса", [("status", "нет статуса")]),
])
def test_what_holdout_round_7_taught_the_door_is_found(text, found):
    assert kinds(text) == found


@pytest.mark.parametrize("text", [
    "I told them I'm not authorized to discuss anyone's immigration status",
    "agent gave his name as Brian Kessler badge 20917, said his supervisor can be reached at 213-555-0100",
    "the workroom behind circ desk and the loading dock at 630 W 5th St",
    "i gave out resource cards in spanish and korean", "ig is down again today", "the form was signed on 11 5",
])
def test_the_protocols_answer_the_agents_supervisors_number_and_a_sites_dock_stay_clean(text):
    assert kinds(text) == []


def test_milliseconds_are_no_title():
    assert kinds("the first tap's time, in ms since the epoch") == []
    assert kinds("the patron ms. wen was at the computers") == [("name", "wen")]


def test_a_long_run_of_spaces_is_read_as_three_and_separators_so_no_rule_tries_every_split_of_it():
    """A rule with room for spaces on both sides of an optional word tried every split of a long run: "asked for" and
    2,000 spaces cost the server 0.7 s a field. Past three, spaces and tabs are separators (one for one, offsets kept)."""
    folded, at = sensitive.fold("asked for" + " " * 6 + "Luis Ortega")
    assert folded == "asked for   \x01\x01\x01Luis Ortega" and at is None
    assert kinds("They asked for   Luis Ortega") == [("name", "Luis Ortega")]
    assert kinds("They asked for" + " " * 2000 + "Luis Ortega") == []
    assert kinds("A-123-456-789" + "\t" * 50 + "undocumented") == [("a_number", "A-123-456-789"), ("status", "undocumented")]


# A probe of 256 clean sentences (helper 76, 2026-12-06) found the door flagging half of them after the small-letter
# name rules went in; these are its commonest shapes.
@pytest.mark.parametrize("text", [
    "juan carlos from sanitation called the liaison at 9:40", "maria jose from the front desk walked them out",
    "I asked for luis to call counsel", "they asked for rosa, the manager", "agents asked for maria, our branch manager",
    "where maria sits is by the window", "they wanted ana to open the staff door", "co-worker maria saw them first",
    "buscaban a rosa para abrir la puerta", "preguntaron por ana de circulacion", "son maria y jose los que estaban de turno",
    "the name tag said ICE", "she wrote the name down", "dijeron el nombre completo pero no lo apunté",
    "took cesar chavez to the 101", "took victoria to slauson", "they asked if Facilities could open the gate",
    "asked if Union Station was close by", "asked if Google Maps was right", "Rosa asked if Luis could call counsel",
    "a list of Know Your Rights flyers", "the list: Counsel, Liaison, Site Lead", "ms teams call with the liaison at 3",
    "mr brooks the agent gave his badge", "ms. garcia from hr came down", "sra. ramirez la gerente llamo",
    "file for Parking Permits", "didn't know Rosa was the manager", "face covering.they left at 3",
    "the paper said ADMINISTRATIVE WARRANT, Form I-205", "Lincoln Heights born and raised, Rosa translated",
    "looking for a mercedes suv", "a grace period for the permit",
])
def test_staff_streets_titles_and_things_the_probe_found_stay_clean(text):
    assert kinds(text) == []


# --- holdout round 8 and clean probe 9 ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, found", [
    ("i heard the agent say Hector Villalobos 02/11/1985 into the radio",
     [("name", "Hector Villalobos"), ("birth_date", "02/11/1985")]),
    ("مأموران دنبال آقای رضایی بودند", [("name", "رضایی")]),
    ("two agents came to the front desk asking if Marisol Andrade had been in the library today",
     [("name", "Marisol Andrade")]),
    ("tinanong ng ahente kung kilala namin si Rodel Manalastas", [("name", "Rodel Manalastas")]),
    ("they pulled the file for the Delgado household", [("name", "Delgado")]),
    ("preguntaron por la familia Tzul", [("name", "Tzul")]),
    ("他们问我们有没有陈志明的地址", [("name", "陈志明")]),
    ("el agente preguntó si conocemos a Maria de los Angeles Tzul", [("name", "Maria de los Angeles Tzul")]),
    ("they showed a printout with Jose Luis Barrientos on it", [("name", "Jose Luis Barrientos")]),
    ("they took a copy of the sign in sheet w rosa elena mejia on it", [("name", "rosa elena mejia")]),
    ("агенты спросили адрес Ольги Петренко", [("name", "Ольги Петренко")]),
    ("sabi ng babae wala siyang papeles", [("status", "wala siyang papeles")]),
    ("мужчина сказал, что у него нет документов", [("status", "у него нет документов")]),
    ("Agent Brooks read his A# out loud, 212-390-554, and asked", [("a_number", "212-390-554")]),
    ("her passport fell out, number P7730419", [("document_number", "P7730419")]),
])
def test_what_holdout_round_8_taught_the_door_is_found(text, found):
    assert kinds(text) == found


@pytest.mark.parametrize("text", [
    "the westchester park office number is 310-555-0177 if the liaison wants to confirm",
    "the one in charge said his supervisor is sddo hernandez and gave their office number 213-555-0192",
    "the korean storytime was going on in the kids area", "the citizenship and esl class was cancelled this week",
    "el comite de ciudadanos del vecindario tenia junta en el salon b", "مامور گفت اسمش افسر پارک است",
    "le avise a mi supervisora la sra. lopez y ella llamo al liaison",
    "el agente dijo que se llamaba morales, placa 5521", "the Wilson Family Center was open",
    "a vest with Border Patrol on it", "the family of four waited in the lobby",
])
def test_city_offices_classes_agents_and_staff_the_clean_probe_found_stay_clean(text):
    assert kinds(text) == []


# --- holdout round 9 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, found", [
    ("agent had Wei Zhangs address written on a post it", [("name", "Wei Zhang")]),
    ("ice took jennifer lopezs husband", [("name", "jennifer lopez")]),
    ("the agents ask for a man name hose ramirez and left", [("name", "hose ramirez")]),
    ("la niña dijo que su mama no tiene documentos", [("status", "no tiene documentos")]),
    ("dicen q se le vencio la visa", [("status", "se le vencio la visa")]),
    ("cbp took a guy from the lot, said he had no status", [("status", "he had no status")]),
    ("his birthday is may fifth 2008", [("birth_date", "may fifth 2008")]),
    ("дата рождения 5 марта 1982", [("birth_date", "5 марта 1982")]),
    ("agent read the a number out loud two one five three three eight nine zero four",
     [("a_number", "two one five three three eight nine zero four")]),
    ('looking for "Angel Morales, DOB 2/9/95"', [("name", "Angel Morales"), ("birth_date", "DOB 2/9/95")]),
    ("el agente leyo el nombre Maria de la Luz Hernandez de un papel", [("name", "Maria de la Luz Hernandez")]),
    ("said they had a war rant for Jesus Cruz", [("name", "Jesus Cruz")]),
    ("a teen said his mom Rosa got taken at the bus stop", [("name", "Rosa")]),
    ("tinanong ng agent kung kilala ko si Jun-Jun Dela Cruz", [("name", "Jun-Jun Dela Cruz")]),
    ("agent ha donbale Shirin Ahmadi boodan", [("name", "Shirin Ahmadi")]),
    ("they showed a paper with PARK JI HOON dob 11-23-1979", [("name", "PARK JI HOON"), ("birth_date", "dob 11-23-1979")]),
    ("hsi agent read names off a list: Hope Mensah, Tesfaye Alemu", [("name", "Hope Mensah"), ("name", "Tesfaye Alemu")]),
    ("他们带走了小王，听说", [("name", "小王")]),
    ("移民局的人在老人中心找陈美玲，说", [("name", "陈美玲")]),
    ("요원이 이정호 씨 어디 사냐고 물어봤어요", [("name", "이정호")]),
    ("man they took dropped his consular id, number MX09174533", [("document_number", "MX09174533")]),
])
def test_what_holdout_round_9_taught_the_door_is_found(text, found):
    assert kinds(text) == found


@pytest.mark.parametrize("text", [
    "the supervisors name on the card was SDDO Raymond Oakes", "the work order has no status yet",
    "the ICE ERO DHS vests, 2/9/2025", "找工作，", "the Parks van was parked out front",
])
def test_agents_titles_work_orders_and_agencies_in_capitals_stay_clean(text):
    assert kinds(text) == []


# --- the second look: asked, not refused ---------------------------------------------------------------------------
def asked(text, field="notes"):
    return [text[s.start:s.end] for s in sensitive.ask_spans(text, field)]


def test_capitalised_words_no_rule_refused_are_asked_about_and_never_refused():
    text = "they told Maria Lopez to wait by the door"
    assert asked(text) == ["Maria Lopez"]
    assert sensitive.find_spans(text, "notes") == []


@pytest.mark.parametrize("text, name", [
    ("Was Maria Gonzalez taken?", "Maria Gonzalez"), ("Did Rosa Martinez leave with them?", "Rosa Martinez"),
    ("Where is Jose Ramirez now?", "Jose Ramirez"), ("Fue Carmen Ortiz con ellos?", "Carmen Ortiz"),
])
def test_a_question_opening_the_sentence_is_not_part_of_the_name_asked_about(text, name):
    """Remove takes what is marked: "Was" marked with the name left "taken?" of a liaison's question."""
    assert asked(text) == [name]


@pytest.mark.parametrize("text, refused, name", [
    ("They asked for Kevin Ng at the counter.", ["Kevin Ng"], []), ("Kevin Ng was detained by ICE.", [], ["Kevin Ng"]),
    ("Jenny Ang was taken.", [], ["Jenny Ang"]), ("The agents were looking for Do Thi Lan.", ["Do Thi Lan"], []),
    ("They were looking for Ng.", ["Ng"], []), ("A patron, Mary Hay, was questioned.", ["Mary Hay"], []),
    ("Do Thi Lan was taken.", [], ["Do Thi Lan"]),
])
def test_surnames_that_are_also_small_words_elsewhere_stay_part_of_the_name(text, refused, name):
    """Ng, Ang, Do, Hay: the words that open a question must not cut a resident's name short (review, c55875e)."""
    assert [text[s.start:s.end] for s in sensitive.find_spans(text, "notes")] == refused
    assert asked(text) == name


@pytest.mark.parametrize("text", [
    "they asked for Maria Lopez",  # refused: asking would let the employee keep it
    "Agent Rosa Alvarez, badge 3319",  # an agent's name, shielded
    "our site lead Marcus Lee told them to wait", "Luis Ortega (custodian) saw it all", "mi supervisora Rosa Delgado",
    "a gray Ford Explorer, plate 8XKT221", "on San Fernando Rd at 6", "the Benjamin Franklin branch library",
    "Sherman Oaks staff", "the Mayor's Office of Immigrant Affairs", "Know Your Rights cards",
])
def test_refused_shielded_and_known_words_are_not_asked_about(text):
    assert asked(text) == []


def test_fields_that_take_names_are_not_asked_about_twice():
    assert asked("Maria Lopez", "staff_witnesses") == [] and asked("Daniel Brooks", "agent_names_and_badges") == []
