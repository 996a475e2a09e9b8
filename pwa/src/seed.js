/**
 * Entry for browser tests and benchmarks only (built to dist/seed.js, never precached or
 * loaded by the app): put reports into the outbox through outbox.js, exactly as Submit does,
 * so a test never writes a hand-made copy of the outbox's record. Imported from the page:
 * `const seed = await import('/seed.js')`.
 */
import { html, render } from 'lit-html';
import { counselAnswer, counselAnswerView, retryShares, shareDocumentNow, shareState, shareStateView } from './counsel.js';
import { currentVersion, flushDrafts, saveDraft } from './drafts.js';
import { t } from './i18n.js';
import { currentOwner } from './owner.js';
import { submitDraft } from './outbox.js';
import { addPhoto } from './photos.js';
import { draftFromBody, newDraft } from './report.js';
import { uuid } from './uuid.js';

/** Queue report bodies as the signed-in user's submitted reports; returns their outbox records. */
export async function queueReports(bodies, ids = []) {
  const owner = await currentOwner();
  const records = [];
  for (const [i, body] of bodies.entries()) {
    const draft = draftFromBody(body, ids[i] ? { id: ids[i], owner } : { owner });
    records.push(await submitDraft(draft));
  }
  return records;
}

// counsel (issue 11): the document step's calls, for the browser test while the checklist screen
// (another branch) does not call them yet. Test-only: never loaded by the app.

/** Start an encounter with an alert at `site`, photograph a drawn "document", share it as the document step does. */
export async function shareDocumentPhoto(site) {
  const owner = await currentOwner();
  const draft = { ...newDraft(await currentVersion(), { owner }), alert: { id: uuid(), queued_at: new Date().toISOString() } };
  draft.fields.site = site;
  await saveDraft(draft);
  await flushDrafts();
  const canvas = new OffscreenCanvas(120, 80);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 120, 80);
  context.fillStyle = '#000';
  context.fillText('WARRANT', 10, 40);
  const photo = await addPhoto(await canvas.convertToBlob({ type: 'image/png' }), owner);
  const withPhoto = { ...draft, photos: [photo] };
  await saveDraft(withPhoto);
  await flushDrafts();
  const queued = await shareDocumentNow(withPhoto, photo);
  return { draftId: draft.id, sha256: photo.sha256, queued, waiting: await retryShares() };
}

/** Show counsel's answer for a draft (or, before it, where the share stands) as the document step would, in a box of its own. */
export async function showCounselAnswer(draftId) {
  let box = document.getElementById('counsel-answer-test');
  if (!box) {
    box = Object.assign(document.createElement('div'), { id: 'counsel-answer-test' });
    document.body.append(box);
  }
  const answer = await counselAnswer(draftId);
  const waiting = answer ? null : await shareState(draftId);
  render(html`${shareStateView(waiting, t)}${counselAnswerView(answer, t)}`, box);
  return answer;
}
