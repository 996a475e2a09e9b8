"""A Farsi phone at 390 px, read as a Farsi-speaking employee reads it: what the page says runs from the right,
names, numbers and titles written in Latin letters keep the words and digits around them in their places, and
numbers are written in the language's digits (a fresh-eyes walkthrough, 2026-12-06)."""
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from tests.e2e.desk import ask_question, push_report
from tests.e2e.device import idb_put, wait_for_app, wait_for_draft
from tests.e2e.flow import FieldApp
from tests.e2e.layout import split_at_widths

LABELS = {"fa": "فارسی", "zh-Hant": "中文（繁體）", "zh-Hans": "中文（简体）"}

# Where each character of a text node is drawn: [{char, left, right, top}], for the text of ``selector``
# that holds ``needle`` (the first such node inside it).
_GLYPHS = """([selector, needle]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.data.includes(needle)) { /* not yet */ }
  if (!node) return null;
  return [...node.data].map((char, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const box = range.getBoundingClientRect();
    return { char, left: box.left, right: box.right, top: box.top };
  });
}"""


def _glyphs(page, selector: str, needle: str, drawn: bool = True) -> list[dict]:
    """The characters of the text node under ``selector`` that holds ``needle``: those drawn (no isolates, no space
    where a line wraps) unless ``drawn`` is False."""
    found = page.evaluate(_GLYPHS, [selector, needle])
    assert found, f"no text holding {needle!r} under {selector}"
    return [g for g in found if g["right"] > g["left"] or not drawn]


def _farsi_phone(page, catalogs, code: str = "fa") -> FieldApp:
    """Field.a signed in on a phone-sized screen in Farsi (or ``code``, one of LABELS)."""
    page.set_viewport_size({"width": 390, "height": 844})
    app = FieldApp(page, catalogs[code], code)
    app.choose_language(LABELS[code], code)
    app.sign_in("field.a")
    return app


def test_a_call_button_on_a_farsi_phone_reads_from_the_right_and_its_number_left_to_right(
        page, world, universal, catalogs):
    app = _farsi_phone(page, catalogs)
    app.start_encounter()
    page.get_by_role("button", name=app.t("step.done"), exact=True).click()
    app.expect_step(2)  # "Call your site lead and your department's designated contact"
    button = page.locator("#app .call-buttons a").first
    expect(button).to_be_visible()
    number = _glyphs(page, "#app .call-buttons li:first-child .call-number", "(")
    # "(213) 555-0102", the area code first on the left, not "555-0102 (213)".
    assert "".join(g["char"] for g in sorted(number, key=lambda g: g["left"])) == "(213) 555-0102"
    # Who the button calls starts at the right, as every other line of the screen does.
    who = _glyphs(page, "#app .call-buttons li:first-child .call-who", app.t("call.liaison")[:3])
    box = button.bounding_box()
    assert box["x"] + box["width"] - max(g["right"] for g in who) < 30, (box, who[-1])


def test_a_question_from_a_liaison_with_a_latin_name_keeps_its_date_together_on_a_farsi_phone(
        page, live_server, world, client, login, catalogs):
    report_id = push_report(client, world, "field.a", "A")
    question_id = ask_question(client, login, report_id, "Which door?")
    app = _farsi_phone(page, catalogs)
    page.goto("/#/reports")
    selector = f"#followup-{question_id} .question"
    expect(page.locator(selector)).to_contain_text("Which door?", timeout=15_000)
    name = [g for g in _glyphs(page, f"{selector} strong", "Liaison") if g["char"] in "Liaison.A"]
    date = [g for g in _glyphs(page, f"{selector} .when", " ") if g["char"].strip()]
    same_line = [g for g in date if abs(g["top"] - name[0]["top"]) < 4]
    # "پرسش از Liaison.A: ۶ دسامبر": read from the right, the date's day comes after the name, to its left,
    # not torn from its month and put between "از" and the name.
    assert same_line and max(g["right"] for g in same_line) <= min(g["left"] for g in name) + 1, (name, date)

    # An answer typed in English is shown as typed, its full stop last.
    card = page.locator(f"#followup-{question_id}")
    card.get_by_role("textbox").fill("The staff door.")
    expect(card.get_by_role("textbox")).to_have_attribute("dir", "auto")
    card.get_by_role("button", name=app.t("followup.send"), exact=True).click()
    expect(card.locator(".answer-item")).to_contain_text("The staff door.")
    answer = _glyphs(page, f"#followup-{question_id} .answer-item", "staff")
    door_r, stop = answer[-2], answer[-1]
    assert stop["char"] == "." and stop["top"] == door_r["top"] and stop["left"] >= door_r["right"] - 1, answer


