/**
 * One report at the desk: every field in words (the field app's labels), the checklist
 * timeline, photos, follow-ups, duplicates, triage history and audit; liaisons also get the
 * triage controls. A report out of scope answers 404 like a missing one: "not found".
 */
import redaction from '../../rules/redaction.json' with { type: 'json' };
import triage from '../../rules/triage.json' with { type: 'json' };
import { html, nothing, render } from 'lit-html';
import { ApiError, session } from '../../api.js';
import { keepFocus } from '../../components/focus.js';
import { dateTime, setTitle, timeOfDay } from '../../components/format.js';
import { SECTIONS, displayValue } from '../../components/report-fields.js';
import { pick } from '../../i18n.js';
import { get, problem, send } from '../api.js';
import { departmentName, rememberDepartments } from '../components/liaison-filters.js';
import { guardLeaving } from '../components/leave-guard.js';
import { photoLoader, photosView } from '../components/liaison-photos.js';
import { checkedFields, doorTool, refusedSpans } from '../components/liaison-door.js';
import { besideTexts, redactionPanel, redactionTool } from '../components/liaison-redact.js';
import { localErrors } from '../../field-errors.js';
import { joinFormNumbers } from '../../form-numbers.js';
import { withMarks } from '../../redacted-mark.js';
import { followupsView, groupPanel, notesView, triagePanel } from '../components/liaison-triage.js';
import {
  codeText, deviceName, flagBeside, flagsView, personName, priorityView, releasedText, roleView, statusText, statusView,
} from '../components/liaison-words.js';

// Refusals that mean "the report is not as this screen showed it" (server/blueprints/triage.py).
const CHANGED = new Set(['invalid_transition', 'concurrent_change']);
/**
 * Where focus rests after an action whose button it changes or takes away: the line saying the state now, or
 * the heading of the panel it acted in; else the screen's line saying what was done (#report-done).
 */
const SAYS = { status: '#triage-status-now', hold: '#retention-state', redact: '#redaction-h', photo_remove: '#redaction-h' };
const RESULT_ICON = { done: '✓', skipped: '⚠', not_applicable: '–', none: '✕' };
// How often the open report is read again (the queue's poll, queue.js): an answer, a photo, a colleague's move.
const POLL_MS = 10_000;
// The body's free-text fields (encounter/redaction.py): stored as typed, so their form numbers are joined where shown.
const FREE_TEXT = new Set(redaction.texts.body);

/** "+3 min 12 s" from seconds. */
function offset(seconds, t) {
  const s = Math.max(0, Math.round(seconds));
  return t('liaison.timeline.offset', { min: Math.floor(s / 60), sec: s % 60 });
}

/** The server's 422 field messages (in the desk's language where it has words for them), after its message. */
function errorText(error, t) {
  const base = problem(error, t);
  // Field messages only (`errors.json`): `errors.allowed` of a refused move holds state codes, not words.
  const fields = error instanceof ApiError ? localErrors(error.body, t)?.json : null;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return base;
  const extra = Object.values(fields).flat().filter((m) => typeof m === 'string');
  return extra.length ? `${base} ${extra.join(' ')}` : base;
}

/** The other reports of the likely-duplicate group, whatever envelope the server wraps them in. */
function groupOthers(group) {
  if (Array.isArray(group)) return group;
  return group?.reports || group?.members || group?.items || group?.others || [];
}

