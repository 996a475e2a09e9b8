/**
 * Pieces shared by the form controls: ids for aria-describedby, the "(required)" mark,
 * and the hint and error paragraphs a control points at.
 */
import { html, nothing } from 'lit-html';
import { t } from '../i18n.js';

/** Space-separated ids, or undefined when there are none (no empty aria attribute). */
export function ids(...list) {
  const kept = list.filter(Boolean);
  return kept.length ? kept.join(' ') : undefined;
}

/** A label or legend text with the "(required)" mark. */
export function legendText(text, required) {
  return html`${text}${required ? html` <span class="required">${t('form.required')}</span>` : nothing}`;
}

/** The hint and the error of a field, with the ids its control refers to. */
export function hintAndError(name, hint, error) {
  return html`
    ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${name}-error"><span aria-hidden="true">⚠ </span>${error}</p>` : nothing}`;
}
