/**
 * Where the encounter's "Agents here now" stands, on the checklist and the report form: "has not been sent
 * yet" while it waits for a site (src/alert.js alertWaitsForSite), with a link to Home's alert route, which
 * asks for the site and sends; "waiting to be sent" while it is queued in the outbox (offline). The employee
 * is never left believing the liaison was told.
 */
import { html, nothing } from 'lit-html';
import { alertWaitsForSite } from '../alert.js';
import { getRecord } from '../outbox.js';

/** The notice for `draft`, or nothing when its alert went (or was never asked for). */
export function alertNotSent(draft, t) {
  if (!alertWaitsForSite(draft)) return nothing;
  return html`<p class="warning-box alert-not-sent">${t('home.alert.not_sent')}
    <a href="#/alert">${t('alert.not_sent.link')}</a></p>`;
}

/** Whether the alert of `draft` is still in the outbox unsent (queued, or a push not yet answered). */
export async function alertQueued(draft) {
  if (!draft?.alert?.id) return false;
  const record = await getRecord(draft.alert.id);
  return record?.state === 'queued' || record?.state === 'sending';
}

/** "Alert waiting to be sent", when `queued` (alertQueued's answer), else nothing. */
export function alertWaiting(queued, t) {
  return queued ? html`<p class="notice alert-waiting" role="status">${t('home.alert.waiting')}</p>` : nothing;
}
