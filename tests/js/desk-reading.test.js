/** What the desk's readers see: the quarterly report's quarters, chart labels that fit, pooled steps' names,
 * translations an English edit left behind. */
import { inZone } from './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labelLines } from '../../pwa/src/desk/components/chart.js';
import { staleTranslations } from '../../pwa/src/desk/components/stale-translations.js';
import en from '../../pwa/src/desk/messages/en.js';
import es from '../../pwa/src/desk/messages/es.js';
import { stepIdWords, stepLabel } from '../../pwa/src/desk/screens/analytics.js';
import fa from '../../pwa/src/desk/messages/fa.js';
import { calendarDay, cityDay, monthName, weekLabel, weekStart } from '../../pwa/src/desk/components/calendar.js';
import { dateTime } from '../../pwa/src/components/format.js';
import { inDigits, lastQuarter, quarters } from '../../pwa/src/desk/screens/quarterly.js';
import { LANGUAGES, setLanguage } from '../../pwa/src/i18n.js';
import disclosure from '../../pwa/src/rules/disclosure.json' with { type: 'json' };

const translator = (catalog) => (key, params = {}) => (key in catalog ? catalog[key].replace(/\{(\w+)\}/g, (_, n) => params[n]) : key);

describe('the quarterly report offers every quarter since the first, the current one marked', () => {
  test('in December 2026 it offers 2026 Q4 (not over) back to 2025 Q3, newest first', () => {
    const offered = quarters(new Date(2026, 11, 5));
    assert.deepEqual(offered.map((q) => `${q.year} Q${q.quarter}`),
      ['2026 Q4', '2026 Q3', '2026 Q2', '2026 Q1', '2025 Q4', '2025 Q3']);
    assert.deepEqual(offered.map((q) => q.current), [true, false, false, false, false, false]);
    assert.deepEqual(offered.at(-1), { ...disclosure.first_quarter, current: false });
  });

  test('on the first day of a year its first quarter is offered, not yet over', () => {
    assert.deepEqual(quarters(new Date('2027-01-01T08:00:00Z'))[0], { year: 2027, quarter: 1, current: true });
  });

  test('the default and current quarter are the City\'s: 8 pm on 30 September in Los Angeles is Q3 anywhere', () => {
    // Already 1 October in UTC and in Tokyo: a desk there read Q4 as begun and Q3 as the last complete quarter.
    const evening = new Date('2026-10-01T03:00:00Z');
    for (const zone of ['Asia/Tokyo', 'UTC', 'America/Los_Angeles']) {
      inZone(zone, () => {
        assert.deepEqual(lastQuarter(evening), { year: 2026, quarter: 2 }, zone);
        assert.deepEqual(quarters(evening)[0], { year: 2026, quarter: 3, current: true }, zone);
      });
    }
  });

  test('at midnight on 1 January in Los Angeles the last complete quarter is Q4, even where it is still December', () => {
    const newYear = new Date('2027-01-01T08:00:00Z');
    for (const zone of ['Pacific/Honolulu', 'Asia/Tokyo']) {
      inZone(zone, () => assert.deepEqual(lastQuarter(newYear), { year: 2026, quarter: 4 }, zone));
    }
  });
});

describe('weeks and months read as dates in the reader\'s language, never as codes', () => {
  test('an ISO week is named by its Monday: "Week of Nov 30, 2026" in English, Persian digits in Farsi', () => {
    assert.equal(weekLabel('2026-W49', translator(en), 'en'), 'Week of Nov 30, 2026');
    assert.equal(weekLabel('2026-W49', translator(es), 'es'), 'Semana del 30 nov 2026');
    const persian = weekLabel('2026-W49', translator(fa), 'fa');
    assert.match(persian, /۳۰/);
    assert.match(persian, /۲۰۲۶/);
    assert.doesNotMatch(persian, /[0-9]/);
  });

  test('week 1 may start in December and some years have a week 53; anything else stays as given', () => {
    assert.equal(weekStart('2026-W01').toISOString(), '2025-12-29T00:00:00.000Z');
    assert.equal(weekStart('2020-W53').toISOString(), '2020-12-28T00:00:00.000Z');
    assert.equal(weekStart('2027-W01').toISOString(), '2027-01-04T00:00:00.000Z');
    assert.equal(weekLabel('not_given', translator(en), 'en'), 'not_given');
  });

  test('the City\'s day is Los Angeles\'s: from 4 pm Pacific UTC is already tomorrow, the City is not', () => {
    assert.equal(cityDay(new Date('2026-12-08T01:30:00Z')), '2026-12-07');  // 5:30 pm PST
    assert.equal(cityDay(new Date('2026-07-01T06:59:00Z')), '2026-06-30');  // 11:59 pm PDT
    assert.equal(cityDay(new Date('2026-07-01T07:00:00Z')), '2026-07-01');
  });

  test('a calendar day reads as a date ("Nov 9, 2026"), Persian digits in Farsi, never a day early', () => {
    assert.equal(calendarDay('2026-11-09', 'en'), 'Nov 9, 2026');
    assert.equal(calendarDay('2026-11-09', 'es'), '9 nov 2026');
    assert.equal(calendarDay('2026-11-09', 'fa'), '۹ نوامبر ۲۰۲۶');
    assert.equal(calendarDay(weekStart('2026-W49'), 'en'), 'Nov 30, 2026');
  });

  test('what is not a calendar day stays as given rather than becoming another day or "Invalid Date"', () => {
    for (const given of ['2026-02-30', '2026-W49', 'soon', '']) assert.equal(calendarDay(given, 'en'), given);
    assert.equal(calendarDay(undefined, 'en'), '');
  });

  test('in every language a day and its week read as the date of a moment on that day', async () => {
    try {
      for (const { code } of LANGUAGES) {
        await setLanguage(code);
        const moment = dateTime('2026-11-30T12:00:00Z'); // noon UTC: 30 November in every zone of the Americas
        assert.ok(moment.includes(calendarDay('2026-11-30', code)), `${code}: ${calendarDay('2026-11-30', code)} / ${moment}`);
        const week = weekLabel('2026-W49', (key, { date }) => date, code);
        assert.equal(week, calendarDay('2026-11-30', code), code);
      }
    } finally {
      await setLanguage('en');
    }
  });

  test('one helper names the months of the picker and of the cross-tab', () => {
    assert.equal(monthName(2026, 6, { lang: 'en' }), 'July');
    assert.equal(monthName(2026, 10, { withYear: true, lang: 'en' }), 'November 2026');
    assert.doesNotMatch(monthName(2026, 10, { withYear: true, lang: 'fa' }), /[0-9]/);
  });

  test('the band of late reports keeps the server\'s words and takes the reader\'s digits', async () => {
    assert.equal(inDigits('1-4'), '1-4');
    await setLanguage('fa');
    try {
      assert.equal(inDigits('1-4'), '۱-۴');
      assert.equal(inDigits('10+'), '۱۰+');
    } finally {
      await setLanguage('en');
    }
  });
});

