/**
 * The desk's names of months and weeks in the reader's language: the Gregorian calendar (components/format.js,
 * CALENDAR) with the language's month names and digits. The server's codes ("2026-11", "2026-W49") stay in data
 * attributes and CSVs; the reader sees "November 2026" and "Week of Nov 30, 2026".
 */
import { CALENDAR } from '../../components/format.js';
import { language } from '../../i18n.js';

const DAY = 864e5;

/** Month `month` (0-11) of `year` by name ("November"; "November 2026" with `withYear`), in `lang`. */
export function monthName(year, month, { withYear = false, lang = language() } = {}) {
  return new Intl.DateTimeFormat(lang, { month: 'long', year: withYear ? 'numeric' : undefined, timeZone: 'UTC',
    calendar: CALENDAR }).format(new Date(Date.UTC(year, month, 15)));
}

/** The Monday (midnight UTC) an ISO week ("2026-W49") starts on; null for anything else. */
export function weekStart(code) {
  const week = /^(\d{4})-W(\d\d)$/.exec(String(code ?? ''));
  if (!week) return null;
  const january4 = Date.UTC(Number(week[1]), 0, 4); // ISO week 1 is the one holding 4 January
  const monday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY;
  return new Date(monday + (Number(week[2]) - 1) * 7 * DAY);
}

/** An ISO week as its first day in words ("Week of Nov 30, 2026"), in `lang`; anything else as given. */
export function weekLabel(code, t, lang = language()) {
  const start = weekStart(code);
  if (!start) return String(code ?? '');
  return t('liaison.week_of', { date: new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric',
    timeZone: 'UTC', calendar: CALENDAR }).format(start) });
}
