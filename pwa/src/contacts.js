/**
 * Who the employee may call during an encounter (issue 11): the site's and the department's numbers,
 * pulled with the sites and kept on the phone (IndexedDB), so the buttons work offline: a `tel:` link
 * needs no network of ours, only the phone's own dialler.
 *
 * The roles, in the order the phone offers them, are the core's (rules/vocabulary.json `contact_roles`: the keys
 * of a pulled site's `contacts`). Home and the checklist's "call" steps use these.
 */
import { html, nothing } from 'lit-html';
import vocabulary from './rules/vocabulary.json' with { type: 'json' };

export const CONTACT_ROLES = vocabulary.contact_roles;
// Numbers that belong to the department, the same on every one of its sites.
const DEPARTMENT_ROLES = ['liaison', 'counsel', 'after_hours'];
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The numbers for a site record as pulled ({contacts: {site, site_lead, liaison, counsel, after_hours}}):
 * [{who, tel}], only numbers present and well formed, in `whoList`'s order (every role when null).
 */
export function contactsFor(site, whoList = null) {
  const numbers = site?.contacts || {};
  const wanted = Array.isArray(whoList) ? whoList : CONTACT_ROLES;
  return [...new Set(wanted)].filter((who) => CONTACT_ROLES.includes(who))
    .map((who) => ({ who, tel: typeof numbers[who] === 'string' ? numbers[who].replace(/[\s()-]/g, '') : '' }))
    .filter((c) => E164.test(c.tel));
}

/**
 * The site the calls are for: the draft's site when chosen, else a record holding only the department's
 * numbers (taken from any of its sites), so the liaison and counsel can be called before a site is chosen.
 */
export function callSite(sites, code) {
  const chosen = code ? sites.find((s) => s.code === code) : null;
  if (chosen) return chosen;
  const any = sites.find((s) => s.contacts);
  if (!any) return null;
  return { contacts: Object.fromEntries(DEPARTMENT_ROLES.map((who) => [who, any.contacts[who] ?? null])) };
}

/** Does a step's call list name someone whose number comes with the site (the site, its lead)? */
export function callsSite(whoList) {
  return (whoList || []).some((who) => CONTACT_ROLES.includes(who) && !DEPARTMENT_ROLES.includes(who));
}

/** A number as people read it: North American numbers as +1 213-555-0100, others as stored. */
export function displayNumber(tel) {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(tel);
  return nanp ? `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}` : tel;
}

/** What each button says and where it goes: [{who, href, label, number}]. Pure, for tests. */
export function callLinks(contacts, t) {
  return contacts.map(({ who, tel }) => ({ who, href: `tel:${tel}`, label: t(`call.${who}`), number: displayNumber(tel) }));
}

/**
 * `tel:` buttons for the given contacts (nothing when there are none). A number reads left to right in every
 * language (on a Farsi phone "+1 213-555-0100" would otherwise read "213-555-0100 1+").
 */
export function callButtons(contacts, t) {
  if (!contacts?.length) return nothing;
  return html`<ul class="call-buttons">${callLinks(contacts, t).map((link) => html`
    <li><a class="button call" href=${link.href} data-who=${link.who}>
      <span class="call-who">${link.label}</span> <span class="call-number"><bdi dir="ltr">${link.number}</bdi></span></a></li>`)}</ul>`;
}
