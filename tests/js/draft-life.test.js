/**
 * A draft's life on the phone after the screens: a report the server refused comes back to drafts and
 * stays (reopening counts as touching it, so the expiry of abandoned drafts does not delete a report the
 * employee has just asked to fix, however long it waited in the outbox); a draft discarded takes with it
 * the photos only it held.
 */
import { answer, readyDraft, receiptFor, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { db } from '../../pwa/src/db.js';
import { RETRY_MS, deleteDraft, flushDrafts, loadDraft, saveDraft } from '../../pwa/src/drafts.js';
import { DEFAULTS, expireOld } from '../../pwa/src/expiry.js';
import { applyResults, markSending, reopenRejected, submitAlert } from '../../pwa/src/outbox.js';
import { submitDraft } from '../../pwa/src/submit.js';
import { getPhoto, photosInUse } from '../../pwa/src/photos.js';
import { SyncEngine } from '../../pwa/src/sync.js';

const DAY_MS = 86_400_000;

describe('reopenRejected', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  test('a report refused after waiting longer than draft_days survives the next expiry once reopened', async () => {
    const written = new Date(Date.now() - (DEFAULTS.draft_days + 6) * DAY_MS);
    const at = written.toISOString();
    // Last changed then, and submitted then (the stored copy is the one submitted).
    const draft = await readyDraft({ created_at: at, started_at: at, updated_at: at });
    await (await db()).put('drafts', draft);
    await submitDraft(draft, written);
    // Weeks later (the phone was offline, the token had expired): the server refuses it, and the employee taps "Fix".
    await markSending([draft.id]);
    await applyResults([{ index: 0, id: draft.id, status: 'rejected', errors: { body: { site: ['unknown'] } }, message: 'no' }]);
    assert.ok(await reopenRejected(draft.id));

    await expireOld(); // the sync right after, or the next start of the app

    const back = await loadDraft(draft.id);
    assert.ok(back, 'the reopened report was deleted as an abandoned draft');
    assert.equal(back.fields.site, draft.fields.site);
  });
});

describe('deleteDraft', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  test('a discarded draft takes its photos with it, but not one another draft still holds', async () => {
    const put = async (hash) => (await db()).put('photos', { sha256: hash, type: 'image/jpeg', size: 3, bytes: new ArrayBuffer(3) });
    const [own, shared] = ['c'.repeat(64), 'd'.repeat(64)];
    await put(own);
    await put(shared);
    const ref = (hash) => ({ sha256: hash, type: 'image/jpeg', size: 3 });
    const discarded = await readyDraft({ photos: [ref(own), ref(shared)] });
    const kept = await readyDraft({ id: 'a0b1c2d3-0000-4000-8000-000000000001', photos: [ref(shared)] });
    await (await db()).put('drafts', discarded);
    await (await db()).put('drafts', kept);

    await deleteDraft(discarded.id);

    assert.deepEqual(await (await db()).getAllKeys('photos'), [shared]);
    assert.equal(await loadDraft(discarded.id), undefined);
  });
});

describe('forgetPhotos', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  test('a photo the server confirmed for one report stays while an unsent draft holds the same picture', async () => {
    const photo = { sha256: 'e'.repeat(64), type: 'image/jpeg', size: 3 };
    await (await db()).put('photos', { ...photo, bytes: new ArrayBuffer(3) });
    const sent = await submitDraft(await readyDraft({ photos: [photo] }));
    // Touched now: a draft last touched at readyDraft's fixed date expired (draft_days) before the sync ended
    // once that date was draft_days behind the clock, and took the photo with it (the test failed from 2026-12-05).
    const waiting = await readyDraft({ id: 'a0b1c2d3-0000-4000-8000-000000000002', photos: [photo],
      updated_at: new Date().toISOString() });
    await (await db()).put('drafts', waiting);
    const fetchImpl = async (url, init) => (url.includes('/sync/push') ? answer(200, receiptFor(JSON.parse(init.body).items))
      : answer(200, { protocol: 1, changes: [], cursor: 'c', has_more: false }));

    await new SyncEngine({ fetchImpl }).syncNow('test');

    assert.equal((await (await db()).get('outbox', sent.id)).state, 'received');
    assert.ok(await getPhoto(photo.sha256), 'the waiting draft lost its photo');
    await deleteDraft(waiting.id);
    assert.deepEqual(await (await db()).getAllKeys('photos'), []);
  });

  test('photosInUse: drafts, unsent reports, and what received ones still lack', () => {
    const p = (c) => ({ sha256: c.repeat(64) });
    const used = photosInUse([{ photos: [p('a')] }], [
      { state: 'queued', body: { photos: [p('b')] } }, { state: 'rejected', draft: { photos: [p('c')] } },
      { state: 'received', photos_missing: ['d'.repeat(64)], body: { photos: [p('d'), p('f')] } },
      { state: 'received', receipt: {} }]);
    assert.deepEqual([...used].sort(), ['a', 'b', 'c', 'd'].map((c) => c.repeat(64)));
  });
});

/** Make the phone refuse writes to `store` as a full one does; returns the function that frees the space. */
function fillStorage(store) {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === store) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
  return () => { IDBObjectStore.prototype.put = put; };
}

