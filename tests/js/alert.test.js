/**
 * The one-tap alert on the phone (issue 11): it is queued with its draft marked, once per encounter,
 * and the outbox sends it before any report or answer, in a batch of its own; the site an alert or
 * a new draft names by default is the nearest (location allowed), else the last used.
 */
import { USER, readyDraft, signIn, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { db } from '../../pwa/src/db.js';
import { amendAlertAgency, applyResults, listAlerts, listOutbox, markQueued, markSending, pushBatches, pushOrder, pushable, submitAlert, submitAnswer }
  from '../../pwa/src/outbox.js';
import { submitDraft } from '../../pwa/src/submit.js';
import { defaultSite, distanceMetres, lastUsedSite, nearestSite } from '../../pwa/src/site-choice.js';
import { alertWaitsForSite, encounterInProgress, raiseAlert, resendAlert } from '../../pwa/src/alert.js';

const at = (minute) => new Date(Date.UTC(2026, 10, 21, 18, minute));

describe('queuing an alert', () => {
  beforeEach(async () => {
    await wipe();
    await signIn();
  });

  test('the alert carries only encounter id, site, time and agency, and marks its draft', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const record = await submitAlert(draft.id, { site: 'LAPL-CEN', agency: 'ice_ero' }, at(5));
    assert.equal(record.kind, 'alert');
    assert.equal(record.schema_version, 1);
    assert.deepEqual(record.body, { encounter_id: draft.id, site: 'LAPL-CEN', occurred_at: at(5).toISOString(), agency: 'ice_ero' });
    assert.notEqual(record.id, draft.id, 'the alert has its own item id; the report later takes the draft id');
    const stored = await (await db()).get('drafts', draft.id);
    assert.deepEqual(stored.alert, { id: record.id, queued_at: at(5).toISOString() });
  });

  test('without an agency the body has no agency key at all', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const record = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(5));
    assert.deepEqual(Object.keys(record.body).sort(), ['encounter_id', 'occurred_at', 'site']);
  });

  test('a second tap on the same encounter queues nothing new', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const first = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(5));
    const second = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(6));
    assert.equal(second.id, first.id);
    assert.equal((await listAlerts()).length, 1);
  });

  test('a tap after the server refused the alert queues a new one in its place; the refused one leaves the phone',
    async () => {
      const draft = await readyDraft();
      await (await db()).put('drafts', draft);
      const refused = await submitAlert(draft.id, { site: 'LAPL-OLD' }, at(5));
      await markSending([refused.id]);
      await applyResults([{ id: refused.id, status: 'rejected', errors: { body: { site: ['not an active site'] } } }]);

      const again = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(6));

      assert.notEqual(again.id, refused.id);
      assert.equal(again.state, 'queued');
      assert.equal(again.body.site, 'LAPL-CEN');
      assert.equal(await (await db()).get('outbox', refused.id), undefined);
      assert.equal((await (await db()).get('drafts', draft.id)).alert.id, again.id);
      assert.deepEqual((await listAlerts()).map((r) => r.id), [again.id]);
    });

  test('the agency can be added while the alert waits, not once it is being sent', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const record = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(5));
    const amended = await amendAlertAgency(record.id, 'cbp');
    assert.equal(amended.body.agency, 'cbp');
    assert.equal(amended.state, 'queued');
    await markSending([record.id]);
    assert.equal(await amendAlertAgency(record.id, 'hsi'), null);
    assert.equal((await (await db()).get('outbox', record.id)).body.agency, 'cbp');
  });

  test('an alert back in the queue after a push that never answered keeps its body; the agency goes to the draft',
    async () => {
      // The server may hold it: the same id with an agency added would be another alert, refused as a conflict.
      const draft = await readyDraft();
      await (await db()).put('drafts', draft);
      const record = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(5));
      await markSending([record.id]);
      await markQueued([record.id], 'no network');
      assert.equal(await amendAlertAgency(record.id, 'cbp', draft.id), null);
      assert.equal((await (await db()).get('outbox', record.id)).body.agency, undefined);
      assert.deepEqual((await (await db()).get('drafts', draft.id)).fields.agencies, ['cbp']);
    });

  test("the agency added goes into the report's agencies too, and a phone killed while it is written keeps neither",
    async () => {
      const draft = await readyDraft();
      await (await db()).put('drafts', draft);
      const record = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(5));
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) { // the phone dies once the draft's write is asked for
        const request = put.apply(this, args);
        if (this.name === 'drafts') this.transaction.abort();
        return request;
      };
      try {
        await assert.rejects(amendAlertAgency(record.id, 'cbp', draft.id));
      } finally {
        IDBObjectStore.prototype.put = put;
      }
      assert.equal((await (await db()).get('outbox', record.id)).body.agency, undefined, 'the alert is as it was');
      assert.deepEqual((await (await db()).get('drafts', draft.id)).fields.agencies, []);

      await amendAlertAgency(record.id, 'cbp', draft.id);
      assert.equal((await (await db()).get('outbox', record.id)).body.agency, 'cbp');
      assert.deepEqual((await (await db()).get('drafts', draft.id)).fields.agencies, ['cbp']);
    });

  test('alerts are not listed among reports, and are pushed before older reports and answers', async () => {
    const report = await readyDraft();
    await submitDraft(report, at(1));
    await submitAnswer({ followupId: 'f1', reportId: report.id, text: 'Yes', owner: USER.id }, at(2));
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const alert = await submitAlert(draft.id, { site: 'LAPL-CEN' }, at(9));
    assert.deepEqual((await listOutbox()).map((r) => r.id), [report.id]);
    const order = await pushable();
    assert.equal(order[0].id, alert.id);
    assert.deepEqual(order.map((r) => r.kind), ['alert', 'encounter', 'answer']);
  });
});

