/**
 * Drafts, checklist versions and sites as the screens need them (IndexedDB through db.js).
 *
 * Saves are chained: each write starts after the previous one ends, so the last keystroke
 * always wins, and every read waits for the writes already asked for, so a screen that
 * re-renders (language switch, reload of the route) never reads an older draft than the
 * one just typed.
 */
import { DRAFT_SAVED, db } from './db.js';
import { PLACE, mergeDraft } from './draft-merge.js';
import { answerDraftKey, answerDraftKeys, outboxReader, withOutbox } from './outbox.js';
import { mine } from './owner.js';
import { forgetPhotos } from './photos.js';
import { tellOthers } from './tabs.js';

// Drafts waiting for their turn to be written; fast typing replaces the waiting copy
// instead of queueing one write per keystroke.
const waiting = new Map();

// The copy of each draft this tab's screens last read or sent to be saved: what a save changed since is this
// tab's own (src/draft-merge.js).
const seen = new Map();

// The last copy of each draft the phone refused to store (its storage full), with the copy it was measured against
// ({base, copy}), until a save of that draft is stored: a screen opened meanwhile starts from it (loadDraft), or its
// first save (where it is) would write the older stored copy, and the words typed while storage was full would be
// gone, the "not saved" banner cleared with them.
const refused = new Map();

// Each save is also kept at once in localStorage (with the copy it is measured against) until IndexedDB has it: a
// write still in flight when the page is closed, or hidden and then killed, is dropped (Chromium aborts even one
// begun in pagehide), but localStorage's is not; the next start writes it through the same checks (replay).
const UNSAVED = 'unsaved-draft:';
const local = globalThis.localStorage; // none in the service worker
const keptKeys = () => Object.keys(local || {}).filter((key) => key.startsWith(UNSAVED));

/**
 * Write the saves a page left unwritten. Storage holding a later save of that draft (another tab's, Home's add
 * agency) keeps it where both changed a field, and takes the rest of this one's (src/draft-merge.js, the later save
 * as the one written last). One the phone refuses again stays kept for the start after.
 */
function replay() {
  return Promise.all(keptKeys().map(async (key) => {
    try {
      const [base, copy] = JSON.parse(local[key]);
      const stored = await (await db()).get('drafts', copy.id);
      // A later save in storage: merged with (this page's changes kept where it did not change them); without a base
      // what this page changed is unknown, and the copy is let go.
      const later = stored?.updated_at > copy.updated_at;
      if (base) seen.set(copy.id, later ? stored : base);
      if (base || !later) await write(later ? mergeDraft(base, copy, stored) : copy);
      local.removeItem(key);
    } catch (error) {
      console.error('draft not saved', error);
    }
  }));
}

let writes = replay();

/**
 * Let go of the kept saves `expired(copies)` names (src/expiry.js: untouched for longer than the phone keeps a draft),
 * and stop trying them again: on a phone that goes on refusing them, their words must not outlive the draft's days.
 */
export function forgetKept(expired) {
  const copies = [];
  for (const key of keptKeys()) {
    try {
      copies.push(JSON.parse(local[key])[1]);
    } catch { /* unreadable: replay says so at each start */ }
  }
  for (const id of expired(copies.filter(Boolean))) {
    stopRetrying(id);
    refused.delete(id);
    local.removeItem(UNSAVED + id);
  }
}

/**
 * Tell the app's other tabs that draft `id` changed or left the drafts: a screen showing it there draws it
 * again from storage (src/router.js), so a tab left open on an older copy neither overwrites what was
 * written here nor goes on taking keystrokes for a report already submitted.
 */
export function draftChanged(id) {
  tellOthers({ type: 'draft-changed', id });
}

/** Whether two copies of a draft say something different (not only where the employee is). */
function saysMore(before, after) {
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after)]);
  return [...keys].some((key) => !PLACE.has(key) && JSON.stringify(before?.[key]) !== JSON.stringify(after[key]));
}

