/**
 * The push-answer check: only a parsed, well-formed receipt for exactly the items sent counts.
 * Malformed, truncated, captive-portal and hostile answers are all "try again later".
 */
import { SHA, answer, readyDraft, receiptFor, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { TransientError } from '../../pwa/src/api.js';
import { db } from '../../pwa/src/db.js';
import { submitDraft } from '../../pwa/src/submit.js';
import { SyncEngine, checkPushAnswer } from '../../pwa/src/sync.js';

const ITEMS = [{ id: '0b9f6c1e-1111-4111-8111-000000000001' }, { id: '0b9f6c1e-1111-4111-8111-000000000002' }];
const GOOD = receiptFor(ITEMS);
const clone = (value) => structuredClone(value);
const rejects = (value, items = ITEMS) => assert.throws(() => checkPushAnswer(value, items), TransientError);

describe('checkPushAnswer', () => {
  test('accepts a receipt for exactly the items sent, in order', () => {
    assert.deepEqual(checkPushAnswer(GOOD, ITEMS), GOOD.results);
    const mixed = clone(GOOD);
    mixed.results[1] = { index: 1, id: ITEMS[1].id, status: 'rejected', errors: { site: ['unknown'] } };
    assert.equal(checkPushAnswer(mixed, ITEMS)[1].status, 'rejected');
    const photos = clone(GOOD);
    photos.results[0].missing_blobs = [SHA];
    assert.deepEqual(checkPushAnswer(photos, ITEMS)[0].missing_blobs, [SHA]);
  });

  const MALFORMED = {
    'nothing': undefined, 'null': null, 'a string': 'OK', 'a number': 200, 'an array': [GOOD], 'an empty object': {},
    'another protocol': { ...GOOD, protocol: 2 }, 'protocol as a string': { ...GOOD, protocol: '1' },
    'results missing': { protocol: 1 }, 'results an object': { protocol: 1, results: { 0: GOOD.results[0] } },
    'results a string': { protocol: 1, results: 'accepted' },
  };
  for (const [name, value] of Object.entries(MALFORMED)) test(`refuses a malformed answer: ${name}`, () => rejects(value));

  test('refuses a truncated answer: fewer results than items, or none', () => {
    rejects({ ...GOOD, results: GOOD.results.slice(0, 1) });
    rejects({ ...GOOD, results: [] });
  });

  const HOSTILE = {
    'an extra result': (a) => a.results.push({ ...a.results[0], index: 2 }),
    'results in another order': (a) => a.results.reverse(),
    'another item\'s id': (a) => { a.results[1].id = 'ffffffff-ffff-4fff-8fff-ffffffffffff'; },
    'an index off by one': (a) => { a.results[0].index = 1; },
    'an index as a string': (a) => { a.results[0].index = '0'; },
    'an unknown status': (a) => { a.results[0].status = 'ok'; },
    'a status inherited from Object': (a) => { a.results[0].status = 'toString'; },
    'accepted without a receipt': (a) => { delete a.results[0].receipt; },
    'a duplicate without a receipt': (a) => { a.results[0].status = 'duplicate'; delete a.results[0].receipt; },
    'a receipt without a time': (a) => { delete a.results[0].receipt.received_at; },
    'a receipt whose time is not a time': (a) => { a.results[0].receipt.received_at = 'yesterday'; },
    'a receipt whose hash is short': (a) => { a.results[0].receipt.sha256 = SHA.slice(1); },
    'a receipt whose hash is upper case': (a) => { a.results[0].receipt.sha256 = SHA.toUpperCase(); },
    'a receipt whose hash hides a newline': (a) => { a.results[0].receipt.sha256 = `${SHA}\n`; },
    'a receipt whose hash is a number': (a) => { a.results[0].receipt.sha256 = 1; },
    'a receipt that is a string': (a) => { a.results[0].receipt = 'ok'; },
    'a null result': (a) => { a.results[0] = null; },
    'missing_blobs not a list': (a) => { a.results[0].missing_blobs = SHA; },
    'missing_blobs with a non-hash': (a) => { a.results[0].missing_blobs = ['../../etc/passwd']; },
    'missing_blobs with a number': (a) => { a.results[0].missing_blobs = [1]; },
  };
  for (const [name, spoil] of Object.entries(HOSTILE)) {
    test(`refuses a hostile answer: ${name}`, () => {
      const spoilt = clone(GOOD);
      spoil(spoilt);
      rejects(spoilt);
    });
  }

  test('property: any JSON value is either refused or a receipt for exactly these items', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      try {
        checkPushAnswer(value, ITEMS);
      } catch (error) {
        return error instanceof TransientError;
      }
      return false; // a random value is never the exact receipt
    }), { numRuns: 2000 });
  });

  // Answers shaped like receipts, with any field possibly wrong: accepted only when every field is right.
  const hash = fc.oneof(fc.constant(SHA), fc.stringMatching(/^[0-9a-f]{64}$/), fc.string(), fc.constant(SHA.toUpperCase()));
  const time = fc.oneof(fc.constant('2026-11-21T18:18:37.812Z'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.string(), fc.constant(null), fc.integer());
  const result = (index) => fc.record({
    index: fc.oneof(fc.constant(index), fc.integer({ min: -1, max: 3 }), fc.constant(String(index))),
    id: fc.oneof(fc.constant(ITEMS[index].id), fc.constantFrom(...ITEMS.map((i) => i.id)), fc.uuid()),
    status: fc.constantFrom('accepted', 'duplicate', 'rejected', 'conflict', 'ok', 'ACCEPTED'),
    receipt: fc.option(fc.record({ received_at: time, sha256: hash }, { requiredKeys: [] }), { nil: undefined }),
    missing_blobs: fc.option(fc.array(hash, { maxLength: 3 }), { nil: undefined }),
  }, { requiredKeys: ['index', 'id', 'status'] });
  const answers = fc.record({
    protocol: fc.constantFrom(1, 1, 1, 2, '1'),
    results: fc.oneof(fc.tuple(result(0), result(1)), fc.tuple(result(0)), fc.tuple(result(0), result(1), result(1))),
  });
  /** Written independently of sync.js: what a real receipt for ITEMS looks like. */
  const wellFormed = (a) => a.protocol === 1 && a.results.length === ITEMS.length && a.results.every((r, i) => {
    const needsReceipt = ['accepted', 'duplicate'].includes(r.status);
    const receiptOk = !needsReceipt || (r.receipt && typeof r.receipt.received_at === 'string'
      && !Number.isNaN(Date.parse(r.receipt.received_at)) && /^[0-9a-f]{64}$/.test(r.receipt.sha256 ?? ''));
    const missingOk = r.missing_blobs === undefined || r.missing_blobs.every((h) => /^[0-9a-f]{64}$/.test(h));
    return r.index === i && r.id === ITEMS[i].id && ['accepted', 'duplicate', 'rejected', 'conflict'].includes(r.status)
      && receiptOk && missingOk;
  });

  test('property: a receipt-shaped answer is accepted exactly when every field is well formed', () => {
    fc.assert(fc.property(answers, (a) => {
      let accepted = true;
      try {
        checkPushAnswer(a, ITEMS);
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        accepted = false;
      }
      return accepted === wellFormed(a);
    }), { numRuns: 3000 });
  });
});

