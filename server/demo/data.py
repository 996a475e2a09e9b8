"""Demo and seed content for Encounter Log: protocol text, departments, sites, users.

Why this module exists:

* The checklist wording is legal guidance. The City Attorney has to be able to
  review and change it without reading view code, so it lives here as plain
  data (English and Spanish side by side), never inside templates or routes.
* The seed command loads these departments, sites, users and checklist
  variants so a fresh install shows something realistic to trainers and
  liaisons. Everything here is demo content: display names are fictional.
* It imports nothing but the standard library, so it can be read, diffed and
  tested without Flask or a database.

Nothing here describes, or leaves room for, anyone's immigration or
citizenship status: the Sanctuary Ordinance and SB 54 forbid the City to hold
it. ``validate()`` checks the record shapes so no such field creeps in.
"""

import copy
import re

from encounter.vocabulary import AREA_TYPES

LANGUAGES = ("en", "es")
ROLES = ("field", "liaison", "trainer", "mayor_office", "admin")
FACILITY_TYPES = (
    "library",
    "park",
    "recreation_center",
    "yard",
    "office_counter",
    "shelter",
    "airport",
    "port",
    "right_of_way",
    "parking_structure",
    "treatment_plant",
)

TEXT_MAX = 220
GUIDE_MAX = 900
SLUG_MAX = 40
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _step(step_id, time_critical, en, es, guide_en=None, guide_es=None):
    """Build one step dict; keeps the literal tables below short and uniform."""
    guide = {"en": guide_en, "es": guide_es} if guide_en or guide_es else None
    return {
        "id": step_id,
        "time_critical": time_critical,
        "text": {"en": en, "es": es},
        "guide": guide,
    }


# --------------------------------------------------------------------------
# The universal checklist (BRIEF.md, steps 1-14, TC flags as marked there).
# --------------------------------------------------------------------------