describe('push order', () => {
  const item = (id, kind, minute) => ({ id, kind, submitted_at: at(minute).toISOString() });

  test('alerts first, oldest first within each kind group', () => {
    const items = [item('r1', 'encounter', 1), item('a2', 'alert', 8), item('q1', 'answer', 2), item('a1', 'alert', 7)];
    assert.deepEqual(pushOrder(items).map((i) => i.id), ['a1', 'a2', 'r1', 'q1']);
  });

  test('the alerts travel in batches of their own, ahead of the reports', () => {
    const items = [item('r1', 'encounter', 1), item('r2', 'encounter', 2), item('r3', 'encounter', 3), item('a1', 'alert', 9)];
    assert.deepEqual(pushBatches(items, 2).map((b) => b.map((i) => i.id)), [['a1'], ['r1', 'r2'], ['r3']]);
  });

  test('no alerts: the same batches as before', () => {
    const items = [item('r1', 'encounter', 1), item('r2', 'encounter', 2)];
    assert.deepEqual(pushBatches(items, 50).map((b) => b.map((i) => i.id)), [['r1', 'r2']]);
    assert.deepEqual(pushBatches([], 50), []);
  });
});

describe('the default site', () => {
  const central = { code: 'central', name: 'Central Library', latitude: 34.0505, longitude: -118.2551 };
  const harbor = { code: 'harbor', name: 'Harbor', latitude: 33.7361, longitude: -118.2922 };
  const unplaced = { code: 'annex', name: 'Annex', latitude: null, longitude: null };
  const closed = { code: 'old', name: 'Old', latitude: 34.0506, longitude: -118.2552, active: false };

  test('distances are great-circle metres', () => {
    const d = distanceMetres(central, harbor);
    assert.ok(d > 34_000 && d < 36_000, `${d}`);
  });

  test('the nearest active site with coordinates wins; unplaced and closed sites are never chosen', () => {
    const near = { latitude: 34.05, longitude: -118.25 };
    assert.equal(nearestSite([harbor, unplaced, closed, central], near).code, 'central');
    assert.equal(nearestSite([harbor, central], { latitude: 33.74, longitude: -118.29 }).code, 'harbor');
    assert.equal(nearestSite([unplaced], near), null);
    assert.equal(nearestSite([central], null), null);
  });

  test('the last used site is the newest draft or outbox item naming one', () => {
    const drafts = [{ updated_at: '2026-11-21T10:00:00Z', fields: { site: 'harbor' } }, { updated_at: '2026-11-21T12:00:00Z', fields: { site: '' } }];
    const records = [{ submitted_at: '2026-11-21T11:00:00Z', body: { site: 'central' } },
      { submitted_at: '2026-11-21T09:00:00Z', summary: { site: 'annex' } }];
    assert.equal(lastUsedSite(drafts, records), 'central');
    assert.equal(lastUsedSite([], []), null);
  });

  test('nearest when located, else last used, else the only site, else none', () => {
    const sites = [central, harbor];
    const records = [{ submitted_at: '2026-11-21T11:00:00Z', body: { site: 'harbor' } }];
    assert.equal(defaultSite({ sites, records, position: { latitude: 34.05, longitude: -118.25 } }), 'central');
    assert.equal(defaultSite({ sites, records }), 'harbor');
    assert.equal(defaultSite({ sites: [central] }), 'central');
    assert.equal(defaultSite({ sites }), null);
    assert.equal(defaultSite({ sites, records: [{ submitted_at: '2026-11-21T11:00:00Z', body: { site: 'gone' } }] }), null);
  });
});

