/**
 * The Mayor's Office charts (issue 12): encounters per week by department, non-public entries
 * with and without a judicial warrant, and outcomes. Each is the trainer's accessible bar
 * chart (components/chart.js) followed by a table of the same numbers, so nothing is only a picture.
 */
import { html, nothing } from 'lit-html';
import { formatNumber } from '../../i18n.js';
import { weekLabel } from './calendar.js';
import { barChart, stackedBarChart } from './chart.js';
import { valueLabel } from './crosstab.js';

/** A table of the chart's numbers: one row per item, one column per series (and the row's total, if named). */
function numbers(id, caption, rows, series, total) {
  const sum = (values) => values.reduce((n, v) => n + (v || 0), 0);
  return html`<div class="table-wrap" role="region" aria-labelledby=${id} tabindex="0">
    <table class="desk-table" data-chart-table=${id}><caption id=${id}>${caption}</caption>
      <thead><tr><th scope="col"></th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}
        ${total ? html`<th scope="col" data-total>${total}</th>` : ''}</tr></thead>
      <tbody>${rows.map((r) => html`<tr data-week=${r.week ?? nothing}><th scope="row">${r.label}</th>${r.values.map((v) => html`<td class="num">${formatNumber(v ?? 0)}</td>`)}
        ${total ? html`<td class="num" data-total>${formatNumber(sum(r.values))}</td>` : ''}</tr>`)}</tbody>
    </table></div>`;
}

/** One chart with its numbers, under a heading (`stacked`: one bar per row, split by series, with totals). */
function figure(id, title, desc, rows, series, { stacked = false, total = '' } = {}) {
  const chart = stacked ? stackedBarChart({ title, desc, rows, series }) : barChart({ title, desc, rows, series });
  return html`<section aria-labelledby=${`${id}-h`} class="agg-chart" data-chart=${id}>
    <h2 id=${`${id}-h`}>${title}</h2>
    ${chart}
    ${numbers(`${id}-t`, title, rows, series, stacked ? total : '')}</section>`;
}

/**
 * Rows of reports per week, one series per department (from the aggregate's weeks table), departments by name;
 * each row keeps its ISO week (`week`, "2026-W49") beside the words shown (`label`, from `label(week)`).
 */
export function weeklyByDepartment(weeks, name, label = String) {
  const departments = [...new Set(weeks.map((w) => w.department))]
    .sort((a, b) => name(a).localeCompare(name(b)) || a.localeCompare(b));
  const byWeek = new Map();
  for (const w of weeks) {
    if (!byWeek.has(w.week)) byWeek.set(w.week, departments.map(() => 0));
    byWeek.get(w.week)[departments.indexOf(w.department)] = w.reports;
  }
  return { series: departments.map((d) => ({ label: name(d) })),
    rows: [...byWeek.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, values]) => ({ week, label: label(week), values })) };
}

/** The three charts of the Mayor's Office screen, from the aggregate and the outcomes cross-tab. */
export function aggregateCharts(data, outcomes, { t, name }) {
  const weekly = weeklyByDepartment(data.weeks || [], name, (week) => weekLabel(week, t));
  const entries = [{ label: t('liaison.agg.chart.with_warrant') }, { label: t('liaison.agg.chart.without_warrant') }];
  const entryRows = weekly.rows.map((r) => {
    const rows = (data.weeks || []).filter((w) => w.week === r.week);
    return { week: r.week, label: r.label, values: [rows.reduce((n, w) => n + w.non_public_with_judicial_warrant, 0),
      rows.reduce((n, w) => n + w.non_public_without_judicial_warrant, 0)] };
  });
  const counts = new Map();
  for (const [outcome, , n] of outcomes?.cells || []) counts.set(outcome, (counts.get(outcome) || 0) + n);
  // Each outcome in the cross-tab's words (an unanswered one too), not a second mapping of codes to words.
  const outcomeRows = [...counts.entries()].map(([o, n]) => ({ label: valueLabel('outcome', o, t), values: [n] }));
  return html`
    ${figure('chart-weekly', t('liaison.agg.chart.weekly'), t('liaison.agg.chart.weekly_stacked_desc'), weekly.rows,
    weekly.series, { stacked: true, total: t('liaison.quarterly.total') })}
    ${figure('chart-entries', t('liaison.agg.chart.entries'), t('liaison.agg.chart.entries_desc'), entryRows, entries)}
    ${figure('chart-outcomes', t('liaison.agg.chart.outcomes'), t('liaison.agg.chart.outcomes_desc'), outcomeRows,
    [{ label: t('liaison.agg.reports') }])}`;
}