/** A draft stored, then read by a screen that types `notes` while the phone refuses to store them; space freed after. */
async function storedThenRefused(notes) {
  const draft = await readyDraft();
  await saveDraft(draft);
  await flushDrafts();
  const form = await loadDraft(draft.id);
  const spaceFreed = fillStorage('drafts');
  try {
    await saveDraft({ ...form, fields: { ...form.fields, notes } });
    await flushDrafts();
  } finally {
    spaceFreed();
  }
  return draft;
}

describe('saveDraft', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  test('a save the phone refused is tried again on its own, so words typed before space was freed are kept', async () => {
    const draft = await readyDraft({ fields: { ...(await readyDraft()).fields, notes: 'Two agents at the north door' } });
    const spaceFreed = fillStorage('drafts');
    try {
      await saveDraft(draft);
      await flushDrafts();
      assert.equal(await (await db()).get('drafts', draft.id), undefined);
    } finally {
      spaceFreed(); // the employee types nothing more
    }

    await new Promise((done) => setTimeout(done, RETRY_MS[0] + 200));
    await flushDrafts();

    assert.equal((await loadDraft(draft.id))?.fields.notes, 'Two agents at the north door');
  });

  test('words the phone refused to store are kept when the next screen opens and saves where it is', async () => {
    const draft = await readyDraft();
    await saveDraft(draft);
    await flushDrafts();
    const form = await loadDraft(draft.id); // the report form's copy
    const spaceFreed = fillStorage('drafts');
    try {
      await saveDraft({ ...form, fields: { ...form.fields, notes: 'Two agents, badge 4411' } }); // typed; refused
      await flushDrafts();
      // The employee taps Review: the next screen reads the draft and notes where it is.
      const next = await loadDraft(draft.id);
      assert.equal(next.fields.notes, 'Two agents, badge 4411', 'the next screen shows the words typed');
      spaceFreed(); // a photo sent, its bytes dropped
      await saveDraft({ ...next, stage: 'review' });
      await flushDrafts();
    } finally {
      spaceFreed();
    }

    const stored = await (await db()).get('drafts', draft.id);
    assert.equal(stored.fields.notes, 'Two agents, badge 4411');
    assert.equal(stored.stage, 'review');
  });

  test("words the phone refused to store keep another tab's later change to another field", async () => {
    const draft = await storedThenRefused('typed in this tab');
    const stored = await (await db()).get('drafts', draft.id); // space freed: another tab stores a later change
    await (await db()).put('drafts', { ...stored, updated_at: new Date(Date.now() + 5000).toISOString(),
      fields: { ...stored.fields, area_type: 'private' } });

    const next = await loadDraft(draft.id); // this tab is told the draft changed and reads it again
    await saveDraft({ ...next, stage: 'review' });
    await flushDrafts();

    const after = await (await db()).get('drafts', draft.id);
    assert.equal(after.fields.notes, 'typed in this tab');
    assert.equal(after.fields.area_type, 'private', "the other tab's change was written over");
  });

  test('a draft refused here and discarded in another tab is not answered again', async () => {
    const draft = await storedThenRefused('typed');
    await (await db()).delete('drafts', draft.id); // discarded in another tab

    assert.equal(await loadDraft(draft.id), undefined);
  });

  test('words typed on a copy loaded before "Agents here now" was raised keep the alert\'s mark', async () => {
    const draft = await readyDraft();
    await saveDraft(draft);
    await flushDrafts();
    const record = await submitAlert(draft.id, { site: 'LAPL-CEN' }); // another tab: the mark goes on the stored draft

    await saveDraft({ ...draft, fields: { ...draft.fields, notes: 'Two agents at the north door' } }); // this tab's older copy
    await flushDrafts();

    const stored = await loadDraft(draft.id);
    assert.equal(stored.fields.notes, 'Two agents at the north door');
    assert.equal(stored.alert?.id, record.id, 'the keystroke took the alert\'s mark off the draft');
  });

  test('a screen saving where it is, on a copy read before another tab typed, keeps the other tab\'s words', async () => {
    const draft = await readyDraft();
    await saveDraft(draft);
    await flushDrafts();
    const read = await loadDraft(draft.id); // this tab's checklist screen reads the draft
    const other = { ...read, fields: { ...read.fields, notes: 'Two agents at the north door' } };
    await (await db()).put('drafts', other); // another tab types in the notes

    await saveDraft({ ...read, step_index: 3 }); // this tab's screen notes the step it opened at
    await flushDrafts();

    const stored = await loadDraft(draft.id);
    assert.equal(stored.fields.notes, 'Two agents at the north door', 'the other tab\'s words were taken back');
    assert.equal(stored.step_index, 3);
  });

  test('a draft discarded in another tab is not brought back by a save from this one, nor by its retry', async () => {
    const draft = await readyDraft();
    await saveDraft(draft);
    await flushDrafts();
    const read = await loadDraft(draft.id);
    await (await db()).delete('drafts', draft.id); // the other tab's Discard

    await saveDraft({ ...read, fields: { ...read.fields, notes: 'a late keystroke' } });
    await flushDrafts();

    assert.equal(await loadDraft(draft.id), undefined);
  });

  test('a draft discarded while its save waits to be tried again stays discarded', async () => {
    const draft = await readyDraft();
    const spaceFreed = fillStorage('drafts');
    try {
      await saveDraft(draft);
      await flushDrafts();
    } finally {
      spaceFreed();
    }
    await deleteDraft(draft.id);

    await new Promise((done) => setTimeout(done, RETRY_MS[0] + 200));
    await flushDrafts();

    assert.equal(await loadDraft(draft.id), undefined);
  });
});
