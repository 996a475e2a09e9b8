/**
 * The service worker (bundled by pwa/build.mjs; Workbox injects the precache manifest).
 *
 * Update policy: a new version installs in the background and WAITS. The page shows
 * "Update available — reload"; only when the user taps it does the page send
 * SKIP_WAITING and reloads on `controllerchange`; every other open page then offers its own reload
 * (src/sw-bridge.js). Drafts and the outbox live
 * in IndexedDB, so a reload loses nothing; the old version's precache serves the old
 * shell until then, so no page ever points at files that are gone.
 * Never cached: /api/ (requests there go straight to the network, never through a cache).
 * Web Push (issue 11): a push to a subscribed desk shows a notification; a click opens the desk.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { getKv } from './db.js';
import { SyncEngine } from './sync.js';
import { tellOthers } from './tabs.js';

self.__WB_DISABLE_DEV_LOGS = true;
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
// A language's catalog chunk (and its refusal words, lang-refusal-*) is not precached (a phone needs only its own): the page keeps the one it
// loaded in the 'el-catalogs' cache (src/i18n.js) and this answers it from there, offline too. Its name
// carries its content hash, so a cached copy is never stale.
registerRoute(({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/chunks/lang-'),
  async ({ request }) => (await caches.match(request, { cacheName: 'el-catalogs' })) || fetch(request));

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
});

// First install: take control at once so the page works offline from now on.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const engine = new SyncEngine({ onEvent: (event) => tellOthers(event) });

self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(engine.syncNow('background-sync'));
});

// Web Push to the desk (issue 11): the payload is {kind: 'alert'|'report', id, url} — no names, no text.
// The words come from the desk's language, kept when the liaison subscribed (src/desk/cues.js).
const DESK = /^\/#\/desk\/[\w/?=&%.-]*$/;

/** The page a notification opens: the desk path the server named, else the queue (never another origin). */
function deskUrl(url) {
  return typeof url === 'string' && DESK.test(url) ? url : '/#/desk/queue';
}

self.addEventListener('push', (event) => {
  event.waitUntil((async () => {
    let payload = {};
    try {
      payload = event.data?.json() || {};
    } catch { /* not JSON: a plain notice */ }
    const texts = (await getKv('push_texts').catch(() => null)) || {};
    const title = (payload.kind === 'report' ? texts.report : texts.alert) || 'Encounter Log';
    await self.registration.showNotification(title, {
      body: texts.body || '', tag: `${payload.kind || 'push'}-${payload.id || ''}`, renotify: true, requireInteraction: payload.kind === 'alert',
      icon: '/icons/icon-192.png', data: { url: deskUrl(payload.url) },
    });
  })());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = deskUrl(event.notification.data?.url);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
    if (open) {
      await open.focus();
      return open.navigate(url).catch(() => open);
    }
    return self.clients.openWindow(url);
  })());
});