/** Write one draft unless it has been submitted meanwhile (outbox holds its id). */
async function write(draft) {
  const tx = (await db()).transaction(withOutbox('drafts'), 'readwrite');
  // Same transaction as the check: a late keystroke cannot resurrect a draft that
  // submitDraft() (src/submit.js) has just moved to the outbox.
  if (await outboxReader(tx).getKey(draft.id)) {
    tx.abort();
    await tx.done.catch(() => {});
    return;
  }
  const store = tx.objectStore('drafts');
  const before = await store.get(draft.id);
  if (!before && seen.has(draft.id)) {
    // This tab had it, and it is gone: discarded in another tab (its photos with it) or expired. A late save, or a
    // refused one tried again, must not bring it back.
    tx.abort();
    await tx.done.catch(() => {});
    stopRetrying(draft.id);
    return;
  }
  // Another tab may have written since this one read the draft: keep what it wrote that this save did not change.
  const kept = mergeDraft(seen.get(draft.id), before, draft);
  await Promise.all([store.put(kept), tx.done]);
  seen.set(draft.id, draft); // the screen's copy, not the merge: its next save is measured against what it holds
  if (saysMore(before, kept)) draftChanged(draft.id);
}

/** Tell the page whether a save kept the draft (src/shell.js says so when it did not). */
function tell(ok) {
  globalThis.dispatchEvent?.(new CustomEvent(DRAFT_SAVED, { detail: { ok } })); // none in Node's tests
}

// A save the phone refused is tried again on its own after these pauses (the last one repeats): the
// employee may free space and never type again, and the words must not stay only on the screen.
export const RETRY_MS = [1000, 5000, 15000, 60000];
const retries = new Map(); // draft id → timer of its next try

/** Stop trying again to save draft `id` (a newer save of it came, or it left the drafts). */
function stopRetrying(id) {
  clearTimeout(retries.get(id));
  retries.delete(id);
}

