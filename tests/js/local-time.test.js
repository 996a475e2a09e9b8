/** A typed local time and the instants it means across daylight-saving changes (pwa/src/local-time.js). */
import { inZone } from './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instantsOf, localText, readsTwice, typedProblem } from '../../pwa/src/local-time.js';
import { retyped, withTyped } from '../../pwa/src/report.js';
import { localErrors } from '../../pwa/src/components/report-fields.js';
import { dateTime, timeOfDay } from '../../pwa/src/components/format.js';
import { t } from '../../pwa/src/i18n.js';

const LA = 'America/Los_Angeles';
const iso = (list) => list?.map((ms) => new Date(ms).toISOString());

test('an ordinary time is one instant, in summer and in winter, and reads back as typed', () => {
  assert.deepEqual(iso(instantsOf('2026-07-04T14:05', LA)), ['2026-07-04T21:05:00.000Z']);
  assert.deepEqual(iso(instantsOf('2026-12-06T09:00', LA)), ['2026-12-06T17:00:00.000Z']);
  assert.equal(localText('2026-07-04T21:05:00.000Z', LA), '2026-07-04T14:05');
  assert.equal(localText('2026-12-06T17:00:59.999Z', LA), '2026-12-06T09:00');
  assert.equal(typedProblem('2026-07-04T14:05', LA), null);
});

test('on the night the clocks go back, 01:30 is two instants an hour apart: PDT first, then PST', () => {
  assert.deepEqual(iso(instantsOf('2026-11-01T01:30', LA)), ['2026-11-01T08:30:00.000Z', '2026-11-01T09:30:00.000Z']);
  assert.deepEqual(iso(instantsOf('2026-11-01T01:00', LA)), ['2026-11-01T08:00:00.000Z', '2026-11-01T09:00:00.000Z']);
  assert.deepEqual(iso(instantsOf('2026-11-01T01:59', LA)), ['2026-11-01T08:59:00.000Z', '2026-11-01T09:59:00.000Z']);
  assert.equal(typedProblem('2026-11-01T01:30', LA), 'twice');
  // Both read back as the 01:30 typed, so the field shows the time and asks which.
  assert.equal(localText('2026-11-01T08:30:00.000Z', LA), '2026-11-01T01:30');
  assert.equal(localText('2026-11-01T09:30:00.000Z', LA), '2026-11-01T01:30');
  assert.equal(readsTwice('2026-11-01T09:30:00.000Z', LA), true);
  // The minutes either side of the repeated hour are one instant each.
  assert.deepEqual(iso(instantsOf('2026-11-01T00:59', LA)), ['2026-11-01T07:59:00.000Z']);
  assert.deepEqual(iso(instantsOf('2026-11-01T02:00', LA)), ['2026-11-01T10:00:00.000Z']);
  assert.equal(readsTwice('2026-11-01T10:00:00.000Z', LA), false);
});

/** How many wall-clock readings (formatToParts calls) `fn` makes, and what it returns. */
function readings(fn) {
  const original = Intl.DateTimeFormat.prototype.formatToParts;
  let count = 0;
  Intl.DateTimeFormat.prototype.formatToParts = function counted(...args) { count += 1; return original.apply(this, args); };
  try {
    return { value: fn(), count };
  } finally {
    Intl.DateTimeFormat.prototype.formatToParts = original;
  }
}

