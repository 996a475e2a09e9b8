/** The page's side of the service worker: registration, update prompt, Background Sync. */
import { Workbox } from 'workbox-window';

let workbox = null;

/**
 * Register /sw.js. `onReady` runs once when the app first becomes available offline;
 * `onUpdate(apply)` runs when a new version waits; calling `apply()` activates it and reloads.
 */
export function registerServiceWorker({ onReady, onUpdate }) {
  if (!('serviceWorker' in navigator)) return null;
  const start = (url, options) => {
    const worker = new Workbox(url, options);
    worker.addEventListener('installed', (event) => {
      if (!event.isUpdate) onReady();
    });
    worker.addEventListener('waiting', () => {
      onUpdate(() => {
        worker.addEventListener('controlling', () => window.location.reload());
        worker.messageSkipWaiting();
      });
    });
    workbox = worker;
    return worker.register();
  };
  // The worker is a module importing the page's own chunks (pwa/build.mjs); a browser without module workers
  // (Firefox before 147) refuses it, and takes the same worker bundled whole.
  start('/sw.js', { type: 'module' }).catch(() => start('/sw-classic.js').catch(() => {}));
  return workbox;
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
  workbox?.update().catch(() => {});
}
