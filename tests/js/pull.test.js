/**
 * Pulling: changes the server holds back behind a database transaction still running are asked for
 * again within seconds, not at the phone's next occasion (a phone just signed in would show no checklist).
 */
import { answer, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { getKv } from '../../pwa/src/db.js';
import { SyncEngine } from '../../pwa/src/sync.js';

const VERSION = { kind: 'checklist_version', id: '3', op: 'upsert', data: { id: 3, number: 1, steps: [] } };

/** An engine whose pulls get `pages` in turn (the last one again and again), with its timers recorded. */
function engineWith(pages) {
  const delays = [];
  const pulls = [];
  const fetchImpl = async (url) => {
    pulls.push(url);
    return answer(200, { protocol: 1, has_more: false, ...pages[Math.min(pulls.length - 1, pages.length - 1)] });
  };
  const engine = new SyncEngine({ fetchImpl, random: () => 1, setTimer: (fn, ms) => { delays.push(ms); return fn; },
    clearTimer: () => {} });
  return { engine, delays, pulls };
}

describe('a pull the server holds back', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  test('is asked for again within two seconds, then less and less often while it stays held back', async () => {
    const { engine, delays } = engineWith([{ changes: [], cursor: 'c1', held_back: true }]);
    await engine.syncNow('test');
    await engine.syncNow('retry');
    await engine.syncNow('retry');
    assert.equal(delays.length, 3);
    assert.ok(delays[0] <= 2000, `first retry in ${delays[0]} ms`);
    assert.ok(delays[0] < delays[1] && delays[1] < delays[2], `growing: ${delays}`);
  });

  test('once the changes come, nothing more is scheduled and the cursor moves on', async () => {
    const { engine, delays } = engineWith([{ changes: [], cursor: 'c1', held_back: true },
      { changes: [VERSION], cursor: 'c2', held_back: false }]);
    await engine.syncNow('test');
    await engine.syncNow('retry');
    assert.equal(delays.length, 1);
    assert.equal(await getKv('pull_cursor'), 'c2');
  });

  test('a pull with nothing held back schedules nothing, as servers without the field answer', async () => {
    for (const page of [{ changes: [], cursor: 'c1', held_back: false }, { changes: [], cursor: 'c1' }]) {
      const { engine, delays } = engineWith([page]);
      await engine.syncNow('test');
      assert.deepEqual(delays, []);
    }
  });
});

describe('a cursor the server no longer opens', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  test('is dropped and the phone pulls from the start, not stuck on a 400 forever', async () => {
    const pulls = [];
    const fetchImpl = async (url) => {
      pulls.push(new URL(url, 'https://x').searchParams.get('cursor'));
      if (pulls.length === 1) return answer(200, { protocol: 1, has_more: false, changes: [], cursor: 'c2.old' });
      if (pulls.length === 2) {
        return answer(400, { code: 400, message: 'cursor is not one this server issued; start again without a cursor',
          description: 'Bad Request', reason: 'BadCursor' });
      }
      return answer(200, { protocol: 1, has_more: false, changes: [VERSION], cursor: 'c2.new' });
    };
    const engine = new SyncEngine({ fetchImpl, random: () => 1, setTimer: (fn) => fn, clearTimer: () => {} });
    await engine.syncNow('test');
    await engine.syncNow('test');
    assert.deepEqual(pulls, ['', 'c2.old', '']);
    assert.equal(await getKv('pull_cursor'), 'c2.new');
  });
});
