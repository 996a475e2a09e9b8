/**
 * Never-collected data in a text field, shown where it is: the text with each span marked and
 * its reason, a one-tap Remove per span, and, where the field asks for people's names or the door asks about
 * capitalised words it cannot tell (src/sensitive.js askSpans), "It's an agent's name" (or a City staff member's) to keep it. Used by the form, the review and the
 * answer to a liaison's question (components/followup.js), and by the desk's door (desk/components/liaison-door.js).
 */
import { html, nothing } from 'lit-html';
import { formatNumber } from '../i18n.js';
import { spanWords, toUnits } from '../sensitive.js';

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

/** "Keep it": the span's words are the employee's call (an agent's or a staff member's name). */
function keepButton(label, words, onKeep, t) {
  return html`<button type="button" class="button keep-span" @click=${onKeep}
    aria-label=${`${label}${t('app.label_joiner')}${words}`}>${label}</button>`;
}

/** A field's name as a CSS identifier (CSS.escape where the browser has it; names are plain words elsewhere). */
const cssName = (name) => (globalThis.CSS?.escape ? globalThis.CSS.escape(name) : name);

// The words of a span as typed: one helper with the door's kept names (src/sensitive.js), re-exported for the desk.
export { spanWords };

/**
 * What a field's status line says of its `spans`: how many things must go (`found`: "… before you submit", or
 * "… before you send"), counting only those; when every mark may be kept (a name asked about, an agent's name in
 * the agents' field), that the employee checks them, since "must not be recorded" would be untrue of a coworker.
 */
export function spansMessage(spans, t, found = 'sensitive.found') {
  const refused = spans.filter((s) => !s.allowed).length;
  if (!refused) return t('sensitive.to_check');
  return t(refused === 1 ? `${found}.one` : `${found}.other`, { count: refused });
}

/**
 * The check under a text field: a status line for screen readers, the marked text and one row
 * per span with its reason and buttons. `onRemove(span)` and `onKeep(span)` change the draft.
 * `found` names the status line's messages: "… before you submit" (a report) unless told otherwise
 * ('sensitive.found_send': "… before you send", an answer to a liaison's question).
 */
export function sensitiveCheck({ name, text, spans, onRemove, onKeep, t, found = 'sensitive.found' }) {
  if (!spans.length) return html`<p class="warning" role="status" id="${name}-warning"></p>`;
  // Focus stays where the employee works: a row's buttons are redrawn in place for the next span, so only the last
  // row's tap moves focus first, to the row above it or, when it was the only one, to the field it checks.
  const staying = (action, index) => (span) => {
    if (index === spans.length - 1) {
      const rows = document.querySelectorAll(`#${cssName(name)}-check .remove-span`);
      (index > 0 ? rows[index - 1] : document.querySelector(`[aria-describedby~="${cssName(name)}-warning"]`))?.focus();
    }
    return action(span);
  };
  return html`
    <p class="warning" role="status" id="${name}-warning"><span aria-hidden="true">⚠ </span>${spansMessage(spans, t, found)}</p>
    <div class="sensitive-check" id="${name}-check">
      <p class="sensitive-preview" dir="auto">${markedText(text, spans)}</p>
      <ol class="sensitive-list">
        ${spans.map((s, index) => {
          const words = spanWords(text, s);
          return html`<li class="sensitive-item" data-kind=${s.kind}>
            <mark class="sensitive sensitive-${s.kind}">${words}</mark>
            <span class="sensitive-reason">${t(s.ask ? 'sensitive.ask' : `sensitive.${s.kind}`)}</span>
            <span class="sensitive-actions">
              <button type="button" class="button remove-span" @click=${() => staying(onRemove, index)(s)}
                aria-label=${t('sensitive.remove_words', { words })}>${t('sensitive.remove_button')}</button>
              ${s.allowed ? keepButton(t(s.ask ? 'sensitive.keep.ask' : `sensitive.keep.${name}`), words, () => staying(onKeep, index)(s), t)
                : nothing}
            </span>
          </li>`;
        })}
      </ol>
    </div>`;
}
