/**
 * The liaison's questions still waiting for an answer from this phone, and where Home's badge leads:
 * one place for both, so the badge's count, its target and My reports' landing never disagree.
 * Questions are news in the updates store; answers are outbox records (src/outbox.js says which stand).
 */
import { answerStands, needsAttention } from './outbox.js';

/** When a question was asked, as a number that sorts (unknown: when the phone stored it, else last). */
function askedAt(update) {
  const time = Date.parse(update.data?.asked_at || update.stored_at || '');
  return Number.isNaN(time) ? Infinity : time;
}

/**
 * The questions in `updates` with no standing answer among `records` (the outbox: answers, and anything
 * else, which is ignored) nor one the server says stands (`answeredAt`), oldest first: the one the liaison has waited on longest, and a question that
 * arrives later never takes the place of the one the employee was sent to.
 */
export function waitingQuestions(updates, records) {
  const answered = new Set(records.filter((r) => r.kind === 'answer' && answerStands(r)).map((r) => r.summary?.followup_id));
  return updates.filter((u) => u.kind === 'message' && u.data?.question && !answered.has(u.data.id) && !answeredAt(u))
    .sort((a, b) => askedAt(a) - askedAt(b) || String(a.data.id).localeCompare(String(b.data.id)));
}

/**
 * When the server says question `update` was answered (`answered_at` of its latest pull), else null: the answer
 * that stands may have come from another phone, or from this one before it signed out, and its outbox record is
 * gone; the server keeps one answer per question (docs/sync-protocol.md).
 */
export function answeredAt(update) {
  return update?.kind === 'message' && update.data?.answered_at ? update.data.answered_at : null;
}

/**
 * Whether outbox record `record` is an answer the server refused because its question already had one (code
 * `answered`): the words stay on this phone, and nothing is left to do (no "write it again").
 */
export function refusedAsAnswered(record) {
  return record?.kind === 'answer' && record.state === 'rejected'
    && (record.error_codes?.body?.followup_id || []).some((entry) => entry?.code === 'answered');
}

/**
 * Whether refused answer `record` can be put right by writing it again (a new answer, a new id, in its place): refused
 * for its words (the sensitive-text door, too long…) or its id, not for its question (answered already, or not one of
 * the employee's: writing again would be refused the same).
 */
export function answerRewritable(record) {
  return record?.kind === 'answer' && needsAttention(record)
    && !record.errors?.body?.followup_id && !record.error_codes?.body?.followup_id?.length;
}

/** The route of My reports opened at question `id`, a server's id (src/router.js; src/screens/reports.js lands there). */
export function questionHash(id) {
  return `#/reports/question/${id}`;
}
