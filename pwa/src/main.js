/** Entry: restore language and appearance, expire what the phone keeps no longer, start the shell and the router, register the service worker, start syncing. */
import { app } from './app.js';
import { restoreAppearance } from './components/appearance.js';
import { startHeader } from './components/header.js';
import { startRouter } from './router.js';
import { startShell } from './shell.js';
import { expireOld } from './expiry.js';
import { watchForWipe } from './wipe.js';

await Promise.all([app.restoreLanguage(), restoreAppearance()]);
// Before the first screen reads them, so an expired summary or abandoned draft never shows (src/expiry.js).
await expireOld().catch((error) => console.error('expiry failed', error));
startHeader(document.getElementById('header'), app);
startShell(document.getElementById('banners'), app);
const root = document.getElementById('app');
root.replaceChildren(); // drop the "Loading…" placeholder: lit-html renders beside existing nodes, not over them
startRouter(root, app);
watchForWipe(app);
