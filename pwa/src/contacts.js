/**
 * Who the employee may call during an encounter (issue 11): the site's and the department's numbers,
 * pulled with the sites and kept on the phone (IndexedDB), so the buttons work offline: a `tel:` link
 * needs no network of ours, only the phone's own dialler.
 *
 * The roles, in the order the phone offers them, are the core's (rules/vocabulary.json `contact_roles`: the keys
 * of a pulled site's `contacts`). Home and the checklist's "call" steps use these. A step may also name the
 * emergency number (`emergency_call`), whose number is the core's too (`emergency_number`): it comes with the
 * app, not with a site, so it is there offline, before any sync and before a site is chosen.
 */
import { html, nothing } from 'lit-html';
import vocabulary from './rules/vocabulary.json' with { type: 'json' };

export const CONTACT_ROLES = vocabulary.contact_roles;
const { emergency_call: EMERGENCY, emergency_number: EMERGENCY_NUMBER, site_contact_roles: SITE_ROLES,
  resident_help_contact: RESIDENT_HELP } = vocabulary;
// Numbers that belong to the department, the same on every one of its sites.
const DEPARTMENT_ROLES = CONTACT_ROLES.filter((who) => !SITE_ROLES.includes(who));
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

/**
 * The department's help line for residents (the card for residents shows it): the number sent with the sites,
 * the same on each of them, as E.164; null when the administrator has not set one. Pure, for tests.
 */
export function residentHelpLine(sites) {
  const tel = (sites || []).map((s) => s?.contacts?.[RESIDENT_HELP]).find((n) => typeof n === 'string' && n);
  const clean = tel ? tel.replace(/[\s()-]/g, '') : '';
  return E164.test(clean) ? clean : null;
}

/** Does a step's call list name someone whose number comes with the site (the site, its lead)? */
export function callsSite(whoList) {
  return (whoList || []).some((who) => SITE_ROLES.includes(who));
}

/** The emergency number as a contact ({who: 'emergency', tel: '911'}) when a step's call list names it, else null. */
export function emergencyCall(whoList) {
  return (whoList || []).includes(EMERGENCY) ? { who: EMERGENCY, tel: EMERGENCY_NUMBER } : null;
}

/**
 * What a step's call block shows (QA: "No number yet" sat beside "Choose your site"), one state at a time:
 * `emergency`, the emergency call or null (always first, whatever else the step waits for); `contacts`, the
 * numbers known now; `say`, one line or null: 'choose_site' while the step calls the site's own people and no
 * site is chosen (the picker is the way forward, not a sync), 'none' when nothing of the step's contacts can
 * be rung and choosing a site would not help. Pure, for tests.
 */
export function callPlan(whoList, sites, code) {
  const contacts = contactsFor(callSite(sites || [], code), whoList);
  const asksContacts = (whoList || []).some((who) => CONTACT_ROLES.includes(who));
  const choose = callsSite(whoList) && !code && (sites || []).length > 0;
  const say = choose ? 'choose_site' : asksContacts && !contacts.length ? 'none' : null;
  return { emergency: emergencyCall(whoList), contacts, say };
}

// An E.164 number's country calling code (ITU): 1 and 7 are one digit, these two, every other three; then the rest.
const COUNTRY = /^\+([17]|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})(\d+)$/;

/**
 * A stored E.164 number as people read it: North American ones as (213) 555-0100, others as +44 207 123 4567
 * (the country code, then groups of three ending in four); anything else as given. The phone's call buttons and
 * every number of the desk's admin tables; the `tel:` link keeps the stored value. Pure, for tests.
 */
export function displayNumber(tel) {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(tel);
  if (nanp) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  const parts = E164.test(tel) && COUNTRY.exec(tel);
  return parts ? `+${parts[1]} ${parts[2].replace(/\B(?=(?:\d{3})*\d{4}$)/g, ' ')}` : tel;
}

/**
 * What each button says and where it goes: [{who, href, label, number}]. Pure, for tests. The emergency
 * button's label holds its number ("Call 911"), so it shows no second one.
 */
export function callLinks(contacts, t) {
  return contacts.map(({ who, tel }) => (who === EMERGENCY
    ? { who, href: `tel:${tel}`, label: t('call.emergency', { number: tel }), number: '' }
    : { who, href: `tel:${tel}`, label: t(`call.${who}`), number: displayNumber(tel) }));
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

/** The emergency number's button: big and red, above everything else a step offers (nothing when not asked). */
export function emergencyButton(call, t) {
  if (!call) return nothing;
  const [link] = callLinks([call], t);
  return html`<p class="call-emergency"><a class="button big danger call" href=${link.href} data-who=${link.who}>
    <span class="call-who">${link.label}</span></a></p>`;
}