UNIVERSAL_STEPS = [
    _step(
        "stay-calm", True,
        "Stay calm and safe. Do not touch, block or argue with the agents.",
        "Mantenga la calma y cuide su seguridad. No toque, no bloquee ni "
        "discuta con los agentes.",
    ),
    _step(
        "call-site-lead", True,
        "Call your site lead and your department's designated contact. Ask "
        "the agents to wait in a public area.",
        "Llame a su responsable del sitio y al contacto designado de su "
        "departamento. Pida a los agentes que esperen en un área pública.",
    ),
    _step(
        "ask-identification", True,
        "Ask each agent for their name, agency, badge number and their "
        "supervisor's contact. Note anyone who refuses.",
        "Pida a cada agente su nombre, agencia, número de placa y el contacto "
        "de su supervisor. Anote si alguien se niega.",
    ),
    _step(
        "ask-purpose", False,
        "Ask why they are here. Note their answer.",
        "Pregunte por qué están aquí. Anote su respuesta.",
    ),
    _step(
        "photograph-document", True,
        "Ask for any document they have. Photograph every page.",
        "Pida cualquier documento que tengan. Tome una foto de cada página.",
        "Photograph every page, front and back, flat and in focus, including "
        "the signature. If they will not let you photograph it, write down the "
        "form number, the court or agency named on it, who signed it and the "
        "date. Do not sign anything; refer it to counsel.",
        "Fotografíe cada página, por ambos lados, bien plana y enfocada, "
        "incluida la firma. Si no le permiten tomar la foto, anote el número "
        "del formulario, el tribunal o la agencia que aparece, quién lo firmó "
        "y la fecha. No firme nada; remítalo a la asesoría legal.",
    ),
    _step(
        "check-document", True,
        "Check the document against the guide: only a judicial warrant (names "
        "a court, signed by a judge) can allow entry to non-public areas. Send "
        "the photo to counsel; do not decide alone.",
        "Compare el documento con la guía: solo una orden judicial (nombra un "
        "tribunal y la firma un juez) permite entrar a áreas no públicas. "
        "Envíe la foto a la asesoría legal; no decida por su cuenta.",
        "Judicial warrant: issued by a court. It names the court (for example "
        "\"United States District Court\"), is signed by a judge or magistrate "
        "judge, and describes the place or person it covers. Only this can "
        "authorise entry to non-public areas, and only as far as it says.\n"
        "ICE administrative warrants, Form I-200 (arrest) and Form I-205 "
        "(removal), and the ICE subpoena, Form I-138, are signed by "
        "immigration officers, not by a judge. They do not authorise entry to "
        "non-public areas. A subpoena asks for records; refer it to counsel.\n"
        "If you cannot tell which kind it is, treat it as not judicial. Send "
        "the photo to counsel; do not decide alone.",
        "Orden judicial: la emite un tribunal. Nombra el tribunal (por ejemplo, "
        "\"United States District Court\"), la firma un juez o juez magistrado "
        "y describe el lugar o la persona a la que se refiere. Solo esta orden "
        "permite entrar a áreas no públicas, y solo dentro de lo que indica.\n"
        "Las órdenes administrativas de ICE, Formulario I-200 (arresto) y "
        "Formulario I-205 (deportación), y la citación de ICE, Formulario "
        "I-138, las firman oficiales de inmigración, no un juez. No autorizan "
        "la entrada a áreas no públicas. Una citación pide registros; "
        "remítala a la asesoría legal.\n"
        "Si no sabe de qué tipo es, trátela como no judicial. Envíe la foto a "
        "la asesoría legal; no decida por su cuenta.",
    ),
    _step(
        "refuse-consent", True,
        "Non-public area without a judicial warrant: say \"I do not consent to "
        "entry.\" If they enter anyway, do not block them. Note it and find a "
        "witness.",
        "Área no pública sin orden judicial: diga \"No doy mi consentimiento "
        "para que entren.\" Si entran de todos modos, no los bloquee. Anótelo "
        "y busque un testigo.",
        "Say it clearly and calmly: \"I do not consent to entry.\" Non-public "
        "areas are staff-only rooms, offices, storage, workrooms and anywhere "
        "the public needs a key, badge or invitation. Do not physically "
        "resist, stand in a doorway or hide anyone. If they go in anyway, note "
        "the time, which doors or rooms, that they entered over your "
        "objection, and ask a coworker to witness.",
        "Dígalo con claridad y calma: \"No doy mi consentimiento para que "
        "entren.\" Si puede, dígalo también en inglés: \"I do not consent to "
        "entry.\" Las áreas no públicas son las salas solo para personal, "
        "oficinas, bodegas, salas de trabajo y todo lugar donde el público "
        "necesita llave, credencial o invitación. No se resista físicamente, "
        "no se pare en la puerta ni esconda a nadie. Si entran de todos modos, "
        "anote la hora, qué puertas o salas, que entraron a pesar de su "
        "objeción, y pida a un compañero que sea testigo.",
    ),
    _step(
        "no-information", False,
        "Give no information or records about any person. Refer every request "
        "to counsel.",
        "No dé información ni registros sobre ninguna persona. Remita toda "
        "solicitud a la asesoría legal.",
        "This covers anyone: staff, visitors, residents, customers. Do not "
        "confirm whether someone is here, works here or was here; do not "
        "share addresses, schedules, sign-in sheets, files or camera footage. "
        "Say: \"I am not authorised to give that information. Please contact "
        "our counsel.\" Then tell your site lead.",
        "Esto incluye a cualquier persona: personal, visitantes, residentes o "
        "clientes. No confirme si alguien está aquí, trabaja aquí o estuvo "
        "aquí; no comparta direcciones, horarios, hojas de registro, "
        "expedientes ni videos de las cámaras. Diga: \"No tengo autorización "
        "para dar esa información. Comuníquense con nuestra asesoría legal.\" "
        "Luego avise a su responsable del sitio.",
    ),
    _step(
        "emergency-step-aside", True,
        "If agents declare an emergency, step aside and alert your site lead.",
        "Si los agentes declaran una emergencia, hágase a un lado y avise a su "
        "responsable del sitio.",
        "In a real emergency (for example a chase or a danger to life) agents "
        "may enter without a warrant. Do not argue about whether it is one. "
        "Step aside, note what they said and the time, and let counsel review "
        "it later.",
        "En una emergencia real (por ejemplo, una persecución o un peligro "
        "para la vida) los agentes pueden entrar sin orden. No discuta si lo "
        "es o no. Hágase a un lado, anote lo que dijeron y la hora, y deje que "
        "la asesoría legal lo revise después.",
    ),
    _step(
        "no-lies-no-status", False,
        "Do not lie, hide anyone or discuss anyone's immigration status. Say: "
        "\"I am not authorised to answer.\"",
        "No mienta, no esconda a nadie ni hable de la situación migratoria de "
        "ninguna persona. Diga: \"No tengo autorización para responder.\"",
        "You may decline to answer and refer questions to counsel. Never give "
        "false information to a federal agent and never hide anyone: either "
        "can put you at legal risk.",
        "Puede negarse a responder y remitir las preguntas a la asesoría "
        "legal. Nunca dé información falsa a un agente federal ni esconda a "
        "nadie: ambas cosas pueden ponerle en riesgo legal.",
    ),
    _step(
        "masked-call-911", True,
        "If agents are masked or unidentified and you are unsure they are "
        "officers, call 911.",
        "Si los agentes tienen el rostro cubierto o no se identifican y usted "
        "tiene dudas de que sean agentes del orden, llame al 911.",
        "Tell the dispatcher where you are and that people who say they are "
        "federal agents cannot be identified. Keep your distance and do not "
        "confront them. Then alert your site lead.",
        "Diga a quien atiende la llamada dónde está y que hay personas que dicen ser "
        "agentes federales pero no se pueden identificar. Mantenga su "
        "distancia y no las confronte. Luego avise a su responsable del sitio.",
    ),
    _step(
        "observe-and-note", False,
        "Observe from a safe distance: how many agents, what they do, where, "
        "uniforms, time, equipment. Note areas entered and items taken.",
        "Observe desde una distancia segura: cuántos agentes, qué hacen, "
        "dónde, uniformes, hora y equipo. Anote las áreas donde entraron y lo "
        "que se llevaron.",
        "Write down what the agents did, not who they were looking for. Count "
        "people detained, but do not record their names, descriptions, "
        "nationality or immigration status: the City must not hold that data. "
        "Do not follow vehicles or put yourself at risk to see more. If it is "
        "safe, photograph agents, vehicles and plates in public areas.",
        "Anote lo que hicieron los agentes, no a quién buscaban. Cuente a las "
        "personas detenidas, pero no anote sus nombres, descripciones, "
        "nacionalidad ni situación migratoria: la Ciudad no debe guardar esos "
        "datos. No siga vehículos ni se ponga en riesgo para ver más. Si es "
        "seguro, tome fotos de los agentes, vehículos y placas en áreas "
        "públicas.",
    ),
    _step(
        "submit-report", False,
        "After they leave, submit the report. Your liaison notifies the "
        "Mayor's Office.",
        "Cuando se vayan, envíe el reporte. El enlace de su departamento "
        "avisará a la Oficina del Alcalde.",
        "Submit even if the encounter was short or you skipped steps. Without "
        "a signal the report waits on this phone and is sent when you "
        "reconnect; it is safe only once the app shows it as received.",
        "Envíelo aunque el encuentro haya sido breve o haya omitido pasos. Sin "
        "señal, el reporte se queda en este teléfono y se envía al volver la "
        "conexión; solo está seguro cuando la aplicación lo muestra como "
        "recibido.",
    ),
    _step(
        "aftercare", False,
        "Check on staff and the public. Hand out resource cards. Flag the "
        "incident for a debrief.",
        "Pregunte cómo están el personal y el público. Entregue tarjetas de "
        "recursos. Marque el incidente para una reunión de seguimiento.",
        "Give resource cards to anyone who wants one. Do not collect names or "
        "contact details of members of the public: family support goes "
        "through the City's separate, consent-based referral channel, not "
        "this app.",
        "Entregue tarjetas de recursos a quien las quiera. No recoja nombres "
        "ni datos de contacto del público: el apoyo a familias se gestiona por "
        "el canal de referencias de la Ciudad, aparte y con consentimiento, no "
        "por esta aplicación.",
    ),
]


