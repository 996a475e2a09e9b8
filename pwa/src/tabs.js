/**
 * The app's tabs and its service worker talk on one BroadcastChannel ('encounter-log'): the worker's sync
 * events, and drafts changed in another tab (src/drafts.js). A tab never hears its own news: every page's
 * channels are told apart by this page's id.
 */
const NAME = 'encounter-log';
const TAB = Math.random().toString(36).slice(2);
let channel = null;

function open() {
  if (!channel && typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(NAME);
    channel.unref?.(); // Node's tests must not wait on it
  }
  return channel;
}

/** Tell every other tab (and the worker) about `event` ({type, ...}). */
export function tellOthers(event) {
  open()?.postMessage({ ...event, tab: TAB });
}

/** Hear what other tabs and the worker tell (never this tab's own news). */
export function hearOthers(listener) {
  const heard = typeof BroadcastChannel === 'function' ? new BroadcastChannel(NAME) : null;
  heard?.addEventListener('message', (message) => {
    if (message.data?.tab !== TAB) listener(message.data);
  });
}
