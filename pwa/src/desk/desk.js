/**
 * The desk: screens for liaisons, the Mayor's Office, trainers and admins, in one chunk
 * that only desk users download (pwa/build.mjs leaves it out of the phone's precache).
 *
 * Routes are `#/desk/<path>`; each screen module exports `show(root, params, app)` like the
 * field screens and talks to the desk API (docs/desk-api.md) through `deskApi`.
 */
import { html, render } from 'lit-html';
import { addCatalogSource, addMessages } from '../i18n.js';
import en from './messages/en.js';
import { ROUTES } from './routes.js';
import { loadDepartments } from './components/liaison-filters.js';

// English comes with the chunk (every key's fallback); another language's desk catalog is a chunk of its own.
addMessages({ en });
await addCatalogSource('desk', './desk/messages');
// Names, never codes, wherever a person reads a department (queue, aggregate, analytics).
const departmentsLoaded = loadDepartments();

// desk.css holds the desk's layout; a <link> (allowed by the CSP's style-src 'self').
if (!document.querySelector('link[data-desk]')) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/desk.css';
  link.dataset.desk = '';
  document.head.append(link);
}

/**
 * Show the desk screen for `params.path` (the part of the hash after `#/desk/`). `root` is the show's frame
 * (src/frame.js): a screen left while it loads, wherever it awaits, draws nothing over the next one.
 */
export async function show(root, params, app) {
  await departmentsLoaded;
  const [path, query = ''] = params.path.split('?');
  for (const [pattern, screen, names = []] of ROUTES) {
    const found = pattern.exec(path);
    if (found) {
      const values = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return screen.show(root, { ...values, query: new URLSearchParams(query) }, app);
    }
  }
  render(html`<h1>${app.t('desk.not_found')}</h1>`, root);
  return null;
}