# --------------------------------------------------------------------------
# Department variants: universal steps plus inserts and adapted wording.
# --------------------------------------------------------------------------

def _with(inserts_after=None, replace=None):
    """Return the universal steps with department changes applied.

    ``inserts_after`` maps a step id to the new steps that follow it;
    ``replace`` maps a step id to keys (usually "text") that override the
    universal step. Building variants this way keeps one copy of the
    universal wording, so a legal edit there reaches every department.
    """
    inserts_after = inserts_after or {}
    replace = replace or {}
    known = {s["id"] for s in UNIVERSAL_STEPS}
    unknown = (set(inserts_after) | set(replace)) - known
    if unknown:
        raise ValueError(f"unknown universal step ids: {sorted(unknown)}")
    steps = []
    for base in UNIVERSAL_STEPS:
        step = copy.deepcopy(base)
        step.update(copy.deepcopy(replace.get(base["id"], {})))
        steps.append(step)
        steps.extend(copy.deepcopy(inserts_after.get(base["id"], [])))
    return steps


def _text(en, es):
    """Override only a step's short text, keeping its universal guide."""
    return {"text": {"en": en, "es": es}}


_LIBRARY = _with(
    inserts_after={
        "call-site-lead": [_step(
            "library-patron-presence", False,
            "Never confirm or deny whether any patron is or was in the "
            "library, even if shown a name or a photo.",
            "Nunca confirme ni niegue si un usuario está o estuvo en la "
            "biblioteca, aunque le muestren un nombre o una foto.",
        )],
        "no-information": [_step(
            "library-patron-records", False,
            "Patron records are confidential: loans, computer sessions, room "
            "bookings, sign-ins and camera footage. Do not show or hand them "
            "over; refer the request to counsel.",
            "Los registros de usuarios son confidenciales: préstamos, sesiones "
            "de computadora, reservas de salas, registros de entrada y videos. "
            "No los muestre ni entregue; remita la solicitud a la asesoría "
            "legal.",
            "California law makes library patron records confidential, and "
            "the Sanctuary Ordinance bars using City data for immigration "
            "enforcement. Do not look anything up, even to be helpful. Only "
            "counsel decides how to answer a subpoena or warrant for records.",
            "La ley de California hace confidenciales los registros de los "
            "usuarios de bibliotecas, y la Ordenanza Santuario prohíbe usar "
            "datos de la Ciudad para la aplicación de leyes de inmigración. No "
            "busque nada, ni siquiera para ayudar. Solo la asesoría legal "
            "decide cómo responder a una citación u orden sobre registros.",
        )],
    },
    replace={
        "refuse-consent": _text(
            "Workrooms, offices and staff-only stacks are non-public. Without "
            "a judicial warrant, say \"I do not consent to entry.\" If they "
            "enter anyway, do not block; note it and find a witness.",
            "Las salas de trabajo, oficinas y depósitos solo para personal no "
            "son públicos. Sin orden judicial, diga \"No doy mi consentimiento "
            "para que entren.\" Si entran, no bloquee; anótelo y busque un "
            "testigo.",
        ),
    },
)

