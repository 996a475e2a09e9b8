/**
 * One administration screen: a table of records and a form that creates a new one or changes the
 * one chosen. The departments, sites and users screens describe their columns and fields; the
 * server checks every value (server/schemas/admin.py) and its messages are shown next to the field.
 */
import { html, nothing, render } from 'lit-html';
import { keyed } from 'lit-html/directives/keyed.js';
import { setTitle } from '../../components/format.js';
import { displayNumber } from '../../contacts.js';
import { get, problem, refused, send } from '../api.js';
import { localErrors } from '../../field-errors.js';
import { formatNumber } from '../../i18n.js';

/**
 * A form field: [name, message key, {type, options, required, hint}]; `hint` is a message key or a function of
 * t (a hint with values in it). Values are read as strings; a `checkboxes` field's as the list of choices ticked.
 */
function fieldView(spec, value, error, t) {
  const [name, label, { type = 'text', options = [], required = false, hint = '' } = {}] = spec;
  const id = `admin-${name}`;
  const described = error ? `${id}-error` : nothing;
  let control;
  if (type === 'select') {
    control = html`<select id=${id} name=${name} ?required=${required} aria-invalid=${error ? 'true' : nothing}
      aria-describedby=${described}>
      ${options.map(([optionValue, optionLabel]) => html`<option value=${optionValue}
        ?selected=${String(value ?? '') === optionValue}>${optionLabel}</option>`)}</select>`;
  } else if (type === 'checkbox') {
    control = html`<input id=${id} name=${name} type="checkbox" .checked=${Boolean(value)}>`;
  } else if (type === 'checkboxes') {
    // A set of choices (a site's area types): a group with its legend, a box per choice, the ticked ones kept.
    const ticked = new Set(value || []);
    return html`<fieldset class="field group" id=${id} aria-describedby=${hint ? `${id}-hint` : nothing}>
      <legend>${t(label)}</legend>
      <div class="options inline">${options.map(([optionValue, optionLabel], i) => html`<div class="option">
        <input type="checkbox" id=${`${id}-${i}`} name=${name} value=${optionValue} .checked=${ticked.has(optionValue)}
          aria-invalid=${error ? 'true' : nothing} aria-describedby=${described}>
        <label for=${`${id}-${i}`}>${optionLabel}</label></div>`)}</div>
      ${hint ? html`<p class="hint" id=${`${id}-hint`}>${t(hint)}</p>` : nothing}
      ${error ? html`<p class="error" id=${id}-error>${error}</p>` : nothing}</fieldset>`;
  } else {
    // Typed words take their own direction (a Farsi name typed on an English desk, an English one on a Farsi desk);
    // an empty box keeps the page's, which `auto` would make left to right.
    const text = type === 'text';
    control = html`<input id=${id} name=${name} type=${type} .value=${value ?? ''} ?required=${required}
      dir=${text && value ? 'auto' : nothing} @input=${text ? ownDirection : nothing}
      step=${type === 'number' ? 'any' : nothing} autocomplete=${type === 'password' ? 'new-password' : 'off'}
      aria-invalid=${error ? 'true' : nothing} aria-describedby=${described}>`;
  }
  return html`<div class="field">
    <label for=${id}>${t(label)}</label>${control}
    ${hint ? html`<p class="hint">${typeof hint === 'function' ? hint(t) : t(hint)}</p>` : nothing}
    ${error ? html`<p class="error" id=${id}-error>${error}</p>` : nothing}</div>`;
}

function ownDirection(event) {
  const box = event.target;
  if (box.value) box.dir = 'auto';
  else box.removeAttribute('dir');
}

/** Read the form into {name: string | boolean}. */
function readForm(form, fields) {
  const values = {};
  for (const [name, , { type } = {}] of fields) {
    if (type === 'checkboxes') {
      values[name] = [...form.querySelectorAll('input[type="checkbox"]')].filter((box) => box.name === name && box.checked)
        .map((box) => box.value);
      continue;
    }
    const input = form.elements.namedItem(name);
    values[name] = type === 'checkbox' ? input.checked : input.value.trim();
  }
  return values;
}

/**
 * The server's field errors ({json: {field: [..] or {...}}}) as {field: text}, in the desk's language.
 * `memberField(group, member)` names the form field of a group's member (the member's own name by default).
 */
