"""The desk in Farsi (right to left) on a 768 px wide screen (a tablet held upright): no control is cut."""
from playwright.sync_api import expect

from tests.e2e.desk import Desk, push_report
from tests.e2e.device import choose_language

# The control's box, its row's box, the page's width, and the width the control needs for its longest words
# (its own max-content width, measured with the page's styles and then put back).
_FIT = """(control) => {
  const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width }; };
  const shown = box(control);
  const row = box(control.parentElement);
  const { flex, width } = control.style;
  control.style.flex = 'none';
  control.style.width = 'max-content';
  const needed = control.getBoundingClientRect().width;
  Object.assign(control.style, { flex, width });
  return { shown, row, needed, page: document.documentElement.clientWidth };
}"""


def test_a_farsi_liaison_at_768_px_reads_the_whole_priority_choice_beside_its_button(page, live_server, world, client):
    report_id = push_report(client, world, "field.a", "A")
    page.set_viewport_size({"width": 768, "height": 1000})
    choose_language(page, "فارسی", "fa")
    desk = Desk(page, "fa")
    desk.sign_in("liaison.a")
    desk.open_report(report_id)
    priority = page.locator("#triage-priority")
    expect(priority).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    fit = priority.evaluate(_FIT)
    shown, row = fit["shown"], fit["row"]
    # Inside its row and inside the page: nothing of it is off either edge.
    assert row["left"] - 0.5 <= shown["left"] and shown["right"] <= row["right"] + 0.5, fit
    assert 0 <= shown["left"] and shown["right"] <= fit["page"], fit
    # Wide enough for its words: "P۱ · فوری: چند دقیقه" was cut to "…چند دقیق" beside the Set priority button.
    assert shown["width"] >= fit["needed"] - 0.5, fit
    # The button is still whole and on the page.
    button = desk.button("liaison.triage.priority_save").bounding_box()
    assert 0 <= button["x"] and button["x"] + button["width"] <= fit["page"], button
