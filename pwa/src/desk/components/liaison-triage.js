/**
 * The liaison's triage panel on a report: status moves (only the allowed ones), priority by hand, assignment,
 * internal notes, a question to the reporter, and duplicate decisions. Each form shows the
 * server's refusal next to itself. `act(control, path, body)` sends and reloads the report.
 * The text fields pass the "never collect" door (liaison-door.js) before they are sent.
 */
import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { dateTime } from '../../components/format.js';
import { joinFormNumbers } from '../../form-numbers.js';
import { withMarks } from '../../redacted-mark.js';
import { uuid } from '../../uuid.js';
import { confirmDialog } from '../screens/checklists.js';
import { doorField } from './liaison-door.js';
import { MOVES, PRIORITIES, flagBeside, personName, statusText } from './liaison-words.js';

const formText = (event, name) => String(new FormData(event.target).get(name) || '').trim();

function errorFor(control, ctx) {
  const text = ctx.errors[control];
  return html`<p class="error" id=${`error-${control}`} role=${text ? 'alert' : nothing}>${text || ''}</p>`;
}

/** A move's button words: back from escalated is a withdrawal, out of closed a reopen (the status is the table's). */
function moveLabel(status, to, t) {
  if (status === 'closed') return t('liaison.move.reopen');
  if (status === 'escalated' && to === 'in_review') return t('liaison.move.withdraw');
  return t(`liaison.move.${to}`);
}

/**
 * Ask before escalating: the Mayor's Office then reads the report's words, and keeps them once withdrawn
 * (server/reports/detail.py `_escalated`: escalated now or before). The desk's modal question (checklists.js
 * `confirmDialog`: focus in it, Escape cancels); either way focus goes back to the button pressed.
 */
async function escalationConfirmed(ctx, button) {
  const { t } = ctx;
  const ok = await confirmDialog({ title: t('liaison.escalate.title'),
    text: [t('liaison.escalate.text'), t('liaison.escalate.kept')],
    confirm: t('liaison.escalate.confirm'), cancel: t('action.cancel') });
  // A colleague's move drawn meanwhile may have taken the button away: then the line saying the status now.
  (button?.isConnected ? button : document.getElementById('triage-status-now'))?.focus();
  return ok;
}

function statusForm(ctx) {
  const { detail, t } = ctx;
  const moves = Array.isArray(detail.allowed_moves) ? detail.allowed_moves : (MOVES[detail.status] || []);
  const closing = moves.includes('closed');
  const reopening = detail.status === 'closed';
  const submit = async (event) => {
    event.preventDefault();
    const to = event.submitter?.value;
    // `from`: the status this screen showed; a colleague's move since makes the server refuse (concurrent_change)
    // rather than make this one over it, and the report is shown again as it is now (report.js `refused`).
    const body = { to, from: detail.status };
    if (to === 'closed') {
      body.resolution = formText(event, 'resolution');
      if (!body.resolution) return ctx.fail('status', t('liaison.triage.resolution_needed'), '#triage-resolution');
    }
    if (reopening) {
      body.reason = formText(event, 'reason');
      if (!body.reason) return ctx.fail('status', t('liaison.triage.reason_needed'), '#triage-reason');
    }
    if (to === 'escalated' && !(await escalationConfirmed(ctx, event.submitter))) return undefined;
    // No form reset: its boxes are the door's drafts, and a move keeps the ones it did not send (report.js act).
    return ctx.act('status', 'status', body, null);
  };
  return html`<form class="triage-form" aria-labelledby="triage-status-h" @submit=${submit}>
    <h3 id="triage-status-h">${t('liaison.triage.status')}</h3>
    <p id="triage-status-now" tabindex="-1">${t('liaison.triage.status_now', { status: statusText(detail.status, t) })}</p>
    ${closing ? html`<div class="field"><label for="triage-resolution">${t('liaison.triage.resolution')}
        <span class="required">${t('liaison.triage.needed_to_close')}</span></label>
      ${doorField(ctx, 'status', 'resolution', { id: 'triage-resolution', rows: 2, max: 2000, describedBy: 'error-status' })}</div>` : nothing}
    ${reopening ? html`<div class="field"><label for="triage-reason">${t('liaison.triage.reason')}
        <span class="required">${t('form.required')}</span></label>
      ${doorField(ctx, 'status', 'reason', { id: 'triage-reason', rows: 2, max: 1000, describedBy: 'error-status' })}</div>` : nothing}
    <div class="actions">${repeat(moves, (to) => to, (to) => html`<button type="submit" name="to" value=${to}
      class=${`button ${to === 'escalated' ? 'primary' : ''}`} ?disabled=${ctx.busy === 'status'}>${
      moveLabel(detail.status, to, t)}</button>`)}</div>
    ${errorFor('status', ctx)}
  </form>`;
}

