/**
 * The app context handed to every screen: navigation, the sync engine, banners, language.
 * Screens are modules exporting `show(root, params, app)`; they render with lit-html
 * (which escapes every interpolated value) and re-render themselves when their data changes.
 */
import { getKv, setKv } from './db.js';
import { language, setLanguage, t } from './i18n.js';
import { matchLanguage } from './languages.js';
import { requestBackgroundSync } from './sw-bridge.js';

const listeners = new Set();

// pwa14: the sync engine and the outbox are in the field chunk (src/field.js), loaded on the first sync with a
// session (the shell starts syncing after the first screen is drawn): the sign-in screen needs neither.
// Until then `app.engine` is a stand-in that is not running; the real engine replaces it.
let engineLoad = null;
function loadEngine() {
  engineLoad ??= import('./field.js').then(({ SyncEngine }) => {
    app.engine = new SyncEngine({ onEvent: (event) => app.emit(event) });
    return app.engine;
  }).catch((error) => {
    engineLoad = null; // not fetched (offline before the app was cached): tried again on the next sync
    throw error;
  });
  return engineLoad;
}

export const app = {
  t,
  version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
  engine: {
    running: null,
    // Signed out there is nothing to send or pull: the engine is loaded with the first session.
    async syncNow(reason) {
      if (!(await getKv('session'))?.token) return;
      await loadEngine().then((engine) => engine.syncNow(reason), () => {});
    },
  },

  /** Go to a route, e.g. '#/reports'; `stay`: the same screen with other filters, so focus stays where it is. */
  navigate(hash, stay = false) {
    if (window.location.hash === hash) app.emit({ type: 'route' });
    else {
      app.stay = stay; // read by the router's hashchange (src/router.js)
      window.location.hash = hash;
    }
  },

  /** Tell listeners (the current screen, the shell) that something changed. */
  emit(event) {
    for (const listener of listeners) listener(event);
  },

  /** Listen to app events; returns a function that stops listening. */
  on(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /**
   * Push and pull now. Background Sync is only asked for when the page cannot finish the
   * job itself (offline, or the run failed): asking while online makes Chromium fire the
   * worker's sync at once, running everything twice.
   */
  async syncSoon(reason) {
    if (!navigator.onLine) {
      requestBackgroundSync();
      return;
    }
    await app.engine.syncNow(reason);
    if (!engineLoad) return; // signed out: nothing was synced
    const { pushable } = await import('./field.js');
    const unsent = (await pushable()).length;
    if (unsent) requestBackgroundSync();
  },

  /** The current language code. */
  language,

  /** Switch language (its catalog is fetched once, then kept for offline use) and remember it. */
  async switchLanguage(code) {
    await setLanguage(code);
    await setKv('language', code);
    app.emit({ type: 'language' });
  },

  /** Restore the remembered language, or the browser's if we have it. */
  async restoreLanguage() {
    const saved = await getKv('language');
    const browser = (navigator.languages || [navigator.language]).map(matchLanguage).find(Boolean);
    await setLanguage(saved || browser || 'en');
  },
};
