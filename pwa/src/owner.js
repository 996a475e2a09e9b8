/**
 * Whose records these are. A phone may change hands: every draft and outbox record
 * carries the id of the user who made it, and the app only ever lists or sends the
 * signed-in user's own. Another user's unsent reports are held on the phone (never sent
 * under the wrong account) until they sign in again.
 *
 * Department data (checklists, sites, news on reports, the pull cursor, summaries of
 * sent reports) belongs to the session: it is forgotten on sign-out and when a different
 * user signs in, who then pulls their own department's afresh.
 */
import { db, getKv, setKv } from './db.js';
import { allRecords, forgetReceived, labelOwner, withOutbox } from './outbox.js';

/** The signed-in user's id, or null. */
export async function currentOwner() {
  return (await getKv('session'))?.user?.id ?? null;
}

/**
 * Keep only the records of the signed-in user. A record without an owner (made before
 * owners existed) belongs to the phone's last owner, or, on a phone that never had one,
 * to whoever signs in first (as adoptOwner records).
 */
export async function mine(records) {
  const [owner, legacy] = [await currentOwner(), await getKv('owner')];
  return records.filter((r) => owner !== null && (r.owner ?? legacy ?? owner) === owner);
}

/** How many unsent reports and drafts on this phone belong to someone else. */
export async function heldForOthers() {
  const database = await db();
  const [owner, legacy] = [await currentOwner(), await getKv('owner')];
  const records = [...await database.getAll('drafts'), ...(await allRecords()).filter((r) => r.state !== 'received')];
  return records.filter((r) => (r.owner ?? legacy ?? owner) !== owner).length;
}

/** Forget the session's department data; drafts and unsent reports stay. */
export async function forgetSessionData() {
  const tx = (await db()).transaction(withOutbox('versions', 'sites', 'updates', 'kv'), 'readwrite');
  // Sent reports are forgotten, except those whose photos are still only on this phone.
  await Promise.all([
    tx.objectStore('versions').clear(), tx.objectStore('sites').clear(), tx.objectStore('updates').clear(),
    tx.objectStore('kv').delete('pull_cursor'), tx.objectStore('kv').delete('last_sync_at'),
    forgetReceived(tx), tx.done]);
}

/** Make `userId` the phone's owner; a different user first gets a clean slate (others' unsent work is kept, labelled). */
export async function adoptOwner(userId) {
  const previous = await getKv('owner');
  if (previous !== undefined && previous !== userId) {
    // Label records from before owners existed with the user who made them, then forget the session.
    const tx = (await db()).transaction(withOutbox('drafts'), 'readwrite');
    const writes = [labelOwner(tx, previous)];
    for (const record of await tx.objectStore('drafts').getAll()) {
      if (record.owner === undefined) writes.push(tx.objectStore('drafts').put({ ...record, owner: previous }));
    }
    await Promise.all([...writes, tx.done]);
    await forgetSessionData();
  }
  await setKv('owner', userId);
}
