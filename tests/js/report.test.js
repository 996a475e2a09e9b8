/** The body builder and the draft's pure steps (pwa/src/report.js). */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  AGENCIES, AREA_TYPES, CITY_ASSISTANCE_BY, CITY_ASSISTANCE_KINDS, COUNT_FIELDS, DOCUMENT_TYPES, OUTCOMES, REQUESTS,
  STATED_REASONS, STEP_RESULTS, TEXT_FIELDS, YES_NO_FIELDS,
  NOT_BEFORE_START, answerStep, buildBody, draftFromBody, givenStartProblem, missingFields, newDraft, summarize,
  timesBeforeStart, withStart,
} from '../../pwa/src/report.js';
import { localErrors } from '../../pwa/src/components/report-fields.js';
import { t } from '../../pwa/src/i18n.js';
import { dateTime } from '../../pwa/src/components/format.js';

const VERSION = { id: 'v1', steps: [{ id: 'calm' }, { id: 'call' }, { id: 'ask' }] };
const NOW = new Date('2026-11-21T18:30:00.000Z');
const BODY_KEYS = ['site', 'checklist_version_id', 'area_type', 'started_at', 'ended_at', 'agencies', 'requested',
  'document_type', 'outcome', 'stated_reason', 'city_assistance_kinds', 'city_assistance_by', 'steps', 'language',
  ...YES_NO_FIELDS, ...COUNT_FIELDS, ...Object.keys(TEXT_FIELDS),
  'liaison_notified_at'];

function filled() {
  const draft = newDraft(VERSION, { now: new Date('2026-11-21T18:00:00.000Z'), owner: 'u1', language: 'es' });
  draft.fields = { ...draft.fields, site: 'LAPL-CEN', area_type: 'non_public', document_type: 'administrative_warrant',
    agencies: ['ice_ero'], agent_count: '3', vehicle_count: '', notes: '  two grey vans  ', masks: true };
  return draft;
}

