/**
 * The quarterly report the City publishes (issue 12): the server's suppressed tables as a
 * printable page. Every withheld figure (a count from 1 to 4, or one hidden so that such a
 * count cannot be worked out) arrives as the one mark the answer names (`suppressed`) and is
 * shown as one word with the legend's explanation, never "<5", which would be false for the
 * larger ones. Nothing here computes a figure, so the page can never show more than the CSV.
 * A published quarter shows the snapshot the City published (the server answers it), with how many
 * reports arrived since as a band; the tables computed now stay one link away, labelled not published.
 * The Mayor's Office publishes an ended quarter from here, naming the tables shown by their digest.
 */
import { html, nothing, render } from 'lit-html';
import { session } from '../../api.js';
import { dateTime, setTitle } from '../../components/format.js';
import { downloadCsv, get, problem, refused, send } from '../api.js';
import { localErrors } from '../../field-errors.js';
import { formatNumber } from '../../i18n.js';
import disclosure from '../../rules/disclosure.json' with { type: 'json' };
import { cityQuarter, monthName } from '../components/calendar.js';
import { valueLabel } from '../components/crosstab.js';
import { departmentName } from '../components/liaison-filters.js';
import { announcement, refining } from '../components/refine.js';
import { confirmDialog } from './checklists.js';

