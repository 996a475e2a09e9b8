/**
 * The sync engine: push the outbox, then pull what changed. Runs in the page and in the
 * service worker (Background Sync), so it touches no DOM.
 *
 * When it runs: app start, `online`, the page becoming visible, right after a submit, a
 * timer while the app is open, and the service worker's `sync` event where the browser
 * has Background Sync. One run at a time per origin (Web Locks), so two tabs and the
 * service worker never push concurrently; a request made during a run queues one more run.
 * Every item carries its own id, so every retry is safe: the server answers `duplicate`.
 * One-tap alerts (kind `alert`) are pushed before anything else, in a batch of their own.
 *
 * Failure handling:
 *   - network down, timeout, 5xx, 429, an HTML or malformed answer: items back to the
 *     queue, retry after exponential backoff with jitter (or the server's Retry-After)
 *   - 401: items stay; the UI asks for a new sign-in (reason kept in kv `auth_problem`; the `auth`
 *     event says whether the push or the pull heard it, `stage`)
 *   - 413: the batch is split; a single item too large is marked rejected
 *   - a results list that does not match the batch item for item: not a receipt; retry
 *   - a pull cursor answered 400 `BadCursor` (the server's key changed): dropped, pulled from the start
 *   - a photo upload failing in transit: the pull still runs (counsel's verdict, a liaison's question, a wipe order
 *     come that way), then the run counts as failed and retries; its `sync-end` says `contact` (the server reached)
 *   - the phone changing hands mid-run (sign-out, another sign-in): every request of a run carries the token read
 *     when it began, with the items it read then; a pull is written only while that token is still the session's;
 *     the run ends quietly (`changed`) and the new session gets a run of its own
 *
 * Photos (docs/sync-protocol.md "Photos"): a result's `missing_blobs` lists the photos the
 * server lacks. After the pushes, each is uploaded (PUT /blobs/<sha256>) and the report pushed
 * again; the server then answers `duplicate` with `missing_blobs: []`. A photo's bytes leave
 * the phone only once the server confirmed holding it. A photo refused for good (4xx other than
 * 401, 410 and a hash mismatch, which is an upload cut off in transit: 413 too large, 415 its
 * type, 403…) is marked refused on its reports with the server's code (src/outbox.js
 * `photos_refused`) and kept on the phone; the report's other photos still go and the report is
 * confirmed as usual. A network failure, 5xx or 429 is retried with the same backoff.
 */
import { AuthError, ApiError, TransientError, call } from './api.js';
import { db, getKv, setKv } from './db.js';
import { expireOld } from './expiry.js';
import { applyResults, getRecord, markPhotoLost, markPhotoRefused, markPhotoUploaded, markQueued, markSending, photosToUpload,
  pushBatches, pushable } from './outbox.js';
import { forgetPhotos, getPhoto } from './photos.js';

export const BATCH = 50;
const BASE_DELAY_MS = 2000;
const MAX_DELAY_MS = 5 * 60 * 1000;
const MAX_PULL_PAGES = 50;
const SHA256 = /^[0-9a-f]{64}$/;
const STATUSES = new Set(['accepted', 'duplicate', 'conflict', 'rejected']);
const UPLOAD_TIMEOUT_MS = 60000;

/** Delay before retry number `attempt` (0-based): exponential, capped, with full jitter on the upper half. */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Check that a push answer is a receipt for exactly these items; throw TransientError otherwise. */
export function checkPushAnswer(answer, items) {
  const results = answer?.results;
  if (answer?.protocol !== 1 || !Array.isArray(results) || results.length !== items.length) {
    throw new TransientError('the push answer does not match the batch');
  }
  results.forEach((result, index) => {
    const ok = result && result.index === index && result.id === items[index].id && STATUSES.has(result.status);
    const needsReceipt = result?.status === 'accepted' || result?.status === 'duplicate';
    const receipt = result?.receipt;
    const receiptOk = !needsReceipt || (receipt && typeof receipt.received_at === 'string'
      && !Number.isNaN(Date.parse(receipt.received_at)) && SHA256.test(receipt.sha256 || ''));
    const missing = result?.missing_blobs;
    const missingOk = missing === undefined || (Array.isArray(missing) && missing.every((h) => typeof h === 'string' && SHA256.test(h)));
    if (!ok || !receiptOk || !missingOk) throw new TransientError(`the push answer for item ${index} is not a receipt`);
  });
  return results;
}

