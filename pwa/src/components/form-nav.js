/**
 * The report form's navigation and its inline checks: the jump list to every screen, and the
 * tracker of required fields the user has been in and left.
 */
import { html } from 'lit-html';
import { SCREENS, progressOf } from './form-screens.js';
import { REQUIRED, SHORT } from './report-fields.js';

/** Links to every screen of the form (the current one marked), each with how much of it is answered. */
export function jumpList({ screen, draft, base, t }) {
  return html`
    <nav class="jump-list" aria-labelledby="jump-h">
      <h2 id="jump-h">${screen === SHORT ? t('form.more') : t('form.sections')}</h2>
      <ul>
        ${SCREENS.map((id) => {
          const { count, total } = progressOf(id, draft);
          return html`<li><a href="${base}/report/${id}" aria-current=${id === screen ? 'page' : 'false'}>
            <span class="jump-name">${id === SHORT ? t('section.short') : t(`section.${id}`)}</span>
            <span class="jump-count">${t('form.answered', { count, total })}</span></a></li>`;
        })}
      </ul>
    </nav>`;
}

/**
 * Required fields the user has been in and left (`left`), so their "Required" shows as they are left,
 * not only at review. `onLeft` redraws; while a pointer is down it waits for the release, so the
 * error appearing above the control being tapped cannot move it from under the finger and swallow
 * the tap. Hand `leave` to the form's focusout; call `stop()` when the screen goes.
 */
export class LeftFields {
  constructor(onLeft) {
    this.left = new Set();
    this.pressing = false;
    this.pending = false;
    this.redraw = () => setTimeout(onLeft, 0);
    this.press = () => { this.pressing = true; };
    this.release = () => {
      this.pressing = false;
      if (this.pending) {
        this.pending = false;
        this.redraw();
      }
    };
    /** A field's box lost focus to something outside it: a required field is now "left". */
    this.leave = (event) => this.noteLeaving(event);
    document.addEventListener('pointerdown', this.press, true);
    document.addEventListener('pointerup', this.release, true);
    document.addEventListener('pointercancel', this.release, true);
  }

  /** Note the field `event` (a focusout) leaves, if required and left for something outside it. */
  noteLeaving(event) {
    const box = event.target.closest?.('[id^="field-"]');
    const name = box?.id.slice('field-'.length);
    if (!REQUIRED.has(name) || this.left.has(name) || (event.relatedTarget && box.contains(event.relatedTarget))) return;
    this.left.add(name);
    if (this.pressing) this.pending = true;
    else this.redraw();
  }

  /** Stop listening to the pointer (the screen is gone). */
  stop() {
    document.removeEventListener('pointerdown', this.press, true);
    document.removeEventListener('pointerup', this.release, true);
    document.removeEventListener('pointercancel', this.release, true);
  }
}