function assignForm(ctx) {
  const { detail, t, user } = ctx;
  const people = new Map();
  for (const p of [...(detail.liaisons || detail.assignable || []), { id: user.id, name: user.display_name || user.username },
    detail.assigned_to]) {
    if (p && p.id != null && !people.has(p.id)) people.set(p.id, personName(p));
  }
  const current = detail.assigned_to?.id ?? '';
  const submit = (event) => {
    event.preventDefault();
    const value = formText(event, 'user_id');
    ctx.act('assign', 'assign', { user_id: value ? Number(value) : null, from: detail.assigned_to?.id ?? null }, null);
  };
  return html`<form class="triage-form" @submit=${submit}>
    <div class="field"><label for="triage-assign">${t('liaison.triage.assign')}</label>
      <select id="triage-assign" name="user_id" aria-describedby="error-assign">
        <option value="" ?selected=${current === ''}>${t('liaison.nobody')}</option>
        ${[...people].map(([id, name]) => html`<option value=${id} ?selected=${id === current}>${
          id === user.id ? t('liaison.triage.me', { name }) : name}</option>`)}
      </select></div>
    <button type="submit" class="button" ?disabled=${ctx.busy === 'assign'}>${t('liaison.triage.assign_save')}</button>
    ${errorFor('assign', ctx)}
  </form>`;
}

/** Set the priority by hand (the rules gave it at ingest); the reason then says a liaison set it. One line: the
 * report's answers must still start on the first screen of a 1366 × 900 desk. */
function priorityForm(ctx) {
  const { detail, t } = ctx;
  const submit = (event) => {
    event.preventDefault();
    ctx.act('priority', 'priority', { priority: Number(formText(event, 'priority')), from: detail.priority }, null);
  };
  return html`<form class="triage-form" @submit=${submit}>
    <label for="triage-priority">${t('liaison.triage.priority')}</label>
    <p class="visually-hidden" id="triage-priority-hint">${t('liaison.triage.priority_hint')}</p>
    <div class="field inline-row">
      <select id="triage-priority" name="priority" aria-describedby="triage-priority-hint error-priority">
        ${PRIORITIES.map((level) => html`<option value=${level} ?selected=${level === detail.priority}>${
          t('liaison.priority.short', { n: level })} · ${t(`liaison.priority.${level}.when`)}</option>`)}
      </select>
      <button type="submit" class="button" ?disabled=${ctx.busy === 'priority'}>${t('liaison.triage.priority_save')}</button>
    </div>
    ${errorFor('priority', ctx)}
  </form>`;
}

/**
 * A note's or a question's form. Its id is chosen once per text and sent again when Save or Send is pressed again
 * after a failure: a first try stored on the server whose answer was lost (a timeout) is then answered, not stored
 * twice, so the reporter never gets the same question twice. Another text, or another report, gets another id.
 */
const requestIds = new WeakMap(); // form → {report, text, id}: the form stays in the page from report to report

function textForm(ctx, control, path, labelKey, buttonKey, max) {
  const submit = (event) => {
    event.preventDefault();
    const text = formText(event, 'text');
    if (!text) return ctx.fail(control, ctx.t('liaison.triage.text_needed'), `#triage-${control}`);
    const form = event.target;
    const report = ctx.detail?.id;
    const kept = requestIds.get(form);
    if (kept?.text !== text || kept.report !== report) requestIds.set(form, { report, text, id: uuid() });
    // Sent: the next text, even the same words again, is a new note or question.
    return ctx.act(control, path, { id: requestIds.get(form).id, text }, form).then(() => {
      if (!ctx.errors[control]) requestIds.delete(form);
    });
  };
  return html`<form class="triage-form" @submit=${submit}>
    <div class="field"><label for=${`triage-${control}`}>${ctx.t(labelKey)}</label>
      ${doorField(ctx, control, 'text', { id: `triage-${control}`, rows: 3, max, describedBy: `error-${control}` })}</div>
    <button type="submit" class="button" ?disabled=${ctx.busy === control}>${ctx.t(buttonKey)}</button>
    ${errorFor(control, ctx)}
  </form>`;
}

