/**
 * The phone's sensitive-text matcher (pwa/src/sensitive.js findSpans) on its own, and agreeing
 * with the server's (encounter.sensitive.find_spans) on generated text, through the generated
 * rules file pwa/src/rules/sensitive.json. Generic: it holds for whatever pattern set stands behind
 * the interface.
 */
import './support.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TEXT_FIELDS } from '../../pwa/src/report.js';
import { KINDS, findSpans, holdsFor, keptWith, removeSpans, reviewSpans, spansLeft } from '../../pwa/src/sensitive.js';
import ENGLISH from '../../pwa/src/messages/en.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIELDS = [...Object.keys(TEXT_FIELDS), 'answer', null];
// Words that do or nearly do look like never-collected data, so generated text hits the patterns often.
const TOKENS = ['undocumented', 'Undocumented', 'illegal alien', 'illegal aliens', 'immigration status', 'green card',
  'greencards', 'date of birth', 'DOB', 'd.o.b.', 'D.O.B', 'A123456789', 'a-123-456-789', 'A# 123 456 78', 'A12345678',
  'sin papeles', 'indocumentados', 'Indocumentada', 'fecha de nacimiento', 'estatus migratorio', 'citizen', 'visa',
  'born on', 'named', 'Mr. Smith', 'Sra. Núñez', '12/03/1990', 'ICE ERO', 'two agents', 'grey van', 'badge 4411',
  'camión', 'niños', 'ÉSTATUS MIGRATORIO', 'señor', '911', '555-0100', '(323) 555-0199', '213.555.0142', '+52 55 5555 0101',
  'counsel at 213-555-0110', 'abogada al', 'rosa.m@gmail.com', 'cell is 555-0148', 'phone 3235550176', '213/555-0148',
  '(213) 5550148', '+52 (33) 1234', 'rosa @ gmail.com', 'rosa at gmail dot com', 'arroba', ' punto com',
  'abogada de la Ciudad al', 'Attorney Lee at', 'agents, ', 'Nguyễn Văn An', 'Văn An', 'De La Cruz', 'The', 'r.ruiz@ice.dhs.gov', '@lacity.org', '۱۲۳-۴۵-۶۷۸۹',
  '불법체류', '綠卡', '非法移民', 'нелегал', 'Нелегалы', 'нелегальная торговля', 'thẻ xanh', 'Thẻ xanh', 'pháp', 'کارت سبز',
  'كارت سبز', 'مهاجر غير قانوني', 'TNT', 'ազգություն', 'Ազգություն',
  // runs of spaces and tabs past three, read as separators by both matchers
  '     ', ' \t \t \t', 'asked for      '];
const SEPARATORS = [' ', ' ', ' ', '\n', ', ', '. ', '-', '/', ':', '#', '(', ')', '"', "'", '\t'];
const keyboardChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-/#áéíóúüñÁÉÍÓÚÜÑ¿¡');
/** Text an employee types on an English or Spanish keyboard: words, near-misses, separators. */
const keyboardText = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 2, arbitrary: fc.string({ unit: keyboardChar, maxLength: 8 }) },
), { maxLength: 14 }).map((parts) => parts.join(''));
/** Any Unicode: other scripts, letters that fold in other ways, astral characters (emoji). */
const anyText = fc.array(fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('ß', 'ſ', 'K', 'İ', '٣', '😀', 'Ａ', 'é', 'ñ', '۷', '１', '＠', '\u3000') },
  // Invisible characters both sides read through (direction marks, soft hyphen, joiners, BOM) or as a space.
  { weight: 1, arbitrary: fc.constantFrom('\u200e', '\u200f', '\u061c', '\u00ad', '\u2060', '\u200d', '\ufeff', '\u2067', '\u200b') },
), { maxLength: 10 }).map((parts) => parts.join(''));

/** The server's spans for these cases, from Python (the project's virtualenv when there is one). */
function serverSpans(cases) {
  const python = process.env.PYTHON || (existsSync(`${ROOT}.venv/bin/python`) ? `${ROOT}.venv/bin/python` : 'python3');
  const done = spawnSync(python, ['tests/js/spans.py'], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024 });
  if (done.status !== 0) throw new Error(`python tests/js/spans.py failed (${done.status}): ${done.stderr || done.error}`);
  return JSON.parse(done.stdout);
}

/** JS spans as triples; findSpans already counts code points, as the server does (pwa/src/sensitive.js). */
function inCodePoints(text, spans) {
  return spans.map((s) => [s.start, s.end, s.kind]);
}

/** Cases where phone and server decide differently, the first few. */
function disagreements(arbitrary, runs, seed) {
  const cases = fc.sample(fc.record({ text: arbitrary, field: fc.constantFrom(...FIELDS) }), { numRuns: runs, seed });
  const server = serverSpans(cases);
  return cases.map((c, i) => ({ ...c, phone: inCodePoints(c.text, findSpans(c.text, c.field)), server: server[i] }))
    .filter((c) => JSON.stringify(c.phone) !== JSON.stringify(c.server)).slice(0, 5);
}
const SEED = Number(process.env.FC_SEED) || Date.now() % 1_000_000;

