/** The page's side of the service worker: registration, update prompt, Background Sync. */
import { Workbox } from 'workbox-window';

let workbox = null;

/**
 * Register /sw.js. `onReady` runs once when the app first becomes available offline;
 * `onUpdate(apply)` runs when a new version waits; calling `apply()` activates it and reloads.
 */
export function registerServiceWorker({ onReady, onUpdate }) {
  if (!('serviceWorker' in navigator)) return null;
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('installed', (event) => {
    if (!event.isUpdate) onReady();
  });
  workbox.addEventListener('waiting', () => {
    onUpdate(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  workbox.register();
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
