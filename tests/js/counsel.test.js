/** The phone's side of counsel's warrant check: early document shares and the pulled answer (src/counsel.js). */
import { USER, answer, readyDraft, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

const { db } = await import('../../pwa/src/db.js');
const counsel = await import('../../pwa/src/counsel.js');
const { t } = await import('../../pwa/src/i18n.js');
const { default: vocabulary } = await import('../../pwa/src/rules/vocabulary.json', { with: { type: 'json' } });

const SHA = 'b'.repeat(64);
const PHOTO = { sha256: SHA, size: 3, type: 'image/jpeg' };
let requests = [];
let documentAnswer = () => answer(201, { encounter_id: 'x', sha256: SHA });

/** A fake server: photo uploads succeed, document shares answer `documentAnswer()`. */
globalThis.fetch = async (url, init = {}) => {
  requests.push({ url: String(url), method: init.method, body: init.body });
  if (String(url).includes('/blobs/')) return answer(201, { sha256: SHA, size: 3, content_type: 'image/jpeg' });
  return documentAnswer();
};

async function alertDraft(overrides = {}) {
  const draft = await readyDraft({ id: 'enc-1', alert: { id: 'alert-1', queued_at: '2026-11-21T18:00:00Z' }, ...overrides });
  const database = await db();
  await database.put('drafts', draft);
  await database.put('photos', { ...PHOTO, bytes: new Uint8Array([1, 2, 3]).buffer, owner: USER.id });
  return draft;
}

const shares = async () => (await db()).getAll('shares');

describe('sharing a document with counsel', () => {
  beforeEach(async () => {
    await wipe();
    await signIn();
    requests = [];
    documentAnswer = () => answer(201, { encounter_id: 'enc-1', sha256: SHA });
  });

  test('a draft without an alert shares nothing', async () => {
    const draft = await alertDraft({ alert: undefined });
    assert.equal(await counsel.shareDocumentNow(draft, PHOTO), false);
    assert.deepEqual(await shares(), []);
    assert.deepEqual(requests, []);
  });

  test('with an alert the photo is uploaded, then linked to the encounter with its site', async () => {
    const draft = await alertDraft();
    assert.equal(await counsel.shareDocumentNow(draft, PHOTO), true);
    await counsel.retryShares();
    assert.deepEqual(requests.map((r) => `${r.method} ${r.url}`),
      [`PUT /api/v1/blobs/${SHA}`, `PUT /api/v1/encounters/enc-1/documents/${SHA}`]);
    assert.equal(JSON.parse(requests[1].body).site, 'LAPL-CEN');
    assert.equal(await counsel.shareState('enc-1'), 'sent');
    // The photo stays on the phone for the report, which references it as usual.
    assert.ok(await (await db()).get('photos', SHA));
  });

  test('sharing the same page twice keeps one share', async () => {
    const draft = await alertDraft();
    await counsel.shareDocumentNow(draft, PHOTO);
    await counsel.shareDocumentNow(draft, PHOTO);
    await counsel.retryShares();
    assert.equal((await shares()).length, 1);
  });

  test('offline the share waits, and goes when the server answers again', async () => {
    const draft = await alertDraft();
    documentAnswer = () => { throw new TypeError('Failed to fetch'); };
    await counsel.shareDocumentNow(draft, PHOTO);
    await counsel.retryShares();
    assert.equal(await counsel.shareState('enc-1'), 'pending');
    documentAnswer = () => answer(200, { encounter_id: 'enc-1', sha256: SHA });
    await counsel.retryShares();
    assert.equal(await counsel.shareState('enc-1'), 'sent');
  });

  test('when the report arrived first the share is dropped', async () => {
    const draft = await alertDraft();
    documentAnswer = () => answer(409, { code: 409, message: 'closed', reason: 'encounter_closed' });
    await counsel.shareDocumentNow(draft, PHOTO);
    await counsel.retryShares();
    assert.deepEqual(await shares(), []);
  });
});

describe("counsel's answer", () => {
  beforeEach(async () => {
    await wipe();
    await signIn();
  });

  test('is read from the pulled news of the encounter, and unknown verdicts are ignored', async () => {
    assert.equal(await counsel.counselAnswer('enc-1'), null);
    const put = (data) => db().then((d) => d.put('updates', { key: 'counsel_answer:enc-1', kind: 'counsel_answer',
      id: 'enc-1', op: 'upsert', data }));
    await put({ encounter_id: 'enc-1', verdict: 'administrative', note: 'Do not consent.', answered_at: '2026-11-21T18:09:00Z' });
    assert.deepEqual(await counsel.counselAnswer('enc-1'),
      { verdict: 'administrative', note: 'Do not consent.', answered_at: '2026-11-21T18:09:00Z' });
    await put({ encounter_id: 'enc-1', verdict: 'maybe' });
    assert.equal(await counsel.counselAnswer('enc-1'), null);
  });

  test('where the share stands is told in words, and nothing when the document was never shared', () => {
    assert.equal(counsel.shareStateView(null, t), counsel.counselAnswerView(null, t));
    for (const state of ['pending', 'sent', 'refused']) {
      assert.ok(counsel.shareStateView(state, t).values.includes(t(`counsel.share.${state}`)), state);
      assert.notEqual(t(`counsel.share.${state}`), `counsel.share.${state}`);
    }
  });

  test('the view shows nothing without an answer and the verdict in words with one', () => {
    assert.equal(counsel.counselAnswerView(null, t), counsel.counselAnswerView(undefined, t));
    const view = counsel.counselAnswerView({ verdict: 'judicial', note: null, answered_at: null }, t);
    assert.ok(view.values.some((v) => v === t('counsel.verdict.judicial')));
    // The English words are the vocabulary's (encounter/vocabulary.py VERDICT_TEXT, exported).
    for (const [verdict, text] of Object.entries(vocabulary.verdict_text)) {
      assert.equal(t(`counsel.verdict.${verdict}`).toLowerCase(), text.toLowerCase(), verdict);
    }
  });
});
