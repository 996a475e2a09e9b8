/**
 * The one-tap alert on the phone (issue 11): "Agents here now" starts (or joins) the encounter,
 * queues push kind `alert` (site, time, optionally the agency) which the outbox sends first,
 * and opens the checklist. Offline it waits in the outbox and Background Sync sends it when the
 * browser has it. The report later pushed under the draft's id completes the same encounter.
 *
 * The encounter: the one in progress (encounterInProgress: touched within the core's `join_minutes`, its alert
 * not yet received), else a new one; an older draft stays in the list. The site: the one the draft already
 * names, else the nearest site when the employee allows location, else the last used (src/site-choice.js),
 * for a new encounter only when used within that window: a site from another day is asked for, not guessed. The position is asked for only when the
 * browser already has the employee's permission (never a prompt in the middle of an encounter);
 * Home's "Use my location" button asks once, from a tap. The position is never stored.
 */
import { currentOwner } from './owner.js';
import { flushDrafts, getVersion, listDrafts, listSites, loadDraft, saveDraft } from './drafts.js';
import { getRecord, listEverything, submitAlert } from './outbox.js';
import { newDraft } from './report.js';
import { defaultSite } from './site-choice.js';
import rules from './rules/alert.json' with { type: 'json' };

const POSITION_TIMEOUT_MS = 1500; // an alert must not wait long for a position: the last used site is the fallback
const POSITION_MAX_AGE_MS = 5 * 60 * 1000;
const JOIN_MS = rules.join_minutes * 60_000;
// An alert in these states has not reached the server (a refused one is replaced by the next tap): a tap joins it.
const NOT_YET_THERE = ['queued', 'sending', 'rejected'];

/**
 * The draft an "Agents here now" tap joins, or null for a new encounter: the most recently touched of `drafts`
 * (newest first), when touched within the core's `join_minutes` of `now` and its alert, if any, is still on its
 * way or was refused. One whose alert reached the server (or left the phone) is another day's, or agents come
 * back: the server keeps one alert per encounter, so a new tap is a new encounter and the liaison is told again.
 */
export function encounterInProgress(drafts, records, now = new Date()) {
  const draft = drafts[0];
  if (!draft || now - Date.parse(draft.updated_at || draft.started_at) > JOIN_MS) return null;
  if (!draft.alert?.id) return draft;
  return NOT_YET_THERE.includes(records.find((r) => r.id === draft.alert.id)?.state) ? draft : null;
}

/** Whether the browser already lets this app read the position (no prompt). */
export async function locationAllowed() {
  try {
    return (await navigator.permissions?.query({ name: 'geolocation' }))?.state === 'granted';
  } catch {
    return false;
  }
}

/** Whether asking for the position would prompt (so Home may offer the button that asks). */
export async function locationAskable() {
  if (!navigator.geolocation) return false;
  try {
    return (await navigator.permissions?.query({ name: 'geolocation' }))?.state === 'prompt';
  } catch {
    return false;
  }
}

/** The phone's position ({latitude, longitude}) or null; `ask` allows the browser's prompt (a tap asked for it). */
export async function position({ ask = false } = {}) {
  if (!navigator.geolocation || (!ask && !(await locationAllowed()))) return null;
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ latitude: coords.latitude, longitude: coords.longitude }),
      () => resolve(null),
      { timeout: POSITION_TIMEOUT_MS, maximumAge: POSITION_MAX_AGE_MS, enableHighAccuracy: false },
    );
  });
}

/**
 * The site a new draft or an alert names by default (a code), or null when the employee must choose; `since` (an ISO
 * time) leaves out a site last used before it.
 */
export async function chooseSite(since = '') {
  const [sites, drafts, records] = [await listSites(), await listDrafts(), await listEverything()];
  return defaultSite({ sites, drafts, records, position: await position(), since });
}

/** A new draft on `version`, its site filled in by default when one fits (last used since `since`, when given). */
export async function startDraft(version, { language, since = '' }) {
  const draft = newDraft(version, { language, owner: await currentOwner() });
  const site = await chooseSite(since);
  if (site) draft.fields.site = site;
  await saveDraft(draft);
  await flushDrafts();
  return draft;
}

