"""The field flow in three engines: Chromium, WebKit and Firefox.

Sign in, start an encounter, answer the checklist, type the report; the server's port then
refuses (offline); a reload still opens the app on the same report with what was typed; the
report is submitted offline and waits on the phone; the port reopens and the app's own retry
(no Background Sync in WebKit or Firefox) delivers it: the server holds it once and the phone
shows it received. Each engine's run time is printed. On CI an engine that is missing fails
the test (scripts/run-tests installs them with apt-get); locally it is skipped.
"""
import os
import time
from uuid import UUID

import pytest

from tests.e2e import engines
from tests.e2e.flow import STEP_COUNT
from tests.e2e.stored import server_encounters
from tests.factories import PASSWORD

NOTES = "They left by the side door; two grey vans."
# Page helpers, prefixed to every script run in the page (the page's CSP allows no inline script:
# each engine's driver evaluates these itself).
HELPERS = """
const text = (el) => (el?.textContent || '').replace(/\\s+/g, ' ').trim();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const heading = () => text(document.querySelector('#app h1'));
const until = async (check, what, ms = 20000) => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (screen: ${heading()})`);
    await sleep(100);
  }
};
const control = (label) => {
  const found = [...document.querySelectorAll('#app label')].find((l) => text(l).startsWith(label));
  return found && (found.control || found.querySelector('input, select, textarea'));
};
const button = (name) => [...document.querySelectorAll('#app button')].find((b) => text(b) === name);
const fill = (el, value) => {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
};
const choose = (legend, option) => {
  const group = [...document.querySelectorAll('#app fieldset')].find((f) => text(f.querySelector('legend')).startsWith(legend));
  const label = [...group.querySelectorAll('label')].find((l) => text(l).startsWith(option));
  (label.control || label.querySelector('input')).click();
};
const idbAll = (store) => new Promise((resolve, reject) => {
  const open = indexedDB.open('encounter-log');
  open.onsuccess = () => {
    const db = open.result;
    const request = db.transaction(store, 'readonly').objectStore(store).getAll();
    request.onsuccess = () => { db.close(); resolve(request.result); };
    request.onerror = () => { db.close(); reject(request.error); };
  };
  open.onerror = () => reject(open.error);
});
"""


def js(body: str) -> str:
    """An async page function with the helpers in scope; ``arg`` is its argument."""
    return "async (arg) => {" + HELPERS + body + "}"


@pytest.fixture
def engine_driver(request, live_server, monkeypatch):
    """The engine of this test's parameter, started; CI fails (not skips) when it is missing."""
    name = request.param
    absent = engines.missing(name)
    if absent:
        if os.environ.get("CI"):
            pytest.fail(f"{absent}: CI must run the field flow in every engine (scripts/run-tests installs them)")
        pytest.skip(absent)
    display = None
    if name == "chromium":
        driver = engines.Chromium(request.getfixturevalue("browser"))
    elif name == "webkit":
        display = engines.Xvfb()
        driver = engines.WebKit(display.display)
    else:
        driver = engines.Firefox()
    yield driver
    driver.close()
    if display:
        display.close()


@pytest.mark.parametrize("engine_driver", ["chromium", "webkit", "firefox"], indirect=True)
def test_a_report_made_offline_survives_a_reload_and_reaches_the_server_once_after_reconnect(
        engine_driver, live_server, world, catalogs, request):
    t = catalogs["en"]
    driver = engine_driver
    port = engines.PortSwitch(int(live_server.url.rsplit(":", 1)[1]))
    started = time.monotonic()
    try:
        driver.goto(port.url + "/#/signin")
        driver.run(js("""
          await until(() => heading() === arg.title, 'the sign-in screen');
          fill(control(arg.username_label), 'field.a');
          fill(control(arg.password_label), arg.password);
          button(arg.submit).click();
          await until(() => heading() === arg.home && button(arg.start), 'home after sign-in');
        """), {"title": t["signin.title"], "username_label": t["signin.username"], "password_label": t["signin.password"],
               "password": PASSWORD, "submit": t["signin.submit"], "home": t["home.title"],
               "start": t["home.start"], "notesTitle": t["section.notes"]})
        # The shell must be precached and the page controlled before the network goes.
        driver.run(js("await until(() => navigator.serviceWorker?.controller, 'a service worker controlling the page');"))
        draft_id = driver.run(js("""
          button(arg.start).click();
          for (let n = 1; n <= arg.steps; n += 1) {
            const count = arg.count.replace('{n}', n).replace('{total}', arg.steps);
            await until(() => text(document.querySelector('#app h1 .step-count')) === count, count);
            // A step takes no tap for its first 400 ms (the double-tap guard): wait as a user's next tap would.
            await until(() => !button(arg.done).disabled, `${count}, its buttons enabled`);
            button(arg.done).click();
          }
          await until(() => heading() === arg.form, 'the report form');
          const site = control(arg.site);
          await until(() => [...site.options].some((o) => o.value === 'site-a1'), 'the sites');
          fill(site, 'site-a1');
          choose(arg.area, arg.public);
          choose(arg.document, arg.none);
          document.querySelector('.jump-list a[href$="/report/notes"]').click();
          await until(() => heading() === arg.notesTitle, 'the notes section');
          fill(control(arg.notes), arg.text);
          const id = location.hash.match(/encounter\\/([0-9a-f-]{36})/)[1];
          await until(async () => (await idbAll('drafts')).some((d) => d.id === id && d.fields.notes === arg.text),
            'the draft saved');
          return id;
        """), {"steps": STEP_COUNT, "count": t["step.count"], "done": t["step.done"], "form": t["form.title"],
               "site": t["field.site"], "area": t["field.area_type"], "public": t["area.public"],
               "document": t["field.document_type"], "none": t["doc.none"], "notes": t["field.notes"], "text": NOTES,
               "start": t["home.start"], "notesTitle": t["section.notes"]})

        port.down()
        driver.reload()
        driver.run(js("""
          await until(() => heading() === arg.form, 'the report form, on its notes section, after an offline reload');
          await until(() => control(arg.notes)?.value === arg.text, 'the typed notes after the reload');
          button(arg.review).click();
          await until(() => heading() === arg.reviewTitle, 'the review');
          button(arg.submit).click();
          await until(() => heading() === arg.reports, 'My reports');
          await sleep(1500);
          const record = (await idbAll('outbox')).find((r) => r.id === arg.id);
          if (!record || record.state === 'received') throw new Error(`offline, yet the outbox holds ${JSON.stringify(record?.state)}`);
        """), {"form": t["section.notes"], "notes": t["field.notes"], "text": NOTES, "review": t["form.submit"],
               "reviewTitle": t["review.title"], "submit": t["review.submit"], "reports": t["reports.title"], "id": draft_id})
        assert _held(draft_id) == 0

        port.up()
        driver.run(js("""
          await until(async () => (await idbAll('outbox')).find((r) => r.id === arg.id)?.state === 'received',
            'the report received after reconnect', 60000);
        """), {"id": draft_id})
        assert _held(draft_id) == 1
        held = next(e for e in server_encounters() if str(UUID(str(e["id"]))) == draft_id)
        assert held["body"]["notes"] == NOTES
    finally:
        port.down()
    # Printed past pytest's capture, so every run (CI included) shows each engine's time.
    with request.getfixturevalue("capsys").disabled():
        print(f"\nfield flow in {driver.version}: {time.monotonic() - started:.1f} s")


def _held(draft_id: str) -> int:
    """How many encounters the server holds under this id."""
    return sum(str(UUID(str(e["id"]))) == draft_id for e in server_encounters())
