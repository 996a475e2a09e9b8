/**
 * Sign-in with the City account (OpenID Connect through the server): the phone leaves for the City's
 * sign-in page and comes back to #/sso with a one-time hand-off code, which it redeems for its token.
 * The PKCE verifier and state stay on the server; the phone keeps only a random binding value in
 * IndexedDB (it survives the trip even when the browser reloads the app), which the server asks for
 * together with the hand-off code, so a code seen elsewhere is useless.
 */
import { delKv, getKv, setKv } from './db.js';
import { ApiError, call, deviceId, deviceName, keepSession } from './api.js';
import { uuid } from './uuid.js';

const BINDING = 'sso_binding';

/** Which ways of signing in the server offers ({sso, local_passwords}); null when it cannot be asked. */
export async function signInOptions() {
  try {
    return await call('/auth/options', { auth: false, timeoutMs: 8000 });
  } catch {
    return null;
  }
}

/** Random text for the binding value (two UUIDs' worth of randomness). */
function randomBinding() {
  return `${uuid()}${uuid()}`.replaceAll('-', '');
}

/** Start the City sign-in: ask the server for the provider's address and go there. */
export async function startCitySignIn(go = (url) => window.location.assign(url)) {
  const binding = randomBinding();
  await setKv(BINDING, binding);
  const data = await call('/auth/oidc/start', {
    method: 'POST', auth: false, body: { device_id: await deviceId(), device_name: deviceName(), binding },
  });
  if (typeof data?.authorize_url !== 'string' || !/^https?:\/\//.test(data.authorize_url)) {
    throw new ApiError(502, { message: 'unexpected answer' });
  }
  go(data.authorize_url);
}

/**
 * Redeem the hand-off code for this device's token; returns the user. When another account still
 * holds this device id on the server, the phone takes a new id and starts over (as the password sign-in does).
 */
export async function finishCitySignIn(handoff) {
  const binding = await getKv(BINDING);
  await delKv(BINDING); // once: a retry starts the City sign-in again
  try {
    const data = await call('/auth/oidc/finish', {
      method: 'POST', auth: false, body: { handoff, binding: binding || '', device_id: await deviceId() },
    });
    return await keepSession(data);
  } catch (error) {
    if (error instanceof ApiError && error.body?.reason === 'device_in_use') {
      await setKv('device_id', uuid());
      await startCitySignIn();
      return null;
    }
    throw error;
  }
}
