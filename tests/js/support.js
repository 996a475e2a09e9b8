/**
 * Shared set-up for the phone's unit tests under Node: a browser-like global (`self`), an
 * in-memory IndexedDB (fake-indexeddb), a signed-in session, and a fake server for fetch.
 * Import it first: `import { ... } from './support.js';`.
 */
import 'fake-indexeddb/auto';

globalThis.self ??= globalThis;

const { db, setKv } = await import('../../pwa/src/db.js');

export const USER = { id: 'user-1', role: 'field', department: 'LAPL' };
export const SHA = 'a'.repeat(64);

/** Sign a user in on the fake phone (the session the sync engine and `mine()` read). */
export async function signIn(user = USER) {
  await setKv('session', { token: 't'.repeat(43), user, expires_at: '2099-01-01T00:00:00Z' });
  await setKv('owner', user.id);
  await setKv('device_id', 'device-1');
}

/** Empty every store of the fake phone's database. */
export async function wipe() {
  const database = await db();
  const names = [...database.objectStoreNames];
  const tx = database.transaction(names, 'readwrite');
  await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}

/** A Response as the network would hand it to fetch. */
export function answer(status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(status === 204 ? null : text, { status, headers: type ? { 'Content-Type': type } : {} });
}

/**
 * A well-formed receipt answer for a push of `items` (all accepted), received a minute ago by the clock of
 * the run. A fixed date here let the sync's housekeeping expire the received record (`summary_days`,
 * `answer_days` after receipt) in the same sync once that date was a month old.
 */
export function receiptFor(items, status = 'accepted') {
  const at = new Date(Date.now() - 60_000).toISOString();
  return {
    protocol: 1, server_time: at,
    results: items.map((item, index) => ({ index, id: item.id, status, receipt: { received_at: at, sha256: SHA } })),
  };
}

/**
 * A draft as the report screens leave it, ready to submit: started a few minutes ago, by the clock of the run.
 * A fixed date here made every test that syncs it fail once that date was `draft_days` old (the sync's
 * housekeeping expired the draft as abandoned).
 */
export async function readyDraft(overrides = {}) {
  const { newDraft } = await import('../../pwa/src/report.js');
  const draft = newDraft({ id: 'v1' }, { owner: USER.id, now: new Date(Date.now() - 10 * 60_000) });
  draft.fields = { ...draft.fields, site: 'LAPL-CEN', area_type: 'public', document_type: 'none' };
  return { ...draft, ...overrides };
}

/** Run `fn` with the process's own zone (the phone's or the desk's) set to `zone` (Node reads TZ afresh). */
export function inZone(zone, fn) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
