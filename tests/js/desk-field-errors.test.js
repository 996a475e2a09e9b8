/**
 * Field messages in the desk's language (pwa/src/field-errors.js): pure helpers, no screen. The redaction
 * mark as a translated token, shared with the phone, is tested in stored-text.test.js.
 */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldErrorKey, fieldErrorText, localErrors } from '../../pwa/src/field-errors.js';
import en from '../../pwa/src/desk/messages/en.js';
import es from '../../pwa/src/desk/messages/es.js';
import field from '../../pwa/src/messages/en.js';
import fieldEs from '../../pwa/src/messages/es.js';
import admin from '../../pwa/src/desk/messages/admin-en.js';
import liaison from '../../pwa/src/desk/messages/liaison-en.js';
import liaisonEs from '../../pwa/src/desk/messages/liaison-es.js';
import trainer from '../../pwa/src/desk/messages/trainer-en.js';

// A t() over the English desk catalog that shows its params, so a test sees both the words and the values.
const t = (key, params = {}) => (en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name]));

describe('field messages by code', () => {
  test('each code and its bounds choose the sentence', () => {
    assert.equal(fieldErrorKey({ code: 'required', params: {} }), 'desk.field_error.required');
    assert.equal(fieldErrorKey({ code: 'null', params: {} }), 'desk.field_error.required');
    assert.equal(fieldErrorKey({ code: 'length', params: { max: 300 } }), 'desk.field_error.length_max');
    assert.equal(fieldErrorKey({ code: 'length', params: { min: 12, max: 200 } }), 'desk.field_error.length_between');
    assert.equal(fieldErrorKey({ code: 'length', params: { min: 1 } }), 'desk.field_error.required');
    assert.equal(fieldErrorKey({ code: 'count', params: { min: 1 } }), 'desk.field_error.count_one');
    assert.equal(fieldErrorKey({ code: 'count', params: { min: 1, max: 60 } }), 'desk.field_error.count_between');
    assert.equal(fieldErrorKey({ code: 'duplicate', params: { value: 'a', step: 1 } }), 'desk.field_error.duplicate_step');
    assert.equal(fieldErrorKey({ code: 'range', params: { min: -90, max: 90 } }), 'desk.field_error.range_between');
  });

  test('every key the helper can choose has words in the English catalog', () => {
    const entries = [['required'], ['type'], ['unknown'], ['one_of'], ['blank'], ['nul'], ['pattern'], ['slug'],
      ['code_chars'], ['username'], ['phone'], ['taken'], ['not_found'], ['not_allowed'], ['both_or_none'], ['citywide'],
      ['duplicate'], ['duplicate', { step: 2 }], ['count', { min: 1 }], ['length', { max: 1 }], ['length', { min: 2 }],
      ['length', { min: 1, max: 2 }], ['count', { min: 1, max: 2 }], ['range', { min: 1, max: 2 }], ['before_start']];
    for (const [code, params = {}] of entries) {
      const key = fieldErrorKey({ code, params });
      assert.ok(key && en[key], `${code} ${JSON.stringify(params)} → ${key}`);
    }
  });

  test('an unknown code, no code or no entry shows the server\'s English', () => {
    assert.equal(fieldErrorText('must be purple', { code: 'purple', params: {} }, t), 'must be purple');
    assert.equal(fieldErrorText('must be purple', { code: null, params: {} }, t), 'must be purple');
    assert.equal(fieldErrorText('must be purple', undefined, t), 'must be purple');
    assert.equal(fieldErrorText('x', { code: 'count', params: { max: 5 } }, t), 'x');
  });

  test('a refused draft\'s messages become the desk\'s words, in the same shape, with their values', () => {
    const body = {
      errors: { json: { title: { es: ['Spanish text is required'] },
        steps: { 0: { text: { en: ['English text may be at most 300 characters', 'something new'] } } },
        facility_type: ['must be one of: a, b'] } },
      error_codes: { json: { title: { es: [{ code: 'required', params: {} }] },
        steps: { 0: { text: { en: [{ code: 'length', params: { max: 300 } }, { code: null, params: {} }] } } },
        facility_type: [{ code: 'one_of', params: { choices: ['a', 'b'] } }] } },
    };
    assert.deepEqual(localErrors(body, t), { json: {
      title: { es: ['Required.'] },
      steps: { 0: { text: { en: ['At most 300 characters.', 'something new'] } } },
      facility_type: ['Not an allowed value. Use one of: a, b.'] } });
  });

  test('the queue\'s refused period and priority read in the desk\'s language (Spanish here)', () => {
    const tEs = (key, params = {}) => (es[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name]));
    const body = {
      errors: { query: { to: ['must not be before from'],
        priority: { 0: ['Must be greater than or equal to 1 and less than or equal to 3.'] } } },
      error_codes: { query: { to: [{ code: 'before_start', params: { start: 'from' } }],
        priority: { 0: [{ code: 'range', params: { min: 1, max: 3 } }] } } },
    };
    assert.deepEqual(localErrors(body, tEs), { query: { to: [es['desk.field_error.before_start']],
      priority: { 0: ['Debe estar entre 1 y 3.'] } } });
  });

  test('a refused closed-choice value lists the choices in the words the screen shows, never their codes', () => {
    // What the desk has loaded for a trainer and an administrator: the phone's words and the desk's.
    const all = { ...field, ...en, ...admin, ...liaison, ...trainer };
    const tAll = (key, params = {}) => (all[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name]));
    const oneOf = (choices) => ({ code: 'one_of', params: { choices } });
    const body = {
      errors: { json: { steps: { 3: { call: ["'police' is not a contact a phone holds; use emergency, site, site_lead"],
        capture: ['x'], field: ['y'] } }, role: ['z'], facility_type: ['w'], area_types: { 0: ['v'] } } },
      error_codes: { json: { steps: { 3: { call: [{ code: 'one_of', params: { choices: ['emergency', 'site', 'site_lead'],
        number: '911' } }],
        capture: [oneOf(['note', 'agents'])], field: [oneOf(['stated_purpose'])] } }, role: [oneOf(['liaison', 'mayor_office'])],
      facility_type: [oneOf(['library', 'brand_new'])], area_types: { 0: [oneOf(['non_public'])] } } },
    };
    const shown = localErrors(body, tAll).json;
    assert.equal(shown.steps[3].call[0], 'Not an allowed value. Use one of: Call 911, Call the site, Call your site lead.');
    assert.equal(shown.steps[3].capture[0],
      "Not an allowed value. Use one of: A note, saved in a report field, The agents' names and badge numbers.");
    assert.equal(shown.steps[3].field[0], `Not an allowed value. Use one of: ${field['field.stated_purpose']}.`);
    assert.equal(shown.role[0], "Not an allowed value. Use one of: Liaison, Mayor's Office.");
    // A value the catalogs have no words for is shown as sent rather than hidden.
    assert.equal(shown.facility_type[0], 'Not an allowed value. Use one of: Library, brand_new.');
    assert.equal(shown.area_types[0][0], 'Not an allowed value. Use one of: Non-public area.');
    assert.doesNotMatch(JSON.stringify(shown), /site_lead|mayor_office|stated_purpose|non_public/);
  });

  test('the queue\'s refused agency and status read as the Spanish desk names them', () => {
    const all = { ...fieldEs, ...es, ...liaisonEs };
    const tEs = (key, params = {}) => (all[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params[name]));
    const body = { errors: { json: { agencies: { 0: ['a'] }, status: ['b'] } },
      error_codes: { json: { agencies: { 0: [{ code: 'one_of', params: { choices: ['ice_ero', 'cbp'] } }] },
        status: [{ code: 'one_of', params: { choices: ['in_review', 'closed'] } }] } } };
    const shown = localErrors(body, tEs).json;
    assert.equal(shown.agencies[0][0], `No es un valor permitido. Use uno de: ${fieldEs['agency.ice_ero']}, ${fieldEs['agency.cbp']}.`);
    assert.equal(shown.status[0],
      `No es un valor permitido. Use uno de: ${liaisonEs['liaison.status.in_review']}, ${liaisonEs['liaison.status.closed']}.`);
  });

  test('a refused site code is told its form without a checklist step id as the example, in every desk language', async () => {
    const body = { errors: { json: { code: ['bad'] } }, error_codes: { json: { code: [{ code: 'slug', params: {} }] } } };
    for (const lang of ['en', 'es', 'fa', 'hy', 'ko', 'ru', 'tl', 'vi', 'zh-Hans', 'zh-Hant']) {
      const { default: words } = await import(`../../pwa/src/desk/messages/${lang}.js`);
      const said = localErrors(body, (key) => words[key] ?? key).json.code[0];
      assert.equal(said, words['desk.field_error.slug'], lang);
      // The site's own hint gives its example (lapl-central); a step id (call-site-lead) there only confused.
      assert.doesNotMatch(said, /call-site-lead/, lang);
    }
  });

  test('a body without codes (an older server) and what is not a message are left as sent', () => {
    const old = { errors: { json: { name: ['Missing data for required field.'] } } };
    assert.deepEqual(localErrors(old, t), old.errors);
    const move = { errors: { allowed: ['closed'] } };
    assert.deepEqual(localErrors(move, t), { allowed: ['closed'] });
    assert.equal(localErrors(undefined, t), undefined);
  });
});
