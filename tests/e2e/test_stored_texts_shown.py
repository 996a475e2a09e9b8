"""A liaison's question as the phone and the desk show it: the mark a redaction left in it as a word of the
reader's language, not the stored English "[redacted]", and its form numbers on one line (a word joiner added
where it is shown). The stored question, the phone's copy of it and the desk's redaction box keep the stored text."""
from playwright.sync_api import expect

from tests.api.beside_support import answer, ask
from tests.api.triage_support import triage
from tests.e2e.desk import Desk, ask_question, push_report
from tests.e2e.device import idb_all, wait_until
from tests.e2e.flow import FieldApp
from tests.e2e.layout import FORM_NUMBER, split_at_widths

# Long enough that, at some phone width, "I-" would end a line and "200" start the next.
QUESTION = "Which paper did the agents show you at the loading dock, an I-200 or a warrant, and who was the man in the blue truck?"
WORDS = "the man in the blue truck"
STORED = QUESTION.replace(WORDS, "[redacted]")
JOINED = "I-\u2060200"


def _redacted_question(client, world, login) -> tuple[str, str]:
    """A report of field.a with a liaison's question whose words were redacted since; (report id, question id)."""
    report_id = push_report(client, world, "field.a", "A")
    liaison = login("liaison.a")
    base = f"/api/v1/reports/{report_id}"
    asked = client.post(f"{base}/questions", headers=liaison.headers, json={"text": QUESTION})
    assert asked.status_code == 201, asked.get_json()
    question_id = asked.get_json()["followup"]["id"]
    start = QUESTION.index(WORDS)
    done = client.post(f"{base}/redactions", headers=liaison.headers, json={
        "target": "question", "id": question_id, "spans": [{"start": start, "end": start + len(WORDS)}]})
    assert done.status_code == 200, done.get_json()
    return report_id, question_id


def _desk_at(page, report_id) -> Desk:
    """The desk of liaison.a, opened at the report."""
    desk = Desk(page)
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    return desk


def test_a_spanish_employee_reads_a_redacted_question_with_the_mark_in_spanish_and_its_form_number_on_one_line(
        page, live_server, world, client, login, catalogs):
    _, question_id = _redacted_question(client, world, login)
    phone = FieldApp(page, catalogs["es"], "es")
    phone.choose_language("Español", "es")
    phone.sign_in("field.a")  # the pull brings the question, redacted
    page.goto("/#/reports")
    question = page.locator(f"#followup-{question_id} .question")
    expect(question).to_contain_text(phone.t("followup.question", name="Liaison.A"), timeout=15_000)

    mark = question.locator(".redacted-mark")
    expect(mark).to_have_text(phone.t("followup.redacted"))
    assert phone.t("followup.redacted") == "tachado"
    expect(question).not_to_contain_text("[redacted]")
    expect(question).not_to_contain_text("redacted")
    assert STORED.replace("I-200", JOINED).replace("[redacted]", "tachado") in question.inner_text()

    # At no phone width does "I-" end one line and "200" start the next.
    split, seen = split_at_widths(page, FORM_NUMBER, range(240, 480, 3))
    assert seen >= 1 and not split, split

    # Only what is shown changed: the phone keeps the question as pulled, and the answer box starts empty.
    kept = [u["data"]["question"] for u in idb_all(page, "updates") if u["key"] == f"message:{question_id}"]
    assert kept == [STORED]
    expect(page.locator(f"#input-followup-{question_id}-text")).to_have_value("")


def test_the_desk_shows_a_questions_form_number_joined_and_its_mark_in_words_but_the_redaction_box_holds_the_stored_text(
        page, live_server, world, client, login):
    report_id, question_id = _redacted_question(client, world, login)
    desk = _desk_at(page, report_id)
    followup = page.locator("#app .followups li").first
    expect(followup.locator(".redacted-mark")).to_have_text(desk.t("desk.redacted"))
    wait_until(page, lambda: JOINED in followup.inner_text(), message="the question's form number joined")
    # The redaction tool's box counts offsets in the stored text: no joiner there, the English mark kept.
    box = page.locator(f'textarea.redact-text[data-field="question:{question_id}:question"]')
    expect(box).to_have_value(STORED)


def _texts_with_a_form_number(client, world, login) -> tuple[str, dict]:
    """A closed report of field.a whose free text, note, answer, move reason and resolution each name an I-200;
    (report id, {redaction box key: stored text})."""

    purpose = "Showed an I-200 and asked for the tall man."
    report_id = push_report(client, world, "field.a", "A", stated_purpose=purpose)
    people = {name: login(name) for name in ("field.a", "liaison.a")}
    base = f"/api/v1/reports/{report_id}"

    def said(action, body):
        response = triage(client, people["liaison.a"], report_id, action, body)
        assert response.status_code in (200, 201), response.get_json()

    texts = {"note": "Counsel says an I-200 does not open the workroom.",
             "answer": "They held up an I-200 and an I-205 at the door.",
             "reason": "Copy of the I-200 received.", "resolution": "Closed: the I-200 was administrative only."}
    said("notes", {"text": texts["note"]})
    answer_id = answer(client, people, ask(client, people, report_id, "Which paper did they show?"), texts["answer"])["id"]
    said("status", {"to": "closed", "resolution": "Closed pending counsel."})
    said("status", {"to": "in_review", "reason": texts["reason"]})  # only a reopen takes a reason
    said("status", {"to": "closed", "resolution": texts["resolution"]})
    detail = client.get(base, headers=people["liaison.a"].headers).get_json()
    [reason_move] = [e["id"] for e in detail["triage"] if e["details"].get("reason")]
    [closing] = [e["id"] for e in detail["triage"] if e["details"].get("resolution") == texts["resolution"]]
    return report_id, {"stated_purpose": purpose, f"note:{detail['notes'][0]['id']}:text": texts["note"],
                       f"answer:{answer_id}:text": texts["answer"], f"triage:{reason_move}:reason": texts["reason"],
                       f"triage:{closing}:resolution": texts["resolution"]}


