/**
 * The outbox: submitted reports waiting for, or holding, the server's receipt.
 *
 * This module is the only one that writes the outbox store (tests/js/outbox-owner.test.js
 * checks the sources): every write is a move of MOVES below, refused when the table does
 * not list it. Other modules read it through `outboxReader(tx)` inside their own transactions.
 * A rejection with reason `sensitive_text` ("needs a change") keeps the server's spans (field,
 * offsets, kind; never words) so the form can walk the employee to them.
 *
 * A record's phase (phaseOf) is its `state`, refined for a received report by its photos:
 *   queued        waiting for a push
 *   sending       a push is out (also left so by a push that never answered)
 *   received      the server's receipt holds it and every photo; the body is gone, a summary stays
 *   uploading     received, but `photos_missing` lists photos the server lacks: the body stays
 *                 (pushed again after the uploads to confirm them); `photos_pending` counts them
 *   photo_problem received, but a photo's bytes are gone from the phone (`photo_error`)
 * A photo the server refuses for good (`PUT /blobs` answered 4xx other than 410, 401 and a hash mismatch) leaves
 * `photos_missing` for `photos_refused` ({sha256, n: its place in the report, reason: the server's code, at}): its
 * bytes stay on the phone (shown on My reports), the report's other photos still go, and the report is confirmed as
 * usual; a receipt's `missing_blobs` no longer counts a refused photo (so it is never asked for again).
 *   rejected      refused by the server; nothing was stored under its id
 *   conflict      the id is taken by a different report on the server
 * "On this phone only" = queued, sending, rejected or conflict, or photos still pending.
 *
 * A rejected report leaves the outbox back into drafts (`reopen`, same id); submitting it
 * again is a new `submit`. Answers to a liaison's follow-up question (kind `answer`) ride the
 * same outbox and the same moves; `summary` keeps what "My reports" shows once the body is
 * dropped. A rejected answer is not reopened: the employee writes a new one (a new id), which takes
 * its place (`replace`, in submitAnswer's transaction); one left refused expires (`expire`, src/expiry.js).
 *
 * The one-tap alert (kind `alert`, issue 11) rides the same outbox and moves, and goes first:
 * `pushable` lists alerts before everything else and the engine pushes them in a batch of their
 * own (`pushBatches`), so a slow report or its photos never hold an alert back. Queuing one also
 * marks its draft (`draft.alert = {id, queued_at}`) in the same transaction. Until its first push
 * (queued, never sent), the employee may add the agency (`amend_alert`); after that the report carries it.
 */
import { db } from './db.js';
import { draftChanged } from './drafts.js';
import { mine } from './owner.js';
import { tellOthers } from './tabs.js';
import { uuid } from './uuid.js';

const STORE = 'outbox';
export const UNSENT = ['queued', 'sending', 'rejected', 'conflict'];
/** Not in the outbox: before `submit`, and after `reopen` (back to drafts) or `forget`. */
export const ABSENT = 'absent';
export const PHASES = [ABSENT, 'queued', 'sending', 'received', 'uploading', 'photo_problem', 'rejected', 'conflict'];
const EVERY = Object.fromEntries(PHASES.filter((p) => p !== ABSENT).map((p) => [p, p]));

/** event → {phase before: phase after}; anything else is refused. */
export const MOVES = {
  submit: { [ABSENT]: 'queued' },
  send: { queued: 'sending', sending: 'sending' },
  requeue: { sending: 'queued' },
  receipt: { sending: 'received', uploading: 'received' },
  receipt_photos_missing: { sending: 'uploading', uploading: 'uploading' },
  reject: { sending: 'rejected' },
  conflict: { sending: 'conflict' },
  photo_uploaded: { uploading: 'uploading' },
  photo_refused: { uploading: 'uploading' },
  photo_lost: { uploading: 'photo_problem' },
  reopen: { rejected: ABSENT },
  // A refused answer leaves when the employee's new answer to the same question takes its place (submitAnswer).
  replace: { rejected: ABSENT, conflict: ABSENT },
  amend_alert: { queued: 'queued' },
  forget: { received: ABSENT },
  // Expired on the phone (src/expiry.js): a received record, or a refused answer (expiry.js says which).
  expire: { received: ABSENT, rejected: ABSENT, conflict: ABSENT },
  label_owner: EVERY,
};
export const EVENTS = Object.keys(MOVES);

