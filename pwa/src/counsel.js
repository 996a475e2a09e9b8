/**
 * Counsel's warrant check on the phone (issue 11): the document photo of an encounter that has an
 * alert is shared with counsel at once, before submit, and counsel's answer shows on the document step.
 *
 * Sharing (docs/sync-protocol.md "Documents for counsel"): the photo's bytes go up as any photo
 * (PUT /blobs/<sha256>), then PUT /encounters/<draft id>/documents/<sha256> {site, taken_at} links
 * them to the encounter. Both are idempotent, so a retry is always safe. A share waits in the
 * `shares` store until the server took it; it is retried when the phone comes back online, on a
 * timer while shares wait, and by `retryShares()` (which the sync engine may call on each run).
 * The photo stays in the draft as usual: the report later references it and finds it uploaded.
 *
 * The answer reaches the phone by pull (change kind `counsel_answer`, addressed to the user who
 * shared), which sync.js keeps in the `updates` store under `counsel_answer:<encounter id>`; a later
 * answer replaces the earlier one there as on the server.
 */
import { html, nothing } from 'lit-html';
import vocabulary from './rules/vocabulary.json' with { type: 'json' };
import { ApiError, AuthError, call } from './api.js';
import { timeOfDay } from './components/format.js';
import { db } from './db.js';
import { joinFormNumbers } from './form-numbers.js';
import { currentOwner, mine } from './owner.js';
import { getPhoto } from './photos.js';
import { putBlob } from './sync.js';

const STORE = 'shares';
const VERDICTS = vocabulary.verdicts;
const RETRY_MS = 15000;
const KEEP_SENT_MS = 24 * 3600 * 1000;
let running = null;
let timer = null;

/** The key of one shared page: one encounter, one photo. */
export function shareKey(encounterId, sha256) {
  return `${encounterId}:${sha256}`;
}

/** Whether a draft's photo goes to counsel now: the encounter has an alert (contract: `draft.alert`). */
export function sharesEarly(draft) {
  return Boolean(draft?.alert && draft.id);
}

/** Share a document photo taken on the document step now, when the draft's encounter has an alert. Returns true when queued. */
export async function shareDocumentNow(draft, photo, now = new Date()) {
  if (!sharesEarly(draft) || !/^[0-9a-f]{64}$/.test(photo?.sha256 || '')) return false;
  const owner = draft.owner ?? await currentOwner();
  const key = shareKey(draft.id, photo.sha256);
  const tx = (await db()).transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  // A second call for the same page (a double tap, the screen shown again) changes nothing.
  if (!(await store.get(key))) {
    store.put({ key, encounter_id: draft.id, sha256: photo.sha256, owner, taken_at: now.toISOString(),
      state: 'pending', attempts: 0 });
  }
  await tx.done;
  retryShares();
  return true;
}

/** Where a share goes after the server's answer to it (or to the photo's upload). */
export function shareOutcome(error) {
  if (!error) return { state: 'sent' };
  if (!(error instanceof ApiError)) return null; // network, 5xx, sign-in needed: stays pending
  // The report arrived first (it holds the photo), or the photo is gone: nothing left to share.
  if (error.body?.reason === 'encounter_closed' || error.body?.reason === 'removed') return { drop: true };
  // The server's reason word, never its English: the document step says "refused" in the app's words.
  return { state: 'refused', last_error: error.body?.reason || `HTTP ${error.status}` };
}

/** The site the encounter is at, as the draft holds it now (the employee may fill it in after the photo). */
async function siteOf(encounterId) {
  const draft = await (await db()).get('drafts', encounterId);
  return draft?.fields?.site || draft?.alert?.site || null;
}

async function sendOne(share) {
  const photo = await getPhoto(share.sha256);
  if (!photo) return { drop: true }; // the bytes left the phone: the server has them with the report
  const site = await siteOf(share.encounter_id);
  if (!site) return null; // wait for a site
  try {
    await putBlob(photo);
    await call(`/encounters/${share.encounter_id}/documents/${share.sha256}`, {
      method: 'PUT', body: { site, taken_at: share.taken_at },
    });
    return shareOutcome(null);
  } catch (error) {
    if (error instanceof AuthError) return null;
    return shareOutcome(error);
  }
}

