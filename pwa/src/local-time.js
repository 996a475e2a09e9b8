/**
 * A local date and time as typed ("2026-11-01T01:30", a datetime-local field's value) and the instants it can
 * mean in a time zone: two on the night the clocks go back (01:30 happens twice), none on the night they go
 * forward (02:30 never happens), else one. `new Date(typed)` picked one of the two silently and moved a time
 * that never happened an hour on; the form asks instead (docs/decisions.md, "Typed local times across
 * daylight-saving changes"). Pure: the zone is the phone's own unless one is given (the tests give several).
 */
const formats = new Map();

/** The phone's own time zone (IANA name, as the browser or Chromium's emulation says). */
export const phoneZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Date.UTC without its rule that years 0-99 are 1900-1999: a year typed as 26 is 26 (refused as too old), not 1926. */
const utc = (year, ...rest) => new Date(Date.UTC(2000, ...rest)).setUTCFullYear(year);

/** The wall-clock reading of instant `ms` in `zone`, as milliseconds of the same reading in UTC. */
function wallOf(ms, zone) {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(ms).map(({ type, value }) => [type, Number(value)]));
  return utc(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** An instant (ISO text or ms) as a datetime-local value in `zone`, to the minute; '' for none. */
export function localText(instant, zone = phoneZone()) {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant;
  return instant == null || instant === '' || Number.isNaN(ms) ? '' : new Date(wallOf(ms, zone)).toISOString().slice(0, 16);
}

/**
 * The instants (ms, earlier first) whose local time in `zone` reads `typed`: one, two (the first before the
 * clocks went back, the second after) or none (it did not exist); null when `typed` is not a date and time.
 * Each is found from the zone's offset a day either side, which holds one change at most.
 */
export function instantsOf(typed, zone = phoneZone()) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(typed || '');
  if (!m) return null;
  const wall = utc(+m[1], m[2] - 1, m[3], m[4], m[5], m[6] || 0);
  const found = new Set();
  for (const near of [wall - 864e5, wall + 864e5]) {
    const at = wall - (wallOf(near, zone) - near);
    if (wallOf(at, zone) === wall) found.add(at);
  }
  return [...found].sort((a, b) => a - b);
}

/** Why a typed time cannot be one instant: 'missing' (it did not exist), 'twice' (choose which), else null. */
export function typedProblem(typed, zone = phoneZone()) {
  const count = instantsOf(typed, zone)?.length;
  return count === 0 ? 'missing' : count > 1 ? 'twice' : null;
}

// Per zone and UTC day: does the zone keep one offset from 26 hours before the day to 26 hours after it?
const steady = new Map();

/**
 * True when instant `iso` reads the same as another instant of the same night in `zone` (show which one).
 * An instant more than a day from any clock change never does: the zone's offset 26 hours before its UTC day then
 * equals the one 26 hours after (two changes within three days, which no zone makes, would cancel out). That takes
 * two readings per zone and day, cached, so a queue's dates cost a Map lookup each instead of four readings.
 */
export function readsTwice(iso, zone = phoneZone()) {
  const day = Math.floor(Date.parse(iso) / 864e5);
  const key = `${zone} ${day}`;
  if (!steady.has(key)) {
    const offset = (at) => wallOf(at, zone) - at;
    steady.set(key, Number.isNaN(day) || offset(day * 864e5 - 936e5) === offset(day * 864e5 + 1800e5)); // no date: no
  }
  return !steady.get(key) && (instantsOf(localText(iso, zone), zone)?.length || 0) > 1;
}
