/**
 * The outbox's state table, every phase × every event, allowed and refused: once as the
 * pure table, once through the real module functions on an in-memory IndexedDB.
 */
import { SHA, USER, readyDraft, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { db } from '../../pwa/src/db.js';
import {
  ABSENT, EVENTS, PHASES, amendAlertAgency, applyMove, applyResults, canMove, labelOwner, markPhotoLost, markPhotoRefused, markPhotoUploaded,
  forgetExpired, submitAnswer,
  goesOnItsOwn, markQueued, markSending, needsAttention, nextPhase, onlyOnThisPhone, phaseOf, reopenRejected, resultMove, withOutbox,
} from '../../pwa/src/outbox.js';
import { submitDraft } from '../../pwa/src/submit.js';
import { forgetSessionData } from '../../pwa/src/owner.js';

// The moves the phone may make, written out independently of outbox.js.
const ALLOWED = {
  submit: { absent: 'queued' },
  send: { queued: 'sending', sending: 'sending' },
  requeue: { sending: 'queued' },
  receipt: { sending: 'received', uploading: 'received' },
  receipt_photos_missing: { sending: 'uploading', uploading: 'uploading' },
  reject: { sending: 'rejected' },
  conflict: { sending: 'conflict' },
  photo_uploaded: { uploading: 'uploading' },
  photo_refused: { uploading: 'uploading' },
  photo_lost: { uploading: 'photo_problem' },
  reopen: { rejected: 'absent' },
  replace: { rejected: 'absent', conflict: 'absent' },
  amend_alert: { queued: 'queued' },
  forget: { received: 'absent' },
  expire: { received: 'absent', rejected: 'absent', conflict: 'absent' },
  label_owner: Object.fromEntries(PHASES.filter((p) => p !== 'absent').map((p) => [p, p])),
};
const RECEIPT = { received_at: '2026-11-21T18:18:37.812Z', sha256: SHA };

describe('the table', () => {
  test('lists exactly the expected events and phases', () => {
    assert.deepEqual([...EVENTS].sort(), Object.keys(ALLOWED).sort());
    assert.deepEqual([...PHASES].sort(),
      ['absent', 'conflict', 'photo_problem', 'queued', 'received', 'rejected', 'sending', 'uploading']);
  });

  for (const phase of PHASES) {
    for (const event of EVENTS) {
      const expected = ALLOWED[event][phase] ?? null;
      test(`${event} from ${phase} is ${expected === null ? 'refused' : `allowed, to ${expected}`}`, () => {
        assert.equal(nextPhase(phase, event), expected);
      });
    }
  }

  test('an unknown event or phase is refused, including inherited object keys', () => {
    for (const event of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'nope']) {
      for (const phase of [...PHASES, 'toString', '__proto__', undefined]) assert.equal(nextPhase(phase, event), null);
    }
    assert.equal(nextPhase('toString', 'send'), null);
  });

  test('only a receipt makes a report received, and only from a push under way or its photo upload', () => {
    for (const event of EVENTS) {
      for (const phase of PHASES) {
        const to = nextPhase(phase, event);
        if ((to === 'received' || to === 'uploading') && phase !== to) {
          assert.ok(event.startsWith('receipt'), `${event} from ${phase}`);
          assert.ok(['sending', 'uploading'].includes(phase), `${event} from ${phase}`);
        }
      }
    }
  });

  test('nothing leaves the phone before the server holds it whole or refused it: a complete receipt, a reopen, a '
    + 'replacement or the expiry of what was refused', () => {
    const deleting = PHASES.filter((p) => p !== ABSENT && EVENTS.some((e) => nextPhase(p, e) === ABSENT));
    assert.deepEqual(deleting.sort(), ['conflict', 'received', 'rejected']);
    for (const phase of ['conflict', 'rejected']) {
      assert.deepEqual(EVENTS.filter((e) => nextPhase(phase, e) === ABSENT).sort(),
        phase === 'rejected' ? ['expire', 'reopen', 'replace'] : ['expire', 'replace']);
    }
    assert.equal(nextPhase('uploading', 'forget'), null);
    assert.equal(nextPhase('photo_problem', 'forget'), null);
  });

  test('a conflict and a photo problem wait for a person: no event moves them elsewhere (a conflict only leaves)', () => {
    for (const phase of ['conflict', 'photo_problem']) {
      for (const event of EVENTS) assert.ok([null, phase, ABSENT].includes(nextPhase(phase, event)), `${event} from ${phase}`);
      if (phase === 'photo_problem') for (const event of EVENTS) assert.notEqual(nextPhase(phase, event), ABSENT);
    }
  });

  test('canMove reads the table the other way', () => {
    assert.ok(canMove('queued', 'sending'));
    assert.ok(canMove('rejected', ABSENT));
    assert.ok(!canMove('rejected', 'queued'));
    assert.ok(!canMove('received', 'queued'));
    assert.ok(!canMove('conflict', 'queued'));
  });

  test('a change that lands off the table is an error, not a silent write', () => {
    const record = { id: 'x', state: 'sending' };
    assert.throws(() => applyMove(record, 'reject', (r) => ({ ...r, state: 'received' })), /reject from sending must end rejected/);
    assert.equal(applyMove(record, 'forget', () => { throw new Error('not called'); }), null);
    assert.equal(applyMove(record, 'send', (r) => r), null, 'an unchanged record writes nothing');
  });
});