def test_continue_on_a_farsi_home_says_the_site_then_how_long_ago(page, world, universal, catalogs):
    app = _farsi_phone(page, catalogs)
    item_id = app.start_encounter()
    page.get_by_role("button", name=app.t("step.done"), exact=True).click()
    app.expect_step(2)
    page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a1")
    # The step saves the site a moment after showing it: written back before that, the copy would drop it.
    draft = wait_for_draft(page, lambda d: d["fields"].get("site") == "site-a1", item_id, message="the site stored")
    idb_put(page, "drafts", {**draft, "started_at": (datetime.now(timezone.utc) - timedelta(minutes=12)).isoformat()})
    page.goto("/#/")
    wait_for_app(page)
    button = page.locator("#app .button.continue")
    expect(button).to_contain_text("Site A1")
    expect(button).to_contain_text("۱۲")
    site = _glyphs(page, "#app .button.continue", "Site")
    text = "".join(g["char"] for g in site)
    minutes = [g for g in site if g["char"] in "۱۲"]
    letters = [g for g in site if g["char"] in "SiteA"]
    # "ادامه: Site A1، ۱۲ دقیقه پیش": the minutes are read after the site, so they stand to its left.
    assert max(g["right"] for g in minutes) <= min(g["left"] for g in letters) + 1, text


@pytest.mark.parametrize(("code", "one"), [("fa", "۱"), ("zh-Hant", "1")])
def test_the_question_badge_on_home_counts_in_the_phones_digits_and_is_a_full_size_target(
        page, live_server, world, client, login, catalogs, code, one):
    ask_question(client, login, push_report(client, world, "field.a", "A"), "Which door?")
    _farsi_phone(page, catalogs, code)  # signing in pulls the question
    badge = page.locator("#app .question-badge a")
    expect(badge.locator(".badge")).to_have_text(one, timeout=15_000)
    # The way to a liaison's waiting question is as easy to tap as every other control (44 px), on one line too.
    assert badge.bounding_box()["height"] >= 44, badge.bounding_box()


def test_never_collected_words_on_a_farsi_phone_are_flagged_from_the_right_and_numbered_in_farsi_digits(
        page, world, catalogs):
    app = _farsi_phone(page, catalogs)
    app.start_encounter()
    app.to_report()
    app.open_section("notes")
    page.get_by_role("textbox", name=app.t("field.notes"), exact=True).fill(
        "مأموران شماره A-123-456-789 را خواندند و رفتند.")
    check = page.locator("#field-notes .sensitive-check")
    expect(check.locator(".sensitive-item")).to_have_count(1)
    look = check.evaluate("""(box) => {
      const style = getComputedStyle(box), list = getComputedStyle(box.querySelector('ol'));
      return { bar: [style.borderRightWidth, style.borderLeftWidth], indent: [list.paddingRight, list.paddingLeft],
               numbers: list.listStyleType };
    }""")
    # The red bar stands where each line starts, as every other box of a Farsi screen has its bar; the list is
    # indented from there and counts ۱، ۲ … as the rest of the screen does, in the words and beside them.
    assert look["bar"][0] != "0px" and look["bar"][1] == "0px", look
    assert look["indent"][0] != "0px" and look["indent"][1] == "0px", look
    assert look["numbers"] == "persian", look
    expect(check.locator("mark sup")).to_have_text("۱")


def test_the_english_words_to_say_to_agents_read_left_to_right_and_in_english_on_a_farsi_phone(page, world, catalogs):
    _farsi_phone(page, catalogs)
    page.goto("/#/guide")
    # A screen reader says the sentence as the agents will hear it: in English, not with Farsi sounds.
    expect(page.locator('#app p.say [lang="en"]')).to_have_text("I do not consent to entry.")
    for width in (320, 390):  # wherever the line breaks
        page.set_viewport_size({"width": width, "height": 844})
        english = _glyphs(page, "#app p.say", "consent", drawn=False)
        entry_y, stop = english[-2], english[-1]
        quote = _glyphs(page, "#app p.say", '"\u2069', drawn=False)[0]  # the closing quote, after the English words
        # "…consent to entry." with its full stop and closing quote after "entry", on its right: not ".consent to entry".
        assert "".join(g["char"] for g in english) == "I do not consent to entry.", english
        assert stop["top"] == entry_y["top"] and entry_y["right"] <= stop["left"] + 1 <= quote["left"] + 1, (width, english)


