/**
 * Checks every language's message catalogs (phone: src/messages/, its refusal words: src/messages/refusal/,
 * desk: src/desk/messages/)
 * against English: missing keys, keys English no longer has, placeholders, English left
 * untranslated, the glossary's legal terms, words a language has replaced (ONE_WORD), form
 * numbers a line could break inside (FORM_NUMBER; the checklist content files too) and names with a
 * hyphen a line could break at (UNBROKEN).
 * Prints what it finds, one line each:
 *
 *   node pwa/check-catalogs.mjs            # everything
 *   node pwa/check-catalogs.mjs --missing  # only missing keys (what the integrator needs after a merge)
 *   node pwa/check-catalogs.mjs --json     # machine-readable, for tests/e2e/test_catalogs.py
 *   node pwa/check-catalogs.mjs --write-pending  # record today's missing keys as awaiting translation
 *
 * Keys awaiting translation are listed in src/messages/pending-translation.json ({source:
 * {language: [key…] or "*"}}): the catalog test accepts those (the app shows them in English)
 * and fails on any other missing key, so a key added in en.js without translations is a
 * decision someone writes down, not an accident. After merging new English keys, run
 * --missing to see them, then translate them or --write-pending.
 *
 * A missing key is never fatal in the app (t() falls back to English per key), so this exits 0
 * unless --strict is given.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CODES } from './src/languages.js';
import { FORMS, GLOSSARY } from './src/messages/glossary.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
export const SOURCES = { app: 'src/messages', refusal: 'src/messages/refusal', desk: 'src/desk/messages' };
// Written the same in every language: names of agencies, forms, products, the app; the
// sentence an employee says to agents in English; units.
export const PROPER_NOUNS = ['Encounter Log', 'ICE', 'ERO', 'HSI', 'CBP', 'LAPD', 'A-number', 'I-200', 'I-205', 'I-138', 'I-94',
  'Android', 'Chrome', 'iPhone', 'Safari', 'United States District Court', 'I do not consent to entry', 'ID', 'CSV', 'SVG',
  'P1', 'P2', 'P3', 'ISO', 'm', 'km', 'ms', 'KB', 'OK',
  // Key caps, printed in Latin letters on every keyboard the City's languages use.
  'Tab', 'Shift',
  'lapl-central',
  // A character's standard name and an example step id (desk field messages): typed as they are.
  'NUL', 'call-site-lead'];
/**
 * A form number (I-200, I-205, I-138, I-94) is written with U+2060 WORD JOINER right after its hyphen, as
 * `I-\u2060200` in a catalog's source, so a line never breaks there. The rule's one home is
 * encounter/form_numbers.py (why, and the server's use of it), exported to src/rules/form_numbers.json:
 * this finds a form number whose hyphen lacks the joiner.
 */
// Names written with a hyphen that a line must not break at either ("(A-" at a line's end, "number)" on the next, in
// Farsi and Chinese above all): written, like a form number, with U+2060 WORD JOINER after the hyphen. Catalog text
// only (never typed), so the door never reads it; ids given as examples to type ('call-site-lead') are not here.
export const UNBROKEN = ['A-number'];
const FORM_RULE = JSON.parse(await readFile(new URL('./src/rules/form_numbers.json', import.meta.url), 'utf8'));
export const FORM_NUMBER = new RegExp(FORM_RULE.pattern);
const JOINER = new RegExp(FORM_RULE.joiner, 'g');
// Keys whose text may equal the English in a Latin-script language (a loanword or a name the
// language really uses; see docs/translations.md).
export const SAME_AS_ENGLISH = {
  es: ['settings.text_size.normal', 'answer.no', 'analytics.no', 'admin.no', 'liaison.quarterly.total', 'liaison.quarterly.no',
    'analytics.duration.min'],
  tl: ['signin.username', 'signin.password', 'settings.account', 'settings.display', 'review.checklist', 'nav.menu',
    'agency.ice_ero', 'agency.hsi', 'agency.cbp', 'liaison.audit.device', 'trainer.lang.tl', 'analytics.p50',
    'analytics.duration.min'],
  vi: [],
};
const PLURAL = /\.(zero|one|two|few|many|other)$/;
// One word for one thing across a language's phone and desk catalogs: a word another catalog
// replaced must not come back (docs/decisions.md, "One word for report in Spanish").
export const ONE_WORD = {
  es: [{ avoid: /\binformes?\b/i, use: 'reporte' }],
};

