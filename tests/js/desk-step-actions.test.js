/**
 * The trainer's controls for what a step does on the phone (desk/components/step-actions.js): whom it calls and
 * what it records, every choice the core's vocabulary has and no other, each with its words in the catalogs.
 */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { CALL_TARGETS, NOTE_FIELDS, STEP_CAPTURES, unknown, withCall, withCapture, withField } from '../../pwa/src/desk/components/step-actions.js';
import phone from '../../pwa/src/messages/en.js';
import desk from '../../pwa/src/desk/messages/en.js';

const vocabulary = JSON.parse(await readFile(new URL('../../pwa/src/rules/vocabulary.json', import.meta.url), 'utf8'));

describe('the choices come from the vocabulary', () => {
  test('every call target, capture and note field the server accepts, in its order, 911 first', () => {
    assert.deepEqual(CALL_TARGETS, vocabulary.call_targets);
    assert.equal(CALL_TARGETS[0], vocabulary.emergency_call);
    assert.deepEqual(STEP_CAPTURES, vocabulary.step_captures);
    assert.deepEqual(NOTE_FIELDS, vocabulary.note_fields);
  });

  test('each choice has its words: the phone button\'s for a call, the trainer\'s for a capture, the form\'s for a field', () => {
    for (const who of CALL_TARGETS) assert.ok(phone[`call.${who}`], `call.${who}`);
    for (const capture of ['none', ...STEP_CAPTURES]) assert.ok(desk[`trainer.editor.capture.${capture}`], capture);
    for (const name of NOTE_FIELDS) assert.ok(phone[`field.${name}`], `field.${name}`);
  });
});

describe('ticking whom a step calls', () => {
  test('a site contact added to a step keeps the vocabulary\'s order, the emergency number first', () => {
    assert.deepEqual(withCall(['liaison'], 'site_lead', true), ['site_lead', 'liaison']);
    assert.deepEqual(withCall(['site_lead', 'liaison'], 'emergency', true), ['emergency', 'site_lead', 'liaison']);
    assert.deepEqual(withCall(['emergency', 'counsel'], 'emergency', false), ['counsel']);
    assert.deepEqual(withCall(undefined, 'site', true), ['site']);
  });

  test('a step left calling no one has no call list (an empty one is refused), and ticking twice lists once', () => {
    assert.equal(withCall(['counsel'], 'counsel', false), undefined);
    assert.deepEqual(withCall(['counsel'], 'counsel', true), ['counsel']);
  });

  test('a name the vocabulary does not have stays, last, until it is unticked itself', () => {
    assert.deepEqual(withCall(['mayor', 'counsel'], 'liaison', true), ['liaison', 'counsel', 'mayor']);
    assert.deepEqual(withCall(['mayor', 'counsel'], 'mayor', false), ['counsel']);
    assert.deepEqual(unknown(CALL_TARGETS, ['site', 'mayor']), ['mayor']);
    assert.deepEqual(unknown(STEP_CAPTURES, ['note', '', undefined]), []);
  });
});

describe('choosing what a step records', () => {
  test('a document photo or the agents\' names name no report field; none takes the capture away', () => {
    assert.deepEqual(withCapture({ call: ['counsel'], capture: 'note', field: 'notes' }, 'document_photo'),
      { call: ['counsel'], capture: 'document_photo' });
    assert.deepEqual(withCapture({ capture: 'note', field: 'notes' }, 'agents'), { capture: 'agents' });
    assert.deepEqual(withCapture({ call: ['site'], capture: 'agents' }, ''), { call: ['site'] });
  });

  test('a note keeps the field it names and the trainer picks it', () => {
    assert.deepEqual(withCapture({}, 'note'), { capture: 'note' });
    assert.deepEqual(withField({ capture: 'note' }, 'stated_purpose'), { capture: 'note', field: 'stated_purpose' });
    assert.deepEqual(withField({ capture: 'note', field: 'notes' }, ''), { capture: 'note' });
  });
});
