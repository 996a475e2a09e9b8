/**
 * The desk API (docs/desk-api.md) over the app's one fetch (`call`: token, time limit,
 * error classification). Desk screens are online screens: a failure is shown, not queued.
 */
import { ApiError, AuthError, call } from '../api.js';

/** A query string from an object; empty values and empty lists are left out, lists repeat the key. */
export function query(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') search.append(key, String(one));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GET a desk resource as JSON. */
export function get(path, params) {
  return call(`${path}${query(params)}`);
}

/** POST (or PUT) JSON to a desk resource; answers the server's JSON. */
export function send(path, body, method = 'POST') {
  return call(path, { method, body });
}

/**
 * Download a CSV export: fetched with the bearer token (a plain link could not send it),
 * then saved under `filename` through a temporary object URL.
 */
export async function downloadCsv(path, params, filename) {
  const blob = await call(`${path}${query(params)}`, { as: 'blob', accept: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A user-facing sentence for a failed desk request (the server's message when it sent one). Signed
 * out, the desk's own words: the phone's "reports on this phone are kept" means nothing at a desk,
 * where typed text stays only while the screen is open.
 */
export function problem(error, t) {
  if (error instanceof ApiError) return error.body?.message || error.message;
  if (error instanceof AuthError) return t(error.reason === 'device_revoked' ? 'desk.error.device_revoked' : 'desk.error.signin_again');
  return t('desk.error.network');
}
