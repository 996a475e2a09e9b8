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

test('two notes written in the same second get distinct labels by their order, never by their words', () => {
  const words = { 'retention.text.note': 'Note of {time}', 'retention.text.same_time': '{label}: {n} of {count} written in that second' };
  const said = (key, params = {}) => (words[key] || key).replace(/\{(\w+)\}/g, (_, name) => params[name]);
  const second = '2026-11-21T09:30:00.120Z';
  const detail = { notes: [
    { id: 'n1', at: second, text: 'Her A-number is A123456789.' },
    { id: 'n2', at: '2026-11-21T09:30:00.870Z', text: 'Called counsel.' },
    { id: 'n3', at: '2026-11-21T09:31:00Z', text: 'Site lead called back.' },
  ] };
  const labels = besideTexts(detail, said).map((x) => x.label);
  assert.equal(new Set(labels).size, 3, labels.join(' / '));
  assert.match(labels[0], /^Note of .+: 1 of 2 written in that second$/);
  assert.match(labels[1], /^Note of .+: 2 of 2 written in that second$/);
  assert.ok(!labels[2].includes('written in that second'), 'a note alone in its second keeps its plain label');
  assert.ok(labels.every((label) => !/A12345|counsel|Site lead/.test(label)), 'a label copies no words of the text');
});
