/**
 * Typed inputs with visible labels: counts, free text with its never-collect warning, and a
 * local date and time. Values are bound with live() so a re-render after each keystroke
 * never moves the caret or fights the user's typing.
 */
import { html, nothing } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { live } from 'lit-html/directives/live.js';
import { language, t } from '../i18n.js';
import { instantsOf, localText } from '../local-time.js';
import { hintAndError, ids } from './field-parts.js';

/**
 * A whole-number input (counts of agents, vehicles, people); the raw text is kept as typed. A text box with the
 * number keyboard, not type="number": that one hands the page "" for text it cannot read ("1e", "2,5"), so what was
 * typed showed in the box and was dropped from the draft without a word; kept as typed, the form says "whole number".
 */
export function countField({ name, label, value, onInput, hint, error }) {
  return html`
    <div class="field ${error ? 'has-error' : ''}" id="field-${name}">
      <label for="input-${name}">${label}</label>
      ${hintAndError(name, hint, error)}
      <input id="input-${name}" class="count" type="text" inputmode="numeric" autocomplete="off"
        .value=${live(value ?? '')} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(ids(hint && `${name}-hint`, error && `${name}-error`))}
        @input=${(e) => onInput(e.target.value)}>
    </div>`;
}

/**
 * Free text with its never-collect check under it (`check`: components/sensitive-marks.js), whose
 * status line is always in the page so screen readers announce a span as it appears. Typed text takes the
 * direction of its own words (`dir="auto"`): agents' names typed in English on a Farsi phone read as typed. An
 * empty box keeps the page's (auto would make it left to right).
 */
export function textField({ name, label, value, maxlength, onInput, hint, check, error }) {
  const left = maxlength - (value || '').length;
  const near = left <= maxlength / 10;
  const cut = pastesCut.get(name);
  return html`
    <div class="field ${error ? 'has-error' : ''}" id="field-${name}">
      <label for="input-${name}">${label}</label>
      ${hintAndError(name, hint, error)}
      <textarea id="input-${name}" rows="3" dir=${ifDefined(value ? 'auto' : undefined)} maxlength=${maxlength}
        .value=${live(value || '')}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(ids(hint && `${name}-hint`, error && `${name}-error`, `${name}-warning`, near && `${name}-left`))}
        @paste=${(e) => notePasteCut(name, e, maxlength)}
        @input=${(e) => { if (e.inputType !== 'insertFromPaste') pastesCut.delete(name); onInput(e.target.value); }}></textarea>
      ${check || html`<p class="warning" role="status" id="${name}-warning"></p>`}
      ${cut ? html`<p class="warning" role="status" id="${name}-cut">${t('form.paste_cut', { count: cut, max: maxlength })}</p>`
        : nothing}
      ${near ? html`<p class="hint" id="${name}-left">${t('form.chars_left', { count: left })}</p>` : nothing}
    </div>`;
}

// A paste longer than the room left is cut by the browser at maxlength without a word: the field says how much of
// it was left out (nothing typed or pasted is lost silently) until the next change that is not that paste.
const pastesCut = new Map();

function notePasteCut(name, event, maxlength) {
  const box = event.target;
  const pasted = event.clipboardData?.getData('text') ?? '';
  const room = maxlength - (box.value.length - (box.selectionEnd - box.selectionStart));
  if (pasted.length > room) pastesCut.set(name, pasted.length - room);
  else pastesCut.delete(name);
}

/**
 * A local date and time. `onChange` gets the RFC 3339 UTC instant, null when cleared, or `{typed}` when the
 * time typed is not one instant (src/local-time.js): on the night the clocks go back the field then offers
 * both, none chosen; a time that never happened waits as typed, and the form says why (`error`). `typed` is
 * such a time kept in the draft, shown in place of the instant `value`.
 */
export function dateTimeField({ name, label, value, typed, onChange, hint, error }) {
  const text = typed ?? localText(value);
  // Offered: the two of a repeated hour; or the one a time kept as typed now reads as (the phone changed zone).
  const at = instantsOf(text) || [];
  const offered = at.length === 2 || typed ? at : [];
  const minute = Math.floor(Date.parse(value) / 60000) * 60000; // the Start tap has seconds; the field shows minutes
  const read = (entered) => {
    const found = instantsOf(entered);
    return !found ? null : found.length === 1 ? new Date(found[0]).toISOString() : { typed: entered };
  };
  return html`
    <div class="field ${error ? 'has-error' : ''}" id="field-${name}">
      <label for="input-${name}">${label}</label>
      ${hintAndError(name, hint, error)}
      <input id="input-${name}" type="datetime-local" .value=${live(text)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(ids(hint && `${name}-hint`, error && `${name}-error`))}
        @change=${(e) => onChange(read(e.target.value))}>
      ${offered.length ? html`<fieldset class="group" id="${name}-which" aria-describedby=${ifDefined(error && `${name}-error`)}>
        <legend>${t('time.which', { time: clock(offered[0], false) })}</legend>
        <div class="options">${offered.map((one, i) => html`<div class="option">
          <input type="radio" id="${name}-which-${i}" name="${name}-which" .checked=${live(!typed && minute === one)}
            @change=${() => onChange(new Date(one).toISOString())}>
          <label for="${name}-which-${i}">${offered[1] ? t(i ? 'time.second' : 'time.first', { time: clock(one, true) })
            : clock(one, true)}</label>
        </div>`)}</div>
      </fieldset>` : nothing}
    </div>`;
}

/** A time of day ("1:30 AM"), with its zone's short name when `zoned` ("1:30 AM PST"). */
const clock = (at, zoned) => new Intl.DateTimeFormat(language(), { hour: 'numeric', minute: '2-digit',
  timeZoneName: zoned ? 'short' : undefined }).format(at);
