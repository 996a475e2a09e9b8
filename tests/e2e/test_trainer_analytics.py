"""Issue 5 browser test: the analytics screen shows the API's figures for reports pushed through the API, with
an SVG chart that has a text alternative, and exports the same rows as CSV."""
import csv
import re
import uuid

from playwright.sync_api import expect

from server.checklists import publish_version
from server.extensions import db
from server.models import ChecklistVersion
from tests.e2e.axe import AxeScans
from tests.e2e.device import choose_language
from tests.e2e.trainer import Desk
from tests.factories import encounter_body, push, push_item, sign_in_via_api

STARTS = ["2026-11-10T18:00:00Z", "2026-11-10T19:00:00Z", "2026-11-17T18:00:00Z", "2026-11-11T18:00:00Z",
          "2026-11-12T18:00:00Z"]


def _at(start: str, minutes: int, seconds: int = 0) -> str:
    hour, minute = int(start[11:13]), minutes
    return f"{start[:11]}{hour + minute // 60:02d}:{minute % 60:02d}:{seconds:02d}Z"


def push_crafted_reports(client, world) -> None:
    """Five reports of department A through /sync/push (the minimum group that shows its figures): skips, a not
    applicable, steps not reached."""
    version = world.versions["A"]
    phone = sign_in_via_api(client, "field.a")
    plans = [  # (site, start, {step position: result}, how many steps reached)
        ("site-a1", STARTS[0], {}, 14),
        ("site-a1", STARTS[1], {2: "skipped", 3: "not_applicable"}, 14),
        ("site-a2", STARTS[2], {4: "skipped"}, 10),
        ("site-a1", STARTS[3], {}, 14),
        ("site-a1", STARTS[4], {}, 14),
    ]
    items = []
    for n, (site, start, special, reached) in enumerate(plans):
        steps = [{"step_id": s["id"], "result": special.get(i, "done"), "at": _at(start, i + n, 20 * (n % 3))}
                 for i, s in enumerate(version.steps[:reached], start=1)]
        body = encounter_body(world, "A", site=site, started_at=start, ended_at=_at(start, 40), steps=steps,
                              liaison_notified_at=_at(start, 5 * (n + 1)))
        items.append(push_item(body, str(uuid.uuid4())))
    answer = push(client, phone, items)
    assert answer.status_code == 200, answer.get_json()
    assert [r["status"] for r in answer.get_json()["results"]] == ["accepted"] * 5, answer.get_json()


def percent(rate) -> str:
    """The screen's percent text (Intl, en-US, no decimals)."""
    return "–" if rate is None else f"{int(rate * 100 + 0.5)}%"


def duration(seconds) -> str:
    """The screen's duration text (components/chart.js duration)."""
    if seconds is None:
        return "–"
    s = int(seconds + 0.5)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min" + (f" {s % 60} s" if s % 60 else "")
    minutes = int((s % 3600) / 60 + 0.5)
    return f"{s // 3600} h" + (f" {minutes} min" if minutes else "")


def expected_cells(row: dict, desk: Desk) -> list[str]:
    """A steps table row as the screen must show it, from the API's JSON row."""
    # A group under the minimum of 5 reports comes without its counts (null): the screen shows "–".
    count = lambda key: "–" if row[key] is None else f"{percent(row[f'{key}_rate'])} ({row[key]})"  # noqa: E731
    text = row["text"]["en"]  # the API gives every language ({"en": …, "es": …}); the desk runs in English
    return [f"{row['position']}. {text}", desk.t("analytics.yes" if row["time_critical"] else "analytics.no"),
            str(row["reports"]), count("done"), count("skipped"), count("not_applicable"), count("not_reached"),
            duration(row["p50_seconds"]), duration(row["p90_seconds"])]


def table_rows(page, table_id: str) -> list[list[str]]:
    """The body rows of a table on the screen, cell by cell."""
    return page.locator(f"#{table_id} tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")


