/**
 * The outbox: submitted reports waiting for, or holding, the server's receipt.
 *
 * States and the only allowed moves (one table, here):
 *   queued    → sending                    a push starts
 *   sending   → received | rejected | conflict | queued   the answer (or its absence)
 *   rejected  → (back to a draft)          the user fixes and submits again (same id: nothing was stored);
 *             reason `sensitive_text` ("needs a change") keeps the server's spans (field, offsets,
 *             kind; never words) so the form can walk the employee to them
 *   received  is final; the full body is then deleted, a summary stays for "My reports".
 *             With photos: `photos_pending` counts the photos the server does not hold yet
 *             (`photos_missing` their hashes); until it is 0 the body stays (the report is
 *             pushed again after the uploads) and the report is not complete.
 * "On this phone only" = queued, sending, rejected or conflict.
 *
 * Answers to a liaison's follow-up question (kind `answer`) ride the same outbox and the
 * same moves: queued until a push returns their receipt; `summary` keeps the answer's
 * text for "My reports" once the body is dropped. A rejected answer is not reopened as a
 * draft: the employee writes a new one (a new id).
 */
import { db } from './db.js';
import { mine } from './owner.js';
import { buildBody, summarize } from './report.js';
import { uuid } from './uuid.js';

export const UNSENT = ['queued', 'sending', 'rejected', 'conflict'];
const MOVES = {
  queued: ['sending'],
  sending: ['received', 'rejected', 'conflict', 'queued'],
  rejected: ['queued'],
  conflict: [],
  received: [],
};

/** Whether a report in state `from` may move to `to`. */
export function canMove(from, to) {
  return (MOVES[from] || []).includes(to);
}

/** Move a draft into the outbox in one transaction: it is never in both, never in neither. */
export async function submitDraft(draft, now = new Date()) {
  const body = buildBody(draft, now);
  const record = {
    id: draft.id, owner: draft.owner, kind: 'encounter', schema_version: 1, body, state: 'queued',
    submitted_at: now.toISOString(), attempts: 0, summary: summarize(body), draft,
    photos_pending: (body.photos || []).length,
  };
  const tx = (await db()).transaction(['drafts', 'outbox'], 'readwrite');
  await Promise.all([tx.objectStore('outbox').put(record), tx.objectStore('drafts').delete(draft.id), tx.done]);
  return record;
}

/** Queue the employee's answer to follow-up question `followupId` (a new item id; pushed like a report). */
export async function submitAnswer({ followupId, reportId, text, owner }, now = new Date()) {
  const body = { followup_id: followupId, text, answered_at: now.toISOString() };
  const record = {
    id: uuid(), owner, kind: 'answer', schema_version: 1, body, state: 'queued', submitted_at: body.answered_at,
    // The words live only in the body, which the receipt deletes: a lost phone keeps as little as possible.
    attempts: 0, summary: { followup_id: followupId, report_id: reportId, answered_at: body.answered_at },
  };
  await (await db()).put('outbox', record);
  return record;
}

/** Every outbox item of the signed-in user (reports and answers), newest first. */
async function allMine() {
  const all = await mine(await (await db()).getAll('outbox'));
  return all.sort((a, b) => (a.submitted_at < b.submitted_at ? 1 : -1));
}

/** The signed-in user's reports in the outbox, newest first (another user's are never listed or sent). */
export async function listOutbox() {
  return (await allMine()).filter((r) => r.kind !== 'answer');
}

/** The signed-in user's answers to follow-up questions, newest first. */
export async function listAnswers() {
  return (await allMine()).filter((r) => r.kind === 'answer');
}

/** Whether the server still lacks part of a report: the report itself, or one of its photos. */
export function onlyOnThisPhone(record) {
  return UNSENT.includes(record.state) || record.photos_pending > 0;
}

/** Reports and answers the server has not acknowledged yet (or reports whose photos it lacks). */
export async function unsentCount() {
  return (await allMine()).filter(onlyOnThisPhone).length;
}

