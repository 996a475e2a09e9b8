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
const { wipeNow } = await import('../../pwa/src/wipe.js');

test('a wipe erases local storage before the database, and again after it', async () => {
  await signIn();
  await (await db()).put('drafts', await readyDraft({ owner: USER.id }));
  localStorage['unsaved-draft:v1'] = '[null, {"id": "v1"}]';
  await wipeNow({ tellServer: false });
  assert.deepEqual(erased, ['localStorage', 'sessionStorage', 'database', 'localStorage', 'sessionStorage', 'reload']);
  assert.deepEqual(Object.keys(localStorage), []);
  assert.equal(window.location.hash, '#/signin');
});