/** The phase of an outbox record (ABSENT for none): its state, with a received report's photo progress. */
export function phaseOf(record) {
  if (!record) return ABSENT;
  if (record.state !== 'received') return record.state;
  // Only a photo lost stops a report: one the server refused (an older app marked it here too) is tried again once and
  // then kept as refused (`photos_refused`), the report going on.
  if (record.photo_error === 'photo_lost') return 'photo_problem';
  return Array.isArray(record.photos_missing) ? 'uploading' : 'received';
}

/** The phase `event` moves a record in `phase` to, or null when the table refuses the move. */
export function nextPhase(phase, event) {
  return Object.hasOwn(MOVES, event) && Object.hasOwn(MOVES[event], phase) ? MOVES[event][phase] : null;
}

/** The record after `event`, or null when refused (or `change` leaves it as it is); throws if `change` lands elsewhere. */
export function applyMove(record, event, change) {
  const from = phaseOf(record);
  const to = nextPhase(from, event);
  if (to === null) return null;
  const next = to === ABSENT ? null : change(record);
  if (to !== ABSENT && (!next || next === record)) return null;
  if (phaseOf(next) !== to) throw new Error(`outbox: ${event} from ${from} must end ${to}, not ${phaseOf(next)}`);
  return next ?? ABSENT;
}

/** Write `event`'s move of `record` into `store` (put or delete); returns the request, or null when nothing moves. */
function write(store, record, event, change = (r) => r) {
  const next = applyMove(record, event, change);
  if (next === null) return null;
  return next === ABSENT ? store.delete(record.id) : store.put(next);
}

/** Read-only access to the outbox inside a transaction opened over `withOutbox(...)` (other modules never write it). */
export function outboxReader(tx) {
  const store = tx.objectStore(STORE);
  return { get: (id) => store.get(id), getKey: (id) => store.getKey(id), getAll: () => store.getAll() };
}

/** The store names for a transaction that also reads (or, through this module, moves) the outbox. */
export function withOutbox(...stores) {
  return [...stores, STORE];
}

/** One outbox record by id (any owner), or undefined. */
export async function getRecord(id) {
  return (await db()).get(STORE, id);
}

/** Every outbox record on this phone, whoever owns it. */
export async function allRecords() {
  return (await db()).getAll(STORE);
}

/** Whether a report in phase `from` may end in phase `to` by some event (the table, read the other way). */
export function canMove(from, to) {
  return EVENTS.some((event) => nextPhase(from, event) === to);
}

/** Put a new record in the outbox inside `tx`, unless the id is already there (a second tap on Submit). */
async function insert(tx, record) {
  const store = tx.objectStore(STORE);
  const existing = await store.get(record.id);
  if (existing) return existing;
  write(store, undefined, 'submit', () => record);
  return record;
}

/**
 * Move a draft into the outbox in one transaction: it is never in both, never in neither. What is
 * submitted is the draft as stored, read in that transaction, not the copy the screen loaded: a photo
 * finished after the review was drawn, or a note typed in another tab, goes with the report. `draft`
 * gives the id and the language Submit was tapped in (and is the report when none is stored). The last
 * rejection's marks stay behind. `content(latest)` gives the report's `{ body, summary }`: src/submit.js
 * passes the report's rules (src/report.js), which this module does not import, so the service worker,
 * which reads and moves the outbox but never submits, does not carry them (2.2 KB of its 15 KB).
 */
export async function queueDraft(draft, now, content) {
  const tx = (await db()).transaction(['drafts', STORE], 'readwrite');
  const stored = await tx.objectStore('drafts').get(draft.id);
  // eslint-disable-next-line no-unused-vars
  const { show_errors, rejected_errors, rejected_codes, rejected_reason, rejected_sensitive, ...latest } = stored
    ? { ...stored, language: draft.language ?? stored.language } : draft;
  const { body, summary } = content(latest);
  const record = {
    id: latest.id, owner: latest.owner, kind: 'encounter', schema_version: 1, body, state: 'queued',
    submitted_at: now.toISOString(), attempts: 0, summary, draft: latest,
    photos_pending: (body.photos || []).length,
  };
  const kept = await insert(tx, record);
  await Promise.all([tx.objectStore('drafts').delete(latest.id), tx.done]);
  draftChanged(latest.id);
  return kept;
}

/** The kv key of the half-written answer to follow-up question `followupId` (src/drafts.js keeps it). */
export function answerDraftKey(followupId) {
  return `answer_draft:${followupId}`;
}