describe('an alert that has no site to name yet', () => {
  beforeEach(async () => {
    // A phone without geolocation (older Node has no navigator at all): no position, so no nearest site.
    if (!globalThis.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
    await wipe();
    await signIn();
  });

  test('waits on the draft, not in a screen, and goes with the time of the first tap once a site is chosen', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', { ...draft, fields: { ...draft.fields, site: '' } });
    const sites = [{ code: 'LAPL-CEN', name: 'Central' }, { code: 'LAPL-ECHO', name: 'Echo Park' }];
    for (const site of sites) await (await db()).put('sites', site);
    const asked = await raiseAlert({ version: null, language: 'en' }, at(5));
    assert.equal(asked.needsSite, true);
    assert.equal((await listAlerts()).length, 0, 'nothing to send without a site');
    const waiting = await (await db()).get('drafts', draft.id);
    assert.equal(alertWaitsForSite(waiting), true);
    assert.equal(waiting.alert_wanted.at, at(5).toISOString());
    await raiseAlert({ version: null, language: 'en' }, at(7)); // asked again: the first tap's time stays
    const sent = await raiseAlert({ version: null, language: 'en', site: 'LAPL-ECHO' }, at(9));
    assert.equal(sent.record.body.occurred_at, at(5).toISOString());
    assert.equal(sent.record.body.site, 'LAPL-ECHO');
    assert.equal(alertWaitsForSite(await (await db()).get('drafts', draft.id)), false);
  });

  test('a draft whose alert went, or was never asked for, does not wait', () => {
    assert.equal(alertWaitsForSite({ alert_wanted: { at: 'x' }, alert: { id: 'a' } }), false);
    assert.equal(alertWaitsForSite({ fields: {} }), false);
    assert.equal(alertWaitsForSite(null), false);
  });
});

describe('an alert the phone cannot store (its storage full)', () => {
  const VERSION = { id: 'v1', number: 1, title: { en: 'Protocol' }, steps: [{ id: 'a', text: { en: 'Stay calm' } }] };
  let restore = null;
  /** Refuse every write to `stores`, as a full phone does. */
  function fill(...stores) {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (stores.includes(this.name)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    restore = () => { IDBObjectStore.prototype.put = put; };
  }

  beforeEach(async () => {
    if (!globalThis.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
    await wipe();
    await signIn();
  });

  test('with no encounter yet, says it was not saved instead of opening a checklist as if it had gone', async () => {
    fill('drafts');
    try {
      const result = await raiseAlert({ version: VERSION, language: 'en', site: 'LAPL-CEN' }, at(5));
      assert.equal(result.notSaved, true);
      assert.equal(result.record, undefined);
    } finally {
      restore();
    }
    assert.equal((await listAlerts()).length, 0);
  });

  test('on the encounter in progress, says it was not saved rather than throwing', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    fill('outbox');
    try {
      const result = await raiseAlert({ version: VERSION, language: 'en' }, at(5));
      assert.equal(result.notSaved, true);
    } finally {
      restore();
    }
    assert.equal((await listAlerts()).length, 0);
  });

  test('a tap meant to replace a refused alert says so, and the refused one stays until one is stored', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const refused = await submitAlert(draft.id, { site: 'LAPL-OLD' }, at(5));
    await markSending([refused.id]);
    await applyResults([{ id: refused.id, status: 'rejected', errors: { body: { site: ['not an active site'] } } }]);
    fill('outbox');
    try {
      const result = await raiseAlert({ version: VERSION, language: 'en' }, at(6));
      assert.equal(result.notSaved, true);
    } finally {
      restore();
    }
    assert.equal((await (await db()).get('outbox', refused.id))?.state, 'rejected');
    assert.equal((await (await db()).get('drafts', draft.id)).alert.id, refused.id);
  });

  test('a second tap on an encounter whose alert went says nothing of the kind', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const first = await raiseAlert({ version: VERSION, language: 'en' }, at(5));
    const second = await raiseAlert({ version: VERSION, language: 'en' }, at(6));
    assert.equal(second.notSaved, undefined);
    assert.equal(second.record.id, first.record.id);
  });
});

