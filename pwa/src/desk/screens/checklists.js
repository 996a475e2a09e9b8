/**
 * Trainer: the visible departments' checklists with their published versions. A version the
 * server says can be retired can be (after a confirmation); the draft of each checklist opens in the editor.
 */
import { html, nothing, render } from 'lit-html';
import { dateTime, setTitle } from '../../components/format.js';
import { get, problem, send } from '../api.js';
import { checklistName } from '../components/liaison-filters.js';

/**
 * Ask a yes/no question in a modal <dialog> (focus stays inside, Escape cancels);
 * resolves true when the user confirms. Used by the trainer screens before every
 * change phones will notice (publish, retire). `text`: a paragraph or a list of them; an item
 * that is not a string (a template: a list of steps, say) is shown as it is.
 */
export function confirmDialog({ title, text, confirm, cancel, danger = false }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm-dialog';
    dialog.setAttribute('aria-labelledby', 'confirm-title');
    dialog.setAttribute('aria-describedby', 'confirm-text');
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    render(html`
      <h2 id="confirm-title">${title}</h2>
      <div id="confirm-text">${(Array.isArray(text) ? text : [text]).map((p) => (typeof p === 'string' ? html`<p>${p}</p>` : p))}</div>
      <div class="actions">
        <button type="button" class="button ${danger ? 'danger' : 'primary'}" @click=${() => close(true)}>${confirm}</button>
        <button type="button" class="button quiet" @click=${() => close(false)}>${cancel}</button>
      </div>`, dialog);
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('.button.quiet').focus();
  });
}

/** Render the list of checklists. */
export async function show(root, params, app) {
  const { t } = app;
  let state = { loading: true, checklists: [], error: '', message: '' };
  let alive = true;

  // `running` and `retirable` are the server's answers (GET /checklists): the desk repeats neither rule.
  const statusOf = (version) => {
    if (version.retired) return t('trainer.version.retired', { date: dateTime(version.retired_at) });
    return version.running ? t('trainer.version.running') : t('trainer.version.active');
  };
  // A retire the server would refuse is never offered: the only version phones can use says why instead.
  const actionOf = (checklist, version) => {
    if (version.retired) return nothing;
    if (!version.retirable) return html`<span class="hint">${t('trainer.retire.only_version')}</span>`;
    return html`<button type="button" class="button quiet" @click=${() => retire(checklist, version)}>
      ${t('trainer.retire.button', { number: version.number })}</button>`;
  };

  async function retire(checklist, version) {
    const ok = await confirmDialog({
      title: t('trainer.retire.title', { number: version.number }),
      text: [t('trainer.retire.text'), t('trainer.retire.in_progress')],
      confirm: t('trainer.retire.confirm', { number: version.number }),
      cancel: t('trainer.action.cancel'),
      danger: true,
    });
    if (!ok) return;
    try {
      await send(`/checklist-versions/${version.id}/retire`, {});
      state = { ...state, error: '', message: t('trainer.retire.done', { number: version.number }) };
    } catch (error) {
      state = { ...state, message: '', error: problem(error, t) };
    }
    await load();
    // A refusal (the only version phones can use) is where the keyboard goes, not the empty status line.
    root.querySelector(state.error ? '.error-box' : '.status-message')?.focus();
  }

  function view() {
    setTitle(t('trainer.checklists.title'), root);
    const { checklists } = state;
    return html`
      <h1>${t('trainer.checklists.title')}</h1>
      <p class="hint">${t('trainer.checklists.intro')}</p>
      <div class="status-message" tabindex="-1" role="status">
        ${state.message ? html`<p class="notice">${state.message}</p>` : nothing}
      </div>
      ${state.error ? html`<p class="error-box" role="alert" tabindex="-1">${state.error}</p>` : nothing}
      ${state.loading ? html`<p class="loading">${t('trainer.loading')}</p>` : nothing}
      ${!state.loading && !checklists.length && !state.error ? html`<p>${t('trainer.checklists.none')}</p>` : nothing}
      ${checklists.map((checklist) => {
        const headingId = `checklist-${checklist.id}`;
        const name = checklistName(checklist, t);
        return html`
          <section class="checklist-card card" aria-labelledby=${headingId}>
            <h2 id=${headingId} class="card-title">${name}</h2>
            <p>
              ${checklist.has_draft ? html`<span class="draft-flag">${t('trainer.checklists.has_draft')}</span>` : nothing}
              <a class="button primary" href="#/desk/checklists/${checklist.id}">
                ${t(checklist.has_draft ? 'trainer.checklists.edit_draft' : 'trainer.checklists.new_draft')}
                <span class="visually-hidden">(${name})</span></a>
            </p>
            <table class="data-table stack-narrow">
              <caption>${t('trainer.versions.caption', { name })}</caption>
              <thead><tr>
                <th scope="col">${t('trainer.versions.number')}</th>
                <th scope="col">${t('trainer.versions.published')}</th>
                <th scope="col">${t('trainer.versions.status')}</th>
                <th scope="col"><span class="visually-hidden">${t('trainer.versions.actions')}</span></th>
              </tr></thead>
              <tbody>
                ${checklist.versions.map((version) => html`
                  <tr class=${version.retired ? 'retired' : ''}>
                    <th scope="row">${t('trainer.version.label', { number: version.number })}</th>
                    <td data-label=${t('trainer.versions.published')}>${dateTime(version.published_at)}</td>
                    <td data-label=${t('trainer.versions.status')}>${statusOf(version)}</td>
                    <td>${actionOf(checklist, version)}</td>
                  </tr>`)}
              </tbody>
            </table>
          </section>`;
      })}`;
  }

  function draw() {
    if (alive) render(view(), root);
  }

  async function load() {
    try {
      const checklists = await get('/checklists');
      state = { ...state, loading: false, checklists };
    } catch (error) {
      state = { ...state, loading: false, error: problem(error, t) };
    }
    draw();
  }

  draw();
  await load();
  return () => { alive = false; };
}