/** Try a refused copy again after the pause of its `attempt`, unless a newer save of it comes first. */
function retryLater(draft, attempt) {
  const timer = setTimeout(() => {
    if (retries.get(draft.id) !== timer) return;
    retries.delete(draft.id);
    if (!waiting.has(draft.id)) save(draft, attempt + 1);
  }, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
  retries.set(draft.id, timer);
}

/**
 * Save a draft now (behind earlier saves); resolves once this version, or a newer one, is stored. A save
 * that fails (storage full, the database gone) is told to the page, never only to the console: the screen
 * still shows the words, and the employee must know they are not on the phone yet. It is tried again on
 * its own (``RETRY_MS``), and the next save writes everything too.
 */
export function saveDraft(draft) {
  stopRetrying(draft.id);
  return save({ ...draft, updated_at: new Date().toISOString() }, 0);
}

/** Queue `copy` behind earlier saves; `attempt`: how many times the phone refused it already. */
function save(copy, attempt) {
  const queued = waiting.has(copy.id);
  waiting.set(copy.id, copy);
  try {
    if (seen.get(copy.id) !== null) local?.setItem(UNSAVED + copy.id, JSON.stringify([seen.get(copy.id), copy]));
  } catch { /* full or refused: IndexedDB's write still goes on */ }
  if (!queued) {
    writes = writes.then(() => {
      const latest = waiting.get(copy.id);
      waiting.delete(copy.id);
      return write(latest).then(() => {
        if (!waiting.has(latest.id)) local?.removeItem(UNSAVED + latest.id);
        refused.delete(latest.id);
        tell(true);
      }, (error) => {
        console.error('draft not saved', error);
        refused.set(latest.id, { base: seen.get(latest.id), copy: latest });
        tell(false);
        if (!waiting.has(latest.id)) retryLater(latest, attempt);
      });
    });
  }
  return writes;
}

/** Resolve when every save asked for so far has been written. */
export function flushDrafts() {
  return writes;
}

/** One draft by id, with what the phone last refused to store of it merged in (see `refused`), or undefined. */
export async function loadDraft(id) {
  await writes;
  const draft = await (await db()).get('drafts', id);
  const held = refused.get(id);
  if (!draft) {
    if (!held?.base) return held?.copy; // never stored yet: the refused copy is all there is
    refused.delete(id); // stored once and gone since (discarded or submitted in another tab): so it stays
    return undefined;
  }
  seen.set(id, draft);
  // What storage took since (another tab, Home's agency) kept beside the refused words, measured from the copy the
  // refused one was made against: a field both changed takes the refused (this tab's later) words.
  return held ? mergeDraft(held.base, draft, held.copy) : draft;
}

/** Every draft in progress, most recently touched first. */
export async function listDrafts() {
  await writes;
  const all = await mine(await (await db()).getAll('drafts'));
  return all.sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
}

/** Delete a draft the user chose to discard, and the photos only it held (document photos leave the phone with it). */
export async function deleteDraft(id) {
  stopRetrying(id);
  refused.delete(id);
  local?.removeItem(UNSAVED + id); // a save refused before must not bring it back on the next start
  await writes;
  const draft = await (await db()).get('drafts', id);
  await (await db()).delete('drafts', id);
  seen.set(id, null); // had and gone: a late keystroke's save must not bring it back (write)
  await forgetPhotos((draft?.photos || []).map((photo) => photo.sha256), id);
  draftChanged(id);
}

/**
 * Keep the answer being written to follow-up question `followupId` at once (empty text: forget it): its `text` and
 * the asked-about names the employee `kept` (words, as a report draft's `kept_spans`), so a reload asks only about
 * the rest. Kept words stay on the phone: the answer sent carries its text alone.
 */
export async function saveAnswerDraft(followupId, { text, kept = [] }, owner) {
  const key = answerDraftKey(followupId);
  if (!text) return (await db()).delete('kv', key);
  return (await db()).put('kv', { followup_id: followupId, text, kept, owner, updated_at: new Date().toISOString() }, key);
}

/** The signed-in user's half-written answers, as follow-up id → {text, kept}. */
export async function answerDrafts() {
  const all = await (await db()).getAll('kv', answerDraftKeys());
  return new Map((await mine(all)).map((a) => [a.followup_id, { text: a.text, kept: a.kept || [] }]));
}

/** One checklist version by id (drafts keep theirs forever, retired or not). */
export async function getVersion(id) {
  return (await db()).get('versions', id);
}

/** The checklist a new encounter runs: the highest-numbered version not retired. */
export async function currentVersion() {
  const all = await (await db()).getAll('versions');
  return all.filter((v) => !v.retired && Array.isArray(v.steps) && v.steps.length)
    .sort((a, b) => b.number - a.number)[0];
}

/** The department's active sites, by name. */
export async function listSites() {
  const all = await (await db()).getAll('sites');
  return all.filter((s) => s.active !== false).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every site (inactive too: an old report may name one), as a code → site map. */
export async function sitesByCode() {
  const all = await (await db()).getAll('sites');
  return new Map(all.map((s) => [s.code, s]));
}

/** News pulled about my reports (status changes, liaison messages). */
export async function listUpdates() {
  return (await db()).getAll('updates');
}

/**
 * Where "Agents here now" lands: the checklist, at its first step not yet answered (step 1 when none is, or
 * when every step is), never the form or the review where the draft was left (docs/decisions.md). `version`
 * is the draft's checklist; without it (storage trimmed) the checklist screen itself opens the report.
 */
export function alertHash(draft, version) {
  const steps = version?.steps || [];
  const open = steps.findIndex((step) => !draft.steps?.[step.id]);
  return `#/encounter/${draft.id}/step/${Math.max(open, 0)}`;
}

/** Where a draft resumes: the route of the stage and step the user was on. */
export function resumeHash(draft) {
  if (draft.stage === 'review') return `#/encounter/${draft.id}/review`;
  if (draft.stage === 'report') return `#/encounter/${draft.id}/report`;
  return `#/encounter/${draft.id}/step/${draft.step_index || 0}`;
}