describe('which encounter "Agents here now" joins', () => {
  const VERSION = { id: 'v1', number: 1, title: { en: 'Protocol' }, steps: [{ id: 'a', text: { en: 'Stay calm' } }] };
  const SITES = [{ code: 'LAPL-CEN', name: 'Central' }, { code: 'LAPL-CHI', name: 'Chinatown' }];
  const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString();
  const receive = (id) => applyResults([{ index: 0, id, status: 'accepted', missing_blobs: [],
    receipt: { item_id: id, server_id: 's1', received_at: new Date().toISOString(), content_sha256: 'a'.repeat(64) } }]);

  beforeEach(async () => {
    if (!globalThis.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
    await wipe();
    await signIn();
    for (const site of SITES) await (await db()).put('sites', site);
  });

  test('a draft touched within the window is the encounter in progress; an older one, or one whose alert arrived, is not', () => {
    const now = new Date('2026-12-07T20:00:00Z');
    const draft = (minutes, alert) => ({ id: 'd', updated_at: new Date(now - minutes * 60_000).toISOString(), alert });
    assert.equal(encounterInProgress([draft(12)], [], now)?.id, 'd');
    assert.equal(encounterInProgress([draft(6 * 24 * 60)], [], now), null);
    assert.equal(encounterInProgress([], [], now), null);
    for (const state of ['queued', 'sending', 'rejected']) {
      assert.equal(encounterInProgress([draft(5, { id: 'a' })], [{ id: 'a', state }], now)?.id, 'd', state);
    }
    assert.equal(encounterInProgress([draft(5, { id: 'a' })], [{ id: 'a', state: 'received' }], now), null);
    assert.equal(encounterInProgress([draft(5, { id: 'a' })], [], now), null, 'sent, and its record since expired');
  });

  test('a six-day-old draft at another site is left alone: the alert starts a new encounter and asks for the site', async () => {
    const old = await readyDraft({ started_at: daysAgo(6), updated_at: daysAgo(6) });
    await (await db()).put('drafts', { ...old, fields: { ...old.fields, site: 'LAPL-CHI' } });
    const asked = await raiseAlert({ version: VERSION, language: 'en' });
    assert.equal(asked.needsSite, true, 'a site from another day is not guessed');
    assert.notEqual(asked.draft.id, old.id);
    const sent = await raiseAlert({ version: VERSION, language: 'en', site: 'LAPL-CEN' });
    assert.equal(sent.draft.id, asked.draft.id);
    assert.deepEqual([sent.record.body.encounter_id, sent.record.body.site], [asked.draft.id, 'LAPL-CEN']);
    const stored = await (await db()).get('drafts', old.id);
    assert.equal(stored.fields.site, 'LAPL-CHI');
    assert.equal(stored.alert, undefined, 'the old draft is kept, untouched');
  });

  test('a second tap after the encounter\'s alert arrived queues a new alert for a new encounter', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const first = await raiseAlert({ version: VERSION, language: 'en' });
    await markSending([first.record.id]);
    await receive(first.record.id);
    const second = await raiseAlert({ version: VERSION, language: 'en' });
    assert.ok(second.record, 'a new alert is queued');
    assert.notEqual(second.record.id, first.record.id);
    assert.notEqual(second.record.body.encounter_id, draft.id, 'the server keeps one alert per encounter');
    assert.equal(second.record.state, 'queued');
    assert.equal(second.record.body.site, 'LAPL-CEN', 'the site used a moment ago');
  });

  test('a tap during an encounter started minutes ago joins it', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const result = await raiseAlert({ version: VERSION, language: 'en' });
    assert.equal(result.draft.id, draft.id);
    assert.equal(result.record.body.encounter_id, draft.id);
  });
});

describe('"Try again" on an alert the server refused', () => {
  beforeEach(async () => {
    await wipe();
    await signIn();
  });

  test('queues a new alert in its place, with the first tap\'s time and agency, and marks the draft', async () => {
    const draft = await readyDraft();
    await (await db()).put('drafts', draft);
    const refused = await submitAlert(draft.id, { site: 'LAPL-CEN', agency: 'cbp' }, at(5));
    assert.equal(await resendAlert(draft), null, 'nothing refused yet: nothing to send again');
    await markSending([refused.id]);
    await applyResults([{ id: refused.id, status: 'rejected', errors: { body: { site: ['not an active site'] } } }]);
    const marked = await resendAlert(draft);
    const [again] = await listAlerts();
    assert.notEqual(again.id, refused.id);
    assert.equal(again.state, 'queued');
    assert.deepEqual(again.body, { encounter_id: draft.id, site: 'LAPL-CEN', occurred_at: at(5).toISOString(), agency: 'cbp' });
    assert.equal(marked.alert.id, again.id);
  });
});
