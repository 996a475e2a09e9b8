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
import { localErrors } from '../../field-errors.js';
import { STATUSES, codeText, statusText } from './liaison-words.js';

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

/** A filter's refusal under it (the server's reason, or the desk's own check), tied to its control. */
function refusal(id, text) {
  return text ? html`<p class="error" id=${`${id}-error`}>${text}</p>` : nothing;
}

function select(id, label, value, options, error) {
  return html`<div class="field"><label for=${id}>${label}</label>
    <select id=${id} name=${id.replace('filter-', '')} aria-invalid=${error ? 'true' : nothing}
      aria-describedby=${error ? `${id}-error` : nothing}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>${refusal(id, error)}</div>`;
}

function input(id, label, value, type, error, extra = {}) {
  return html`<div class=${`field ${extra.className || ''}`}><label for=${id}>${label}</label>
    <input id=${id} name=${id.replace('filter-', '')} type=${type} maxlength=${extra.max ?? nothing} .value=${value}
      aria-invalid=${error ? 'true' : nothing} aria-describedby=${error ? `${id}-error` : nothing}>${refusal(id, error)}</div>`;
}

/**
 * The filters' own check before sending: a period that ends before it starts (the server refuses it too,
 * server/schemas/reports.py, and stays the authority). {to: message} or null.
 */
export function periodProblem(filters, t) {
  return filters.from && filters.to && filters.to < filters.from ? { to: t('liaison.filter.to_before_from') } : null;
}

/** A status filter's choice as its option says it ("Open (not closed)", "In review"), not its code. */
function statusChoice(status, t) {
  return ['open', 'all'].includes(status) ? t(`liaison.filter.status.${status}`) : statusText(status, t);
}

/**
 * The refusal with the status filter's allowed choices (a hand-edited or old link's unknown status) in the
 * desk's words: the code table prints `one_of` choices as sent, and these are codes (in_review).
 */
function statusNamed(body, t) {
  const status = body?.error_codes?.query?.status;
  if (!status || typeof status !== 'object') return body;
  const name = (entry) => (entry?.code === 'one_of' && Array.isArray(entry.params?.choices)
    ? { ...entry, params: { ...entry.params, choices: entry.params.choices.map((s) => statusChoice(s, t)) } } : entry);
  // The filter repeats (?status=new&status=escalated): its codes come by position ({"0": [...]}).
  const named = Array.isArray(status) ? status.map(name)
    : Object.fromEntries(Object.entries(status).map(([at, list]) => [at, Array.isArray(list) ? list.map(name) : list]));
  return { ...body, error_codes: { ...body.error_codes, query: { ...body.error_codes.query, status: named } } };
}

/**
 * The server's refusal of a queue query ({errors: {query: {field: [messages]}}}) as {field: text}, or null; each
 * message in the desk's language where its code has words (field-errors.js), else as the server sent it.
 */
export function refusedFilters(body, t) {
  const found = localErrors(statusNamed(body, t), t)?.query;
  if (!found || typeof found !== 'object' || Array.isArray(found)) return null;
  // A repeatable filter's messages come by position ({priority: {"0": [...]}}).
  const texts = (value) => (typeof value === 'string' ? [value]
    : value && typeof value === 'object' ? Object.values(value).flatMap(texts) : []);
  return Object.fromEntries(Object.entries(found).map(([name, messages]) => [name, texts(messages).join(' ')]));
}

/**
 * The filter form; `onApply(filters)` gets the chosen filters; `errors` ({field: text}) are shown under their fields;
 * `open` keeps it unfolded (the user is in it: a search emptied must not fold the field away under the caret).
 */
export function filterForm({ filters, citywide, t, sites, agencies, onApply, errors = {}, open = false }) {
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
  const marked = KEYS.some((key) => errors[key]);
  return html`<details class="filters-box" ?open=${active > 0 || marked || open}>
  <summary>${t('liaison.filter.show')}${active ? ` (${t('liaison.filter.active', { count: active })})` : ''}</summary>
  <form class="filters" role="search" aria-label=${t('liaison.filter.label')} @submit=${submit}>
    <div class="filter-grid">
      ${select('filter-status', t('liaison.filter.status'), filters.status, [
        ...['open', ...STATUSES, 'all'].map((s) => [s, statusChoice(s, t)])], errors.status)}
      ${select('filter-priority', t('liaison.filter.priority'), filters.priority, [
        ['', t('liaison.filter.any')], ...[1, 2, 3].map((n) => [String(n), `${t('liaison.priority.short', { n })} ${t(`liaison.priority.${n}.when`)}`])], errors.priority)}
      ${citywide ? select('filter-department', t('liaison.filter.department'), filters.department,
        [['', t('liaison.filter.all_departments')], ...deptOptions], errors.department) : nothing}
      ${select('filter-site', t('liaison.filter.site'), filters.site, [['', t('liaison.filter.any')], ...siteOptions], errors.site)}
      ${select('filter-agency', t('liaison.filter.agency'), filters.agency, [
        ['', t('liaison.filter.any')], ...agencies.map((a) => [a, t(`agency.${a}`)])], errors.agency)}
      ${select('filter-city_assistance', t('liaison.filter.city_assistance'), filters.city_assistance, [
        ['', t('liaison.filter.any')], ['true', t('liaison.filter.city_assistance.true')],
        ['false', t('liaison.filter.city_assistance.false')]], errors.city_assistance)}
      ${input('filter-from', t('liaison.filter.from'), filters.from, 'date', errors.from)}
      ${input('filter-to', t('liaison.filter.to'), filters.to, 'date', errors.to)}
      ${citywide ? nothing : select('filter-assigned', t('liaison.filter.assigned'), filters.assigned, [
        ['', t('liaison.filter.anyone')], ['me', t('liaison.filter.assigned.me')], ['none', t('liaison.filter.assigned.none')]],
        errors.assigned)}
      ${input('filter-q', t('liaison.filter.q'), filters.q, 'search', errors.q, { className: 'filter-q', max: SEARCH_TEXT_MAX })}
    </div>
    <div class="actions">
      <button type="submit" class="button primary">${t('liaison.filter.apply')}</button>
      <a class="button quiet" href="#/desk/queue">${t('liaison.filter.clear')}</a>
    </div>
  </form></details>`;
}