/** The internal notes (read by every desk role that may see them), with the add form for liaisons. */
export function notesView(ctx) {
  const { detail, t, canTriage } = ctx;
  const notes = detail.notes || [];
  return html`<section aria-labelledby="notes-h"><h2 id="notes-h">${t('liaison.notes')}</h2>
    <p class="note">${t('liaison.notes.internal')}</p>
    ${notes.length ? html`<ul class="desk-list">${repeat(notes, (n) => n.id, (n) => html`<li><span class="when">${dateTime(n.at)} · ${
      personName(n.author) || n.author_name || ''}</span><br>${withMarks(joinFormNumbers(n.text), t('desk.redacted'))}${
      flagBeside(detail, `note:${n.id}:text`, t)}</li>`)}</ul>` : html`<p>${t('liaison.notes.none')}</p>`}
    ${canTriage ? textForm(ctx, 'note', 'notes', 'liaison.notes.add', 'liaison.notes.save', 4000) : nothing}
  </section>`;
}

/** The follow-up questions with their answers, and the ask form for liaisons. */
export function followupsView(ctx) {
  const { detail, t, canTriage } = ctx;
  const list = detail.followups || [];
  const answersOf = (f) => (Array.isArray(f.answers) ? f.answers : f.answer ? [f.answer] : []);
  return html`<section aria-labelledby="followups-h"><h2 id="followups-h">${t('liaison.followups')}</h2>
    ${list.length ? html`<ul class="desk-list followups">${repeat(list, (f) => f.id, (f) => html`<li>
      <p><strong>${t('liaison.followups.question')}</strong> ${withMarks(joinFormNumbers(f.question), t('desk.redacted'))}${flagBeside(detail, `question:${f.id}:question`, t)}<br>
        <span class="when">${dateTime(f.asked_at)} · ${personName(f.asked_by, t)}</span></p>
      ${answersOf(f).length ? answersOf(f).map((a) => html`<p class="answer"><strong>${t('liaison.followups.answer')}</strong> ${withMarks(joinFormNumbers(a.text), t('desk.redacted'))}${flagBeside(detail, `answer:${a.id}:text`, t)}<br>
        <span class="when">${dateTime(a.answered_at || a.at)}</span></p>`)
        : html`<p class="marker"><span aria-hidden="true">… </span>${t('liaison.followups.waiting')}</p>`}
    </li>`)}</ul>` : detail.followups_withheld ? html`<p class="note">${t('liaison.followups.withheld', { count: detail.followups_withheld })}</p>`
      : html`<p>${t('liaison.followups.none')}</p>`}
    ${canTriage ? textForm(ctx, 'question', 'questions', 'liaison.followups.ask', 'liaison.followups.send', 2000) : nothing}
  </section>`;
}

/** The likely-duplicate group: the other reports, their decision, and same / not the same. */
export function groupPanel(ctx, others) {
  const { t, canTriage } = ctx;
  if (!others.length) return nothing;
  const decide = (other, decision) => ctx.act(`duplicate-${other}`, 'duplicates', { other_id: other, decision }, null);
  return html`<section aria-labelledby="group-h"><h2 id="group-h">${t('liaison.group.title')}</h2>
    <p class="note">${t('liaison.group.explain')}</p>
    <ul class="desk-list">${repeat(others, (o) => o.id || o.other_id, (o) => {
      const id = o.id || o.other_id;
      const decision = o.decision?.decision || o.decision;
      return html`<li>
        <a href=${`#/desk/report/${id}`}>${o.site?.name || t('liaison.group.other')} · ${dateTime(o.started_at)}</a>
        ${o.status ? html` · ${statusText(o.status, t)}` : nothing}
        <br><strong>${decision ? t(`liaison.group.decision.${decision}`) : t('liaison.group.undecided')}</strong>
        ${canTriage ? html`<div class="actions">
          <button type="button" class="button" aria-pressed=${decision === 'same' ? 'true' : 'false'}
            ?disabled=${ctx.busy === `duplicate-${id}`} @click=${() => decide(id, 'same')}>${t('liaison.group.same')}</button>
          <button type="button" class="button" aria-pressed=${decision === 'different' ? 'true' : 'false'}
            ?disabled=${ctx.busy === `duplicate-${id}`} @click=${() => decide(id, 'different')}>${t('liaison.group.different')}</button>
        </div>${errorFor(`duplicate-${id}`, ctx)}` : nothing}
      </li>`;
    })}</ul></section>`;
}

/** The triage controls (liaisons only): status, priority and assignment. */
export function triagePanel(ctx) {
  return html`<section class="triage" aria-labelledby="triage-h"><h2 id="triage-h">${ctx.t('liaison.triage.title')}</h2>
    ${statusForm(ctx)}${priorityForm(ctx)}${assignForm(ctx)}</section>`;
}