/**
 * The phone changed hands during a run (its user signed out, another signed in): the run stops before it writes
 * anything it pulled into the new session, and a run of the new session's own follows.
 */
export class SessionChanged extends Error {
  constructor() {
    super('the session changed during the sync run');
  }
}

/** Whether `token` (a run's) is still the signed-in session's. */
async function stillSignedIn(token) {
  return (await getKv('session'))?.token === token;
}

/** Push one batch with the run's token (`run`: {token, device, fetchImpl}); split it when the server says it is too large. */
async function pushBatch(items, run) {
  await markSending(items.map((i) => i.id));
  try {
    const answer = await call('/sync/push', {
      method: 'POST', fetchImpl: run.fetchImpl, token: run.token,
      body: { protocol: 1, device_id: run.device, items: items.map(({ id, kind, schema_version, body }) => ({ id, kind, schema_version, body })) },
    });
    const results = checkPushAnswer(answer, items);
    await applyResults(results);
    await confirmPhotos(results, items);
  } catch (error) {
    await markQueued(items.map((i) => i.id), error.message);
    if (error instanceof ApiError && error.status === 413) {
      if (items.length === 1) {
        await markSending([items[0].id]);
        await applyResults([{ id: items[0].id, status: 'rejected', errors: { _item: ['too_large'] } }]);
        return;
      }
      const half = Math.ceil(items.length / 2);
      await pushBatch(items.slice(0, half), run);
      await pushBatch(items.slice(half), run);
      return;
    }
    throw error;
  }
}

/** Delete the bytes of every photo a receipt shows the server holds (referenced, not listed as missing), unless a draft or another report still needs them. */
async function confirmPhotos(results, items) {
  const held = [];
  results.forEach((result, index) => {
    if (result.status !== 'accepted' && result.status !== 'duplicate') return;
    const missing = new Set(result.missing_blobs || []);
    for (const photo of items[index].body?.photos || []) if (!missing.has(photo.sha256)) held.push(photo.sha256);
  });
  await forgetPhotos([...new Set(held)]);
}

/** PUT one photo's bytes (with `token`, or the session's); resolves when the server holds it (201 new, 200 already had it). */
export async function putBlob(photo, fetchImpl, token) {
  try {
    return await call(`/blobs/${photo.sha256}`, {
      method: 'PUT', raw: photo.bytes, contentType: photo.type, timeoutMs: UPLOAD_TIMEOUT_MS, fetchImpl, token,
    });
  } catch (error) {
    // A cut-off upload hashes wrong on the server: send the whole photo again later.
    if (error instanceof ApiError && error.status === 400 && error.body?.reason === 'hash_mismatch') {
      throw new TransientError('the photo arrived damaged');
    }
    throw error;
  }
}

/** Upload the photos the server lacks, then push their reports again to confirm them (`run` as for pushBatch). */
async function uploadPhotos(run) {
  // Read as the signed-in user's: only while that is still the run's user, or another's would go with its token.
  if (!(await stillSignedIn(run.token))) throw new SessionChanged();
  const records = await photosToUpload();
  const ids = records.map((r) => r.id);
  for (const { id } of records) {
    let record = await getRecord(id);
    let lost = false;
    for (const hash of record?.photos_missing || []) {
      const photo = await getPhoto(hash);
      if (!photo) {
        await markPhotoLost(id);
        lost = true;
        break;
      }
      try {
        await putBlob(photo, run.fetchImpl, run.token);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status === 410) {
          // Removed from the report on the server (a liaison's redaction, retention): the phone drops it too, and
          // the report's other photos still go (docs/sync-protocol.md: 410 removed, "drop the photo").
          await markPhotoUploaded(ids, hash);
          await forgetPhotos([hash]);
          continue;
        }
        // Refused for good (too large, a type it does not take…): sending it again would be refused again. It stays
        // on the phone, refused on every report waiting for it, and the report's other photos still go. The server's
        // reason code, not its message: the message is English, the screen says it in the app's words.
        await markPhotoRefused(ids, hash, String(error.body?.reason || `http_${error.status}`).slice(0, 40));
        continue;
      }
      // Every report waiting for this photo has it now; the server holds the bytes.
      await markPhotoUploaded(ids, hash);
      await forgetPhotos([hash]);
    }
    if (lost) continue;
    record = await getRecord(id);
    if (!record?.body) continue;
    const items = [record];
    const answer = await call('/sync/push', {
      method: 'POST', fetchImpl: run.fetchImpl, token: run.token,
      body: { protocol: 1, device_id: run.device, items: items.map(({ kind, schema_version, body }) => ({ id, kind, schema_version, body })) },
    });
    const results = checkPushAnswer(answer, items);
    await applyResults(results);
    await confirmPhotos(results, items);
  }
}