_PARKS = _with(
    inserts_after={
        "stay-calm": [_step(
            "parks-account-children", True,
            "If a camp or program is running, account for every child now: "
            "take attendance and keep the group together, away from the "
            "agents.",
            "Si hay un campamento o programa en curso, cuente ahora a cada "
            "niño: pase lista y mantenga al grupo junto, lejos de los agentes.",
        )],
        "no-information": [_step(
            "parks-release-guardians", False,
            "Release children only to parents or guardians on the authorised "
            "pickup list. If anyone else asks to take a child, call your site "
            "lead and counsel.",
            "Entregue a los niños solo a los padres o tutores de la lista de "
            "recogida autorizada. Si otra persona pide llevarse a un niño, "
            "llame a su responsable del sitio y a la asesoría legal.",
            "Use the program's authorised pickup list. If a parent cannot "
            "come, call the emergency contacts on file and keep the child "
            "with staff until an authorised adult arrives. If anyone else, "
            "agents included, asks to take a child, call your site lead and "
            "counsel at once.",
            "Use la lista de recogida autorizada del programa. Si un padre no "
            "puede venir, llame a los contactos de emergencia registrados y "
            "mantenga al niño con el personal hasta que llegue un adulto "
            "autorizado. Si otra persona, incluidos los agentes, pide llevarse "
            "a un niño, llame de inmediato a su responsable del sitio y a la "
            "asesoría legal.",
        )],
        "observe-and-note": [_step(
            "parks-staging", False,
            "Agents or vehicles gathering in a park parking lot or on park "
            "grounds must be reported, even without contact: note time, "
            "vehicles and plates.",
            "Si agentes o vehículos se reúnen en un estacionamiento o terreno "
            "del parque, hay que reportarlo aunque no haya contacto: anote la "
            "hora, los vehículos y las placas.",
        )],
    },
)

_FIELD_CREW = _with(
    inserts_after={
        "no-information": [
            _step(
                "field-no-resident-info", False,
                "Give no information about residents, encampments or street "
                "vendors, or where anyone stays or works, including from work "
                "orders, routes or service requests.",
                "No dé información sobre residentes, campamentos o vendedores "
                "ambulantes, ni sobre dónde se queda o trabaja alguien, "
                "tampoco de órdenes de trabajo, rutas o solicitudes de "
                "servicio.",
            ),
            _step(
                "field-no-city-equipment", False,
                "Do not let City trucks, equipment, yards or staff time be "
                "used to help: do not move vehicles, open gates, clear areas "
                "or change your route for them.",
                "No permita que se usen camiones, equipo, patios o tiempo del "
                "personal de la Ciudad para ayudar: no mueva vehículos, no "
                "abra portones, no despeje áreas ni cambie su ruta por ellos.",
            ),
        ],
    },
    replace={
        "call-site-lead": _text(
            "Call your crew supervisor and your department's designated "
            "contact. On the street, stay with your crew; at a yard, ask the "
            "agents to wait outside the gate.",
            "Llame a su supervisor de cuadrilla y al contacto designado de su "
            "departamento. En la calle, quédese con su cuadrilla; en un patio, "
            "pida a los agentes que esperen afuera del portón.",
        ),
        "refuse-consent": _text(
            "Crew yards, shops and City vehicles are non-public. Without a "
            "judicial warrant, say \"I do not consent to entry.\" If they "
            "enter anyway, do not block; note it and find a witness.",
            "Los patios, talleres y vehículos de la Ciudad no son públicos. "
            "Sin orden judicial, diga \"No doy mi consentimiento para que "
            "entren.\" Si entran, no bloquee; anótelo y busque un testigo.",
        ),
    },
)

_FRONT_COUNTER = _with(
    inserts_after={
        "no-information": [_step(
            "counter-records-to-counsel", False,
            "Applicant, permit, case, tenant and adopter records are not "
            "shared. Do not look up, print or confirm any record for agents; "
            "refer the request to counsel.",
            "Los registros de solicitantes, permisos, casos, inquilinos y "
            "adoptantes no se comparten. No busque, imprima ni confirme ningún "
            "registro para los agentes; remita la solicitud a la asesoría "
            "legal.",
        )],
        "no-lies-no-status": [_step(
            "counter-keep-serving", False,
            "Keep serving the public unless your supervisor says otherwise. "
            "Do not ask customers for ID or about immigration status just "
            "because agents are present.",
            "Siga atendiendo al público salvo que su supervisor indique otra "
            "cosa. No pida identificación a los clientes ni les pregunte por "
            "su situación migratoria por el hecho de que haya agentes.",
        )],
    },
    replace={
        "call-site-lead": _text(
            "Call your counter supervisor and your department's designated "
            "contact. Ask the agents to wait in the lobby.",
            "Llame a su supervisor de mostrador y al contacto designado de su "
            "departamento. Pida a los agentes que esperen en el vestíbulo.",
        ),
        "refuse-consent": _text(
            "Behind the counter, offices and file rooms are non-public. "
            "Without a judicial warrant, say \"I do not consent to entry.\" If "
            "they enter anyway, do not block; note it and find a witness.",
            "Detrás del mostrador, las oficinas y los archivos no son "
            "públicos. Sin orden judicial, diga \"No doy mi consentimiento "
            "para que entren.\" Si entran, no bloquee; anótelo y busque un "
            "testigo.",
        ),
    },
)