describe('phases of stored records', () => {
  test('a received report is uploading while photos are missing, a problem once one is refused', () => {
    assert.equal(phaseOf(undefined), ABSENT);
    assert.equal(phaseOf({ state: 'received' }), 'received');
    assert.equal(phaseOf({ state: 'received', photos_missing: [] }), 'uploading');
    assert.equal(phaseOf({ state: 'received', photos_missing: [SHA], photo_error: 'photo_lost' }), 'photo_problem');
    // Refused by the server under an older app: tried again (then kept as refused, the report going on).
    assert.equal(phaseOf({ state: 'received', photos_missing: [SHA], photo_error: 'too_large' }), 'uploading');
    assert.equal(phaseOf({ state: 'queued', photos_missing: [SHA] }), 'queued');
  });

  test('"on this phone only" is every unsent state and a received report whose photos are pending', () => {
    for (const state of ['queued', 'sending', 'rejected', 'conflict']) assert.ok(onlyOnThisPhone({ state }));
    assert.ok(!onlyOnThisPhone({ state: 'received', photos_pending: 0 }));
    assert.ok(onlyOnThisPhone({ state: 'received', photos_pending: 1 }));
  });

  test('only what waits for a connection goes on its own; a refused or conflicting item waits for the employee', () => {
    for (const state of ['queued', 'sending']) assert.ok(goesOnItsOwn({ state }) && !needsAttention({ state }));
    assert.ok(goesOnItsOwn({ state: 'received', photos_pending: 1 }));
    for (const state of ['rejected', 'conflict']) {
      assert.ok(!goesOnItsOwn({ state }), `${state}: not "will be sent when you are online"`);
      assert.ok(needsAttention({ state }));
    }
    assert.ok(!goesOnItsOwn({ state: 'received', photos_pending: 0 }));
  });

  test('each push result maps to its event', () => {
    assert.equal(resultMove({ status: 'accepted', receipt: RECEIPT })[0], 'receipt');
    assert.equal(resultMove({ status: 'duplicate', receipt: RECEIPT, missing_blobs: [] })[0], 'receipt');
    assert.equal(resultMove({ status: 'accepted', receipt: RECEIPT, missing_blobs: [SHA] })[0], 'receipt_photos_missing');
    assert.equal(resultMove({ status: 'rejected' })[0], 'reject');
    assert.equal(resultMove({ status: 'conflict' })[0], 'conflict');
    assert.equal(resultMove({ status: 'weird' }), null);
  });
});

/** A stored record in `phase` (its draft and one photo kept where the phase keeps them). */
async function recordIn(phase, changes = {}) {
  const draft = await readyDraft({ photos: [{ sha256: SHA, type: 'image/jpeg', size: 3 }] });
  const base = { id: draft.id, owner: USER.id, kind: 'encounter', schema_version: 1, attempts: 0,
    submitted_at: '2026-11-21T18:10:00.000Z', summary: { site: 'LAPL-CEN' }, body: { site: 'LAPL-CEN', photos: draft.photos },
    draft, photos_pending: 1, photos_missing: [SHA] };
  const byPhase = {
    queued: { ...base, state: 'queued' },
    sending: { ...base, state: 'sending', attempts: 1 },
    received: { id: base.id, owner: USER.id, kind: 'encounter', state: 'received', summary: base.summary, receipt: RECEIPT,
      photos_pending: 0 },
    uploading: { ...base, state: 'received', receipt: RECEIPT, draft: undefined },
    photo_problem: { ...base, state: 'received', receipt: RECEIPT, photo_error: 'photo_lost', draft: undefined },
    rejected: { ...base, state: 'rejected', errors: { site: ['unknown'] } },
    conflict: { ...base, state: 'conflict' },
  };
  if (phase !== ABSENT) await (await db()).put('outbox', { ...byPhase[phase], ...changes });
  return draft;
}

