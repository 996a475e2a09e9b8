/**
 * Expiry on the phone: what the server already holds, and drafts nobody touches, leave the
 * phone after a while (BRIEF.md: "phones keep as little as they can, for as short as they can").
 *
 *   summary of a received report, and news about my reports   `summary_days` after receipt / arrival
 *     (with the bytes of a photo the server refused for good, kept beside it: src/outbox.js)
 *   an answer to a follow-up question, received or refused      `answer_days` after the server's word on it
 *     (its receipt, or the refusal as the phone heard it: `refused_at`): either way the server has decided, and
 *     the words on the phone are only the employee's record of what they wrote
 *   an alert the server refused                                `summary_days` after the refusal, once its encounter's
 *                                                              draft is gone (sent or deleted): nobody can send it again
 *   a draft not touched                                        `draft_days` after its last change
 *     (and its last save, kept in localStorage while the phone refuses to write it)
 *   an answer to a follow-up question written but not sent     `draft_days` after its last change
 *
 * The days come from the server with every pull (`phone_retention`, its PHONE_* settings); until
 * the first pull, from the core's defaults in rules/retention.json. Never expired: anything the server
 * does not hold yet and could still take (queued, sending, a refused or conflicting report, which the employee
 * fixes, or photos still to upload).
 */
import retention from './rules/retention.json' with { type: 'json' };
import { db, getKv } from './db.js';
import { forgetKept } from './drafts.js';
import { answerDraftKey, answerDraftKeys, forgetExpired, needsAttention, outboxReader, withOutbox } from './outbox.js';
import { photosInUse } from './photos.js';

export const DEFAULTS = retention.phone;
const DAY_MS = 86_400_000;

/** The phone's retention days: what the server last said, else the core's defaults. */
export async function retentionDays() {
  const told = await getKv('phone_retention');
  return { ...DEFAULTS, ...(told && typeof told === 'object' ? told : {}) };
}

/** Whether `iso` is more than `days` before `now` (an unreadable time never expires anything). */
function olderThan(iso, days, now) {
  const at = Date.parse(iso || '');
  return Number.isFinite(at) && Number.isFinite(days) && now - at > days * DAY_MS;
}

/** When the server last decided on outbox record `r` (its receipt, or its refusal for an answer), else null: it stays. */
function decidedAt(r) {
  if (r.state === 'received') return !(r.photos_pending > 0) && r.receipt ? r.receipt.received_at : null;
  // A refused answer or alert: before `refused_at` was kept, its last push is when the refusal came.
  if ((r.kind === 'answer' || r.kind === 'alert') && needsAttention(r)) return r.refused_at || r.last_attempt_at || r.submitted_at;
  return null;
}

/** Which records have expired at `now` (ms): {outbox: ids, drafts: ids, updates: keys, answers: follow-up ids}. Pure. */
export function expired({ outbox = [], drafts = [], updates = [], answers = [] }, now, days) {
  // A refused alert stays while its encounter's draft does: the checklist says it was refused, with Try again.
  const alertsInUse = new Set(drafts.map((d) => d.alert?.id).filter(Boolean));
  return {
    outbox: outbox.filter((r) => decidedAt(r) && !(r.kind === 'alert' && alertsInUse.has(r.id)) && olderThan(decidedAt(r),
      r.kind === 'answer' ? days.answer_days : days.summary_days, now)).map((r) => r.id),
    drafts: drafts.filter((d) => olderThan(d.updated_at || d.created_at, days.draft_days, now)).map((d) => d.id),
    updates: updates.filter((u) => olderThan(u.stored_at || u.data?.at || u.data?.asked_at, days.summary_days, now))
      .map((u) => u.key),
    answers: answers.filter((a) => olderThan(a.updated_at, days.draft_days, now)).map((a) => a.followup_id),
  };
}

/**
 * Delete what has expired, with the photos only expired drafts used, in one transaction.
 * Returns how many records went (the caller tells the screens when it is more than 0).
 */
export async function expireOld(now = Date.now()) {
  const days = await retentionDays();
  const tx = (await db()).transaction(withOutbox('drafts', 'updates', 'photos', 'kv'), 'readwrite');
  const stores = { drafts: tx.objectStore('drafts'), updates: tx.objectStore('updates'), kv: tx.objectStore('kv') };
  const [outbox, drafts, updates, answers] = await Promise.all([outboxReader(tx).getAll(), stores.drafts.getAll(),
    stores.updates.getAll(), stores.kv.getAll(answerDraftKeys())]);
  const gone = expired({ outbox, drafts, updates, answers }, now, days);
  const [goneDrafts, goneOutbox] = [new Set(gone.drafts), new Set(gone.outbox)];
  const stillUsed = photosInUse(drafts.filter((d) => !goneDrafts.has(d.id)), outbox.filter((r) => !goneOutbox.has(r.id)));
  // The photos only expired drafts used, and those refused photos kept only beside an expired report.
  const photos = [...photosInUse(drafts.filter((d) => goneDrafts.has(d.id)), outbox.filter((r) => goneOutbox.has(r.id)))]
    .filter((h) => !stillUsed.has(h));
  await Promise.all([
    forgetExpired(tx, gone.outbox), ...gone.drafts.map((id) => stores.drafts.delete(id)),
    ...gone.updates.map((key) => stores.updates.delete(key)), ...photos.map((h) => tx.objectStore('photos').delete(h)),
    ...gone.answers.map((id) => stores.kv.delete(answerDraftKey(id))), tx.done]);
  // A draft's save kept in localStorage until IndexedDB has it (src/drafts.js) leaves after the same days.
  forgetKept((copies) => expired({ drafts: copies }, now, days).drafts);
  return gone.outbox.length + gone.drafts.length + gone.updates.length + gone.answers.length;
}