/** The last complete quarter at moment `now` (the screen's default), on the City's calendar, not the desk's zone. */
export function lastQuarter(now = new Date()) {
  const { year, quarter } = cityQuarter(now);
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

/**
 * The quarters the picker offers, newest first: the City's today's (`current`: not over yet, its figures
 * still change; Los Angeles's calendar, as the default) back to the first one (encounter/disclosure.py, FIRST_QUARTER). A quarter still to come is never
 * offered (all zeros).
 */
export function quarters(now = new Date(), first = disclosure.first_quarter) {
  const out = [];
  let { year, quarter } = cityQuarter(now);
  while (year * 4 + quarter >= first.year * 4 + first.quarter) {
    out.push({ year, quarter, current: out.length === 0 });
    [year, quarter] = quarter === 1 ? [year - 1, 4] : [year, quarter - 1];
  }
  return out;
}

/** A quarter's months in the language ("October – December"). */
function months({ year, quarter }, lang) {
  return `${monthName(year, 3 * quarter - 3, { lang })} – ${monthName(year, 3 * quarter - 1, { lang })}`;
}

/**
 * The picker: one choice per quarter (the year is part of each), shown when submitted. `refusal`: why the server
 * would not read the quarter in the address (before the City's first, say), said at the picker, which is marked.
 */
function picker(shown, app, refusal = '') {
  const { t } = app;
  const offered = quarters();
  const same = (q) => q.year === Number(shown.year) && q.quarter === Number(shown.quarter);
  // A quarter named in the address but not offered (before the first, say) is still the one shown.
  if (!offered.some(same)) offered.push({ year: Number(shown.year), quarter: Number(shown.quarter), current: false });
  const choose = (event) => {
    event.preventDefault();
    const [year, quarter] = String(new FormData(event.target).get('quarter')).split('-');
    app.navigate(`#/desk/quarterly?${new URLSearchParams({ year, quarter })}`, true);
  };
  return html`<form class="filters no-print" id="quarterly-picker" role="search" aria-label=${t('liaison.quarterly.choose')} @submit=${choose}>
    <div class="field"><label for="quarterly-quarter">${t('liaison.quarterly.quarter')}</label>
      <select id="quarterly-quarter" name="quarter" aria-invalid=${refusal ? 'true' : nothing}
        aria-describedby=${refusal ? 'quarterly-quarter-error' : nothing}>${offered.map((q) => html`<option value="${q.year}-${q.quarter}"
        ?selected=${same(q)}>${t(q.current ? 'liaison.quarterly.option_current' : 'liaison.quarterly.option',
  { year: String(q.year), quarter: String(q.quarter), months: months(q, app.language()) })}</option>`)}</select>
      ${refusal ? html`<p class="error" id="quarterly-quarter-error">${refusal}</p>` : nothing}</div>
    <div class="actions"><button type="submit" class="button primary">${t('liaison.quarterly.show')}</button></div>
  </form>`;
}

/** A column heading: the value in words, as the cross-tab says it (a month, a vocabulary code, "Not given"). */
function heading(table, column, t) {
  if (column === 'total') return t('liaison.quarterly.total');
  return valueLabel(table.columns_dimension, column, t);
}

/** One published entry: a number in the desk's digits (Persian ones in Farsi, as its dates), or the word for the
 * one withheld mark. */
function entry(value, suppressed, t) {
  return value === suppressed ? t('liaison.quarterly.withheld')
    : typeof value === 'number' ? formatNumber(value) : value;
}

/** The server's band of late reports ("1-4", "10+") with its numbers in the desk's digits ("۱-۴" in Farsi). */
export function inDigits(band) {
  return String(band).replace(/\d+/g, (n) => formatNumber(Number(n)));
}

/** One published table. */
function tableOf(table, suppressed, t) {
  const id = `q-${table.name}`;
  return html`<section aria-labelledby=${id}><h2 id=${id}>${t(`liaison.quarterly.${table.name}`)}</h2>
    <div class="table-wrap" role="region" aria-labelledby=${id} tabindex="0"><table class="desk-table">
      <thead><tr><th scope="col">${t('liaison.filter.department')}</th>
        ${table.columns.map((c) => html`<th scope="col">${heading(table, c, t)}</th>`)}</tr></thead>
      <tbody>${table.rows.map((row) => html`<tr>
        <th scope="row">${row.department === 'total' ? t('liaison.quarterly.total') : departmentName(row.department)}</th>
        ${table.columns.map((c) => html`<td class="num">${entry(row.cells[c], suppressed, t)}</td>`)}</tr>`)}</tbody>
    </table></div></section>`;
}

/** Where the tables come from, in words: published (by whom, when), computed now of a published quarter, or not. */
function stateText(data, t) {
  const when = dateTime(data.published_at);
  if (data.status === 'published') {
    return data.published_by ? t('liaison.quarterly.published', { date: when, name: data.published_by })
      : t('liaison.quarterly.published_nameless', { date: when });
  }
  return data.published_at ? t('liaison.quarterly.live_of_published', { date: when }) : t('liaison.quarterly.not_published');
}

/** Where the tables come from: published (and what arrived since), or computed now; and the other view. */
function publishState(data, query, app, publish) {
  const { t } = app;
  const other = (live) => html`<a class="no-print" href="#/desk/quarterly?${new URLSearchParams(
    { year: query.year, quarter: query.quarter, ...(live ? { live: '1' } : {}) })}">${
    t(live ? 'liaison.quarterly.show_live' : 'liaison.quarterly.show_published')}</a>`;
  if (data.status === 'published') {
    const arrived = data.arrived_since === 'none' ? t('liaison.quarterly.arrived_none')
      : t('liaison.quarterly.arrived_some', { band: inDigits(data.arrived_since) });
    return html`<p class="note" id="quarterly-state" tabindex="-1">${stateText(data, t)}</p>
      <p class="note" id="quarterly-arrived">${arrived} ${other(true)}</p>`;
  }
  if (data.published_at) {
    return html`<p class="note" id="quarterly-state" tabindex="-1">${stateText(data, t)} ${other(false)}</p>`;
  }
  return html`<p class="note" id="quarterly-state" tabindex="-1">${stateText(data, t)}</p>
    ${publish ? html`<div class="actions no-print"><button type="button" class="button primary" @click=${publish}>${
      t('liaison.quarterly.publish')}</button></div>` : nothing}`;
}

/** Render the quarterly report for ?year=&quarter= (default: the last full quarter). */
export async function show(root, params, app) {
  const { t } = app;
  // Shown again for a quarter just picked (components/refine.js): focus stays on the picker's control used.
  const refined = refining(root, '#quarterly-picker');
  const fallback = lastQuarter();
  const query = { year: params.query?.get('year') || fallback.year, quarter: params.query?.get('quarter') || fallback.quarter };
  if (params.query?.get('live')) query.live = 'true';
  const state = { data: null, error: null, forbidden: false, refusal: '' };
  const mayorOffice = (await session())?.user?.role === 'mayor_office';
  setTitle(t('liaison.quarterly.title'), root);
  async function load() {
    try {
      state.data = await get('/reports/quarterly', query);
    } catch (error) {
      if (refused(error)) state.forbidden = true;
      else state.error = problem(error, t);
      // "Correct the marked fields": a year or quarter refused (before the first quarter) marks the picker.
      const fields = localErrors(error?.body, t)?.query || {};
      state.refusal = [...(fields.year || []), ...(fields.quarter || [])].join(' ');
    }
  }
  await load();
  // The quarter named in the language's own way ("2026 Q3", "2026年第3季度"), as the picker names it.
  const title = t('liaison.quarterly.heading', { year: String(query.year), quarter: String(query.quarter) });
  // After a quarter is picked: which one is shown and where its tables come from (a refusal, why not; any other
  // error is an alert of its own). Said once: a publication later is said by its line taking focus.
  state.said = !refined ? '' : state.data ? t('liaison.quarterly.said', { heading: title, state: stateText(state.data, t) })
    : state.refusal;
  const publish = async () => {
    const ok = await confirmDialog({ title: t('liaison.quarterly.publish_title'), text: t('liaison.quarterly.publish_text'),
      confirm: t('liaison.quarterly.publish_confirm'), cancel: t('liaison.quarterly.cancel') });
    if (!ok) return;
    try {
      state.data = await send('/reports/quarterly/publication',
        { year: Number(query.year), quarter: Number(query.quarter), digest: state.data.digest });
      state.error = null;
    } catch (error) {
      state.error = problem(error, t);
      if (error.status === 409) await load(); // what is shown now is what a second try would publish
    }
    draw();
    root.querySelector('#quarterly-state')?.focus();
  };
  const csv = async () => {
    try {
      const kind = state.data?.status === 'published' ? 'published' : 'not-published';
      await downloadCsv('/reports/quarterly.csv', query, `quarterly-${query.year}-Q${query.quarter}-${kind}.csv`);
    } catch (error) {
      state.error = problem(error, t);
      draw();
    }
  };
  function draw() {
    if (state.forbidden) {
      render(html`<h1>${t('liaison.quarterly.title')}</h1><p>${t('liaison.agg.forbidden')}</p>`, root);
      return;
    }
    const data = state.data;
    // The server's word (City time, server/reports/quarterly.py): the desk's own clock and zone may say otherwise.
    const unfinished = data && !data.ended;
    render(html`<h1>${title}</h1>
      ${announcement(state.said)}
      ${picker(query, app, state.refusal)}
      ${unfinished ? html`<p class="note">${t('liaison.quarterly.not_over')}</p>` : nothing}
      ${data ? publishState(data, query, app, mayorOffice && data.ended && !data.published_at ? publish : null) : nothing}
      <p class="note">${t('liaison.quarterly.intro')}</p>
      <p class="note" id="quarterly-legend">${t('liaison.quarterly.legend')}</p>
      <div class="actions no-print"><button type="button" class="button" @click=${csv}>${t('liaison.agg.csv')}</button>
        <button type="button" class="button" @click=${() => window.print()}>${t('liaison.quarterly.print')}</button></div>
      ${state.error ? html`<p class="error-box" role="alert">${state.error}</p>` : nothing}
      ${data ? data.tables.map((table) => tableOf(table, data.suppressed, t)) : nothing}`, root);
  }
  draw();
  return null;
}
