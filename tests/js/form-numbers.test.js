/**
 * Form numbers never break after their hyphen (encounter/form_numbers.py, exported to pwa/src/rules/form_numbers.json):
 * the catalogs' dev check (pwa/check-catalogs.mjs) reads the rule from there and still catches a text without the
 * joiner.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

const { FORM_NUMBER, load, SOURCES } = await import('../../pwa/check-catalogs.mjs');
const rule = JSON.parse(await readFile(new URL('../../pwa/src/rules/form_numbers.json', import.meta.url), 'utf8'));

describe('the form-number rule of the catalogs\' check', () => {
  test('is the exported rule, not a copy of it', () => {
    assert.equal(FORM_NUMBER.source, new RegExp(rule.pattern).source);
    assert.equal(rule.joiner, '\u2060');
  });

  test('every catalog text with a form number is caught once its joiner is taken out, and passes with it', async () => {
    let seen = 0;
    for (const source of Object.keys(SOURCES)) {
      for (const [code, messages] of Object.entries(await load(source))) {
        for (const [key, text] of Object.entries(messages)) {
          if (typeof text !== 'string' || !/[A-Z]-\u2060\d/.test(text)) continue;
          seen += 1;
          assert.equal(FORM_NUMBER.test(text), false, `${source} ${code} ${key}`);
          assert.equal(FORM_NUMBER.test(text.replaceAll('\u2060', '')), true, `${source} ${code} ${key}`);
        }
      }
    }
    assert.ok(seen >= 20, `only ${seen} catalog texts hold a form number`);
  });

  test('leaves words that only look like one alone', () => {
    for (const text of ['E-Verify', 'call-site-lead', 'A-12345', 'I-2000']) {
      assert.equal(FORM_NUMBER.test(text), false, text);
    }
  });
});
