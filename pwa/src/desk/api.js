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
 * The server's refusal reasons (`reason` of the one error shape: server/errors.py, the blueprints, the
 * domain errors) that the desk's screens can meet, each with the catalog key of its sentence in the desk's
 * language. The one place that maps reasons to words: a reason not listed here shows the server's
 * (English) message, so a new refusal is never silent, only untranslated until it is added.
 */
export const REFUSALS = {
  invalid: 'desk.refusal.invalid',
  invalid_transition: 'desk.refusal.changed',
  concurrent_change: 'desk.refusal.concurrent',
  forbidden_role: 'desk.refusal.forbidden',
  no_such_photo: 'desk.refusal.photo_gone',
  removed: 'desk.refusal.photo_gone',
  duplicate: 'desk.refusal.duplicate',
  unknown_reference: 'desk.refusal.unknown_reference',
  self_lockout: 'desk.refusal.self_lockout',
  code_in_use: 'desk.refusal.code_in_use',
  no_wipe_requested: 'desk.refusal.no_wipe_requested',
  no_draft: 'desk.refusal.no_draft',
  nothing_changed: 'desk.refusal.nothing_changed',
  draft_changed: 'desk.refusal.draft_changed',
  published_since: 'desk.refusal.published_since',
  only_active_version: 'desk.refusal.only_active_version',
  invalid_draft: 'desk.refusal.invalid_draft',
  integrity: 'desk.refusal.conflict',
  unstorable_value: 'desk.refusal.unstorable',
  malformed_body: 'desk.refusal.resend',
  malformed_json: 'desk.refusal.resend',
  malformed_request: 'desk.refusal.too_long',
  too_large: 'desk.refusal.too_large',
  push_not_configured: 'desk.refusal.push_off',
  invalid_subscription: 'desk.refusal.push_refused',
  already_published: 'liaison.quarterly.already_published',
  quarter_not_over: 'liaison.quarterly.quarter_not_over',
  changed_since_shown: 'liaison.quarterly.changed_since_shown',
  // A filter's code or id that names nothing the reader sees (server/lookup.py).
  unknown_department: 'desk.refusal.unknown_department',
  unknown_site: 'desk.refusal.unknown_site',
  unknown_version: 'desk.refusal.unknown_version',
  not_in_department: 'desk.refusal.not_in_department',
  // An assignee the City's sign-in refused as unmapped since the list was drawn (server/reports/assignees.py).
  assignee_unmapped: 'desk.refusal.assignee_unmapped',
};

/**
 * The catalog key of a refusal's sentence; a 422 without a reason is the schemas' field validation, a 404
 * without one "not found" in the desk's words (never the server's English sentence).
 */
export function refusalKey(body, status) {
  if (body?.reason) return REFUSALS[body.reason] || null;
  return { 422: REFUSALS.invalid, 404: 'desk.refusal.not_found' }[status] || null;
}

/**
 * True when the server refused the reader's role (403): the screen then shows its title and the refusal alone,
 * never its controls (a picker, a form, filters) for a reader who may not use them.
 */
export const refused = (error) => error instanceof ApiError && error.status === 403;

/**
 * A user-facing sentence for a failed desk request: the desk's own words for a refusal it knows
 * (REFUSALS), else the server's message as sent. Signed out, the desk's own words too: the phone's
 * "reports on this phone are kept" means nothing at a desk, where typed text stays only while the
 * screen is open.
 */
export function problem(error, t) {
  if (error instanceof ApiError) {
    const key = refusalKey(error.body, error.status);
    return key ? t(key) : error.body?.message || error.message;
  }
  if (error instanceof AuthError) return t(error.reason === 'device_revoked' ? 'desk.error.device_revoked' : 'desk.error.signin_again');
  return t('desk.error.network');
}