_AIRPORT_PORT = _with(
    inserts_after={
        "ask-purpose": [_step(
            "cbp-routine-or-enforcement", False,
            "CBP inspecting arrivals, crews, baggage or cargo is routine: do "
            "not interfere. Report enforcement activity in City-controlled "
            "areas outside those duties.",
            "Que CBP inspeccione llegadas, tripulaciones, equipaje o carga es "
            "rutina: no interfiera. Reporte la actividad de control "
            "migratorio en áreas de la Ciudad fuera de esas funciones.",
            "At LAX, Van Nuys Airport and the Port, U.S. Customs and Border "
            "Protection (CBP) inspects arriving passengers, crews, baggage and "
            "cargo as its ordinary work at a port of entry. That is not what "
            "this checklist reports. Report it when agents (CBP, ICE, HSI or "
            "others) question, follow, detain or search for people in "
            "City-controlled areas outside inspection - public terminal areas, "
            "curbs, parking, offices, marinas, community spaces - or ask City "
            "staff for records, keys, badges or access. If unsure, report it "
            "and let the liaison decide.",
            "En LAX, el Aeropuerto de Van Nuys y el Puerto, la Oficina de "
            "Aduanas y Protección Fronteriza (CBP) inspecciona pasajeros, "
            "tripulaciones, equipaje y carga como trabajo ordinario en un "
            "puerto de entrada. Eso no se reporta aquí. Repórtelo cuando "
            "agentes (CBP, ICE, HSI u otros) interroguen, sigan, detengan o "
            "busquen personas en áreas de la Ciudad fuera de la inspección "
            "(terminales públicas, aceras, estacionamientos, oficinas, marinas, "
            "espacios comunitarios) o pidan al personal registros, llaves, "
            "credenciales o acceso. Si tiene dudas, repórtelo y deje que el "
            "enlace decida.",
        )],
        "no-information": [_step(
            "airport-no-access-aid", False,
            "Do not lend badges, keys, escorts, vehicles or camera feeds for "
            "immigration enforcement. Refer requests for access or footage to "
            "counsel.",
            "No preste credenciales, llaves, escoltas, vehículos ni cámaras "
            "para el control migratorio. Remita a la asesoría legal las "
            "solicitudes de acceso o de videos.",
        )],
    },
    replace={
        "refuse-consent": _text(
            "City-controlled non-public area (offices, back-of-house, "
            "staff-only rooms) without a judicial warrant: say \"I do not "
            "consent to entry.\" If they enter anyway, do not block; note it "
            "and find a witness.",
            "Área no pública de la Ciudad (oficinas, áreas de servicio, salas "
            "solo para personal) sin orden judicial: diga \"No doy mi "
            "consentimiento para que entren.\" Si entran, no bloquee; anótelo "
            "y busque un testigo.",
        ),
    },
)


def _title(en, es):
    """Bilingual checklist title."""
    return {"en": en, "es": es}


VARIANTS = {
    "universal": {
        "title": _title(
            "Federal immigration agents on City property",
            "Agentes federales de inmigración en propiedad de la Ciudad",
        ),
        "steps": _with(),
    },
    "library": {
        "title": _title(
            "Libraries: immigration agents on site",
            "Bibliotecas: agentes de inmigración en el sitio",
        ),
        "steps": _LIBRARY,
    },
    "parks": {
        "title": _title(
            "Recreation and Parks: immigration agents on site",
            "Recreación y Parques: agentes de inmigración en el sitio",
        ),
        "steps": _PARKS,
    },
    "field_crew": {
        "title": _title(
            "Field crews: immigration agents at work sites",
            "Cuadrillas de campo: agentes de inmigración en el lugar de "
            "trabajo",
        ),
        "steps": _FIELD_CREW,
    },
    "front_counter": {
        "title": _title(
            "Public counters: immigration agents on site",
            "Mostradores de atención al público: agentes de inmigración en el "
            "sitio",
        ),
        "steps": _FRONT_COUNTER,
    },
    "airport_port": {
        "title": _title(
            "Airports and Port: immigration agents in City-controlled areas",
            "Aeropuertos y Puerto: agentes de inmigración en áreas de la "
            "Ciudad",
        ),
        "steps": _AIRPORT_PORT,
    },
}


# --------------------------------------------------------------------------
# Departments and sites (real facilities; addresses as publicly listed).
# --------------------------------------------------------------------------

_ALL = ["public", "non_public", "parking_staging"]
_INSIDE = ["public", "non_public"]
_YARD = ["non_public", "parking_staging"]
_ROUTE = ["public"]


def _site(code, name, address, facility_type, area_types):
    """Build one site dict; area_types lists only areas the site really has."""
    return {
        "code": code,
        "name": name,
        "address": address,
        "facility_type": facility_type,
        "area_types": list(area_types),
    }