function timeline(detail, t) {
  const steps = [...(detail.steps || [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  if (!steps.length) return html`<p>${t('review.no_checklist')}</p>`;
  return html`<ol class="timeline">${steps.map((s) => {
    const result = s.result || 'none';
    const text = typeof s.text === 'object' ? pick(s.text) : s.text || s.step_id;
    const flagged = result === 'skipped' || result === 'none';
    return html`<li class=${`timeline-step result-${result}${flagged ? ' flagged' : ''}`}>
      <span class="timeline-text">${text}</span>
      ${s.time_critical ? html`<span class="badge-tc">${t('step.time_critical')}</span>` : nothing}
      ${s.critical_missed ? html`<strong class="missed"><span aria-hidden="true">⚠ </span>${t('liaison.timeline.critical_missed')}</strong>` : nothing}
      <span class="result"><span aria-hidden="true">${RESULT_ICON[result] || ''} </span>${
        result === 'none' ? t('liaison.timeline.not_reached') : t(`result.${result}`)}${
        s.at ? html` · ${timeOfDay(s.at)}${s.seconds_from_start == null ? nothing
          : html` <span class="when">(${offset(s.seconds_from_start, t)})</span>`}` : nothing}</span>
    </li>`;
  })}</ol>`;
}

/**
 * A field the server left out because this role may not read it (free text before escalation, names),
 * rather than one the reporter left empty: the server says which (`withheld_fields`, encounter/views.py).
 */
function withheld(name, detail) {
  return (detail.withheld_fields || []).includes(name);
}

/** A field's value as shown: a free-text field's form numbers joined (display only: the redaction box keeps the stored text). */
function shown(name, value) {
  return FREE_TEXT.has(name) ? joinFormNumbers(value) : value;
}

/**
 * A report field's label at the desk: the phone's, except where the phone's speaks to the employee ("When you
 * notified the liaison"), which the desk says of the employee (`liaison.field.<name>`).
 */
function fieldLabel(name, t) {
  const key = `liaison.field.${name}`;
  const desk = t(key);
  return desk === key ? t(`field.${name}`) : desk;
}

function fieldsView(detail, t) {
  const body = detail.body || detail;
  const site = detail.site || {};
  const pseudo = { fields: { ...body, site: site.code || body.site, agencies: body.agencies || [], requested: body.requested || [] },
    started_at: body.started_at || detail.started_at, ended_at: body.ended_at, location: body.location, photos: body.photos };
  const sites = new Map([[site.code || body.site, { name: site.name || site.code || body.site }]]);
  return SECTIONS.map(([section, names]) => html`<section aria-labelledby=${`sec-${section}`}>
    <h2 id=${`sec-${section}`}>${t(`section.${section}`)}</h2>
    <dl class="summary">${names.filter((n) => n !== 'photos').map((name) => html`<div><dt>${fieldLabel(name, t)}</dt>
      <dd>${withheld(name, detail) ? t('liaison.field.withheld')
        : name === 'ended_at' && !body.ended_at ? t('review.empty') : withMarks(shown(name, displayValue(name, pseudo, sites)), t('desk.redacted'))}${
        flagBeside(detail, name, t)}</dd></div>`)}</dl>
  </section>`);
}

/** Names of the people this report mentions, by user id (assignment events carry only ids). */
function knownPeople(detail) {
  const people = new Map();
  const add = (p) => p && p.id != null && p.name && people.set(String(p.id), p.name);
  add(detail.assigned_to);
  (detail.triage || []).forEach((e) => add(e.actor));
  (detail.notes || []).forEach((n) => add(n.author));
  (detail.followups || []).forEach((f) => add(f.asked_by));
  return people;
}

/**
 * The move whose resolution the report holds: its latest move to "closed" (server/reports/triage.py `move_status`
 * sets the report's resolution with that move's and clears it on reopening), so the flag on that move's resolution
 * is the flag on the report's.
 */
function closingMove(detail) {
  return (detail.triage || []).filter((e) => e.action === 'status' && e.to_value === triage.closed).at(-1);
}

/** A move out of "closed": its reason is the reason for reopening; any other move's is just its reason. */
function reopened(event) {
  return event.action === 'status' && event.from_value === triage.closed;
}

/**
 * The assignments the server let go (their assignee moved, changed role, was deactivated or can no longer sign in):
 * audited, never a triage event (no liaison moved them), so read from the audit into the history beside the moves.
 */
function releases(detail) {
  return (detail.audit || []).filter((a) => a.action === 'triage.assign' && a.released)
    .map((a) => ({ at: a.at, actor: a.actor, action: 'released', released: a.released }));
}

function historyView(detail, t) {
  const events = [...(detail.triage || []), ...releases(detail)].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const people = knownPeople(detail);
  const what = (e) => {
    if (e.action === 'status') return t('liaison.history.status', { from: statusText(e.from_value, t), to: statusText(e.to_value, t) });
    if (e.action === 'assign') {
      return t('liaison.history.assign', { name: e.to_value == null ? t('liaison.nobody') : people.get(String(e.to_value)) || t('liaison.someone') });
    }
    if (e.action === 'released') return releasedText(e.released, t);
    if (e.action === 'priority') return t('liaison.history.priority', { from: e.from_value, to: e.to_value });
    if (e.action === 'duplicate_confirm') return t('liaison.history.same');
    if (e.action === 'duplicate_split') return t('liaison.history.different');
    if (e.action === 'legal_hold' || e.action === 'legal_hold_lifted') return t(`liaison.history.${e.action}`);
    return e.action || '';
  };
  return html`<section aria-labelledby="history-h"><h2 id="history-h">${t('liaison.history')}</h2>
    ${events.length ? html`<ul class="desk-list">${events.map((e) => html`<li>
      <span class="when">${dateTime(e.at, { seconds: true })} · ${personName(e.actor, t)}</span><br>${what(e)}${
      e.details?.reason ? html`<br>${t(reopened(e) ? 'liaison.triage.reason' : 'liaison.history.reason')}: ${withMarks(joinFormNumbers(e.details.reason), t('desk.redacted'))}${
        flagBeside(detail, `triage:${e.id}:reason`, t)}` : nothing}${
      e.details?.resolution ? html`<br>${t('liaison.triage.resolution')}: ${withMarks(joinFormNumbers(e.details.resolution), t('desk.redacted'))}${
        flagBeside(detail, `triage:${e.id}:resolution`, t)}` : nothing}</li>`)}</ul>`
    : html`<p>${t('liaison.history.none')}</p>`}</section>`;
}

/**
 * Which text a redaction took words from, as the redaction panel names it (a body field's label, or "Internal note
 * of …"), after the action: the audit says where, never what. Nothing when that text is no longer on the report.
 */
function redactedWhere(entry, detail, t) {
  const where = entry.where;
  if (!where?.field) return nothing;
  const label = where.target === 'body' ? fieldLabel(where.field, t)
    : besideTexts(detail, t).find((text) => text.key === `${where.target}:${where.id}:${where.field}`)?.label;
  return label ? html` · ${label}` : nothing;
}

function auditView(detail, t) {
  const entries = detail.audit || [];
  return html`<section aria-labelledby="audit-h"><h2 id="audit-h">${t('liaison.audit')}</h2>
    ${entries.length ? html`<div class="table-wrap" role="region" aria-labelledby="audit-h" tabindex="0">
      <table class="desk-table"><thead><tr><th scope="col">${t('liaison.audit.at')}</th><th scope="col">${t('liaison.audit.action')}</th>
        <th scope="col">${t('liaison.audit.actor')}</th><th scope="col">${t('liaison.audit.device')}</th></tr></thead>
      <tbody>${entries.map((a) => html`<tr><td>${dateTime(a.at, { seconds: true })}</td><td>${a.released ? releasedText(a.released, t) : codeText('liaison.audit.action', a.action, t)}${
          redactedWhere(a, detail, t)}</td>
        <td>${personName(a.actor, t)}</td><td title=${a.device_id || nothing}>${deviceName(a.device_name, a.device_id)}</td></tr>`)}</tbody>
      </table></div>` : html`<p>${t('liaison.audit.none')}</p>`}</section>`;
}

/** Render report `params.id`. */
/**
 * What the liaison is typing (notes, questions, a move's reason) lives in the door's drafts, which the text
 * boxes are bound to. A screen drawn again at the same address (the language switched) keeps them; any change
 * of address forgets them (leaving the report asks first: components/leave-guard.js).
 */
let kept = null;
function keptDoor(draw) {
  if (kept?.hash !== window.location.hash) {
    const door = doorTool(draw);
    kept = { hash: window.location.hash, door };
    window.addEventListener('hashchange', () => { if (kept?.door === door) kept = null; }, { once: true });
  }
  kept.door.onChange(draw);
  return kept.door;
}

export async function show(root, params, app) {
  const { t } = app;
  const user = (await session())?.user || {};
  const canTriage = user.role === 'liaison';
  const state = { detail: null, missing: false, error: null, errors: {}, busy: null, done: '' };
  let stopped = false;
  const photos = photoLoader(() => draw());
  // Photos are read only by the department's liaisons (encounter/views.py); others are not shown a 404 each.
  const seesPhotos = roleView(user.role).photos === 'department';
  const redaction = redactionTool(root, () => draw());
  const door = keptDoor(() => draw());
  setTitle(t('liaison.report.title'), root);

  async function load() {
    try {
      state.detail = await get(`/reports/${encodeURIComponent(params.id)}`);
      rememberDepartments([state.detail]);
      state.error = null;
      if (seesPhotos) photos.load(state.detail.photos);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) state.missing = true;
      else state.error = problem(error, t);
    }
  }

  /**
   * What to say of a refused action. The report moved meanwhile (a colleague's tab, another liaison):
   * read it again, so the panel offers the moves it now allows, and say what it is now, not the server's codes.
   */
  async function refused(error) {
    if (error instanceof ApiError && error.status === 409 && error.body?.reason === 'text_changed') {
      await load(); // the panel shows the text as it is now; the old selection's offsets are gone with it
      return t('retention.text_changed');
    }
    if (!(error instanceof ApiError && error.status === 409 && CHANGED.has(error.body?.reason))) return errorText(error, t);
    await load();
    return t('liaison.error.changed', { status: statusText(state.detail?.status, t) });
  }

  /**
   * The box holding the first marked words of a held or refused send (the status form names its boxes by field,
   * the note and question forms by form): focus goes there, beside the marks and their Remove buttons, not on
   * the send button the keyboard user would have to leave to find them.
   */
  const markedBox = (control, body) => {
    const field = checkedFields(control, body).find((name) => door.spans(control, name).length);
    return field ? `#triage-${control === 'status' ? field : control}` : null;
  };

  /**
   * What changes the report while it is open comes by no live event (server/live.py KINDS carries alerts and P1
   * reports): the reporter's answer and a photo uploaded later come with the phone's push, a colleague's move
   * with their own request. So the screen reads the report again every POLL_MS while its tab is visible, and
   * draws what changed where the liaison is looking; lit touches only what changed, so a half-typed note and its
   * focus stay, and so does a priority chosen but not yet set unless a colleague set one meanwhile. Quietly: a
   * failed read waits for the next tick, and a read that an action overtook (it reloads the report itself) is
   * dropped, so it never draws the report as it was.
   */
  let actions = 0;
  async function refresh() {
    // Not while a redaction waits for its confirmation (its words are shown as they were chosen), nor for a report
    // gone or out of scope (said once; asking again every tick would only ask for the same 404).
    if (stopped || document.hidden || state.busy || state.missing || redaction.pending) return;
    const started = actions;
    try {
      const detail = await get(`/reports/${encodeURIComponent(params.id)}`);
      if (stopped || state.busy || redaction.pending || actions !== started) return;
      state.detail = detail;
      state.error = null; // a read that failed before (the box saying so) is now answered
      rememberDepartments([detail]);
      if (seesPhotos) photos.load(detail.photos);
      draw();
    } catch {
      // the next tick reads again; a report gone or out of scope is said when the liaison acts on it
    }
  }

  const ctx = {
    t, user, canTriage, door, errors: state.errors,
    get detail() { return state.detail; },
    get busy() { return state.busy; },
    /** Say why `control` was not sent; `field` (a selector): the box left empty, which then takes the focus. */
    fail(control, text, field = null) {
      state.errors[control] = text;
      draw();
      root.querySelector(`#error-${control}`)?.scrollIntoView?.({ block: 'nearest' });
      if (field) root.querySelector(field)?.focus();
    },
    async act(control, path, body, form, method = 'POST') {
      actions += 1;
      const held = door.hold(control, body);
      if (held) return ctx.fail(control, t(held), markedBox(control, body));
      const back = keepFocus(root, control === 'redact' ? () => redaction.box() || SAYS.redact : SAYS[control] || '#report-done');
      state.busy = control;
      state.errors[control] = null;
      state.done = '';
      draw();
      try {
        await send(`/reports/${encodeURIComponent(params.id)}/${path}`, body, method);
        form?.reset();
        // Only what the send carried: a resolution typed before Acknowledge or Escalate stays for the close.
        door.clear(control, checkedFields(control, body));
        state.done = t(`liaison.done.${control.startsWith('duplicate') ? 'duplicate' : control}`);
        await load();
      } catch (error) {
        const spans = refusedSpans(error);
        if (spans) door.refused(control, body, spans); // offsets only: the words are still in the field
        state.errors[control] = spans ? t('liaison.door.not_sent') : await refused(error);
      }
      state.busy = null;
      draw();
      const box = state.errors[control] && markedBox(control, body);
      if (box) root.querySelector(box)?.focus();
      else back();
    },
  };

  function draw() {
    if (stopped) return;
    if (state.missing) {
      render(html`<h1>${t('liaison.report.not_found')}</h1><p>${t('liaison.report.not_found_text')}</p>
        <p><a href="#/desk/queue">${t('liaison.report.back')}</a></p>`, root);
      return;
    }
    const d = state.detail;
    if (!d) {
      render(html`<h1>${t('liaison.report.title')}</h1>
        ${state.error ? html`<p class="error-box" role="alert">${state.error}</p>
          <button type="button" class="button" @click=${async () => { await load(); draw(); }}>${t('action.try_again')}</button>`
          : html`<p>${t('liaison.loading')}</p>`}`, root);
      return;
    }
    const body = d.body || d;
    const siteName = d.site?.name || d.site?.code || body.site || '';
    // Every received report has its receipt in the audit, so an empty list means this role may not read the
    // audit (server/access.py); notes follow the role's view (encounter/views.py). Neither is then "none yet".
    const showsAudit = Boolean(d.audit?.length);
    render(html`
      <p><a href="#/desk/queue">${t('liaison.report.back')}</a></p>
      <h1>${t('liaison.report.heading', { site: siteName, time: dateTime(body.started_at || d.started_at) })}</h1>
      <p class="liaison-sr" id="report-done" tabindex="-1" role="status" aria-live="polite">${state.done}</p>
      ${state.error ? html`<p class="error-box" role="alert">${state.error}</p>` : nothing}
      <div class="report-head">
        <dl class="summary">
          <div><dt>${t('liaison.col.priority')}</dt><dd>${priorityView(d, t)}</dd></div>
          <div><dt>${t('liaison.col.status')}</dt><dd>${statusView(d.status, t)}</dd></div>
          <div><dt>${t('liaison.report.department')}</dt><dd>${departmentName(d.department)}</dd></div>
          <div><dt>${t('liaison.col.assigned')}</dt><dd>${personName(d.assigned_to, t) || t('liaison.nobody')}</dd></div>
          <div><dt>${t('liaison.report.received')}</dt><dd>${dateTime(d.received_at, { seconds: true })}</dd></div>
          <div><dt>${t('field.started_at')}</dt><dd>${dateTime(body.started_at || d.started_at, { seconds: true })}${
            body.start_given ? html` · ${t('liaison.report.start_given')}` : nothing}</dd></div>
          ${d.resolution ? html`<div><dt>${t('liaison.triage.resolution')}</dt><dd>${withMarks(joinFormNumbers(d.resolution), t('desk.redacted'))}${
            flagBeside(d, `triage:${closingMove(d)?.id}:resolution`, t)}</dd></div>` : nothing}
          ${d.flags?.length ? html`<div><dt>${t('liaison.col.markers')}</dt><dd>${flagsView(d.flags, t)}</dd></div>` : nothing}
        </dl>
        ${canTriage ? triagePanel(ctx) : html`<p class="note">${t('liaison.report.read_only')}</p>`}
      </div>
      <div class="report-fields">${fieldsView(d, t)}</div>
      <section aria-labelledby="photos-h"><h2 id="photos-h">${t('field.photos')}</h2>${seesPhotos ? photosView(d.photos, photos.urls, t)
        : html`<p class="note">${t('liaison.photo.not_for_role', { count: d.photos?.length || 0 })}</p>`}</section>
      ${groupPanel(ctx, groupOthers(d.group).map((m) => ({ site: d.site, ...m })))}
      ${followupsView(ctx)}
      <section class="timeline-section">
        ${d.time_critical_missed ? html`<p class="warning-box">${t('liaison.timeline.missed', { count: d.time_critical_missed })}</p>` : nothing}
        <details class="timeline-box">
          <summary><h2 id="timeline-h">${t('liaison.timeline')}</h2></summary>
          ${d.checklist ? html`<p class="note">${pick(d.checklist.title) || ''} ${
            d.checklist.number ? t('liaison.timeline.version', { n: d.checklist.number }) : ''}</p>` : nothing}
          ${timeline(d, t)}
        </details></section>
      ${canTriage ? redactionPanel(ctx, redaction) : nothing}
      ${roleView(user.role).notes ? notesView(ctx) : nothing}
      ${historyView(d, t)}
      ${showsAudit ? auditView(d, t) : nothing}`, root);
  }

  // A half-written note, question or reason is asked about before the report is left (src/desk/components/leave-guard.js).
  const unguard = guardLeaving(() => [...root.querySelectorAll('textarea:not([aria-readonly="true"])')].some((area) => area.value.trim()),
    () => t('liaison.leave_unsent'));
  await load();
  draw();
  const poll = setInterval(refresh, POLL_MS);
  return () => {
    clearInterval(poll);
    unguard();
    stopped = true;
    photos.revoke();
  };
}