/** The kv key range of every half-written answer. */
export function answerDraftKeys() {
  return IDBKeyRange.bound(answerDraftKey(''), `${answerDraftKey('')}\uffff`);
}

/** Whether an answer record stands for its question: sent, or on its way (a refused one leaves room for another). */
export function answerStands(record) {
  return !needsAttention(record);
}

/**
 * Queue the employee's answer to follow-up question `followupId` (a new item id; pushed like a report).
 * Its half-written copy leaves the phone in the same transaction: the words are in one place or the other.
 * One answer per question: when one already stands (queued in another tab a moment ago), nothing is queued
 * and that one is returned with `already: true`; the check and the write share one transaction, which
 * IndexedDB runs one at a time across tabs. Other tabs are told, so their form gives way to the answer.
 */
export async function submitAnswer({ followupId, reportId, text, owner }, now = new Date()) {
  const body = { followup_id: followupId, text, answered_at: now.toISOString() };
  const record = {
    id: uuid(), owner, kind: 'answer', schema_version: 1, body, state: 'queued', submitted_at: body.answered_at,
    // The summary keeps the words after the receipt deletes the body, so "My reports" still shows what the
    // employee answered (issue 11); the record, words included, expires `answer_days` after receipt (expiry.js).
    attempts: 0, summary: { followup_id: followupId, report_id: reportId, answered_at: body.answered_at, text },
  };
  const tx = (await db()).transaction(['kv', STORE], 'readwrite');
  const store = tx.objectStore(STORE);
  const theirs = (await store.getAll()).filter((r) => r.kind === 'answer' && r.owner === owner
    && r.summary?.followup_id === followupId);
  const standing = theirs.find(answerStands);
  const stored = standing || await insert(tx, record);
  // The new answer takes the place of the refused ones (the server holds nothing under their ids), in the same
  // transaction: the question shows one answer, the one on its way.
  const replaced = standing ? [] : theirs.filter((r) => r.id !== stored.id).map((r) => write(store, r, 'replace'));
  await Promise.all([...replaced.filter(Boolean), tx.objectStore('kv').delete(answerDraftKey(followupId)), tx.done]);
  tellOthers({ type: 'outbox-changed' });
  return { ...stored, already: Boolean(standing) };
}

/**
 * Queue the one-tap alert for `draftId`'s encounter ("agents here now"): site, time, optionally the agency,
 * nothing else. The draft gets `alert = {id, queued_at}` in the same transaction; a draft that already has
 * an alert keeps it (one alert per encounter) and that record is returned, unless the server refused it: then this
 * tap queues a new one in its place. Null when the draft is gone.
 */
export async function submitAlert(draftId, { site, agency = null }, now = new Date()) {
  const tx = (await db()).transaction(['drafts', STORE], 'readwrite');
  const draft = await tx.objectStore('drafts').get(draftId);
  if (!draft) {
    tx.abort();
    await tx.done.catch(() => {});
    return null;
  }
  if (draft.alert?.id) {
    const existing = await tx.objectStore(STORE).get(draft.alert.id);
    if (existing?.state !== 'rejected') {
      await tx.done;
      return existing || null;
    }
    // Refused (its site closed since the last pull, say), so the server holds nothing under its id: a new tap is a
    // new alert, and the refused one leaves the phone.
    write(tx.objectStore(STORE), existing, 'reopen');
  }
  const at = now.toISOString();
  const body = { encounter_id: draft.id, site, occurred_at: at };
  if (agency) body.agency = agency;
  const record = { id: uuid(), owner: draft.owner, kind: 'alert', schema_version: 1, body, state: 'queued',
    submitted_at: at, attempts: 0, summary: { ...body } };
  let stored;
  try {
    stored = await insert(tx, record);
    const marked = { ...draft, alert: { id: stored.id, queued_at: at } };
    await Promise.all([tx.objectStore('drafts').put(marked), tx.done]);
  } catch (error) {
    // All or nothing: a refused alert replaced only if its successor is stored (a write refused, storage full).
    try { tx.abort(); } catch { /* already ended */ }
    await tx.done.catch(() => {});
    throw error;
  }
  draftChanged(draft.id); // a tab showing the draft takes the mark, or its next keystroke would drop it
  return stored;
}

/**
 * Whether the agency may still be added to alert `record`: waiting and never once sent. A push whose answer was lost
 * may have stored it, and other content under its id would be refused as a conflict.
 */
export function alertAmendable(record) {
  return record?.kind === 'alert' && record.state === 'queued' && !record.attempts;
}

