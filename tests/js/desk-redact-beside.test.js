/**
 * The texts beside a report that the desk offers to redact (pwa/src/desk/components/liaison-redact.js
 * besideTexts): which ones, in what order, and what each asks the server (docs/desk-api.md, redactions).
 */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { besideTexts } from '../../pwa/src/desk/components/liaison-redact.js';

const t = (key) => key;
const at = '2026-11-21T09:30:00Z';

test('notes, questions with their answers, then move reasons and resolutions; empty texts left out', () => {
  const detail = {
    notes: [{ id: 'n1', at, text: 'Called counsel.' }, { id: 'n2', at, text: '' }],
    followups: [{ id: 'q1', asked_at: at, question: 'Where?', answers: [{ id: 'a1', answered_at: at, text: 'Dock.' }] }],
    triage: [{ id: 'e1', at, details: { reason: 'Wrong site', resolution: 'Done.' } }, { id: 'e2', at, details: {} }],
  };
  const texts = besideTexts(detail, t);
  assert.deepEqual(texts.map(({ target, id, field, text }) => [target, id, field, text]), [
    ['note', 'n1', 'text', 'Called counsel.'], ['question', 'q1', 'question', 'Where?'], ['answer', 'a1', 'text', 'Dock.'],
    ['triage', 'e1', 'reason', 'Wrong site'], ['triage', 'e1', 'resolution', 'Done.']]);
  assert.deepEqual(texts.map((x) => x.label), ['retention.text.note', 'retention.text.question', 'retention.text.answer',
    'retention.text.reason', 'retention.text.resolution']);
  assert.equal(new Set(texts.map((x) => x.key)).size, texts.length); // one text box each
});

test('a move without an id (an older server) is not offered: it could not be named', () => {
  assert.deepEqual(besideTexts({ triage: [{ at, details: { reason: 'x' } }] }, t), []);
});