def test_the_steps_table_matches_the_api_the_chart_has_a_text_alternative_and_the_csv_has_the_same_rows(
        page, world, client):
    push_crafted_reports(client, world)
    trainer = sign_in_via_api(client, "trainer.a")
    api = client.get("/api/v1/analytics/steps", headers=trainer.headers).get_json()
    assert api["reports"] == 5 and len(api["rows"]) == 14

    desk = Desk(page)
    desk.sign_in("trainer.a")
    page.locator("#header").get_by_role("link", name=desk.t("nav.analytics"), exact=True).click()
    expect(desk.heading()).to_have_text(desk.t("analytics.title"))
    section = page.locator("#app section").filter(has=page.get_by_role("heading", name=desk.t("analytics.steps.title")))
    expect(section.get_by_text(desk.t("analytics.reports", count=5))).to_be_visible()
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)

    shown = table_rows(page, "steps-table")
    assert shown == [expected_cells(row, desk) for row in api["rows"]]
    skipped = next(r for r in shown if r[0].startswith("2. "))
    assert skipped[4] == "20% (1)", "one of five reports skipped step 2"

    chart = section.locator("svg[role=img]").first
    expect(chart).to_have_accessible_name(re.compile(re.escape(desk.t("analytics.steps.chart_title"))))
    assert chart.locator("title").text_content() == desk.t("analytics.steps.chart_title")
    assert desk.t("analytics.steps.chart_desc", steps=14) == chart.locator("desc").text_content()
    assert chart.locator("text.chart-value").count() == 14 * 4, "every bar carries its value as text"

    with page.expect_download() as info:
        section.get_by_role("button", name=re.compile("^" + re.escape(desk.t("analytics.csv")))).click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), newline="", encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert [r["step_id"] for r in exported] == [r["step_id"] for r in api["rows"]]
    as_json = [{**r, "text": {"en": r["text_en"], "es": r["text_es"]}, "time_critical": r["time_critical"] == "true",
                **{k: int(r[k]) for k in ("position", "reports", "done", "skipped", "not_applicable", "not_reached")},
                **{k: float(r[k]) if r[k] else None for k in ("done_rate", "skipped_rate", "not_applicable_rate",
                                                             "not_reached_rate", "p50_seconds", "p90_seconds")}}
               for r in exported]
    assert [expected_cells(row, desk) for row in as_json] == shown, "the CSV's rows are the table's rows"


def test_filtering_by_site_shows_only_that_sites_reports(page, world, client):
    push_crafted_reports(client, world)
    desk = Desk(page)
    desk.sign_in("trainer.a")
    page.goto("/#/desk/analytics")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    page.get_by_label(desk.t("analytics.filter.site"), exact=True).select_option("site-a2")
    page.get_by_role("button", name=desk.t("analytics.apply"), exact=True).click()
    expect(page).to_have_url(re.compile(r"site=site-a2"))
    # Above the steps table (the live region says it too, after a filter change: tests/e2e/test_desk_filter_focus.py).
    steps = page.get_by_role("region", name=desk.t("analytics.steps.title"))
    expect(steps.get_by_text(desk.t("analytics.reports", count=1))).to_be_visible()
    # One report (one site): what its employee did at each step is withheld, like its timings (issue 12).
    step_11 = page.locator('#steps-table tr[data-step="step-11"] td')
    expect(step_11.nth(1)).to_have_text("1")
    assert page.locator("#steps-table tbody td").all_inner_texts().count("–") == 14 * 6
    expect(page.locator("#analytics-minimum")).to_have_text(desk.t("analytics.minimum_group", minimum=5))
    expect(page.locator("#skips-site-table tbody tr")).to_have_count(1)
    # One report: below the minimum group of 5, so its skip count is withheld (issue 12).
    expect(page.locator("#skips-site-table tbody tr td").nth(1)).to_have_text("–")


def test_asked_for_one_day_the_screen_shows_its_whole_week_and_says_which(page, world, client):
    push_crafted_reports(client, world)
    desk = Desk(page)
    desk.sign_in("trainer.a")
    page.goto("/#/desk/analytics?from=2026-11-11&to=2026-11-11")
    # Wednesday 11 November: the figures are those of its ISO week, Monday 9 to Sunday 15 (four reports).
    expect(page.locator("#analytics-period")).to_have_text(
        desk.t("analytics.period", **{"from": "Nov 9, 2026", "to": "Nov 15, 2026"}))
    expect(page.get_by_text(desk.t("analytics.reports", count=4))).to_be_visible()
    expect(page.get_by_label(desk.t("analytics.filter.from"), exact=True)).to_have_value("2026-11-11")
    expect(page.locator("#analytics-linked")).to_have_text(desk.t("analytics.linked_withheld"))
    page.goto("/#/desk/analytics")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    expect(page.locator("#analytics-period")).to_have_count(0)  # no period asked: every report, nothing to say


