/**
 * Keeping the card for residents on the phone (src/i18n.js keepResidentCard): Home keeps its chunk in the offline
 * catalogs while there is a signal, so the card shows with none. What is kept must be the chunk.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

const CARD = '/chunks/lang-card-all-TESTHASH.js';
globalThis.__CATALOGS__ = { app: {}, desk: {}, refusal: {}, card: { all: CARD } };
globalThis.location = new URL('https://el.example/#/');
globalThis.navigator ??= {};
Object.defineProperty(globalThis.navigator, 'onLine', { value: true, configurable: true });

// Cache Storage as the browser has it, for one cache: what was put, by absolute URL.
const kept = new Map();
globalThis.caches = {
  open: async () => ({
    match: async (url) => kept.get(new URL(url, location.href).href),
    put: async (url, response) => { kept.set(new URL(url, location.href).href, await response.text()); },
    add: async (url) => { kept.set(new URL(url, location.href).href, await (await fetch(url)).text()); },
    keys: async () => [...kept.keys()].map((url) => ({ url })),
    delete: async (request) => kept.delete(request.url),
  }),
};
let answer;
globalThis.fetch = async () => {
  await new Promise((ok) => { setTimeout(ok, 10); }); // the network takes a moment
  return answer();
};

const { keepResidentCard } = await import('../../pwa/src/i18n.js');
const settled = () => new Promise((ok) => { setTimeout(ok, 50); });

describe('keeping the card for residents', () => {
  beforeEach(() => kept.clear());

  test('a captive portal\'s page, answered 200 for the chunk, is not kept as the card', async () => {
    answer = () => new Response('<html>Sign in to City Wi-Fi</html>', { headers: { 'Content-Type': 'text/html' } });
    keepResidentCard();
    await settled();
    assert.equal(kept.size, 0);
  });
});
