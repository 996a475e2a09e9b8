/** The page's side of the service worker: registration, update prompt, Background Sync. */
let registered = null;

/**
 * Register /sw.js. `onReady` runs once when the app first becomes available offline;
 * `onUpdate(apply)` runs when a new version waits, or took over from another tab; calling `apply()` activates it
 * (if still waiting) and reloads.
 * The browser's own API, for what workbox-window did here (2 KB Brotli of the phone's first load): registered once
 * the page has loaded, so the worker's precache does not compete with the page's own files; a first install is
 * "ready", an install beside an active worker is an update, and so is one already waiting when the page opens.
 */
export function registerServiceWorker({ onReady, onUpdate }) {
  const container = navigator.serviceWorker;
  if (!container) return;
  const reload = () => window.location.reload();
  let asked = false;
  let controlled = Boolean(container.controller);
  // Every tab hears a new worker take over. The one whose Reload asked for it reloads. Another tab still runs the old
  // version, whose lazily loaded files the new worker no longer holds, and its own Reload would ask a worker already
  // active (it would do nothing): it offers a plain reload instead, its drafts in IndexedDB. A first install taking
  // control of a page that had no worker is not an update.
  container.addEventListener('controllerchange', () => {
    if (asked) reload();
    else if (controlled) onUpdate(reload);
    controlled = true;
  });
  const offer = (worker) => onUpdate(() => {
    asked = true;
    if (container.controller === worker) reload(); // already took over (another tab's Reload came first)
    else worker.postMessage({ type: 'SKIP_WAITING' }); // src/sw.js
  });
  let tracked = null;
  const track = (worker, isUpdate) => {
    if (!worker || worker === tracked) return;
    tracked = worker;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed') (isUpdate ? offer(worker) : onReady());
    });
  };
  const watch = (found) => {
    registered = found;
    if (found.waiting && found.active) offer(found.waiting);
    track(found.installing, Boolean(found.active));
    found.addEventListener('updatefound', () => track(found.installing, Boolean(found.active)));
  };
  // The worker is a module importing the page's own chunks (pwa/build.mjs); a browser without module workers
  // (Firefox before 147) refuses it, and takes the same worker bundled whole.
  const start = () => container.register('/sw.js', { type: 'module' })
    .catch(() => container.register('/sw-classic.js')).then(watch, () => {});
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

/** Ask the browser to run the outbox sync when connectivity returns (Chromium only; others rely on the page). */
export async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register('outbox');
  } catch { /* not supported or not allowed: the page's own triggers still run */ }
}

/** Look for a new version now (on start and when the page becomes visible). */
export function checkForUpdate() {
  registered?.update().catch(() => {});
}
