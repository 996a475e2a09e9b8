/** Entry: restore language and appearance, start the router, expire what the phone keeps no longer, start the shell, register the service worker, start syncing. */
import { app } from './app.js';
import { restoreAppearance } from './components/appearance.js';
import { startHeader } from './components/header.js';
import { startRouter } from './router.js';
import { startShell } from './shell.js';
import { getKv } from './db.js';

await Promise.all([app.restoreLanguage(), restoreAppearance()]);
startHeader(document.getElementById('header'), app);
const root = document.getElementById('app');
root.replaceChildren(); // drop the "Loading…" placeholder: lit-html renders beside existing nodes, not over them
// pwa14: expiry and the wipe watch (and the outbox they read) are in the field chunk, loaded after the first paint.
// Expiry still runs before any screen but sign-in reads the phone's data, so an expired summary or
// abandoned draft never shows (src/expiry.js); the sign-in screen reads none.
let expiry = null;
const expireFirst = () => (expiry ??= import('./field.js').then(({ expireOld }) => expireOld())
  .catch((error) => console.error('expiry failed', error)));
startRouter(root, app, expireFirst);
// The wipe watch concerns a phone that has been signed in (signed out since or not: what it could not
// send stays on it): it starts now, or at sign-in, and listens before the shell starts the first sync
// (and registers the service worker). A phone never signed in holds nothing and loads none of it.
let wipeWatch = null;
const watchWipe = () => (wipeWatch ??= import('./field.js').then(({ watchForWipe }) => watchForWipe(app))
  .catch((error) => console.error('wipe watch failed', error)));
app.on((event) => {
  if (event.type === 'signed-in') watchWipe();
});
Promise.all([getKv('session'), getKv('last_contact_at')]).then(([session, last]) => (session || last) && watchWipe())
  .then(() => startShell(document.getElementById('banners'), document.getElementById('banner-tray'), app));