/**
 * Apply one page of pulled changes and its cursor in a single transaction, only while the session is still the one
 * whose `token` pulled it: another user signed in meanwhile must not get the last one's department, questions and
 * cursor (their own pull would then start after what they never had).
 */
async function applyChanges(page, token) {
  const tx = (await db()).transaction(['versions', 'sites', 'updates', 'kv'], 'readwrite');
  if (token && (await tx.objectStore('kv').get('session'))?.token !== token) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new SessionChanged();
  }
  const writes = page.changes.map((change) => {
    if (change.kind === 'checklist_version') return tx.objectStore('versions').put(change.data);
    if (change.kind === 'site') return tx.objectStore('sites').put(change.data);
    // stored_at: when this news reached the phone, from which it expires (src/expiry.js).
    return tx.objectStore('updates').put({ key: `${change.kind}:${change.id}`, ...change, stored_at: new Date().toISOString() });
  });
  writes.push(tx.objectStore('kv').put(page.cursor, 'pull_cursor'));
  if (page.phone_retention && typeof page.phone_retention === 'object') {
    writes.push(tx.objectStore('kv').put(page.phone_retention, 'phone_retention'));
  }
  await Promise.all([...writes, tx.done]);
}

/**
 * Pull every page of changes since the stored cursor, with `token` (a run's). `heldBack`: the server holds committed
 * changes back behind a database transaction still running (docs/sync-protocol.md), so pull again soon.
 */
export async function pullAll(fetchImpl, token) {
  let pulled = 0;
  let heldBack = false;
  for (let page = 0; page < MAX_PULL_PAGES; page += 1) {
    const cursor = (await getKv('pull_cursor')) || '';
    let answer;
    try {
      answer = await call(`/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=200`, { fetchImpl, token });
    } catch (error) {
      // A cursor the server cannot open any more (its SECRET_KEY changed): pull from the start once;
      // every change is an upsert by id, so what the phone already holds is only written again.
      if (!(cursor && error instanceof ApiError && error.status === 400 && error.body?.reason === 'BadCursor')) throw error;
      await setKv('pull_cursor', '');
      continue;
    }
    if (answer?.protocol !== 1 || !Array.isArray(answer.changes) || typeof answer.cursor !== 'string') {
      throw new TransientError('the pull answer is malformed');
    }
    await applyChanges(answer, token);
    pulled += answer.changes.length;
    heldBack = answer.held_back === true;
    if (!answer.has_more) break;
  }
  return { pulled, heldBack };
}

/** The engine: one run at a time, retries with backoff, events for the UI. */
export class SyncEngine {
  // The timer defaults are wrapped: browsers throw "Illegal invocation" when setTimeout is
  // called as a method of another object (this.setTimer(...)), which silently killed every retry.
  constructor({ fetchImpl, onEvent = () => {}, random = Math.random, setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (id) => clearTimeout(id) } = {}) {
    this.fetchImpl = fetchImpl;
    this.onEvent = onEvent;
    this.random = random;
    this.setTimer = setTimer;
    this.clearTimer = clearTimer;
    this.failures = 0;
    this.heldBack = 0; // pulls in a row the server answered held_back
    this.retryTimer = null;
    this.running = null;
    this.again = false;
  }

