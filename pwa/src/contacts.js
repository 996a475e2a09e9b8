/**
 * Who the employee may call during an encounter (issue 11): the site's and the department's numbers,
 * pulled with the sites and kept on the phone for offline use.
 * Contract stub: the checklist-steps work fills these in; Home and the checklist's "call" steps use them.
 */
import { nothing } from 'lit-html';

/** The numbers for a site record as pulled ({contacts: {site, site_lead, liaison, counsel, after_hours}}): [{who, tel}]. */
export function contactsFor(site, whoList = null) { // eslint-disable-line no-unused-vars
  return [];
}

/** `tel:` buttons for the given contacts. */
export function callButtons(contacts, t) { // eslint-disable-line no-unused-vars
  return nothing;
}
