/**
 * The Mayor's Office aggregate report: counts by week, department, agency and document type,
 * and the citywide totals, for a period and optionally one department. Never names. Each
 * part of the server's answer becomes a table (the answer's shape decides the columns).
 */
import { html, nothing, render } from 'lit-html';
import { dateTime, setTitle } from '../../components/format.js';
import { formatNumber } from '../../i18n.js';
import { downloadCsv, get, problem, refused } from '../api.js';
import { departmentName, knownDepartments, rememberDepartments } from '../components/liaison-filters.js';
import { aggregateCharts } from '../components/aggregate-charts.js';
import { cityDay, weekLabel } from '../components/calendar.js';
import { crosstabView, DEFAULT_COLUMNS, DEFAULT_ROWS } from '../components/crosstab.js';
import { announcement, drawThenSay, refining } from '../components/refine.js';

const KEYS = ['from', 'to', 'department'];
// Columns whose values are codes of a vocabulary the field app already translates.
// Columns and measures in reading order (the server's JSON has its keys sorted).
const ORDER = ['week', 'department', 'agency', 'document_type', 'reports', 'non_public_with_judicial_warrant',
  'non_public_without_judicial_warrant', 'detained', 'force', 'injuries', 'children', 'staging', 'masks',
  // issue 12's measures
  'arrests', 'identification_refused', 'no_visible_identification', 'records_or_information_demanded', 'consent_asked',
  'consent_refused', 'entered_over_objection', 'weapons_shown', 'city_assistance', 'escalated_to_mayor_office',
  'median_minutes_to_liaison', 'median_minutes_to_mayor_office'];
const byOrder = (a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99);
const VOCABULARY = { agency: 'agency', document_type: 'doc', area_type: 'area', outcome: 'outcome', status: 'liaison.status' };

/** A label for a key of the answer: the catalog's when it has one, else the key in words. */
function label(key, t) {
  const name = `liaison.agg.${key}`;
  const text = t(name);
  return text === name ? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : text;
}

