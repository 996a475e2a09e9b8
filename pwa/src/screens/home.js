/** Home: start an encounter in one tap, continue drafts, and say plainly what is only on this phone. */
import { html, nothing, render } from 'lit-html';
import { session } from '../api.js';
import { dateTime, plural, setTitle } from '../components/format.js';
import { storageNote } from '../components/storage.js';
import { currentVersion, deleteDraft, getVersion, listDrafts, resumeHash, saveDraft } from '../drafts.js';
import { pick } from '../i18n.js';
import { installNote, installNoteShown } from '../components/install-note.js';
import { listOutbox, onlyOnThisPhone } from '../outbox.js';
import { heldForOthers } from '../owner.js';
import { newDraft } from '../report.js';

/** Where a draft stands, in words ("Step 3 of 14", "Report form"). */
function progress(draft, version, t) {
  if (draft.stage === 'report') return t('home.draft.at_report');
  if (draft.stage === 'review') return t('home.draft.at_review');
  const total = version?.steps?.length || 0;
  if (!total) return t('home.draft.at_report'); // its checklist is gone from this phone: it resumes at the report
  return t('step.count', { n: Math.min((draft.step_index || 0) + 1, total), total });
}

/** Render the home screen. */
export async function show(root, params, app) {
  const { t } = app;
  const state = { confirmDelete: null, starting: false, syncing: Boolean(app.engine.running) };
  let data = null;
  setTitle(t('home.title'));

  async function load() {
    const [user, version, drafts, outbox] = [(await session())?.user, await currentVersion(), await listDrafts(), await listOutbox()];
    const unsent = outbox.filter(onlyOnThisPhone).length;
    const attention = outbox.filter((r) => r.state === 'rejected' || r.state === 'conflict').length;
    const versions = new Map();
    for (const d of drafts) versions.set(d.version_id, await getVersion(d.version_id));
    data = { user, version, drafts, unsent, attention, versions, held: await heldForOthers(), installNote: await installNoteShown() };
  }

  async function start() {
    if (state.starting || !data.version) return;
    state.starting = true;
    const draft = newDraft(data.version, { language: app.language(), owner: data.user?.id ?? null });
    await saveDraft(draft);
    app.navigate(`#/encounter/${draft.id}/step/0`);
  }

  async function remove(id) {
    await deleteDraft(id);
    state.confirmDelete = null;
    await load();
    draw();
    root.querySelector('h1')?.focus();
  }

  function draftItem(d) {
    const version = data.versions.get(d.version_id);
    const describedId = `draft-${d.id}`;
    return html`
      <li class="card">
        <p id=${describedId}><strong>${t('home.draft.started', { time: dateTime(d.started_at) })}</strong><br>
          ${progress(d, version, t)}</p>
        <div class="actions">
          <button type="button" class="button primary" aria-describedby=${describedId}
            @click=${() => app.navigate(resumeHash(d))}>${t('home.draft.continue')}</button>
          ${state.confirmDelete === d.id ? html`
            <p class="warning-box" role="alert">${t('home.draft.delete_confirm')}</p>
            <button type="button" class="button danger" @click=${() => remove(d.id)}>${t('home.draft.delete_yes')}</button>
            <button type="button" class="button" @click=${() => { state.confirmDelete = null; draw(); }}>${t('home.draft.delete_no')}</button>`
          : html`<button type="button" class="button quiet" aria-describedby=${describedId}
              @click=${() => { state.confirmDelete = d.id; draw(); }}>${t('home.draft.delete')}</button>`}
        </div>
      </li>`;
  }

  function draw() {
    const { user, version, drafts, unsent, attention, held } = data;
    const { syncing } = state;
    render(html`
      <h1 class="home-title">${t('home.title')}</h1>
      ${version ? html`
        <button type="button" class="button start" @click=${start} ?disabled=${state.starting}>${t('home.start')}</button>
        <p class="hint">${t('home.start_hint', { title: pick(version.title) })}</p>`
      : html`
        <div class="notice" role="status">
          <p>${syncing ? t('home.no_checklist_loading') : t('home.no_checklist')}</p>
          <button type="button" class="button" ?disabled=${syncing} @click=${() => app.syncSoon('retry-checklist')}>${t('action.try_again')}</button>
        </div>`}
      ${user ? html`<p class="who">${t('home.signed_in_as', { name: user.display_name || user.username })}
        ${user.department ? html`<br>${user.department.name}` : nothing}</p>` : nothing}
      ${installNote(t, data.installNote, async () => { await load(); draw(); })}
      ${drafts.length ? html`
        <section aria-labelledby="drafts-h">
          <h2 id="drafts-h">${t('home.drafts')}</h2>
          <ul class="cards">${drafts.map(draftItem)}</ul>
        </section>` : nothing}
      <section aria-labelledby="phone-h">
        <h2 id="phone-h">${t('home.on_phone')}</h2>
        <p class=${unsent ? 'notice' : ''}>${unsent ? plural('home.unsent', unsent) : t('home.all_sent')}
          <a href="#/reports">${t('nav.reports')}</a></p>
        ${attention ? html`<p class="error-box">${plural('home.attention', attention)}</p>` : nothing}
        ${held ? html`<p class="note">${plural('home.held', held)}</p>` : nothing}
        ${storageNote(app)}
      </section>
      <section aria-labelledby="more-h">
        <h2 id="more-h">${t('home.more')}</h2>
        <ul class="link-list">
          <li><a href="#/guide">${t('guide.title')}</a></li>
          <li><a href="#/settings">${t('home.settings_link')}</a></li>
        </ul>
      </section>`, root);
  }

  await load();
  draw();
  if (params.autostart && data.version) await start();
  const stop = app.on(async (event) => {
    if (event.type === 'sync-start') state.syncing = true;
    if (event.type === 'sync-end') state.syncing = false;
    if (['sync-start', 'sync-end', 'outbox-changed', 'storage'].includes(event.type)) {
      await load();
      draw();
    }
  });
  return stop;
}
