/**
 * The queue: the department's reports (citywide for the Mayor's Office and admins), most
 * urgent and newest first. Filters live in the hash query, so reload and Back keep them.
 *
 * Live (issue 11): open alerts ("agents here now", GET /alerts?state=open) head the queue as P1.
 * The server's push (src/desk/live.js) brings new alerts, closed alerts and new P1 reports at once,
 * with a visible and an audible cue and, while the tab is hidden, a system notification. While the
 * stream is not live (a server without it, a network failure) the queue polls every 10 s as before
 * and announces new reports politely.
 */
import views from '../../rules/views.json' with { type: 'json' };
import { html, nothing, render } from 'lit-html';
import { refocus } from '../../components/focus.js';
import { dateTime, setTitle, timeOfDay } from '../../components/format.js';
import { formatNumber } from '../../i18n.js';
import { sitesByCode } from '../../drafts.js';
import { AGENCIES } from '../../report.js';
import { API, ApiError, session } from '../../api.js';
import alertRules from '../../rules/alert.json' with { type: 'json' };
import { downloadCsv, get, problem, send } from '../api.js';
import { LiveStream, eventData } from '../live.js';
import { askNotifications, beep, notificationPermission, notifyWhenHidden, pushState, setSound, soundOn, subscribePush,
  unsubscribePush } from '../cues.js';
import { announcement, drawThenSay, refining } from '../components/refine.js';
import { STATUSES, flagsView, groupView, personName, priorityView, statusView } from '../components/liaison-words.js';
import { departmentName, filterForm, periodProblem, readFilters, refusedFilters, rememberDepartments, deskSites }
  from '../components/liaison-filters.js';
import { confirmDialog } from './checklists.js';
import { cityDay } from '../components/calendar.js';

const POLL_MS = 10_000;
// While the stream is live it brings alerts and urgent (P1) reports at once, but not the rest: new P2/P3 reports,
// colleagues' moves, answered questions, escalations. The list is still fetched again, less often.
const LIVE_POLL_MS = 30_000;
// A report counts as new when the server received it after the previous fetch, less this much: a push that began
// before that fetch and committed after it was not in it. One reopened, or moved up into the loaded rows, is not new.
const NEW_SLACK_MS = 60_000;
// The server's page of reports (encounter/views.py QUEUE_PAGE, exported): its default and its most per request.
const { default: PAGE, max: MAX_LIMIT } = views.queue_page;

/** The API query for the screen's filters ("all" is every status; "open" is the server's own word). */
export function apiQuery(filters) {
  const { status, ...rest } = filters;
  return { ...rest, status: status === 'all' ? STATUSES : status };
}

/** How many rows a poll asks for: every row shown (at least a page), but no more than one request may ask for. */
export function pollLimit(shown) {
  return Math.min(MAX_LIMIT, Math.max(PAGE, shown));
}

