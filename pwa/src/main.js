/** Entry: restore language, start the shell and the router, register the service worker, start syncing. */
import { app } from './app.js';
import { startHeader } from './components/header.js';
import { startRouter } from './router.js';
import { startShell } from './shell.js';
import { watchForWipe } from './wipe.js';

await app.restoreLanguage();
startHeader(document.getElementById('header'), app);
startShell(document.getElementById('banners'), app);
const root = document.getElementById('app');
root.replaceChildren(); // drop the "Loading…" placeholder: lit-html renders beside existing nodes, not over them
startRouter(root, app);
watchForWipe(app);
