/**
 * Whether the browser promised to keep this site's storage. iOS Safari may otherwise
 * delete it after days without a visit, and with it any report not yet sent.
 */
import { html, nothing } from 'lit-html';

let persisted = null;
let asked = false;

/** Re-read the persistence state; emits 'storage' when it changed so screens redraw. */
export async function refreshPersisted(app) {
  const value = (await navigator.storage?.persisted?.().catch(() => null)) ?? null;
  if (value !== persisted) {
    persisted = value;
    app.emit({ type: 'storage' });
  }
  return value;
}

/** Ask the browser to keep storage (it may say no, or ask the user). */
export async function requestPersist(app) {
  await navigator.storage?.persist?.().catch(() => false);
  await refreshPersisted(app);
}

/** Whether the browser said it keeps this site's storage (false also while it has not answered yet). */
export function storageKept() {
  return persisted === true;
}

/** A sentence about storage persistence, with a button to ask for it when not granted. */
export function storageNote(app) {
  const { t } = app;
  if (!asked) {
    asked = true;
    refreshPersisted(app);
  }
  if (persisted === true) return html`<p class="ok">${t('storage.persistent')}</p>`;
  if (persisted === null) return navigator.storage?.persist ? nothing : html`<p>${t('storage.unknown')}</p>`;
  return html`
    <p>${t('storage.not_persistent')}</p>
    <button type="button" class="button" @click=${() => requestPersist(app)}>${t('storage.ask')}</button>`;
}
