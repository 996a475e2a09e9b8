/** The desk's pure modules: filters and query strings, words for statuses, charts' numbers, step ids, catalogs. */
import './support.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ApiError, AuthError, TransientError } from '../../pwa/src/api.js';
import { REFUSALS, problem, query } from '../../pwa/src/desk/api.js';
import { duration, percent } from '../../pwa/src/desk/components/chart.js';
import { checklistName, departmentCode, departmentName, readFilters, rememberDepartments } from '../../pwa/src/desk/components/liaison-filters.js';
import { MOVES, STATUSES, codeText, personName, reasonText, releasedText, statusText } from '../../pwa/src/desk/components/liaison-words.js';
import en from '../../pwa/src/desk/messages/en.js';
import es from '../../pwa/src/desk/messages/es.js';
import trainerEn from '../../pwa/src/desk/messages/trainer-en.js';
import { slug } from '../../pwa/src/desk/screens/checklist-editor.js';
import { apiQuery, pollLimit } from '../../pwa/src/desk/screens/queue.js';
import { matrix, valueLabel } from '../../pwa/src/desk/components/crosstab.js';
import { weeklyByDepartment } from '../../pwa/src/desk/components/aggregate-charts.js';
import { CODES } from '../../pwa/src/languages.js';
import vocabulary from '../../pwa/src/rules/vocabulary.json' with { type: 'json' };
import views from '../../pwa/src/rules/views.json' with { type: 'json' };
import triageRules from '../../pwa/src/rules/triage.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const translator = (catalog) => (key, params = {}) => (key in catalog ? catalog[key].replace(/\{(\w+)\}/g, (_, n) => params[n]) : key);
const t = translator(en);
// Every desk language's own catalog (no English fallback): a code shown as words must be words in each.
const DESK = Object.fromEntries(await Promise.all(CODES.map(async (code) => [code, (await import(`../../pwa/src/desk/messages/${code}.js`)).default])));
// The audit actions the server writes against a report (server/reports/triage.py, server/retention/changes.py,
// server/sync_store.py, server/retention/purge.py, server/retention/files.py, server/counsel.py).
const REPORT_AUDIT_ACTIONS = ['encounter.receive', 'answer.receive', 'triage.status', 'triage.reopen', 'triage.assign', 'triage.priority',
  'triage.note', 'triage.question', 'triage.duplicate', 'report.redact', 'report.photo_remove', 'retention.hold',
  'retention.release', 'retention.erase', 'retention.counsel_forget', 'counsel.document.share', 'counsel.document.view',
  'counsel.photo.view', 'counsel.answer'];
const VARIANTS = readdirSync(new URL('../../content/checklists/', import.meta.url)).map((f) => f.replace(/\.json$/, ''));

describe('queries and filters', () => {
  test('a query string repeats list values and leaves out empty ones', () => {
    assert.equal(query({}), '');
    assert.equal(query({ status: ['new', 'closed'], site: '', q: 'van & truck', page: 0, x: null }),
      '?status=new&status=closed&q=van+%26+truck&page=0');
  });

  test('property: every non-empty value comes back from the query string, in order', () => {
    fc.assert(fc.property(fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.array(fc.string({ minLength: 1 }), { maxLength: 3 })), (params) => {
      const back = new URLSearchParams(query(params).slice(1));
      for (const [key, values] of Object.entries(params)) assert.deepEqual(back.getAll(key), values);
    }));
  });

  test('filters default to open reports; a liaison never filters by department, the citywide view never by assignee', () => {
    const q = new URLSearchParams('department=LAPL&assigned=me&priority=1');
    const own = readFilters(q);
    assert.equal(own.status, 'open');
    assert.equal(own.department, '');
    assert.equal(own.assigned, 'me');
    const city = readFilters(q, { citywide: true });
    assert.equal(city.department, 'LAPL');
    assert.equal(city.assigned, '');
    assert.equal(readFilters(null).status, 'open');
  });

  test('"all" statuses asks the server for each status by name', () => {
    assert.deepEqual(apiQuery({ status: 'all', site: 'X' }), { status: STATUSES, site: 'X' });
    assert.deepEqual(apiQuery({ status: 'open' }), { status: 'open' });
  });

  test("the queue's poll asks for every row shown, at least the server's page and at most its most per request", () => {
    // The server's rule (encounter/views.py QUEUE_PAGE), as exported: no second copy in the desk.
    const { default: page, max } = views.queue_page;
    assert.ok(page >= 1 && page <= max);
    assert.equal(pollLimit(0), page);
    assert.equal(pollLimit(page + 1), Math.min(max, page + 1));
    assert.equal(pollLimit(max + 40), max);
  });

  test('departments are named once seen, else shown by code', () => {
    assert.equal(departmentCode('LAPL'), 'LAPL');
    assert.equal(departmentCode({ code: 'RAP' }), 'RAP');
    assert.equal(departmentCode(undefined), '');
    assert.equal(departmentName('ZZZ'), 'ZZZ');
    rememberDepartments([{ department: { code: 'ZZZ', name: 'Zoo' } }]);
    assert.equal(departmentName('ZZZ'), 'Zoo');
  });
});

