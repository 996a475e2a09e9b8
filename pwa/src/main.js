/** Entry: restore language, start the shell and the router, register the service worker, start syncing. */
import { app } from './app.js';
import { startRouter } from './router.js';
import { startShell } from './shell.js';

await app.restoreLanguage();
startShell(document.getElementById('banners'), app);
startRouter(document.getElementById('app'), app);
