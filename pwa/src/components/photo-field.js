/**
 * "Add photo of the document": a button that opens the camera (a hidden file input), the count, and a
 * thumbnail with a Remove button per photo. The screen owns the thumbnails' object URLs (thumbs).
 */
import { html, nothing } from 'lit-html';
import { t } from '../i18n.js';
import { refocus } from './focus.js';
import { plural } from './format.js';

/** Object URLs of stored photos for one screen: made on demand, revoked when no longer shown. */
export class Thumbnails {
  constructor(load) {
    this.load = load;
    this.urls = new Map();
    this.pending = new Set();
  }

  /** The URL of `hash` if ready; otherwise start loading it and call `ready()` when it is. */
  url(hash, ready) {
    if (this.urls.has(hash)) return this.urls.get(hash);
    if (!this.pending.has(hash)) {
      this.pending.add(hash);
      this.load(hash).then((url) => {
        this.pending.delete(hash);
        this.urls.set(hash, url);
        ready();
      }, () => this.pending.delete(hash));
    }
    return undefined;
  }

  /** Revoke the URLs of photos no longer in `hashes` (every one when called without). */
  keepOnly(hashes = []) {
    const keep = new Set(hashes);
    for (const [hash, url] of this.urls) {
      if (!keep.has(hash)) {
        if (url) URL.revokeObjectURL(url);
        this.urls.delete(hash);
      }
    }
  }
}

/**
 * "Take photo" / "Take another photo": a button in the app's language over a hidden file input (camera on
 * phones). The browser's own file input says "Choose Files" and "No file chosen" in the phone's language,
 * not the app's, and "No file chosen" beside "1 photo attached." (each choice is cleared once taken).
 * `onFiles(files)` gets what was chosen (focus comes back to the button once what it returns settles); `id` names
 * the input, for a label's `for`; `t` its translator (the trainer's preview speaks the language it previews).
 */
export function photoButton({ count, disabled, multiple = false, onFiles, id = nothing, describedBy = nothing, primary = false,
  t: say = t }) {
  return html`<button type="button" class="button ${primary ? 'big primary' : 'photo-take'}" ?disabled=${disabled}
      aria-describedby=${describedBy} @click=${(e) => e.currentTarget.nextElementSibling.click()}>${
      say(count ? 'step.take_another_photo' : 'step.take_photo')}</button>
    <input id=${id} type="file" accept="image/*" capture="environment" ?multiple=${multiple} ?disabled=${disabled} hidden
      @change=${async (e) => {
        const files = [...(e.target.files || [])];
        const button = e.target.previousElementSibling;
        e.target.value = '';
        if (!files.length) return;
        await onFiles(files);
        // Disabled while the picture is prepared, the button dropped focus on the page: back to it ("Take another photo").
        if (button.isConnected && !button.disabled) refocus(button);
      }}>`;
}

/** The photo control. `photos` are the draft's refs; `busy` while a chosen image is prepared. */
export function photoField({ photos = [], thumbs, redraw, onAdd, onRemove, busy = false, error = '', max }) {
  thumbs.keepOnly(photos.map((p) => p.sha256));
  const full = photos.length >= max;
  return html`
    <div class="field photo-field ${error ? 'has-error' : ''}" id="field-photos">
      <label for="input-photos">${t('photos.add')}</label>
      <p class="hint" id="photos-hint">${t('photos.hint')}</p>
      ${error ? html`<p class="error" id="photos-error"><span aria-hidden="true">⚠ </span>${error}</p>` : nothing}
      ${photoButton({ count: photos.length, disabled: busy || full, multiple: true, onFiles: onAdd, id: 'input-photos',
        describedBy: error ? 'photos-hint photos-error' : 'photos-hint' })}
      <p class="photo-count" role="status">${busy ? t('photos.preparing')
        : photos.length ? plural('photos.count', photos.length) : t('photos.none')}</p>
      ${photos.length ? html`
        <ul class="thumbs">
          ${photos.map((photo, i) => {
            const url = thumbs.url(photo.sha256, redraw);
            return html`<li class="thumb">
              ${url ? html`<img src=${url} alt=${t('photos.alt', { n: i + 1 })} width="96" height="96">`
                : html`<span class="thumb-missing">${t('photos.alt', { n: i + 1 })}</span>`}
              <button type="button" class="button" @click=${async (e) => {
                const field = e.currentTarget.closest('.photo-field');
                await onRemove(photo.sha256);
                refocus(field.querySelector('button')); // "Take photo": the Remove button went with its photo
              }}
                aria-label=${t('photos.remove_n', { n: i + 1 })}>${t('photos.remove')}</button>
            </li>`;
          })}
        </ul>` : nothing}
    </div>`;
}
