/**
 * Two tabs on one draft (src/draft-merge.js): a save keeps what another tab stored meanwhile wherever this
 * tab changed nothing since it last read the draft, and its own changes wherever it did.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeDraft } from '../../pwa/src/draft-merge.js';

const base = {
  id: 'd1', stage: 'checklist', step_index: 1, updated_at: '2026-12-06T10:00:00Z',
  fields: { site: 'LAPL-CEN', notes: 'Two agents' }, steps: { 'step-1': { result: 'done' } },
};

describe('mergeDraft', () => {
  test('a field another tab changed is kept when this tab changed a different one', () => {
    const stored = { ...base, fields: { ...base.fields, notes: 'Two agents at the east door' } };
    const draft = { ...base, fields: { ...base.fields, site: 'LAPL-ECH' } };
    assert.deepEqual(mergeDraft(base, stored, draft).fields, { site: 'LAPL-ECH', notes: 'Two agents at the east door' });
  });

  test('an answer another tab gave is kept beside the one this tab gave', () => {
    const stored = { ...base, steps: { ...base.steps, 'step-2': { result: 'done' } } };
    const draft = { ...base, steps: { ...base.steps, 'step-3': { result: 'skipped' } } };
    assert.deepEqual(Object.keys(mergeDraft(base, stored, draft).steps).sort(), ['step-1', 'step-2', 'step-3']);
  });

  test('where both tabs changed the same field, this later save wins', () => {
    const stored = { ...base, fields: { ...base.fields, notes: 'theirs' } };
    const draft = { ...base, fields: { ...base.fields, notes: 'mine' } };
    assert.equal(mergeDraft(base, stored, draft).fields.notes, 'mine');
  });

  test('a field this tab emptied stays empty, and one the other tab removed stays removed', () => {
    const stored = { ...base, fields: { notes: 'Two agents' } }; // the other tab took the site off
    const draft = { ...base, fields: { ...base.fields, notes: '' } };
    assert.deepEqual(mergeDraft(base, stored, draft).fields, { notes: '' });
  });

  test('where the employee is belongs to this tab, even when the other tab moved on', () => {
    const stored = { ...base, step_index: 5, stage: 'report' };
    const out = mergeDraft(base, stored, { ...base, step_index: 2 });
    assert.equal(out.step_index, 2);
    assert.equal(out.stage, 'checklist');
  });

  test('the alert\'s mark is never taken off, even by a tab that never read the draft', () => {
    const stored = { ...base, alert: { id: 'a1', queued_at: '2026-12-06T10:01:00Z' } };
    assert.deepEqual(mergeDraft(base, stored, { ...base }).alert, stored.alert);
    assert.deepEqual(mergeDraft(undefined, stored, { ...base }).alert, stored.alert);
  });

  test('a copy this tab never read is stored as it is, and a new draft too', () => {
    const stored = { ...base, fields: { notes: 'theirs' } };
    const draft = { ...base, fields: { notes: 'mine' } };
    assert.equal(mergeDraft(undefined, stored, draft), draft);
    assert.equal(mergeDraft(undefined, undefined, draft), draft);
  });
});

describe('mergeDraft: the start and the photos', () => {
  test('the start, whether it was given and the tap go together: a start given here is not said to be the tap', () => {
    const tapped = { ...base, started_at: '2026-12-06T10:00:00Z' };
    const given = { ...tapped, started_at: '2026-12-06T07:00:00Z', start_given: true, tapped_at: tapped.started_at };
    const cleared = { ...tapped, start_given: false, tapped_at: tapped.started_at };
    const out = mergeDraft(tapped, cleared, given); // the other tab cleared it, this one gave a start
    assert.deepEqual([out.started_at, out.start_given, out.tapped_at], [given.started_at, true, tapped.started_at]);
    const kept = mergeDraft(tapped, given, { ...tapped, step_index: 4 }); // this tab changed none of them
    assert.deepEqual([kept.started_at, kept.start_given], [given.started_at, true]);
  });

  test('a photo removed in one tab and one added in the other: the removed stays out, the added comes in', () => {
    const a = { sha256: 'a'.repeat(64) }; const b = { sha256: 'b'.repeat(64) }; const c = { sha256: 'c'.repeat(64) };
    const had = { ...base, photos: [a, b] };
    const out = mergeDraft(had, { ...had, photos: [a] }, { ...had, photos: [a, b, c] });
    assert.deepEqual(out.photos.map((p) => p.sha256[0]), ['a', 'c']);
    const theirs = mergeDraft(had, { ...had, photos: [a, b, c] }, { ...had, photos: [b] }); // this tab removed a
    assert.deepEqual(theirs.photos.map((p) => p.sha256[0]), ['b', 'c']);
  });
});

describe('mergeDraft: times typed that are not one instant yet (src/report.js withTyped)', () => {
  const start = '2026-11-01T01:30';
  const end = '2026-03-08T02:30';

  test('a time typed in one tab is kept when the other tab types one in another field', () => {
    const stored = { ...base, typed_times: { started_at: start } };
    const draft = { ...base, typed_times: { ended_at: end } };
    assert.deepEqual(mergeDraft(base, stored, draft).typed_times, { started_at: start, ended_at: end });
  });

  test('a time this tab settled leaves no typed text behind, and the other tab\'s typed time stays', () => {
    const both = { ...base, typed_times: { started_at: start, ended_at: end } };
    const stored = { ...both, typed_times: { started_at: start, ended_at: '2026-03-08T02:45' } };
    const draft = { ...both, typed_times: { ended_at: end } }; // this tab chose which 01:30
    assert.deepEqual(mergeDraft(both, stored, draft).typed_times, { ended_at: '2026-03-08T02:45' });
    const settled = mergeDraft(both, { ...both, typed_times: { started_at: start } }, { ...both, typed_times: { ended_at: end } });
    assert.equal('typed_times' in settled, false);
  });
});
