/**
 * Never-collected data in a text field, shown where it is: the text with each span marked and
 * its reason, a one-tap Remove per span, and, only where the field asks for people's names,
 * "It's an agent's name" (or a City staff member's) to keep it. Used by the form, the review and the
 * answer to a liaison's question (components/followup.js).
 */
import { html, nothing } from 'lit-html';
import { formatNumber } from '../i18n.js';
import { toUnits } from '../sensitive.js';

/** The text with each span wrapped in <mark> (spans in code points, sorted, not overlapping). */
export function markedText(text, spans) {
  const parts = [];
  let last = 0;
  spans.forEach((s, i) => {
    const a = toUnits(text, s.start);
    const b = toUnits(text, s.end);
    parts.push(text.slice(last, a));
    parts.push(html`<mark class="sensitive sensitive-${s.kind}" data-kind=${s.kind}>${text.slice(a, b)}<sup
      aria-hidden="true">${formatNumber(i + 1)}</sup></mark>`);
    last = b;
  });
  parts.push(text.slice(last));
  return html`<span class="sensitive-text">${parts}</span>`;
}

/** The words of a span (code-point offsets) as typed. */
export function spanWords(text, span) {
  return text.slice(toUnits(text, span.start), toUnits(text, span.end));
}

/**
 * The check under a text field: a status line for screen readers, the marked text and one row
 * per span with its reason and buttons. `onRemove(span)` and `onKeep(span)` change the draft.
 * `found` names the status line's messages: "… before you submit" (a report) unless told otherwise
 * ('sensitive.found_send': "… before you send", an answer to a liaison's question).
 */
export function sensitiveCheck({ name, text, spans, onRemove, onKeep, t, found = 'sensitive.found' }) {
  if (!spans.length) return html`<p class="warning" role="status" id="${name}-warning"></p>`;
  return html`
    <p class="warning" role="status" id="${name}-warning"><span aria-hidden="true">⚠ </span>${
      t(spans.length === 1 ? `${found}.one` : `${found}.other`, { count: spans.length })}</p>
    <div class="sensitive-check" id="${name}-check">
      <p class="sensitive-preview" dir="auto">${markedText(text, spans)}</p>
      <ol class="sensitive-list">
        ${spans.map((s) => {
          const words = spanWords(text, s);
          return html`<li class="sensitive-item" data-kind=${s.kind}>
            <mark class="sensitive sensitive-${s.kind}">${words}</mark>
            <span class="sensitive-reason">${t(`sensitive.${s.kind}`)}</span>
            <span class="sensitive-actions">
              <button type="button" class="button remove-span" @click=${() => onRemove(s)}
                aria-label=${t('sensitive.remove_words', { words })}>${t('sensitive.remove_button')}</button>
              ${s.allowed ? html`<button type="button" class="button keep-span" @click=${() => onKeep(s)}
                aria-label=${`${t(`sensitive.keep.${name}`)}${t('app.label_joiner')}${words}`}>${t(`sensitive.keep.${name}`)}</button>`
                : nothing}
            </span>
          </li>`;
        })}
      </ol>
    </div>`;
}