describe('words', () => {
  test('the desk\'s English and Spanish catalogs have the same keys', () => {
    assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
  });

  test('statuses read in words, unknown ones as their code; reasons and names tolerate missing parts', () => {
    for (const status of STATUSES) assert.notEqual(statusText(status, t), `liaison.status.${status}`);
    assert.equal(statusText('weird', t), 'weird');
    assert.equal(reasonText(null), '');
    assert.equal(reasonText('Children present'), 'Children present');
    assert.equal(reasonText({ en: 'Children present', es: 'Menores presentes' }), 'Children present');
    assert.equal(typeof personName(null), 'string');
  });

  test('audit actions, facility types and checklist kinds read as words in every desk language, unknown ones as their code', () => {
    const cases = [['liaison.audit.action', REPORT_AUDIT_ACTIONS], ['liaison.facility', vocabulary.facility_types],
      ['trainer.variant', VARIANTS], ['liaison.released', triageRules.releases]];
    for (const code of CODES) {
      const words = translator(DESK[code]);
      for (const [prefix, values] of cases) {
        for (const value of values) assert.notEqual(codeText(prefix, value, words), value, `${code}: ${prefix}.${value}`);
      }
    }
    assert.equal(codeText('liaison.audit.action', 'triage.status', translator(DESK.es)), 'Estado cambiado');
    assert.equal(codeText('liaison.audit.action', 'something.new', t), 'something.new');
  });

  test('an assignment the server let go says why, in words, and an unknown reason as its code', () => {
    assert.equal(releasedText('assignee_unmapped', t), "Unassigned: assignee's City sign-in no longer grants access");
    assert.equal(releasedText('assignee_moved', translator(DESK.es)), 'Sin asignar: la persona asignada pasó a otro departamento');
    assert.equal(releasedText('something_new', t), 'Unassigned: something_new');
  });

  test('a checklist is named by its department and its kind in words, never its key', () => {
    const checklist = { department: { code: 'LASAN', name: 'LA Sanitation and Environment' }, key: 'field_crew' };
    assert.equal(checklistName(checklist, t), 'LA Sanitation and Environment · Field crews');
    assert.equal(checklistName(checklist, translator(DESK.ru)), 'LA Sanitation and Environment · Полевые бригады');
  });

  test('the desk\'s copy of the triage moves is the server\'s table (server/reports/triage.py)', () => {
    const python = process.env.PYTHON || (existsSync(`${ROOT}.venv/bin/python`) ? `${ROOT}.venv/bin/python` : 'python3');
    const done = spawnSync(python, ['-c', 'import json; from server.reports.triage import MOVES; '
      + 'print(json.dumps({k: sorted(v) for k, v in MOVES.items()}))'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(done.status, 0, done.stderr);
    const server = JSON.parse(done.stdout);
    assert.deepEqual(Object.fromEntries(Object.entries(MOVES).map(([k, v]) => [k, [...v].sort()])), server);
    assert.deepEqual([...STATUSES].sort(), Object.keys(server).sort());
  });
});

describe('numbers and ids', () => {
  test('durations read as seconds, minutes and hours; nothing is a dash', () => {
    assert.equal(duration(45), '45 s');
    assert.equal(duration(200), '3 min 20 s');
    assert.equal(duration(180), '3 min');
    assert.equal(duration(7500), '2 h 5 min');
    assert.equal(duration(7200), '2 h');
    for (const none of [null, undefined, NaN, 'x']) assert.equal(duration(none), '–');
  });

  test('a duration given the words of the reader says each part in them, the English unchanged', () => {
    assert.equal(duration(200, translator(trainerEn)), '3 min 20 s');
    assert.equal(duration(7500, translator(trainerEn)), '2 h 5 min');
    assert.equal(duration(200, translator(DESK.fa)), '3 دقیقه 20 ثانیه');
    for (const code of CODES.filter((c) => c !== 'en' && c !== 'es')) {
      assert.ok(!/\bmin\b|\d s\b/.test(duration(7260, translator(DESK[code]))) || ['tl'].includes(code), code);
    }
  });

  test('rates read as whole percentages in the language asked', () => {
    assert.equal(percent(0.426, 'en'), '43%');
    assert.match(percent(0.5, 'es'), /^50\s?%$/);
    assert.equal(percent(null, 'en'), '–');
  });

  test('a step id is the English text\'s words, accents dropped, hyphenated, at most 40 characters', () => {
    assert.equal(slug('Stay calm and safe!'), 'stay-calm-and-safe');
    assert.equal(slug('Llame a su supervisión'), 'llame-a-su-supervision');
    assert.equal(slug(''), '');
    fc.assert(fc.property(fc.string(), (text) => {
      const id = slug(text);
      return id.length <= 40 && /^([a-z0-9]+(-[a-z0-9]+)*)?$/.test(id);
    }), { numRuns: 2000 });
  });

  test('a problem reads as the server\'s message, a sign-in request, or a network note', () => {
    assert.equal(problem(new ApiError(409, { message: 'Already closed.' }), t), 'Already closed.');
    assert.equal(problem(new ApiError(409, { message: 'Something new', reason: 'brand_new' }), t), 'Something new');
    // Signed out at a desk: the desk's words, not the phone's "reports on this phone are kept".
    assert.equal(problem(new AuthError('token_expired'), t), en['desk.error.signin_again']);
    assert.equal(problem(new AuthError('device_revoked'), t), en['desk.error.device_revoked']);
    assert.equal(problem(new TransientError('down'), t), en['desk.error.network']);
  });

  test('a refusal the desk knows reads in the desk\'s language, whatever English the server sent', () => {
    const es = translator(DESK.es);
    const moved = new ApiError(409, { message: 'a report in closed cannot move to escalated', reason: 'invalid_transition',
      errors: { allowed: ['in_review'] } });
    assert.equal(problem(moved, es), DESK.es['desk.refusal.changed']);
    assert.equal(problem(new ApiError(422, { message: 'Unprocessable Entity', errors: { json: { text: ['x'] } } }), es),
      DESK.es['desk.refusal.invalid']);
    for (const code of CODES) {
      for (const [reason, key] of Object.entries(REFUSALS)) assert.ok(DESK[code][key], `${code}: ${reason} → ${key}`);
      assert.ok(DESK[code]['desk.refusal.not_found'], code);
    }
  });

  test('an assignee the City\'s sign-in refused since the list was drawn is said in the desk\'s language', () => {
    const es = translator(DESK.es);
    assert.equal(problem(new ApiError(409, { message: 'this liaison cannot open the report', reason: 'assignee_unmapped' }), es),
      DESK.es['desk.refusal.assignee_unmapped']);
  });

  test('a filter naming nothing, and any 404 without a reason, read in the desk\'s language, not the server\'s English', () => {
    const es = translator(DESK.es);
    assert.equal(problem(new ApiError(404, { message: 'no such site', reason: 'unknown_site' }), es), DESK.es['desk.refusal.unknown_site']);
    assert.equal(problem(new ApiError(404, { message: 'no such checklist version', reason: 'unknown_version' }), es),
      DESK.es['desk.refusal.unknown_version']);
    assert.equal(problem(new ApiError(404, { message: 'no such department' }), es), DESK.es['desk.refusal.not_found']);
    assert.equal(problem(new ApiError(404, { message: 'Not Found' }), es), DESK.es['desk.refusal.not_found']);
  });
});

describe('the Mayor\'s Office cross-tab and weekly chart', () => {
  test('cells become a matrix with every row and column, and zero where a cell has no reports', () => {
    const { rows, columns, at } = matrix([['A', '1-2', 1], ['A', '6-10', 2], ['B', 'not_given', 3]]);
    assert.deepEqual(rows, ['A', 'B']);
    assert.deepEqual(columns, ['1-2', '6-10', 'not_given']);
    assert.deepEqual(rows.map((r) => columns.map((c) => at(r, c))), [[1, 2, 0], [0, 0, 3]]);
  });

  test('values read as words: yes/no, not given, bands as they are, vocabulary codes through the catalog', () => {
    assert.equal(valueLabel('masks', 'yes', t), en['liaison.quarterly.yes']);
    assert.equal(valueLabel('agents', 'not_given', t), en['liaison.crosstab.not_given']);
    assert.equal(valueLabel('agents', '3-5', t), '3-5');
    assert.equal(valueLabel('facility_type', 'recreation_center', t), en['liaison.facility.recreation_center']);
    assert.equal(valueLabel('entry_warrant', 'no_entry', t), en['liaison.quarterly.no_entry']);
    // A vocabulary's dimension left unanswered, and a month, read as words too (the quarterly report's headings).
    assert.equal(valueLabel('outcome', 'not_given', t), en['liaison.crosstab.not_given']);
    assert.equal(valueLabel('month', '2026-11', t), 'November 2026');
  });

  test('the weekly chart has one row per week and one series per department, in the order of their names', () => {
    const names = { A: 'Zoo', B: 'Aquarium' };
    const { series, rows } = weeklyByDepartment([
      { week: '2026-W48', department: 'A', reports: 2 }, { week: '2026-W47', department: 'B', reports: 5 },
      { week: '2026-W48', department: 'B', reports: 1 }], (code) => names[code]);
    assert.deepEqual(series.map((s) => s.label), ['Aquarium', 'Zoo']);
    assert.deepEqual(rows, [{ week: '2026-W47', label: '2026-W47', values: [5, 0] },
      { week: '2026-W48', label: '2026-W48', values: [1, 2] }]);
  });
});
