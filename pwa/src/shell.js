/**
 * The shell around every screen: banners ("Ready to work offline", "Update available —
 * reload", signed-out, offline, not saved on this phone), sync triggers, and persistent-storage request.
 *
 * Banners arrive on their own and must never move what is on screen (components/banner-places.js):
 * one arriving while a screen is up floats over the top of the screen, where the header is, far from
 * the thumb and the report's Submit bar, and takes its place above the next screen when that is
 * drawn. A floating banner ends above the screen's heading and above the control in use (focused or last
 * touched), whichever is higher (`fitTray`): what does not fit scrolls inside it, its Dismiss in view. The slot above the screen keeps its height until then, so a banner leaving leaves its room.
 * Each can be dismissed. A screen reader hears a banner once, when it appears, from one live region
 * (#announcer; #announcer-urgent for signed-out and not saved): the banners themselves are not live, or moving from
 * the tray to the slot would say it again.
 */
import { html, nothing, render } from 'lit-html';
import { BANNERS, placeBanners } from './components/banner-places.js';
import { refocus } from './components/focus.js';
import { GUARD_MS } from './components/tap-guard.js';
import { DRAFT_SAVED, getKv, setKv } from './db.js';
import { isDeskRole } from './roles.js';
import { checkForUpdate, registerServiceWorker } from './sw-bridge.js';
import { hearOthers } from './tabs.js';

const SYNC_EVERY_MS = 60 * 1000;
// The least a floating banner keeps (one line and its Dismiss), even when the heading is at the very top.
const TRAY_FLOOR_PX = 60;

/**
 * Cap the floating banners' height (`tray`) at the room above the screen's heading and the control in use
 * (`touched`: the element last pressed), those of them on screen; a screen's heading sits right under the
 * header on most screens, and the text a 360 px phone wraps a banner to reached over it.
 */
function fitTray(tray, touched) {
  const inUse = [document.querySelector('#app h1'), document.activeElement, touched]
    .filter((el) => el?.isConnected && el !== document.body && !tray.contains(el))
    .map((el) => el.getBoundingClientRect()).filter((box) => box.bottom > 0 && box.top < window.innerHeight);
  const room = Math.min(window.innerHeight * 0.6, ...inUse.map((box) => box.top));
  tray.style.maxHeight = `${Math.max(TRAY_FLOOR_PX, Math.floor(room))}px`;
}

