/** The phone's other pure modules: words (i18n), roles, formats, the form's field rules, ids, resume, photos. */
import { USER, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

globalThis.document ??= { documentElement: {}, title: '' };
const { CATALOGS, LANGUAGES, addMessages, language, pick, setLanguage, t } = await import('../../pwa/src/i18n.js');
const { isDeskRole, landing, navLinks } = await import('../../pwa/src/roles.js');
const { dateTime, plural, setTitle, timeOfDay } = await import('../../pwa/src/components/format.js');
const fields = await import('../../pwa/src/components/report-fields.js');
const { alertHash, resumeHash } = await import('../../pwa/src/drafts.js');
const { fit, sha256 } = await import('../../pwa/src/photos.js');
const { mine } = await import('../../pwa/src/owner.js');
const { uuid } = await import('../../pwa/src/uuid.js');
const { newDraft } = await import('../../pwa/src/report.js');

describe('words', () => {
  test('English and Spanish catalogs have the same keys and the same placeholders', async () => {
    await setLanguage('es');
    await setLanguage('en');
    assert.deepEqual(Object.keys(CATALOGS.es).sort(), Object.keys(CATALOGS.en).sort());
    for (const [key, text] of Object.entries(CATALOGS.en)) {
      const holes = (s) => (s.match(/\{\w+\}/g) || []).sort();
      assert.deepEqual(holes(CATALOGS.es[key]), holes(text), key);
    }
  });

  test('t fills placeholders, falls back to English, then to the key; an unknown language is English', async () => {
    assert.equal(await setLanguage('es'), 'es');
    assert.equal(document.documentElement.lang, 'es');
    addMessages({ en: { 'x.only_en': 'Hi {name}' } });
    assert.equal(t('x.only_en', { name: 'Ana' }), 'Hi Ana');
    assert.equal(t('x.only_en'), 'Hi {name}');
    assert.equal(t('x.nowhere'), 'x.nowhere');
    assert.equal(await setLanguage('xx'), 'en');
    assert.equal(language(), 'en');
    assert.deepEqual(LANGUAGES.map((l) => l.code).slice(0, 2), ['en', 'es']);
  });

  test('pick takes the current language, else English, else any', async () => {
    await setLanguage('es');
    assert.equal(pick({ en: 'Stay calm', es: 'Mantenga la calma' }), 'Mantenga la calma');
    assert.equal(pick({ en: 'Stay calm' }), 'Stay calm');
    assert.equal(pick({ ko: '침착' }), '침착');
    assert.equal(pick(null), '');
    await setLanguage('en');
  });

  test('dates are Gregorian in every language, Farsi too, in its own words and digits', async () => {
    await setLanguage('fa');
    const shown = dateTime('2026-12-05T17:41:00Z');
    assert.match(shown, /۲۰۲۶/);
    assert.doesNotMatch(shown, /۱۴۰۵/);
    await setLanguage('en');
  });

  test('plural picks .one for 1 and .other otherwise; dates format and bad ones are blank', () => {
    addMessages({ en: { 'x.n.one': '{count} report', 'x.n.other': '{count} reports' } });
    assert.equal(plural('x.n', 1), '1 report');
    assert.equal(plural('x.n', 0), '0 reports');
    assert.equal(dateTime(''), '');
    assert.equal(dateTime('not a date'), '');
    assert.match(dateTime('2026-11-21T18:18:37Z'), /2026/);
    assert.notEqual(timeOfDay('2026-11-21T18:18:37Z'), '');
    setTitle('Home');
    assert.match(document.title, /^Home · /);
  });

  test("Home's title, the app's name, is said once, not \"Encounter Log · Encounter Log\"", () => {
    setTitle(t('home.title'));
    assert.equal(document.title, t('app.name'));
  });
});

describe('roles', () => {
  test('each role lands on its first screen; signed out is the field app', () => {
    assert.equal(landing('field'), '#/');
    assert.equal(landing(undefined), '#/');
    assert.equal(landing('liaison'), '#/desk/queue');
    assert.equal(landing('trainer'), '#/desk/checklists');
    assert.ok(!isDeskRole('field') && !isDeskRole(null) && isDeskRole('mayor_office'));
  });

  test('the Mayor\'s Office and trainers get no report screen; everyone gets settings', () => {
    const hashes = (role) => navLinks(role).map(([hash]) => hash);
    assert.ok(!hashes('mayor_office').includes('#/report-encounter'));
    assert.ok(!hashes('trainer').includes('#/desk/queue'));
    for (const role of ['field', 'liaison', 'mayor_office', 'trainer', 'admin']) assert.ok(hashes(role).includes('#/settings'));
    const [, , current] = navLinks('liaison').find(([hash]) => hash === '#/desk/queue');
    assert.ok(current('#/desk/report/abc') && current('#/desk/queue?status=open') && !current('#/desk/queued'));
  });

  test('signed out, the header offers Settings alone: no Home or My reports before anyone signs in', () => {
    for (const nobody of [null, undefined, '']) assert.deepEqual(navLinks(nobody).map(([hash]) => hash), ['#/settings']);
  });

  test('a link to a phone screen is named in the phone\'s catalogs; one to a desk screen, in the desk\'s alone', async () => {
    // The phone's first load carries the phone's catalog (every byte of it counted, README); the desk's catalog comes
    // with the desk's chunk, which the header waits for before it draws a desk role's links (components/header.js).
    const phone = (await import('../../pwa/src/messages/en.js')).default;
    const desk = (await import('../../pwa/src/desk/messages/en.js')).default;
    // A link to one of the phone's own screens (not #/desk/) works offline, where the desk's chunk may be in no
    // cache: a liaison's "Report an encounter" is named in the phone's catalog too, or it would leave the menu.
    const links = (roles) => roles.flatMap((role) => navLinks(role));
    const keys = (found) => new Set(found.map(([, key]) => key));
    const deskRoles = ['liaison', 'mayor_office', 'trainer', 'admin', 'counsel'];
    const phoneKeys = keys([...links([null, 'field']), ...links(deskRoles).filter(([hash]) => !hash.startsWith('#/desk/'))]);
    assert.ok(phoneKeys.has('nav.report'));
    for (const key of phoneKeys) assert.ok(phone[key] && !desk[key], key);
    const deskOnly = [...keys(links(deskRoles))].filter((key) => !phoneKeys.has(key));
    assert.ok(deskOnly.includes('nav.queue') && deskOnly.includes('nav.admin_server'));
    for (const key of deskOnly) assert.ok(desk[key] && !(key in phone), key);
  });
});

describe('the report form\'s rules', () => {
  test('counts are whole numbers from 0 to 999, or empty', () => {
    for (const ok of ['', null, undefined, '0', '12', '999', 7]) assert.ok(fields.countOk(ok), String(ok));
    for (const bad of ['-1', '1.5', '1000', 'two', ' 3', '1e2', '1e', '2,5']) assert.ok(!fields.countOk(bad), bad);
  });

  test('local errors name the required fields and the bad counts', () => {
    const draft = newDraft({ id: 'v1' });
    draft.fields.agent_count = 'many';
    assert.deepEqual(Object.keys(fields.localErrors(draft)).sort(), ['agent_count', 'area_type', 'document_type', 'site']);
  });

  test('every field of the form has a kind, and the closed lists have choices', () => {
    for (const [, names] of fields.SECTIONS) for (const name of names) assert.ok(fields.kindOf(name));
    for (const name of ['area_type', 'document_type', 'agencies', 'requested', 'outcome']) assert.ok(fields.choices(name).length);
    assert.deepEqual(fields.choices('notes'), []);
  });

  test('the server\'s rejection maps to fields, the rest is general; nothing is lost', () => {
    const out = fields.serverErrors({ body: { site: ['Unknown site.'], started_at: ['Too old.'], steps: { 0: { at: ['Bad.'] } } },
      _item: ['too_large'], protocol: ['Unsupported.'] });
    assert.equal(out.fields.site, 'Unknown site.');
    assert.equal(out.fields.started_at, 'Too old.', 'the start is asked on the form: its reason shows there');
    assert.equal(out.general.length, 3);
    assert.deepEqual(fields.serverErrors(undefined), { fields: {}, general: [] });
  });

  test('changing a field clears its server error only', () => {
    const draft = { rejected_errors: { body: { site: ['x'], started_at: ['y'] } } };
    assert.deepEqual(fields.clearServerError(draft, 'started_at').rejected_errors.body, { site: ['x'] });
    assert.equal(fields.clearServerError(draft, 'ended_at'), draft);
    assert.deepEqual(fields.clearServerError(draft, 'site').rejected_errors.body, { started_at: ['y'] });
    assert.equal(fields.clearServerError(draft, 'notes'), draft);
  });

  test('a location reads with five decimals and whole metres', () => {
    assert.deepEqual(fields.locationParams({ lat: 34.0522349, lon: -118.2436849, accuracy_m: 12.6 }),
      { lat: '34.05223', lon: '-118.24368', accuracy: 13 });
  });
});

describe('ids, resume, photos, owners', () => {
  test('ids are random version-4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 1000 }, uuid));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('a draft resumes on the stage and step it was left on', () => {
    assert.equal(resumeHash({ id: 'd', stage: 'review' }), '#/encounter/d/review');
    assert.equal(resumeHash({ id: 'd', stage: 'report' }), '#/encounter/d/report');
    assert.equal(resumeHash({ id: 'd', stage: 'checklist', step_index: 4 }), '#/encounter/d/step/4');
    assert.equal(resumeHash({ id: 'd', stage: 'checklist' }), '#/encounter/d/step/0');
  });

  test('"Agents here now" opens the checklist at its first step not yet answered, wherever the draft was left', () => {
    const version = { steps: [{ id: 'calm' }, { id: 'call' }, { id: 'ask' }] };
    const draft = { id: 'd', stage: 'report', section: 'short', show_errors: true, step_index: 3, steps: {} };
    assert.equal(alertHash(draft, version), '#/encounter/d/step/0');
    assert.equal(alertHash({ ...draft, stage: 'review', steps: { calm: { result: 'done' } } }, version),
      '#/encounter/d/step/1');
    assert.equal(alertHash({ ...draft, steps: { calm: {}, ask: {} } }, version), '#/encounter/d/step/1');
    const all = { calm: {}, call: {}, ask: {} };
    assert.equal(alertHash({ ...draft, steps: all }, version), '#/encounter/d/step/0', 'all answered: from the top');
    assert.equal(alertHash(draft, undefined), '#/encounter/d/step/0', 'no checklist on the phone: the step screen copes');
  });

  test('property: a photo is scaled to fit 1600 px on its long edge, never enlarged, aspect kept', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), (w, h) => {
      const out = fit(w, h);
      assert.ok(Math.max(out.width, out.height) <= Math.max(1600, 1) && out.width >= 1 && out.height >= 1);
      if (Math.max(w, h) <= 1600) assert.deepEqual(out, { width: w, height: h });
      const scale = Math.min(1, 1600 / Math.max(w, h));
      // Each side is the exact scaled length to the nearest pixel (at least one): the aspect is kept.
      assert.ok(Math.abs(out.width - Math.max(1, w * scale)) <= 0.5 && Math.abs(out.height - Math.max(1, h * scale)) <= 0.5);
    }), { numRuns: 2000 });
  });

  test('a photo\'s hash is the hex SHA-256 of its bytes', async () => {
    assert.equal(await sha256(new TextEncoder().encode('abc')),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('only the signed-in user\'s records are listed; records from before owners go to the last owner', async () => {
    await wipe();
    assert.deepEqual(await mine([{ id: 1, owner: USER.id }]), [], 'signed out: nothing');
    await signIn();
    const records = [{ id: 1, owner: USER.id }, { id: 2, owner: 'other' }, { id: 3 }];
    assert.deepEqual((await mine(records)).map((r) => r.id), [1, 3]);
  });
});