describe('a chart label fits the label column', () => {
  const WIDTH = 216;
  // An upper bound of each character's width at 13 px (measured in Chromium): a Han character, Hangul or "…" 13.
  const width = (line) => [...line].reduce((w, c) => w + (/[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af…]/u.test(c) ? 13
    : /[MWmw]/.test(c) ? 12 : /[A-Z\u0530-\u058f]/.test(c) ? 9.5 : 7.2), 0);

  test('a long step breaks between words over two lines and ends in "…" (it was cut at the image\'s left edge)', () => {
    const text = '3. Ask each agent for name, agency and badge number and their supervisor\'s contact; note any refusal.';
    const lines = labelLines(text, { width: WIDTH, lines: 2 });
    assert.equal(lines.length, 2);
    assert.equal(lines[0], '3. Ask each agent for name,');
    assert.ok(lines[1].endsWith('…'));
    assert.ok(text.startsWith(`${lines[0]} ${lines[1].slice(0, -1)}`), lines);
    for (const line of lines) assert.ok(width(line) <= WIDTH, line);
  });

  test('a short label stays whole on one line', () => {
    assert.deepEqual(labelLines('2026-W47', { width: WIDTH, lines: 2 }), ['2026-W47']);
  });

  test('a language without spaces is cut between characters, each line within the column', () => {
    const lines = labelLines('向每位探员询问姓名、机构和徽章号码以及其主管的联系方式；记下任何拒绝。', { width: WIDTH, lines: 2 });
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(width(line) <= WIDTH, line);
    assert.ok(lines[1].endsWith('…'));
  });
});

describe('a step pooled over departments that word it differently', () => {
  const pooled = { step_id: 'call-site-lead', text: null, position: null, department: null };

  test('is named by its id in words and marked, never by the bare id', () => {
    assert.equal(stepIdWords('call-site-lead'), 'Call site lead');
    assert.equal(stepLabel(pooled, translator(en)), 'Call site lead (wording differs by department)');
    assert.equal(stepLabel(pooled, translator(es)), 'Call site lead (la redacción varía según el departamento)');
  });

  test('a step with one wording keeps its text and its number', () => {
    assert.equal(stepLabel({ step_id: 'stay-calm', text: { en: 'Stay calm.' }, position: 1 }, translator(en)), '1. Stay calm.');
  });
});

describe('translations an English edit left behind', () => {
  const published = [
    { id: 'stay-calm', text: { en: 'Stay calm.', es: 'Mantenga la calma.', ko: '침착하세요.' } },
    { id: 'aftercare', text: { en: 'Check on staff.', es: 'Pregunte por el personal.' } },
  ];

  test('a reworded step names each translation unchanged since the published version, in the order asked', () => {
    const draft = [
      { id: 'aftercare', text: { en: 'Write down who you checked on.', es: 'Pregunte por el personal.' } },
      { id: 'stay-calm', text: { en: 'Stay calm and safe.', es: 'Mantenga la calma.', ko: '침착하세요.' } },
    ];
    assert.deepEqual(staleTranslations(draft, published, ['ko', 'es']), [
      { index: 0, id: 'aftercare', languages: ['es'] },
      { index: 1, id: 'stay-calm', languages: ['ko', 'es'] },
    ]);
  });

  test('a translation reworded with it, an empty one, an English edit of spaces only and a new step are not named', () => {
    const draft = [
      { id: 'stay-calm', text: { en: 'Stay calm and safe.', es: 'Mantenga la calma y la seguridad.', ko: '' } },
      { id: 'aftercare', text: { en: ' Check on staff. ', es: 'Pregunte por el personal.' } },
      { id: 'new-step', text: { en: 'New.', es: 'Nuevo.' } },
    ];
    assert.deepEqual(staleTranslations(draft, published, ['es', 'ko']), []);
    assert.deepEqual(staleTranslations(draft, null, ['es']), []);
  });
});
