/**
 * A queue link with a status the server does not know (a hand-edited or old address) is refused with the
 * allowed choices: the desk names them as its status filter's options do, in its language, never the codes
 * (pwa/src/desk/components/liaison-filters.js refusedFilters).
 */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusedFilters } from '../../pwa/src/desk/components/liaison-filters.js';
import es from '../../pwa/src/desk/messages/es.js';

const t = (key, params = {}) => (es[key] ?? key).replace(/\{(\w+)\}/g, (m, name) => params[name] ?? m);
const CHOICES = ['open', 'new', 'acknowledged', 'in_review', 'escalated', 'closed'];

test('a refused status names the filter options in Spanish, not the codes', () => {
  // The server's shape: the filter repeats, so its messages come by position.
  const body = { errors: { query: { status: { 0: [`Must be one of: ${CHOICES.join(', ')}.`] } } },
    error_codes: { query: { status: { 0: [{ code: 'one_of', params: { choices: CHOICES } }] } } } };
  const said = refusedFilters(body, t).status;
  assert.equal(said, t('desk.field_error.one_of', { choices: [t('liaison.filter.status.open'),
    ...CHOICES.slice(1).map((s) => t(`liaison.status.${s}`))].join(', ') }));
  assert.doesNotMatch(said, /in_review|acknowledged/);
  assert.deepEqual(body.error_codes.query.status[0][0].params.choices, CHOICES, 'the answer is not changed');
});

test('another field refused keeps its own words', () => {
  const body = { errors: { query: { priority: ['Must be between 1 and 3.'] } },
    error_codes: { query: { priority: [{ code: 'range', params: { min: 1, max: 3 } }] } } };
  assert.equal(refusedFilters(body, t).priority, t('desk.field_error.range_between', { min: 1, max: 3 }));
});
