/**
 * The cards for residents, printed (the checklists' "hand out resource cards"): every language of the card the
 * phone shows (src/resident-card/card.js, one source for both), with the department's help line for residents.
 * A liaison prints their own department's; an administrator picks the department. One card a language, each kept
 * whole on its page.
 */
import { html, nothing, render } from 'lit-html';
import { setTitle } from '../../components/format.js';
import { displayNumber } from '../../contacts.js';
import { residentCard } from '../../i18n.js';
import { session } from '../../api.js';
import { get, problem } from '../api.js';
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };

// The help line's key in a department's contacts and in /me's department (encounter/vocabulary.py).
const HELP = vocabulary.resident_help_contact;

// Who may print them: the department's liaison, and an administrator for any department.
const PRINTERS = ['liaison', 'admin'];

/** Render the printable cards. */
export async function show(root, params, app) {
  const { t } = app;
  setTitle(t('cards.title'), root);
  const role = (await session())?.user?.role;
  if (!PRINTERS.includes(role)) {
    render(html`<h1>${t('cards.title')}</h1><p>${t('cards.forbidden')}</p>`, root);
    return null;
  }
  const state = { error: null, departments: [], code: params.query?.get('department') || '' };
  let card = null;
  try {
    card = await residentCard();
    if (role === 'admin') {
      state.departments = (await get('/admin/departments')).map((d) => ({ code: d.code, name: d.name,
        tel: d.contacts?.[HELP] || null }));
    } else {
      const { department } = await get('/me');
      state.departments = department ? [{ code: department.code, name: department.name, tel: department[HELP] || null }] : [];
    }
  } catch (error) {
    state.error = problem(error, t);
  }
  if (!state.departments.some((d) => d.code === state.code)) state.code = state.departments[0]?.code || '';

  function draw() {
    const chosen = state.departments.find((d) => d.code === state.code);
    render(html`<h1>${t('cards.title')}</h1>
      <div class="no-print">
        <p class="note">${t('cards.intro')}</p>
        ${role === 'admin' && state.departments.length ? html`<p class="field"><label for="cards-department">${
          t('cards.department')}</label>
          <select id="cards-department" @change=${(e) => { state.code = e.target.value; draw(); }}>${
            state.departments.map((d) => html`<option value=${d.code} ?selected=${d.code === state.code}>${d.name}</option>`)}
          </select></p>` : nothing}
        ${chosen && !chosen.tel ? html`<p class="warning-box">${t('cards.no_number')}</p>` : nothing}
        ${chosen ? html`<div class="actions"><button type="button" class="button primary" @click=${() => window.print()}>${
          t('cards.print')}</button></div>` : nothing}
      </div>
      ${state.error ? html`<p class="error-box" role="alert">${state.error}</p>` : nothing}
      ${card && chosen ? html`<div class="resident-cards">${Object.keys(card.TEXTS).map((code) =>
        card.cardView(html, code, chosen.tel, displayNumber, `resident-card-${code}`, true))}</div>` : nothing}`, root);
  }
  draw();
  return null;
}