/**
 * Add the agency to an alert still waiting to be sent, and to the agencies of its encounter's draft `draftId` in the
 * same transaction: a phone killed in between keeps both or neither. Once the alert has left, even on a push that
 * never answered (back in the queue, it may be stored), only the draft gets it (the report carries it): null.
 */
export async function amendAlertAgency(id, agency, draftId) {
  const at = new Date().toISOString();
  let changed;
  await update([id], (r) => (alertAmendable(r) ? ['amend_alert', () => ({ ...r, body: { ...r.body, agency },
    summary: { ...r.summary, agency } })] : null), async (tx) => {
    const draft = draftId && await tx.objectStore('drafts').get(draftId);
    const agencies = draft?.fields?.agencies || [];
    if (!draft || agencies.includes(agency)) return;
    changed = draft.id;
    const fields = { ...draft.fields, agencies: [...agencies, agency] };
    await tx.objectStore('drafts').put({ ...draft, updated_at: at, fields });
  });
  if (changed) draftChanged(changed); // a tab showing the draft takes the agency, or its next save would drop it
  const record = await getRecord(id);
  return record?.body?.agency === agency ? record : null;
}

/** Every outbox item of the signed-in user (reports, answers and alerts), newest first. */
async function allMine() {
  const all = await mine(await allRecords());
  return all.sort((a, b) => (a.submitted_at < b.submitted_at ? 1 : -1));
}

/** The signed-in user's reports in the outbox, newest first (another user's are never listed or sent). */
export async function listOutbox() {
  return (await allMine()).filter((r) => r.kind !== 'answer' && r.kind !== 'alert');
}

/** The signed-in user's one-tap alerts, newest first. */
export async function listAlerts() {
  return (await allMine()).filter((r) => r.kind === 'alert');
}

/** Every item of the signed-in user in the outbox (reports, answers, alerts), newest first. */
export function listEverything() {
  return allMine();
}

/** The signed-in user's answers to follow-up questions, newest first. */
export async function listAnswers() {
  return (await allMine()).filter((r) => r.kind === 'answer');
}

/** Whether the server still lacks part of a report: the report itself, or one of its photos. */
export function onlyOnThisPhone(record) {
  return UNSENT.includes(record.state) || record.photos_pending > 0;
}

/**
 * Whether the phone will send it on its own once online: only on this phone, and not refused or in conflict,
 * which wait for the employee instead (fix and resubmit, or write again). Home and My reports say "will be
 * sent when you are online" of these only; the refused ones are counted as needing attention.
 */
export function goesOnItsOwn(record) {
  return onlyOnThisPhone(record) && !needsAttention(record);
}

/** Refused or in conflict: nothing more leaves the phone for it until the employee acts. */
export function needsAttention(record) {
  return record.state === 'rejected' || record.state === 'conflict';
}

/** Reports and answers the server has not acknowledged yet (or reports whose photos it lacks). */
export async function unsentCount() {
  return (await allMine()).filter(onlyOnThisPhone).length;
}

/** Push order: alerts first, then everything else; oldest first within each. */
export function pushOrder(records) {
  const rank = (r) => (r.kind === 'alert' ? 0 : 1);
  return [...records].sort((a, b) => rank(a) - rank(b) || (a.submitted_at < b.submitted_at ? -1 : a.submitted_at > b.submitted_at ? 1 : 0));
}

/** Items to push (in pushOrder) cut into batches of at most `size`: the alerts in batches of their own, first. */
export function pushBatches(items, size) {
  const ordered = pushOrder(items);
  const groups = [ordered.filter((r) => r.kind === 'alert'), ordered.filter((r) => r.kind !== 'alert')];
  const batches = [];
  for (const group of groups) for (let i = 0; i < group.length; i += size) batches.push(group.slice(i, i + size));
  return batches;
}

/** Items to push now (alerts first): queued, and any left "sending" by a push that never answered. */
export async function pushable() {
  const all = await allMine();
  return pushOrder(all.filter((r) => r.state === 'queued' || r.state === 'sending'));
}

/** Apply a move to several records atomically: `step(record)` → [event, change] or null; refused moves are skipped. */
async function update(ids, step, alsoDrafts) {
  const tx = (await db()).transaction(alsoDrafts ? ['drafts', STORE] : STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  const records = await Promise.all(ids.map((id) => store.get(id)));
  let nexts;
  try {
    // Every move is checked before any is written: a change that lands off the table writes nothing.
    nexts = records.map((record) => {
      const move = record && step(record);
      return move ? applyMove(record, move[0], move[1]) : null;
    });
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => {});
    throw error;
  }
  const writes = nexts.map((next, i) => (next === null ? null
    : next === ABSENT ? store.delete(records[i].id) : store.put(next)));
  await Promise.all([...writes.filter(Boolean), alsoDrafts?.(tx), tx.done]);
}