DEPARTMENTS = [
    {
        "code": "LAPL", "name": "Los Angeles Public Library",
        "variant": "library",
        "sites": [
            _site("lapl-central", "Central Library",
                  "630 W 5th St, Los Angeles, CA 90071", "library", _ALL),
            _site("lapl-benjamin-franklin", "Benjamin Franklin Branch Library",
                  "2200 E 1st St, Los Angeles, CA 90033", "library", _INSIDE),
            _site("lapl-pio-pico-koreatown",
                  "Pio Pico - Koreatown Branch Library",
                  "694 S Oxford Ave, Los Angeles, CA 90005", "library", _ALL),
            _site("lapl-chinatown", "Chinatown Branch Library",
                  "639 N Hill St, Los Angeles, CA 90012", "library", _INSIDE),
            _site("lapl-exposition-park",
                  "Exposition Park - Dr. Mary McLeod Bethune Regional Library",
                  "3900 S Western Ave, Los Angeles, CA 90062", "library", _ALL),
        ],
    },
    {
        "code": "RAP", "name": "Department of Recreation and Parks",
        "variant": "parks",
        "sites": [
            _site("rap-macarthur-park", "MacArthur Park",
                  "2230 W 6th St, Los Angeles, CA 90057", "park", _ALL),
            _site("rap-hollenbeck-park", "Hollenbeck Park",
                  "415 S St Louis St, Los Angeles, CA 90033", "park", _ALL),
            _site("rap-pan-pacific-rec", "Pan Pacific Recreation Center",
                  "7600 Beverly Blvd, Los Angeles, CA 90036",
                  "recreation_center", _ALL),
            _site("rap-ritchie-valens-rec", "Ritchie Valens Recreation Center",
                  "10731 Laurel Canyon Blvd, Pacoima, CA 91331",
                  "recreation_center", _ALL),
            _site("rap-griffith-park", "Griffith Park (Ranger Station)",
                  "4730 Crystal Springs Dr, Los Angeles, CA 90027", "park",
                  _ALL),
        ],
    },
    {
        "code": "LASAN", "name": "LA Sanitation and Environment",
        "variant": "field_crew",
        "sites": [
            _site("lasan-hyperion", "Hyperion Water Reclamation Plant",
                  "12000 Vista del Mar, Playa del Rey, CA 90293",
                  "treatment_plant", _ALL),
            _site("lasan-north-central-yard", "North Central District Yard",
                  "452 San Fernando Rd, Los Angeles, CA 90031", "yard", _YARD),
            _site("lasan-west-la-yard", "West Los Angeles District Yard",
                  "2027 Stoner Ave, Los Angeles, CA 90025", "yard", _YARD),
            _site("lasan-downtown-route", "Downtown collection route",
                  "E 5th St from S Main St to S Alameda St, Los Angeles, "
                  "CA 90013", "right_of_way", _ROUTE),
        ],
    },
    {
        "code": "STREETS", "name": "StreetsLA (Bureau of Street Services)",
        "variant": "field_crew",
        "sites": [
            _site("streets-headquarters", "StreetsLA Headquarters",
                  "1149 S Broadway, Los Angeles, CA 90015", "office_counter",
                  _INSIDE),
            _site("streets-central-yard", "Central Street Maintenance Yard",
                  "2111 E 7th St, Los Angeles, CA 90021", "yard", _YARD),
            _site("streets-valley-yard", "Valley Street Maintenance Yard",
                  "8501 Fallbrook Ave, West Hills, CA 91304", "yard", _YARD),
            _site("streets-van-nuys-resurfacing",
                  "Van Nuys Blvd resurfacing route",
                  "Van Nuys Blvd from Victory Blvd to Roscoe Blvd, Van Nuys, "
                  "CA 91405", "right_of_way", _ROUTE),
        ],
    },
    {
        "code": "LADBS", "name": "Department of Building and Safety",
        "variant": "front_counter",
        "sites": [
            _site("ladbs-metro-dsc", "Metro Development Services Center",
                  "201 N Figueroa St, Los Angeles, CA 90012", "office_counter",
                  _INSIDE),
            _site("ladbs-van-nuys-dsc", "Van Nuys Development Services Center",
                  "6262 Van Nuys Blvd, Van Nuys, CA 91401", "office_counter",
                  _ALL),
            _site("ladbs-west-la-dsc",
                  "West Los Angeles Development Services Center",
                  "1828 Sawtelle Blvd, Los Angeles, CA 90025",
                  "office_counter", _ALL),
            _site("ladbs-south-la-dsc", "South LA Development Services Center",
                  "8475 S Vermont Ave, Los Angeles, CA 90044",
                  "office_counter", _ALL),
        ],
    },
    {
        "code": "LAHD", "name": "Los Angeles Housing Department",
        "variant": "front_counter",
        "sites": [
            _site("lahd-headquarters", "LAHD Headquarters Public Counter",
                  "1200 W 7th St, Los Angeles, CA 90017", "office_counter",
                  _INSIDE),
            _site("lahd-east-regional", "East Regional Office",
                  "2215 N Broadway, Los Angeles, CA 90031", "office_counter",
                  _ALL),
            _site("lahd-north-regional", "North (Valley) Regional Office",
                  "6640 Van Nuys Blvd, Van Nuys, CA 91405", "office_counter",
                  _ALL),
            _site("lahd-west-regional", "West Regional Office",
                  "1645 Corinth Ave, Los Angeles, CA 90025", "office_counter",
                  _INSIDE),
        ],
    },
    {
        "code": "LAWA", "name": "Los Angeles World Airports",
        "variant": "airport_port",
        "sites": [
            _site("lawa-lax-tbit", "LAX Tom Bradley International Terminal",
                  "380 World Way, Los Angeles, CA 90045", "airport", _ALL),
            _site("lawa-lax-terminal-1", "LAX Terminal 1",
                  "200 World Way, Los Angeles, CA 90045", "airport", _ALL),
            _site("lawa-lax-economy-parking", "LAX Economy Parking",
                  "6225 W 96th St, Los Angeles, CA 90045",
                  "parking_structure", ["public", "parking_staging"]),
            _site("lawa-van-nuys-airport", "Van Nuys Airport Administration",
                  "16461 Sherman Way, Van Nuys, CA 91406", "airport", _ALL),
        ],
    },
    {
        "code": "POLA", "name": "Port of Los Angeles (Harbor Department)",
        "variant": "airport_port",
        "sites": [
            _site("pola-administration", "Port Administration Building",
                  "425 S Palos Verdes St, San Pedro, CA 90731", "port", _ALL),
            _site("pola-world-cruise-center", "World Cruise Center",
                  "100 Swinford St, San Pedro, CA 90731", "port", _ALL),
            _site("pola-bannings-landing", "Banning's Landing Community Center",
                  "100 E Water St, Wilmington, CA 90744", "port", _ALL),
        ],
    },
    {
        "code": "LAAS", "name": "Department of Animal Services",
        "variant": "front_counter",
        "sites": [
            _site("laas-east-valley", "East Valley Animal Services Center",
                  "14409 Vanowen St, Van Nuys, CA 91405", "shelter", _ALL),
            _site("laas-west-la", "West Los Angeles Animal Services Center",
                  "11361 W Pico Blvd, Los Angeles, CA 90064", "shelter", _ALL),
            _site("laas-north-central", "North Central Animal Services Center",
                  "3201 Lacy St, Los Angeles, CA 90031", "shelter", _ALL),
            _site("laas-south-la", "South LA Animal Services Center",
                  "1850 W 60th St, Los Angeles, CA 90047", "shelter", _ALL),
        ],
    },
    {
        "code": "LADOT", "name": "Department of Transportation (LADOT)",
        "variant": "field_crew",
        "sites": [
            _site("ladot-broxton-garage", "Westwood Village Broxton Garage",
                  "1036 Broxton Ave, Los Angeles, CA 90024",
                  "parking_structure", ["public", "parking_staging"]),
            _site("ladot-western-enforcement",
                  "Western Parking Enforcement Facility",
                  "11214 W Exposition Blvd, Los Angeles, CA 90064", "yard",
                  _YARD),
            _site("ladot-broadway-beat", "Broadway parking enforcement beat",
                  "S Broadway from 1st St to Olympic Blvd, Los Angeles, "
                  "CA 90012", "right_of_way", _ROUTE),
        ],
    },
]