async function record(share, outcome, now) {
  const tx = (await db()).transaction(STORE, 'readwrite');
  if (outcome?.drop) tx.objectStore(STORE).delete(share.key);
  else tx.objectStore(STORE).put({ ...share, ...(outcome || {}), attempts: share.attempts + 1, last_attempt_at: now });
  await tx.done;
}

async function sendPending() {
  const all = await (await db()).getAll(STORE);
  const now = Date.now();
  const stale = all.filter((s) => s.state !== 'pending' && now - Date.parse(s.last_attempt_at || 0) > KEEP_SENT_MS);
  if (stale.length) {
    const tx = (await db()).transaction(STORE, 'readwrite');
    await Promise.all([...stale.map((s) => tx.objectStore(STORE).delete(s.key)), tx.done]);
  }
  const pending = (await mine(all)).filter((s) => s.state === 'pending');
  let waiting = 0;
  for (const share of pending) {
    const outcome = await sendOne(share);
    await record(share, outcome, new Date().toISOString());
    if (!outcome) waiting += 1;
  }
  return waiting;
}

/** Send every share still waiting (one run at a time); retried on a timer while some still wait. */
export function retryShares() {
  if (running) return running;
  const locks = globalThis.navigator?.locks;
  const run = () => sendPending();
  running = (locks ? locks.request('encounter-log-counsel', run) : run())
    .catch(() => 1)
    .then((waiting) => {
      running = null;
      if (timer) clearTimeout(timer);
      timer = waiting ? setTimeout(() => { timer = null; retryShares(); }, RETRY_MS) : null;
      return waiting;
    });
  return running;
}

/** Whether this draft's document went to counsel: 'sent', 'pending', 'refused' or null (never shared). */
export async function shareState(draftId) {
  const shares = (await (await db()).getAll(STORE)).filter((s) => s.encounter_id === draftId);
  for (const state of ['refused', 'pending', 'sent']) if (shares.some((s) => s.state === state)) return state;
  return null;
}

/** Where the draft's document stands with counsel, for the document step before an answer (nothing when never shared). */
export function shareStateView(state, t) {
  if (!['pending', 'sent', 'refused'].includes(state)) return nothing;
  return html`<p class="counsel-share share-${state}" role="status">${t(`counsel.share.${state}`)}</p>`;
}

/** Counsel's answer about this draft's document, as the phone last pulled it, or null. */
export async function counselAnswer(draftId) {
  const update = await (await db()).get('updates', `counsel_answer:${draftId}`);
  const data = update?.data;
  if (!data || !VERDICTS.includes(data.verdict)) return null;
  return { verdict: data.verdict, note: typeof data.note === 'string' && data.note ? data.note : null,
    answered_at: data.answered_at || null };
}

/** The answer as shown on the document step (nothing when there is none). */
export function counselAnswerView(answer, t) {
  if (!answer || !VERDICTS.includes(answer.verdict)) return nothing;
  return html`
    <section class="counsel-answer verdict-${answer.verdict}" role="status" aria-labelledby="counsel-answer-title">
      <h3 id="counsel-answer-title">${t('counsel.answer.title')}</h3>
      <p class="counsel-verdict"><strong>${t(`counsel.verdict.${answer.verdict}`)}</strong></p>
      ${answer.note ? html`<p class="counsel-note">${t('counsel.answer.note', { note: joinFormNumbers(answer.note) })}</p>` : nothing}
      ${answer.answered_at ? html`<p class="hint">${t('counsel.answer.at', { time: timeOfDay(answer.answered_at) })}</p>`
    : nothing}
    </section>`;
}

if (typeof globalThis.addEventListener === 'function' && globalThis.document) {
  globalThis.addEventListener('online', () => retryShares());
}
