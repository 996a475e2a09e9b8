/**
 * The queue's filter form, and the desk's lists behind every filter. Filters are read from and
 * written to the hash query (the screen navigates on Apply), so a reload or Back shows the same
 * queue. Departments (with their names in every UI language) and sites come from
 * GET /departments and GET /sites, loaded once by the desk; reports seen fill in only when
 * those lists could not be loaded (offline).
 */
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };
import { html, nothing } from 'lit-html';
import { pick } from '../../i18n.js';
import { get } from '../api.js';
import { STATUSES, codeText } from './liaison-words.js';

const { search_text_max: SEARCH_TEXT_MAX } = vocabulary;
const KEYS = ['status', 'priority', 'site', 'agency', 'from', 'to', 'assigned', 'q', 'department', 'city_assistance'];
const departments = new Map(); // code → {name, names: {lang: name}}
const sites = new Map(); // code → {code, name, department, facility_type, active}

/** A department's code from the server's code string or {code, name}. */
export function departmentCode(department) {
  return typeof department === 'string' ? department : department?.code || '';
}

/** A department's name in the desk's language (else English, else the name a report gave, else its code). */
export function departmentName(department) {
  const code = departmentCode(department);
  const known = departments.get(code);
  if (known) return pick({ en: known.name, ...(known.names || {}) }) || known.name || code;
  return (typeof department === 'object' && department?.name) || code;
}

/** A checklist in words: its department's name and its kind ("Los Angeles Public Library · Libraries"), never codes. */
export function checklistName(checklist, t) {
  return `${departmentName(checklist.department)} · ${codeText('trainer.variant', checklist.key, t)}`;
}

/** Load the departments and sites the caller may read (GET /departments, GET /sites); without them, codes. */
export async function loadDepartments() {
  const [depts, places] = await Promise.all([get('/departments').catch(() => null), get('/sites').catch(() => null)]);
  if (Array.isArray(depts)) {
    for (const { code, name, names } of depts) if (code && name) departments.set(code, { name, names: names || {} });
  }
  if (Array.isArray(places)) for (const site of places) if (site?.code) sites.set(site.code, site);
}

/** The departments known so far as [code, name] pairs, by name in the desk's language. */
export function knownDepartments() {
  return [...departments.keys()].map((code) => [code, departmentName(code)]).sort((a, b) => a[1].localeCompare(b[1]));
}

/** The sites the caller may read (GET /sites), by code; only one department's when `department` is given. */
export function deskSites(department = '') {
  return new Map([...sites].filter(([, site]) => !department || site.department === department));
}

/** Remember the departments of these reports (a fallback for when GET /departments could not be read). */
export function rememberDepartments(items) {
  for (const item of items) {
    const code = departmentCode(item.department);
    if (code && !departments.has(code)) departments.set(code, { name: departmentName(item.department), names: {} });
  }
}

/** The filters in a hash query (status defaults to "open", the server's default). */
export function readFilters(query, { citywide = false } = {}) {
  const filters = {};
  for (const key of KEYS) filters[key] = query?.get(key) || '';
  if (!filters.status) filters.status = 'open';
  if (citywide) filters.assigned = '';
  else filters.department = '';
  return filters;
}

function select(id, label, value, options) {
  return html`<div class="field"><label for=${id}>${label}</label>
    <select id=${id} name=${id.replace('filter-', '')}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select></div>`;
}

/** The filter form; `onApply(filters)` gets the chosen filters. */
export function filterForm({ filters, citywide, t, sites, agencies, onApply }) {
  const submit = (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    onApply(Object.fromEntries(KEYS.map((key) => [key, String(data.get(key) || '').trim()])));
  };
  const siteOptions = [...sites.values()].sort((a, b) => a.name.localeCompare(b.name)).map((s) => [s.code, s.name]);
  if (filters.site && !sites.has(filters.site)) siteOptions.push([filters.site, filters.site]);
  const deptOptions = knownDepartments();
  if (filters.department && !departments.has(filters.department)) deptOptions.push([filters.department, filters.department]);
  // Collapsed unless a filter is set, so the queue's rows fill the screen (issue 14: 8 rows at 1366×900).
  const active = KEYS.filter((key) => filters[key] && !(key === 'status' && filters[key] === 'open')).length;
  return html`<details class="filters-box" ?open=${active > 0}>
  <summary>${t('liaison.filter.show')}${active ? ` (${t('liaison.filter.active', { count: active })})` : ''}</summary>
  <form class="filters" role="search" aria-label=${t('liaison.filter.label')} @submit=${submit}>
    <div class="filter-grid">
      ${select('filter-status', t('liaison.filter.status'), filters.status, [
        ['open', t('liaison.filter.status.open')], ...STATUSES.map((s) => [s, t(`liaison.status.${s}`)]),
        ['all', t('liaison.filter.status.all')]])}
      ${select('filter-priority', t('liaison.filter.priority'), filters.priority, [
        ['', t('liaison.filter.any')], ...[1, 2, 3].map((n) => [String(n), `${t('liaison.priority.short', { n })} ${t(`liaison.priority.${n}.when`)}`])])}
      ${citywide ? select('filter-department', t('liaison.filter.department'), filters.department,
        [['', t('liaison.filter.all_departments')], ...deptOptions]) : nothing}
      ${select('filter-site', t('liaison.filter.site'), filters.site, [['', t('liaison.filter.any')], ...siteOptions])}
      ${select('filter-agency', t('liaison.filter.agency'), filters.agency, [
        ['', t('liaison.filter.any')], ...agencies.map((a) => [a, t(`agency.${a}`)])])}
      ${select('filter-city_assistance', t('liaison.filter.city_assistance'), filters.city_assistance, [
        ['', t('liaison.filter.any')], ['true', t('liaison.filter.city_assistance.true')],
        ['false', t('liaison.filter.city_assistance.false')]])}
      <div class="field"><label for="filter-from">${t('liaison.filter.from')}</label>
        <input id="filter-from" name="from" type="date" .value=${filters.from}></div>
      <div class="field"><label for="filter-to">${t('liaison.filter.to')}</label>
        <input id="filter-to" name="to" type="date" .value=${filters.to}></div>
      ${citywide ? nothing : select('filter-assigned', t('liaison.filter.assigned'), filters.assigned, [
        ['', t('liaison.filter.anyone')], ['me', t('liaison.filter.assigned.me')], ['none', t('liaison.filter.assigned.none')]])}
      <div class="field filter-q"><label for="filter-q">${t('liaison.filter.q')}</label>
        <input id="filter-q" name="q" type="search" maxlength=${SEARCH_TEXT_MAX} .value=${filters.q}></div>
    </div>
    <div class="actions">
      <button type="submit" class="button primary">${t('liaison.filter.apply')}</button>
      <a class="button quiet" href="#/desk/queue">${t('liaison.filter.clear')}</a>
    </div>
  </form></details>`;
}
