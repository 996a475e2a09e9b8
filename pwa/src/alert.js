/**
 * The one-tap alert on the phone (issue 11): "Agents here now" starts (or joins) the encounter,
 * queues push kind `alert` (site, time, optionally the agency) which the outbox sends first,
 * and opens the checklist. Offline it waits in the outbox and Background Sync sends it when the
 * browser has it. The report later pushed under the draft's id completes the same encounter.
 *
 * The site: the one the draft already names, else the nearest site when the employee allows
 * location, else the last used (src/site-choice.js). The position is asked for only when the
 * browser already has the employee's permission (never a prompt in the middle of an encounter);
 * Home's "Use my location" button asks once, from a tap. The position is never stored.
 */
import { currentOwner } from './owner.js';
import { flushDrafts, listDrafts, listSites, loadDraft, saveDraft } from './drafts.js';
import { getRecord, listEverything, submitAlert } from './outbox.js';
import { newDraft } from './report.js';
import { defaultSite } from './site-choice.js';

const POSITION_TIMEOUT_MS = 1500; // an alert must not wait long for a position: the last used site is the fallback
const POSITION_MAX_AGE_MS = 5 * 60 * 1000;

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

/** The site a new draft or an alert names by default (a code), or null when the employee must choose. */
export async function chooseSite() {
  const [sites, drafts, records] = [await listSites(), await listDrafts(), await listEverything()];
  return defaultSite({ sites, drafts, records, position: await position() });
}

/** A new draft on `version`, its site filled in by default when one fits. */
export async function startDraft(version, { language }) {
  const draft = newDraft(version, { language, owner: await currentOwner() });
  const site = await chooseSite();
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
 * Raise the alert: reuse the encounter in progress (the most recently touched draft) or start one,
 * and queue its alert (once per encounter). `site` overrides the default (the employee chose it).
 * Returns {draft, record}, or {draft, needsSite: true} when no site could be chosen for the employee;
 * the draft then keeps the wish and the time of the first tap, which becomes the alert's time when it goes.
 * {draft, notSaved: true}: the phone could not store the alert (its storage full), so nothing will be sent.
 */
export async function raiseAlert({ version, language, site = null, agency = null }, now = new Date()) {
  let draft = (await listDrafts())[0];
  if (!draft) {
    if (!version) return { draft: null, noChecklist: true };
    draft = await startDraft(version, { language });
  }
  const code = site || draft.fields?.site || await chooseSite();
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