const placeholders = (text) => new Set([...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function englishLeft(code, key, text, english) {
  if (code === 'en' || typeof text !== 'string') return null;
  if (!/\p{L}{2}/u.test(text.replace(/\{\w+\}/g, ''))) return null; // no words: '–', 'P{n}'
  if (text === english && !(SAME_AS_ENGLISH[code] || []).includes(key) && !PROPER_NOUNS.includes(text)) return 'same as English';
  if (['es', 'tl', 'vi'].includes(code)) return null; // Latin script: only identical texts are caught
  let rest = text.replace(/\{\w+\}/g, '');
  for (const noun of [...PROPER_NOUNS].sort((a, b) => b.length - a.length)) rest = rest.split(noun).join('');
  const words = rest.match(/[A-Za-z][A-Za-z'-]+/g);
  return words ? `English words: ${words.join(' ')}` : null;
}

// Terms only some languages have decided on yet (site: Spanish), checked in those; any other term a language's
// glossary lacks is a problem of its own, not a check silently skipped.
const PARTIAL_TERMS = ['site'];

function glossaryProblems(code, key, text, english) {
  const out = [];
  for (const term of Object.keys(GLOSSARY.en)) {
    if (!GLOSSARY[code]?.[term]) {
      if (!PARTIAL_TERMS.includes(term)) out.push(`${term}: no word for it in ${code}'s glossary (glossary.js)`);
      continue;
    }
    if (!new RegExp(FORMS.en[term], 'i').test(english)) continue;
    const pattern = FORMS[code]?.[term] || escape(GLOSSARY[code][term]);
    if (!new RegExp(pattern, 'i').test(text)) out.push(`${term}: expected "${GLOSSARY[code][term]}"`);
  }
  // A label that starts with a lowercase glossary term starts with a capital where English does
  // (glossary.js capital()): hy, ru, tl and vi write their terms in lowercase.
  const upper = (c) => c !== undefined && c !== c.toLowerCase();
  const lower = (c) => c !== undefined && c !== c.toUpperCase();
  for (const [term, word] of Object.entries(GLOSSARY[code])) {
    if (text.startsWith(word) && lower(word[0]) && upper(english.match(/^\p{L}/u)?.[0])) {
      out.push(`${term}: starts in lowercase where English starts with a capital (use capital(g.${term}))`);
    }
  }
  return out;
}

/** Load every catalog of a source: {code: messages} (languages without a file are absent). */
export async function load(source) {
  const out = {};
  for (const code of CODES) {
    const path = `${ROOT}${SOURCES[source]}/${code}.js`;
    if (await stat(path).catch(() => null)) out[code] = (await import(path)).default;
  }
  return out;
}

/** Every problem of every catalog: [{source, code, kind, key, detail}]. */
export async function problems() {
  const found = [];
  for (const source of Object.keys(SOURCES)) {
    const catalogs = await load(source);
    const en = catalogs.en;
    for (const code of CODES) {
      const messages = catalogs[code];
      const add = (kind, key, detail = '') => found.push({ source, code, kind, key, detail });
      if (!messages) {
        add('missing_catalog', '*', `no ${SOURCES[source]}/${code}.js: every key falls back to English`);
        continue;
      }
      for (const key of Object.keys(en)) if (!(key in messages)) add('missing', key);
      for (const [key, text] of Object.entries(messages)) {
        const base = PLURAL.test(key) ? key.replace(PLURAL, '.other') : key;
        const english = en[key] ?? en[base];
        if (english === undefined) {
          add('extra', key);
          continue;
        }
        const want = placeholders(english);
        const have = placeholders(text);
        if (PLURAL.test(key)) want.add('count');
        if (PLURAL.test(key) && !have.has('count') && en[key] !== undefined) want.delete('count');
        const lost = [...placeholders(english)].filter((p) => !have.has(p));
        const unknown = [...have].filter((p) => !want.has(p));
        if (lost.length || unknown.length) add('placeholders', key, `lost {${lost.join('},{')}} unknown {${unknown.join('},{')}}`);
        if (typeof text === 'string' && FORM_NUMBER.test(text)) add('form_number', key, breakable(text));
        for (const name of UNBROKEN) {
          if (typeof text === 'string' && text.includes(name)) {
            add('hyphen', key, `"${name}": write it as ${name.replace('-', '-\\u2060')} (a word joiner after the hyphen)`);
          }
        }
        // The joiner aside, a form number is the proper noun the checks below know.
        const [plain, plainEnglish] = [text, english].map((t) => (typeof t === 'string' ? t.replace(JOINER, '') : t));
        const left = englishLeft(code, key, plain, plainEnglish);
        if (left) add('english', key, left);
        for (const problem of code === 'en' ? [] : glossaryProblems(code, key, plain, plainEnglish)) add('glossary', key, problem);
        for (const { avoid, use } of ONE_WORD[code] || []) {
          if (avoid.test(text)) add('vocabulary', key, `"${text.match(avoid)[0]}": this language says "${use}"`);
        }
      }
    }
  }
  return [...found, ...await contentProblems()];
}

function breakable(text) {
  const at = text.search(FORM_NUMBER);
  return `"${text.slice(Math.max(0, at - 10), at + 6)}": write the form number as I-\\u2060200 (a word joiner after the hyphen)`;
}

/** Form numbers that could break in the checklist content files (content/checklists/*.json), every text of every step. */
async function contentProblems() {
  const folder = `${ROOT}../content/checklists/`;
  const found = [];
  const walk = (value, path, file) => {
    if (typeof value === 'string') {
      if (FORM_NUMBER.test(value)) {
        found.push({ source: 'content', code: path.at(-1), kind: 'form_number', key: `${file}:${path.join('.')}`,
          detail: breakable(value) });
      }
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key], file);
    }
  };
  for (const file of (await readdir(folder).catch(() => [])).filter((name) => name.endsWith('.json'))) {
    walk(JSON.parse(await readFile(`${folder}${file}`, 'utf8')), [], file);
  }
  return found;
}

export const PENDING = `${ROOT}src/messages/pending-translation.json`;

/** The keys awaiting translation: {source: {code: [key…] | '*'}}. */
export async function pending() {
  return JSON.parse(await readFile(PENDING, 'utf8').catch(() => '{}'));
}

/** Whether a missing key (or a missing catalog) is recorded as awaiting translation. */
export function isPending(list, { source, code, kind, key }) {
  const entry = list[source]?.[code];
  return entry === '*' || (kind === 'missing' && Array.isArray(entry) && entry.includes(key));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let found = await problems();
  if (args.includes('--write-pending')) {
    const list = {};
    for (const p of found) {
      if (p.kind === 'missing_catalog') (list[p.source] ||= {})[p.code] = '*';
      if (p.kind === 'missing' && list[p.source]?.[p.code] !== '*') ((list[p.source] ||= {})[p.code] ||= []).push(p.key);
    }
    await writeFile(PENDING, `${JSON.stringify(list, null, 1)}\n`);
    console.log(`wrote ${PENDING}`);
  }
  if (args.includes('--missing')) found = found.filter((p) => p.kind === 'missing' || p.kind === 'missing_catalog');
  if (args.includes('--json')) process.stdout.write(JSON.stringify(found));
  else {
    for (const p of found) console.log(`${p.source}\t${p.code}\t${p.kind}\t${p.key}\t${p.detail}`);
    console.log(`${found.length} problem(s)`);
  }
  if (args.includes('--strict') && found.length) process.exit(1);
}
