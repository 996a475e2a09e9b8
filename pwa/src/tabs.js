/**
 * The app's tabs and its service worker talk on one BroadcastChannel ('encounter-log'): the worker's sync
 * events, and drafts changed in another tab (src/drafts.js). A page posts and listens on the same channel
 * object, and a channel never hears its own posts: a tab never hears its own news.
 */
const NAME = 'encounter-log';
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
  open()?.postMessage(event);
}

/** Hear what other tabs and the worker tell (never this tab's own news). */
export function hearOthers(listener) {
  open()?.addEventListener('message', (message) => listener(message.data));
}
