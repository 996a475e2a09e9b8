/**
 * Shown once after the first sign-in: why the app asked the browser to keep its data
 * (navigator.storage.persist(), asked by the sign-in screen) and how to install it on
 * Android and iPhone. Dismissed for good on this phone.
 */
import { html, nothing } from 'lit-html';
import { getKv, setKv } from '../db.js';
import { refocus } from './focus.js';

const KEY = 'install_note';

/** Mark the note as due (after a sign-in), unless it was already shown and dismissed. */
export async function installNoteDue() {
  if ((await getKv(KEY)) !== 'done') await setKv(KEY, 'due');
}

/** Whether the note should show now. */
export async function installNoteShown() {
  return (await getKv(KEY)) === 'due';
}

/**
 * The note, or nothing; `onDone` redraws the screen after it is dismissed (its promise ends when it has).
 * `storage`: Home's sentence about the browser keeping the data (src/components/storage.js), given when the
 * browser has not promised to: said here in place of "the app asked the browser to keep its data", so Home
 * does not say both "kept" and "may be cleared" at once.
 */
export function installNote(t, shown, onDone, storage = nothing) {
  if (!shown) return nothing;
  const done = async () => {
    await setKv(KEY, 'done');
    await onDone();
    refocus('#app h1'); // "Got it" went with the note
  };
  return html`
    <section class="notice install-note" aria-labelledby="install-h">
      <h2 id="install-h">${t('install.title')}</h2>
      ${storage === nothing ? html`<p>${t('install.why')}</p>` : storage}
      <ul>
        <li>${t('install.android')}</li>
        <li>${t('install.ios')}</li>
      </ul>
      <button type="button" class="button" @click=${done}>${t('install.done')}</button>
    </section>`;
}
