/**
 * Issue 11 on the phone: whom a step's buttons call (contacts.js), the tap guard after a step appears,
 * and the words of my answers to a liaison kept after the receipt.
 */
import { answer, receiptFor, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

const { CONTACT_ROLES, callLinks, callPlan, callSite, contactsFor, emergencyCall } = await import('../../pwa/src/contacts.js');
const { GUARD_MS, tapGuard } = await import('../../pwa/src/components/tap-guard.js');

const SITE = { code: 'central', name: 'Central Library', contacts: {
  site: '+12135550100', site_lead: '+12135550101', liaison: '+12135550102', counsel: null, after_hours: '+12135550104' } };
const t = (key) => `[${key}]`;

describe('contacts', () => {
  test('every number the site record holds, in the core\'s order, none invented', () => {
    assert.deepEqual(contactsFor(SITE).map((c) => c.who), ['site', 'site_lead', 'liaison', 'after_hours']);
    assert.deepEqual(CONTACT_ROLES, ['site', 'site_lead', 'liaison', 'counsel', 'after_hours']);
  });

  test('a step\'s list picks whom to call in its own order and leaves out who has no number', () => {
    assert.deepEqual(contactsFor(SITE, ['liaison', 'site_lead', 'counsel']),
      [{ who: 'liaison', tel: '+12135550102' }, { who: 'site_lead', tel: '+12135550101' }]);
  });

  test('unknown roles, repeats, malformed numbers and a missing site give no button', () => {
    const odd = { contacts: { site_lead: 'call Maria', liaison: '+1 (213) 555-0102', counsel: '' } };
    assert.deepEqual(contactsFor(odd, ['mayor', 'liaison', 'liaison', 'site_lead', 'counsel']),
      [{ who: 'liaison', tel: '+12135550102' }]);
    assert.deepEqual(contactsFor(null, ['site_lead']), []);
    assert.deepEqual(contactsFor({}), []);
  });

  test('before a site is chosen, only the department\'s numbers are offered', () => {
    const site = callSite([SITE], '');
    assert.deepEqual(contactsFor(site).map((c) => c.who), ['liaison', 'after_hours']);
    assert.equal(callSite([SITE], 'central'), SITE);
    assert.equal(callSite([], ''), null);
  });

  test('each button is a tel: link saying whom it reaches and showing the number', () => {
    const links = callLinks(contactsFor(SITE, ['site_lead']), t);
    assert.deepEqual(links, [{ who: 'site_lead', href: 'tel:+12135550101', label: '[call.site_lead]', number: '(213) 555-0101' }]);
  });
});

describe('the emergency number', () => {
  test('a step naming it rings 911, with no site, no sync and no site record at all', () => {
    assert.deepEqual(emergencyCall(['emergency']), { who: 'emergency', tel: '911' });
    assert.deepEqual(callPlan(['emergency'], [], ''), { emergency: { who: 'emergency', tel: '911' }, contacts: [], say: null });
    assert.equal(emergencyCall(['site_lead', 'counsel']), null);
    assert.equal(emergencyCall(null), null);
  });

  test('its button says "Call 911", dials tel:911 and never comes from a site\'s numbers', () => {
    const [link] = callLinks([emergencyCall(['site_lead', 'emergency'])], (key, params) => `[${key} ${params?.number}]`);
    assert.deepEqual(link, { who: 'emergency', href: 'tel:911', label: '[call.emergency 911]', number: '' });
    const faked = { contacts: { ...SITE.contacts, emergency: '+12135550199' } };
    assert.deepEqual(contactsFor(faked, ['emergency']), []);
  });
});

describe('a call step says one thing in each state', () => {
  const NO_LIAISON = { ...SITE, contacts: { ...SITE.contacts, liaison: null } };
  const BARE = { code: 'annex', name: 'Annex', contacts: { site: null, site_lead: null, liaison: null, counsel: null, after_hours: null } };

  test('no site chosen: choose the site, never "no number yet" beside it', () => {
    const plan = callPlan(['site_lead'], [NO_LIAISON], '');
    assert.deepEqual(plan, { emergency: null, contacts: [], say: 'choose_site' });
    // The department's numbers known so far are offered while the site waits.
    assert.deepEqual(callPlan(['site_lead', 'liaison'], [SITE], '').contacts.map((c) => c.who), ['liaison']);
    assert.equal(callPlan(['emergency', 'site_lead'], [SITE], '').say, 'choose_site');
  });

  test('a site chosen that has no number for the step: "no number yet"', () => {
    assert.deepEqual(callPlan(['site_lead', 'liaison'], [BARE], 'annex'), { emergency: null, contacts: [], say: 'none' });
  });

  test('numbers known: only the buttons', () => {
    const plan = callPlan(['site_lead', 'liaison'], [NO_LIAISON], 'central');
    assert.deepEqual(plan.contacts.map((c) => c.who), ['site_lead']);
    assert.equal(plan.say, null);
  });

  test('nothing synced yet: no site to choose, so "no number yet"; the department\'s missing number too', () => {
    assert.equal(callPlan(['site_lead'], [], '').say, 'none');
    assert.equal(callPlan(['liaison'], [NO_LIAISON], '').say, 'none');
  });
});

describe('tap guard', () => {
  test('a second tap 120 ms after the first, on the step that just appeared, is ignored', () => {
    const shownAt = 10_000;
    const guard = tapGuard(shownAt);
    assert.equal(guard.accepts(shownAt + 120), false);
    assert.equal(guard.accepts(shownAt + GUARD_MS - 1), false);
  });

  test('a tap once the step has been there about 400 ms is taken', () => {
    const guard = tapGuard(500);
    assert.equal(GUARD_MS, 400);
    assert.equal(guard.accepts(500 + GUARD_MS), true);
    assert.equal(guard.accepts(5_000), true);
  });
});

describe('my answers to a liaison', async () => {
  const { listAnswers, submitAnswer } = await import('../../pwa/src/outbox.js');
  const { SyncEngine } = await import('../../pwa/src/sync.js');
  const { DEFAULTS, expired } = await import('../../pwa/src/expiry.js');
  const WORDS = 'The staff door behind the reading room.';

  test('keep their words after the receipt, until they expire with the answer', async () => {
    await wipe();
    await signIn();
    await submitAnswer({ followupId: 'f-1', reportId: 'r-1', text: WORDS, owner: 'user-1' });
    const fetchImpl = async (url, init) => (url.includes('/sync/push') ? answer(200, receiptFor(JSON.parse(init.body).items))
      : answer(200, { protocol: 1, changes: [], cursor: 'c', has_more: false }));
    await new SyncEngine({ fetchImpl }).syncNow('test');
    const [sent] = await listAnswers();
    assert.equal(sent.state, 'received');
    assert.equal(sent.body, undefined, 'the body pushed to the server is gone');
    assert.equal(sent.summary.text, WORDS);
    const received = Date.parse(sent.receipt.received_at);
    const DAY = 86_400_000;
    assert.deepEqual(expired({ outbox: [sent] }, received + (DEFAULTS.answer_days - 1) * DAY, DEFAULTS).outbox, []);
    assert.deepEqual(expired({ outbox: [sent] }, received + (DEFAULTS.answer_days + 1) * DAY, DEFAULTS).outbox, [sent.id]);
  });

  test('two tabs answering one question at once queue one answer, and the push carries only that one', async () => {
    await wipe();
    await signIn();
    const ask = (text) => submitAnswer({ followupId: 'f-1', reportId: 'r-1', text, owner: 'user-1' });
    const [first, second] = await Promise.all([ask(WORDS), ask('The loading dock.')]);
    assert.deepEqual([first.already, second.already], [false, true]);
    assert.equal(second.id, first.id, 'the second tab is handed the answer already queued');
    assert.deepEqual((await listAnswers()).map((a) => a.summary.text), [WORDS]);
    const pushed = [];
    const fetchImpl = async (url, init) => {
      if (!url.includes('/sync/push')) return answer(200, { protocol: 1, changes: [], cursor: 'c', has_more: false });
      const { items } = JSON.parse(init.body);
      pushed.push(...items);
      return answer(200, receiptFor(items));
    };
    await new SyncEngine({ fetchImpl }).syncNow('test');
    assert.deepEqual(pushed.map((item) => item.body.text), [WORDS]);
    const later = await ask('Written after it was sent.');
    assert.equal(later.already, true, 'a sent answer stands too');
    assert.equal((await listAnswers()).length, 1);
  });

  test('one written but never sent leaves the phone draft_days after its last keystroke, as a draft does', async () => {
    const { answerDrafts, saveAnswerDraft } = await import('../../pwa/src/drafts.js');
    const { expireOld } = await import('../../pwa/src/expiry.js');
    await wipe();
    await signIn();
    await saveAnswerDraft('f-1', { text: 'The staff door' }, 'user-1');
    const DAY = 86_400_000;
    await expireOld(Date.now() + (DEFAULTS.draft_days - 1) * DAY);
    assert.deepEqual([...await answerDrafts()], [['f-1', { text: 'The staff door', kept: [] }]]);
    await expireOld(Date.now() + (DEFAULTS.draft_days + 1) * DAY);
    assert.deepEqual([...await answerDrafts()], []);
  });
});
