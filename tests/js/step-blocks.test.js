/**
 * A step's blocks as the phone and the trainer's preview both draw them (pwa/src/components/step-blocks.js):
 * the calls, the note box, the document's photo, pure templates of the step, a translator and the values shown.
 * Templates are read as their markup with the bound values written in (no DOM under Node).
 */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

const { capturedField, inPlace, namedCalls, noteBlock, photoBlock } = await import('../../pwa/src/components/step-blocks.js');
const { callPlan } = await import('../../pwa/src/contacts.js');

const t = (key, params) => `[${key}${params?.number ? ` ${params.number}` : ''}]`;
const SITE = { code: 'central', name: 'Central Library', contacts: {
  site: '+12135550100', site_lead: '+12135550101', liaison: '+12135550102', counsel: '+12135550103' } };

/** A template as markup: its strings with each bound value written in (lists joined, nothing and handlers empty). */
function markup(value) {
  if (value == null || typeof value === 'symbol' || typeof value === 'function') return '';
  if (Array.isArray(value)) return value.map(markup).join('');
  if (value.strings && value.values) return value.strings.reduce((out, s, i) => out + s + (i < value.values.length ? markup(value.values[i]) : ''), '');
  if (value._$litDirective$) return markup(value.values[0]);
  return String(value);
}
/** Whom the call links of a template ring, in order. */
const callsIn = (template) => [...markup(template).matchAll(/data-who=(\w+)/g)].map((m) => m[1]);

describe('the call section', () => {
  test('the preview names everyone a step calls, without a number, the emergency button apart and first', () => {
    assert.deepEqual(namedCalls(['emergency', 'site_lead', 'liaison']), {
      emergency: { who: 'emergency', tel: '911' }, contacts: [{ who: 'site_lead', tel: '' }, { who: 'liaison', tel: '' }], say: null });
    assert.deepEqual(namedCalls(undefined), { emergency: null, contacts: [], say: null });
  });

  test('a step shows the same buttons in the preview as on a phone holding every number, in the same order', () => {
    for (const call of [['site_lead', 'liaison'], ['emergency'], ['counsel'], ['emergency', 'site', 'after_hours']]) {
      const step = { id: 'call', call };
      const phone = inPlace({ step, t, calls: { plan: callPlan(call, [SITE], 'central') } });
      const preview = inPlace({ step, t, level: 2 });
      const known = call.filter((who) => who === 'emergency' || SITE.contacts[who]);
      assert.deepEqual(callsIn(phone), known, call.join());
      assert.deepEqual(callsIn(preview), call, call.join());
      for (const who of known) assert.ok(markup(preview).includes(`[call.${who}`), who);
    }
  });

  test('the phone dials the site\'s numbers; the section\'s heading sits one level below the step\'s', () => {
    const step = { id: 'call', call: ['site_lead'] };
    const phone = markup(inPlace({ step, t, calls: { plan: callPlan(step.call, [SITE], 'central') } }));
    assert.match(phone, /href=tel:\+12135550101/);
    assert.match(phone, /<h2 id="step-calls-h"[^>]*>\[call.heading\]<\/h2>/);
    assert.match(markup(inPlace({ step, t, level: 2 })), /<h3 id="step-calls-h"[^>]*>\[call.heading\]<\/h3>/);
  });

  test('a phone with no number for anyone the step calls says so once; the preview never does', () => {
    const step = { id: 'call', call: ['counsel'] };
    assert.match(markup(inPlace({ step, t, calls: { plan: callPlan(step.call, [], null) } })), /\[call.none\]/);
    assert.doesNotMatch(markup(inPlace({ step, t })), /call.none/);
  });
});

describe('what a step records', () => {
  test('a note writes the report field it names; the agents\' box writes the agents\' field', () => {
    assert.equal(capturedField({ capture: 'note', field: 'stated_purpose' }), 'stated_purpose');
    assert.equal(capturedField({ capture: 'agents' }), 'agent_names_and_badges');
    assert.equal(capturedField({ capture: 'note' }), null);
    assert.equal(capturedField({ capture: 'document_photo' }), null);
  });

  test('the note box is labelled with its field, says it is saved in the report and shows the value given', () => {
    const box = markup(inPlace({ step: { capture: 'note', field: 'stated_purpose' }, t,
      note: () => ({ value: 'Looking for records' }) }));
    assert.match(box, /id="input-stated_purpose"/);
    assert.match(box, /\[field.stated_purpose\]/);
    assert.match(box, /\[step.saved_in_report\]/);
    assert.match(box, /Looking for records/);
    assert.match(markup(noteBlock({ name: 'agent_names_and_badges', t })), /maxlength=\d+/);
  });

  test('the document step\'s Take photo is its main button, in the translator\'s words; disabled in the preview', () => {
    const preview = markup(inPlace({ step: { capture: 'document_photo' }, t, photo: { disabled: true } }));
    assert.match(preview, /class="button big primary" \?disabled=true[^>]*>\[step.take_photo\]/);
    assert.match(preview, /class="photo-count" role="status">\[photos.none\]/);
    const phone = markup(photoBlock({ t, count: 0, busy: true, error: 'Unreadable', status: 'Sent to counsel' }));
    assert.match(phone, /\?disabled=true/); // one photo at a time
    assert.match(phone, /\[photos.preparing\]/);
    assert.match(phone, /⚠ <\/span>Unreadable/);
    assert.match(phone, /Sent to counsel/);
  });

  test('a step that neither calls nor records shows nothing in place, and a note without a known field no box', () => {
    assert.equal(markup(inPlace({ step: { id: 'calm' }, t })).trim(), '');
    assert.equal(markup(inPlace({ step: { capture: 'note', field: 'no_such_field' }, t })).trim(), '');
  });
});
