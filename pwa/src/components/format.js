/** Small helpers every screen uses: local times, plurals, the document title. */
import { has, language, t } from '../i18n.js';
import { readsTwice } from '../local-time.js';

/**
 * Every date in the Gregorian calendar, whatever the language: Intl's default for Farsi is the Solar Hijri one
 * ("۱۴ آذر ۱۴۰۵"), while the warrant in the agent's hand, the City's records and the courts' all use Gregorian
 * dates, and an employee or liaison must be able to line them up. The language still names the month and
 * writes the digits.
 */
export const CALENDAR = 'gregory';

// On the night the clocks go back, "1:30 AM" is two times an hour apart: such a time names its zone (PDT or PST).
const TWICE = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/** A local date and time ("Mar 3, 2026, 10:42 AM") in the current language; '' for none. */
export function dateTime(iso, { seconds = false } = {}) {
  if (!iso) return '';
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return '';
  return new Intl.DateTimeFormat(language(), { ...(readsTwice(iso) ? { ...TWICE, year: 'numeric', month: 'short',
    day: 'numeric', second: seconds ? '2-digit' : undefined } : { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' }),
  calendar: CALENDAR }).format(when);
}


/** A local time of day with seconds ("10:42:13 AM"): step answers happen minutes apart. */
export function timeOfDay(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language(), { ...(readsTwice(iso) ? { ...TWICE, second: '2-digit' } : { timeStyle: 'medium' }),
    calendar: CALENDAR }).format(new Date(iso));
}

/**
 * Translate a counted message by the language's plural rules (Intl.PluralRules): `${key}.few`
 * in Russian, say; a category the catalog lacks falls back to `.one` for 1 and `.other`.
 */
export function plural(key, count, params = {}) {
  const category = new Intl.PluralRules(language()).select(count);
  const found = has(`${key}.${category}`) ? category : (count === 1 ? 'one' : 'other');
  return t(`${key}.${found}`, { count, ...params });
}

/**
 * Set the browser tab / screen-reader page title for the screen shown. `root`: the screen's frame (src/frame.js);
 * a screen the user has already left (its frame no longer on the page) leaves the title to the one shown.
 */
export function setTitle(text, root = null) {
  if (root && !root.isConnected) return;
  // Home's heading is the app's name: said twice, a screen reader would read "Encounter Log · Encounter Log".
  document.title = text === t('app.name') ? text : `${text} · ${t('app.name')}`;
}
