/** Loading an encounter in progress, and what to show when it is no longer a draft. */
import { html, render } from 'lit-html';
import { setTitle } from './format.js';
import { getVersion, loadDraft } from '../drafts.js';
import { mine } from '../owner.js';
import { loadRefusalWords } from '../refusals.js';

/**
 * The draft and its checklist version ({} when the draft is gone: submitted or deleted). Another
 * user's draft on a shared phone (reached by the back button or a link) is not there for the one
 * signed in now, nor for no one signed in: it stays held, unread, until its owner signs in again.
 */
export async function loadEncounter(id) {
  const [draft] = await mine([await loadDraft(id)].filter(Boolean));
  if (!draft) return {};
  return { draft, version: await getVersion(draft.version_id) };
}

/**
 * Load the encounter a screen is about, or render the "gone" screen into root and
 * return null (the draft was submitted, or deleted in another tab). Null, drawing nothing, when the
 * employee left for another screen while the draft was read (a slow phone): the router's own guard
 * runs only after a screen has drawn, and this screen would draw itself over the next one.
 */
export async function openEncounter(root, id, t) {
  const hash = window.location.hash;
  const found = await loadEncounter(id);
  if (window.location.hash !== hash) return null;
  if (found.draft) {
    // A report the server sent back: its reasons are said in the phone's words, loaded only now.
    if (found.draft.rejected_errors) await loadRefusalWords();
    return found;
  }
  setTitle(t('encounter.gone.title'), root);
  render(goneView(t), root);
  return null;
}

/** The screen for a link to a draft that no longer exists (submitted, or deleted on another tab). */
export function goneView(t) {
  return html`
    <h1>${t('encounter.gone.title')}</h1>
    <p>${t('encounter.gone.text')}</p>
    <ul class="link-list">
      <li><a href="#/reports">${t('nav.reports')}</a></li>
      <li><a href="#/">${t('nav.home')}</a></li>
    </ul>`;
}

/** Step ids whose screens link to the full warrant guide (the document and entry steps). */
export function isDocumentStep(step) {
  return /document|warrant|consent|subpoena/.test(step.id);
}

/** A guide text as paragraphs (the checklist data separates them with newlines). */
export function paragraphs(text) {
  return text.split('\n').filter((p) => p.trim()).map((p) => html`<p>${p}</p>`);
}

let focusTarget = null;

/** Ask the report form to put focus on a field when it next opens (links from the review's errors). */
export function focusFieldNext(name) {
  focusTarget = name;
}

/** The field the report form was asked to focus when it next opens (undefined when none): it opens that field's section. */
export function requestedField() {
  return focusTarget ?? undefined;
}

/** Focus the field asked for, if any, after the router has focused the heading. */
export function focusRequestedField(root) {
  const name = focusTarget;
  focusTarget = null;
  if (!name) return;
  setTimeout(() => {
    const box = root.querySelector(`#field-${name}`);
    const control = box?.querySelector('input:checked, input, select, textarea, button');
    if (!control) return;
    control.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'start' });
  }, 0);
}