const FIRE = {
  submit: (id, draft) => submitDraft(draft),
  send: (id) => markSending([id]),
  requeue: (id) => markQueued([id], 'no network'),
  receipt: (id) => applyResults([{ index: 0, id, status: 'accepted', receipt: RECEIPT, missing_blobs: [] }]),
  receipt_photos_missing: (id) => applyResults([{ index: 0, id, status: 'duplicate', receipt: RECEIPT, missing_blobs: [SHA] }]),
  reject: (id) => applyResults([{ index: 0, id, status: 'rejected', errors: { site: ['x'] }, message: 'no' }]),
  conflict: (id) => applyResults([{ index: 0, id, status: 'conflict', message: 'taken' }]),
  photo_uploaded: (id) => markPhotoUploaded([id], SHA),
  photo_refused: (id) => markPhotoRefused([id], SHA, 'too_large'),
  photo_lost: (id) => markPhotoLost(id),
  // submitAnswer replaces refused answers only (a report is never replaced: the dedicated test below replaces one).
  replace: (id, draft) => submitAnswer({ followupId: 'q-1', reportId: draft.id, text: 'Again', owner: USER.id }),
  expire: async (id) => {
    const tx = (await db()).transaction(withOutbox(), 'readwrite');
    await Promise.all([forgetExpired(tx, [id]), tx.done]);
  },
  reopen: (id) => reopenRejected(id),
  amend_alert: (id) => amendAlertAgency(id, 'cbp'), // a report is never amended; alert.test.js amends an alert
  forget: () => forgetSessionData(),
  label_owner: async () => {
    const tx = (await db()).transaction(withOutbox(), 'readwrite');
    // Make the record look older than owners, then label it.
    await Promise.all([labelOwner(tx, 'someone'), tx.done]);
  },
};

describe('the module functions on a stored record', () => {
  beforeEach(async () => { await wipe(); await signIn(); });

  for (const phase of PHASES) {
    for (const event of EVENTS) {
      const expected = ALLOWED[event][phase] ?? null;
      test(`${event} on a ${phase} record ${expected === null ? 'leaves it as it was' : `makes it ${expected}`}`, async () => {
        // The record a replacement acts on is an answer to the question answered again.
        const draft = await recordIn(phase, event === 'replace' ? { kind: 'answer', summary: { followup_id: 'q-1' } } : {});
        const database = await db();
        if (event === 'label_owner' && phase !== ABSENT) {
          const { owner, ...old } = await database.get('outbox', draft.id);
          await database.put('outbox', old);
        }
        const before = await database.get('outbox', draft.id);
        await FIRE[event](draft.id, draft);
        const after = await database.get('outbox', draft.id);
        if (expected === null) {
          assert.deepEqual(after, before);
          return;
        }
        assert.equal(phaseOf(after), expected);
        if (event === 'reopen') assert.equal((await database.get('drafts', draft.id)).stage, 'report');
        if (event === 'receipt') assert.equal(after.body, undefined, 'a complete receipt drops the body');
        if (event === 'send') assert.equal(after.attempts, before.attempts + 1);
        if (event === 'photo_uploaded') assert.deepEqual(after.photos_missing, []);
        if (event === 'photo_refused') {
          assert.deepEqual(after.photos_missing, []);
          assert.deepEqual(after.photos_refused.map(({ sha256, n, reason }) => ({ sha256, n, reason })),
            [{ sha256: SHA, n: 1, reason: 'too_large' }]);
        }
        if (event === 'label_owner') assert.equal(after.owner, 'someone');
        if (event === 'submit') assert.equal(await database.get('drafts', draft.id), undefined);
      });
    }
  }
});