/** Mark reports as being sent. */
export function markSending(ids, now = new Date()) {
  return update(ids, () => ['send', (r) => ({ ...r, state: 'sending', attempts: r.attempts + 1,
    last_attempt_at: now.toISOString() })]);
}

/**
 * Put reports back in the queue after a push that did not produce receipts. Why it failed (`last_failure`,
 * the network's or server's English) is kept for a developer, never shown: the screens say "retrying".
 */
export function markQueued(ids, error) {
  return update(ids, () => ['requeue', (r) => ({ ...r, state: 'queued', last_failure: error })]);
}

// The generic line of each way an item is refused: `last_error` holds one of these catalog keys (words in
// src/messages/refusal/, shown by src/refusals.js), never the server's English `message`.
export const ITEM_ERRORS = { rejected: 'refusal.item.rejected', sensitive_text: 'refusal.item.sensitive_text',
  too_large: 'refusal.item.too_large', conflict: 'refusal.item.conflict' };

/** The `last_error` key of a refused push result (rejected or conflict). */
export function itemErrorKey(res) {
  if (res.status === 'conflict') return ITEM_ERRORS.conflict;
  if (res.reason === 'sensitive_text') return ITEM_ERRORS.sensitive_text;
  if (Array.isArray(res.errors?._item) && res.errors._item.includes('too_large')) return ITEM_ERRORS.too_large;
  return ITEM_ERRORS.rejected;
}

/** The hashes of a record's photos the server refused for good (src/sync.js): never asked for again. */
export function refusedPhotos(record) {
  return new Set((record?.photos_refused || []).map((p) => p.sha256));
}

/**
 * The event and change that one well-formed push result makes to `record`. A photo the server refused for good is
 * still listed in `missing_blobs` (this user never uploaded it): it stays refused, not missing.
 */
export function resultMove(res, record) {
  if (res.status === 'accepted' || res.status === 'duplicate') {
    const refused = refusedPhotos(record);
    const missing = (Array.isArray(res.missing_blobs) ? res.missing_blobs : []).filter((h) => !refused.has(h));
    if (missing.length) {
      // Stored, but photos are still to upload: keep the body to push again after them.
      return ['receipt_photos_missing', ({ draft, ...rest }) => ({ ...rest, state: 'received', receipt: res.receipt,
        last_error: null, photos_pending: missing.length, photos_missing: missing })];
    }
    // The receipt is proof the server holds it (and every photo): drop the full body from the phone.
    // eslint-disable-next-line no-unused-vars
    return ['receipt', ({ body, draft, photos_missing, photo_error, ...rest }) => ({ ...rest, state: 'received',
      receipt: res.receipt, last_error: null, photos_pending: 0 })];
  }
  if (res.status === 'rejected') {
    // The English `errors` stay beside their codes: a code the phone has no words for shows its English.
    // refused_at: when the phone heard it, from which a refused answer expires (src/expiry.js).
    return ['reject', (r) => ({ ...r, state: 'rejected', refused_at: new Date().toISOString(), errors: res.errors || {}, error_codes: codesOf(res),
      last_error: itemErrorKey(res), reason: res.reason || null, sensitive: sensitiveSpans(res.sensitive) })];
  }
  if (res.status === 'conflict') {
    return ['conflict', (r) => ({ ...r, state: 'conflict', refused_at: new Date().toISOString(), last_error: itemErrorKey(res) })];
  }
  return null;
}

/** Apply the server's per-item results (already checked to be well formed). */
export function applyResults(results) {
  const byId = new Map(results.map((res) => [res.id, res]));
  return update([...byId.keys()], (r) => resultMove(byId.get(r.id), r));
}

/** A result's `error_codes` (docs/sync-protocol.md), kept when it is an object; an older server sends none. */
function codesOf(res) {
  const codes = res.error_codes;
  return codes && typeof codes === 'object' && !Array.isArray(codes) ? codes : null;
}

/** The server's `sensitive` list of a `sensitive_text` rejection, kept only where well formed. */
export function sensitiveSpans(list) {
  if (!Array.isArray(list)) return [];
  return list.filter((s) => s && typeof s.field === 'string' && typeof s.kind === 'string'
    && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end)
    .map(({ field, start, end, kind }) => ({ field, start, end, kind }));
}

