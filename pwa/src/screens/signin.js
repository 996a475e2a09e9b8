/** Sign in (needs the network once); the token is kept, never the password. */
import { html, nothing, render } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { AuthError, TransientError, signIn } from '../api.js';
import { signInOptions, startCitySignIn } from '../city-signin.js';
import { setTitle } from '../components/format.js';
import { installNoteDue } from '../components/install-note.js';

// What was typed survives any re-render of the form (a language switch, the router showing the screen
// again during start-up): the fields are bound to these, not left to whichever DOM nodes are current.
// The password is kept only while the sign-in screen is shown, and dropped on success.
let rememberedUsername = '';
let typedPassword = '';

/** Turn a failed sign-in into the message key the user sees. */
function errorKey(error) {
  if (error instanceof AuthError) return error.reason === 'user_inactive' ? 'signin.error.inactive' : 'signin.error.credentials';
  if (error?.status === 403 && error.body?.reason === 'device_revoked') return 'signin.error.revoked';
  if (error?.status === 403 && error.body?.reason === 'local_passwords_off') return 'signin.error.local_off';
  if (error instanceof TransientError) {
    if (!navigator.onLine || error.message === 'no network') return 'signin.error.offline';
    if (error.message.includes('429')) return 'signin.error.too_many';
    // The City's sign-in unreachable (503 provider_unavailable), or this server in trouble: both say try later.
    if (error.message.includes('503')) return 'signin.error.provider_down';
    return 'signin.error.server';
  }
  if (error?.status === 422 || error?.status === 400) return 'signin.error.credentials';
  return 'signin.error.server';
}

/**
 * A sign-in refused because this device's wipe is pending (it was signed out when the order came, so no
 * sync heard it): erase the phone now (src/wipe.js), which reloads on the sign-in screen with a new device id.
 */
export async function wipeIfOrdered(error) {
  if (error?.status !== 403 || error.body?.reason !== 'device_wipe') return;
  const { wipeNow } = await import('../field.js');
  await wipeNow({ tellServer: false });
}

/** What follows any sign-in (password or City account): storage, sync, the role's first screen. */
export async function afterSignIn(app) {
  app.emit({ type: 'signed-in' });
  // Ask once, at a moment the user has shown intent: browsers grant it more readily then.
  navigator.storage?.persist?.().catch(() => {});
  await installNoteDue();
  app.syncSoon('signin');
  app.navigate('#/');
}

/** Render the sign-in form. */
export async function show(root, params, app) {
  const { t } = app;
  // options: what the server offers (City account, passwords); null until known or when it cannot be asked.
  const state = { busy: false, error: null, options: null };
  setTitle(t('signin.title'), root);

  async function cityAccount() {
    state.busy = true;
    state.error = null;
    draw();
    try {
      await startCitySignIn(); // the window leaves for the City's sign-in page
    } catch (error) {
      state.busy = false;
      state.error = errorKey(error);
      draw();
      root.querySelector('#signin-error')?.focus();
    }
  }

  async function submit(event) {
    event.preventDefault();
    const form = event.target;
    const username = form.username.value.trim();
    const password = form.password.value;
    rememberedUsername = username;
    if (!username || !password) {
      state.error = 'signin.error.empty';
      draw();
      return;
    }
    state.busy = true;
    state.error = null;
    draw();
    try {
      await signIn(username, password);
      typedPassword = '';
      form.password.value = '';
      await afterSignIn(app);
    } catch (error) {
      await wipeIfOrdered(error);
      state.busy = false;
      state.error = errorKey(error);
      draw();
      root.querySelector('#signin-error')?.focus();
    }
  }

  function draw() {
    const described = state.error ? 'signin-error' : undefined;
    render(html`
      <h1>${t('signin.title')}</h1>
      <p>${t('signin.intro')}</p>
      ${state.error ? html`<p class="error-box" id="signin-error" role="alert" tabindex="-1">${t(state.error)}</p>` : nothing}
      ${passwordPart(html`<form class="stack" @submit=${submit} novalidate>
        <div class="field">
          <label for="username">${t('signin.username')}</label>
          <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false"
            required .value=${rememberedUsername} aria-describedby=${ifDefined(described)}
            @input=${(e) => { rememberedUsername = e.target.value; }}
            aria-invalid=${state.error === 'signin.error.credentials' ? 'true' : 'false'}>
        </div>
        <div class="field">
          <label for="password">${t('signin.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required
            .value=${typedPassword} @input=${(e) => { typedPassword = e.target.value; }}
            aria-describedby=${ifDefined(described)}
            aria-invalid=${state.error === 'signin.error.credentials' ? 'true' : 'false'}>
        </div>
        <button type="submit" class="button primary" ?disabled=${state.busy}>
          ${state.busy ? t('signin.busy') : t('signin.submit')}</button>
      </form>`)}
      <p class="note">${t('signin.offline_note')}</p>`, root);
  }

  /** The password form: alone, after the City button, or folded away for break-glass users only. */
  function passwordPart(form) {
    const options = state.options;
    if (!options?.sso) return form;
    const city = html`<button type="button" class="button primary" id="city-signin" ?disabled=${state.busy}
        @click=${cityAccount}>${state.busy ? t('signin.city_busy') : t('signin.city')}</button>`;
    if (!options.local_passwords) {
      return html`${city}<details class="guide"><summary>${t('signin.break_glass')}</summary>${form}</details>`;
    }
    return html`${city}<h2>${t('signin.or_password')}</h2>${form}`;
  }

  let shown = true;
  draw();
  signInOptions().then((options) => {
    if (!shown) return; // the user has moved on: never draw over another screen
    state.options = options;
    draw();
  });
  return () => {
    shown = false;
    // Leaving the screen drops the password; the router showing sign-in again keeps it.
    if (window.location.hash !== '#/signin') typedPassword = '';
  };
}
