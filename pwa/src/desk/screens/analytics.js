/**
 * Checklist analytics (trainers, admins, the Mayor's Office): per-step completion, time to
 * receipt and to liaison notification, time-critical skips by site and week, and two
 * versions side by side. Each analysis is a chart (a picture of its table), the table with
 * every number, and a CSV export of the same rows. Filters live in the hash's query, so a
 * view can be bookmarked and the browser's Back returns to the previous filters. The server
 * answers whole weeks (encounter/analytics_disclosure.py): each answer's `period` says which,
 * and the screen says so under the filters.
 */
import { html, nothing, render } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { setTitle } from '../../components/format.js';
import { STEP_RESULTS } from '../../report.js';
import { formatNumber, pick } from '../../i18n.js';
import { checklistName, departmentName, deskSites, knownDepartments } from '../components/liaison-filters.js';
import { ApiError, session } from '../../api.js';
import { downloadCsv, get, problem, query, refused } from '../api.js';
import { calendarDay, weekLabel } from '../components/calendar.js';
import { barChart, duration, percent } from '../components/chart.js';
import { announcement, drawThenSay, refining } from '../components/refine.js';
import disclosure from '../../rules/disclosure.json' with { type: 'json' };

const FILTERS = ['department', 'site', 'from', 'to', 'version'];
const RESULTS = [...STEP_RESULTS, 'not_reached'];
// A table's error that is its filters' (said once, under them): the table shows nothing of its own.
const FILTER_PROBLEM = Symbol('filter problem');
const TIMING_GROUPS = ['total', 'week', 'site', 'department'];
// Every table answer is {columns, rows, filters, …} (server/blueprints/analytics.py); the CSV has the same rows.
const TIMINGS = ['p50_minutes_to_received', 'p90_minutes_to_received', 'p50_minutes_to_notified', 'p90_minutes_to_notified'];

