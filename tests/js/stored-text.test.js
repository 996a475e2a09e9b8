/**
 * Stored texts as the desk and the phone show them (pure helpers, no screen): a redaction's mark as a word
 * of the reader's language (pwa/src/redacted-mark.js) and form numbers kept on one line
 * (pwa/src/form-numbers.js, the rule read from rules/form_numbers.json). Only what is shown changes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CODES } from '../../pwa/src/languages.js';
import { UNBROKEN } from '../../pwa/check-catalogs.mjs';
import { joinFormNumbers } from '../../pwa/src/form-numbers.js';
import { findSpans } from '../../pwa/src/sensitive.js';
import { MARK, splitAtMarks, withMarks } from '../../pwa/src/redacted-mark.js';
import redaction from '../../pwa/src/rules/redaction.json' with { type: 'json' };
import rule from '../../pwa/src/rules/form_numbers.json' with { type: 'json' };

const JOINER = '\u2060';
const catalog = async (folder, code) => (await import(`../../pwa/src/${folder}/${code}.js`)).default;
/** What withMarks gives, with each mark's token as `<word>`: the words and the tokens in their order. */
const shown = (text) => (typeof text === 'object' && text ? [tokens(text)].flat().map((p) => (typeof p === 'string' ? p : `<${p.values.join('')}>`)).join('') : text);
/** The parts withMarks wraps in the text's own direction. */
const tokens = (text) => text.values[0];

describe('the redaction mark', () => {
  test('is the one the server writes (encounter/redaction.py through rules/redaction.json)', () => {
    assert.equal(MARK, redaction.mark);
  });

  test('stored text is cut at each mark, the words kept as they are', () => {
    assert.deepEqual(splitAtMarks(`Agent ${MARK} said ${MARK}${MARK}.`), ['Agent ', null, ' said ', null, null, '.']);
    assert.deepEqual(splitAtMarks(`${MARK} <b>left</b>`), [null, ' <b>left</b>']);
    assert.deepEqual(splitAtMarks('no mark here'), ['no mark here']);
  });

  test('each mark becomes a styled token with the word it is given; a text without one keeps its words', () => {
    const text = withMarks(`Did ${MARK} show you a warrant?`, 'tachado');
    assert.equal(shown(text), 'Did <tachado> show you a warrant?');
    assert.ok(text.strings.join('').includes('dir="auto"'));
    assert.ok(tokens(text)[1].strings.join('').includes('class="redacted-mark" dir="auto"'));
    assert.equal(shown(withMarks('Who signed it?', 'tachado')), 'Who signed it?');
    assert.equal(withMarks(undefined, 'tachado'), undefined);
  });

  test('a stored text takes its own direction, with or without a mark (an English question on a Farsi screen)', () => {
    const plain = withMarks('Who signed it?', 'حذف‌شده');
    assert.ok(plain.strings.join('').includes('dir="auto"'));
    assert.equal(tokens(plain), 'Who signed it?');
  });

  test('the phone says it in each of its languages, with the word the desk uses, never the stored English', async () => {
    for (const code of CODES) {
      const phone = (await catalog('messages', code))['followup.redacted'];
      const desk = (await catalog('desk/messages', code))['desk.redacted'];
      assert.ok(phone, `${code}: no phone word for the mark`);
      assert.equal(phone, desk, `${code}: the phone and the desk call the mark differently`);
      assert.ok(!phone.includes(MARK), code);
    }
  });
});

describe('form numbers in a stored text', () => {
  test('get the word joiner after their hyphen, every one of them', () => {
    assert.equal(joinFormNumbers('Did they show an I-200 or an I-205?'), `Did they show an I-${JOINER}200 or an I-${JOINER}205?`);
    assert.equal(joinFormNumbers('I-94, I-589A'), `I-${JOINER}94, I-${JOINER}589A`);
  });

  test('is idempotent and leaves what only looks like a form number alone', () => {
    const once = joinFormNumbers('Form I-138 and I-200');
    assert.equal(joinFormNumbers(once), once);
    for (const text of ['E-Verify', 'call-site-lead', 'A-12345', 'I-2000', '', MARK]) assert.equal(joinFormNumbers(text), text);
    assert.equal(joinFormNumbers(undefined), undefined);
  });

  test('is the exported rule: every joined text of the phone\'s catalogs comes back the same from its plain words', async () => {
    assert.equal(rule.joiner, JOINER);
    // A name a catalog joins too ("A-number", check-catalogs.mjs UNBROKEN) is no form number: never typed, never joined.
    const names = (text) => UNBROKEN.reduce((out, name) => out.replaceAll(name.replace('-', `-${JOINER}`), name), text);
    let seen = 0;
    for (const code of CODES) {
      for (let [key, text] of Object.entries(await catalog('messages', code))) {
        text = typeof text === 'string' ? names(text) : text;
        if (typeof text !== 'string' || !text.includes(JOINER)) continue;
        seen += 1;
        assert.equal(joinFormNumbers(text.replaceAll(JOINER, '')), text, `${code} ${key}`);
      }
    }
    assert.ok(seen >= 20, `only ${seen} catalog texts hold a form number`);
  });

  test('words copied from a joined text are checked as typed: an I-94 number is found all the same', () => {
    const typed = 'The I-94 number is 38476512A09';
    assert.deepEqual(findSpans(joinFormNumbers(typed), 'answer').map((s) => s.kind), ['document_number']);
    assert.deepEqual(findSpans(typed, 'answer').map((s) => s.kind), ['document_number']);
  });

  test('a number written in groups is no form number: never joined, so copied back it is still found', () => {
    for (const typed of ['his A-123-456-789 card', 'A-123 456 789', 'passport X-123-45678']) {
      assert.equal(joinFormNumbers(typed), typed);
      assert.equal(findSpans(joinFormNumbers(typed), 'answer').length, 1, typed);
    }
  });

  test('a joined question still shows its marks as tokens', () => {
    assert.equal(shown(withMarks(joinFormNumbers(`Was the I-200 signed by ${MARK}?`), 'tachado')),
      `Was the I-${JOINER}200 signed by <tachado>?`);
  });
});
