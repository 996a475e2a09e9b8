// A sync run and the phone changing hands during it, and a photo that cannot go holding nothing else back
// (src/sync.js): each request of a run carries the token of the user whose items it read; what it pulled is
// written only while that user is still signed in; a failing upload still lets the pull through.
import { SHA, USER, answer, readyDraft, receiptFor, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { keepSession, signOut } from '../../pwa/src/api.js';
import { db, getKv } from '../../pwa/src/db.js';
import { flushDrafts, listUpdates, saveDraft } from '../../pwa/src/drafts.js';
import { getRecord, submitAlert } from '../../pwa/src/outbox.js';
import { submitDraft } from '../../pwa/src/submit.js';
import { SyncEngine } from '../../pwa/src/sync.js';

const TOKEN_A = 't'.repeat(43); // support.js signIn
const B = { id: 'user-2', role: 'field', department: 'OTHER' };
const EMPTY_PULL = { protocol: 1, cursor: 'cursor-of-B', has_more: false, changes: [] };

/** A signs out and B signs in on the same phone (signOut's own logout request answered 204). */
async function handOver() {
  globalThis.fetch = async () => answer(204, '');
  await signOut();
  await keepSession({ token: 'token-of-B', user: B, expires_at: '2099-01-01T00:00:00Z', wipe_after_days: 30 });
}

const engine = (fetchImpl, events = []) => new SyncEngine({
  fetchImpl, onEvent: (event) => events.push(event), setTimer: () => 0, clearTimer: () => {},
});

/** Wait for the run, and the run of the new session it queued, to end. */
async function settled(sync) {
  await sync.syncNow('test');
  while (sync.running) await sync.running;
}

describe('a sync run while the phone changes hands', () => {
  beforeEach(async () => {
    await wipe();
    await signIn(USER);
  });

  test("the first user's report goes with their own token, never the next user's", async () => {
    const draft = await readyDraft();
    await saveDraft(draft);
    await flushDrafts();
    await submitAlert(draft.id, { site: 'LAPL-CEN' });
    const report = await submitDraft(draft);
    const sent = [];
    const fetchImpl = async (url, init) => {
      const body = init.body ? JSON.parse(init.body) : null;
      sent.push({ url, auth: init.headers.Authorization, ids: (body?.items || []).map((i) => i.id) });
      if (sent.length === 1) await handOver(); // while the alert's push is on the air
      if (url.includes('/sync/push')) return answer(200, receiptFor(body.items));
      return answer(200, EMPTY_PULL);
    };

    await settled(engine(fetchImpl));

    const push = sent.find((s) => s.ids.includes(report.id));
    assert.equal(push.auth, `Bearer ${TOKEN_A}`);
    assert.ok(sent.every((s) => s.auth === `Bearer ${TOKEN_A}` || !s.ids.length), 'nothing of A went under B');
    assert.equal((await getRecord(report.id)).owner, USER.id);
    assert.ok(sent.some((s) => s.url.includes('/sync/pull') && s.auth === 'Bearer token-of-B'), 'B pulls their own');
  });

  test("the next user's photos are not uploaded with the token of the run that began before they signed in",
    async () => {
      const photo = '2'.repeat(64);
      const sent = [];
      const fetchImpl = async (url, init) => {
        sent.push({ url, auth: init.headers.Authorization });
        if (sent.length === 1) {
          await handOver(); // A's only push is on the air; B has a report whose photo the server lacks
          await (await db()).put('photos', { sha256: photo, type: 'image/jpeg', size: 3, bytes: new Uint8Array([1, 2, 3]).buffer, owner: B.id });
          const draft = await readyDraft({ owner: B.id, photos: [{ sha256: photo, size: 3, type: 'image/jpeg' }] });
          await (await db()).put('outbox', { id: draft.id, owner: B.id, kind: 'encounter', schema_version: 1, body: {},
            state: 'received', attempts: 1, photos_missing: [photo], photos_pending: 1, summary: {} });
        }
        if (url.includes('/sync/push')) return answer(200, receiptFor(JSON.parse(init.body).items));
        if (url.includes('/blobs/')) return answer(201, { sha256: photo });
        return answer(200, EMPTY_PULL);
      };
      await submitDraft(await readyDraft());

      await settled(engine(fetchImpl));

      const uploads = sent.filter((s) => s.url.includes('/blobs/'));
      assert.ok(uploads.length >= 1, "B's photo goes in B's own run");
      assert.ok(uploads.every((s) => s.auth === 'Bearer token-of-B'), "never with A's token");
    });

  test("a pull answered for the user who left is not written into the next user's session", async () => {
    const events = [];
    let pulls = 0;
    const fetchImpl = async (url) => {
      pulls += 1;
      if (pulls > 1) return answer(200, EMPTY_PULL);
      await handOver(); // A's pull is on the air
      return answer(200, { protocol: 1, cursor: 'cursor-of-A', has_more: false, changes: [
        { kind: 'site', id: 'lapl-central', op: 'upsert', data: { code: 'lapl-central', name: "Central Library (A's)" } },
        { kind: 'message', id: 'q1', op: 'upsert',
          data: { id: 'q1', report_id: 'r-of-A', question: 'Did they say which building?', asked_at: new Date().toISOString() } }] });
    };

    await settled(engine(fetchImpl, events));

    assert.deepEqual(await listUpdates(), []);
    assert.deepEqual(await (await db()).getAll('sites'), []);
    assert.equal(await getKv('pull_cursor'), 'cursor-of-B', "B's own pull, from the start, not after A's cursor");
    assert.equal(await getKv('auth_problem'), undefined, 'B is not asked to sign in again');
    assert.ok(!events.some((e) => e.type === 'auth'));
  });

  test('a run whose user signed out, the token ended on the server, asks nobody to sign in', async () => {
    const draft = await readyDraft();
    await submitDraft(draft);
    const events = [];
    const fetchImpl = async () => {
      globalThis.fetch = async () => answer(204, '');
      await signOut();
      return answer(401, { code: 401, reason: 'token_revoked', message: 'signed out' });
    };

    await settled(engine(fetchImpl, events));

    assert.equal(await getKv('auth_problem'), undefined);
    assert.ok(!events.some((e) => e.type === 'auth'));
    assert.equal((await getRecord(draft.id)).state, 'queued', 'kept for when A signs in again');
  });
});

describe('a wipe order heard by a run whose user signed out meanwhile', () => {
  beforeEach(async () => {
    await wipe();
    await signIn(USER);
  });

  test('is still the phone\'s to act on', async () => {
    await submitDraft(await readyDraft());
    const events = [];
    const fetchImpl = async () => {
      globalThis.fetch = async () => answer(204, '');
      await signOut();
      return answer(401, { code: 401, reason: 'device_wipe', message: 'revoked with wipe' });
    };

    await settled(engine(fetchImpl, events));

    assert.ok(events.some((e) => e.type === 'auth' && e.reason === 'device_wipe'));
  });
});

describe('a photo that cannot go now', () => {
  beforeEach(async () => {
    await wipe();
    await signIn(USER);
  });

  test('does not hold back the pull; the run still counts as failed, retries, and says the server was reached',
    async () => {
      const photo = '1'.repeat(64);
      await (await db()).put('photos', { sha256: photo, type: 'image/jpeg', size: 3, bytes: new Uint8Array([1, 2, 3]).buffer, owner: USER.id });
      await submitDraft(await readyDraft({ photos: [{ sha256: photo, size: 3, type: 'image/jpeg' }] }));
      const asked = [];
      const events = [];
      const fetchImpl = async (url, init) => {
        asked.push(url);
        if (url.includes('/sync/push')) {
          const { items } = JSON.parse(init.body);
          return answer(200, { protocol: 1, results: items.map((item, index) => ({ index, id: item.id, status: 'accepted',
            receipt: { received_at: new Date().toISOString(), sha256: SHA }, missing_blobs: [photo] })) });
        }
        if (url.includes('/blobs/')) throw Object.assign(new Error('aborted'), { name: 'AbortError' }); // a slow link
        return answer(200, { protocol: 1, cursor: 'c1', has_more: false, changes: [
          { kind: 'message', id: 'q1', op: 'upsert', data: { id: 'q1', report_id: 'r1', question: 'Which entrance?', asked_at: new Date().toISOString() } }] });
      };
      let retries = 0;
      const sync = new SyncEngine({ fetchImpl, onEvent: (e) => events.push(e), setTimer: () => { retries += 1; return retries; },
        clearTimer: () => {} });

      await sync.syncNow('test');

      assert.ok(asked.some((u) => u.includes('/sync/pull')), 'the pull went through');
      assert.equal((await listUpdates()).length, 1, "the liaison's question arrived");
      const end = events.find((e) => e.type === 'sync-end');
      assert.equal(end.ok, false);
      assert.equal(end.contact, true);
      assert.equal(retries, 1, 'the upload is tried again later');
    });
});

describe('a photo the server says was removed (410)', () => {
  beforeEach(async () => {
    await wipe();
    await signIn(USER);
  });

  test("is dropped on the phone too, and the report's other photos still go", async () => {
    const [removed, kept] = ['3'.repeat(64), '4'.repeat(64)];
    for (const sha256 of [removed, kept]) {
      await (await db()).put('photos', { sha256, type: 'image/jpeg', size: 3, bytes: new Uint8Array([1, 2, 3]).buffer, owner: USER.id });
    }
    const draft = await readyDraft({ photos: [removed, kept].map((sha256) => ({ sha256, size: 3, type: 'image/jpeg' })) });
    await submitDraft(draft);
    const uploaded = [];
    let pushes = 0;
    const fetchImpl = async (url, init) => {
      if (url.includes('/sync/push')) {
        pushes += 1;
        const { items } = JSON.parse(init.body);
        return answer(200, { protocol: 1, results: items.map((item, index) => ({ index, id: item.id,
          status: pushes === 1 ? 'accepted' : 'duplicate', receipt: { received_at: new Date().toISOString(), sha256: SHA },
          missing_blobs: pushes === 1 ? [removed, kept] : [] })) });
      }
      if (url.includes(`/blobs/${removed}`)) return answer(410, { code: 410, reason: 'removed', message: 'removed' });
      if (url.includes(`/blobs/${kept}`)) {
        uploaded.push(kept);
        return answer(201, { sha256: kept });
      }
      return answer(200, EMPTY_PULL);
    };

    await engine(fetchImpl).syncNow('test');

    assert.deepEqual(uploaded, [kept]);
    const record = await getRecord(draft.id);
    assert.equal(record.state, 'received');
    assert.equal(record.photo_error, undefined);
    assert.equal(await (await db()).get('photos', removed), undefined);
  });
});