/** One cell's value in words. */
function cell(key, value, t) {
  if (value === null || value === undefined) return t('liaison.agg.none');
  if (key === 'department') return departmentName(value);
  if (key === 'week') return weekLabel(value, t);
  if (VOCABULARY[key] && typeof value === 'string') {
    const text = t(`${VOCABULARY[key]}.${value}`);
    return text.startsWith(VOCABULARY[key]) ? value : text;
  }
  if (typeof value === 'boolean') return value ? t('answer.yes') : t('answer.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/** A table for a list of rows, or for an object of figures. */
function tableOf(key, value, t) {
  const id = `agg-${key}`;
  if (Array.isArray(value)) {
    if (!value.length) return html`<section aria-labelledby=${id}><h2 id=${id}>${label(key, t)}</h2><p>${t('liaison.agg.empty')}</p></section>`;
    const columns = [...new Set(value.flatMap((row) => Object.keys(row || {})))].sort(byOrder);
    return html`<section aria-labelledby=${id}><h2 id=${id}>${label(key, t)}</h2>
      <div class="table-wrap" role="region" aria-labelledby=${id} tabindex="0"><table class="desk-table">
        <thead><tr>${columns.map((c) => html`<th scope="col">${label(c, t)}</th>`)}</tr></thead>
        <tbody>${value.map((row) => html`<tr>${columns.map((c) => html`<td class=${typeof row?.[c] === 'number' ? 'num' : ''}>${cell(c, row?.[c], t)}</td>`)}</tr>`)}</tbody>
      </table></div></section>`;
  }
  return html`<section aria-labelledby=${id}><h2 id=${id}>${label(key, t)}</h2>
    <div class="table-wrap" role="region" aria-labelledby=${id} tabindex="0"><table class="desk-table">
      <thead><tr><th scope="col">${t('liaison.agg.measure')}</th><th scope="col">${t('liaison.agg.value')}</th></tr></thead>
      <tbody>${Object.entries(value).sort(([a], [b]) => byOrder(a, b)).map(([k, v]) => html`<tr><th scope="row">${label(k, t)}</th><td class="num">${cell(k, v, t)}</td></tr>`)}</tbody>
    </table></div></section>`;
}

/** Render the aggregate report. */
export async function show(root, params, app) {
  const { t } = app;
  // Shown again for a period or department just applied (components/refine.js): focus stays on the control used.
  const refined = refining(root, '#agg-filters');
  const filters = Object.fromEntries(KEYS.map((k) => [k, params.query?.get(k) || '']));
  // The cross-tab's chosen dimensions live in the hash too (a bookmark keeps the view).
  const pivot = { rows: params.query?.get('rows') || DEFAULT_ROWS, columns: params.query?.get('columns') || DEFAULT_COLUMNS };
  const state = { data: null, error: null, forbidden: false, csvError: null, crosstab: null, crosstabError: null, said: '' };
  setTitle(t('liaison.agg.title'), root);

  try {
    state.data = await get('/reports/aggregate', filters);
    [state.outcomes, state.crosstab] = await Promise.all([
      get('/reports/crosstab', { ...filters, rows: 'outcome', columns: 'department' }),
      get('/reports/crosstab', { ...filters, ...pivot }).catch((error) => { state.crosstabError = problem(error, t); return null; })]);
    for (const rows of Object.values(state.data || {})) {
      if (Array.isArray(rows)) rememberDepartments(rows.filter((r) => r?.department));
    }
  } catch (error) {
    if (refused(error)) state.forbidden = true;
    else state.error = problem(error, t);
  }

  const apply = (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    const search = new URLSearchParams(KEYS.map((k) => [k, String(data.get(k) || '').trim()]).filter(([, v]) => v));
    if (pivot.rows !== DEFAULT_ROWS || pivot.columns !== DEFAULT_COLUMNS) Object.entries(pivot).forEach(([k, v]) => search.set(k, v));
    app.navigate(`#/desk/aggregate${search.toString() ? `?${search}` : ''}`, true);
  };

  /**
   * Show the cross-tab by other dimensions (the period and department filters stay), in place: the address keeps
   * the view (a bookmark, Back) without a new screen, which would send the user to the page's top; the focus goes
   * to the new table, where the answer to "Show" is.
   */
  const choose = async (chosen) => {
    const search = new URLSearchParams(KEYS.map((k) => [k, filters[k]]).filter(([, v]) => v));
    search.set('rows', chosen.rows);
    search.set('columns', chosen.columns);
    window.history.pushState(null, '', `#/desk/aggregate?${search}`);
    Object.assign(pivot, chosen);
    state.crosstabError = null;
    state.crosstab = await get('/reports/crosstab', { ...filters, ...pivot })
      .catch((error) => { state.crosstabError = problem(error, t); return null; });
    draw();
    (root.querySelector('#crosstab .table-wrap') || root.querySelector('#crosstab-h'))?.focus();
  };

  async function exportCrosstab() {
    state.crosstabError = null;
    try {
      await downloadCsv('/reports/crosstab.csv', { ...filters, ...pivot },
        `crosstab-${pivot.rows}-${pivot.columns}-${cityDay()}.csv`);
    } catch (error) {
      state.crosstabError = problem(error, t);
    }
    draw();
  }

  async function exportCsv(table) {
    state.csvError = null;
    try {
      await downloadCsv('/reports/aggregate.csv', { ...filters, table }, `aggregate-${table}-${cityDay()}.csv`);
    } catch (error) {
      state.csvError = problem(error, t);
    }
    draw();
  }

  /** Every department the viewer may read (GET /departments), by name in the desk's language. */
  function departments() {
    const codes = new Map(knownDepartments());
    if (filters.department && !codes.has(filters.department)) codes.set(filters.department, filters.department);
    return [...codes.entries()];
  }

  function figures() {
    const { generated_at: generated, totals, ...tables } = state.data || {};
    const order = ['weeks', 'by_agency'];
    const keys = Object.keys(tables).sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    return html`${generated ? html`<p class="note">${t('liaison.agg.generated', { time: dateTime(generated) })}</p>` : nothing}
      ${state.data ? aggregateCharts(state.data, state.outcomes, { t, name: departmentName }) : nothing}
      ${crosstabView({ data: state.crosstab, error: state.crosstabError, chosen: pivot, t, onChoose: choose,
    onCsv: exportCrosstab })}
      ${totals ? tableOf('totals', totals, t) : nothing}
      ${keys.map((k) => tableOf(k, tables[k], t))}`;
  }

  /** What the figures now count, said after a filter change: the department chosen and its reports in the period. */
  function shownText() {
    if (!state.data) return '';
    return t('liaison.agg.shown', { department: filters.department ? departmentName(filters.department)
      : t('liaison.filter.all_departments'), count: formatNumber(state.data.totals?.reports ?? 0) });
  }

  function draw() {
    if (state.forbidden) {
      render(html`<h1>${t('liaison.agg.title')}</h1><p>${t('liaison.agg.forbidden')}</p>`, root);
      return;
    }
    render(html`
      <h1>${t('liaison.agg.title')}</h1>
      <p class="note">${t('liaison.agg.intro')} <a href="#/desk/quarterly">${t('liaison.quarterly.title')}</a></p>
      ${announcement(state.said)}
      <form class="filters" id="agg-filters" role="search" aria-label=${t('liaison.filter.label')} @submit=${apply}>
        <div class="filter-grid">
          <div class="field"><label for="agg-from">${t('liaison.filter.from')}</label>
            <input id="agg-from" name="from" type="date" .value=${filters.from}></div>
          <div class="field"><label for="agg-to">${t('liaison.filter.to')}</label>
            <input id="agg-to" name="to" type="date" .value=${filters.to}></div>
          <div class="field"><label for="agg-department">${t('liaison.filter.department')}</label>
            <select id="agg-department" name="department">
              <option value="" ?selected=${!filters.department}>${t('liaison.filter.all_departments')}</option>
              ${departments().map(([code, name]) => html`<option value=${code} ?selected=${code === filters.department}>${name}</option>`)}
            </select></div>
        </div>
        <div class="actions">
          <button type="submit" class="button primary">${t('liaison.filter.apply')}</button>
          <button type="button" class="button" @click=${() => exportCsv('weeks')}>${t('liaison.agg.csv_weeks')}</button>
          <button type="button" class="button" @click=${() => exportCsv('by_agency')}>${t('liaison.agg.csv_by_agency')}</button>
        </div>
        ${state.csvError ? html`<p class="error" role="alert">${state.csvError}</p>` : nothing}
      </form>
      ${state.error ? html`<p class="error-box" role="alert">${state.error}</p>` : figures()}`, root);
  }

  await drawThenSay(refined && !state.forbidden, draw, () => { state.said = shownText(); });
  return null;
}
