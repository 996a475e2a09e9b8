/**
 * The desk's "never collect" door on triage text (pwa/src/desk/components/liaison-door.js): the
 * phone's pattern set marks a liaison's words before sending, a server refusal is marked by its
 * offsets, and one action takes every marked word out.
 */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../pwa/src/api.js';
import { checkedFields, doorTool, refusedSpans } from '../../pwa/src/desk/components/liaison-door.js';
import { findSpans, removeSpans } from '../../pwa/src/sensitive.js';

const FLAGGED = 'Mother is undocumented, born 03/04/1988, Salvadoran.';
const CLEAN = 'Called the site lead; the agents left by the loading dock.';

describe('the desk door', () => {
  test('a note, a question, a reason and a resolution are checked; an assignment is not', () => {
    assert.deepEqual(checkedFields('note', { text: FLAGGED }), ['text']);
    assert.deepEqual(checkedFields('question', { text: FLAGGED }), ['text']);
    assert.deepEqual(checkedFields('status', { to: 'closed', resolution: CLEAN }), ['resolution']);
    assert.deepEqual(checkedFields('status', { to: 'in_review', reason: CLEAN }), ['reason']);
    assert.deepEqual(checkedFields('assign', { user_id: 3 }), []);
  });

  test('flagged text is held before sending and marked; clean text goes', () => {
    const door = doorTool(() => {});
    assert.equal(door.hold('note', { text: FLAGGED }), true);
    assert.deepEqual(door.spans('note', 'text'), findSpans(FLAGGED, 'text'));
    assert.equal(door.text('note', 'text'), FLAGGED);
    assert.equal(door.hold('question', { text: CLEAN }), false);
  });

  test('removing every marked word leaves text the door accepts, and the rest of what was typed', () => {
    const door = doorTool(() => {});
    door.typed('note', 'text', FLAGGED);
    door.removeAll('note', 'text');
    const rest = door.text('note', 'text');
    assert.deepEqual(findSpans(rest, 'text'), []);
    assert.deepEqual(door.spans('note', 'text'), []);
    assert.equal(rest, 'Mother is.');
    assert.equal(removeSpans(CLEAN, []), CLEAN);
  });

  test('the server\'s refusal is marked by its offsets, field by field, and sending clears the form', () => {
    const spans = findSpans(FLAGGED, 'reason').map((s) => ({ field: 'reason', ...s }));
    const error = new ApiError(422, { reason: 'sensitive_text', errors: { reason: ['…'], spans } });
    assert.deepEqual(refusedSpans(error), spans);
    assert.equal(refusedSpans(new ApiError(422, { reason: 'invalid', errors: { json: {} } })), null);
    const door = doorTool(() => {});
    door.refused('status', { to: 'in_review', reason: FLAGGED }, spans);
    assert.deepEqual(door.spans('status', 'reason'), spans.map(({ start, end, kind }) => ({ start, end, kind })));
    door.clear('status');
    assert.equal(door.text('status', 'reason'), '');
  });
});
