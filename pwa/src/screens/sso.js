/**
 * Back from the City's sign-in page (#/sso?handoff=… or #/sso?error=…): finish the sign-in, or say
 * plainly why it was refused. An account the City has not given access to gets "ask your
 * administrator", never a role by default (the server decides; this screen only tells).
 */
import { html, nothing, render } from 'lit-html';
import { AuthError, TransientError } from '../api.js';
import { finishCitySignIn, startCitySignIn } from '../city-signin.js';
import { setTitle } from '../components/format.js';
import { afterSignIn, wipeIfOrdered } from './signin.js';

const REASONS = ['unmapped', 'inactive', 'provider', 'expired', 'invalid'];
// What the screen may be found saying in its address (`#/sso?error=`): the server's reasons and the sign-in
// screen's message keys `failure` gives.
const SHOWN = [...REASONS, 'signin.error.offline', 'signin.error.revoked'];
// Refusals only an administrator can change; the others are worth trying again.
const ASK_ADMINISTRATOR = new Set(['unmapped', 'inactive', 'provider', 'signin.error.revoked']);

/** The reason for a failed hand-off (one of REASONS, or a sign-in screen's message key). */
function failure(error) {
  if (error instanceof AuthError && error.reason === 'user_inactive') return 'inactive';
  if (error instanceof TransientError) return 'signin.error.offline';
  if (error?.status === 403 && error.body?.reason === 'device_revoked') return 'signin.error.revoked';
  return 'expired';
}

/** Finish the City sign-in, or show why it cannot. */
export async function show(root, params, app) {
  const { t } = app;
  const query = new URLSearchParams(window.location.hash.split('?')[1] || '');
  const handoff = query.get('handoff');
  // The hand-off code is used once; keep it out of the history and of any later screen's address.
  if (window.location.hash !== '#/sso') window.history.replaceState(null, '', '#/sso');
  let reason = SHOWN.includes(query.get('error')) ? query.get('error') : null;
  if (!handoff && !reason) reason = 'expired';

  async function again() {
    try {
      await startCitySignIn();
    } catch (error) {
      reason = failure(error);
      draw();
    }
  }

  function draw(busy = false) {
    if (busy) {
      setTitle(t('sso.title'), root);
      render(html`<h1>${t('sso.title')}</h1><p role="status">${t('sso.busy')}</p>`, root);
      return;
    }
    // The reason stays in the address: drawn again (a language switched to on this screen), it says the same.
    window.history.replaceState(null, '', `#/sso?error=${encodeURIComponent(reason)}`);
    const ask = ASK_ADMINISTRATOR.has(reason);
    const title = ask ? t('sso.refused.title') : t('sso.failed.title');
    setTitle(title, root);
    render(html`
      <h1>${title}</h1>
      <p class="error-box" role="alert">${REASONS.includes(reason) ? t(`sso.error.${reason}`) : t(reason)}</p>
      ${ask ? nothing : html`<button type="button" class="button primary" @click=${again}>
        ${t('sso.try_again')}</button>`}
      <p><a href="#/signin">${t('sso.back')}</a></p>`, root);
  }

  if (reason) {
    draw();
    return () => {};
  }
  draw(true);
  try {
    const user = await finishCitySignIn(handoff);
    if (user === null) return () => {}; // leaving for the provider again with a new device id
    await afterSignIn(app);
  } catch (error) {
    await wipeIfOrdered(error);
    reason = failure(error);
    draw();
  }
  return () => {};
}
