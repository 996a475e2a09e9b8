/**
 * The "never collect" door on what a liaison types (note, question, a move's reason and
 * resolution) and on counsel's note: the server refuses such text (422 `sensitive_text`, offsets only; encounter/door.py),
 * so the desk checks it first with the phone's own pattern set (sensitive.js over rules/sensitive.json)
 * and marks the words as they are typed, holds the send until they are gone, and marks a server
 * refusal the same way. What was typed stays in the field; one button takes every marked word out.
 * The phone's second look too (sensitive.js spansLeft): a capitalised name the door cannot tell is marked with
 * Remove and "keep it"; the send waits for the liaison's call on each (the server never refuses these).
 */
import DOOR from '../../rules/door.json' with { type: 'json' };
import { html, nothing } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { sensitiveCheck } from '../../components/sensitive-marks.js';
import { holdsFor, keptWith, removeSpan, removeSpans, spansLeft } from '../../sensitive.js';

// The door's kind (encounter/door.py FIELDS_BY_KIND) of each desk form; a control may name one form of
// several on a screen after a colon (`counsel:<encounter id>`).
const KIND = { note: 'triage_note', question: 'triage_question', status: 'triage_status', counsel: 'counsel_answer' };

// What the desk says when a send is held (sensitive.js holdsFor): words to take out, or names to decide on.
const HELD = { refused: 'liaison.door.not_sent', ask: 'liaison.door.not_sent_ask' };

/** The free-text fields of a form's body the door checks (from rules/door.json). */
export function checkedFields(control, body) {
  return (DOOR.fields[KIND[control.split(':')[0]]] || []).filter((field) => typeof body[field] === 'string');
}

/** Whether a failed request is the door's refusal; its spans, or null. */
export function refusedSpans(error) {
  const body = error?.body;
  return body?.reason === DOOR.reason && Array.isArray(body.errors?.spans) ? body.errors.spans : null;
}

/**
 * The drafts of the triage text fields, keyed by form and field: what was typed, the spans
 * marked in it and the asked-about words the liaison kept. `changed()` redraws the screen.
 */
export function doorTool(changed) {
  let notify = changed;
  const drafts = new Map();
  const key = (control, field) => `${control}:${field}`;
  const kept = (control, field) => drafts.get(key(control, field))?.kept ?? [];
  // The spans default to what the door finds less the names kept; a server refusal passes its own.
  const put = (control, field, text, { keeping = kept(control, field), spans = spansLeft(text, field, keeping) } = {}) => (
    drafts.set(key(control, field), { text, spans, kept: keeping }));
  return {
    /** Redraw through `fn` from now on (the same drafts, drawn by a screen shown again). */
    onChange(fn) {
      notify = fn;
    },
    text: (control, field) => drafts.get(key(control, field))?.text ?? '',
    spans: (control, field) => drafts.get(key(control, field))?.spans ?? [],
    /** Keep what was typed and mark it at once. */
    typed(control, field, text) {
      const before = this.spans(control, field).length;
      put(control, field, text);
      if (before || this.spans(control, field).length) notify();
    },
    /**
     * Mark the body's flagged words before it is sent. Null when it may go; else the key of the message saying why
     * not: something the server refuses is there, or only names wait for the liaison's call (remove or keep).
     */
    hold(control, body) {
      const left = checkedFields(control, body).flatMap((field) => {
        put(control, field, body[field]);
        return this.spans(control, field);
      });
      return HELD[holdsFor(left)] ?? null;
    },
    /** Mark the spans the server named in the text as it was sent (its offsets, code points). */
    refused(control, body, spans) {
      for (const field of checkedFields(control, body)) {
        put(control, field, body[field], { spans: spans.filter((s) => s.field === field)
          .map(({ start, end, kind }) => ({ start, end, kind })) });
      }
    },
    remove(control, field, span) {
      put(control, field, removeSpan(this.text(control, field), span));
      notify();
    },
    /** Keep an asked-about name (an agent's or City staff member's): it is not asked about again in this field. */
    keep(control, field, span) {
      const text = this.text(control, field);
      put(control, field, text, { keeping: keptWith(kept(control, field), text, span) });
      notify();
    },
    removeAll(control, field) {
      put(control, field, removeSpans(this.text(control, field), this.spans(control, field)));
      notify();
    },
    /** Forget a form's drafts once sent: those of `fields` when named (what the send carried), else all. */
    clear(control, fields = null) {
      if (fields) for (const field of fields) drafts.delete(key(control, field));
      else for (const k of [...drafts.keys()]) if (k.startsWith(`${control}:`)) drafts.delete(k);
    },
  };
}

/** A triage textarea bound to its draft, with the marked words and their remove buttons under it. */
export function doorField(ctx, control, field, { id, name = field, rows, max, describedBy }) {
  const { door, t } = ctx;
  const spans = door.spans(control, field);
  const text = door.text(control, field);
  // The check's status line is always there and describes the box, as on the phone: announced when marks come,
  // and where focus goes back to once the last mark is removed or kept (src/components/sensitive-marks.js).
  return html`<textarea id=${id} name=${name} rows=${rows} maxlength=${max} aria-describedby=${`${describedBy} ${id}-warning`}
      aria-invalid=${spans.length ? 'true' : 'false'} .value=${live(text)}
      @input=${(event) => door.typed(control, field, event.target.value)}></textarea>
    ${sensitiveCheck({ name: id, text, spans, t, onRemove: (s) => door.remove(control, field, s),
      onKeep: (s) => door.keep(control, field, s) })}
    ${spans.length ? html`<button type="button" class="button remove-all-spans" @click=${() => door.removeAll(control, field)}>${
        t('liaison.door.remove_all')}</button>` : nothing}`;
}
