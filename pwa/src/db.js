/**
 * The one module that owns IndexedDB (through the idb library).
 *
 * Stores:
 *   kv        key → value: token, device id, user, language, pull cursor, flags
 *   drafts    encounters being logged (keyPath id): every keystroke and step lands here
 *   outbox    submitted reports (keyPath id): state queued | sending | received | rejected | conflict
 *   versions  checklist versions pulled from the server (keyPath id)
 *   sites     the department's sites (keyPath code)
 *   updates   news on my reports pulled from the server (keyPath key)
 *   photos    photo bytes waiting for upload (keyPath sha256): {sha256, type, size, bytes: ArrayBuffer, owner} (v2)
 *   shares    document photos shared with counsel before submit (keyPath key, `<encounter id>:<sha256>`):
 *             {encounter_id, sha256, owner, taken_at, state: pending | sent | refused} (v3, src/counsel.js);
 *             counsel's answers arrive by pull into `updates` (kind counsel_answer)
 *
 * Warning: an IndexedDB transaction closes as soon as the code awaits anything that is
 * not a request of that transaction (a fetch, a timer, crypto). Gather inputs first,
 * then open the transaction and only await its own requests.
 *
 * Upgrades: bump DB_VERSION and add a step in upgrade(); never drop a store holding
 * drafts or outbox items, so an app update never strands what the user typed (a page of
 * the older version still open goes on writing into them: see db()).
 */
import { openDB } from 'idb';

export const DB_NAME = 'encounter-log';
export const DB_VERSION = 3;

/** The page event after each draft save (src/drafts.js): `detail.ok` is false when the phone could not keep it. */
export const DRAFT_SAVED = 'draft-saved';

let dbPromise = null;

function upgrade(database, oldVersion) {
  if (oldVersion < 1) {
    database.createObjectStore('kv');
    database.createObjectStore('drafts', { keyPath: 'id' });
    const outbox = database.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('state', 'state');
    database.createObjectStore('versions', { keyPath: 'id' });
    database.createObjectStore('sites', { keyPath: 'code' });
    database.createObjectStore('updates', { keyPath: 'key' });
  }
  if (oldVersion < 2) database.createObjectStore('photos', { keyPath: 'sha256' });
  if (oldVersion < 3) database.createObjectStore('shares', { keyPath: 'key' });
}

function blocking() {
  // A newer app version wants to upgrade the schema: let it (our next call reopens).
  dbPromise?.then((d) => d.close());
  dbPromise = null;
}

/**
 * Open (once) and return the database. A newer app version may have upgraded it already (in another
 * tab, or before this page reloads into the update): this page then opens it as it is, since upgrades
 * never drop a store it uses, so what is typed here goes on being saved instead of failing every write.
 */
export function db() {
  if (!dbPromise) {
    const opening = openDB(DB_NAME, DB_VERSION, { upgrade, blocking })
      .catch((error) => {
        if (error?.name !== 'VersionError') throw error;
        return openDB(DB_NAME, undefined, { blocking });
      })
      .catch((error) => {
        if (dbPromise === opening) dbPromise = null; // tried again on the next call
        throw error;
      });
    dbPromise = opening;
  }
  return dbPromise;
}

/** Read a value from kv. */
export async function getKv(key) {
  return (await db()).get('kv', key);
}

/** Write a value to kv. */
export async function setKv(key, value) {
  return (await db()).put('kv', value, key);
}

/** Delete a value from kv. */
export async function delKv(key) {
  return (await db()).delete('kv', key);
}
