/**
 * Talking to the server: sign-in, and a fetch that knows the token and a time limit.
 * Only a parsed JSON answer of the expected shape counts: a captive portal's 200 HTML
 * page or a proxy's error page is a network failure, not an answer.
 */
import { delKv, getKv, setKv } from './db.js';
import { uuid } from './uuid.js';

// pwa14: owner.js (and the outbox and report rules it reads) is loaded at sign-in and sign-out only,
// so the sign-in screen and the header, which need this module, paint without them.
const owner = () => import('./owner.js');

export const API = '/api/v1';
const TIMEOUT_MS = 20000;
const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

/** A failure worth retrying later: no network, timeout, 5xx, or an answer that is not ours. */
export class TransientError extends Error {
  constructor(message, retryAfterSeconds = null) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The server refused the token; `reason` says why (token_expired, device_revoked…). */
export class AuthError extends Error {
  constructor(reason, message) {
    super(message || reason);
    this.reason = reason;
  }
}

/** The server answered a well-formed error the client cannot fix by retrying. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** The id this device keeps for itself across sign-ins. */
export async function deviceId() {
  let id = await getKv('device_id');
  if (!id) {
    id = uuid();
    await setKv('device_id', id);
  }
  return id;
}

/** The current session ({token, user, expires_at}) or undefined. */
export function session() {
  return getKv('session');
}

/** Parse a JSON answer, or throw TransientError when it is not JSON (portal pages, proxies). */
async function readJson(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('application/json')) {
    throw new TransientError(`unexpected ${response.status} ${type || 'answer'} from the network`);
  }
  try {
    return await response.json();
  } catch {
    throw new TransientError('the answer was cut off or is not JSON');
  }
}

/**
 * fetch with the bearer token, a time limit and error classification; returns parsed JSON,
 * or with `as: 'blob'` the bytes of a successful answer (a photo, a CSV export: `accept` names
 * the type wanted). Errors are the server's JSON either way. `token`: send this one rather than the session's.
 */
export async function call(path, {
  method = 'GET', body, raw, contentType, auth = true, timeoutMs = TIMEOUT_MS, fetchImpl = self.fetch.bind(self),
  as = 'json', accept = 'application/json', token,
} = {}) {
  // The administrator sees each device's app version (server/admin/devices.py).
  const headers = { Accept: accept, 'X-App-Version': APP_VERSION };
  // The app's language (set on <html lang> by i18n.js), so server texts such as a priority's reason
  // follow the language chosen in the app rather than the browser's. Absent in the service worker.
  const lang = globalThis.document?.documentElement?.lang;
  if (lang) headers['Accept-Language'] = lang;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw !== undefined) headers['Content-Type'] = contentType; // bytes as they are (photos)
  if (auth) {
    // `token`: a sync run's own, read once when it began (src/sync.js), not whoever signed in since.
    const bearer = token ?? (await session())?.token;
    if (!bearer) throw new AuthError('token_missing');
    headers.Authorization = `Bearer ${bearer}`;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetchImpl(API + path, {
      method, headers, body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal, credentials: 'omit', cache: 'no-store',
    });
  } catch (error) {
    throw new TransientError(error.name === 'AbortError' ? 'the server did not answer in time' : 'no network');
  } finally {
    clearTimeout(timer);
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    const retry = Number(response.headers.get('Retry-After')) || null;
    throw new TransientError(`the server answered ${response.status}`, retry);
  }
  if (response.status === 204) return null;
  if (as === 'blob' && response.ok) return response.blob();
  const data = await readJson(response);
  if (response.status === 401) throw new AuthError(data?.reason || 'token_invalid', data?.message);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * The name this device signs in with (both ways in, src/city-signin.js too), as the administrator's device list and the audit trail show it: the browser
 * and the system ("Chrome · Android"), not the whole user-agent string. That string was unreadable in the list, and
 * its versions and build numbers are more than the City needs to hold about an employee's phone.
 */
export function deviceName(agent = self.navigator?.userAgent || '') {
  const first = (pairs) => pairs.find(([mark]) => agent.includes(mark))?.[1];
  const browser = first([['Edg/', 'Edge'], ['SamsungBrowser/', 'Samsung Internet'], ['Firefox/', 'Firefox'],
    ['FxiOS/', 'Firefox'], ['CriOS/', 'Chrome'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']]) || 'Browser';
  const system = first([['Android', 'Android'], ['iPhone', 'iPhone'], ['iPad', 'iPad'], ['CrOS', 'ChromeOS'],
    ['Windows', 'Windows'], ['Mac OS X', 'Mac'], ['Linux', 'Linux']]);
  return system ? `${browser} · ${system}` : browser;
}

/** Sign in with username and password; keeps the token (never the password). */
export async function signIn(username, password) {
  const attempt = async () => call('/auth/login', {
    method: 'POST', auth: false, body: { username, password, device_id: await deviceId(), device_name: deviceName() },
  });
  let data;
  try {
    data = await attempt();
  } catch (error) {
    // The previous user of this phone is still signed in on the server (they signed out
    // offline): the server will not hand their device over, so this phone takes a new id.
    if (!(error instanceof ApiError && error.body?.reason === 'device_in_use')) throw error;
    await setKv('device_id', uuid());
    data = await attempt();
  }
  return keepSession(data);
}

/** Keep a sign-in's answer (password or City account: the same shape); returns the user. */
export async function keepSession(data) {
  if (typeof data?.token !== 'string' || !data.user) throw new TransientError('unexpected sign-in answer');
  await (await owner()).adoptOwner(data.user.id);
  await setKv('session', {
    token: data.token, user: data.user, expires_at: data.expires_at, wipe_after_days: data.wipe_after_days,
  });
  await setKv('last_contact_at', new Date().toISOString());
  // Kept apart from the session: a phone signed out still erases itself after that long (src/wipe.js).
  await setKv('wipe_after_days', data.wipe_after_days);
  await delKv('auth_problem');
  return data.user;
}

/** Sign out: the token ends on the server when reachable; drafts and the outbox stay. */
export async function signOut() {
  try {
    await call('/auth/logout', { method: 'POST' });
  } catch { /* offline: the token is forgotten here anyway */ }
  await delKv('session');
  await (await owner()).forgetSessionData();
}