/** Render the queue. */
export async function show(root, params, app) {
  const { t } = app;
  const user = (await session())?.user || {};
  const citywide = user.role !== 'liaison';
  const mayClose = user.role === 'liaison'; // only a liaison moves triage (server/access.py, "triage")
  const filters = readFilters(params.query, { citywide });
  const state = { items: [], counts: {}, next: null, error: null, loading: true, more: false, csvError: null,
    fresh: new Set(), announce: '', polledAt: null, alerts: [], live: 'connecting', cue: null, sound: await soundOn(),
    notify: notificationPermission(), push: 'unsupported', pushBusy: false, pushError: null, refused: false, marks: {} };
  // The sites the desk may read (GET /sites), and those pulled to this device if that list could not be read.
  const sites = new Map([...(await sitesByCode().catch(() => new Map())), ...deskSites()]);
  let stopped = false;
  let polling = false;
  let lastPoll = Date.now();
  // Alerts the stream added, in order (loadAlerts keeps those newer than its request).
  const liveAdded = new Map();
  /** Alerts already cued: a refresh may list an alert before its stream event arrives, and the cue must not be lost. */
  const cuedAlerts = new Set();
  let liveCount = 0;
  // Shown again for a filter or search the user just changed (app.navigate(…, true)): the router leaves focus on the
  // control used, so the filters stay unfolded around it and the live region says what the new query shows.
  const refined = refining(root, '.filters-box, .status-counts');
  // The rows shown stay until the new query's are in (components/refine.js): no emptied queue, no jump to the top.
  let holding = refined;
  setTitle(t('liaison.queue.title'), root);

  const go = (next) => {
    // Not sent: the queue keeps the list of the filters in force, and the field says what to change.
    const own = periodProblem(next, t);
    if (own) {
      Object.assign(state, { marks: own, error: t('desk.refusal.invalid') });
      draw();
      root.querySelector('.filters [aria-invalid="true"]')?.focus();
      return;
    }
    const search = new URLSearchParams(Object.entries(next).filter(([, v]) => v));
    app.navigate(`#/desk/queue${search.toString() ? `?${search}` : ''}`, true);
  };

  /** A status count's link as a filter change (focus stays on it); a new tab or window opens it as a link does. */
  const countClick = (status) => (event) => {
    if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go({ ...filters, status });
  };

  async function fetchPage({ after = null, limit = PAGE } = {}) {
    const answer = await get('/reports', { ...apiQuery(filters), limit, after });
    if (!answer || !Array.isArray(answer.items)) throw new Error('malformed queue answer');
    rememberDepartments(answer.items);
    return answer;
  }

  /** The open alerts (none on a server without them: 404 is not an error here). */
  async function loadAlerts() {
    const since = liveCount;
    try {
      const answer = await get('/alerts', { state: 'open' });
      const items = Array.isArray(answer) ? answer : answer?.alerts; // {alerts: [...]} (docs/desk-api.md)
      if (Array.isArray(items)) {
        const listed = new Set(items.map((a) => a.id));
        // An alert the stream brought while this request was out stays (the answer may predate it).
        const newer = state.alerts.filter((a) => !listed.has(a.id) && (liveAdded.get(a.id) || 0) > since);
        state.alerts = [...newer, ...items.filter((a) => a.state !== 'closed')];
      }
    } catch (error) {
      if (!(error instanceof ApiError && (error.status === 404 || error.status === 403))) throw error;
      state.alerts = [];
    }
  }

  /** The visible and audible cue for a new alert or P1 report, and a notification when the tab is hidden. */
  function cue(kind, item) {
    if (kind === 'alert') cuedAlerts.add(item.id);
    const where = siteName(item);
    state.cue = { kind, text: kind === 'alert' ? t('liaison.live.cue.alert', { site: where, time: dateTime(item.occurred_at) })
      : t('liaison.live.cue.report', { site: where }), id: item.id };
    if (state.sound) beep();
    notifyWhenHidden({ title: kind === 'alert' ? t('liaison.alert.title') : t('liaison.live.report_title'), body: where,
      tag: `${kind}-${item.id}`, url: kind === 'alert' ? '/#/desk/queue' : `/#/desk/report/${item.id}` });
  }

  function addAlert(alert) {
    if (!alert?.id || alert.state === 'closed' || state.alerts.some((a) => a.id === alert.id)) return false;
    liveCount += 1;
    liveAdded.set(alert.id, liveCount);
    state.alerts = [alert, ...state.alerts];
    state.fresh.add(alert.id);
    return true;
  }

  /**
   * A query that cannot run (an address typed by hand or kept from before): the desk's own check first (a
   * period ending before it starts is not sent), else the server's 422 on the query, field by field. Its
   * fields are marked, and the queue shows no list and no counts rather than "no reports" for a query that
   * never ran. No open alerts either: under a caption "(0 shown)" they read as the answer to that query; a new
   * alert still cues (banner, beep, notification), and the alerts come back with the queue once it runs.
   */
  function refuse(fields) {
    Object.assign(state, { items: [], next: null, counts: {} });
    state.refused = true;
    state.marks = fields;
    state.error = t('desk.refusal.invalid');
  }

  async function load() {
    const own = periodProblem(filters, t);
    if (own) {
      refuse(own);
      state.loading = false;
      return;
    }
    try {
      const [, answer] = await Promise.all([loadAlerts(), fetchPage()]);
      Object.assign(state, { items: answer.items, counts: answer.counts || {}, countsCapped: !!answer.counts_capped,
        next: answer.next || null,
        polledAt: answer.polled_at, error: null });
    } catch (error) {
      const fields = error instanceof ApiError && error.status === 422 ? refusedFilters(error.body, t) : null;
      if (fields) refuse(fields);
      else state.error = problem(error, t);
    }
    state.loading = false;
  }

  async function loadMore() {
    state.more = true;
    draw();
    try {
      const answer = await fetchPage({ after: state.next });
      const known = new Set(state.items.map((i) => i.id));
      const added = answer.items.filter((i) => !known.has(i.id));
      state.items = [...state.items, ...added];
      state.next = answer.next || null;
      state.error = null;
      state.announce = shownText();
      state.more = false;
      draw();
      // The button was disabled while loading (and is gone after the last page): focus would fall to the page.
      // It goes to the first report added, where reading goes on.
      if (added.length) root.querySelector(`a[href="#/desk/report/${added[0].id}"]`)?.focus();
      return;
    } catch (error) {
      state.error = problem(error, t);
    }
    state.more = false;
    draw();
  }

  /** Fetch the top of the queue again; new ids are marked and announced. */
  async function poll({ force = false } = {}) {
    if (stopped || polling || state.refused || (!force && (document.visibilityState !== 'visible'
      || (live.state === 'live' && Date.now() - lastPoll < LIVE_POLL_MS - POLL_MS / 2)))) return;
    polling = true;
    lastPoll = Date.now();
    const since = Date.parse(state.polledAt || '') - NEW_SLACK_MS;
    try {
      const knownAlerts = new Set(state.alerts.map((a) => a.id));
      await loadAlerts();
      for (const alert of state.alerts.filter((a) => !knownAlerts.has(a.id))) {
        state.fresh.add(alert.id);
        if (!force) cue('alert', alert);
      }
      const count = Math.max(PAGE, state.items.length);
      const answer = await fetchPage({ limit: pollLimit(state.items.length) });
      if (stopped) return;
      const known = new Set(state.items.map((i) => i.id));
      const added = answer.items.filter((i) => !known.has(i.id) && !(Date.parse(i.received_at) <= since));
      if (count <= MAX_LIMIT) {
        // The whole loaded list fits in one request: take it as the server has it now.
        state.items = answer.items;
        state.next = answer.next || null;
      } else {
        state.items = [...answer.items.filter((i) => !known.has(i.id)),
          ...state.items.map((i) => answer.items.find((a) => a.id === i.id) || i)];
      }
      state.polledAt = answer.polled_at || state.polledAt;
      state.counts = answer.counts || state.counts;
      if (answer.counts) state.countsCapped = !!answer.counts_capped;
      state.error = null;
      if (added.length) {
        added.forEach((i) => state.fresh.add(i.id));
        const urgent = added.filter((i) => i.priority === 1).length;
        const firstUrgent = added.find((i) => i.priority === 1);
        if (firstUrgent && !force) cue('report', firstUrgent);
        state.announce = `${t(added.length === 1 ? 'liaison.queue.new.one' : 'liaison.queue.new.other', { count: added.length })}${
          urgent ? ` ${t('liaison.queue.new.urgent', { count: urgent })}` : ''} ${
          added.slice(0, 5).map((i) => `${t('liaison.priority.short', { n: i.priority })} ${siteName(i)}`).join(', ')}`;
      }
    } catch (error) {
      state.error = problem(error, t);
    } finally {
      polling = false;
    }
    draw();
  }

  async function exportCsv() {
    state.csvError = null;
    try {
      const { limit, after, ...query } = apiQuery(filters);
      await downloadCsv('/reports.csv', query, `reports-${cityDay()}.csv`);
    } catch (error) {
      state.csvError = problem(error, t);
    }
    draw();
  }

  /** The sites on this device (pulled) and those of the reports shown (the pull may still be running). */
  function knownSites() {
    const all = new Map(sites);
    for (const item of state.items) if (item.site?.code && !all.has(item.site.code)) all.set(item.site.code, item.site);
    return all;
  }

  const siteName = (item) => item.site?.name || sites.get(item.site?.code || item.site)?.name || item.site?.code || item.site || '';

  // A cell's column heading, which the queue shows beside the value where it is a stack of cards (a tablet).
  const col = (name) => t(`liaison.col.${name}`);

  function row(item) {
    const fresh = state.fresh.has(item.id);
    const assigned = personName(item.assigned_to, t);
    return html`<tr class=${fresh ? 'row-fresh' : ''}>
      <td data-label=${col('priority')}>${priorityView(item, t)}</td>
      <td data-label=${col('status')}>${statusView(item.status, t)}${fresh ? html` <span class="marker marker-fresh">${t('liaison.queue.fresh')}</span>` : nothing}</td>
      <td data-label=${col('site')}><a href=${`#/desk/report/${item.id}`}>${siteName(item)}</a>
        ${citywide ? html`<br><span class="note">${departmentName(item.department)}</span>` : nothing}</td>
      <td data-label=${col('time')}>${t('liaison.queue.received')} ${dateTime(item.received_at)}<br>
        <span class="note">${t('liaison.queue.started')} ${dateTime(item.started_at)}</span></td>
      <td data-label=${col('agencies')}>${(item.agencies || []).map((a) => t(`agency.${a}`)).join(', ') || t('review.empty')}</td>
      <td data-label=${col('document')}>${item.document_type ? t(`doc.${item.document_type}`) : t('review.empty')}</td>
      <td data-label=${col('assigned')}>${assigned || t('liaison.nobody')}</td>
      <td data-label=${col('photos')}>${formatNumber(item.photo_count ?? 0)}</td>
      <td data-label=${col('questions')}>${formatNumber(item.open_questions ?? 0)}</td>
      <td data-label=${col('markers')}>${groupView(item.group, t)} ${flagsView(item.flags, t)}</td>
    </tr>`;
  }

  /** An open alert as the queue's first rows: P1, "Alert — agents here now", site, time, agency. */
  function alertRow(alert) {
    const fresh = state.fresh.has(alert.id);
    return html`<tr class="row-alert">
      <td data-label=${col('priority')}>${priorityView({ priority: 1 }, t, { reason: false })}</td>
      <td data-label=${col('status')}><span class="status status-alert">${t('liaison.alert.title')}</span>${fresh
        ? html` <span class="marker marker-fresh">${t('liaison.queue.fresh')}</span>` : nothing}</td>
      <td data-label=${col('site')}>${siteName(alert)}${citywide ? html`<br><span class="note">${departmentName(alert.department)}</span>` : nothing}</td>
      <td data-label=${col('time')}>${t('liaison.alert.at')} ${dateTime(alert.occurred_at)}<br>
        <span class="note">${t('liaison.queue.received')} ${dateTime(alert.received_at)}</span></td>
      <td data-label=${col('agencies')}>${alert.agency ? t(`agency.${alert.agency}`) : t('liaison.alert.agency_unknown')}</td>
      <td colspan="5" class="note">${t('liaison.alert.report_pending')}${mayClose ? html` <button type="button"
        class="button quiet" aria-label=${t('liaison.alert.close_named', { close: t('liaison.alert.close'), site: siteName(alert) })}
        @click=${() => closeAlert(alert)}>${t('liaison.alert.close')}</button>` : nothing}</td>
    </tr>`;
  }

  /**
   * Close an alert whose report will not come (a liaison's move, POST /alerts/<id>/close), with the reason's code
   * (encounter/alerts.py CLOSE_REASONS): without it, an alert whose draft was discarded headed the queue for good.
   * Closed meanwhile (a colleague, its report) answers as it is: the row goes either way.
   */
  async function closeAlert(alert) {
    let reason = alertRules.close_reasons[0];
    const reasons = html`<fieldset class="field group"><legend>${t('liaison.alert.close_reason')}</legend>
      <div class="options">${alertRules.close_reasons.map((code) => html`<div class="option">
        <input type="radio" id="alert-close-${code}" name="alert-close-reason" value=${code} ?checked=${code === reason}
          @change=${() => { reason = code; }}>
        <label for="alert-close-${code}">${t(`liaison.alert.reason.${code}`)}</label></div>`)}</div></fieldset>`;
    const ok = await confirmDialog({ title: t('liaison.alert.close_title'), text: [t('liaison.alert.close_text'), reasons],
      confirm: t('liaison.alert.close_confirm'), cancel: t('liaison.alert.close_cancel') });
    if (!ok) return;
    try {
      await send(`/alerts/${alert.id}/close`, { reason });
      state.alerts = state.alerts.filter((a) => a.id !== alert.id);
      state.announce = t('liaison.alert.closed', { site: siteName(alert) });
      state.error = null;
    } catch (error) {
      state.error = problem(error, t);
    }
    draw();
    root.querySelector('h1')?.focus();
  }

  async function toggleSound(event) {
    state.sound = event.target.checked;
    await setSound(state.sound);
    if (state.sound) beep(); // a click lets the browser play sound from now on
    draw();
  }

  async function enableNotifications() {
    state.notify = await askNotifications();
    draw();
  }

  async function togglePush() {
    state.pushBusy = true;
    state.pushError = null;
    draw();
    try {
      state.push = state.push === 'on' ? await unsubscribePush()
        : await subscribePush({ alert: t('liaison.alert.title'), report: t('liaison.live.report_title'), body: t('liaison.push.body') });
      if (state.push === 'denied') {
        state.pushError = t('liaison.notify.blocked');
        state.push = 'off';
      }
    } catch (error) {
      state.pushError = problem(error, t);
    }
    state.notify = notificationPermission();
    state.pushBusy = false;
    draw();
  }

  function liveControls() {
    const notify = state.notify;
    return html`<div class="live-controls" role="group" aria-label=${t('liaison.live.controls')}>
      <label class="check"><input type="checkbox" .checked=${state.sound} @change=${toggleSound}> ${t('liaison.live.sound')}</label>
      ${notify === 'default' ? html`<button type="button" class="button" @click=${enableNotifications}>${t('liaison.notify.ask')}</button>`
        : notify === 'granted' ? html`<span class="note">${t('liaison.notify.on')}</span>`
          : notify === 'denied' ? html`<span class="note">${t('liaison.notify.blocked')}</span>` : nothing}
      ${state.push === 'on' || state.push === 'off' ? html`<button type="button" class="button" aria-pressed=${state.push === 'on' ? 'true' : 'false'}
        ?disabled=${state.pushBusy} @click=${togglePush}>${t('liaison.push.toggle')}</button>
        ${state.push === 'on' ? html`<span class="note">${t('liaison.push.on')}</span>` : nothing}` : nothing}
      ${state.pushError ? html`<p class="error" role="alert">${state.pushError}</p>` : nothing}
    </div>`;
  }

  function dismissCue() {
    state.cue = null;
    draw();
    refocus('#app h1'); // Dismiss went with the cue
  }

  function cueView() {
    if (!state.cue) return nothing;
    return html`<div class=${`live-cue live-cue-${state.cue.kind}`} role="alert">
      <p><strong>${state.cue.kind === 'alert' ? t('liaison.alert.title') : t('liaison.live.report_title')}</strong> ${state.cue.text}</p>
      <button type="button" class="button" @click=${dismissCue}>${t('liaison.live.dismiss')}</button>
    </div>`;
  }

  /** What the list shows, as its caption says it (and the live region, after a filter change). */
  function shownText() {
    const alerts = state.alerts.length;
    if (!state.items.length && !alerts) return t('liaison.queue.empty');
    return `${t('liaison.queue.caption', { count: state.items.length })}${alerts
      ? ` ${t(alerts === 1 ? 'liaison.alert.count.one' : 'liaison.alert.count.other', { count: alerts })}` : ''}`;
  }

  function countsView() {
    const all = STATUSES.reduce((sum, s) => sum + (state.counts[s] || 0), 0);
    const open = all - (state.counts.closed || 0);
    const link = (status, count) => html`<li><a href=${`#/desk/queue?${new URLSearchParams(
      Object.entries({ ...filters, status }).filter(([, v]) => v))}`}
      aria-current=${filters.status === status ? 'true' : 'false'} @click=${countClick(status)}>${
        status === 'open' ? t('liaison.filter.status.open')
        : status === 'all' ? t('liaison.filter.status.all') : t(`liaison.status.${status}`)}: ${formatNumber(count)}${
        state.countsCapped ? '+' : ''}</a></li>`;
    return html`<nav aria-label=${t('liaison.queue.counts')}><ul class="status-counts">
      ${link('open', open)}${STATUSES.map((s) => link(s, state.counts[s] || 0))}${link('all', all)}</ul></nav>`;
  }

  function draw() {
    if (stopped || holding) return;
    const { items } = state;
    render(html`
      <div class="queue-head">
        <h1>${citywide ? t('liaison.queue.title_citywide') : t('liaison.queue.title')}</h1>
        ${liveControls()}
      </div>
      ${citywide ? html`<p class="note">${t('liaison.queue.read_only')}</p>` : nothing}
      ${announcement(state.announce)}
      ${cueView()}
      ${filterForm({ filters, citywide, t, sites: knownSites(), agencies: AGENCIES, onApply: go, errors: state.marks,
        open: refined })}
      ${state.refused ? nothing : countsView()}
      <div class="actions queue-actions">
        <button type="button" class="button" @click=${exportCsv}>${t('liaison.queue.csv')}</button>
        ${citywide ? nothing : html`<a class="button" href="#/desk/cards">${t('cards.title')}</a>`}
        ${state.csvError ? html`<p class="error" role="alert">${state.csvError}</p>` : nothing}
        <p class="note"><span class="live-state">${state.live === 'live' ? t('liaison.live.on') : t('liaison.live.off')}</span>${
          state.polledAt && state.live !== 'live' ? ` ${t('liaison.queue.checked', { time: timeOfDay(state.polledAt) })}` : ''}</p>
      </div>
      ${state.error ? html`<p class="error-box" role="alert">${state.error}</p>` : nothing}
      ${state.loading ? html`<p>${t('liaison.loading')}</p>` : state.refused ? nothing : items.length || state.alerts.length ? html`
        <div class="table-wrap" role="region" aria-labelledby="queue-caption" tabindex="0">
          <table class="desk-table queue-table">
            <caption id="queue-caption">${shownText()}</caption>
            <thead><tr>
              <th scope="col">${t('liaison.col.priority')}</th><th scope="col">${t('liaison.col.status')}</th>
              <th scope="col">${t('liaison.col.site')}</th><th scope="col">${t('liaison.col.time')}</th>
              <th scope="col">${t('liaison.col.agencies')}</th><th scope="col">${t('liaison.col.document')}</th>
              <th scope="col">${t('liaison.col.assigned')}</th><th scope="col">${t('liaison.col.photos')}</th>
              <th scope="col">${t('liaison.col.questions')}</th><th scope="col">${t('liaison.col.markers')}</th>
            </tr></thead>
            <tbody>${state.alerts.map(alertRow)}${items.map(row)}</tbody>
          </table>
        </div>` : html`<p>${shownText()}</p>`}
      ${state.next ? html`<p><button type="button" class="button" ?disabled=${state.more}
        @click=${loadMore}>${state.more ? t('liaison.loading') : t('liaison.queue.more')}</button></p>` : nothing}`, root);
  }

  /** An event of the server's push: alerts at once; a closed alert or a new P1 report refreshes the list. */
  function onLive(event) {
    const data = eventData(event);
    if (!data || stopped) return;
    if (event.event === 'alert') {
      addAlert(data);
      if (data.id && data.state !== 'closed' && !cuedAlerts.has(data.id)) cue('alert', data);
    } else if (event.event === 'alert_closed') {
      state.alerts = state.alerts.filter((a) => a.id !== data.id);
      poll({ force: true });
    } else if (event.event === 'report') {
      cue('report', data);
      poll({ force: true });
    }
    draw();
  }

  const live = new LiveStream({
    url: `${API}/events`,
    headers: async () => ({ Authorization: `Bearer ${(await session())?.token || ''}` }),
    onEvent: onLive,
    onState: (next) => {
      const was = state.live;
      state.live = next;
      // Back to live after a gap: catch up once (events before the first connection have no id to resume from).
      if (next === 'live' && was !== 'live') poll({ force: true });
      draw();
    },
  });

  draw();
  await load();
  holding = false;
  await drawThenSay(refined && !state.refused, draw, () => { state.announce = shownText(); });
  pushState().then((value) => { state.push = value; draw(); }).catch(() => {});
  live.start();
  const timer = setInterval(poll, POLL_MS);
  const onVisible = () => { if (document.visibilityState === 'visible') poll(); };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    stopped = true;
    live.stop();
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
