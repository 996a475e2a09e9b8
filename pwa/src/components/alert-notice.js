/**
 * Where the encounter's "Agents here now" stands, on the checklist and the report form: "has not been sent
 * yet" while it waits for a site (src/alert.js alertWaitsForSite), with a link to Home's alert route, which
 * asks for the site and sends; "waiting to be sent" while it is queued in the outbox (offline); refused by the
 * server, Home's words and why, the liaison's number and "Try again" (src/alert.js resendAlert). The employee
 * is never left believing the liaison was told.
 */
import { html, nothing } from 'lit-html';
import { alertWaitsForSite } from '../alert.js';
import { callButtons, callSite, contactsFor } from '../contacts.js';
import { getKv } from '../db.js';
import { listSites } from '../drafts.js';
import { getRecord } from '../outbox.js';
import { refusalLines } from './report-fields.js';
import { hasRefusal, loadRefusalWords } from '../refusals.js';

/** The notice for `draft`, or nothing when its alert went (or was never asked for). */
export function alertNotSent(draft, t) {
  if (!alertWaitsForSite(draft)) return nothing;
  return html`<p class="warning-box alert-not-sent">${t('home.alert.not_sent')}
    <a href="#/alert">${t('alert.not_sent.link')}</a></p>`;
}

/**
 * Where the alert of `draft` stands, for alertWaiting: {queued: true} while in the outbox unsent (queued, or a push not
 * yet answered), `signIn` when the session needs a new sign-in first (kv `auth_problem`); {refused, sites} when the
 * server refused it (its words loaded); else null (it went, or none).
 */
export async function alertStanding(draft) {
  const record = draft?.alert?.id && await getRecord(draft.alert.id);
  if (record?.state === 'queued' || record?.state === 'sending') return { queued: true, signIn: Boolean(await getKv('auth_problem')) };
  if (record?.state !== 'rejected' && record?.state !== 'conflict') return null;
  if (hasRefusal(record)) await loadRefusalWords();
  return { refused: record, sites: await listSites() };
}

/**
 * "Not sent: sign in again to send it" with the way to sign in, when only a new sign-in lets it go (never "as soon as
 * the phone is online", which a phone online already is).
 */
export function alertNeedsSignIn(t) {
  return html`<p class="error-box alert-signin" role="alert">${t('home.alert.signin_to_send')}
    <a href="#/signin">${t('action.signin')}</a></p>`;
}

/**
 * "Alert waiting to be sent" (or alertNeedsSignIn), or the refusal with the liaison's number and `again` (a tap sends
 * it anew); else nothing.
 */
export function alertWaiting(standing, t, draft, again) {
  if (standing?.signIn) return alertNeedsSignIn(t);
  if (standing?.queued) return html`<p class="notice alert-waiting" role="status">${t('home.alert.waiting')}</p>`;
  const record = standing?.refused;
  if (!record) return nothing;
  return html`<div class="error-box alert-refused" role="alert"><p>${t('home.alert.refused')}${
    refusalLines(record).map((line) => html`<br>${line}`)}</p>
    ${callButtons(contactsFor(callSite(standing.sites, draft.fields?.site), ['liaison']), t)}
    ${record.state === 'rejected' ? html`<button type="button" class="button" @click=${again}>${t('action.try_again')}</button>`
    : nothing}</div>`;
}