test('a new draft starts on the checklist with every field empty and the clock running', () => {
  const draft = newDraft(VERSION, { now: NOW, owner: 'u1' });
  assert.match(draft.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(draft.started_at, NOW.toISOString());
  assert.equal(draft.stage, 'checklist');
  for (const name of YES_NO_FIELDS) assert.equal(draft.fields[name], null);
  for (const name of Object.keys(TEXT_FIELDS)) assert.equal(draft.fields[name], '');
  assert.notEqual(newDraft(VERSION).id, newDraft(VERSION).id);
});

test('answering a step time-stamps it and moves on; the last one opens the report', () => {
  let draft = newDraft(VERSION, { now: NOW });
  draft = answerStep(draft, VERSION, 'calm', 'done', NOW);
  assert.deepEqual(draft.steps.calm, { result: 'done', at: NOW.toISOString() });
  assert.equal(draft.step_index, 1);
  draft = answerStep(answerStep(draft, VERSION, 'call', 'skipped', NOW), VERSION, 'ask', 'not_applicable', NOW);
  assert.equal(draft.stage, 'report');
  assert.equal(draft.step_index, 3);
});

test('site, area type and document type are required before submit', () => {
  const draft = newDraft(VERSION);
  assert.deepEqual(Object.keys(missingFields(draft)).sort(), ['area_type', 'document_type', 'site']);
  assert.deepEqual(missingFields(filled()), {});
});

test('the body trims text, turns counts into numbers (empty is null) and keeps only protocol fields', () => {
  const body = buildBody(filled(), NOW);
  assert.deepEqual(Object.keys(body).sort(), [...BODY_KEYS].sort());
  assert.equal(body.notes, 'two grey vans');
  assert.equal(body.agent_count, 3);
  assert.equal(body.vehicle_count, null);
  assert.equal(body.detained_count, null);
  assert.equal(body.masks, true);
  assert.equal(body.ended_at, null, 'an end the employee did not give is not made up from the submit time');
  assert.equal(body.language, 'es');
  assert.equal('owner' in body || 'id' in body || 'photos' in body || 'location' in body, false);
});

test('the body keeps the times the employee typed, even before the start (the form refuses those; nothing rewrites them)', () => {
  const draft = { ...filled(), ended_at: '2026-11-21T17:00:00.000Z' };
  draft.fields.liaison_notified_at = '2026-11-20T18:00:00.000Z';
  const body = buildBody(draft, NOW);
  assert.equal(body.ended_at, '2026-11-21T17:00:00.000Z');
  assert.equal(body.liaison_notified_at, '2026-11-20T18:00:00.000Z');
});

test('the times that may not be before the start are the core\'s (encounter/form.py NOT_BEFORE_START)', () => {
  assert.deepEqual(NOT_BEFORE_START, ['ended_at', 'liaison_notified_at']);
});

test('a time before the minute the encounter started is refused at its field, with the start time shown', () => {
  const draft = { ...filled(), started_at: '2026-11-21T18:00:42.123Z' };
  assert.deepEqual(timesBeforeStart(draft), [], 'nothing typed, nothing refused');
  // The start's own minute, as the time field gives it, is not before the start; a minute earlier is.
  assert.deepEqual(timesBeforeStart({ ...draft, ended_at: '2026-11-21T18:00:00.000Z' }), []);
  const early = { ...draft, ended_at: '2026-11-21T17:59:00.000Z',
    fields: { ...draft.fields, liaison_notified_at: '2026-11-20T18:30:00.000Z' } };
  assert.deepEqual(timesBeforeStart(early), ['ended_at', 'liaison_notified_at']);
  const errors = localErrors(early);
  const said = t('error.before_start', { start: dateTime(draft.started_at) });
  assert.notEqual(said, 'error.before_start');
  assert.equal(errors.ended_at, said);
  assert.equal(errors.liaison_notified_at, said);
  assert.equal(early.ended_at, '2026-11-21T17:59:00.000Z', 'the typed time is kept for the employee to fix');
  assert.deepEqual(localErrors({ ...draft, ended_at: '2026-11-21T19:00:00.000Z' }).ended_at, undefined);
});

test('a report started live is sent as before: its start is the tap, without start_given', () => {
  const body = buildBody(filled(), NOW);
  assert.equal(body.started_at, '2026-11-21T18:00:00.000Z');
  assert.equal('start_given' in body, false);
});

test('reporting after the agents left: the start given is sent, said given, and the later times checked against it', () => {
  const arrived = '2026-11-21T16:00:00.000Z'; // two hours before the tap at 18:00
  const draft = withStart(filled(), arrived);
  const body = buildBody(draft, NOW);
  assert.equal(body.started_at, arrived);
  assert.equal(body.start_given, true);
  // They left at 17:00: before the tap, after the arrival given, so not refused.
  assert.deepEqual(timesBeforeStart({ ...draft, ended_at: '2026-11-21T17:00:00.000Z' }), []);
  assert.deepEqual(timesBeforeStart({ ...draft, ended_at: '2026-11-21T15:59:00.000Z' }), ['ended_at']);
  // Cleared: back to the tap, no longer given.
  const back = withStart(draft, null);
  assert.equal(back.started_at, '2026-11-21T18:00:00.000Z');
  assert.equal('start_given' in buildBody(back, NOW), false);
  assert.deepEqual(draftFromBody(body).start_given, true, 'a queued body keeps it');
  assert.equal(body.tapped_at, '2026-11-21T18:00:00.000Z', 'the tap goes with it: it bounds the start given');
  assert.equal(draftFromBody(body).tapped_at, body.tapped_at);
});

test('the tap\'s own minute picked again is the tap: not a start given afterwards', () => {
  const draft = { ...filled(), started_at: '2026-11-21T18:00:37.000Z' };
  const again = withStart(draft, '2026-11-21T18:00:00.000Z');
  assert.equal(again.start_given, false);
  assert.equal(again.started_at, '2026-11-21T18:00:37.000Z', 'the tap to the second, as before');
  assert.equal('start_given' in buildBody(again, NOW), false);
  assert.equal(withStart(draft, '2026-11-21T17:59:00.000Z').start_given, true);
});

test('a report written within the bound but sent weeks later is not refused as too old, on the phone or the server', () => {
  const tapped = Date.parse('2026-11-21T18:00:00.000Z');
  const written = withStart({ ...filled(), started_at: new Date(tapped).toISOString() }, new Date(tapped - 2 * 86400000).toISOString());
  const sixWeeksLater = tapped + 42 * 86400000; // the phone was offline; Submit, or the outbox, only now
  assert.equal(givenStartProblem(written, sixWeeksLater), null);
  assert.equal(buildBody(written, NOW).tapped_at, '2026-11-21T18:00:00.000Z');
});

test('a start given in the future or older than the core allows is refused at its field; a tap never is', () => {
  const now = Date.parse('2026-11-21T18:30:00.000Z');
  const at = (minutes) => withStart(filled(), new Date(now + minutes * 60000).toISOString());
  assert.equal(givenStartProblem(at(-120), now), null);
  assert.equal(givenStartProblem(at(5), now), null, 'a phone clock may drift five minutes (encounter/phone_clock.py)');
  assert.equal(givenStartProblem(at(6), now), 'future');
  // Thirty days before the report was written, its Start tap at 18:00 (half an hour before now).
  assert.equal(givenStartProblem(at(-30 * 1440 - 29), now), null);
  assert.equal(givenStartProblem(at(-30 * 1440 - 31), now), 'too_old');
  assert.equal(givenStartProblem({ ...filled(), started_at: '2020-01-01T00:00:00.000Z' }, now), null, 'the tap');
  const said = localErrors(withStart(filled(), '2020-01-01T00:00:00.000Z')).started_at;
  assert.equal(said, t('error.start_too_old', { days: 30 }));
  assert.match(said, /30/);
  assert.equal(localErrors(withStart(filled(), '2099-01-01T00:00:00.000Z')).started_at, t('error.start_future'));
});

test('location and photos ride along only when there are some; the lists are copies', () => {
  const draft = { ...filled(), location: { lat: 34.05, lon: -118.25, accuracy_m: 10 }, photos: [{ sha256: 'a'.repeat(64) }] };
  const body = buildBody(draft, NOW);
  assert.deepEqual(body.location, draft.location);
  assert.deepEqual(body.photos, draft.photos);
  body.agencies.push('hsi');
  assert.deepEqual(draft.fields.agencies, ['ice_ero']);
});

test('the summary kept after the receipt holds no free text', () => {
  const summary = summarize(buildBody(filled(), NOW));
  assert.deepEqual(Object.keys(summary).sort(), ['agencies', 'area_type', 'document_type', 'site', 'started_at']);
});

// Any body the phone can build: drawn from the vocabularies, free text with spaces trimmed.
const iso = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const body = fc.record({
  site: fc.string({ minLength: 1, maxLength: 12 }), checklist_version_id: fc.uuid(), area_type: fc.constantFrom(...AREA_TYPES),
  started_at: iso, agencies: fc.uniqueArray(fc.constantFrom(...AGENCIES)), requested: fc.uniqueArray(fc.constantFrom(...REQUESTS)),
  document_type: fc.constantFrom(...DOCUMENT_TYPES), outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
  stated_reason: fc.option(fc.constantFrom(...STATED_REASONS), { nil: null }),
  city_assistance_kinds: fc.uniqueArray(fc.constantFrom(...CITY_ASSISTANCE_KINDS)),
  city_assistance_by: fc.uniqueArray(fc.constantFrom(...CITY_ASSISTANCE_BY)),
  steps: fc.uniqueArray(fc.record({ step_id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), result: fc.constantFrom(...STEP_RESULTS), at: iso }, { noNullPrototype: true }),
    { selector: (s) => s.step_id, maxLength: 6 }),
  language: fc.constantFrom('en', 'es'), liaison_notified_at: fc.option(iso, { nil: null }),
  yesno: fc.array(fc.constantFrom(true, false, null), { minLength: YES_NO_FIELDS.length, maxLength: YES_NO_FIELDS.length }),
  counts: fc.array(fc.option(fc.nat(99), { nil: null }), { minLength: COUNT_FIELDS.length, maxLength: COUNT_FIELDS.length }),
  texts: fc.array(fc.string({ maxLength: 40 }).map((s) => s.trim()),
    { minLength: Object.keys(TEXT_FIELDS).length, maxLength: Object.keys(TEXT_FIELDS).length }),
  length_s: fc.nat(86400),
}, { noNullPrototype: true }).map(({ yesno, counts, texts, length_s: seconds, ...b }) => {
  const out = { ...b, ended_at: new Date(Date.parse(b.started_at) + seconds * 1000).toISOString() };
  YES_NO_FIELDS.forEach((n, i) => { out[n] = yesno[i]; });
  COUNT_FIELDS.forEach((n, i) => { out[n] = counts[i]; });
  Object.keys(TEXT_FIELDS).forEach((n, i) => { out[n] = texts[i]; });
  return out;
});

test('property: draftFromBody is buildBody\'s inverse (what tests queue is what Submit would send)', () => {
  fc.assert(fc.property(body, fc.uuid(), (b, id) => {
    const draft = draftFromBody(b, { id, owner: 'u1' });
    assert.equal(draft.id, id);
    assert.deepEqual(buildBody(draft, NOW), b);
  }), { numRuns: 500 });
});

test('property: a body is pure data, the same for the same draft and time, and keeps every step', () => {
  fc.assert(fc.property(body, (b) => {
    const draft = draftFromBody(b);
    const once = buildBody(draft, NOW);
    assert.deepEqual(JSON.parse(JSON.stringify(once)), once);
    assert.deepEqual(buildBody(draft, NOW), once);
    assert.equal(once.steps.length, b.steps.length);
  }), { numRuns: 200 });
});
