/**
 * The card for residents: its texts in the City's wider set of languages (each complete, each language named in
 * its own script), the help line the department's sites carry, and the language the card opens in.
 */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

const { TEXTS: texts, UI, firstLanguage } = await import('../../pwa/src/resident-card/card.js');
const { CODES } = await import('../../pwa/src/languages.js');
const { residentHelpLine, contactsFor } = await import('../../pwa/src/contacts.js');
const { residentCard } = await import('../../pwa/src/i18n.js');

const KEYS = ['name', 'title', 'who', 'nothing_kept', 'help', 'no_number', 'photo'];

describe('card for residents', () => {
  test('every language has every text, none empty, and none is a copy of the English', () => {
    for (const [code, words] of Object.entries(texts)) {
      for (const key of KEYS) assert.ok(typeof words[key] === 'string' && words[key].trim(), `${code} ${key}`);
      assert.deepEqual(Object.keys(words).filter((k) => k !== 'dir').sort(), [...KEYS].sort(), code);
      if (code !== 'en') for (const key of KEYS.slice(1)) assert.notEqual(words[key], texts.en[key], `${code} ${key}`);
    }
  });

  test('the card speaks every language the app does, and more of the City\'s', () => {
    for (const code of CODES) assert.ok(texts[code], code);
    assert.ok(Object.keys(texts).length > CODES.length);
  });

  test('the employee\'s words on the card\'s screen are there in every language of the app', () => {
    for (const code of CODES) {
      assert.ok(UI[code]?.intro?.trim() && UI[code]?.language?.trim(), code);
      if (code !== 'en') assert.notEqual(UI[code].intro, UI.en.intro, code);
    }
  });

  test('right-to-left scripts are marked so, and only they', () => {
    const rtl = Object.entries(texts).filter(([, w]) => w.dir === 'rtl').map(([c]) => c).sort();
    assert.deepEqual(rtl, ['ar', 'fa']);
  });

  test('the help line is the department\'s number sent with its sites, cleaned, and null when none is well formed', () => {
    const sites = [{ contacts: { liaison: '+12135550102' } }, { contacts: { resident_help: '+1 (800) 555-0199' } }];
    assert.equal(residentHelpLine(sites), '+18005550199');
    assert.equal(residentHelpLine([{ contacts: { resident_help: 'ask the desk' } }]), null);
    assert.equal(residentHelpLine([]), null);
    assert.equal(residentHelpLine(null), null);
  });

  test('the help line is never one of the employee\'s call buttons', () => {
    const site = { contacts: { liaison: '+12135550102', resident_help: '+18005550199' } };
    assert.deepEqual(contactsFor(site).map((c) => c.who), ['liaison']);
  });

  test('the card opens in the employee\'s language when it has it, else English', () => {
    assert.equal(firstLanguage(texts, 'ko'), 'ko');
    assert.equal(firstLanguage(texts, 'xx'), 'en');
  });

  test('unbuilt, the card\'s chunk loads from its source file', async () => {
    const loaded = await residentCard();
    assert.equal(loaded.TEXTS.es.title, texts.es.title);
    assert.equal(typeof loaded.show, 'function');
  });
});
