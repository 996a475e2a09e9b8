/**
 * The desk's "never collect" door on triage text (pwa/src/desk/components/liaison-door.js): the
 * phone's pattern set marks a liaison's words before sending, a server refusal is marked by its
 * offsets, and one action takes every marked word out; a name it cannot tell waits for the liaison's call.
 */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../pwa/src/api.js';
import { checkedFields, doorTool, refusedSpans } from '../../pwa/src/desk/components/liaison-door.js';
import { findSpans, removeSpans } from '../../pwa/src/sensitive.js';

const FLAGGED = 'Mother is undocumented, born 03/04/1988, Salvadoran.';
const CLEAN = 'Called the site lead; the agents left by the loading dock.';
const ASKED = 'Was it Tomas Reyes who let them in, and did Maria Gonzalez leave with them?';

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
    assert.equal(door.hold('note', { text: FLAGGED }), 'liaison.door.not_sent');
    assert.deepEqual(door.spans('note', 'text'), findSpans(FLAGGED, 'text'));
    assert.equal(door.text('note', 'text'), FLAGGED);
    assert.equal(door.hold('question', { text: CLEAN }), null);
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

  test('a name the door cannot tell holds the send until the liaison removes it or keeps it, once', () => {
    const door = doorTool(() => {});
    door.typed('question', 'text', ASKED);
    const [staff, resident] = door.spans('question', 'text');
    assert.equal(staff.ask && resident.ask, true);
    assert.equal(door.hold('question', { text: ASKED }), 'liaison.door.not_sent_ask');
    door.keep('question', 'text', staff);
    assert.deepEqual(door.spans('question', 'text'), [resident]);
    door.remove('question', 'text', resident);
    assert.deepEqual(door.spans('question', 'text'), []);
    const sent = door.text('question', 'text');
    assert.equal(sent, 'Was it Tomas Reyes who let them in, and did leave with them?');
    assert.equal(door.hold('question', { text: sent }), null, 'the kept name is not asked about again');
    door.clear('question');
    door.typed('question', 'text', ASKED);
    assert.equal(door.spans('question', 'text').length, 2, 'a new question asks afresh');
  });

  test('keeping cannot let through what the server refuses', () => {
    const door = doorTool(() => {});
    door.typed('note', 'text', FLAGGED);
    const [first] = door.spans('note', 'text');
    door.keep('note', 'text', first);
    assert.deepEqual(door.spans('note', 'text'), findSpans(FLAGGED, 'text'));
    assert.equal(door.hold('note', { text: FLAGGED }), 'liaison.door.not_sent');
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

  test('a send forgets only the drafts it carried: a resolution typed before Acknowledge stays', () => {
    const door = doorTool(() => {});
    door.typed('status', 'resolution', 'Agents left.');
    door.clear('status', checkedFields('status', { to: 'acknowledged' }));
    assert.equal(door.text('status', 'resolution'), 'Agents left.');
    door.clear('status', checkedFields('status', { to: 'closed', resolution: 'Agents left.' }));
    assert.equal(door.text('status', 'resolution'), '');
  });
});