/**
 * Whether the employee tapped "Agents here now" for this encounter and its alert still waits for a site.
 * Kept on the draft (`alert_wanted`), not in a screen's memory: whatever the employee taps next (the
 * checklist, a reload), the phone keeps saying the alert has not gone until a site is chosen.
 */
export function alertWaitsForSite(draft) {
  return Boolean(draft?.alert_wanted && !draft.alert);
}

/**
 * Raise the alert: join the encounter in progress (encounterInProgress) or start one, and queue its alert
 * (once per encounter). `site` overrides the default (the employee chose it).
 * Returns {draft, record}, or {draft, needsSite: true} when no site could be chosen for the employee;
 * the draft then keeps the wish and the time of the first tap, which becomes the alert's time when it goes.
 * {draft, notSaved: true}: the phone could not store the alert (its storage full), so nothing will be sent.
 */
export async function raiseAlert({ version, language, site = null, agency = null }, now = new Date()) {
  const drafts = await listDrafts();
  let draft = encounterInProgress(drafts, await listEverything(), now);
  const since = new Date(now - JOIN_MS).toISOString();
  if (!draft) {
    // No checklist pulled yet: the newest draft's (the alert must not wait for one).
    version ||= drafts[0] && await getVersion(drafts[0].version_id);
    if (!version) return { draft: null, noChecklist: true };
    draft = await startDraft(version, { language, since });
  }
  const code = site || draft.fields?.site || await chooseSite(since);
  if (!code) {
    if (!draft.alert_wanted && !draft.alert) {
      draft = { ...draft, alert_wanted: { at: now.toISOString() } };
      await saveDraft(draft);
      await flushDrafts();
    }
    return { draft, needsSite: true };
  }
  if (!draft.fields?.site) {
    draft = { ...draft, fields: { ...draft.fields, site: code } };
    await saveDraft(draft);
    await flushDrafts();
  }
  const tapped = draft.alert_wanted?.at ? new Date(draft.alert_wanted.at) : now;
  let record = null;
  try {
    record = await submitAlert(draft.id, { site: code, agency }, tapped);
  } catch { /* the outbox's write refused (storage full): said below */ }
  if (!record) {
    // No alert marked on the stored draft, or only the refused one this tap meant to replace: the phone could not
    // keep the alert (or its new draft). A mark whose record is gone was sent and since forgotten.
    const mark = (await loadDraft(draft.id))?.alert;
    if (!mark || (await getRecord(mark.id))?.state === 'rejected') return { draft, notSaved: true };
  }
  return { draft, record };
}

/**
 * A site was just chosen for the encounter of `draft`, a screen's copy (a checklist step, the report form):
 * send the alert that waited for one. Returns that copy with the alert's mark, for the screen to keep (its
 * next save would otherwise drop the mark), or null when nothing waited or no site is named.
 */
export async function sendWaitingAlert(draft) {
  await flushDrafts();
  const stored = await loadDraft(draft.id);
  if (!alertWaitsForSite(stored) || !stored.fields?.site) return null;
  const record = await submitAlert(stored.id, { site: stored.fields.site }, new Date(stored.alert_wanted.at));
  const marked = record && await loadDraft(draft.id);
  return marked?.alert ? { ...draft, alert: marked.alert } : null;
}

/**
 * Send again the alert of `draft` that the server refused (the checklist's and the form's "Try again"): the path a new
 * tap takes on Home (submitAlert queues a new one in its place), for this encounter, with the refused one's time and
 * agency. Returns the screen's copy with the new mark, or null when nothing refused stands.
 */
export async function resendAlert(draft) {
  await flushDrafts();
  const stored = await loadDraft(draft.id);
  const refused = stored?.alert && await getRecord(stored.alert.id);
  if (refused?.state !== 'rejected') return null;
  const { site, agency, occurred_at: at } = refused.summary;
  const record = await submitAlert(stored.id, { site: stored.fields?.site || site, agency }, new Date(at));
  const marked = record && await loadDraft(draft.id);
  return marked?.alert ? { ...draft, alert: marked.alert } : null;
}
