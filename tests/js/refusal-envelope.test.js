/**
 * A push item refused for its envelope (its id, kind, schema version, the body as a whole) is said in the phone's
 * words, not the server's English (src/refusals.js, src/field-errors.js `itemErrors`), and numbers inside refusal
 * words are written as the rest of the phone writes them (src/i18n.js `formatNumber`: Farsi digits).
 */
import { signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';

globalThis.document ??= { documentElement: {}, title: '' };
const { addMessages, formatNumber, setLanguage, t } = await import('../../pwa/src/i18n.js');
const { resultMove } = await import('../../pwa/src/outbox.js');
const { loadRefusalWords } = await import('../../pwa/src/refusals.js');
const { fieldErrorText } = await import('../../pwa/src/field-errors.js');
const { refusalLines, serverErrors } = await import('../../pwa/src/components/report-fields.js');
const es = (await import('../../pwa/src/messages/refusal/es.js')).default;
const fa = (await import('../../pwa/src/messages/refusal/fa.js')).default;

const TAKEN = 'this id cannot be used; give the item a new id and push it again';
const KIND = 'must be one of: alert, answer, encounter';
const VERSION = 'must be one of: 1';
const type = { code: 'type', params: {} };

/** The record a push result leaves in the outbox for an item of `kind`. */
function refused(result, kind = 'encounter') {
  return resultMove({ id: 'i-1', status: 'rejected', message: 'the item was not stored; fix the fields named and resend',
    ...result })[1]({ id: 'i-1', state: 'sending', kind });
}

// Envelope refusals as the server answers them (sync/protocol.py, tests/api/test_push_envelope_codes.py).
const ENVELOPES = {
  'an id another report holds': [{ id: [TAKEN] }, { id: [{ code: 'taken', params: {} }] }, 'refusal.envelope_taken'],
  'a kind the server does not take': [{ kind: [KIND] },
    { kind: [{ code: 'one_of', params: { choices: ['alert', 'answer', 'encounter'] } }] }, 'refusal.envelope'],
  'a schema version the server does not take': [{ schema_version: [VERSION] },
    { schema_version: [{ code: 'one_of', params: { choices: [1] } }] }, 'refusal.envelope'],
  'a body that is not an object': [{ body: ['must be a JSON object'] }, { body: [type] }, 'refusal.envelope'],
  'an item that is not an object': [{ _item: ['each item must be a JSON object'] }, { _item: [type] }, 'refusal.envelope'],
  'an envelope key the server does not take': [{ priority: ['unknown field'] },
    { priority: [{ code: 'unknown', params: {} }] }, 'refusal.envelope'],
  'an id that is not a UUID': [{ id: ['must be a UUID string, e.g. 0b8f3a52-6c1e-4a7e-9d7a-2f4f1b1c9e10'] },
    { id: [{ code: 'uuid', params: {} }] }, 'refusal.envelope'],
};

describe('a refused envelope in the phone\'s language', () => {
  beforeEach(async () => { await signIn(); await loadRefusalWords(); await setLanguage('es'); });
  afterEach(async () => { await setLanguage('en'); await wipe(); });

  for (const [name, [errors, codes, key]] of Object.entries(ENVELOPES)) {
    test(`${name}: My reports and the report form say it in Spanish, never the server's English`, () => {
      const record = refused({ errors, error_codes: codes });
      const { fields, general } = serverErrors(record.errors, record.error_codes, record.kind);
      assert.deepEqual(fields, {});
      assert.deepEqual(general, [es[key]]);
      assert.ok(!general.join(' ').includes(Object.values(errors)[0][0]));
    });
  }

  test('an id and a kind refused together read the phone\'s words once, not twice', () => {
    const record = refused({ errors: { kind: [KIND], schema_version: [VERSION] },
      error_codes: { ...ENVELOPES['a kind the server does not take'][1],
        ...ENVELOPES['a schema version the server does not take'][1] } });
    assert.deepEqual(serverErrors(record.errors, record.error_codes).general, [es['refusal.envelope']]);
  });

  test('a refused alert (Home) and a refused answer say their envelope in Spanish', () => {
    const taken = ENVELOPES['an id another report holds'];
    assert.deepEqual(refusalLines(refused({ errors: taken[0], error_codes: taken[1] }, 'alert')), [es['refusal.envelope_taken']]);
    const version = ENVELOPES['a schema version the server does not take'];
    assert.deepEqual(refusalLines(refused({ errors: version[0], error_codes: version[1] }, 'answer')), [es['refusal.envelope']]);
  });

  test('a server from before the envelope codes: its English, as before', () => {
    const record = refused({ errors: { id: [TAKEN] } });
    assert.deepEqual(serverErrors(record.errors, record.error_codes).general, [TAKEN]);
  });

  test('a report time outside the years a report may take (a phone clock reset) says so in Spanish', () => {
    const record = refused({ errors: { body: { started_at: ['must be between the years 2000 and 2099'] } },
      error_codes: { body: { started_at: [{ code: 'years', params: { min: 2000, max: 2099 } }] } } });
    // The form asks the start time (section "where"): its reason shows there.
    assert.deepEqual(serverErrors(record.errors, record.error_codes).fields, { started_at: es['refusal.years'] });
  });
});

// A photo reference whose hash is not 64 characters (server/schemas/encounter.py `Length(equal=64)`). The app's hash
// is always 64 (src/photos.js): only a draft or outbox record damaged in the phone's storage sends another.
const SHORT_HASH = { errors: { body: { photos: { 0: { sha256: ['Length must be 64.'] } } } },
  error_codes: { body: { photos: { 0: { sha256: [{ code: 'length', params: { equal: 64 } }] } } } } };

describe('a photo whose hash has the wrong length, in each phone language', () => {
  beforeEach(async () => { await signIn(); await loadRefusalWords(); });
  afterEach(async () => { await setLanguage('en'); await wipe(); });

  for (const code of ['en', 'es', 'ko', 'zh-Hant', 'zh-Hans', 'hy', 'tl', 'fa', 'ru', 'vi']) {
    test(`${code}: said at the photos, in words that say to take the photo again, never the server's English`, async () => {
      await setLanguage(code);
      const words = (await import(`../../pwa/src/messages/refusal/${code}.js`)).default['refusal.length_equal'];
      assert.ok(words, `refusal.length_equal in ${code}`);
      const record = refused(SHORT_HASH);
      assert.deepEqual(serverErrors(record.errors, record.error_codes), { fields: { photos: words }, general: [] });
      assert.ok(!words.includes('64'));
    });
  }
});

describe('numbers inside refusal words, in Farsi', () => {
  beforeEach(async () => { await signIn(); await loadRefusalWords(); await setLanguage('fa'); });
  afterEach(async () => { await setLanguage('en'); await wipe(); });

  const LATIN_DIGIT = /[0-9]/;

  test('a limit is written with the digits and grouping the rest of the Farsi screens use', () => {
    const record = refused({ errors: { body: { notes: ['Longer than maximum length 2000.'],
      agencies: ['Longer than maximum length 5.'], agent_count: ['Must be greater than or equal to 0 and less than or equal to 500.'] } },
    error_codes: { body: { notes: [{ code: 'length', params: { max: 2000 } }], agencies: [{ code: 'count', params: { max: 5 } }],
      agent_count: [{ code: 'range', params: { min: 0, max: 500 } }] } } });
    const { fields } = serverErrors(record.errors, record.error_codes);
    assert.equal(fields.notes, fa['refusal.length_max'].replace('{max}', formatNumber(2000)));
    assert.equal(formatNumber(2000), '۲٬۰۰۰'); // what Intl writes for Farsi, as on every other Farsi screen
    assert.equal(fields.agencies, fa['refusal.count_max'].replace('{max}', '۵'));
    assert.equal(fields.agent_count, fa['refusal.range_between'].replace('{min}', '۰').replace('{max}', '۵۰۰'));
    for (const text of Object.values(fields)) assert.doesNotMatch(text, LATIN_DIGIT);
  });

  test('a list of choices with numbers in it is written with Farsi digits too', () => {
    addMessages({ en: { 'test.one_of': 'One of: {choices}.' }, fa: { 'test.one_of': 'یکی از: {choices}.' } });
    const text = fieldErrorText('must be one of: 1, 2', { code: 'one_of', params: { choices: [1, 2] } }, t, 'test');
    assert.equal(text, 'یکی از: \u2068۱, ۲\u2069.'); // the list filled in isolated, as every text is in Farsi (i18n.js)
  });
});
