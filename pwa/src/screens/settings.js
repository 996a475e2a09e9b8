/** Settings: language, colours and text size, sign out, and what this phone holds (storage, version, last sync). */
import { html, nothing, render } from 'lit-html';
import { session, signOut } from '../api.js';
import { getKv } from '../db.js';
import { retentionDays } from '../expiry.js';
import { radioGroup } from '../components/choice-fields.js';
import { TEXT_SIZES, THEMES, appearance, setAppearance } from '../components/appearance.js';
import { refocus } from '../components/focus.js';
import { dateTime, plural, setTitle } from '../components/format.js';
import { storageNote } from '../components/storage.js';
import { LANGUAGES } from '../i18n.js';
import { unsentCount } from '../outbox.js';

/** Render Settings. */
export async function show(root, params, app) {
  const { t } = app;
  const state = { confirm: false, busy: false };
  let data = null;
  setTitle(t('settings.title'), root);

  async function load() {
    data = { user: (await session())?.user, unsent: await unsentCount(), lastSync: await getKv('last_sync_at'),
      days: await retentionDays() };
  }

  async function doSignOut() {
    state.busy = true;
    draw();
    await signOut();
    app.emit({ type: 'signed-out' });
    app.navigate('#/signin');
  }

  /** Ask to sign out, or not: the button pressed leaves with the question, so focus goes to Cancel, then back to Sign out. */
  function ask(confirm) {
    state.confirm = confirm;
    draw();
    refocus(root.querySelector(confirm ? '.signout-cancel' : '.signout'));
  }

  function signOutBlock() {
    if (!data.user) return html`<p>${t('settings.signed_out')}</p><a class="button" href="#/signin">${t('action.signin')}</a>`;
    return html`
      <p>${t('home.signed_in_as', { name: data.user.display_name || data.user.username })}</p>
      <p id="signout-note">${data.unsent ? plural('settings.signout_unsent', data.unsent) : t('settings.signout_note')}</p>
      ${state.confirm ? html`
        <p class="warning-box" role="alert">${t('settings.signout_confirm')}</p>
        <div class="actions">
          <button type="button" class="button danger" ?disabled=${state.busy} @click=${doSignOut}>${t('settings.signout_yes')}</button>
          <button type="button" class="button signout-cancel" @click=${() => ask(false)}>${t('action.cancel')}</button>
        </div>`
      : html`<button type="button" class="button signout" aria-describedby="signout-note"
          @click=${() => ask(true)}>${t('settings.signout')}</button>`}`;
  }

  function draw() {
    render(html`
      <h1>${t('settings.title')}</h1>
      ${radioGroup({ name: 'language', legend: t('settings.language'), value: app.language(),
        options: LANGUAGES.map((l) => ({ value: l.code, label: html`<span lang=${l.code}>${l.name}</span>` })),
        onChange: (code) => app.switchLanguage(code) })}
      <section aria-labelledby="display-h">
        <h2 id="display-h">${t('settings.display')}</h2>
        ${radioGroup({ name: 'theme', legend: t('settings.theme'), value: appearance().theme,
          options: THEMES.map((value) => ({ value, label: t(`settings.theme.${value}`) })),
          onChange: async (theme) => { await setAppearance({ theme }); draw(); } })}
        ${radioGroup({ name: 'text-size', legend: t('settings.text_size'), value: appearance().textSize,
          options: TEXT_SIZES.map((value) => ({ value, label: t(`settings.text_size.${value}`) })),
          onChange: async (textSize) => { await setAppearance({ textSize }); draw(); } })}
      </section>
      <section aria-labelledby="account-h">
        <h2 id="account-h">${t('settings.account')}</h2>
        ${signOutBlock()}
      </section>
      <section aria-labelledby="phone-h">
        <h2 id="phone-h">${t('settings.this_phone')}</h2>
        ${storageNote(app)}
        <p id="phone-keeps">${t('settings.keeps', { summary: data.days.summary_days, answers: data.days.answer_days,
          drafts: data.days.draft_days })}</p>
        <dl class="summary">
          <div><dt>${t('settings.last_sync')}</dt><dd>${data.lastSync ? dateTime(data.lastSync, { seconds: true }) : t('reports.never_synced')}</dd></div>
          <div><dt>${t('settings.version')}</dt><dd>${app.version}</dd></div>
        </dl>
      </section>
      ${nothing}`, root);
  }

  await load();
  draw();
  return app.on(async (event) => {
    if (['sync-end', 'outbox-changed', 'storage'].includes(event.type)) {
      await load();
      draw();
    }
  });
}
