/**
 * What a page had typed but not yet written to IndexedDB when it was closed or killed: each save is kept in
 * localStorage until IndexedDB has it, and the next start writes it through the same checks as any save (never a
 * draft submitted or discarded meanwhile, never over a later save from another tab).
 */
import { readyDraft, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

// The phone's localStorage, in place before drafts.js reads it (the other modules import drafts.js: imported after).
const kept = {};
Object.defineProperties(kept, {
  setItem: { value: (key, value) => { kept[key] = String(value); } },
  removeItem: { value: (key) => { delete kept[key]; } },
});
globalThis.localStorage = kept;
const { db } = await import('../../pwa/src/db.js');
const { deleteDraft, flushDrafts, saveDraft } = await import('../../pwa/src/drafts.js');
const { submitDraft } = await import('../../pwa/src/submit.js');
const { DEFAULTS, expireOld } = await import('../../pwa/src/expiry.js');

const KEY = 'unsaved-draft:';
const WORDS = 'Two agents at the north door';
let starts = 0;

/** The app started again (a new page): a fresh drafts.js module, which first writes what the last page kept. */
async function nextStart() {
  starts += 1;
  const fresh = await import(`../../pwa/src/drafts.js?start=${starts}`);
  await fresh.flushDrafts();
  return fresh;
}

/** What the page keeps for `copy` as it saves it: the copy this tab last read or wrote, and the copy. */
function keep(base, copy) {
  kept.setItem(KEY + copy.id, JSON.stringify([base, copy]));
}

/**
 * Storage holding `stored` (none: null), the last page having kept `copy` (measured against `base`): the app starts
 * again; the draft as stored then.
 */
async function startAgain({ stored: before = null, base = null, copy }) {
  if (before) await (await db()).put('drafts', before);
  keep(base, copy);
  const fresh = await nextStart();
  assert.deepEqual(Object.keys(kept), [], 'the kept copy is let go once written or refused');
  return fresh.loadDraft(copy.id);
}

const later = (draft, minutes) => new Date(Date.parse(draft.updated_at) + minutes * 60_000).toISOString();
const withNotes = (draft, notes, minutes) => ({ ...draft, updated_at: later(draft, minutes),
  fields: { ...draft.fields, notes } });
const stored = async (id) => (await db()).get('drafts', id);
const DAY_MS = 86_400_000;

/** The phone refusing every draft write (storage full) while `run` runs. */
async function refusingDrafts(run) {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === 'drafts') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
  try {
    return await run();
  } finally {
    IDBObjectStore.prototype.put = put;
  }
}

describe('a save kept until written', () => {
  beforeEach(async () => {
    await wipe();
    await signIn();
    for (const key of Object.keys(kept)) delete kept[key];
  });

  test('a save is kept at once, and let go once IndexedDB has it', async () => {
    const draft = withNotes(await readyDraft(), WORDS, 0);
    const saving = saveDraft(draft);
    assert.equal(JSON.parse(kept[KEY + draft.id])[1].fields.notes, WORDS);
    await saving;
    await flushDrafts();
    assert.equal((await stored(draft.id)).fields.notes, WORDS);
    assert.deepEqual(Object.keys(kept), []);
  });

  test('words a closed page had not written yet are in the draft on the next start', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0);
    const back = await startAgain({ stored: draft, base: draft, copy: withNotes(draft, WORDS, 1) });
    assert.equal(back.fields.notes, WORDS);
  });

  test('a new encounter whose first save had not landed is there on the next start', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0);
    assert.equal((await startAgain({ copy: draft }))?.fields.notes, 'Two agents');
  });

  test('a kept copy the phone refuses again on the next start stays kept for the start after', async () => {
    const draft = withNotes(await readyDraft(), WORDS, 0);
    keep(null, draft);
    await refusingDrafts(nextStart); // the phone still full
    assert.deepEqual(Object.keys(kept), [KEY + draft.id]);
    assert.equal((await (await nextStart()).loadDraft(draft.id))?.fields.notes, WORDS);
  });

  test('a kept copy of a report submitted since does not come back as a draft', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0);
    await (await db()).put('drafts', draft);
    await submitDraft(draft); // another tab submitted it
    assert.equal(await startAgain({ base: draft, copy: withNotes(draft, WORDS, 1) }), undefined);
  });

  test('a kept copy of a draft discarded since does not bring it back', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0); // this tab had it; another tab discarded it
    assert.equal(await startAgain({ base: draft, copy: withNotes(draft, WORDS, 1) }), undefined);
  });

  test('a draft discarded here after a save the phone refused stays discarded on the next start', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0);
    keep(null, draft); // kept as typed; IndexedDB refused it
    await deleteDraft(draft.id);
    await nextStart();
    assert.equal(await stored(draft.id), undefined);
  });

  test('a kept copy older than what another tab saved since is let go, the later words kept', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0);
    const back = await startAgain({ stored: withNotes(draft, `${WORDS}, one masked`, 2), base: draft,
      copy: withNotes(draft, 'Two agents at', 1) });
    assert.equal(back.fields.notes, `${WORDS}, one masked`);
  });

  test('a kept copy\'s words stay when another tab saved a later change to another field', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0); // Home's "add agency" came after the last keystroke
    const other = { ...draft, updated_at: later(draft, 2), fields: { ...draft.fields, agencies: ['cbp'] } };
    const back = await startAgain({ stored: other, base: draft, copy: withNotes(draft, WORDS, 1) });
    assert.equal(back.fields.notes, WORDS);
    assert.deepEqual(back.fields.agencies, ['cbp']);
  });

  test('a kept copy keeps what another tab wrote in a field this page did not change', async () => {
    const draft = withNotes(await readyDraft(), 'Two agents', 0);
    const other = { ...draft, updated_at: later(draft, 1), fields: { ...draft.fields, agencies: ['cbp'] } };
    const back = await startAgain({ stored: other, base: draft, copy: withNotes(draft, WORDS, 2) });
    assert.equal(back.fields.notes, WORDS);
    assert.deepEqual(back.fields.agencies, ['cbp']);
  });

  test('a kept copy the phone keeps refusing leaves with the drafts\' days, its words no longer on the phone', async () => {
    const now = Date.now();
    const old = { ...(await readyDraft()), updated_at: new Date(now - (DEFAULTS.draft_days + 1) * DAY_MS).toISOString(),
      fields: { notes: WORDS } };
    const recent = { ...(await readyDraft()), updated_at: new Date(now - DAY_MS).toISOString(),
      fields: { notes: 'Two agents' } };
    keep(null, old);
    keep(null, recent);
    await refusingDrafts(async () => {
      await nextStart(); // both refused again: both kept
      assert.equal(Object.keys(kept).length, 2);
      await expireOld(now);
    });
    assert.deepEqual(Object.keys(kept), [KEY + recent.id], 'only the draft untouched for longer than its days goes');
    assert.ok(!Object.values(kept).some((text) => text.includes(WORDS)));
  });
});