function fieldErrors(error, t, memberField = (group, member) => member) {
  const flat = (value) => (Array.isArray(value) ? value.join(' ') : typeof value === 'object' && value
    ? Object.entries(value).map(([k, v]) => `${k}: ${flat(v)}`).join(' ') : String(value));
  const found = localErrors(error?.body, t)?.json || {};
  const out = {};
  for (const [name, value] of Object.entries(found)) {
    out[name] = flat(value);
    // A group's members are the form's fields (a department's `contacts: {liaison, …, resident_help}`, its
    // `names: {es, …}` as name_es, …): each refused one is said at its own field too, not only in the error box.
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, text] of Object.entries(value)) out[memberField(name, inner)] ??= flat(text);
    }
  }
  return out;
}

/**
 * Show an administration screen. `config`: {title, intro, path, columns: [[key, (row) => text]],
 * fields(options, t, chosen) → specs (chosen: the record changed, null for a new one), load() → extra options,
 * toForm(row) → values, toBody(values) → JSON,
 * rowKey(row) → label, extra(row, app, reload) → template shown under the form for the chosen row,
 * memberField(group, member) → the form field of a refused group member, when not the member's own name,
 * confirm(body, chosen) → true to save (false: nothing is sent),
 * query(state) → the list's parameters, filters(state, apply) → the filters' form (apply(changes) shows the first
 * page),
 * pageSize: when the server pages the list (`limit`, `offset`), how many rows a page shows}.
 */