/** A rejection's errors without the server's wording for fields whose spans the phone shows itself. */
function errorsBesideSpans(errors, spans) {
  const body = errors?.body;
  if (!spans.length || !body || typeof body !== 'object') return errors;
  const rest = Object.fromEntries(Object.entries(body).filter(([field]) => !spans.some((s) => s.field === field)));
  return { ...errors, body: rest };
}

/**
 * Take a rejected report back into drafts for fixing (same id: the server stored nothing under it).
 * Reopening touches it: however long it waited, it is not a draft abandoned since (src/expiry.js).
 */
export async function reopenRejected(id, now = new Date()) {
  const tx = (await db()).transaction(['drafts', STORE], 'readwrite');
  const store = tx.objectStore(STORE);
  const record = await store.get(id);
  if (nextPhase(phaseOf(record), 'reopen') === null || !record.draft) {
    tx.abort();
    await tx.done.catch(() => {});
    return null;
  }
  const spans = record.sensitive || [];
  const draft = { ...record.draft, stage: 'report', updated_at: now.toISOString(), rejected_errors: errorsBesideSpans(record.errors, spans),
    rejected_codes: record.error_codes || null, rejected_reason: record.reason || null, rejected_sensitive: spans };
  await Promise.all([tx.objectStore('drafts').put(draft), write(store, record, 'reopen'), tx.done]);
  draftChanged(draft.id);
  return draft;
}

/** Reports the server holds whose photos are still to upload or confirm by a new push (none refused for good). */
export async function photosToUpload() {
  return (await listOutbox()).filter((r) => phaseOf(r) === 'uploading' && r.body);
}

/** The server confirmed holding photo `hash`: it no longer counts as pending on any of these reports. */
export function markPhotoUploaded(ids, hash) {
  return update(ids, (r) => ((r.photos_missing || []).includes(hash) ? ['photo_uploaded', () => {
    const missing = r.photos_missing.filter((h) => h !== hash);
    return { ...r, photos_missing: missing, photos_pending: missing.length };
  }] : null));
}

/**
 * The server refused photo `hash` for good (`reason`: its code, e.g. `too_large`): on each of these reports waiting
 * for it, it moves from `photos_missing` to `photos_refused` (with its place in the report, `n`); its bytes stay.
 */
export function markPhotoRefused(ids, hash, reason, now = new Date()) {
  return update(ids, (r) => ((r.photos_missing || []).includes(hash) ? ['photo_refused', () => {
    const missing = r.photos_missing.filter((h) => h !== hash);
    const n = (r.body?.photos || []).findIndex((p) => p.sha256 === hash) + 1;
    const refused = [...(r.photos_refused || []), { sha256: hash, n: n || null, reason, at: now.toISOString() }];
    return { ...r, photos_missing: missing, photos_pending: missing.length, photos_refused: refused };
  }] : null));
}

/** A photo of this report is no longer on the phone: the report needs attention. */
export function markPhotoLost(id) {
  return update([id], () => ['photo_lost', (r) => ({ ...r, photo_error: 'photo_lost' })]);
}

/**
 * Inside `tx` (over withOutbox(...)): forget reports the server holds whole (sign-out, a new user). One with a photo
 * the server refused stays, with the photo, until it expires (src/expiry.js): those bytes are nowhere else.
 */
export async function forgetReceived(tx) {
  const store = tx.objectStore(STORE);
  return Promise.all((await store.getAll()).filter((r) => !refusedPhotos(r).size)
    .map((r) => write(store, r, 'forget')).filter(Boolean));
}

/** Inside `tx` (over withOutbox(...)): forget the records `ids` (expired on the phone, src/expiry.js). */
export async function forgetExpired(tx, ids) {
  const store = tx.objectStore(STORE);
  const records = await Promise.all(ids.map((id) => store.get(id)));
  return Promise.all(records.filter(Boolean).map((r) => write(store, r, 'expire')).filter(Boolean));
}

/** Inside `tx` (over withOutbox(...)): label records from before owners existed with the user who made them. */
export async function labelOwner(tx, owner) {
  const store = tx.objectStore(STORE);
  return Promise.all((await store.getAll()).filter((r) => r.owner === undefined)
    .map((r) => write(store, r, 'label_owner', () => ({ ...r, owner }))).filter(Boolean));
}
