/** What the desk's readers see: the quarterly report's quarters. */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIRST_QUARTER, quarters } from '../../pwa/src/desk/screens/quarterly.js';

describe('the quarterly report offers every quarter since the first, the current one marked', () => {
  test('in December 2026 it offers 2026 Q4 (not over) back to 2025 Q3, newest first', () => {
    const offered = quarters(new Date(2026, 11, 5));
    assert.deepEqual(offered.map((q) => `${q.year} Q${q.quarter}`),
      ['2026 Q4', '2026 Q3', '2026 Q2', '2026 Q1', '2025 Q4', '2025 Q3']);
    assert.deepEqual(offered.map((q) => q.current), [true, false, false, false, false, false]);
    assert.deepEqual(offered.at(-1), { ...FIRST_QUARTER, current: false });
  });

  test('on the first day of a year its first quarter is offered, not yet over', () => {
    assert.deepEqual(quarters(new Date(2027, 0, 1))[0], { year: 2027, quarter: 1, current: true });
  });
});
