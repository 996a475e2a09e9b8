/**
 * Choice controls with visible labels: radio and checkbox groups are fieldsets with legends,
 * hints and errors are tied to the inputs (aria-describedby). live() keeps the DOM's checked
 * state and the draft in agreement after every re-render.
 */
import { html, nothing } from 'lit-html';
import { ifDefined } from 'lit-html/directives/if-defined.js';
import { live } from 'lit-html/directives/live.js';
import { t } from '../i18n.js';
import { hintAndError, ids, legendText } from './field-parts.js';

/** Radio buttons in a fieldset. options: [{value, id, label, hint?}]; `id` is the value as text. */
export function radioGroup({ name, legend, options, value, onChange, hint, error, required = false, inline = false }) {
  const described = ids(hint && `${name}-hint`, error && `${name}-error`);
  return html`
    <fieldset class="field group ${error ? 'has-error' : ''}" id="field-${name}">
      <legend>${legendText(legend, required)}</legend>
      ${hintAndError(name, hint, error)}
      <div class="options ${inline ? 'inline' : ''}">
        ${options.map((o) => {
          const id = `${name}-${o.id ?? o.value}`;
          return html`
            <div class="option">
              <input type="radio" id=${id} name=${name} .checked=${live(value === o.value)}
                aria-describedby=${ifDefined(ids(described, o.hint && `${id}-hint`))}
                @change=${() => onChange(o.value)}>
              <label for=${id}>${o.label}</label>
              ${o.hint ? html`<p class="option-hint" id="${id}-hint">${o.hint}</p>` : nothing}
            </div>`;
        })}
      </div>
    </fieldset>`;
}

/** Yes / No / Not known, stored as true / false / null (null is what the server reads as "not known"). */
export function yesNo({ name, legend, value, onChange, error }) {
  return radioGroup({
    name, legend, value, onChange, error, inline: true,
    options: [
      { value: true, id: 'yes', label: t('answer.yes') },
      { value: false, id: 'no', label: t('answer.no') },
      { value: null, id: 'unknown', label: t('answer.unknown') },
    ],
  });
}

/**
 * Checkboxes in a fieldset; `values` is the array of checked option values. A value no option has (a
 * choice the rules have since dropped, in a draft or a report sent back) is shown, checked, under its
 * code, so it can be unticked: hidden, it stayed in the report and the server refused it every time
 * (a select showed "not chosen" while holding it, and choosing that changed nothing).
 */
export function checkboxGroup({ name, legend, options: known, values, onChange, hint, error }) {
  const described = ids(hint && `${name}-hint`, error && `${name}-error`);
  const toggle = (option, on) => onChange(on ? [...values.filter((v) => v !== option), option] : values.filter((v) => v !== option));
  const options = [...known, ...values.filter((v) => !known.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
  return html`
    <fieldset class="field group ${error ? 'has-error' : ''}" id="field-${name}">
      <legend>${legend}</legend>
      ${hintAndError(name, hint, error)}
      <div class="options">
        ${options.map((o) => html`
          <div class="option">
            <input type="checkbox" id="${name}-${o.value}" .checked=${live(values.includes(o.value))}
              aria-describedby=${ifDefined(described)}
              @change=${(e) => toggle(o.value, e.target.checked)}>
            <label for="${name}-${o.value}">${o.label}</label>
          </div>`)}
      </div>
    </fieldset>`;
}

/** A select with a visible label; the empty option reads `placeholder`. A value no option has shows under its code (as above). */
export function selectField({ name, label, options: known, value, onChange, placeholder, hint, error, required = false }) {
  const options = value && !known.some((o) => o.value === value) ? [...known, { value, label: value }] : known;
  return html`
    <div class="field ${error ? 'has-error' : ''}" id="field-${name}">
      <label for="input-${name}">${legendText(label, required)}</label>
      ${hintAndError(name, hint, error)}
      <select id="input-${name}" aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(ids(hint && `${name}-hint`, error && `${name}-error`))}
        @change=${(e) => onChange(e.target.value)}>
        <option value="" ?selected=${!value}>${placeholder}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${value === o.value}>${o.label}</option>`)}
      </select>
    </div>`;
}
