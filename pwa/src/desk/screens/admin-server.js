/**
 * Admin: "This server" — the data-protection and sign-in settings in effect (GET /admin/settings), read-only.
 * The server's operators set them in its environment; this screen says what they are in the desk's words.
 */
import { html, nothing, render } from 'lit-html';
import { dateTime, plural, setTitle } from '../../components/format.js';
import { formatNumber } from '../../i18n.js';
import { get, problem } from '../api.js';

// A rate window of exactly one unit reads "10 per minute"; any other, "10 in 90 seconds".
const UNITS = { 1: 'second', 60: 'minute', 3600: 'hour', 86400: 'day' };

/** A sign-in rate limit ([{count, seconds}]) in words. */
export function rateText(limits, t) {
  return limits.map(({ count, seconds }) => (UNITS[seconds]
    ? t(`admin.server.rate.${UNITS[seconds]}`, { count }) : t('admin.server.rate.seconds', { count, seconds }))).join('; ');
}

const row = (label, value) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
const days = (count) => plural('admin.server.after_days', count);

function section(title, rows) {
  return html`<section class="card"><h2>${title}</h2><dl class="summary">${rows}</dl></section>`;
}

function settingsView(s, t) {
  const { retention: r, phones: p, sign_in: sign } = s;
  return html`
    ${section(t('admin.server.retention'), [
      row(t('admin.server.closed'), days(r.closed_days)),
      row(t('admin.server.open'), days(r.open_days)),
      row(t('admin.server.on_hold'), formatNumber(r.on_legal_hold)),
      row(t('admin.server.last_run'), r.last_run_at ? dateTime(r.last_run_at) : t('admin.server.never_erased')),
      row(t('admin.server.last_erased'), r.last_erased_at ? dateTime(r.last_erased_at) : t('admin.server.never_erased')),
    ])}
    ${section(t('admin.server.phones'), [
      row(t('admin.server.wipe'), days(p.wipe_after_days)),
      row(t('admin.server.draft'), days(p.draft_days)),
    ])}
    ${section(t('admin.server.sign_in'), [
      row(t('admin.server.sso'), t(sign.sso ? 'admin.server.set_up' : 'admin.server.not_set_up')),
      sign.oidc_issuer ? row(t('admin.server.issuer'), html`<bdi dir="ltr" class="issuer">${sign.oidc_issuer}</bdi>`) : nothing,
      row(t('admin.server.local_passwords'), sign.local_passwords ? t('admin.server.local_on')
        : t('admin.server.local_off', { count: sign.break_glass_users })),
      row(t('admin.server.rate'), rateText(sign.login_rate_limit, t)),
    ])}
    ${section(t('admin.server.other'), [
      row(t('admin.server.push'), t(s.web_push ? 'admin.server.set_up' : 'admin.server.not_set_up')),
      row(t('admin.server.suppress'), t('admin.server.suppress_range', { max: s.publication.suppress_below - 1 })),
    ])}`;
}

/** Show the "This server" screen. */
export async function show(root, params, app) {
  const { t } = app;
  let state = { loading: true, settings: null, error: '' };
  const view = () => html`
    <h1>${t('admin.server.title')}</h1>
    <p class="hint">${t('admin.server.intro')}</p>
    ${state.error ? html`<p class="error-box" role="alert">${state.error}</p>` : nothing}
    ${state.loading ? html`<p class="loading">${t('admin.loading')}</p>` : nothing}
    ${state.settings ? html`${settingsView(state.settings, t)}<p class="hint">${t('admin.server.where')}</p>` : nothing}`;
  setTitle(t('admin.server.title'), root);
  render(view(), root);
  try {
    state = { ...state, loading: false, settings: await get('/admin/settings') };
  } catch (error) {
    state = { ...state, loading: false, error: problem(error, t) };
  }
  if (root.isConnected) render(view(), root);
}