/** A step id in words ("call-site-lead" → "Call site lead"). */
export function stepIdWords(id) {
  const words = String(id).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A step's label: its position and text. A row pooled over departments that word the step
 * differently has no text (server/analytics/queries.py `steps`): its id in words, marked so,
 * rather than one department's words over every department's figures.
 */
export function stepLabel(row, t) {
  const text = typeof row.text === 'object' && row.text ? pick(row.text) : row.text
    || t('analytics.steps.worded_differently', { step: stepIdWords(row.step_id) });
  return row.position ? `${row.position}. ${text}` : text;
}

// A count in the desk's digits (Persian ones in Farsi, as its dates); what is not a number (withheld) as it was.
const digits = (value) => (typeof value === 'number' ? formatNumber(value) : value);
/** Minutes (as the timings table gives them) as a duration text. */
const minutes = (value, t) => (value === null || value === undefined ? duration(null) : duration(value * 60, t));

/** Render the analytics screen with the filters of `params.query`. */
export async function show(root, params, app) {
  const { t } = app;
  // Shown again for filters, a grouping or versions just chosen (components/refine.js): focus stays on the control.
  const refined = refining(root, '.analytics-filters, #timings-by');
  const lang = app.language();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.query?.get(f) || '']));
  const compare = { a: params.query?.get('a') || '', b: params.query?.get('b') || '' };
  const timingsBy = TIMING_GROUPS.includes(params.query?.get('by')) ? params.query.get('by') : 'total';
  const user = (await session())?.user;
  const citywide = !user?.department;
  let alive = true;
  let state = { options: { departments: [], versions: [], sites: [] }, results: {}, errors: {}, exports: {}, announce: '' };
  // The department chosen in the form (before Show): the site and version selects offer only its own.
  let chosen = filters.department;

  // The figures shown stay until the new ones are all in (components/refine.js): no emptied tables, no jump to the top.
  let holding = refined;
  const draw = () => { if (alive && !holding) render(view(), root); };

  // --- filters ------------------------------------------------------------------------------

  async function loadOptions() {
    // Every department and site the viewer may read (GET /departments, GET /sites, loaded by the desk).
    const sites = [...deskSites().values()];
    let checklists = [];
    let published = [];
    const retired = (v) => (v.retired ? ` (${t('trainer.version.retired_short')})` : '');
    // Trainers and admins read the checklists (their names); the Mayor's Office reads none (403) and chooses from
    // the published versions alone (GET /analytics/versions: department, number, day; no contents, no names).
    try {
      if (['trainer', 'admin'].includes(user?.role)) checklists = await get('/checklists');
      else published = (await get('/analytics/versions')).versions || [];
    } catch { /* no lists: the filters fall back to typed codes and ids */ }
    const departments = new Map([...checklists.map((c) => [c.department.code, departmentName(c.department)]), ...knownDepartments()]);
    const versions = [
      ...checklists.flatMap((c) => c.versions.map((v) => ({
        id: v.id, number: v.number, department: c.department.code,
        label: `${checklistName(c, t)} · ${t('trainer.version.label', { number: v.number })}${retired(v)}`,
      }))),
      ...published.map((v) => ({
        id: v.id, number: v.number, department: v.department,
        label: `${departmentName(v.department)} · ${t('trainer.version.label', { number: v.number })} · ${
          t('analytics.version.published', { day: calendarDay(v.published_on, lang) })}${retired(v)}`,
      })),
    ];
    state = { ...state, options: { departments: [...departments].sort((a, b) => a[1].localeCompare(b[1])), versions, sites, canList: versions.length > 0 } };
  }

  // A site or version known to be of another department than `department` (none chosen: every one fits).
  const otherSite = (code, department) => Boolean(department && deskSites().get(code)
    && deskSites().get(code).department !== department);
  const otherVersion = (id, department) => Boolean(department
    && state.options.versions.some((v) => String(v.id) === String(id) && v.department !== department));

  function apply(event) {
    event.preventDefault();
    const data = new FormData(event.target);
    const next = Object.fromEntries([...FILTERS, 'a', 'b'].map((f) => [f, (data.get(f) || '').toString().trim()]));
    // A department changed: a site or version of another one would count nothing (the server refuses it, 422).
    if (otherSite(next.site, next.department)) next.site = '';
    for (const key of ['version', 'a', 'b']) if (otherVersion(next[key], next.department)) next[key] = '';
    if (timingsBy !== 'total') next.by = timingsBy;
    app.navigate(`#/desk/analytics${query(next)}`, true);
  }

  function select(name, label, options, value, allLabel, change = null) {
    return html`
      <div class="field">
        <label for="filter-${name}">${label}</label>
        <select id="filter-${name}" name=${name} @change=${change || nothing}>
          <option value="" ?selected=${!value}>${allLabel}</option>
          ${repeat(options, ([code]) => code, ([code, text]) => html`<option value=${code} ?selected=${String(code) === value}>${text}</option>`)}
        </select>
      </div>`;
  }

  function versionField(name, label, value, allLabel) {
    const { versions, canList } = state.options;
    const own = versions.filter((v) => !chosen || v.department === chosen);
    if (canList) return select(name, label, own.map((v) => [String(v.id), v.label]), value, allLabel);
    return html`
      <div class="field">
        <label for="filter-${name}">${label}</label>
        <input id="filter-${name}" name=${name} type="text" inputmode="numeric" pattern="[0-9]*" .value=${value}>
      </div>`;
  }

  function filterForm() {
    const { departments } = state.options;
    // Sites: those pulled to this device, and any the by-site table names (a desk may not have synced yet).
    // Only the chosen department's (a department changed in the form changes them at once).
    const fits = (department) => !chosen || !department || department === chosen;
    const sites = new Map(state.options.sites.filter((site) => fits(site.department)).map((site) => [site.code, site.name]));
    for (const row of state.results['skips-site']?.rows || []) {
      if (!sites.has(row.site) && fits(row.department) && !otherSite(row.site, chosen)) sites.set(row.site, row.site_name || row.site);
    }
    if (filters.site && !sites.has(filters.site) && !otherSite(filters.site, chosen)) sites.set(filters.site, filters.site);
    const department = (event) => {
      chosen = event.target.value;
      const { form } = event.target;  // what is chosen there and not of this department: back to "all"
      if (otherSite(form.elements.site.value, chosen)) form.elements.site.value = '';
      if (otherVersion(form.elements.version.value, chosen)) form.elements.version.value = '';
      draw();
    };
    return html`
      <form class="analytics-filters" @submit=${apply} aria-labelledby="filters-heading">
        <h2 id="filters-heading" class="visually-hidden">${t('analytics.filters')}</h2>
        ${citywide ? (departments.length
          ? select('department', t('analytics.filter.department'), departments, filters.department, t('analytics.filter.all_departments'),
            department)
          : html`<div class="field"><label for="filter-department">${t('analytics.filter.department_code')}</label>
              <input id="filter-department" name="department" type="text" .value=${filters.department}></div>`) : nothing}
        ${select('site', t('analytics.filter.site'), [...sites].sort((x, y) => x[1].localeCompare(y[1])), filters.site, t('analytics.filter.all_sites'))}
        <div class="field">
          <label for="filter-from">${t('analytics.filter.from')}</label>
          <input id="filter-from" name="from" type="date" .value=${filters.from}>
        </div>
        <div class="field">
          <label for="filter-to">${t('analytics.filter.to')}</label>
          <input id="filter-to" name="to" type="date" .value=${filters.to}>
        </div>
        ${versionField('version', t('analytics.filter.version'), filters.version, t('analytics.filter.all_versions'))}
        <input type="hidden" name="a" .value=${compare.a}>
        <input type="hidden" name="b" .value=${compare.b}>
        <div class="filter-actions"><button type="submit" class="button primary">${t('analytics.apply')}</button></div>
      </form>`;
  }

  // --- data ---------------------------------------------------------------------------------

  const common = () => Object.fromEntries(FILTERS.map((f) => [f, filters[f]]));
  // Each table: its endpoint and query. Compare has no `version` filter (a and b instead).
  const tables = () => ({
    steps: ['/analytics/steps', common()],
    timings: ['/analytics/timings', { ...common(), by: timingsBy }],
    'skips-site': ['/analytics/critical-skips', { ...common(), by: 'site' }],
    'skips-week': ['/analytics/critical-skips', { ...common(), by: 'week' }],
    ...(compare.a && compare.b ? { compare: ['/analytics/compare', { ...common(), version: '', a: compare.a, b: compare.b }] } : {}),
  });

  async function load(name, path, params) {
    try {
      const result = await get(path, params);
      state = { ...state, results: { ...state.results, [name]: result }, errors: { ...state.errors, [name]: '' } };
    } catch (error) {
      // A filter that names nothing (404) or does not fit another (422, a site of another department) fails every
      // table alike: said once, under the filters (filterProblem), not once per table. Compare's own versions
      // (a and b) are its own: a 404 unknown_version or a field error on a or b is said at compare.
      const fields = error?.body?.errors?.query || {};
      const own = name === 'compare' && (error?.body?.reason === 'unknown_version' || 'a' in fields || 'b' in fields);
      const filterLevel = !own && error instanceof ApiError && [404, 422].includes(error.status);
      state = {
        ...state,
        errors: { ...state.errors, [name]: filterLevel ? FILTER_PROBLEM : problem(error, t) },
        filterProblem: filterLevel ? problem(error, t) : state.filterProblem,
        forbidden: state.forbidden || refused(error),
      };
    }
    draw();
  }

  async function exportCsv(name) {
    const [path, params] = tables()[name];
    state = { ...state, exports: { ...state.exports, [name]: '' } };
    try {
      // The period answered (whole weeks), not the days typed.
      const answered = state.results[name]?.period || state.results.steps?.period || {};
      const period = [answered.from, answered.to].filter(Boolean).join('_');
      await downloadCsv(`${path}.csv`, params, `analytics-${name}${period ? `-${period}` : ''}.csv`);
    } catch (error) {
      state = { ...state, exports: { ...state.exports, [name]: problem(error, t) } };
    }
    draw();
  }

  // --- the analyses -------------------------------------------------------------------------

  /**
   * A heading, a CSV button, and the table's chart and numbers (or its loading state, or its error). `controls`
   * (a grouping, the versions to compare) stay in the page while the table loads again, so the one used keeps
   * focus; `idle`: the table is not asked for (no versions chosen yet), nothing to load or export.
   */
  function block(name, heading, body, { level = 2, controls = nothing, idle = false } = {}) {
    const id = `analysis-${name}`;
    const result = state.results[name];
    const title = level === 2 ? html`<h2 id="${id}-heading">${heading}</h2>` : html`<h3 id="${id}-heading">${heading}</h3>`;
    return html`
      <div class="analysis-head">
        ${title}
        ${idle ? nothing : html`<button type="button" class="button quiet" @click=${() => exportCsv(name)}>
          ${t('analytics.csv')}<span class="visually-hidden"> (${heading})</span></button>`}
      </div>
      ${controls}
      ${state.exports[name] ? html`<p class="error" role="alert">${state.exports[name]}</p>` : nothing}
      ${state.errors[name] && state.errors[name] !== FILTER_PROBLEM ? html`<p class="error-box" role="alert">${state.errors[name]}</p>` : nothing}
      ${!idle && !result && !state.errors[name] ? html`<p class="loading">${t('trainer.loading')}</p>` : nothing}
      ${result ? body(result) : nothing}`;
  }

  // A group under the minimum of 5 reports comes without its count (issue 12): shown as '–' alone.
  const countCell = (rate, count) => (count === null || count === undefined ? '–' : `${percent(rate, lang)} (${digits(count)})`);

  function stepsBody(result) {
    const rows = result.rows || [];
    const reports = html`<p class="hint">${t('analytics.reports', { count: result.reports ?? 0 })}</p>`;
    if (!rows.length) return html`${reports}<p>${t('analytics.none')}</p>`;
    // Over several departments a row pools one step id (no department, no number): say so.
    const pooled = rows.some((r) => r.department == null);
    const labels = rows.map((r) => stepLabel(r, t));
    return html`
      ${reports}${pooled ? html`<p class="hint" id="analytics-pooled">${t('analytics.steps.pooled')}</p>` : nothing}
      ${barChart({
        title: t('analytics.steps.chart_title'),
        desc: t('analytics.steps.chart_desc', { steps: rows.length }),
        rows: rows.map((r, i) => ({ label: labels[i], values: RESULTS.map((k) => r[`${k}_rate`]) })),
        series: RESULTS.map((k) => ({ label: t(`analytics.result.${k}`) })),
        format: (v) => percent(v, lang), max: 1,
      })}
      ${barChart({
        title: t('analytics.steps.time_title'),
        desc: t('analytics.steps.time_desc'),
        rows: rows.map((r, i) => ({ label: labels[i], values: [r.p50_seconds, r.p90_seconds] })),
        series: [{ label: t('analytics.p50') }, { label: t('analytics.p90') }],
        format: (seconds) => duration(seconds, t), empty: t('analytics.no_data'),
      })}
      <div class="table-scroll" tabindex="0" role="region" aria-label=${t('analytics.steps.caption')}>
        <table class="data-table" id="steps-table">
          <caption>${t('analytics.steps.caption')}</caption>
          <thead><tr>
            <th scope="col">${t('analytics.col.step')}</th>
            <th scope="col">${t('analytics.col.time_critical')}</th>
            <th scope="col" class="num">${t('analytics.col.reports')}</th>
            ${RESULTS.map((k) => html`<th scope="col" class="num">${t(`analytics.result.${k}`)}</th>`)}
            <th scope="col" class="num">${t('analytics.p50')}</th>
            <th scope="col" class="num">${t('analytics.p90')}</th>
          </tr></thead>
          <tbody>${rows.map((r, i) => html`
            <tr data-step=${r.step_id}>
              <th scope="row">${labels[i]}</th>
              <td>${r.time_critical ? t('analytics.yes') : t('analytics.no')}</td>
              <td class="num">${digits(r.reports)}</td>
              ${RESULTS.map((k) => html`<td class="num">${countCell(r[`${k}_rate`], r[k])}</td>`)}
              <td class="num">${duration(r.p50_seconds, t)}</td>
              <td class="num">${duration(r.p90_seconds, t)}</td>
            </tr>`)}</tbody>
        </table>
      </div>`;
  }

  /** The label of a grouped row (a week, a site, a department, or all reports). */
  function groupLabel(row, by) {
    if (by === 'week') return weekLabel(row.week, t);
    if (by === 'site') return citywide && row.department ? `${row.site_name || row.site} (${departmentName(row.department)})` : row.site_name || row.site;
    if (by === 'department') return departmentName(row.department);
    return t('analytics.timings.all');
  }

  function timingsBody(result) {
    const rows = result.rows || [];
    if (!rows.length) return html`<p>${t('analytics.none')}</p>`;
    const labels = rows.map((r) => groupLabel(r, timingsBy));
    return html`
      ${barChart({
        title: t('analytics.timings.chart_title'), desc: t('analytics.timings.chart_desc'),
        rows: rows.map((r, i) => ({ label: labels[i], values: TIMINGS.map((k) => r[k]) })),
        series: TIMINGS.map((k) => ({ label: t(`analytics.timings.${k}`) })), format: minutes,
        empty: t('analytics.no_data'),
      })}
      <div class="table-scroll" tabindex="0" role="region" aria-label=${t('analytics.timings.caption')}>
        <table class="data-table" id="timings-table">
          <caption>${t('analytics.timings.caption')}</caption>
          <thead><tr>
            <th scope="col">${t(`analytics.by.${timingsBy}`)}</th>
            <th scope="col" class="num">${t('analytics.col.reports')}</th>
            <th scope="col" class="num">${t('analytics.col.notified')}</th>
            ${TIMINGS.map((k) => html`<th scope="col" class="num">${t(`analytics.timings.${k}`)}</th>`)}
          </tr></thead>
          <tbody>${rows.map((r, i) => html`
            <tr><th scope="row">${labels[i]}</th><td class="num">${digits(r.reports)}</td>
              <td class="num">${countCell(r.notified_rate, r.notified)}</td>
              ${TIMINGS.map((k) => html`<td class="num">${minutes(r[k], t)}</td>`)}</tr>`)}</tbody>
        </table>
      </div>`;
  }

  function skipsBody(by) {
    return (result) => {
      const rows = result.rows || [];
      const total = result.total;
      if (!rows.length) return html`<p>${t('analytics.none')}</p>`;
      const labels = rows.map((r) => groupLabel(r, by));
      return html`
        ${barChart({
          title: t(`analytics.skips.chart_title_${by}`), desc: t('analytics.skips.chart_desc'),
          rows: rows.map((r, i) => ({ label: labels[i], values: [r.rate] })),
          series: [{ label: t('analytics.col.skip_share') }], format: (v) => percent(v, lang), max: 1,
        })}
        <div class="table-scroll" tabindex="0" role="region" aria-label=${t(`analytics.skips.caption_${by}`)}>
        <table class="data-table" id="skips-${by}-table">
          <caption>${t(`analytics.skips.caption_${by}`)}</caption>
          <thead><tr>
            <th scope="col">${t(`analytics.by.${by}`)}</th>
            <th scope="col" class="num">${t('analytics.col.reports')}</th>
            <th scope="col" class="num">${t('analytics.col.with_skips')}</th>
          </tr></thead>
          <tbody>${rows.map((r, i) => html`
            <tr><th scope="row">${labels[i]}</th><td class="num">${digits(r.reports)}</td>
              <td class="num">${countCell(r.rate, r.with_critical_skip)}</td></tr>`)}</tbody>
          ${total ? html`<tfoot><tr><th scope="row">${t('analytics.total')}</th><td class="num">${digits(total.reports)}</td>
            <td class="num">${countCell(total.rate, total.with_critical_skip)}</td></tr></tfoot>` : nothing}
        </table></div>`;
    };
  }

  /** A version's name in the comparison ("Version 2", with its checklist when several are listed). */
  function versionName(id, side) {
    const known = state.options.versions.find((v) => String(v.id) === String(id));
    return known ? t('trainer.version.label', { number: known.number }) : t(`analytics.compare.${side}`);
  }

  function compareForm() {
    const submit = (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      app.navigate(`#/desk/analytics${query({ ...common(), by: timingsBy === 'total' ? '' : timingsBy, a: data.get('a'), b: data.get('b') })}`,
        true);
    };
    return html`
      <form class="analytics-filters compare-form" @submit=${submit}>
        ${versionField('a', t('analytics.compare.a'), compare.a, t('analytics.compare.choose'))}
        ${versionField('b', t('analytics.compare.b'), compare.b, t('analytics.compare.choose'))}
        <div class="filter-actions"><button type="submit" class="button">${t('analytics.compare.show')}</button></div>
      </form>`;
  }

  function compareBody(result) {
    const [na, nb] = [versionName(result.a ?? compare.a, 'a'), versionName(result.b ?? compare.b, 'b')];
    const rows = result.rows || [];
    if (!rows.length) return html`<p>${t('analytics.none')}</p>`;
    const missing = t('analytics.not_in_version');
    const rate = (r, key, side) => (r.in === (side === 'a' ? 'b_only' : 'a_only') ? missing : percent(r[`${key}_${side}`], lang));
    const time = (r, side) => (r.in === (side === 'a' ? 'b_only' : 'a_only') ? missing : duration(r[`p50_seconds_${side}`], t));
    const columns = [['done_rate', 'analytics.col.done_rate'], ['skipped_rate', 'analytics.col.skip_rate']];
    return html`
      ${barChart({
        title: t('analytics.compare.chart_title', { a: na, b: nb }), desc: t('analytics.compare.chart_desc', { a: na, b: nb }),
        rows: rows.map((r) => ({ label: stepLabel({ ...r, position: r.position_b ?? r.position_a }, t), values: [r.skipped_rate_a, r.skipped_rate_b] })),
        series: [{ label: `${na}: ${t('analytics.col.skip_rate')}` }, { label: `${nb}: ${t('analytics.col.skip_rate')}` }],
        format: (v) => percent(v, lang), max: 1, empty: t('analytics.no_data'),
      })}
      <div class="table-scroll" tabindex="0" role="region" aria-label=${t('analytics.compare.caption', { a: na, b: nb })}>
        <table class="data-table" id="compare-table">
          <caption>${t('analytics.compare.caption', { a: na, b: nb })}</caption>
          <thead><tr>
            <th scope="col">${t('analytics.col.step')}</th>
            <th scope="col" class="num">${na}: ${t('analytics.col.reports')}</th>
            <th scope="col" class="num">${nb}: ${t('analytics.col.reports')}</th>
            ${columns.map(([, key]) => html`
              <th scope="col" class="num">${na}: ${t(key)}</th><th scope="col" class="num">${nb}: ${t(key)}</th>`)}
            <th scope="col" class="num">${na}: ${t('analytics.p50')}</th>
            <th scope="col" class="num">${nb}: ${t('analytics.p50')}</th>
          </tr></thead>
          <tbody>${rows.map((r) => html`
            <tr data-step=${r.step_id}>
              <th scope="row">${stepLabel({ ...r, position: r.position_b ?? r.position_a }, t)}</th>
              <td class="num">${r.reports_a ?? missing}</td><td class="num">${r.reports_b ?? missing}</td>
              ${columns.map(([key]) => html`<td class="num">${rate(r, key, 'a')}</td><td class="num">${rate(r, key, 'b')}</td>`)}
              <td class="num">${time(r, 'a')}</td><td class="num">${time(r, 'b')}</td>
            </tr>`)}</tbody>
        </table>
      </div>`;
  }

  function timingsGrouping() {
    const change = (event) => app.navigate(`#/desk/analytics${query({ ...common(), ...compare, by: event.target.value === 'total' ? '' : event.target.value })}`,
      true);
    return html`
      <div class="field inline-field">
        <label for="timings-by">${t('analytics.timings.group')}</label>
        <select id="timings-by" @change=${change}>
          ${TIMING_GROUPS.filter((g) => g !== 'department' || citywide).map((g) => html`
            <option value=${g} ?selected=${g === timingsBy}>${t(`analytics.by.${g}`)}</option>`)}
        </select>
      </div>`;
  }

  /** Which period the figures cover: the server widens the asked days to whole weeks, Monday to Sunday. */
  function periodText() {
    const period = Object.values(state.results).find((r) => r?.period)?.period;
    if (!period || (!period.from && !period.to)) return '';
    return t('analytics.period', {
      from: period.from ? calendarDay(period.from, lang) : t('analytics.period.first'),
      to: period.to ? calendarDay(period.to, lang) : t('analytics.period.latest'),
    });
  }

  function periodNote() {
    const text = periodText();
    return text ? html`<p class="hint" id="analytics-period">${text}</p>` : nothing;
  }

  /** What the figures now count, said after a filter change: the weeks and the reports counted. */
  function shownText() {
    const steps = state.results.steps;
    return [periodText(), steps ? t('analytics.reports', { count: steps.reports ?? 0 }) : ''].filter(Boolean).join(' ');
  }

  function view() {
    setTitle(t('analytics.title'), root);
    if (state.forbidden) return html`<h1>${t('analytics.title')}</h1><p class="error-box" role="alert">${t('desk.refusal.forbidden')}</p>`;
    return html`
      <h1>${t('analytics.title')}</h1>
      ${announcement(state.announce)}
      <p class="hint">${t('analytics.intro')}</p>
      <p class="hint" id="analytics-minimum">${t('analytics.minimum_group', { minimum: disclosure.minimum })}</p>
      <p class="hint" id="analytics-linked">${t('analytics.linked_withheld')}</p>
      ${filterForm()}
      ${state.filterProblem ? html`<p class="error-box" role="alert" id="analytics-filter-problem">${state.filterProblem}</p>` : nothing}
      ${periodNote()}
      <section class="analysis" aria-labelledby="analysis-steps-heading">
        ${block('steps', t('analytics.steps.title'), stepsBody)}
      </section>
      <section class="analysis" aria-labelledby="analysis-timings-heading">
        ${block('timings', t('analytics.timings.title'), timingsBody, { controls: timingsGrouping() })}
      </section>
      <section class="analysis" aria-labelledby="analysis-skips-heading">
        <h2 id="analysis-skips-heading">${t('analytics.skips.title')}</h2>
        <p class="hint">${t('analytics.skips.intro')}</p>
        ${block('skips-site', t('analytics.skips.by_site'), skipsBody('site'), { level: 3 })}
        ${block('skips-week', t('analytics.skips.by_week'), skipsBody('week'), { level: 3 })}
      </section>
      <section class="analysis" aria-labelledby="analysis-compare-heading">
        ${block('compare', t('analytics.compare.title'), compareBody, { controls: compareForm(), idle: !(compare.a && compare.b) })}
        ${compare.a && compare.b ? nothing : html`<p class="hint">${t('analytics.compare.hint')}</p>`}
      </section>`;
  }

  await loadOptions();
  draw();
  await Promise.all(Object.entries(tables()).map(([name, [path, params]]) => load(name, path, params)));
  holding = false;
  await drawThenSay(refined && !state.forbidden, draw, () => { state = { ...state, announce: shownText() }; });
  return () => { alive = false; };
}
