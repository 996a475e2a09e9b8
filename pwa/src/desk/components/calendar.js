/**
 * The desk's names of days, months and weeks in the reader's language: the Gregorian calendar
 * (components/format.js, CALENDAR) with the language's month names and digits. The server's codes ("2026-11-09",
 * "2026-11", "2026-W49") stay in data attributes and CSVs; the reader sees "Nov 9, 2026", "November 2026" and
 * "Week of Nov 30, 2026". A day, month or week is a span of the calendar, not a moment: each is read at UTC, so no
 * time zone moves it to the day before.
 */
import { CALENDAR } from '../../components/format.js';
import { language } from '../../i18n.js';
import city from '../../rules/city.json' with { type: 'json' };

const DAY = 864e5;
const CITY_DAY = new Intl.DateTimeFormat('en-US', { timeZone: city.zone, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The City's day ("2026-12-07", Los Angeles time: encounter/city.py) at moment `now`, as the server counts days:
 * a file downloaded at 5 pm Pacific is named today, not tomorrow (UTC's day).
 */
export function cityDay(now = new Date()) {
  const part = Object.fromEntries(CITY_DAY.formatToParts(now).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}`;
}

/**
 * The City's quarter ({year, quarter: 1-4}) at moment `now`, on the Los Angeles calendar (as the server's
 * server/reports/quarterly.py quarter_ended): a desk in another zone reads the same quarter as the City.
 */
export function cityQuarter(now = new Date()) {
  const [year, month] = cityDay(now).split('-').map(Number);
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/** A formatter of calendar dates in `lang`: Gregorian, read at UTC. */
const dates = (lang, options) => new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC', calendar: CALENDAR });

/**
 * A calendar day ("2026-11-09", or a Date at midnight UTC) as a date in `lang` ("Nov 9, 2026"), written as
 * components/format.js `dateTime` writes a moment's date (dateStyle medium); anything else as given.
 */
export function calendarDay(day, lang = language()) {
  const when = day instanceof Date ? day : new Date(`${day}T00:00:00Z`);
  // "2026-02-30" would be read as 2 March: only a day that names itself back is one.
  const real = !Number.isNaN(when.getTime()) && (day instanceof Date || when.toISOString().slice(0, 10) === day);
  if (!real) return String(day ?? '');
  return dates(lang, { dateStyle: 'medium' }).format(when);
}

/** Month `month` (0-11) of `year` by name ("November"; "November 2026" with `withYear`), in `lang`. */
export function monthName(year, month, { withYear = false, lang = language() } = {}) {
  return dates(lang, { month: 'long', year: withYear ? 'numeric' : undefined }).format(new Date(Date.UTC(year, month, 15)));
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
  return start ? t('liaison.week_of', { date: calendarDay(start, lang) }) : String(code ?? '');
}
