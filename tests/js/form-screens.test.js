/** The report form's screens as plain logic (pwa/src/components/form-screens.js). */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import FORM from '../../pwa/src/rules/form.json' with { type: 'json' };
import { SCREENS, answered, fieldsOf, missingOn, nextScreen, progressOf, screenFor, shownErrors }
  from '../../pwa/src/components/form-screens.js';
import { newDraft, withStart } from '../../pwa/src/report.js';

const VERSION = { id: 'v1', steps: [{ id: 'calm' }] };

test('the short screen comes first and holds the core\'s short fields; the sections follow in the core\'s order', () => {
  assert.deepEqual(SCREENS, ['short', ...FORM.sections.map(([id]) => id)]);
  assert.deepEqual(fieldsOf('short'), FORM.short);
  assert.equal(nextScreen('short'), FORM.sections[0][0]);
  assert.equal(nextScreen(SCREENS.at(-1)), undefined);
});

test('the screen that opens: the route\'s, else the one of a field asked for, else where the draft was left', () => {
  const draft = { ...newDraft(VERSION), section: 'agents' };
  assert.equal(screenFor(draft, 'outcome', 'photos'), 'outcome');
  assert.equal(screenFor(draft, undefined, 'photos'), 'document');
  assert.equal(screenFor(draft, undefined, 'site'), 'short');
  assert.equal(screenFor(draft, undefined, undefined), 'agents');
  assert.equal(screenFor(newDraft(VERSION), 'nonsense', undefined), 'short');
});

test('a required field shows "Required" only once left or after a submit; a bad count at once', () => {
  const local = { site: 'Required', document_type: 'Required', agent_count: 'Whole number' };
  assert.deepEqual(shownErrors({ local }), { agent_count: 'Whole number' });
  assert.deepEqual(shownErrors({ local, left: new Set(['site']) }), { site: 'Required', agent_count: 'Whole number' });
  assert.deepEqual(Object.keys(shownErrors({ local, showAll: true })).sort(), ['agent_count', 'document_type', 'site']);
  assert.deepEqual(shownErrors({ server: { notes: 'too long' }, local: {} }), { notes: 'too long' });
  assert.deepEqual(missingOn('short', local), ['site', 'document_type']);
  assert.deepEqual(missingOn('agents', local), []);
});

test('a section counts the answers it holds: no, zero and a photo count; empty text and lists do not', () => {
  const draft = newDraft(VERSION);
  assert.deepEqual(progressOf('short', draft), { count: 0, total: FORM.short.length });
  draft.fields = { ...draft.fields, site: 'lapl-central', requested: ['records'], masks: false, agent_count: '0', notes: '' };
  draft.photos = [{ sha256: 'a'.repeat(64) }];
  assert.equal(progressOf('short', draft).count, 2);
  assert.ok(answered('masks', draft) && answered('agent_count', draft) && answered('photos', draft));
  assert.ok(!answered('notes', draft) && !answered('agencies', draft) && !answered('ended_at', draft));
});

test('the start counts as answered on "Where and when" only once the employee gave it, not for the Start tap', () => {
  const draft = newDraft(VERSION);
  assert.deepEqual(progressOf('where', draft), { count: 0, total: 2 });
  assert.deepEqual(progressOf('where', withStart(draft, '2026-11-21T16:00:00.000Z')), { count: 1, total: 2 });
});
