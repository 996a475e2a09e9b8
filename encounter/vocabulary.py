"""The words of a report: every closed choice list, the field lists, text limits, never-collected keys.

BRIEF.md, "The report" and "Never collect". The marshmallow schemas at the server's edge,
the queue's filters, the aggregate's columns and the phone's form (through
``pwa/src/rules/vocabulary.json``) all read these; none keeps a list of its own.
"""
from encounter.facilities import FACILITY_TYPES
from encounter.field_message import coded

# Closed vocabularies, in the order the phone offers them.
AGENCIES = ("ice_ero", "hsi", "cbp", "other_federal", "unknown")
DOCUMENT_TYPES = ("judicial_warrant", "administrative_warrant", "administrative_subpoena",
                  "judicial_subpoena", "other", "none", "unknown")
AREA_TYPES = ("public", "non_public", "parking_staging")
REQUESTS = ("access", "records", "person", "staging", "information", "other")
STEP_RESULTS = ("done", "skipped", "not_applicable")
OUTCOMES = ("left_without_action", "left_after_search", "arrest_made", "staging_only", "still_present", "other",
            "unknown")
# Languages a report may be written in (BRIEF.md, Languages: English and Spanish first, then seven more).
# The same codes are the languages a text of the City's may carry (a checklist's, a department's name); English and
# Spanish are required there (server/checklists/content.py, the desk's editors through rules/vocabulary.json).
LANGUAGES = ("en", "es", "ko", "zh", "hy", "tl", "fa", "ru", "vi")
REQUIRED_LANGUAGES = ("en", "es")
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
# The reason the agents stated, as a category (their words stay in stated_purpose): what the aggregate counts.
STATED_REASONS = ("named_person", "worksite_enforcement", "records_or_information", "investigation", "surveillance",
                  "no_reason_given", "other", "unknown")
# The violations ledger: how City staff or City resources helped the agents, and who or what helped, as
# roles and resource types (never a person's name; no resident data).
CITY_ASSISTANCE_KINDS = ("records_or_information", "access_or_keys", "escort", "vehicles_or_equipment", "other")
CITY_ASSISTANCE_BY = ("front_desk_staff", "security_staff", "facilities_staff", "supervisor", "other_staff",
                      "city_vehicle", "city_equipment", "city_records_system", "other_resource")

CHOICES = {"agencies": AGENCIES, "document_type": DOCUMENT_TYPES, "area_type": AREA_TYPES, "requested": REQUESTS,
           "outcome": OUTCOMES, "language": LANGUAGES, "stated_reason": STATED_REASONS,
           "city_assistance_kinds": CITY_ASSISTANCE_KINDS, "city_assistance_by": CITY_ASSISTANCE_BY}
# Choice fields that hold a list of choices rather than one.
LIST_FIELDS = ("agencies", "requested", "city_assistance_kinds", "city_assistance_by")

# Yes / no / not known (null) questions, in the order the form asks them.
YES_NO_FIELDS = ("government_plates", "masks", "visible_identification", "identification_refused",
                 "document_copy_obtained", "consent_asked", "consent_refused", "non_public_entered",
                 "entered_over_objection", "minors_present", "force_used", "weapons_shown", "injuries",
                 "staff_threatened_or_detained", "emergency_claimed", "police_called", "city_assistance")
# Counts of people and vehicles, never identities.
COUNT_FIELDS = ("agent_count", "vehicle_count", "detained_count")
COUNT_RANGE = (0, 999)
TIME_FIELDS = ("started_at", "ended_at", "liaison_notified_at", "mayor_office_notified_at")

# Free text the employee types, with its maximum length in characters. Each is checked for
# never-collected data (encounter.sensitive) at the door and searched by the liaison queue.
TEXT_LIMITS = {
    "markings_seen": 500, "agent_names_and_badges": 1000, "stated_purpose": 1000, "areas_entered": 500,
    "items_taken": 500, "outcome_notes": 1000, "staff_witnesses": 300, "notes": 2000,
    "city_assistance_notes": 500,
}
FREE_TEXT_FIELDS = tuple(TEXT_LIMITS)
# The answer kind's one free-text field (a reply to a liaison's follow-up question).
ANSWER_TEXT_FIELD = "text"
ANSWER_TEXT_MAX = 2000
# Identifiers and list sizes of a body.
SITE_CODE_MAX = 40
STEP_ID_MAX = 40
STEPS_MAX = 60
PHOTOS_MAX = 40
PHOTO_BYTES_MAX = 50_000_000

# Checklist steps that act in place (issue 11). A step's `call` names whom its buttons ring: the keys of
# a pulled site's `contacts` (the site's desk, its lead; the department's liaison, counsel line, after-hours).
CONTACT_ROLES = ("site", "site_lead", "liaison", "counsel", "after_hours")
# The numbers that come with the site itself; the others are the department's, the same on all its sites, so
# the phone can offer them before a site is chosen.
SITE_CONTACT_ROLES = ("site", "site_lead")
# The department's help line for residents, sent with the other numbers under this key. Not a call target: it is
# the resident's to call, shown on the phone's card for residents, never a button the employee's steps ring.
RESIDENT_HELP_CONTACT = "resident_help"
# A step may also call the emergency number (QA: "call 911" had no button). Its number is the country's, not a
# department's setting: fixed here, so it rings offline, with no site chosen and before any sync.
EMERGENCY_CALL = "emergency"
EMERGENCY_NUMBER = "911"
# Whom a step's `call` may name: the emergency number first (the phone shows it first), then the contacts.
CALL_TARGETS = (EMERGENCY_CALL, *CONTACT_ROLES)
# A step's `capture`: "note" writes the free-text field the step names (`field`), "agents" the agents'
# names and badges, "document_photo" the report's photos. Agents' names belong in the agents' field only,
# so a note may write any free-text field but that one.
STEP_CAPTURES = ("note", "agents", "document_photo")
AGENTS_FIELD = "agent_names_and_badges"
NOTE_FIELDS = tuple(name for name in FREE_TEXT_FIELDS if name != AGENTS_FIELD)