def test_the_desk_shows_form_numbers_joined_in_notes_answers_moves_the_resolution_and_the_body_but_boxes_keep_them_as_stored(
        page, live_server, world, client, login):
    report_id, stored = _texts_with_a_form_number(client, world, login)
    _desk_at(page, report_id)
    # The redaction boxes count offsets in the stored text: their form numbers stay as typed.
    for key, text in stored.items():
        expect(page.locator(f'textarea.redact-text[data-field="{key}"]')).to_have_value(text)
    [resolution] = [text for key, text in stored.items() if key.endswith(":resolution")]
    where = {"stated_purpose": "#app .report-fields", "note": "section[aria-labelledby=notes-h]",
             "answer": "#app .followups .answer", "triage": "section[aria-labelledby=history-h]"}
    shown = {**{key: page.locator(where[key.split(":")[0]]).inner_text() for key in stored},
             "the resolution at the top": page.locator("#app .report-head .summary").inner_text()}
    joined = {**stored, "the resolution at the top": resolution}
    unjoined = [key for key, text in joined.items() if text.replace("I-20", "I-\u206020") not in shown[key]]
    assert not unjoined, unjoined


# For each width: is the mark's token on the line of the word before it, and does it stand after it (to its right,
# as an English sentence reads) rather than before it?
_MARK_AFTER_ITS_WORD = """(selector) => {
  const question = document.querySelector(selector);
  const mark = question.querySelector('.redacted-mark');
  const walker = document.createTreeWalker(question, NodeFilter.SHOW_TEXT);
  let before = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (mark.contains(node)) break;
    if (node.data.trim()) before = node;
  }
  const end = before.data.trimEnd().length;
  const range = document.createRange();
  range.setStart(before, end - 1);
  range.setEnd(before, end);
  const word = range.getBoundingClientRect();
  const token = mark.getBoundingClientRect();
  return { sameLine: Math.abs(word.top - token.top) < token.height / 2, after: token.left >= word.right - 1 };
}"""


def test_a_farsi_phone_shows_an_english_question_with_its_mark_where_the_words_were(
        page, live_server, world, client, login, catalogs):
    """The token says a Farsi word: in an English question on a Farsi phone it stays where the redacted words stood
    ("who was [token]?"), not moved before the English words of its line."""
    _, question_id = _redacted_question(client, world, login)
    phone = FieldApp(page, catalogs["fa"], "fa")
    phone.choose_language("فارسی", "fa")
    phone.sign_in("field.a")
    page.goto("/#/reports")
    selector = f"#followup-{question_id} .question"
    expect(page.locator(selector).locator(".redacted-mark")).to_have_text(phone.t("followup.redacted"), timeout=15_000)
    seen = []
    for width in range(300, 520, 20):
        page.set_viewport_size({"width": width, "height": 740})
        seen.append((width, page.evaluate(_MARK_AFTER_ITS_WORD, selector)))
    same_line = [(width, found["after"]) for width, found in seen if found["sameLine"]]
    assert same_line and all(after for _, after in same_line), same_line


_QUESTION_MARK_LAST = """(selector) => {
  const paragraph = document.querySelector(selector);
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.data.includes('?')) { /* the question's words */ }
  const box = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
  const first = box(node.data.indexOf('W')), mark = box(node.data.lastIndexOf('?'));
  return { sameLine: Math.abs(first.top - mark.top) < mark.height / 2, markAfterWords: mark.left > first.right };
}"""


def test_a_farsi_phone_shows_an_english_question_without_a_mark_left_to_right_its_question_mark_last(
        page, live_server, world, client, login, catalogs):
    """A question the liaison wrote in English reads "Who signed it?" on a Farsi screen, not "?Who signed it"."""
    report_id = push_report(client, world, "field.a", "A")
    question_id = ask_question(client, login, report_id, "Who signed it?")
    phone = FieldApp(page, catalogs["fa"], "fa")
    phone.choose_language("فارسی", "fa")
    phone.sign_in("field.a")
    page.goto("/#/reports")
    selector = f"#followup-{question_id} .question"
    expect(page.locator(selector)).to_contain_text("Who signed it?", timeout=15_000)
    found = page.evaluate(_QUESTION_MARK_LAST, selector)
    assert found == {"sameLine": True, "markAfterWords": True}, found