describe('findSpans', () => {
  test('finds nothing in empty or ordinary text', () => {
    assert.deepEqual(findSpans('', 'notes'), []);
    assert.deepEqual(findSpans(null, 'notes'), []);
    assert.deepEqual(findSpans('Two agents in a grey van stayed in the lobby for ten minutes.', 'notes'), []);
  });

  test('finds a status word and says where it is', () => {
    const text = 'She said the man was undocumented.';
    const spans = findSpans(text, 'notes');
    assert.equal(spans.length, 1);
    assert.equal(text.slice(spans[0].start, spans[0].end).toLowerCase(), 'undocumented');
    assert.equal(typeof spans[0].kind, 'string');
  });

  // A span that stopped at the first letter the fold did not know ("Jo" of "João") was taken out with one tap and
  // left the rest of the name for the server to accept; accents typed as combining marks went the same way.
  test('one tap takes out a whole name with accents beyond Spanish, and a number typed with other separators', () => {
    for (const [text, rest] of [
      ['😀 They asked for the patron named João Conceição at the desk.', '😀 They asked for the patron named at the desk.'],
      ['They asked for the patron named Nguyễn Văn Hùng at the desk.', 'They asked for the patron named at the desk.'],
      ['They asked for the patron named Jose\u0301 Pe\u0301rez\u0301.', 'They asked for the patron named.'],
      ['Call her at ۲۱۳٫۵۵۵٫۰۱۴۸ tonight.', 'Call her at tonight.'],
      ['Call her at 213\u2011555\u20110148 tonight.', 'Call her at tonight.'],
    ]) {
      assert.equal(removeSpans(text, findSpans(text, 'notes')), rest, text);
    }
  });

  test('property: spans are sorted, apart, inside the text and never empty', () => {
    fc.assert(fc.property(fc.oneof(keyboardText, anyText), fc.constantFrom(...FIELDS), (text, field) => {
      const spans = findSpans(text, field);
      spans.forEach((s, i) => {
        assert.ok(s.start >= 0 && s.start < s.end && s.end <= text.length, JSON.stringify(s));
        if (i) assert.ok(s.start >= spans[i - 1].end, 'overlapping spans');
      });
    }), { numRuns: 1000 });
  });

  test('property: removing every span leaves text with nothing to flag', () => {
    fc.assert(fc.property(keyboardText, fc.constantFrom(...FIELDS), (text, field) => {
      let rest = text;
      for (let round = 0; round < 5; round += 1) {
        const spans = findSpans(rest, field);
        if (!spans.length) return true;
        for (const s of [...spans].reverse()) rest = `${rest.slice(0, s.start)} ${rest.slice(s.end)}`;
      }
      return findSpans(rest, field).length === 0;
    }), { numRuns: 500 });
  });
});

describe('phone and server agree', () => {
  test(`on text typed on an English or Spanish keyboard (3000 texts, seed ${SEED})`, () => {
    assert.deepEqual(disagreements(keyboardText, 3000, SEED), []);
  });

  // Other scripts, letters that fold in other ways (ß, Ａ, ſ) and astral characters: both sides fold the
  // text one code point for one before matching (encounter/sensitive.py), so they must still agree.
  test(`on any Unicode text (1000 texts, seed ${SEED})`, () => {
    assert.deepEqual(disagreements(anyText, 1000, SEED), []);
  });
});

describe('the words for each kind', () => {
  // A kind the door names without words would show the employee a bare key beside the marked text.
  test('every kind of never-collected data has its reason and its short name', () => {
    assert.deepEqual(KINDS.filter((kind) => !ENGLISH[`sensitive.${kind}`] || !ENGLISH[`sensitive.kind.${kind}`]), []);
  });
});

test('a name no rule refused is shown to be asked about, keepable, and never refused', () => {
  const text = 'they told Maria Lopez to wait';
  assert.deepEqual(findSpans(text, 'notes'), []);
  assert.deepEqual(reviewSpans(text, 'notes'), [{ start: 10, end: 21, kind: 'name', allowed: true, ask: true }]);
  assert.deepEqual(reviewSpans(text, 'staff_witnesses').filter((s) => s.ask), []);
});

describe('a kept name', () => {
  const TEXT = 'Tomas Reyes walked them out; he is undocumented.';
  const [name, status] = reviewSpans(TEXT, 'answer');

  test('is not asked about again, and one not kept still is', () => {
    assert.equal(name.ask, true);
    const kept = keptWith([], TEXT, name);
    assert.deepEqual(kept, ['Tomas Reyes']);
    assert.deepEqual(spansLeft(TEXT, 'answer', kept), [status]);
    assert.deepEqual(spansLeft('Tomas Reyes and Ana Ruiz waited outside.', 'answer', kept).map((s) => s.start), [16]);
  });

  test('cannot let through what the server refuses: a refused span is never kept', () => {
    assert.deepEqual(keptWith(['Tomas Reyes'], TEXT, status), ['Tomas Reyes']);
    assert.deepEqual(spansLeft(TEXT, 'answer', ['Tomas Reyes', 'undocumented']), [status]);
  });

  test('holds the send for a refused span, asks for a call on a name, and lets clean text go', () => {
    assert.equal(holdsFor(spansLeft(TEXT, 'answer')), 'refused');
    assert.equal(holdsFor(spansLeft('Tomas Reyes walked them out.', 'answer')), 'ask');
    assert.equal(holdsFor(spansLeft('Tomas Reyes walked them out.', 'answer', ['Tomas Reyes'])), null);
  });
});

describe('spansMessage', () => {
  const t = (key, params) => (params ? `${key}:${params.count}` : key);
  test('counts only what must go, and says "check" when every mark may be kept', async () => {
    const { spansMessage } = await import('../../pwa/src/components/sensitive-marks.js');
    const refused = { kind: 'status' };
    const asked = { kind: 'name', allowed: true, ask: true };
    assert.equal(spansMessage([refused, asked], t), 'sensitive.found.one:1');
    assert.equal(spansMessage([refused, refused, asked], t, 'sensitive.found_send'), 'sensitive.found_send.other:2');
    assert.equal(spansMessage([asked, asked], t), 'sensitive.to_check');
  });
});