# --------------------------------------------------------------------------
# Demo users (fictional people; roles as in BRIEF.md).
# --------------------------------------------------------------------------

def _user(username, display_name, role, department=None):
    """Build one demo user; no demographic or status fields, by design."""
    return {"username": username, "display_name": display_name,
            "role": role, "department": department}


DEMO_USERS = [
    _user("field.lapl", "Rosa Delgado", "field", "LAPL"),
    _user("field.rap", "Marcus Bell", "field", "RAP"),
    _user("field.lasan", "Tomás Herrera", "field", "LASAN"),
    _user("field.ladbs", "Grace Nakamura", "field", "LADBS"),
    _user("field.lawa", "Arman Petrosyan", "field", "LAWA"),
    _user("liaison.lapl", "Helen Park", "liaison", "LAPL"),
    _user("liaison.rap", "Luis Carrillo", "liaison", "RAP"),
    _user("liaison.lasan", "Nadia Rahimi", "liaison", "LASAN"),
    _user("liaison.ladbs", "Joy Santos", "liaison", "LADBS"),
    _user("trainer", "Denise Okafor", "trainer"),
    _user("mayor", "Samuel Reyes", "mayor_office"),
    _user("admin", "Priya Natarajan", "admin"),
]


# --------------------------------------------------------------------------
# Access and validation.
# --------------------------------------------------------------------------

def checklist_for(variant):
    """Return a deep copy of one variant's title and steps.

    A copy, so a caller that edits or annotates steps (seeding, time stamps)
    can never change the reviewed protocol text held here.
    """
    if variant not in VARIANTS:
        raise KeyError(f"unknown checklist variant: {variant!r}")
    return copy.deepcopy(VARIANTS[variant])


def _check(condition, message):
    """Raise AssertionError; unlike `assert`, survives `python -O`."""
    if not condition:
        raise AssertionError(message)


def _check_bilingual(value, where, limit):
    """Both languages present, non-empty strings, within the length limit."""
    _check(isinstance(value, dict) and set(value) == set(LANGUAGES),
           f"{where}: needs exactly {LANGUAGES}")
    for lang in LANGUAGES:
        text = value[lang]
        _check(isinstance(text, str) and text.strip(), f"{where}.{lang} empty")
        _check(len(text) <= limit, f"{where}.{lang} is {len(text)} > {limit}")