def test_english_typed_on_a_farsi_phone_is_written_and_reviewed_left_to_right(page, world, catalogs):
    """Agents give their names and badges in English: typed on a Farsi phone they read as typed, full stop last."""
    app = _farsi_phone(page, catalogs)
    app.start_encounter()
    app.to_report()
    app.open_section("agents")
    box = page.get_by_role("textbox", name=app.t("field.agent_names_and_badges"), exact=True)
    assert box.evaluate("(box) => getComputedStyle(box).direction") == "rtl"  # empty, it starts where Farsi does
    box.fill("Officer Ramirez, badge 4471.")
    assert box.evaluate("(box) => getComputedStyle(box).direction") == "ltr"
    box.fill("افسر گفت نامش را نمی‌گوید.")  # and Farsi typed there reads right to left
    assert box.evaluate("(box) => getComputedStyle(box).direction") == "rtl"
    box.fill("Officer Ramirez, badge 4471.")
    app.open_section("notes")  # the copy of the words that marks what must not be recorded reads as they were typed
    page.get_by_role("textbox", name=app.t("field.notes"), exact=True).fill("They read out A-123-456-789.")
    preview = page.locator("#field-notes .sensitive-preview")
    assert preview.evaluate("(p) => getComputedStyle(p).direction") == "ltr"
    app.review()
    words = _glyphs(page, "#app", "Ramirez")
    four, stop = words[-2], words[-1]
    assert stop["char"] == "." and stop["top"] == four["top"] and stop["left"] >= four["right"] - 1, words


def test_a_count_on_the_farsi_review_is_written_in_farsi_digits(page, world, catalogs):
    app = _farsi_phone(page, catalogs)
    app.start_encounter()
    app.to_report()
    app.open_section("agents")
    page.get_by_role("textbox", name=app.t("field.agent_count"), exact=True).fill("12")
    app.review()
    count = page.locator("#app .summary > div").filter(has=page.locator("dt", has_text=app.t("field.agent_count")))
    expect(count.locator("dd")).to_have_text("۱۲")


def test_on_a_chinese_review_each_field_and_what_it_lacks_are_joined_with_a_full_width_colon(page, world, catalogs):
    app = _farsi_phone(page, catalogs, "zh-Hant")
    app.start_encounter()
    app.to_report()
    app.open_section("notes")
    app.review()  # from a section, nothing filled in: the review lists what each field lacks
    links = page.locator("#review-errors li a")
    expect(links.first).to_be_visible()
    lines = [text.strip() for text in links.all_inner_texts()]
    # "地點：必填", as every Chinese label of the app ends: not "地點: 必填".
    assert any(line.startswith(app.t("field.site") + "：") for line in lines), lines
    assert not [line for line in lines if ":" in line], lines


@pytest.mark.parametrize("code", ["fa", "zh-Hans"])
def test_the_name_a_number_never_breaks_at_its_hyphen_at_any_phone_width(page, world, catalogs, code):
    app = _farsi_phone(page, catalogs, code)
    app.start_encounter()
    app.to_report()
    app.open_section("notes")
    page.get_by_role("textbox", name=app.t("field.notes"), exact=True).fill("A-123-456-789")
    expect(page.locator("#field-notes .sensitive-item")).to_have_count(1)
    split, seen = split_at_widths(page, r"A-\u2060?number", range(240, 392, 2))  # every 2 px: the hyphen at a line's end
    assert seen >= 1, "the warning names the A-number"
    assert not split, split


def test_an_english_only_checklist_on_a_farsi_phone_is_shown_left_to_right_and_marked_as_english(page, world, catalogs):
    """The department's checklist has no Farsi (English and Spanish only): its title and steps read as English."""
    app = _farsi_phone(page, catalogs)
    # Home's hint names the checklist: its title is English inside the Farsi sentence.
    expect(page.locator('#app p.hint [lang="en"]')).to_have_text("Checklist")
    app.start_encounter()
    for selector, text in (("#app .checklist-title", "Checklist"), ("#app .step-heading .step-text", "Step 1")):
        english = page.locator(selector).locator(".untranslated")
        expect(english).to_have_attribute("lang", "en")
        expect(english).to_contain_text(text)
        looks = english.evaluate("""(el, text) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          let node = walker.nextNode();
          while (node && !node.data.includes(text)) node = walker.nextNode();
          const range = document.createRange();
          range.selectNodeContents(node);
          const words = range.getBoundingClientRect(), box = el.parentElement.getBoundingClientRect();
          return { direction: getComputedStyle(el).direction, fromLeft: words.left - box.left, fromRight: box.right - words.right };
        }""", text)
        # An English text starts at the left of its line, as English does, not at the right edge of a Farsi screen.
        assert looks["direction"] == "ltr" and looks["fromLeft"] < 2 < looks["fromRight"], (selector, looks)
        # Its mark says in Farsi that it is not translated.
        expect(english.locator(".fallback-mark")).to_have_attribute("lang", "fa")


def test_continue_on_a_chinese_home_says_a_report_started_just_now_plainly(page, world, universal, catalogs):
    app = _farsi_phone(page, catalogs, "zh-Hant")
    app.start_encounter()
    page.get_by_role("button", name=app.t("step.done"), exact=True).click()
    app.expect_step(2)
    page.get_by_role("combobox", name=app.t("field.site")).select_option("site-a1")
    page.goto("/#/")
    wait_for_app(page)
    # "繼續：Site A1，剛才", not Intl's "這一分鐘" ("this one minute").
    expect(page.locator("#app .button.continue")).to_have_text(app.t("home.continue", site="Site A1", ago="剛才"))
