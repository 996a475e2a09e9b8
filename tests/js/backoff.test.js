/** The retry backoff: exponential from 2 s, capped at 5 min, with full jitter on the upper half. */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { backoffDelay } from '../../pwa/src/sync.js';

const ceiling = (attempt) => Math.min(300000, 2000 * 2 ** attempt);

test('the first retry waits between 1 and 2 seconds', () => {
  assert.equal(backoffDelay(0, () => 0), 1000);
  assert.equal(backoffDelay(0, () => 0.999999), 2000);
});

test('the ceiling doubles with each failure until five minutes, then stays there', () => {
  const tops = Array.from({ length: 12 }, (_, n) => backoffDelay(n, () => 0.9999999));
  assert.deepEqual(tops, [2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000, 300000]);
  assert.equal(backoffDelay(1000, () => 1), 300000, 'a huge attempt count never overflows the cap');
});

test('property: every delay lies in the upper half of its ceiling, an integer number of ms', () => {
  fc.assert(fc.property(fc.nat(200), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
    const delay = backoffDelay(attempt, () => r);
    return Number.isInteger(delay) && delay >= ceiling(attempt) / 2 && delay <= ceiling(attempt);
  }), { numRuns: 5000 });
});

test('property: the delay grows with the random draw (the jitter is the draw, nothing else)', () => {
  fc.assert(fc.property(fc.nat(20), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return backoffDelay(attempt, () => lo) <= backoffDelay(attempt, () => hi);
    }));
});

test('with Math.random, phones that failed together spread their retries over the whole window', () => {
  const delays = Array.from({ length: 2000 }, () => backoffDelay(5));
  const [min, max] = [Math.min(...delays), Math.max(...delays)];
  assert.ok(min >= 32000 && max <= 64000);
  // Four equal buckets of the window each get a fair share (expected 500; far outside chance below 350).
  const buckets = [0, 0, 0, 0];
  for (const d of delays) buckets[Math.min(3, Math.floor((d - 32000) / 8000))] += 1;
  for (const count of buckets) assert.ok(count > 350, `buckets ${buckets}`);
  assert.ok(new Set(delays).size > 1500, 'delays are spread, not a handful of values');
});
