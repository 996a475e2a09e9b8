/**
 * Checklist analytics (trainers, admins, the Mayor's Office): per-step completion, time to
 * receipt and to liaison notification, time-critical skips by site and week, and two
 * versions side by side. Each analysis is a chart (a picture of its table), the table with
 * every number, and a CSV export of the same rows. Filters live in the hash's query, so a
 * view can be bookmarked and the browser's Back returns to the previous filters.
 */
import { html, nothing, render } from 'lit-html';
import { setTitle } from '../../components/format.js';
import { listSites } from '../../drafts.js';
import { pick } from '../../i18n.js';
import { session } from '../../api.js';
import { downloadCsv, get, problem, query } from '../api.js';
import { barChart, duration, percent } from '../components/chart.js';

const FILTERS = ['department', 'site', 'from', 'to', 'version'];
const ANALYSES = ['steps', 'timings', 'critical-skips'];

/** The first of several possible fields that is present (the answer's numbers, by name). */
function first(row, ...names) {
  for (const name of names) {
    const value = name.split('.').reduce((v, k) => (v == null ? undefined : v[k]), row);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** One step's figures from the `steps` answer, in the screen's terms. */
function stepFigures(row) {
  const count = (key) => first(row, key, `counts.${key}`) ?? 0;
  const rate = (key) => first(row, `${key}_rate`, `rates.${key}`) ?? null;
  return {
    id: row.step_id ?? row.id, position: row.position, text: row.text, time_critical: row.time_critical,
    done: count('done'), skipped: count('skipped'), not_applicable: count('not_applicable'),
    done_rate: rate('done'), skipped_rate: rate('skipped'), not_applicable_rate: rate('not_applicable'),
    p50: first(row, 'p50_seconds', 'seconds_from_start.p50', 'p50'), p90: first(row, 'p90_seconds', 'seconds_from_start.p90', 'p90'),
  };
}

/** A step's label: its number and text in the screen's language (a step id when the text is unknown). */
function stepLabel(step, index) {
  const text = typeof step.text === 'object' && step.text ? pick(step.text) : step.text || step.id;
  return `${step.position ?? index + 1}. ${text}`;
}

/** Render the analytics screen with the filters of `params.query`. */
export async function show(root, params, app) {
  const { t } = app;
  const lang = app.language();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.query?.get(f) || '']));
  const compare = { a: params.query?.get('a') || '', b: params.query?.get('b') || '' };
  const user = (await session())?.user;
  const citywide = !user?.department;
  let alive = true;
  let state = { options: { departments: [], versions: [], sites: [] }, results: {}, errors: {}, exports: {} };

  const draw = () => { if (alive) render(view(), root); };

  // --- filters ------------------------------------------------------------------------------

  async function loadOptions() {
    const sites = await listSites().catch(() => []);
    let checklists = [];
    try {
      checklists = await get('/checklists');
    } catch { /* the Mayor's Office reads analytics but not checklists: version ids are typed instead */ }
    const departments = new Map(checklists.map((c) => [c.department.code, c.department.name]));
    const versions = checklists.flatMap((c) => c.versions.map((v) => ({
      id: v.id, number: v.number, department: c.department.code,
      label: `${c.department.name} · ${c.key} · ${t('trainer.version.label', { number: v.number })}${v.retired ? ` (${t('trainer.version.retired_short')})` : ''}`,
    })));
    state = { ...state, options: { departments: [...departments], versions, sites, canList: checklists.length > 0 } };
  }

  function apply(event) {
    event.preventDefault();
    const data = new FormData(event.target);
    const next = Object.fromEntries([...FILTERS, 'a', 'b'].map((f) => [f, (data.get(f) || '').toString().trim()]));
    app.navigate(`#/desk/analytics${query(next)}`);
  }

  function select(name, label, options, value, allLabel) {
    return html`
      <div class="field">
        <label for="filter-${name}">${label}</label>
        <select id="filter-${name}" name=${name}>
          <option value="" ?selected=${!value}>${allLabel}</option>
          ${options.map(([code, text]) => html`<option value=${code} ?selected=${String(code) === value}>${text}</option>`)}
        </select>
      </div>`;
  }

  function versionField(name, label, value, allLabel) {
    const { versions, canList } = state.options;
    if (canList) return select(name, label, versions.map((v) => [String(v.id), v.label]), value, allLabel);
    return html`
      <div class="field">
        <label for="filter-${name}">${label}</label>
        <input id="filter-${name}" name=${name} type="text" inputmode="numeric" pattern="[0-9]*" .value=${value}>
      </div>`;
  }

  function filterForm() {
    const { departments, sites } = state.options;
    return html`
      <form class="analytics-filters" @submit=${apply} aria-labelledby="filters-heading">
        <h2 id="filters-heading" class="visually-hidden">${t('analytics.filters')}</h2>
        ${citywide ? (departments.length
          ? select('department', t('analytics.filter.department'), departments, filters.department, t('analytics.filter.all_departments'))
          : html`<div class="field"><label for="filter-department">${t('analytics.filter.department_code')}</label>
              <input id="filter-department" name="department" type="text" .value=${filters.department}></div>`) : nothing}
        ${select('site', t('analytics.filter.site'), sites.map((s) => [s.code, s.name]), filters.site, t('analytics.filter.all_sites'))}
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
  const compareParams = () => ({ ...common(), version: '', a: compare.a, b: compare.b });

  async function load(name, path, params) {
    try {
      const result = await get(path, params);
      state = { ...state, results: { ...state.results, [name]: result }, errors: { ...state.errors, [name]: '' } };
    } catch (error) {
      state = { ...state, errors: { ...state.errors, [name]: problem(error, t) } };
    }
    draw();
  }

  async function exportCsv(name, path, params) {
    state = { ...state, exports: { ...state.exports, [name]: '' } };
    try {
      await downloadCsv(path, params, `${name}${filters.from ? `-${filters.from}` : ''}${filters.to ? `-${filters.to}` : ''}.csv`);
    } catch (error) {
      state = { ...state, exports: { ...state.exports, [name]: problem(error, t) } };
    }
    draw();
  }

  // --- the analyses -------------------------------------------------------------------------

  function section(name, heading, body, csv) {
    const id = `analysis-${name}`;
    const result = state.results[name];
    return html`
      <section class="analysis" id=${id} aria-labelledby="${id}-heading">
        <div class="analysis-head">
          <h2 id="${id}-heading">${heading}</h2>
          ${csv ? html`<button type="button" class="button quiet" @click=${() => exportCsv(name, csv.path, csv.params)}>
            ${t('analytics.csv')}<span class="visually-hidden"> (${heading})</span></button>` : nothing}
        </div>
        ${state.exports[name] ? html`<p class="error" role="alert">${state.exports[name]}</p>` : nothing}
        ${state.errors[name] ? html`<p class="error-box" role="alert">${state.errors[name]}</p>` : nothing}
        ${!result && !state.errors[name] ? html`<p class="loading">${t('trainer.loading')}</p>` : nothing}
        ${result ? body(result) : nothing}
      </section>`;
  }

  const reportsLine = (result) => {
    const count = first(result, 'reports', 'total', 'count');
    return count === undefined ? nothing : html`<p class="hint">${t('analytics.reports', { count })}</p>`;
  };

  function stepsBody(result) {
    const steps = (first(result, 'steps', 'items') || []).map(stepFigures);
    if (!steps.length) return html`${reportsLine(result)}<p>${t('analytics.none')}</p>`;
    const labels = steps.map(stepLabel);
    const rateCell = (rate, count) => `${percent(rate, lang)} (${count})`;
    return html`
      ${reportsLine(result)}
      ${barChart({
        title: t('analytics.steps.chart_title'),
        desc: t('analytics.steps.chart_desc', { steps: steps.length }),
        rows: steps.map((s, i) => ({ label: labels[i], values: [s.done_rate, s.skipped_rate, s.not_applicable_rate] })),
        series: [{ label: t('result.done') }, { label: t('result.skipped') }, { label: t('result.not_applicable') }],
        format: (v) => percent(v, lang), max: 1,
      })}
      ${barChart({
        title: t('analytics.steps.time_title'),
        desc: t('analytics.steps.time_desc'),
        rows: steps.map((s, i) => ({ label: labels[i], values: [s.p50 ?? null, s.p90 ?? null] })),
        series: [{ label: t('analytics.p50') }, { label: t('analytics.p90') }],
        format: duration,
      })}
      <div class="table-scroll">
        <table class="data-table" id="steps-table">
          <caption>${t('analytics.steps.caption')}</caption>
          <thead><tr>
            <th scope="col">${t('analytics.col.step')}</th>
            <th scope="col">${t('analytics.col.time_critical')}</th>
            <th scope="col" class="num">${t('result.done')}</th>
            <th scope="col" class="num">${t('result.skipped')}</th>
            <th scope="col" class="num">${t('result.not_applicable')}</th>
            <th scope="col" class="num">${t('analytics.p50')}</th>
            <th scope="col" class="num">${t('analytics.p90')}</th>
          </tr></thead>
          <tbody>${steps.map((s, i) => html`
            <tr data-step=${s.id}>
              <th scope="row">${labels[i]}</th>
              <td>${s.time_critical ? t('analytics.yes') : t('analytics.no')}</td>
              <td class="num">${rateCell(s.done_rate, s.done)}</td>
              <td class="num">${rateCell(s.skipped_rate, s.skipped)}</td>
              <td class="num">${rateCell(s.not_applicable_rate, s.not_applicable)}</td>
              <td class="num">${duration(s.p50)}</td>
              <td class="num">${duration(s.p90)}</td>
            </tr>`)}</tbody>
        </table>
      </div>`;
  }

  function timingsBody(result) {
    const measures = [
      ['received', first(result, 'start_to_received', 'received')],
      ['notified', first(result, 'start_to_notified', 'start_to_liaison_notified', 'notified')],
    ].map(([key, m]) => ({
      key, label: t(`analytics.timings.${key}`), count: first(m || {}, 'count', 'reports', 'n') ?? 0,
      p50: first(m || {}, 'p50_seconds', 'median_seconds', 'p50') ?? null, p90: first(m || {}, 'p90_seconds', 'p90') ?? null,
    }));
    return html`
      ${reportsLine(result)}
      ${barChart({
        title: t('analytics.timings.chart_title'), desc: t('analytics.timings.chart_desc'),
        rows: measures.map((m) => ({ label: m.label, values: [m.p50, m.p90] })),
        series: [{ label: t('analytics.p50') }, { label: t('analytics.p90') }], format: duration,
        empty: t('analytics.no_data'),
      })}
      <table class="data-table" id="timings-table">
        <caption>${t('analytics.timings.caption')}</caption>
        <thead><tr>
          <th scope="col">${t('analytics.col.measure')}</th>
          <th scope="col" class="num">${t('analytics.col.reports')}</th>
          <th scope="col" class="num">${t('analytics.p50')}</th>
          <th scope="col" class="num">${t('analytics.p90')}</th>
        </tr></thead>
        <tbody>${measures.map((m) => html`
          <tr><th scope="row">${m.label}</th><td class="num">${m.count}</td>
            <td class="num">${duration(m.p50)}</td><td class="num">${duration(m.p90)}</td></tr>`)}</tbody>
      </table>`;
  }

  function skipRows(rows, labelOf) {
    return (rows || []).map((row) => ({
      label: labelOf(row), reports: first(row, 'reports', 'total') ?? 0,
      with_skips: first(row, 'reports_with_skips', 'with_skips', 'reports_skipping') ?? 0,
      skips: first(row, 'skips', 'skipped_steps', 'skipped') ?? 0,
    }));
  }

  function skipTable(id, caption, firstColumn, rows) {
    return html`
      <table class="data-table" id=${id}>
        <caption>${caption}</caption>
        <thead><tr>
          <th scope="col">${firstColumn}</th>
          <th scope="col" class="num">${t('analytics.col.reports')}</th>
          <th scope="col" class="num">${t('analytics.col.with_skips')}</th>
          <th scope="col" class="num">${t('analytics.col.skips')}</th>
        </tr></thead>
        <tbody>${rows.map((r) => html`
          <tr><th scope="row">${r.label}</th><td class="num">${r.reports}</td>
            <td class="num">${r.with_skips}</td><td class="num">${r.skips}</td></tr>`)}</tbody>
      </table>`;
  }

  function skipsBody(result) {
    const bySite = skipRows(first(result, 'by_site', 'sites'), (r) => r.site?.name || r.site_name || r.site?.code || r.site || '');
    const byWeek = skipRows(first(result, 'by_week', 'weeks'), (r) => r.week || '');
    const chart = (rows, title) => barChart({
      title, desc: t('analytics.skips.chart_desc'),
      rows: rows.map((r) => ({ label: r.label, values: [r.with_skips, r.skips] })),
      series: [{ label: t('analytics.col.with_skips') }, { label: t('analytics.col.skips') }],
    });
    return html`
      ${reportsLine(result)}
      <h3>${t('analytics.skips.by_site')}</h3>
      ${bySite.length ? html`${chart(bySite, t('analytics.skips.by_site'))}
        ${skipTable('skips-site-table', t('analytics.skips.by_site'), t('analytics.col.site'), bySite)}` : html`<p>${t('analytics.none')}</p>`}
      <h3>${t('analytics.skips.by_week')}</h3>
      ${byWeek.length ? html`${chart(byWeek, t('analytics.skips.by_week'))}
        ${skipTable('skips-week-table', t('analytics.skips.by_week'), t('analytics.col.week'), byWeek)}` : html`<p>${t('analytics.none')}</p>`}`;
  }

  function compareForm() {
    const submit = (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      app.navigate(`#/desk/analytics${query({ ...common(), a: data.get('a'), b: data.get('b') })}`);
    };
    return html`
      <form class="analytics-filters compare-form" @submit=${submit}>
        ${versionField('a', t('analytics.compare.a'), compare.a, t('analytics.compare.choose'))}
        ${versionField('b', t('analytics.compare.b'), compare.b, t('analytics.compare.choose'))}
        <div class="filter-actions"><button type="submit" class="button">${t('analytics.compare.show')}</button></div>
      </form>`;
  }

  function compareBody(result) {
    const name = (side) => {
      const v = first(result, side, `versions.${side}`) || {};
      const number = first(v, 'number', 'version.number');
      return number !== undefined ? t('trainer.version.label', { number }) : t(`analytics.compare.${side}`);
    };
    const [na, nb] = [name('a'), name('b')];
    const rows = (first(result, 'steps', 'items') || []).map((row, i) => {
      const side = (key) => {
        const s = row[key];
        return s ? stepFigures({ ...s, step_id: row.step_id }) : null;
      };
      return { label: stepLabel({ ...row, id: row.step_id }, i), id: row.step_id, a: side('a'), b: side('b') };
    });
    if (!rows.length) return html`<p>${t('analytics.none')}</p>`;
    const rate = (s, key) => (s ? percent(s[key], lang) : t('analytics.not_in_version'));
    return html`
      ${barChart({
        title: t('analytics.compare.chart_title', { a: na, b: nb }), desc: t('analytics.compare.chart_desc', { a: na, b: nb }),
        rows: rows.map((r) => ({ label: r.label, values: [r.a?.skipped_rate ?? null, r.b?.skipped_rate ?? null] })),
        series: [{ label: `${na}: ${t('analytics.col.skip_rate')}` }, { label: `${nb}: ${t('analytics.col.skip_rate')}` }],
        format: (v) => percent(v, lang), max: 1, empty: t('analytics.not_in_version'),
      })}
      <div class="table-scroll">
        <table class="data-table" id="compare-table">
          <caption>${t('analytics.compare.caption', { a: na, b: nb })}</caption>
          <thead><tr>
            <th scope="col">${t('analytics.col.step')}</th>
            <th scope="col" class="num">${na}: ${t('analytics.col.done_rate')}</th>
            <th scope="col" class="num">${nb}: ${t('analytics.col.done_rate')}</th>
            <th scope="col" class="num">${na}: ${t('analytics.col.skip_rate')}</th>
            <th scope="col" class="num">${nb}: ${t('analytics.col.skip_rate')}</th>
            <th scope="col" class="num">${na}: ${t('analytics.p50')}</th>
            <th scope="col" class="num">${nb}: ${t('analytics.p50')}</th>
          </tr></thead>
          <tbody>${rows.map((r) => html`
            <tr data-step=${r.id}>
              <th scope="row">${r.label}</th>
              <td class="num">${rate(r.a, 'done_rate')}</td><td class="num">${rate(r.b, 'done_rate')}</td>
              <td class="num">${rate(r.a, 'skipped_rate')}</td><td class="num">${rate(r.b, 'skipped_rate')}</td>
              <td class="num">${r.a ? duration(r.a.p50) : t('analytics.not_in_version')}</td>
              <td class="num">${r.b ? duration(r.b.p50) : t('analytics.not_in_version')}</td>
            </tr>`)}</tbody>
        </table>
      </div>`;
  }

  function view() {
    setTitle(t('analytics.title'));
    const canCompare = compare.a && compare.b;
    return html`
      <h1>${t('analytics.title')}</h1>
      <p class="hint">${t('analytics.intro')}</p>
      ${filterForm()}
      ${section('steps', t('analytics.steps.title'), stepsBody, { path: '/analytics/steps.csv', params: common() })}
      ${section('timings', t('analytics.timings.title'), timingsBody, { path: '/analytics/timings.csv', params: common() })}
      ${section('critical-skips', t('analytics.skips.title'), skipsBody, { path: '/analytics/critical-skips.csv', params: common() })}
      <section class="analysis" id="analysis-compare" aria-labelledby="analysis-compare-heading">
        <div class="analysis-head">
          <h2 id="analysis-compare-heading">${t('analytics.compare.title')}</h2>
          ${canCompare ? html`<button type="button" class="button quiet"
            @click=${() => exportCsv('compare', '/analytics/compare.csv', compareParams())}>
            ${t('analytics.csv')}<span class="visually-hidden"> (${t('analytics.compare.title')})</span></button>` : nothing}
        </div>
        ${compareForm()}
        ${state.exports.compare ? html`<p class="error" role="alert">${state.exports.compare}</p>` : nothing}
        ${!canCompare ? html`<p class="hint">${t('analytics.compare.hint')}</p>` : html`
          ${state.errors.compare ? html`<p class="error-box" role="alert">${state.errors.compare}</p>` : nothing}
          ${state.results.compare ? compareBody(state.results.compare) : state.errors.compare ? nothing : html`<p class="loading">${t('trainer.loading')}</p>`}`}
      </section>`;
  }

  await loadOptions();
  draw();
  await Promise.all([
    ...ANALYSES.map((name) => load(name, `/analytics/${name}`, common())),
    compare.a && compare.b ? load('compare', '/analytics/compare', compareParams()) : null,
  ]);
  return () => { alive = false; };
}
