/**
 * Everything the field app needs after its first paint, as one chunk (pwa14): the screens but
 * sign-in, the sync engine, the outbox, expiry and the wipe watch. Loaded with import('./field.js')
 * by the router, app.js and main.js (api.js imports owner.js itself, as node's tests run it).
 * One chunk, not one per screen: the screens share most of their code (outbox, report rules, the vocabulary and form in rules/), and three dozen small
 * chunks compressed 11 KB worse than this one and made the precached shell exceed its 100 KB.
 */
export * as checklist from './screens/checklist.js';
export * as guide from './screens/guide.js';
export * as home from './screens/home.js';
export * as reportForm from './screens/report-form.js';
export * as reports from './screens/reports.js';
export * as residentCard from './screens/resident-card.js';
export * as review from './screens/review.js';
export * as settings from './screens/settings.js';
export * as sso from './screens/sso.js';
export { SyncEngine } from './sync.js';
export { pushable } from './outbox.js';
export { expireOld } from './expiry.js';
export { watchForWipe, wipeNow } from './wipe.js';
