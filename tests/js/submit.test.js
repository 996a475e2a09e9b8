/**
 * Submit sends what the phone has stored, not the copy a screen loaded: a photo or a note saved
 * after the review was drawn (a photo still being prepared when Submit was tapped, another tab)
 * is in the report, not lost behind it.
 */
import { readyDraft, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { loadDraft, saveDraft } from '../../pwa/src/drafts.js';
import { getRecord } from '../../pwa/src/outbox.js';
import { TimePending, submitDraft } from '../../pwa/src/submit.js';

const PHOTO = { sha256: 'b'.repeat(64), type: 'image/jpeg', size: 1000 };

describe('submitDraft', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  test('submits the stored draft, with what was saved after the screen loaded its copy', async () => {
    const onScreen = await readyDraft();
    await saveDraft(onScreen);
    // Saved after the review loaded `onScreen`: a photo finished preparing, a note typed in another tab.
    await saveDraft({ ...onScreen, photos: [PHOTO], fields: { ...onScreen.fields, notes: 'They left at 10.' } });

    const record = await submitDraft({ ...onScreen, language: 'es' });

    assert.deepEqual(record.body.photos, [PHOTO]);
    assert.equal(record.body.notes, 'They left at 10.');
    assert.equal(record.body.language, 'es'); // the language Submit was tapped in
    assert.equal(record.photos_pending, 1);
    assert.deepEqual((await getRecord(onScreen.id)).body, record.body);
    assert.equal(await loadDraft(onScreen.id), undefined);
  });

  test('keeps none of the last rejection in the submitted draft', async () => {
    const draft = await readyDraft({ show_errors: true, rejected_errors: { body: { site: ['unknown'] } },
      rejected_reason: 'invalid', rejected_sensitive: [] });
    await saveDraft(draft);
    const record = await submitDraft(draft);
    for (const key of ['show_errors', 'rejected_errors', 'rejected_reason', 'rejected_sensitive']) {
      assert.equal(key in record.draft, false, key);
    }
  });

  test('submits the draft it is given when none is stored (queued by a test or a benchmark)', async () => {
    const draft = await readyDraft({ fields: { ...(await readyDraft()).fields, notes: 'only here' } });
    const record = await submitDraft(draft);
    assert.equal(record.body.notes, 'only here');
  });

  test('queues nothing while the stored draft keeps a time typed that is not one instant yet (another tab)', async () => {
    const onScreen = await readyDraft();
    await saveDraft(onScreen);
    // Typed in another tab after the review was drawn: the second 01:30, not yet chosen.
    await saveDraft({ ...onScreen, typed_times: { started_at: '2026-11-01T01:30' } });

    await assert.rejects(submitDraft(onScreen), TimePending);

    assert.equal(await getRecord(onScreen.id), undefined);
    assert.deepEqual((await loadDraft(onScreen.id)).typed_times, { started_at: '2026-11-01T01:30' });
  });
});
