"""What a walk of the desk as a liaison, the Mayor's Office and a trainer found (helper "deskwalk97")."""
from playwright.sync_api import expect

from tests.e2e.desk import Desk, ask_question, push_report
from tests.e2e.device import choose_language


def _mayor_on_aggregate(page, language_name: str, code: str) -> Desk:
    """The Mayor's Office at the desk in language ``code`` (picked by its own name), on the aggregate."""
    choose_language(page, language_name, code)
    mayor = Desk(page, code)
    mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    mayor.open("#/desk/aggregate")
    return mayor


def test_the_mayors_office_reads_that_questions_were_asked_on_a_report_not_escalated(page, live_server, world,
                                                                                      client, login):
    report = push_report(client, world, "field.a", "A")
    ask_question(client, login, report, "Which door did they use?")
    mayor = Desk(page, "en")
    mayor.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    # The queue counts one open question on the report ...
    expect(page.locator("#app tbody tr").filter(
        has=page.locator(f'a[href="#/desk/report/{report}"]')).locator("td").nth(8)).to_have_text("1")
    mayor.open_report(report)
    questions = page.locator("#app section").filter(
        has=page.get_by_role("heading", name=mayor.t("liaison.followups"), exact=True))
    # ... and the report says so, without the question's words, instead of "No questions asked yet".
    expect(questions).to_contain_text(mayor.t("liaison.followups.withheld", count=1))
    expect(questions).not_to_contain_text(mayor.t("liaison.followups.none"))
    expect(page.locator("#app")).not_to_contain_text("Which door")


def test_the_outcomes_chart_says_an_unanswered_outcome_in_the_readers_language(page, live_server, world, client):
    push_report(client, world, "field.a", "A")  # no outcome given
    push_report(client, world, "field.b", "B", outcome="arrest_made")
    mayor = _mayor_on_aggregate(page, "Español", "es")
    chart = page.locator("[data-chart='chart-outcomes']")
    rows = chart.locator("[data-chart-table='chart-outcomes-t'] tbody th")
    # As the cross-tab under it says them, in Spanish, never the code "not given".
    expect(rows).to_have_count(2)
    assert sorted(rows.all_inner_texts()) == sorted([mayor.t("liaison.crosstab.not_given"),
                                                     mayor.t("outcome.arrest_made")])
    expect(chart).not_to_contain_text("not given")


_CHART_ROWS = """() => [...document.querySelectorAll('[data-chart] svg g.chart-row')].map((row) => {
  const box = (e) => e.getBoundingClientRect();
  const axis = box(row.querySelector('line')).left;
  const bars = [...row.querySelectorAll('rect')].map(box);
  // Each count with the end of the bar on its line (the axis for a bar of 0).
  const values = [...row.querySelectorAll('.chart-value')].map((v) => {
    const b = box(v);
    const middle = b.top + b.height / 2;
    const own = bars.filter((bar) => bar.top <= middle && middle <= bar.bottom);
    return { left: b.left, barEnd: Math.max(axis, ...own.map((bar) => bar.right)) };
  });
  return { chart: row.closest('[data-chart]').dataset.chart, label: box(row.querySelector('.chart-label')), axis,
           values };
})"""


def test_in_farsi_the_charts_labels_stay_before_the_axis_and_their_values_after_the_bars(page, live_server, world,
                                                                                          client):
    push_report(client, world, "field.a", "A")
    push_report(client, world, "field.b", "B", outcome="arrest_made")
    mayor = _mayor_on_aggregate(page, "فارسی", "fa")
    expect(page.locator("[data-chart='chart-outcomes'] svg g.chart-row")).to_have_count(2)
    rows = page.evaluate(_CHART_ROWS)
    assert {r["chart"] for r in rows} == {"chart-weekly", "chart-entries", "chart-outcomes"}
    for row in rows:
        # The row's words end before the axis (they were drawn from it across the bars), and the count
        # starts after the bar (it was drawn back over the bar's end).
        assert row["label"]["right"] <= row["axis"] + 1, row
        assert row["label"]["width"] > 0, row
        assert all(value["left"] >= value["barEnd"] - 1 for value in row["values"]), row


def test_dismissing_a_new_report_cue_with_the_keyboard_leaves_focus_on_the_queue_not_the_page(page, live_server,
                                                                                               world, client):
    push_report(client, world, "field.a", "A")  # a P1 report: the open queue cues it
    desk = Desk(page)
    desk.sign_in("liaison.a")
    cue = page.locator("#app .live-cue")
    expect(cue).to_contain_text("Site A1")
    cue.get_by_role("button", name=desk.t("liaison.live.dismiss"), exact=True).press("Enter")
    expect(cue).to_have_count(0)
    # The button went with the cue: focus is on the queue's heading, so the next Tab goes on from there
    # instead of starting again at "Skip to main content".
    expect(desk.heading()).to_be_focused()


def test_in_farsi_a_weekly_bars_tooltip_writes_its_count_as_the_table_does(page, live_server, world, client):
    push_report(client, world, "field.a", "A")
    push_report(client, world, "field.a", "A", site="site-a2")
    mayor = _mayor_on_aggregate(page, "فارسی", "fa")
    segment = page.locator("[data-chart='chart-weekly'] svg g.chart-row rect title")
    expect(segment).to_have_count(1)
    assert segment.text_content().endswith("۲"), segment.text_content()