export async function showCrud(root, params, app, config) {
  const { t } = app;
  let state = { rows: [], options: {}, chosen: null, errors: {}, message: '', error: '', loading: true };
  // The form's controls are drawn anew for each record chosen and after each save (`keyed` below): lit sets a
  // control only where its value changed since the last draw, so a reused form kept what was typed for another
  // record (a refused new user's password, role and department were saved onto the user edited next) and a
  // form.reset() left the defaults unset (Active unticked: the next new user was created inactive).
  let formKey = 0;
  // A page asks for one row more than it shows: that row says whether a next page exists (the server counts none).
  const paged = Boolean(config.pageSize);
  const query = () => {
    const asked = config.query ? config.query(state) : undefined;
    return paged ? { ...asked, limit: config.pageSize + 1, offset: state.offset || 0 } : asked;
  };
  // Only the latest request draws: a page asked for after another must not be replaced by the earlier one's rows.
  let asking = 0;

  async function load() {
    const mine = ++asking;
    const offset = state.offset || 0;
    try {
      const [rows, options] = await Promise.all([get(config.path, query()), config.load ? config.load() : {}]);
      if (mine !== asking) return;
      const more = paged && rows.length > config.pageSize;
      // `shown`: the offset of the rows on screen, which a refused page leaves as they were. A list that failed
      // before and came now takes its error away (a save's stays until the next save).
      state = { ...state, rows: more ? rows.slice(0, config.pageSize) : rows, more, shown: offset, options,
        loading: false, ...(state.listFailed ? { error: '', listFailed: false } : {}) };
    } catch (error) {
      if (mine !== asking) return;
      state = { ...state, error: problem(error, t), loading: false, forbidden: refused(error), listFailed: true };
    }
    draw();
  }

  /** Show the page `step` pages on (-1: the previous); the keyboard stays on the button, or goes to the range when
   * the button is disabled (the first or the last page). */
  async function turn(step) {
    state = { ...state, offset: Math.max(0, (state.shown || 0) + step * config.pageSize), loading: true };
    draw();
    await load();
    const pressed = root.querySelector(`.pages [data-step="${step}"]`);
    (pressed && !pressed.disabled ? pressed : root.querySelector('.pages .page-range'))?.focus();
  }

  /** Which rows are shown ("Showing 101–200 of more than 200"), and the buttons to the pages either side. */
  function pages() {
    const at = state.shown || 0;
    const first = at + 1;
    const last = at + state.rows.length;
    // Said when the rows have come (a live region): nothing while a page is on its way.
    const range = state.loading ? '' : !state.rows.length ? t('admin.page.none')
      : t(state.more ? 'admin.page.range_more' : 'admin.page.range',
        { first: formatNumber(first), last: formatNumber(last), total: formatNumber(last) });
    const button = (step, key, disabled) => html`<button type="button" class="button" data-step=${step}
      ?disabled=${disabled} @click=${() => turn(step)}>${t(key)}</button>`;
    const both = at > 0 || state.more;
    return html`<nav class="pages actions" aria-label=${t('admin.page.nav')}>
      <p class="page-range" tabindex="-1" role="status">${range}</p>
      ${both ? [button(-1, 'admin.page.previous', !at), button(1, 'admin.page.next', !state.more)] : nothing}
    </nav>`;
  }

  async function save(event) {
    event.preventDefault();
    const fields = config.fields(state.options, t, state.chosen);
    const body = config.toBody(readForm(event.target, fields));
    const chosen = state.chosen;
    // A change with consequences the form does not show (a user deactivated) is said and confirmed first.
    if (config.confirm && !(await config.confirm(body, chosen))) return;
    try {
      const saved = await send(chosen ? `${config.path}/${chosen.id}` : config.path, body, chosen ? 'PUT' : 'POST');
      state = { ...state, errors: {}, error: '', chosen: null,
        message: t(chosen ? 'admin.saved' : 'admin.created', { name: config.rowKey(saved) }) };
      formKey += 1;
      await load();
      root.querySelector('.status-message')?.focus();
    } catch (error) {
      state = { ...state, errors: fieldErrors(error, t, config.memberField), message: '', error: problem(error, t),
        listFailed: false };
      draw();
      // The keyboard goes to the first field to correct (on a phone the error box is a screen above the form).
      (root.querySelector('form.admin-form [aria-invalid="true"]') || root.querySelector('.error-box'))?.focus();
    }
  }

  function choose(row) {
    formKey += 1;
    state = { ...state, chosen: row, errors: {}, message: '', error: '' };
    draw();
    root.querySelector('form.admin-form input, form.admin-form select')?.focus();
  }

  function view() {
    setTitle(t(config.title), root);
    if (state.forbidden) return html`<h1>${t(config.title)}</h1><p class="error-box" role="alert">${state.error}</p>`;
    const fields = config.fields(state.options, t, state.chosen);
    const values = state.chosen ? config.toForm(state.chosen) : {};
    return html`
      <h1>${t(config.title)}</h1>
      <p class="hint">${t(config.intro)}</p>
      ${config.links ? html`<p>${config.links.map(([href, key]) => html`<a href=${href}>${t(key)}</a> `)}</p>` : nothing}
      <div class="status-message" tabindex="-1" role="status">
        ${state.message ? html`<p class="notice">${state.message}</p>` : nothing}</div>
      ${state.error ? html`<p class="error-box" role="alert" tabindex="-1">${state.error}</p>` : nothing}
      ${config.filters ? config.filters(state, (changes) => {
    state = { ...state, ...changes, offset: 0 };
    load();
  }) : nothing}
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t(config.title)}>
        <table class="desk-table stack-narrow"><caption class="visually-hidden">${t(config.title)}</caption>
          <thead><tr>${config.columns.map(([key]) => html`<th scope="col">${t(key)}</th>`)}<th scope="col">
            <span class="visually-hidden">${t('admin.action.edit')}</span></th></tr></thead>
          <tbody>${state.rows.map((row) => html`<tr>
            ${config.columns.map(([key, cell]) => html`<td data-label=${t(key)}>${cell(row, t)}</td>`)}
            <td><button type="button" class="button quiet" @click=${() => choose(row)}
              aria-label=${t('admin.action.edit_named', { name: config.rowKey(row) })}>${t('admin.action.edit')}</button></td>
          </tr>`)}</tbody></table></div>
      ${state.loading ? html`<p class="loading">${t('admin.loading')}</p>` : nothing}
      ${paged ? pages() : nothing}
      ${keyed(formKey, html`<form class="admin-form card triage-form" @submit=${save} novalidate>
        <h2>${state.chosen ? t('admin.form.edit', { name: config.rowKey(state.chosen) }) : t(config.newTitle)}</h2>
        ${fields.map((spec) => fieldView(spec, values[spec[0]] ?? spec[2]?.default, state.errors[spec[0]], t))}
        <div class="actions">
          <button type="submit" class="button primary">${t(state.chosen ? 'admin.action.save' : 'admin.action.create')}</button>
          ${state.chosen ? html`<button type="button" class="button quiet" @click=${() => choose(null)}>
            ${t('admin.action.cancel')}</button>` : nothing}
        </div>
      </form>`)}
      ${state.chosen && config.extra ? config.extra(state.chosen, app, load) : nothing}`;
  }

  function draw() {
    render(view(), root);
  }

  draw();
  await load();
  return () => {};
}

/**
 * A telephone column's cell: the stored E.164 number as people read it (contacts.js, the phone's own way), a
 * `tel:` link to the stored value, which the title also shows for copying; left to right in every language.
 */
export function phoneCell(tel) {
  if (!tel) return '—';
  return html`<a href=${`tel:${tel}`} title=${tel}><bdi dir="ltr">${displayNumber(tel)}</bdi></a>`;
}

/** A number field's value for JSON: null when empty, else a number (the server says if it is not one). */
export function numberOrNull(text) {
  if (text === '' || text === undefined) return null;
  const number = Number(text);
  return Number.isNaN(number) ? text : number;
}