test('a time more than a day from a clock change skips the twice check; near one, it still reads as before', () => {
  // Far: two readings for the zone's day, then none for any other time of that day; never "twice".
  const first = readings(() => readsTwice('2026-12-15T20:00:00.000Z', LA));
  assert.deepEqual(first, { value: false, count: 2 });
  assert.deepEqual(readings(() => readsTwice('2026-12-15T03:10:00.000Z', LA)), { value: false, count: 0 });
  // Near: the whole check runs, and 01:30 on the night the clocks go back still names its zone.
  const near = readings(() => readsTwice('2026-11-01T09:30:00.000Z', LA));
  assert.equal(near.value, true);
  assert.ok(near.count > 2, `${near.count} readings`);
  assert.equal(readsTwice('not a date', LA), false);
  // Every half hour of the three days around each change reads exactly as the full check says.
  for (const [zone, from] of [[LA, '2026-10-31T00:00:00Z'], [LA, '2026-03-07T00:00:00Z'], ['Europe/Paris', '2026-10-24T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T00:00:00Z']]) {
    for (let ms = Date.parse(from); ms < Date.parse(from) + 3 * 864e5; ms += 18e5) {
      const at = new Date(ms).toISOString();
      assert.equal(readsTwice(at, zone), instantsOf(localText(at, zone), zone).length > 1, `${at} in ${zone}`);
    }
  }
});

test('on the night the clocks go forward, 02:00 to 02:59 never happened: no instant, never moved to 03:30', () => {
  assert.deepEqual(instantsOf('2026-03-08T02:30', LA), []);
  assert.deepEqual(instantsOf('2026-03-08T02:00', LA), []);
  assert.deepEqual(instantsOf('2026-03-08T02:59', LA), []);
  assert.equal(typedProblem('2026-03-08T02:30', LA), 'missing');
  assert.deepEqual(iso(instantsOf('2026-03-08T01:59', LA)), ['2026-03-08T09:59:00.000Z']);
  assert.deepEqual(iso(instantsOf('2026-03-08T03:00', LA)), ['2026-03-08T10:00:00.000Z']);
  assert.deepEqual(iso(instantsOf('2026-03-08T03:30', LA)), ['2026-03-08T10:30:00.000Z']);
});

test('a zone without daylight saving has one instant for every time on both nights', () => {
  for (const zone of ['UTC', 'America/Phoenix', 'Asia/Tokyo']) {
    for (const typed of ['2026-11-01T01:30', '2026-03-08T02:30']) {
      assert.equal(instantsOf(typed, zone).length, 1, `${typed} in ${zone}`);
      assert.equal(localText(instantsOf(typed, zone)[0], zone), typed);
    }
  }
  assert.deepEqual(iso(instantsOf('2026-03-08T02:30', 'UTC')), ['2026-03-08T02:30:00.000Z']);
});

test('other zones change on their own nights, by their own amounts', () => {
  // Europe goes back on the last Sunday of October at 03:00 local; Lord Howe Island by half an hour.
  assert.equal(instantsOf('2026-10-25T02:30', 'Europe/Paris').length, 2);
  assert.equal(instantsOf('2026-11-01T01:30', 'Europe/Paris').length, 1);
  assert.deepEqual(instantsOf('2026-10-04T02:15', 'Australia/Lord_Howe'), []);
  assert.equal(instantsOf('2026-04-05T01:45', 'Australia/Lord_Howe').length, 2);
});

test('what is not a date and time is no instant at all', () => {
  for (const typed of ['', null, undefined, '2026-11-01', '01:30', 'soon']) assert.equal(instantsOf(typed, LA), null);
  assert.equal(typedProblem('', LA), null);
  assert.equal(localText(null, LA), '');
  assert.equal(localText('', LA), '');
});

test('a typed time kept on the draft blocks the report and says why; choosing or retyping lets it go', () => {
  const draft = { started_at: '2026-11-01T18:00:00.000Z', fields: { site: 'S', area_type: 'public', document_type: 'none',
    agencies: [], requested: ['records'] }, steps: {} };
  assert.deepEqual(localErrors(draft), {});
  const missing = withTyped(draft, 'ended_at', '2026-03-08T02:30');
  assert.deepEqual(missing.typed_times, { ended_at: '2026-03-08T02:30' });
  assert.equal(missing.ended_at, undefined); // nothing is stored as the end while it is not a time
  const twice = withTyped(missing, 'started_at', '2026-11-01T01:30');
  assert.equal(twice.started_at, draft.started_at);
  assert.deepEqual(Object.keys(twice.typed_times).sort(), ['ended_at', 'started_at']);
  const errors = inZone(LA, () => localErrors(twice));
  assert.equal(errors.ended_at, t('time.missing'));
  assert.equal(errors.started_at, t('time.twice'));
  const chosen = withTyped(twice, 'started_at', null);
  assert.deepEqual(chosen.typed_times, { ended_at: '2026-03-08T02:30' });
  assert.equal('typed_times' in withTyped(chosen, 'ended_at', ''), false);
});