def test_the_checklists_editor_and_analytics_screens_have_no_serious_or_critical_axe_violation(
        context, page, world, client):
    push_crafted_reports(client, world)
    scan = AxeScans(context)
    desk = Desk(page)

    desk.sign_in("trainer.a")
    expect(page.get_by_text(desk.t("trainer.retire.only_version"), exact=True)).to_be_visible()
    scan("checklists", page)
    # Only with a second version is there a retire to confirm (the only version phones can use offers none).
    first = world.versions["A"]
    reworded = {**first.steps[0], "text": {**first.steps[0]["text"], "en": "Stay calm."}}
    publish_version(db.session.get(ChecklistVersion, first.id).checklist,
                    {"title": first.title, "steps": [reworded, *first.steps[1:]]})
    db.session.commit()
    page.reload()
    page.get_by_role("button", name=desk.t("trainer.retire.button", number=1), exact=True).click()
    expect(page.get_by_role("dialog")).to_be_visible()
    scan("retire confirmation", page)
    page.get_by_role("dialog").get_by_role("button", name=desk.t("trainer.action.cancel"), exact=True).click()
    desk.open_editor(world.versions["A"].checklist_id)
    scan("editor", page)
    desk.add_step("Note the time.", None, time_critical=True)
    desk.save()
    expect(desk.step_text(15, "Spanish")).to_have_attribute("aria-invalid", "true")
    scan("editor with an error", page)
    # The editor holds an unsaved step: leaving by the address bar asks first (the editor's Back guard); leave.
    page.once("dialog", lambda dialog: dialog.accept())
    page.goto(f"/#/desk/analytics?a={world.versions['A'].id}&b={world.versions['A'].id}")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    expect(page.locator("#compare-table tbody tr")).to_have_count(14)
    expect(page.locator("#skips-week-table tbody tr")).to_have_count(2)
    scan("analytics", page)

    scan.assert_clean(screens=5)


def open_pooled_steps(page, client, world) -> Desk:
    """Five reports of each department, and a trainer at the steps of all departments (14 pooled rows)."""
    push_crafted_reports(client, world)
    phone = sign_in_via_api(client, "field.b")
    items = [push_item(encounter_body(world, "B", started_at=start, ended_at=_at(start, 40))) for start in STARTS]
    assert push(client, phone, items).status_code == 200
    desk = Desk(page)
    desk.sign_in("trainer")
    page.goto("/#/desk/analytics")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    return desk


def test_all_departments_pool_each_step_unnumbered_and_a_department_filter_shows_its_own_checklist(
        page, world, client):
    """Both departments' checklists have step-1 … step-14: pooled, each row once stood under one department's
    words and number while its figures covered both."""
    desk = open_pooled_steps(page, client, world)
    expect(page.locator("#analytics-pooled")).to_have_text(desk.t("analytics.steps.pooled"))
    labels = [row[0] for row in table_rows(page, "steps-table")]
    assert not any(label[:1].isdigit() for label in labels), labels
    page.goto("/#/desk/analytics?department=B")
    first = world.versions["B"].steps[0]["text"]["en"]
    expect(page.locator("#steps-table tbody tr").first.locator("th, td").first).to_have_text(f"1. {first}")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    expect(page.locator("#analytics-pooled")).to_have_count(0)
    assert [row[0] for row in table_rows(page, "steps-table")][:2] == \
        [f"{n}. {world.versions['B'].steps[n - 1]['text']['en']}" for n in (1, 2)]


def test_a_step_worded_differently_by_department_reads_as_words_and_no_chart_label_runs_off_the_chart(
        page, world, client):
    """All departments: a step the departments word differently showed its bare id (`step-2`), and a long step's
    label ran past the chart's left edge ("sk each agent…")."""
    long = "Ask each agent for their name, agency and badge number, and their supervisor's contact."
    for dept, call in (("A", "Call your site lead."), ("B", "Call the branch manager and the site lead.")):
        first = db.session.get(ChecklistVersion, world.versions[dept].id)
        steps = [dict(s) for s in first.steps]
        steps[0]["text"] = {"en": long, "es": "Pida a cada agente su nombre, agencia y número de placa."}
        steps[1]["text"] = {"en": call, "es": "Llame a su responsable."}
        world.versions[dept] = publish_version(first.checklist, {"title": first.title, "steps": steps})
    db.session.commit()
    desk = open_pooled_steps(page, client, world)
    labels = {row[0] for row in table_rows(page, "steps-table")}
    assert long in labels
    assert desk.t("analytics.steps.worded_differently", step="Step 2") in labels
    assert "step-2" not in labels
    # Every label of every chart starts inside its chart (x >= 0 in the SVG's own units) and ends before the bars.
    extents = page.locator("svg text.chart-label").evaluate_all(
        "texts => texts.map(t => { const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width]; })")
    assert extents and all(left >= 0 and right <= 230 for _, left, right in extents), extents


