// What the server refuses for good no longer stays on the phone for ever nor holds back the rest:
// a photo refused (413, 415, 403…) is kept on the phone, marked refused with the server's code, while the report's
// other photos go and the report is confirmed (src/sync.js, src/outbox.js); a refused answer leaves the phone on the
// answers' schedule and a new answer takes its place (src/expiry.js, src/outbox.js submitAnswer, src/questions.js).
import { SHA, USER, answer, readyDraft, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { db } from '../../pwa/src/db.js';
import { DEFAULTS, expireOld, expired } from '../../pwa/src/expiry.js';
import { applyResults, getRecord, listAnswers, markSending, photosToUpload, submitAnswer } from '../../pwa/src/outbox.js';
import { answerRewritable, waitingQuestions } from '../../pwa/src/questions.js';
import { submitDraft } from '../../pwa/src/submit.js';
import { SyncEngine } from '../../pwa/src/sync.js';

const DAY = 86_400_000;
const EMPTY_PULL = { protocol: 1, cursor: 'c', has_more: false, changes: [] };
const [BIG, OK, ALSO] = ['5'.repeat(64), '6'.repeat(64), '7'.repeat(64)];
const engine = (fetchImpl) => new SyncEngine({ fetchImpl, setTimer: () => 0, clearTimer: () => {} });

async function storePhoto(sha256) {
  await (await db()).put('photos', { sha256, type: 'image/jpeg', size: 3, bytes: new Uint8Array([1, 2, 3]).buffer, owner: USER.id });
}

/** A server that holds what was uploaded, refuses BIG with `status` for good, and lists the rest as missing. */
function server(status, reason) {
  const held = new Set();
  const calls = { puts: [], pushes: 0 };
  const fetchImpl = async (url, init) => {
    if (url.includes('/sync/push')) {
      calls.pushes += 1;
      const { items } = JSON.parse(init.body);
      return answer(200, { protocol: 1, results: items.map((item, index) => ({ index, id: item.id,
        status: calls.pushes === 1 ? 'accepted' : 'duplicate', receipt: { received_at: new Date().toISOString(), sha256: SHA },
        missing_blobs: (item.body.photos || []).map((p) => p.sha256).filter((h) => !held.has(h)) })) });
    }
    const put = url.match(/\/blobs\/([0-9a-f]{64})/);
    if (put) {
      calls.puts.push(put[1]);
      if (put[1] === BIG) return answer(status, { code: status, reason, message: 'the server says no, in English' });
      held.add(put[1]);
      return answer(201, { sha256: put[1] });
    }
    return answer(200, EMPTY_PULL);
  };
  return { fetchImpl, calls, held };
}

describe('a photo the server refuses for good', () => {
  beforeEach(async () => {
    await wipe();
    await signIn(USER);
  });

  for (const [status, reason] of [[413, 'too_large'], [415, 'unsupported_type'], [403, 'role'], [422, undefined]]) {
    test(`(${status}) is kept and marked refused; the report's other photos go and the report is confirmed`, async () => {
      for (const sha256 of [BIG, OK, ALSO]) await storePhoto(sha256);
      const draft = await readyDraft({ photos: [OK, BIG, ALSO].map((sha256) => ({ sha256, size: 3, type: 'image/jpeg' })) });
      await submitDraft(draft);
      const { fetchImpl, calls, held } = server(status, reason);

      await engine(fetchImpl).syncNow('test');

      assert.deepEqual([...held].sort(), [OK, ALSO].sort(), 'the photos after the refused one went too');
      const record = await getRecord(draft.id);
      assert.equal(record.state, 'received');
      assert.equal(record.photo_error, undefined, 'not a photo problem that stops the report');
      assert.equal(record.body, undefined, 'confirmed: the body left with the receipt');
      assert.equal(record.photos_pending, 0);
      assert.deepEqual(record.photos_refused.map(({ sha256, n, reason: why }) => ({ sha256, n, reason: why })),
        [{ sha256: BIG, n: 2, reason: reason || `http_${status}` }]);
      const stored = (await (await db()).getAllKeys('photos'));
      assert.deepEqual(stored, [BIG], 'the refused photo stays on the phone; the ones the server holds left');
      assert.deepEqual(await photosToUpload(), [], 'nothing left for the wipe order to wait on');

      // The next run neither uploads it again nor pushes the report again.
      const before = { puts: calls.puts.length, pushes: calls.pushes };
      await engine(fetchImpl).syncNow('again');
      assert.deepEqual({ puts: calls.puts.length, pushes: calls.pushes }, before);
      assert.equal(calls.puts.filter((h) => h === BIG).length, 1, 'asked once');
    });
  }

  test('marked a "photo problem" by an older app, the report is tried again and then goes on without it', async () => {
    for (const sha256 of [BIG, OK]) await storePhoto(sha256);
    const draft = await readyDraft({ photos: [BIG, OK].map((sha256) => ({ sha256, size: 3, type: 'image/jpeg' })) });
    const report = await submitDraft(draft);
    // As the older app left it: received, both photos missing, stopped at the first one's refusal.
    const { draft: _, ...rest } = await getRecord(report.id);
    await (await db()).put('outbox', { ...rest, state: 'received', receipt: { received_at: new Date().toISOString(), sha256: SHA },
      photos_missing: [BIG, OK], photos_pending: 2, photo_error: 'too_large' });
    const { fetchImpl, held } = server(413, 'too_large');
    await engine(fetchImpl).syncNow('test');
    const record = await getRecord(report.id);
    assert.deepEqual([...held], [OK]);
    assert.equal(record.body, undefined, 'confirmed');
    assert.equal(record.photo_error, undefined);
    assert.deepEqual(record.photos_refused.map((p) => p.sha256), [BIG]);
  });

  test('a refusal in transit (429, 503) is not a refusal for good: the photo is tried again', async () => {
    await storePhoto(BIG);
    const draft = await readyDraft({ photos: [{ sha256: BIG, size: 3, type: 'image/jpeg' }] });
    await submitDraft(draft);
    await engine(server(503, 'store_unavailable').fetchImpl).syncNow('test');
    const record = await getRecord(draft.id);
    assert.deepEqual(record.photos_missing, [BIG]);
    assert.equal(record.photos_refused, undefined);
  });

  test('leaves the phone with its report, on the report\'s days; a report whose photo is refused outlives a sign-out',
    async () => {
      await storePhoto(BIG);
      const draft = await readyDraft({ photos: [{ sha256: BIG, size: 3, type: 'image/jpeg' }] });
      await submitDraft(draft);
      await engine(server(413, 'too_large').fetchImpl).syncNow('test');
      const { forgetSessionData } = await import('../../pwa/src/owner.js');
      await forgetSessionData();
      assert.ok(await getRecord(draft.id), 'kept through a sign-out: the photo is nowhere else');

      await expireOld(Date.now() + (DEFAULTS.summary_days - 1) * DAY);
      assert.ok(await (await db()).get('photos', BIG));
      await expireOld(Date.now() + (DEFAULTS.summary_days + 1) * DAY);
      assert.equal(await getRecord(draft.id), undefined);
      assert.equal(await (await db()).get('photos', BIG), undefined, 'its bytes went with it');
    });
});

const Q = '5f0c6d2e-0000-4000-8000-00000000000a';
const question = { key: `message:${Q}`, kind: 'message', id: Q, data: { id: Q, report_id: 'r-1', question: 'Which door?' } };

async function refusedAnswer(result, text = 'He is undocumented') {
  const queued = await submitAnswer({ followupId: Q, reportId: 'r-1', text, owner: USER.id });
  await markSending([queued.id]);
  await applyResults([{ index: 0, id: queued.id, ...result }]);
  return getRecord(queued.id);
}
const SENSITIVE = { status: 'rejected', reason: 'sensitive_text', errors: { body: { text: ['x'] } },
  error_codes: { body: { text: [{ code: 'sensitive' }] } } };
const ANSWERED = { status: 'rejected', errors: { body: { followup_id: ['answered'] } },
  error_codes: { body: { followup_id: [{ code: 'answered' }] } } };

describe('a refused answer', () => {
  beforeEach(async () => {
    await wipe();
    await signIn(USER);
  });

  test('leaves the phone answer_days after the refusal, as a received answer after its receipt', async () => {
    const refused = await refusedAnswer(SENSITIVE);
    const at = Date.parse(refused.refused_at);
    assert.ok(Number.isFinite(at));
    assert.deepEqual(expired({ outbox: [refused] }, at + (DEFAULTS.answer_days - 1) * DAY, DEFAULTS).outbox, []);
    assert.deepEqual(expired({ outbox: [refused] }, at + (DEFAULTS.answer_days + 1) * DAY, DEFAULTS).outbox, [refused.id]);
    await expireOld(at + (DEFAULTS.answer_days + 1) * DAY);
    assert.deepEqual(await listAnswers(), []);
  });

  test('refused before refused_at was kept: from its last push', () => {
    const old = { id: 'a-1', kind: 'answer', state: 'conflict', last_attempt_at: '2026-11-01T00:00:00Z', submitted_at: '2026-10-01T00:00:00Z' };
    const at = Date.parse(old.last_attempt_at);
    assert.deepEqual(expired({ outbox: [old] }, at + (DEFAULTS.answer_days + 1) * DAY, DEFAULTS).outbox, ['a-1']);
  });

  test('a refused report never expires: the employee fixes it', () => {
    const report = { id: 'r-1', kind: 'encounter', state: 'rejected', refused_at: '2026-01-01T00:00:00Z', last_attempt_at: '2026-01-01T00:00:00Z' };
    assert.deepEqual(expired({ outbox: [report] }, Date.parse('2027-01-01T00:00:00Z'), DEFAULTS).outbox, []);
  });

  test('for its words is replaced by the new answer (a new id): one answer under the question, on its way', async () => {
    const refused = await refusedAnswer(SENSITIVE);
    assert.ok(answerRewritable(refused));
    assert.deepEqual(waitingQuestions([question], await listAnswers()).map((q) => q.data.id), [Q], 'still waits');
    const again = await submitAnswer({ followupId: Q, reportId: 'r-1', text: 'The staff door.', owner: USER.id });
    assert.notEqual(again.id, refused.id);
    assert.equal(again.already, false);
    const answers = await listAnswers();
    assert.deepEqual(answers.map((a) => [a.id, a.state]), [[again.id, 'queued']]);
  });

  test('for its question (answered already, not one of theirs) cannot be written again', async () => {
    assert.equal(answerRewritable(await refusedAnswer(ANSWERED)), false);
    assert.equal(answerRewritable({ kind: 'answer', state: 'rejected', errors: { body: { followup_id: ['is not a question'] } } }), false);
    assert.equal(answerRewritable({ kind: 'answer', state: 'conflict' }), true, 'an id taken: a new id goes');
    assert.equal(answerRewritable({ kind: 'answer', state: 'queued' }), false);
  });
});

describe('a refused alert', () => {
  const alert = { id: 'al-1', kind: 'alert', state: 'rejected', refused_at: '2026-11-01T00:00:00Z' };
  const at = Date.parse(alert.refused_at);

  test('leaves the phone summary_days after the refusal once its encounter\'s draft is gone', () => {
    assert.deepEqual(expired({ outbox: [alert] }, at + (DEFAULTS.summary_days - 1) * DAY, DEFAULTS).outbox, []);
    assert.deepEqual(expired({ outbox: [alert] }, at + (DEFAULTS.summary_days + 1) * DAY, DEFAULTS).outbox, ['al-1']);
    const conflict = { ...alert, state: 'conflict', refused_at: undefined, last_attempt_at: alert.refused_at };
    assert.deepEqual(expired({ outbox: [conflict] }, at + (DEFAULTS.summary_days + 1) * DAY, DEFAULTS).outbox, ['al-1']);
  });

  test('stays while its draft does: the checklist still says it was refused, with Try again', () => {
    const draft = { id: 'd-1', alert: { id: 'al-1' }, updated_at: new Date(at + 40 * DAY).toISOString() };
    const now = at + 41 * DAY;
    assert.deepEqual(expired({ outbox: [alert], drafts: [draft] }, now, DEFAULTS).outbox, []);
    assert.deepEqual(expired({ outbox: [alert], drafts: [{ ...draft, alert: { id: 'other' } }] }, now, DEFAULTS).outbox, ['al-1']);
  });

  test('an alert still queued never expires', () => {
    const queued = { id: 'al-2', kind: 'alert', state: 'queued', submitted_at: '2026-01-01T00:00:00Z' };
    assert.deepEqual(expired({ outbox: [queued] }, Date.parse('2027-01-01T00:00:00Z'), DEFAULTS).outbox, []);
  });
});
