/**
 * Which of the liaison's questions still wait for an answer from this phone, in what order, and the route
 * Home's badge takes to the first of them (My reports opened at that question).
 */
import './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answeredAt, questionHash, refusedAsAnswered, waitingQuestions } from '../../pwa/src/questions.js';
import { match } from '../../pwa/src/router.js';

const Q1 = '5f0c6d2e-0000-4000-8000-000000000001';
const Q2 = '5f0c6d2e-0000-4000-8000-000000000002';
const Q3 = '5f0c6d2e-0000-4000-8000-000000000003';

/** A question as a pull stores it in the updates store. */
const question = (id, askedAt, extra = {}) => ({ key: `message:${id}`, kind: 'message', id, stored_at: askedAt,
  data: { id, report_id: 'r-1', question: `Question ${id}?`, asked_at: askedAt, asked_by: 'Liaison.A' }, ...extra });

/** An answer to question `followupId` as the outbox holds it. */
const answer = (followupId, state) => ({ id: `a-${followupId}-${state}`, kind: 'answer', state,
  summary: { followup_id: followupId, report_id: 'r-1', text: 'The staff door.' } });

const ids = (list) => list.map((u) => u.data.id);

describe('questions waiting for an answer', () => {
  test('are listed oldest asked first, whatever order the phone stored them in', () => {
    const updates = [question(Q2, '2026-12-05T10:00:00Z'), question(Q3, '2026-12-05T11:00:00Z'),
      question(Q1, '2026-12-05T09:00:00Z')];
    assert.deepEqual(ids(waitingQuestions(updates, [])), [Q1, Q2, Q3]);
  });

  test('are ordered by the time asked, not by how the server wrote it', () => {
    const updates = [question(Q1, '2026-12-05T10:30:00+01:00'), question(Q2, '2026-12-05T09:45:00Z')];
    assert.deepEqual(ids(waitingQuestions(updates, [])), [Q1, Q2], '09:30 UTC comes before 09:45 UTC');
  });

  test('a question without its time asked comes after those with one', () => {
    const undated = question(Q1, undefined);
    delete undated.stored_at;
    assert.deepEqual(ids(waitingQuestions([undated, question(Q2, '2026-12-05T10:00:00Z')], [])), [Q2, Q1]);
  });

  for (const state of ['queued', 'sending', 'received']) {
    test(`an answer ${state} takes its question off the list`, () => {
      const updates = [question(Q1, '2026-12-05T09:00:00Z'), question(Q2, '2026-12-05T10:00:00Z')];
      assert.deepEqual(ids(waitingQuestions(updates, [answer(Q1, state)])), [Q2]);
    });
  }

  for (const state of ['rejected', 'conflict']) {
    test(`an answer ${state} by the server leaves its question waiting`, () => {
      assert.deepEqual(ids(waitingQuestions([question(Q1, '2026-12-05T09:00:00Z')], [answer(Q1, state)])), [Q1]);
    });
  }

  test('a question the server says is answered is off the list, with no answer in this outbox', () => {
    // Signed out and in again, or another phone: the outbox is empty, the pull says the answer stands.
    const answered = question(Q1, '2026-12-05T09:00:00Z');
    answered.data.answered_at = '2026-12-05T09:30:00Z';
    const updates = [answered, question(Q2, '2026-12-05T10:00:00Z')];
    assert.deepEqual(ids(waitingQuestions(updates, [])), [Q2]);
    assert.deepEqual(ids(waitingQuestions(updates, [answer(Q1, 'rejected')])), [Q2], 'a second answer refused');
    assert.equal(answeredAt(answered), '2026-12-05T09:30:00Z');
    assert.equal(answeredAt(updates[1]), null);
    assert.equal(answeredAt({ kind: 'report_status', data: { answered_at: '2026-12-05T09:30:00Z' } }), null);
  });

  test("an answer refused because the question already had one is told apart from other refusals", () => {
    const refused = (code) => ({ ...answer(Q1, 'rejected'), error_codes: { body: { followup_id: [{ code, params: {} }] } } });
    assert.equal(refusedAsAnswered(refused('answered')), true);
    assert.equal(refusedAsAnswered(refused('not_found')), false);
    assert.equal(refusedAsAnswered(answer(Q1, 'rejected')), false, 'an older server: no codes');
    assert.equal(refusedAsAnswered({ ...refused('answered'), state: 'received' }), false);
  });

  test('status changes, plain messages, reports and alerts are not questions or answers', () => {
    const updates = [
      { key: 'report_status:s1', kind: 'report_status', id: 's1', data: { report_id: 'r-1', status: 'acknowledged' } },
      { key: 'message:m1', kind: 'message', id: 'm1', data: { id: 'm1', report_id: 'r-1', text: 'Thank you.' } },
      question(Q1, '2026-12-05T09:00:00Z'),
    ];
    const records = [{ id: Q1, kind: 'encounter', state: 'received', summary: {} },
      { id: 'al-1', kind: 'alert', state: 'queued', summary: { followup_id: Q1 } }];
    assert.deepEqual(ids(waitingQuestions(updates, records)), [Q1]);
  });
});

describe("the badge's route", () => {
  test('opens My reports at the question it names', () => {
    const plain = match('#/reports');
    const opened = match(questionHash(Q1));
    assert.equal(opened.screen, plain.screen, 'the same screen as #/reports');
    assert.equal(opened.needsSession, true);
    assert.deepEqual(opened.params, { question: Q1 });
    assert.deepEqual(plain.params, {}, '#/reports alone opens at the top');
  });
});
