/**
 * Erasing the phone: when an administrator revokes it with wipe, and when it has been out of contact
 * with the server for longer than the server allows (`wipe_after_days`, told at sign-in).
 *
 * Revoked with wipe, the server still takes this device's pushes and photo uploads; every other
 * request answers 401 `device_wipe`. So a sync run pushes first, then its pull hears `device_wipe`:
 * anything still unsent is sent again here, and only when nothing is left does the phone tell the
 * server (`POST /device/wiped`), delete its IndexedDB (drafts, outbox, summaries, photos, token),
 * local and session storage, and show the sign-in screen. The app shell stays cached (no data in it).
 */
import { deleteDB } from 'idb';
import { call } from './api.js';
import { DB_NAME, db, delKv, getKv, setKv } from './db.js';
import { photosToUpload, pushable } from './outbox.js';

const DAY_MS = 86_400_000;
const CHECK_EVERY_MS = 60_000;
let wiping = false;

/**
 * Has the phone been out of contact longer than allowed? Signed in or not: a phone signed out keeps
 * whatever it could not send, and a lost one is no safer for it. (Pure: the days the server allows,
 * the last contact as an ISO time, now in ms.)
 */
export function overdue(days, lastContactAt, now) {
  if (!(Number(days) > 0) || !lastContactAt) return false;
  return now - Date.parse(lastContactAt) > Number(days) * DAY_MS;
}

function clearStorage() {
  try {
    globalThis.localStorage?.clear();
    globalThis.sessionStorage?.clear();
  } catch { /* storage disabled: nothing kept there */ }
}

/** Erase everything this app keeps on the phone, then show the sign-in screen. */
export async function wipeNow({ tellServer }) {
  if (tellServer) {
    try {
      await call('/device/wiped', { method: 'POST' });
    } catch { /* the server ends this device's tokens when it can; the phone erases anyway */ }
  }
  // Local storage (drafts' kept copies, src/drafts.js) before the database: a page killed before the database went
  // still holds its wipe order or its overdue clock there and wipes again on its next start, rather than bringing a
  // kept draft back into an erased phone. Again after, for a save made meanwhile.
  clearStorage();
  (await db()).close();
  await deleteDB(DB_NAME);
  clearStorage();
  window.location.hash = '#/signin';
  window.location.reload();
}

/**
 * The server said this device is revoked with wipe: send what is unsent, then erase.
 * When the push itself hears `device_wipe` (the sign-in had ended before the wipe was asked, by a plain
 * revoke or a deactivated account, or it expired), nothing can leave this phone any more: erase now.
 */
async function onWipeOrdered(app) {
  if (wiping) return;
  wiping = true;
  let refused = false;
  const stop = app.on((event) => {
    if (event.type === 'auth' && event.reason === 'device_wipe' && event.stage === 'push') refused = true;
  });
  // Unsent: reports and answers to push, and photos of received reports still only on this phone (the pull,
  // which hears the order, runs even after an upload failed in transit).
  const unsent = async () => (await pushable()).length + (await photosToUpload()).length;
  try {
    if (await unsent()) {
      await delKv('auth_problem');
      await app.engine.syncNow('wipe'); // pushes and uploads are still accepted; its pull ends in device_wipe again
    }
    // Not all sent and the server would still take them (offline again): erase on a later contact.
    if (!refused && await unsent()) return;
    await wipeNow({ tellServer: true });
  } finally {
    stop();
    wiping = false;
  }
}

async function check(app) {
  const [session, problem, last] = [await getKv('session'), await getKv('auth_problem'), await getKv('last_contact_at')];
  if (problem?.reason === 'device_wipe') return onWipeOrdered(app);
  if (session?.token && !last) return setKv('last_contact_at', new Date().toISOString()); // start the clock
  const days = session?.wipe_after_days ?? await getKv('wipe_after_days');
  if (overdue(days, last, Date.now())) return wipeNow({ tellServer: false });
  return undefined;
}

/** Watch for a wipe order and for too long without contact: on start, on sync events, every minute (signed out too, once a phone has been signed in). */
export function watchForWipe(app) {
  app.on((event) => {
    if (event.type === 'sync-end' && (event.ok || event.contact)) setKv('last_contact_at', new Date().toISOString());
    if (event.type === 'auth' && event.reason === 'device_wipe') onWipeOrdered(app);
  });
  check(app);
  setInterval(() => check(app), CHECK_EVERY_MS);
}
