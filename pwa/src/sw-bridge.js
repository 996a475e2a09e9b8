/** The page's side of the service worker: registration, update prompt, Background Sync. */
let registered = null;

/**
 * Register /sw.js. `onReady` runs once when the app first becomes available offline;
 * `onUpdate(apply)` runs when a new version waits; calling `apply()` activates it and reloads.
 * The browser's own API, for what workbox-window did here (2 KB Brotli of the phone's first load): registered once
 * the page has loaded, so the worker's precache does not compete with the page's own files; a first install is
 * "ready", an install beside an active worker is an update, and so is one already waiting when the page opens.
 */
export function registerServiceWorker({ onReady, onUpdate }) {
  const container = navigator.serviceWorker;
  if (!container) return;
  const offer = (worker) => onUpdate(() => {
    container.addEventListener('controllerchange', () => window.location.reload());
    worker.postMessage({ type: 'SKIP_WAITING' }); // src/sw.js
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
