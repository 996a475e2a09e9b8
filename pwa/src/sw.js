/**
 * The service worker (bundled by pwa/build.mjs; Workbox injects the precache manifest).
 *
 * Update policy: a new version installs in the background and WAITS. The page shows
 * "Update available — reload"; only when the user taps it does the page send
 * SKIP_WAITING, and every page reloads on `controllerchange`. Drafts and the outbox live
 * in IndexedDB, so a reload loses nothing; the old version's precache serves the old
 * shell until then, so no page ever points at files that are gone.
 * Never cached: /api/ (requests there go straight to the network, never through a cache).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SyncEngine } from './sync.js';

self.__WB_DISABLE_DEV_LOGS = true;
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
// A language's catalog chunk is not precached (a phone needs only its own): the page keeps the one it
// loaded in the 'el-catalogs' cache (src/i18n.js) and this answers it from there, offline too. Its name
// carries its content hash, so a cached copy is never stale.
registerRoute(({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/chunks/lang-'),
  async ({ request }) => (await caches.match(request, { cacheName: 'el-catalogs' })) || fetch(request));

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
});

// First install: take control at once so the page works offline from now on.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const channel = new BroadcastChannel('encounter-log');
const engine = new SyncEngine({ onEvent: (event) => channel.postMessage(event) });

self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(engine.syncNow('background-sync'));
});