/** Start banners (in `slot` above the screen, or floating in `tray`), the service worker and every sync trigger. */
export function startShell(slot, tray, app) {
  const state = { ready: false, update: null, offline: !navigator.onLine, auth: null, unsaved: false, dismissed: new Set() };
  const showing = {
    unsaved: () => state.unsaved,
    offline: () => state.offline, ready: () => state.ready, update: () => Boolean(state.update), auth: () => Boolean(state.auth),
  };
  let places = {};
  const arriving = new Set(); // floating for less than GUARD_MS: taps pass through to what was aimed at
  let touched = null;
  document.addEventListener('pointerdown', (event) => { touched = event.target; }, { capture: true, passive: true });
  // Its height, for the page's scroll padding: a field the keyboard moves to is never hidden under it.
  const keepRoom = () => {
    const floating = Boolean(tray.querySelector('.banner'));
    if (floating) fitTray(tray, touched);
    document.documentElement.style.setProperty('--tray-room',
      `${floating ? Math.ceil(tray.getBoundingClientRect().bottom) : 0}px`);
  };
  let fitting = false; // at most once a frame while the page scrolls or focus moves
  const refit = () => {
    if (fitting || !tray.querySelector('.banner')) return;
    fitting = true;
    requestAnimationFrame(() => {
      fitting = false;
      keepRoom();
    });
  };
  for (const type of ['scroll', 'resize', 'focusin', 'pointerdown']) window.addEventListener(type, refit, { passive: true });
  const draw = ({ screenChanged = false } = {}) => {
    const before = places;
    places = placeBanners(places, BANNERS.filter((kind) => showing[kind]() && !state.dismissed.has(kind)),
      { screenChanged });
    for (const [kind, where] of Object.entries(places)) {
      if (!(kind in before)) announce(kind);
      if (where === 'float' && before[kind] !== 'float') {
        arriving.add(kind);
        setTimeout(() => { // then it takes taps
          arriving.delete(kind);
          draw();
        }, GUARD_MS);
      }
    }
    // Until the screen changes the slot keeps the height it has (CSSOM: allowed by the CSP, unlike style="").
    slot.style.minHeight = screenChanged ? '' : `${slot.getBoundingClientRect().height}px`;
    const close = (kind) => () => {
      state.dismissed.add(kind);
      draw();
      // Its Dismiss went with it: focus goes to the screen's heading rather than back to the top of the page.
      refocus('#app h1');
    };
    render(view(state, app, places, 'flow', () => false, close), slot);
    render(view(state, app, places, 'float', (kind) => arriving.has(kind), close), tray);
    keepRoom();
  };
  new ResizeObserver(keepRoom).observe(tray);
  const announce = (kind) => {
    const region = document.getElementById(kind === 'auth' || kind === 'unsaved' ? 'announcer-urgent' : 'announcer');
    const said = document.createElement('p'); // a new node each time: the same words twice are still news
    said.textContent = message(state, app.t, kind);
    region.replaceChildren(said);
  };

  // "Ready to work offline" waits for the next screen: the worker is ready a moment after the first
  // load, while the employee is about to tap "Sign in", and the news is not urgent enough to cover
  // anything. It comes with the next screen (usually Home after sign-in), above it. The role is kept
  // here so that moment needs no await. Offline, it is dropped (and counts as said): the offline banner
  // says the same and more (reports are kept on the phone), and one banner reads better than two.
  let readyWaiting = false;
  let role = null;
  getKv('session').then((session) => { role = session?.user?.role ?? role; });
  app.on((event) => {
    if (event.type !== 'screen') return;
    // The desk is not precached: "Ready to work offline" would be untrue there, and took a queue row.
    if (readyWaiting && !isDeskRole(role)) {
      state.ready = !state.offline;
      setKv('offline_ready_shown', true);
    }
    readyWaiting = false;
    draw({ screenChanged: true });
  });

  registerServiceWorker({
    onReady: async () => {
      if (await getKv('offline_ready_shown') || isDeskRole((await getKv('session'))?.user?.role)) return;
      readyWaiting = true;
    },
    onUpdate: (apply) => {
      state.update = apply;
      state.dismissed.delete('update');
      draw();
    },
  });

  hearOthers((event) => app.emit(event));

  app.on(async (event) => {
    if (event.type === 'auth' && event.reason !== state.auth) state.dismissed.delete('auth');
    if (event.type === 'auth') state.auth = event.reason;
    if (event.type === 'signed-in') state.auth = null;
    if (event.type === 'signed-in') role = (await getKv('session'))?.user?.role ?? null;
    if (event.type === 'signed-in' && isDeskRole(role)) state.ready = false;
    if (event.type === 'language' || event.type === 'auth' || event.type === 'signed-in') draw();
  });
  // A draft the phone could not keep (storage full): said at once, until a save succeeds again.
  window.addEventListener(DRAFT_SAVED, (event) => {
    const unsaved = !event.detail?.ok;
    if (unsaved === state.unsaved) return;
    state.unsaved = unsaved;
    state.dismissed.delete('unsaved');
    draw();
  });
  window.addEventListener('online', () => {
    state.offline = false;
    state.dismissed.delete('offline');
    draw();
    app.syncSoon('online');
  });
  window.addEventListener('offline', () => {
    state.offline = true;
    state.ready = false;
    draw();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      app.syncSoon('visible');
      checkForUpdate();
    }
  });
  setInterval(() => app.engine.syncNow('timer'), SYNC_EVERY_MS);
  getKv('auth_problem').then((problem) => {
    state.auth = problem?.reason || null;
    draw();
  });
  draw();
  app.syncSoon('start');
}

/** The banners placed `where`; `arriving(kind)`: it appeared under a finger that may be mid-tap, so it takes no tap yet. */
function view(state, app, places, where, arriving, close) {
  const { t } = app;
  const banner = (kind, body) => html`<p class="banner banner-${kind}${arriving(kind) ? ' arriving' : ''}"><span>${
    message(state, t, kind)}</span>${body}<button type="button" class="link dismiss" @click=${close(kind)}>${
    t('action.dismiss')}</button></p>`;
  const banners = {
    unsaved: () => banner('unsaved', nothing),
    offline: () => banner('offline', nothing),
    ready: () => banner('ready', nothing),
    update: () => banner('update', html`<button type="button" @click=${() => state.update()}>${t('action.reload')}</button>`),
    auth: () => banner('auth', state.auth === 'device_revoked' ? nothing
      : html`<a href="#/signin">${t('action.signin')}</a>`),
  };
  // One part per kind: a banner that stays is the same element.
  const at = (kind) => (places[kind] === where ? banners[kind]() : nothing);
  return html`${at('unsaved')}${at('offline')}${at('ready')}${at('update')}${at('auth')}`;
}

/** What the banner of `kind` says (shown, and announced once when it appears). */
function message(state, t, kind) {
  if (kind === 'auth') return t(state.auth === 'device_revoked' ? 'banner.device_revoked' : 'banner.signin_again');
  return t(`banner.${kind}`);
}
