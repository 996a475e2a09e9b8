/**
 * "The alert has not been sent yet": on the checklist and the report form while the encounter's
 * "Agents here now" waits for a site (src/alert.js alertWaitsForSite). The link opens Home's alert
 * route, which asks for the site and sends; the employee is never left believing the liaison was told.
 */
import { html, nothing } from 'lit-html';
import { alertWaitsForSite } from '../alert.js';

/** The notice for `draft`, or nothing when its alert went (or was never asked for). */
export function alertNotSent(draft, t) {
  if (!alertWaitsForSite(draft)) return nothing;
  return html`<p class="warning-box alert-not-sent">${t('home.alert.not_sent')}
    <a href="#/alert">${t('alert.not_sent.link')}</a></p>`;
}