def test_a_bookmark_naming_a_gone_site_says_so_once_under_the_filters_in_the_desks_language(page, world, client):
    """A Spanish desk following a bookmark whose site code no longer exists read "no such site", in English, once
    per table (five times)."""
    push_crafted_reports(client, world)
    choose_language(page, "Español", "es")
    desk = Desk(page, "es")
    desk.sign_in("trainer.a")
    page.goto("/#/desk/analytics?site=lapl-central-old")
    problem = page.locator("#app [role=alert]")
    expect(problem).to_have_text(desk.t("desk.refusal.unknown_site"))  # one alert: under the filters
    expect(page.locator("#analytics-filter-problem")).to_be_visible()
    expect(page.locator("#app")).not_to_contain_text("no such")
    page.goto("/#/desk/analytics?version=999999")
    expect(problem).to_have_text(desk.t("desk.refusal.unknown_version"))
    # Compare's own versions are said at compare, the tables above it still shown.
    page.goto(f"/#/desk/analytics?a=999999&b={world.versions['A'].id}")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    expect(problem).to_have_text(desk.t("desk.refusal.unknown_version"))
    expect(page.locator("#analytics-filter-problem")).to_have_count(0)


def test_a_department_changed_drops_the_other_departments_site_and_version_and_offers_only_its_own(
        page, world, client):
    """A citywide trainer's analytics kept department A's site and version after department B was chosen, and said
    "Reports counted: 0"."""
    push_crafted_reports(client, world)
    desk = Desk(page)
    desk.sign_in("trainer")
    page.goto("/#/desk/analytics")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    site, version = page.locator("#filter-site"), page.locator("#filter-version")
    a, b = world.versions["A"].id, world.versions["B"].id
    page.locator("#filter-department").select_option("A")  # before Show: the selects offer A's own alone
    expect(site.locator("option[value=site-b1]")).to_have_count(0)
    expect(site.locator("option[value=site-a1]")).to_have_count(1)
    expect(version.locator(f'option[value="{b}"]')).to_have_count(0)
    site.select_option("site-a1")
    version.select_option(str(a))
    page.get_by_role("button", name=desk.t("analytics.apply"), exact=True).click()
    expect(page).to_have_url(re.compile(r"site=site-a1"))
    steps = page.get_by_role("region", name=desk.t("analytics.steps.title"))
    expect(steps.get_by_text(desk.t("analytics.reports", count=4))).to_be_visible()

    page.locator("#filter-department").select_option("B")
    expect(site.locator("option[value=site-a1]")).to_have_count(0)
    expect(version.locator(f'option[value="{a}"]')).to_have_count(0)
    page.get_by_role("button", name=desk.t("analytics.apply"), exact=True).click()
    expect(page).to_have_url(re.compile(r"department=B"))
    assert "site=" not in page.url and "version=" not in page.url, page.url
    expect(site).to_have_value("")
    expect(version).to_have_value("")

    # A bookmark of such filters: the server refuses them (422), said once under the filters.
    page.goto("/#/desk/analytics?department=B&site=site-a1")
    expect(page.locator("#app [role=alert]")).to_have_text(desk.t("desk.refusal.not_in_department"))


def test_the_mayors_office_chooses_versions_from_a_list_not_a_box_of_internal_ids(page, world, client):
    """The Mayor's Office reads no checklists (403), so its version and compare filters were text boxes for ids."""
    push_crafted_reports(client, world)
    desk = Desk(page)
    desk.sign_in("mayor", landing_key="liaison.queue.title_citywide")
    page.goto("/#/desk/analytics")
    expect(page.locator("#steps-table tbody tr")).to_have_count(14)
    a, b = world.versions["A"], world.versions["B"]
    for name in ("version", "a", "b"):
        expect(page.locator(f"select#filter-{name}")).to_be_visible()
    option = page.locator(f'#filter-version option[value="{a.id}"]')
    expect(option).to_contain_text(desk.t("trainer.version.label", number=a.number))
    expect(option).to_contain_text(desk.t("analytics.version.published", day="").strip())
    page.locator("#filter-department").select_option("A")  # the chosen department's versions alone
    expect(page.locator(f'#filter-version option[value="{b.id}"]')).to_have_count(0)
    page.locator("#filter-version").select_option(str(a.id))
    page.get_by_role("button", name=desk.t("analytics.apply"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"version={a.id}"))
    steps = page.get_by_role("region", name=desk.t("analytics.steps.title"))
    expect(steps.get_by_text(desk.t("analytics.reports", count=5))).to_be_visible()
