/**
 * The phone's erasure (src/wipe.js): local storage, where drafts keep copies of their last saves, is erased before
 * the database, so a page killed mid-wipe never brings a kept draft back into an erased phone.
 */
import { USER, readyDraft, signIn } from './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';

const erased = [];
const storage = (name) => {
  const store = {};
  Object.defineProperty(store, 'clear', { value: () => { erased.push(name); for (const key of Object.keys(store)) delete store[key]; } });
  return store;
};
globalThis.localStorage = storage('localStorage');
globalThis.sessionStorage = storage('sessionStorage');
globalThis.window = { location: { hash: '', reload: () => erased.push('reload') } };
const deleteDatabase = indexedDB.deleteDatabase.bind(indexedDB);
indexedDB.deleteDatabase = (name) => { erased.push('database'); return deleteDatabase(name); };
const { db } = await import('../../pwa/src/db.js');
const { watchForWipe, wipeNow } = await import('../../pwa/src/wipe.js');

test("a wipe order waits while a received report's photo is still only on this phone", async () => {
  // The pull hears the order even after a photo's upload failed in transit (src/sync.js): erasing now would lose it.
  await signIn();
  const photo = '5'.repeat(64);
  await (await db()).put('photos', { sha256: photo, type: 'image/jpeg', size: 3, bytes: new Uint8Array([1, 2, 3]).buffer, owner: USER.id });
  await (await db()).put('outbox', { id: 'a0b1c2d3-0000-4000-8000-0000000000aa', owner: USER.id, kind: 'encounter',
    schema_version: 1, body: { photos: [{ sha256: photo, size: 3, type: 'image/jpeg' }] }, state: 'received', attempts: 1,
    submitted_at: new Date().toISOString(), photos_missing: [photo], photos_pending: 1, summary: {} });
  const listeners = [];
  let runs = 0;
  const app = { on: (fn) => { listeners.push(fn); return () => {}; }, engine: { syncNow: async () => { runs += 1; } } };
  const every = globalThis.setInterval;
  globalThis.setInterval = () => 0; // the minute's check: not in a test
  try {
    watchForWipe(app);
  } finally {
    globalThis.setInterval = every;
  }

  for (const listener of [...listeners]) listener({ type: 'auth', reason: 'device_wipe', stage: 'pull' });
  await new Promise((done) => { setTimeout(done, 200); });

  assert.equal(runs, 1, 'the photo is tried once more first');
  assert.ok(!erased.includes('database'), 'erased with the photo still unsent');
  assert.ok(await (await db()).get('photos', photo));
  await (await db()).clear('outbox');
  await (await db()).clear('photos');
});

test('a wipe erases local storage before the database, and again after it', async () => {
  await signIn();
  await (await db()).put('drafts', await readyDraft({ owner: USER.id }));
  localStorage['unsaved-draft:v1'] = '[null, {"id": "v1"}]';
  await wipeNow({ tellServer: false });
  assert.deepEqual(erased, ['localStorage', 'sessionStorage', 'database', 'localStorage', 'sessionStorage', 'reload']);
  assert.deepEqual(Object.keys(localStorage), []);
  assert.equal(window.location.hash, '#/signin');
});
