/**
 * The shell around every screen: banners ("Ready to work offline", "Update available —
 * reload", signed-out, offline), sync triggers, and persistent-storage request.
 */
import { html, render } from 'lit-html';
import { getKv, setKv } from './db.js';
import { isDeskRole } from './roles.js';
import { checkForUpdate, registerServiceWorker } from './sw-bridge.js';

const SYNC_EVERY_MS = 60 * 1000;

/** Start banners, the service worker and every sync trigger. */
export function startShell(root, app) {
  const state = { ready: false, update: null, offline: !navigator.onLine, auth: null };
  const draw = () => render(view(state, app), root);
  // "Ready to work offline" waits for the next screen: the worker is ready a moment after the first
  // load, while the employee is about to tap "Sign in", and a banner appearing then pushes the
  // button from under the finger. Drawn in the same task as the screen change, it moves nothing
  // anyone is aiming at. The role is kept here so that moment needs no await.
  let readyWaiting = false;
  let role = null;
  getKv('session').then((session) => { role = session?.user?.role ?? role; });
  window.addEventListener('hashchange', () => {
    if (!readyWaiting) return;
    readyWaiting = false;
    // The desk is not precached: "Ready to work offline" would be untrue there, and took a queue row.
    if (isDeskRole(role)) return;
    state.ready = true;
    draw();
    setKv('offline_ready_shown', true);
  });

  registerServiceWorker({
    onReady: async () => {
      if (await getKv('offline_ready_shown') || isDeskRole((await getKv('session'))?.user?.role)) return;
      readyWaiting = true;
    },
    onUpdate: (apply) => {
      state.update = apply;
      draw();
    },
  });

  const channel = 'BroadcastChannel' in self ? new BroadcastChannel('encounter-log') : null;
  channel?.addEventListener('message', (message) => app.emit(message.data));

  app.on(async (event) => {
    if (event.type === 'auth') state.auth = event.reason;
    if (event.type === 'signed-in') state.auth = null;
    if (event.type === 'signed-in') role = (await getKv('session'))?.user?.role ?? null;
    if (event.type === 'signed-in' && isDeskRole(role)) state.ready = false;
    if (event.type === 'language' || event.type === 'auth' || event.type === 'signed-in') draw();
  });
  window.addEventListener('online', () => {
    state.offline = false;
    draw();
    app.syncSoon('online');
  });
  window.addEventListener('offline', () => {
    state.offline = true;
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

function view(state, app) {
  const { t } = app;
  return html`
    ${state.offline ? html`<p class="banner banner-offline" role="status">${t('banner.offline')}</p>` : ''}
    ${state.ready ? html`<p class="banner banner-ready" role="status">${t('banner.ready')}
      <button type="button" class="link" @click=${() => { state.ready = false; render(view(state, app), document.getElementById('banners')); }}>${t('action.dismiss')}</button></p>` : ''}
    ${state.update ? html`<p class="banner banner-update" role="status">${t('banner.update')}
      <button type="button" @click=${() => state.update()}>${t('action.reload')}</button></p>` : ''}
    ${state.auth ? html`<p class="banner banner-auth" role="alert">
      ${state.auth === 'device_revoked' ? t('banner.device_revoked') : t('banner.signin_again')}
      ${state.auth === 'device_revoked' ? '' : html`<a href="#/signin">${t('action.signin')}</a>`}</p>` : ''}`;
}
