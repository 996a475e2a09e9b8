/**
 * The Mayor's Office cross-tab (issue 12): reports counted by any two dimensions of the
 * aggregate, chosen at the desk, as a table with totals and a CSV of the same view. The
 * dimensions are the server's (`dimensions` in GET /reports/crosstab); the CSV's columns are
 * stated by the server (rows_dimension, row, columns_dimension, column, reports).
 */
import { html, nothing } from 'lit-html';
import { formatNumber } from '../../i18n.js';
import { monthName, weekLabel } from './calendar.js';
import { departmentName } from './liaison-filters.js';

export const DEFAULT_ROWS = 'department';
export const DEFAULT_COLUMNS = 'outcome';

// Catalog prefixes of the dimensions whose values are vocabulary codes the app already translates.
const VOCABULARY = { outcome: 'outcome', area_type: 'area', document_type: 'doc', stated_reason: 'reason',
  facility_type: 'liaison.facility', entry_warrant: 'liaison.quarterly' };
// Values shared by the yes/no dimensions and the "not given" of bands and unanswered questions.
const WORDS = { yes: 'liaison.quarterly.yes', no: 'liaison.quarterly.no', not_known: 'liaison.quarterly.not_known',
  not_given: 'liaison.crosstab.not_given' };

/** A dimension's name in words. */
export function dimensionLabel(dimension, t) {
  const key = `liaison.dim.${dimension}`;
  const text = t(key);
  return text === key ? dimension.replace(/_/g, ' ') : text;
}

/** One value of a dimension in words (a department's name, a vocabulary's words, else the code itself). */
export function valueLabel(dimension, value, t) {
  if (value === null || value === undefined) return t(WORDS.not_known);
  if (dimension === 'department') return departmentName(value);
  const month = dimension === 'month' && /^(\d{4})-(\d\d)$/.exec(String(value));
  // "November 2026" and "Week of Nov 30, 2026" in the reader's language and digits, not "2026-11" and "2026-W49"
  if (month) return monthName(Number(month[1]), Number(month[2]) - 1, { withYear: true });
  if (dimension === 'week') return weekLabel(value, t);
  const key = VOCABULARY[dimension] ? `${VOCABULARY[dimension]}.${value}` : WORDS[value];
  const text = key ? t(key) : value;
  if (key && text !== key) return text;
  // A vocabulary's dimension left unanswered ("not_given") says so as the others do, in the reader's language.
  return WORDS[value] && WORDS[value] !== key ? t(WORDS[value]) : String(value).replace(/_/g, ' ');
}

/** The cells as a matrix: row values, column values (both in the server's order) and counts. */
export function matrix(cells) {
  const rows = [...new Set(cells.map(([r]) => r))];
  const columns = [...new Set(cells.map(([, c]) => c))].sort((a, b) => String(a).localeCompare(String(b)));
  const counts = new Map(cells.map(([r, c, n]) => [`${r}\u0000${c}`, n]));
  const at = (r, c) => counts.get(`${r}\u0000${c}`) || 0;
  return { rows, columns, at };
}

function select(id, name, label, value, options, t) {
  return html`<div class="field"><label for=${id}>${label}</label>
    <select id=${id} name=${name}>
      ${options.map((d) => html`<option value=${d} ?selected=${d === value}>${dimensionLabel(d, t)}</option>`)}
    </select></div>`;
}

/** The cross-tab section: the dimension control, the table with totals, its CSV. */
export function crosstabView({ data, error, chosen, t, onChoose, onCsv }) {
  const dimensions = data?.dimensions || [...new Set([chosen.rows, chosen.columns])];
  const submit = (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    onChoose({ rows: String(form.get('rows')), columns: String(form.get('columns')) });
  };
  const names = { rows: dimensionLabel(chosen.rows, t), columns: dimensionLabel(chosen.columns, t) };
  let table = nothing;
  if (data && !data.cells.length) table = html`<p>${t('liaison.agg.empty')}</p>`;
  else if (data) {
    const { rows, columns, at } = matrix(data.cells);
    const rowTotal = (r) => columns.reduce((n, c) => n + at(r, c), 0);
    const columnTotal = (c) => rows.reduce((n, r) => n + at(r, c), 0);
    const caption = t('liaison.crosstab.caption', names);
    table = html`<div class="table-wrap" role="region" aria-labelledby="crosstab-caption" tabindex="0">
      <table class="desk-table" data-crosstab=${`${data.rows}-${data.columns}`}>
        <caption id="crosstab-caption">${caption}</caption>
        <thead><tr><th scope="col">${names.rows}</th>
          ${columns.map((c) => html`<th scope="col" data-value=${c}>${valueLabel(data.columns, c, t)}</th>`)}
          <th scope="col" data-total>${t('liaison.quarterly.total')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-value=${r}><th scope="row">${valueLabel(data.rows, r, t)}</th>
          ${columns.map((c) => html`<td class="num">${formatNumber(at(r, c))}</td>`)}<td class="num" data-total>${formatNumber(rowTotal(r))}</td></tr>`)}</tbody>
        <tfoot><tr data-total><th scope="row">${t('liaison.quarterly.total')}</th>
          ${columns.map((c) => html`<td class="num">${formatNumber(columnTotal(c))}</td>`)}
          <td class="num">${formatNumber(rows.reduce((n, r) => n + rowTotal(r), 0))}</td></tr></tfoot>
      </table></div>`;
  }
  return html`<section aria-labelledby="crosstab-h" class="crosstab" id="crosstab">
    <h2 id="crosstab-h" tabindex="-1">${t('liaison.crosstab.title')}</h2>
    <p class="note">${t('liaison.crosstab.intro')}</p>
    <form class="filters" aria-labelledby="crosstab-h" @submit=${submit}>
      <div class="filter-grid">
        ${select('crosstab-rows', 'rows', t('liaison.crosstab.rows'), chosen.rows, dimensions, t)}
        ${select('crosstab-columns', 'columns', t('liaison.crosstab.columns'), chosen.columns, dimensions, t)}
      </div>
      <div class="actions">
        <button type="submit" class="button primary">${t('liaison.crosstab.show')}</button>
        <button type="button" class="button" @click=${onCsv}>${t('liaison.crosstab.csv')}</button>
      </div>
    </form>
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    ${table}
  </section>`;
}