# Keys a client might be tempted to send. Nothing of them has a field; each is refused with
# its reason, so the sender learns why rather than just "unknown field".
_LAW = "the Sanctuary Ordinance 188441 and SB 54 forbid the City to collect it, and what the City holds can be subpoenaed"
NEVER_COLLECTED = {
    "immigration_status": f"anyone's immigration status: {_LAW}",
    "citizenship": f"anyone's citizenship: {_LAW}",
    "citizenship_status": f"anyone's citizenship: {_LAW}",
    "nationality": f"a resident's nationality: {_LAW}",
    "ethnicity": f"a resident's ethnicity: {_LAW}",
    "country_of_origin": f"a resident's country of origin: {_LAW}",
    "date_of_birth": f"a resident's date of birth: {_LAW}",
    "birth_date": f"a resident's date of birth: {_LAW}",
    "detainee_name": f"the name of a person detained: {_LAW}; report the number detained instead",
    "detainee_names": f"the names of people detained: {_LAW}; report the number detained instead",
    "resident_name": f"a resident's name: {_LAW}",
    "patron_name": f"a patron's name: patron records are confidential and {_LAW}",
    "tenant_name": f"a tenant's name: tenant records go to counsel, and {_LAW}",
    "applicant_name": f"an applicant's name: applicant records go to counsel, and {_LAW}",
    "a_number": f"an alien registration number identifies a resident: {_LAW}",
    "alien_number": f"an alien registration number identifies a resident: {_LAW}",
}
NEVER_COLLECTED_MESSAGE = "this must never be collected ({reason}); remove it"


# Counsel's answer on a document photographed during an encounter (issue 11, warrant check).
VERDICTS = ("judicial", "administrative", "unclear")
# A form number keeps a word joiner (U+2060) after its hyphen so that no line breaks inside it, as in every
# catalog (encounter/form_numbers.py); the desk's words for a verdict are these.
VERDICT_TEXT = {
    "judicial": "judicial warrant — signed by a judge",
    "administrative": "administrative (I-\u2060200/I-\u2060205) — not a judicial warrant",
    "unclear": "unclear — do not consent, keep the area closed",
}
COUNSEL_NOTE_FIELD = "note"
COUNSEL_NOTE_MAX = 280
# The desk's text search (``GET /reports?q=``): longer is no search a person types, and the desk's field stops there.
SEARCH_TEXT_MAX = 200
# A local password's length in characters (demo and break-glass accounts): the admin's user schema checks it
# and the desk's user form states it, so a new user's password is not learnt from a refusal.
PASSWORD_LENGTH = (12, 200)


def never_collected_errors(body: dict) -> dict:
    """Explain, key by key, why a never-collected key in a body is refused (field errors, code ``never_collected``)."""
    return {key: [coded("never_collected", NEVER_COLLECTED_MESSAGE.format(reason=NEVER_COLLECTED[key]), key=key)]
            for key in sorted(NEVER_COLLECTED.keys() & body.keys())}


def document() -> dict:
    """Return the vocabulary as data for ``pwa/src/rules/vocabulary.json``."""
    return {
        "choices": {name: list(values) for name, values in CHOICES.items()},
        "list_fields": list(LIST_FIELDS), "step_results": list(STEP_RESULTS), "photo_types": list(PHOTO_TYPES),
        "yes_no_fields": list(YES_NO_FIELDS), "count_fields": list(COUNT_FIELDS), "count_range": list(COUNT_RANGE),
        "time_fields": list(TIME_FIELDS), "text_limits": dict(TEXT_LIMITS), "free_text_fields": list(FREE_TEXT_FIELDS),
        "answer_text_max": ANSWER_TEXT_MAX, "photos_max": PHOTOS_MAX, "steps_max": STEPS_MAX,
        "step_id_max": STEP_ID_MAX, "required_languages": list(REQUIRED_LANGUAGES),
        "never_collected": dict(NEVER_COLLECTED),
        "verdicts": list(VERDICTS), "verdict_text": dict(VERDICT_TEXT), "counsel_note_max": COUNSEL_NOTE_MAX,
        "contact_roles": list(CONTACT_ROLES), "site_contact_roles": list(SITE_CONTACT_ROLES),
        "resident_help_contact": RESIDENT_HELP_CONTACT,
        "call_targets": list(CALL_TARGETS), "emergency_call": EMERGENCY_CALL, "emergency_number": EMERGENCY_NUMBER,
        "step_captures": list(STEP_CAPTURES), "agents_field": AGENTS_FIELD,
        "note_fields": list(NOTE_FIELDS), "search_text_max": SEARCH_TEXT_MAX, "password_length": list(PASSWORD_LENGTH),
        # The admin's site form offers these (encounter/facilities.py), named by the desk's catalogs.
        "facility_types": list(FACILITY_TYPES),
    }
