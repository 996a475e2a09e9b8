/**
 * Hash routes → screen modules. Hash routing keeps every screen reachable offline from
 * the one precached index.html. Signed-out users land on sign-in, except on screens that
 * need no server (a draft in progress can always be continued).
 */
import { getKv } from './db.js';
import * as checklist from './screens/checklist.js';
import * as guide from './screens/guide.js';
import * as home from './screens/home.js';
import * as reportForm from './screens/report-form.js';
import * as reports from './screens/reports.js';
import * as review from './screens/review.js';
import * as settings from './screens/settings.js';
import * as signin from './screens/signin.js';
import * as sso from './screens/sso.js';
import { landing } from './roles.js';

/**
 * The desk screens (liaison queue, Mayor's Office, trainer) live in their own chunk, loaded
 * on first use: a field phone never downloads them. If the chunk cannot be fetched (offline
 * before it was ever loaded, or an old shell after an update), the screen says so.
 */
const desk = {
  async show(root, params, app) {
    let module;
    try {
      module = await import('./desk/desk.js');
    } catch (error) {
      root.replaceChildren();
      const heading = document.createElement('h1');
      heading.textContent = app.t('desk.unavailable.title');
      const text = document.createElement('p');
      text.textContent = app.t(navigator.onLine ? 'desk.unavailable.update' : 'desk.unavailable.offline');
      root.append(heading, text);
      return null;
    }
    return module.show(root, params, app);
  },
};

/** Home: the field home for field employees; desk roles land on their own first screen. */
const start = {
  async show(root, params, app) {
    const target = landing((await getKv('session'))?.user?.role);
    if (target !== '#/') {
      window.location.replace(target);
      return null;
    }
    return home.show(root, params, app);
  },
};

const ROUTES = [
  [/^#\/signin$/, signin, false],
  [/^#\/sso(?:\?.*)?$/, sso, false],
  [/^#\/encounter\/([0-9a-f-]{36})\/step\/(\d+)$/, checklist, false, ['id', 'step']],
  // The report's short first screen ('short') or one optional section; without one, where the draft was left.
  [/^#\/encounter\/([0-9a-f-]{36})\/report(?:\/([a-z_]+))?$/, reportForm, false, ['id', 'section']],
  [/^#\/encounter\/([0-9a-f-]{36})\/review$/, review, false, ['id']],
  [/^#\/guide(?:\/([\w-]+))?$/, guide, false, ['topic']],
  [/^#\/reports$/, reports, true],
  [/^#\/settings$/, settings, false],
  [/^#\/report-encounter$/, home, true],
  // The manifest's "Start encounter" shortcut: home, starting the department's checklist at once.
  [/^#\/start$/, home, true, [], { autostart: true }],
  // "Agents here now" (manifest shortcut and deep link): home, raising the one-tap alert at once.
  [/^#\/alert$/, home, true, [], { alert: true }],
  [/^#\/desk\/(.+)$/, desk, true, ['path']],
  [/^#\/?$/, start, true],
];

/** Find the screen and its params for a hash. */
export function match(hash) {
  for (const [pattern, screen, needsSession, names = [], fixed = {}] of ROUTES) {
    const found = pattern.exec(hash || '#/');
    if (found) {
      const params = { ...fixed, ...Object.fromEntries(names.map((name, i) => [name, found[i + 1]])) };
      return { screen, needsSession, params };
    }
  }
  return { screen: start, needsSession: true, params: {} };
}

/** Render the screen of the current hash into root, now and on every hash change. */
export function startRouter(root, app) {
  let cleanup = null;
  let latest = 0;
  async function show({ top = false } = {}) {
    // Start-up fires several shows (first render, hash changes, route events); one that waited on
    // IndexedDB while a newer one began must not draw over it (or send the user elsewhere).
    const mine = ++latest;
    const { screen, needsSession, params } = match(window.location.hash);
    if (needsSession && !(await getKv('session'))) {
      if (mine === latest) app.navigate('#/signin');
      return;
    }
    if (mine !== latest) return;
    if (typeof cleanup === 'function') cleanup();
    cleanup = await screen.show(root, params, app);
    const heading = root.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    // A new screen starts at its top (the next checklist step must not open scrolled past its
    // text); a re-render of the same screen (language switch) keeps the user's place.
    if (top) window.scrollTo(0, 0);
  }
  window.addEventListener('hashchange', () => show({ top: true }));
  app.on((event) => {
    if (event.type === 'route' || event.type === 'language') show();
  });
  show();
}