  /** Run a sync now (or right after the current one); resolves when done. Never throws. */
  syncNow(reason = 'manual') {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.#locked(reason).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.syncNow('again');
      }
    });
    return this.running;
  }

  async #locked(reason) {
    const locks = self.navigator?.locks;
    if (locks) return locks.request('encounter-log-sync', () => this.#run(reason));
    return this.#run(reason);
  }

  async #run(reason) {
    this.onEvent({ type: 'sync-start', reason });
    let stage = null;
    let token = null;
    let reached = false; // the pull went through: the server was reached, whatever else failed
    try {
      const session = await getKv('session');
      if (!session?.token) {
        this.onEvent({ type: 'sync-end', ok: false, auth: true });
        return;
      }
      // The run's items are the signed-in user's, read once below, so every request of the run carries that user's
      // token, read once here: a sign-out and another sign-in mid-run must not send them under the new account.
      token = session.token;
      const run = { token, device: await getKv('device_id'), fetchImpl: this.fetchImpl };
      stage = 'push'; // pushes and photo uploads: what a device revoked with wipe may still send
      // Alerts first, in a batch of their own: "agents here now" must not wait behind a report.
      for (const batch of pushBatches(await pushable(), BATCH)) {
        await pushBatch(batch, run);
        this.onEvent({ type: 'outbox-changed' });
      }
      // A photo that cannot go now (a slow link, an upload cut off) must not hold back the pull: counsel's verdict,
      // a liaison's question, new checklists and a wipe order come that way. Its failure counts once the pull is in.
      let uploadFailed = null;
      try {
        await uploadPhotos(run);
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        uploadFailed = error;
      }
      this.onEvent({ type: 'outbox-changed' });
      stage = 'pull';
      const { heldBack } = await pullAll(this.fetchImpl, token);
      reached = true;
      if (await expireOld()) this.onEvent({ type: 'outbox-changed' });
      if (uploadFailed) throw uploadFailed;
      this.failures = 0;
      if (this.retryTimer) {
        // Succeeded before the scheduled retry: a stale retry would only run everything again.
        this.clearTimer(this.retryTimer);
        this.retryTimer = null;
      }
      // Changes wait on the server behind a transaction still running: ask again in 1–2 s, then less
      // often (a phone just signed in must not wait for its next occasion to get its checklist).
      this.heldBack = heldBack ? this.heldBack + 1 : 0;
      if (heldBack) this.#scheduleRetry(backoffDelay(this.heldBack - 1, this.random) / 2);
      await setKv('last_sync_at', new Date().toISOString());
      this.onEvent({ type: 'sync-end', ok: true });
    } catch (error) {
      this.onEvent({ type: 'outbox-changed' });
      const ended = error instanceof AuthError && error.reason !== 'device_wipe'; // a wipe order is the phone's
      if (error instanceof SessionChanged || (ended && !(await stillSignedIn(token)))) {
        // Signed out (the old token ended) or another user signed in meanwhile: not this session's problem to show.
        this.again = Boolean((await getKv('session'))?.token);
        this.onEvent({ type: 'sync-end', ok: false, changed: true });
        return;
      }
      if (error instanceof AuthError) {
        await setKv('auth_problem', { reason: error.reason, at: new Date().toISOString() });
        this.onEvent({ type: 'auth', reason: error.reason, stage });
        this.onEvent({ type: 'sync-end', ok: false, auth: true });
        return;
      }
      this.failures += 1;
      const delay = Math.max(backoffDelay(this.failures - 1, this.random), (error.retryAfterSeconds || 0) * 1000);
      this.#scheduleRetry(delay);
      this.onEvent({ type: 'sync-end', ok: false, error: error.message, retryInMs: delay, contact: reached });
    }
  }

  #scheduleRetry(delay) {
    if (this.retryTimer) this.clearTimer(this.retryTimer);
    this.retryTimer = this.setTimer(() => {
      this.retryTimer = null;
      this.syncNow('retry');
    }, delay);
  }
}