test('a time of the repeated hour is shown with its zone, any other without', () => inZone(LA, () => {
  assert.equal(localText('2026-11-01T09:30:00.000Z'), '2026-11-01T01:30'); // the phone's own zone by default
  assert.match(dateTime('2026-11-01T08:30:00.000Z'), /1:30.*PDT/);
  assert.match(dateTime('2026-11-01T09:30:00.000Z'), /1:30.*PST/);
  assert.match(timeOfDay('2026-11-01T09:30:15.000Z'), /1:30:15.*PST/);
  assert.doesNotMatch(dateTime('2026-11-01T10:30:00.000Z'), /P[SD]T/);
}));

test('a year typed short (26 for 2026) stays that year, refused as too old, never moved to 1926', () => {
  const [at] = instantsOf('0026-11-01T10:00', 'UTC');
  assert.equal(new Date(at).getUTCFullYear(), 26);
  assert.equal(localText(at, 'UTC'), '0026-11-01T10:00');
  assert.equal(localText(instantsOf('0099-03-08T02:30', LA)[0], LA), '0099-03-08T02:30');
});

test('a time kept as typed is said as it is in the zone the phone is in now, not in the zone it was typed in', () => {
  const draft = withTyped({ started_at: '2026-11-01T18:00:00.000Z', fields: {}, steps: {} }, 'ended_at', '2026-11-01T01:30');
  assert.equal(inZone(LA, () => localErrors(draft)).ended_at, t('time.twice'));
  assert.equal(inZone('America/Denver', () => localErrors(draft)).ended_at, t('time.twice')); // its own two 01:30s
  // In Phoenix (no daylight saving) 01:30 happened once: not "happened twice", nor "did not happen".
  assert.equal(inZone('America/Phoenix', () => localErrors(draft)).ended_at, undefined);
  const never = withTyped(draft, 'ended_at', '2026-03-08T02:30');
  assert.equal(inZone('America/Denver', () => localErrors(never)).ended_at, t('time.missing'));
  assert.equal(inZone('Asia/Tokyo', () => localErrors(never)).ended_at, undefined);
});

test('read again in a zone where it is one instant, a kept time becomes that instant, as typing it there would', () => {
  const draft = { started_at: '2026-11-01T18:00:00.000Z', tapped_at: '2026-11-01T18:00:00.000Z', start_given: false,
    fields: { site: 'S' }, steps: {} };
  const kept = withTyped(withTyped(withTyped(draft, 'ended_at', '2026-11-01T01:30'), 'started_at', '2026-11-01T01:10'),
    'liaison_notified_at', '2026-03-08T02:30');
  assert.equal(retyped(kept, LA), kept); // still two, two and none there: nothing moves
  const phoenix = retyped(kept, 'America/Phoenix');
  assert.equal(phoenix.ended_at, '2026-11-01T08:30:00.000Z');
  assert.equal(phoenix.started_at, '2026-11-01T08:10:00.000Z');
  assert.equal(phoenix.start_given, true); // a start given afterwards, the tap kept beside it
  assert.equal(phoenix.tapped_at, draft.tapped_at);
  assert.equal(phoenix.fields.liaison_notified_at, '2026-03-08T09:30:00.000Z');
  assert.deepEqual(phoenix.fields.site, 'S');
  assert.equal('typed_times' in phoenix, false);
  const denver = retyped(kept, 'America/Denver'); // twice and never there too, but 01:10 is as ambiguous as 01:30
  assert.deepEqual(denver.typed_times, kept.typed_times);
  assert.equal('typed_times' in retyped(kept, 'Asia/Tokyo'), false); // no daylight saving: each is one instant
});
