/**
 * Hash routes → screen modules. Hash routing keeps every screen reachable offline from
 * the one precached index.html. Signed-out users land on sign-in, except on screens that
 * need no server (a draft in progress can always be continued).
 */
import { html, render } from 'lit-html';
import { getKv } from './db.js';
import { openFrame } from './frame.js';
import * as signin from './screens/signin.js';
import { landing } from './roles.js';

// pwa14: every screen but sign-in is in the field chunk (src/field.js), fetched when first shown (the
// router starts the fetch while expiry runs), so sign-in's first paint parses the shell and its screen only.
// All of them are precached: offline they load from the service worker's cache.
function lazy(load) {
  let module = null;
  return {
    load: () => (module ??= load().catch((error) => { module = null; throw error; })),
    async show(root, params, app) {
      let loaded;
      try {
        loaded = await this.load();
      } catch {
        unavailable(root, app, false); // only when never cached, or an old page after an update
        return null;
      }
      return loaded.show(root, params, app);
    },
  };
}
const checklist = lazy(() => import('./field.js').then((field) => field.checklist));
const guide = lazy(() => import('./field.js').then((field) => field.guide));
const home = lazy(() => import('./field.js').then((field) => field.home));
const reportForm = lazy(() => import('./field.js').then((field) => field.reportForm));
const reports = lazy(() => import('./field.js').then((field) => field.reports));
const residentCard = lazy(() => import('./field.js').then((field) => field.residentCard));
const review = lazy(() => import('./field.js').then((field) => field.review));
const settings = lazy(() => import('./field.js').then((field) => field.settings));
// The City sign-in's hand-off: its words are in the first-load catalogs, so an old page after an update draws it.
const sso = lazy(() => import('./field.js').then((field) => field.sso));

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
      unavailable(root, app, true);
      return null;
    }
    return module.show(root, params, app);
  },
};

/**
 * A screen whose chunk could not be fetched says so (the desk's texts; the offline one names the desk).
 * Drawn with lit-html like every screen: clearing the root by hand would remove the markers lit-html keeps
 * there, and the next screen drawn into it (Home, once the user goes back) would throw and show nothing.
 */
function unavailable(root, app, isDesk) {
  const why = navigator.onLine || isDesk ? app.t(navigator.onLine ? 'desk.unavailable.update' : 'desk.unavailable.offline') : '';
  // A way on where nothing else is (an installed app has no reload): a chunk that could not be fetched may be
  // fetched on a second try.
  render(html`<h1>${app.t('desk.unavailable.title')}</h1><p>${why}</p>
    <button type="button" class="button primary" @click=${() => app.emit({ type: 'route' })}>${app.t('action.try_again')}</button>`, root);
}

/** Home: the field home for field employees; desk roles land on their own first screen. */
const start = {
  load: () => home.load(),
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
  // The card for residents: like the guide, shown signed out too (then without the help line: signing out clears the sites).
  [/^#\/card$/, residentCard, false],
  [/^#\/reports$/, reports, true],
  // Home's question badge: My reports opened at that question while it still waits (src/questions.js).
  [/^#\/reports\/question\/([\w-]+)$/, reports, true, ['question']],
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

/**
 * Render the screen of the current hash into root, now and on every hash change. `beforeData()`
 * (main.js: the phone's expiry) is awaited before any screen but sign-in reads the phone's data.
 */
export function startRouter(root, app, beforeData = async () => {}) {
  let cleanup = null;
  let latest = 0;
  let frame = null;
  async function show({ top = false, refine = false } = {}) {
    // Start-up fires several shows (first render, hash changes, route events); one that waited on
    // IndexedDB while a newer one began must not draw over it (or send the user elsewhere).
    const mine = ++latest;
    const before = top ? new WeakSet(root.querySelectorAll('*')) : null; // the page's elements as a new screen began (see below)
    // A filter changed: the screen keeps its figures until the new ones are in (desk/components/refine.js), dimmed
    // meanwhile (desk.css); any other show ends that, this one once drawn. Not aria-busy: a screen reader may hold
    // back the live region's summary of the new figures while it is set.
    root.toggleAttribute('data-updating', refine);
    // The screen shown until now, still loading or not, draws nothing more on the page (src/frame.js).
    frame?.leave();
    frame = openFrame(root);
    const { view } = frame;
    const { screen, needsSession, params } = match(window.location.hash);
    if (needsSession && !(await getKv('session'))) {
      if (mine === latest) app.navigate('#/signin');
      return;
    }
    screen.load?.().catch(() => {}); // pwa14: fetch the screen's chunk while expiry runs (signed out: neither)
    if (screen !== signin) await beforeData();
    if (mine !== latest) return;
    if (typeof cleanup === 'function') cleanup();
    cleanup = null;
    const stop = await screen.show(view, params, app);
    if (mine !== latest) { // overtaken while it loaded: stop it (its stream, its timers) rather than leak it
      if (typeof stop === 'function') stop();
      return;
    }
    cleanup = stop;
    root.removeAttribute('data-updating');
    app.emit({ type: 'screen' }); // drawn: the shell's banners take their place in this same task (src/shell.js)
    // A new screen is announced by its heading taking focus. The same screen drawn again (another tab changed
    // the draft on screen, the language switched) leaves focus where the user is: moving it to the heading
    // sent the words typed next nowhere, half a sentence lost while another tab raised an alert.
    // A new screen drawn over the old one's DOM may keep the old one's elements (the step's Done button, a report's
    // panels opened from another report): focus on one of them is not the user's choice on the new screen, so its
    // heading takes it. But a screen that draws as its parts arrive (analytics, the queue) is in use before its
    // last part is: focus the user moved meanwhile into an element this show drew (the caret in a date being
    // typed) stays, and so does their place; taking it mid-word sent the rest of the date nowhere and the page
    // to its top.
    const active = document.activeElement;
    const inside = active && active !== document.body && root.contains(active);
    const movedIn = top && inside && !before.has(active);
    const userIsIn = (!top || movedIn) && inside;
    const heading = userIsIn ? null : root.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    // A new screen starts at its top (the next checklist step must not open scrolled past its
    // text); a re-render of the same screen (language switch) keeps the user's place.
    if (top && !movedIn) window.scrollTo(0, 0);
  }
  window.addEventListener('hashchange', () => {
    // A filter or search changed (app.navigate(hash, true)): the same screen, so the control used keeps focus.
    const top = !app.stay;
    app.stay = false;
    show({ top, refine: !top });
  });
  app.on((event) => {
    if (event.type === 'route' || event.type === 'language') show();
    // Another tab changed, submitted or discarded the draft on screen: draw it again as stored (src/drafts.js).
    if (event.type === 'draft-changed' && match(window.location.hash).params.id === event.id) show();
  });
  show();
}