def _check_slug(code, where):
    """Short, stable kebab-case identifiers (used in URLs and exports)."""
    _check(isinstance(code, str) and _SLUG.match(code), f"{where}: {code!r}")
    _check(len(code) <= SLUG_MAX, f"{where}: {code!r} longer than {SLUG_MAX}")


def _check_step(step, where):
    """One step: exact keys, slug id, bool flag, short text, optional guide."""
    _check(set(step) == {"id", "time_critical", "text", "guide"},
           f"{where}: unexpected keys {sorted(step)}")
    _check_slug(step["id"], f"{where} id")
    _check(isinstance(step["time_critical"], bool), f"{where}: flag not bool")
    _check_bilingual(step["text"], f"{where} text", TEXT_MAX)
    if step["guide"] is not None:
        _check_bilingual(step["guide"], f"{where} guide", GUIDE_MAX)


def _check_steps(steps, where, low, high):
    """A whole list: size, unique ids, every universal step kept in order."""
    _check(low <= len(steps) <= high, f"{where}: {len(steps)} steps")
    for step in steps:
        _check_step(step, f"{where}/{step.get('id')}")
    ids = [s["id"] for s in steps]
    _check(len(ids) == len(set(ids)), f"{where}: duplicate step ids")
    universal = [s["id"] for s in UNIVERSAL_STEPS]
    _check([i for i in ids if i in universal] == universal,
           f"{where}: universal steps missing or out of order")


def _check_required_guides():
    """The legally essential guide content must survive any rewording."""
    by_id = {s["id"]: s for s in UNIVERSAL_STEPS}
    doc = by_id["check-document"]["guide"]
    for form in ("I-200", "I-205", "I-138"):
        _check(all(form in doc[lang] for lang in LANGUAGES),
               f"check-document guide must mention {form}")
    consent = by_id["refuse-consent"]["guide"]
    _check("I do not consent to entry." in consent["en"],
           "refuse-consent guide (en) lacks the consent sentence")
    _check("No doy mi consentimiento para que entren." in consent["es"],
           "refuse-consent guide (es) lacks the consent sentence")


def _check_departments():
    """Departments: known variant; sites: unique codes, valid vocabularies."""
    _check(len(DEPARTMENTS) == 10, "expected 10 departments")
    codes = [d["code"] for d in DEPARTMENTS]
    _check(len(codes) == len(set(codes)), "duplicate department codes")
    site_codes = []
    for dept in DEPARTMENTS:
        where = dept["code"]
        _check(set(dept) == {"code", "name", "variant", "sites"},
               f"{where}: unexpected keys")
        _check(dept["variant"] in VARIANTS, f"{where}: unknown variant")
        _check(3 <= len(dept["sites"]) <= 5, f"{where}: 3 to 5 sites")
        for site in dept["sites"]:
            _check_site(site, where)
            site_codes.append(site["code"])
    _check(len(site_codes) == len(set(site_codes)), "duplicate site codes")


def _check_site(site, dept_code):
    """One site: exact keys, slug code, known facility and area types."""
    where = f"{dept_code}/{site.get('code')}"
    _check(set(site) == {"code", "name", "address", "facility_type",
                         "area_types"}, f"{where}: unexpected keys")
    _check_slug(site["code"], f"{where} code")
    _check(site["name"].strip() and site["address"].strip(),
           f"{where}: name and address required")
    _check(site["facility_type"] in FACILITY_TYPES, f"{where}: facility_type")
    areas = site["area_types"]
    _check(areas and set(areas) <= set(AREA_TYPES)
           and len(areas) == len(set(areas)), f"{where}: area_types")


def _check_users():
    """Users: unique names, known roles, department only for dept roles."""
    dept_codes = {d["code"] for d in DEPARTMENTS}
    names = [u["username"] for u in DEMO_USERS]
    _check(len(names) == len(set(names)), "duplicate usernames")
    for user in DEMO_USERS:
        where = f"user {user.get('username')}"
        _check(set(user) == {"username", "display_name", "role",
                             "department"}, f"{where}: unexpected keys")
        _check(user["role"] in ROLES, f"{where}: unknown role")
        needs_dept = user["role"] in ("field", "liaison")
        if needs_dept:
            _check(user["department"] in dept_codes, f"{where}: department")
        else:
            _check(user["department"] is None, f"{where}: department not None")


def validate():
    """Check every invariant of this module; the seed command calls it.

    Not run at import so a typo found by review does not break the app, and
    so tests can call it explicitly. Raises AssertionError on the first
    problem, with a message naming where it is.
    """
    _check_steps(UNIVERSAL_STEPS, "universal steps", 14, 14)
    _check_required_guides()
    expected = {"universal", "library", "parks", "field_crew",
                "front_counter", "airport_port"}
    _check(set(VARIANTS) == expected, f"variants must be {sorted(expected)}")
    for key, variant in VARIANTS.items():
        _check(set(variant) == {"title", "steps"}, f"{key}: unexpected keys")
        _check_bilingual(variant["title"], f"{key} title", TEXT_MAX)
        _check_steps(variant["steps"], key, 14, 18)
    _check_departments()
    _check_users()
    return True