/** Reports to push now: queued, and any left "sending" by a push that never answered. */
export async function pushable() {
  const all = await allMine();
  return all.filter((r) => r.state === 'queued' || r.state === 'sending')
    .sort((a, b) => (a.submitted_at < b.submitted_at ? -1 : 1));
}

/** Apply a change to several reports atomically, refusing moves the table does not allow. */
async function update(ids, change) {
  const tx = (await db()).transaction('outbox', 'readwrite');
  const store = tx.objectStore('outbox');
  const records = await Promise.all(ids.map((id) => store.get(id)));
  const writes = [];
  records.forEach((record, i) => {
    if (!record) return;
    const next = change(record, i);
    if (next && next !== record && (next.state === record.state || canMove(record.state, next.state))) {
      writes.push(store.put(next));
    }
  });
  await Promise.all([...writes, tx.done]);
}

/** Mark reports as being sent. */
export function markSending(ids, now = new Date()) {
  return update(ids, (r) => ({ ...r, state: 'sending', attempts: r.attempts + 1, last_attempt_at: now.toISOString() }));
}

/** Put reports back in the queue after a push that did not produce receipts. */
export function markQueued(ids, error) {
  return update(ids, (r) => (r.state === 'sending' ? { ...r, state: 'queued', last_error: error } : r));
}

/** Apply the server's per-item results (already checked to be well formed). */
export function applyResults(results) {
  const byId = new Map(results.map((res) => [res.id, res]));
  return update([...byId.keys()], (r) => {
    const res = byId.get(r.id);
    if (res.status === 'accepted' || res.status === 'duplicate') {
      const missing = Array.isArray(res.missing_blobs) ? res.missing_blobs : [];
      if (missing.length) {
        // Stored, but photos are still to upload: keep the body to push again after them.
        const { draft, ...rest } = r;
        return { ...rest, state: 'received', receipt: res.receipt, last_error: null,
          photos_pending: missing.length, photos_missing: missing };
      }
      // The receipt is proof the server holds it (and every photo): drop the full body from the phone.
      const { body, draft, photos_missing, photo_error, ...rest } = r;
      return { ...rest, state: 'received', receipt: res.receipt, last_error: null, photos_pending: 0 };
    }
    if (res.status === 'rejected') {
      return { ...r, state: 'rejected', errors: res.errors || {}, last_error: res.message, reason: res.reason || null,
        sensitive: sensitiveSpans(res.sensitive) };
    }
    if (res.status === 'conflict') return { ...r, state: 'conflict', last_error: res.message };
    return r;
  });
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

/** Take a rejected report back into drafts for fixing (same id: the server stored nothing under it). */
export async function reopenRejected(id) {
  const tx = (await db()).transaction(['drafts', 'outbox'], 'readwrite');
  const record = await tx.objectStore('outbox').get(id);
  if (!record || record.state !== 'rejected' || !record.draft) {
    tx.abort();
    await tx.done.catch(() => {});
    return null;
  }
  const spans = record.sensitive || [];
  const draft = { ...record.draft, stage: 'report', rejected_errors: errorsBesideSpans(record.errors, spans),
    rejected_reason: record.reason || null, rejected_sensitive: spans };
  await Promise.all([tx.objectStore('drafts').put(draft), tx.objectStore('outbox').delete(id), tx.done]);
  return draft;
}

/** Reports the server holds whose photos are still to upload or confirm by a new push (none refused for good). */
export async function photosToUpload() {
  return (await listOutbox()).filter((r) => r.state === 'received' && r.body && Array.isArray(r.photos_missing)
    && !r.photo_error);
}

/** The server confirmed holding photo `hash`: it no longer counts as pending on any of these reports. */
export function markPhotoUploaded(ids, hash) {
  return update(ids, (r) => {
    if (!(r.photos_missing || []).includes(hash)) return r;
    const missing = r.photos_missing.filter((h) => h !== hash);
    return { ...r, photos_missing: missing, photos_pending: missing.length };
  });
}

/** A photo of this report was refused for good (or its bytes are gone): the report needs attention. */
export function markPhotoProblem(id, reason) {
  return update([id], (r) => ({ ...r, photo_error: reason }));
}
