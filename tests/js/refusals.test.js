/**
 * What the server refused, in the phone's language (src/refusals.js, src/outbox.js, components/report-fields.js):
 * a push result's codes kept beside its English, each reason said in the phone's words for its code, the
 * server's English where the phone has none, and a generic line kept as a catalog key, never the server's English.
 */
import { signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';

globalThis.document ??= { documentElement: {}, title: '' };
const { setLanguage, t } = await import('../../pwa/src/i18n.js');
const { ITEM_ERRORS, itemErrorKey, resultMove } = await import('../../pwa/src/outbox.js');
const { itemErrorText, loadRefusalWords } = await import('../../pwa/src/refusals.js');
const { refusalLines, serverErrors } = await import('../../pwa/src/components/report-fields.js');
const es = (await import('../../pwa/src/messages/refusal/es.js')).default;

// A report refused after the rules changed while the phone was offline, as the server answers it.
const SITE = 'is not an active site of your department';
const REFUSED = {
  index: 0, id: 'r-1', status: 'rejected', message: 'the item was not stored; fix the fields named and resend',
  errors: { body: { site: [SITE], notes: ['longer than 2000'], weather: ['a message with no code'] } },
  error_codes: { body: { site: [{ code: 'inactive', params: {} }], notes: [{ code: 'length', params: { max: 2000 } }],
    weather: [{ code: null, params: {} }] } },
};

/** The record a push result leaves in the outbox. */
function refusedRecord(result = REFUSED) {
  const [event, change] = resultMove(result);
  assert.equal(event, result.status === 'conflict' ? 'conflict' : 'reject');
  return change({ id: result.id, state: 'sending', kind: 'encounter' });
}

describe('a refused item in the phone\'s language', () => {
  beforeEach(async () => { await signIn(); await loadRefusalWords(); });
  afterEach(async () => { await setLanguage('en'); await wipe(); });

  test('the outbox keeps the codes beside the English, and a key instead of the server\'s message', () => {
    const record = refusedRecord();
    assert.deepEqual(record.errors, REFUSED.errors);
    assert.deepEqual(record.error_codes, REFUSED.error_codes);
    assert.equal(record.last_error, ITEM_ERRORS.rejected);
    assert.notEqual(record.last_error, REFUSED.message);
  });

  test('in Spanish each coded reason is said in Spanish; one without a code stays as the server sent it', async () => {
    await setLanguage('es');
    const record = refusedRecord();
    const { fields, general } = serverErrors(record.errors, record.error_codes);
    assert.equal(fields.site, es['refusal.inactive']);
    assert.equal(fields.notes, es['refusal.length_max'].replace('{max}', '2000'));
    assert.deepEqual(general, ['a message with no code']);
    assert.ok(!JSON.stringify(fields).includes(SITE));
  });

  test('a result from a server that sends no codes shows its English, as before', async () => {
    await setLanguage('es');
    const { error_codes: _, ...older } = REFUSED; // eslint-disable-line no-unused-vars
    const record = refusedRecord(older);
    assert.equal(record.error_codes, null);
    assert.equal(serverErrors(record.errors, record.error_codes).fields.site, SITE);
  });

  test('a refused alert lists its reasons labelled; with none, its generic line in words', async () => {
    await setLanguage('es');
    const alert = refusedRecord({ id: 'a-1', status: 'rejected', message: 'English',
      errors: { body: { site: [SITE] } }, error_codes: { body: { site: [{ code: 'inactive', params: {} }] } } });
    assert.deepEqual(refusalLines(alert), [`${t('field.site')}: ${es['refusal.inactive']}`]);
    const conflict = refusedRecord({ id: 'a-2', status: 'conflict', message: 'an item with this id and different content…' });
    assert.deepEqual(refusalLines(conflict), [es['refusal.item.conflict']]);
  });

  test('a reason follows its field\'s name as each language joins a label: "：" in Chinese, ": " in Farsi', async () => {
    const alert = refusedRecord({ id: 'a-3', status: 'rejected', message: 'English',
      errors: { body: { site: [SITE] } }, error_codes: { body: { site: [{ code: 'inactive', params: {} }] } } });
    for (const [code, joiner] of [['zh-Hant', '：'], ['zh-Hans', '：'], ['fa', ': '], ['hy', '՝ '], ['en', ': ']]) {
      await setLanguage(code);
      await loadRefusalWords();
      const [line] = refusalLines(alert);
      assert.ok(line.startsWith(`${t('field.site')}${joiner}`), `${code}: ${line}`);
      assert.ok(!line.endsWith(' ') && (code.startsWith('zh') ? !line.includes(': ') : true), `${code}: ${line}`);
    }
  });

  test('an item too large for the server says what the employee can do about its kind, in Spanish', async () => {
    await setLanguage('es');
    // What src/sync.js records when the server answers 413 to a push of this one item.
    const tooLarge = (kind) => resultMove({ id: `${kind}-1`, status: 'rejected', errors: { _item: ['too_large'] } })[1](
      { id: `${kind}-1`, state: 'sending', kind });
    const alert = refusalLines(tooLarge('alert'));
    const answer = refusalLines(tooLarge('answer'));
    assert.deepEqual(alert, [es['refusal.item.too_large_alert']]);
    assert.deepEqual(answer, [es['refusal.item.too_large_answer']]);
    for (const kind of [undefined, 'encounter']) {
      assert.deepEqual(serverErrors({ _item: ['too_large'] }, null, kind).general, [es['refusal.item.too_large_report']]);
    }
    // "El reporte…" is said only of a report: an alert has nothing to shorten, an answer is written again.
    for (const line of [...alert, ...answer]) assert.doesNotMatch(line, /reporte|notas/i);
  });

  test('each way of refusing has its own generic line; a record from before the keys shows none of its English', () => {
    assert.equal(itemErrorKey({ status: 'rejected', reason: 'sensitive_text' }), ITEM_ERRORS.sensitive_text);
    assert.equal(itemErrorKey({ status: 'rejected', errors: { _item: ['too_large'] } }), ITEM_ERRORS.too_large);
    assert.equal(itemErrorKey({ status: 'conflict' }), ITEM_ERRORS.conflict);
    assert.equal(itemErrorKey({ status: 'rejected', errors: { body: {} } }), ITEM_ERRORS.rejected);
    for (const key of Object.values(ITEM_ERRORS)) assert.notEqual(itemErrorText({ last_error: key }, t), key);
    assert.equal(itemErrorText({ last_error: 'the item was not stored; fix the fields named and resend' }, t), null);
  });
});