// The whole engine on an in-memory phone: a report stays queued until a real receipt comes.
const PORTAL = '<!doctype html><html><head><title>Free Wi-Fi</title></head><body>Accept the terms</body></html>';
const FAULTS = {
  'a captive portal\'s 200 page': () => answer(200, PORTAL, 'text/html'),
  'a portal page claiming to be JSON': () => answer(200, PORTAL),
  'an answer cut off mid-way': () => answer(200, '{"protocol": 1, "results": [{"index": 0, "id": "'),
  'an empty 200': () => answer(200, ''),
  'a 200 without a content type': () => answer(200, '{}', null),
  'a 502 from a proxy': () => answer(502, '<html>Bad gateway</html>', 'text/html'),
  'a 503 with Retry-After': () => new Response('{}', { status: 503, headers: { 'Retry-After': '30', 'Content-Type': 'application/json' } }),
  'a receipt for another report': (items) => answer(200, receiptFor(items.map(() => ({ id: 'ffffffff-ffff-4fff-8fff-ffffffffffff' })))),
  'no network': () => { throw new TypeError('Failed to fetch'); },
};

describe('the sync engine with a bad answer', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  for (const [name, fault] of Object.entries(FAULTS)) {
    test(`keeps the report queued, whole, and retries after ${name}`, async () => {
      const record = await submitDraft(await readyDraft());
      const delays = [];
      const fetchImpl = async (url, init) => {
        if (url.includes('/sync/push')) return fault(JSON.parse(init.body).items);
        return answer(200, { protocol: 1, changes: [], cursor: 'c', has_more: false });
      };
      const engine = new SyncEngine({ fetchImpl, random: () => 0.5, setTimer: (fn, ms) => delays.push(ms), clearTimer: () => {} });
      await engine.syncNow('test');
      const stored = await (await db()).get('outbox', record.id);
      assert.equal(stored.state, 'queued');
      assert.deepEqual(stored.body, record.body);
      assert.equal(stored.receipt, undefined);
      assert.equal(delays.length, 1, 'one retry scheduled');
      assert.ok(delays[0] >= 1000, `retry in ${delays[0]} ms`);
    });
  }

  test('a well-formed receipt makes it received and drops its body', async () => {
    const record = await submitDraft(await readyDraft());
    const fetchImpl = async (url, init) => (url.includes('/sync/push') ? answer(200, receiptFor(JSON.parse(init.body).items))
      : answer(200, { protocol: 1, changes: [], cursor: 'c', has_more: false }));
    await new SyncEngine({ fetchImpl }).syncNow('test');
    const stored = await (await db()).get('outbox', record.id);
    assert.equal(stored.state, 'received');
    assert.equal(stored.body, undefined);
    assert.equal(stored.receipt.sha256, SHA);
  });
});
