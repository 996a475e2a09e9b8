/**
 * The quarterly report the City publishes (issue 12): the server's suppressed tables as a
 * printable page. Every withheld figure (a count from 1 to 4, or one hidden so that such a
 * count cannot be worked out) arrives as the one mark the answer names (`suppressed`) and is
 * shown as one word with the legend's explanation, never "<5", which would be false for the
 * larger ones. Nothing here computes a figure, so the page can never show more than the CSV.
 */
import { html, nothing, render } from 'lit-html';
import { ApiError } from '../../api.js';
import { setTitle } from '../../components/format.js';
import { downloadCsv, get, problem } from '../api.js';
import { departmentName } from '../components/liaison-filters.js';

/** The quarter before today's, as defaults. */
function lastQuarter(now = new Date()) {
  const q = Math.floor(now.getMonth() / 3);
  return q === 0 ? { year: now.getFullYear() - 1, quarter: 4 } : { year: now.getFullYear(), quarter: q };
}

/** A column heading: the catalog's words for a vocabulary code when it has them. */
function heading(table, column, t) {
  if (column === 'total') return t('liaison.quarterly.total');
  const key = { outcome: `outcome.${column}`, entry_warrant: `liaison.quarterly.${column}`,
    city_assistance: `liaison.quarterly.${column}` }[table.columns_dimension];
  const text = key ? t(key) : column;
  return text === key ? column.replace(/_/g, ' ') : text;
}

/** One published entry: a number, or the word for the one withheld mark. */
function entry(value, suppressed, t) {
  return value === suppressed ? t('liaison.quarterly.withheld') : value;
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

/** Render the quarterly report for ?year=&quarter= (default: the last full quarter). */
export async function show(root, params, app) {
  const { t } = app;
  const fallback = lastQuarter();
  const query = { year: params.query?.get('year') || fallback.year, quarter: params.query?.get('quarter') || fallback.quarter };
  const state = { data: null, error: null };
  setTitle(t('liaison.quarterly.title'), root);
  try {
    state.data = await get('/reports/quarterly', query);
  } catch (error) {
    state.error = error instanceof ApiError && error.status === 403 ? t('liaison.agg.forbidden') : problem(error, t);
  }
  const csv = async () => {
    try {
      await downloadCsv('/reports/quarterly.csv', query, `quarterly-${query.year}-Q${query.quarter}.csv`);
    } catch (error) {
      state.error = problem(error, t);
      draw();
    }
  };
  function draw() {
    const data = state.data;
    render(html`<h1>${t('liaison.quarterly.title')} ${query.year} Q${query.quarter}</h1>
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
