/**
 * Redaction and retention on a report, for its department's liaisons: select words in a
 * free-text field, or in a text kept beside the report (a note, a question, an answer, a move's reason or
 * resolution), with the mouse or the keyboard → "Redact selection" → confirm; "Remove photo" → confirm; legal
 * hold on or off; when the report's free text and photos will be (or were) erased. The server keeps the
 * audit (who, when, which text, how many characters), never the words.
 */
import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import redaction from '../../rules/redaction.json' with { type: 'json' };
import { dateTime } from '../../components/format.js';
import { spanWords } from '../../components/sensitive-marks.js';
import { findSpans } from '../../sensitive.js';
import { hex } from '../../hex.js';
import { photoKeys } from './liaison-photos.js';
import { flaggedTexts, kindsFlag } from './liaison-words.js';

/** The free-text fields a liaison may redact (encounter/redaction.py, through rules/redaction.json). */
export const REDACTABLE = redaction.fields;
/** The fields of a triage move that hold words a liaison may redact (encounter/redaction.py TEXTS). */
const MOVE_FIELDS = redaction.texts.triage;

/**
 * Every text kept beside the report's body that holds words: notes, then each question with its answers,
 * then the reasons and resolutions of triage moves. Each says how to ask the server to redact it
 * (`target`, `id`, `field`: docs/desk-api.md) and what to call it on the screen: its kind and time, and where
 * two or more would read alike (written in the same second) "…, 2 of 3" in the order the report lists them;
 * never its first words, which may be the very words to redact (docs/decisions.md).
 */
export function besideTexts(detail, t) {
  const out = [];
  const add = (target, id, field, label, at, text) => {
    if (id == null || typeof text !== 'string' || !text) return;
    out.push({ key: `${target}:${id}:${field}`, target, id, field, text,
      label: t(`retention.text.${label}`, { time: dateTime(at, { seconds: true }) }) });
  };
  const distinct = () => {
    const count = new Map();
    out.forEach((item) => count.set(item.label, (count.get(item.label) || 0) + 1));
    const seen = new Map();
    return out.map((item) => {
      if (count.get(item.label) < 2) return item;
      seen.set(item.label, (seen.get(item.label) || 0) + 1);
      const n = seen.get(item.label);
      return { ...item, label: t('retention.text.same_time', { label: item.label, n, count: count.get(item.label) }) };
    });
  };
  (detail.notes || []).forEach((n) => add('note', n.id, 'text', 'note', n.at, n.text));
  (detail.followups || []).forEach((f) => {
    add('question', f.id, 'question', 'question', f.asked_at, f.question);
    (f.answers || []).forEach((a) => add('answer', a.id, 'text', 'answer', a.answered_at, a.text));
  });
  (detail.triage || []).forEach((e) => MOVE_FIELDS.forEach((field) => add('triage', e.id, field, field, e.at, e.details?.[field])));
  return distinct();
}

/** The number of code points (what the server counts) in the first `utf16` code units of `text`. */
export function codePoints(text, utf16) {
  return [...text.slice(0, utf16)].length;
}

/**
 * The index in `stored` of position `index` of its text box's value. A text box holds each CR LF (and a lone
 * CR) of the text as one LF (HTML's value normalization), so past a line break the two count differently.
 */
function storedIndex(stored, index) {
  let at = 0;
  for (let seen = 0; seen < index && at < stored.length; seen += 1) {
    at += stored[at] === '\r' && stored[at + 1] === '\n' ? 2 : 1;
  }
  return at;
}

/**
 * The words selected in a field's read-only text box as code-point offsets of `stored` (the text as the server
 * holds it, which the box shows), or null when nothing is selected there. A text box keeps its selection when
 * focus moves on to the button.
 */
export function selectionIn(area, stored = area?.value) {
  if (!area || area.selectionEnd <= area.selectionStart) return null;
  const from = storedIndex(stored, area.selectionStart);
  const to = storedIndex(stored, area.selectionEnd);
  const start = codePoints(stored, from);
  const end = codePoints(stored, to);
  return end > start ? { start, end, words: stored.slice(from, to) } : null;
}

/**
 * The SHA-256 (hex) of a text's UTF-8, as `digest` in encounter/redaction.py makes it: sent beside the
 * offsets, so a text changed since it was read (a colleague's redaction) is refused (409 text_changed)
 * instead of losing other characters. Null where the page has no Web Crypto (not served over HTTPS): the
 * request then goes without it, as before.
 */
export async function textDigest(text) {
  if (!globalThis.crypto?.subtle) return null;
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * What the liaison has selected and is about to confirm. Each field's words are a text box that refuses
 * edits (WCAG 2.1.1): Tab reaches it, the arrow keys move in it and Shift with them selects, as a mouse
 * drag does, and a screen reader reads the words selected. Once a change is confirmed the report is read again
 * and the box holds the new text, its selection gone: offsets into the old text are never sent again.
 */
export function redactionTool(root, onChange) {
  const tool = { pending: null };
  tool.chosen = (field, text) => selectionIn(root.querySelector(`textarea.redact-text[data-field="${field}"]`), text);
  // The text box of the last confirmed redaction: where focus goes back once the report is read again, on its
  // new words (or, refused, on the text as it is now), rather than to the panel's heading screens above it.
  tool.last = null;
  tool.box = () => (tool.last ? root.querySelector(`textarea.redact-text[data-field="${CSS.escape(tool.last)}"]`) : null);
  tool.ask = (pending) => { tool.pending = pending; onChange(); };
  tool.cancel = () => { tool.pending = null; onChange(); };
  return tool;
}

function confirmBox(ctx, tool, text, confirmLabel, run) {
  return html`<div class="warning-box redact-confirm" role="alert">
    <p>${text}</p>
    <div class="actions">
      <button type="button" class="button danger" ?disabled=${ctx.busy === 'redact' || ctx.busy === 'photo_remove'}
        @click=${() => { tool.pending = null; run(); }}>${confirmLabel}</button>
      <button type="button" class="button" @click=${tool.cancel}>${ctx.t('action.cancel')}</button>
    </div></div>`;
}

function holdBlock(ctx) {
  const { t } = ctx;
  const r = ctx.detail.retention || {};
  // An erased report can hold words written since (a reopening, notes, an answer): they fall due again.
  const said = [];
  if (r.erased_at) said.push(t('retention.erased', { time: dateTime(r.erased_at) }));
  if (r.legal_hold) said.push(t('retention.on_hold', { time: dateTime(r.legal_hold_at) }));
  else if (r.erase_due_at) said.push(t('retention.due', { time: dateTime(r.erase_due_at) }));
  return html`<p id="retention-state" tabindex="-1">${said.join(' ')}</p>
    <button type="button" class="button" aria-describedby="retention-state" ?disabled=${ctx.busy === 'hold'}
      @click=${() => ctx.act('hold', 'legal-hold', { hold: !r.legal_hold })}>${
      r.legal_hold ? t('retention.hold_lift') : t('retention.hold_place')}</button>
    ${ctx.errors.hold ? html`<p class="error" role="alert">${ctx.errors.hold}</p>` : nothing}`;
}

/**
 * The words to redact cannot be changed here. Not `readonly`: Chromium moves no caret in a read-only
 * text box, so the keyboard could not select in it; every edit is refused instead (and undone, should
 * one slip past, as an IME composition can).
 */
const keepText = (event) => event.preventDefault();

/**
 * One text's words in a box that refuses edits, its "Redact selection" button and, once asked, the confirmation.
 * `key` names the box (`data-field`: the body's field name, or `target:id:field` beside the body); `request`
 * turns the confirmed span into the body of `POST …/redactions`.
 */
function textBlock(ctx, tool, key, label, text, request, field) {
  const { t } = ctx;
  const pending = tool.pending?.field === key ? tool.pending : null;
  const kinds = flaggedTexts(ctx.detail).get(key);
  const ask = () => {
    const chosen = tool.chosen(key, text);
    if (!chosen) return ctx.fail('redact', t('retention.select_first', { field: label }));
    ctx.errors.redact = null;
    return tool.ask({ field: key, ...chosen, text });
  };
  return html`<div class="redact-field">
    <h4 id=${`redact-h-${key}`}>${label}</h4>
    ${kinds?.length ? html`<p>${kindsFlag(kinds, t)}</p>${markedList(ctx, tool, key, text, field)}` : nothing}
    <textarea class="redact-text" data-field=${key} aria-readonly="true" spellcheck="false" dir="auto"
      rows=${Math.min(8, Math.max(2, Math.ceil(text.length / 70)))} aria-labelledby=${`redact-h-${key}`}
      aria-describedby="redact-keys" .value=${text} @beforeinput=${keepText}
      @input=${(event) => { event.target.value = text; }}></textarea>
    <button type="button" class="button" @click=${ask}>${t('retention.redact_selection', { field: label })}</button>
    ${pending ? confirmBox(ctx, tool, t('retention.redact_confirm', {
      count: pending.end - pending.start, field: label, words: pending.words }), t('retention.redact'),
    // The digest of the text the offsets were counted in (kept when asked), never of a newer text a re-read of
    // the report drew meanwhile: the server then refuses (409 text_changed) rather than cut other characters.
    async () => { tool.last = key; await ctx.act('redact', 'redactions', await withDigest(request([{ start: pending.start, end: pending.end }]), pending.text)); })
    : nothing}
  </div>`;
}

/**
 * A flagged text's marked words (the phone's pattern set, which the server's flag is made from), each with a
 * button that asks to redact just them, through the same confirmation as a selection. Shown to a liaison,
 * who reads the text anyway; the server's flag itself names only the kinds.
 */
function markedList(ctx, tool, key, text, field) {
  const spans = findSpans(text, field);
  if (!spans.length) return nothing;
  return html`<ul class="desk-list redact-marked">${repeat(spans, (span) => `${span.start}:${span.end}`, (span) => {
    const words = spanWords(text, span);
    return html`<li><mark class=${`sensitive sensitive-${span.kind}`}>${words}</mark>
      <button type="button" class="button redact-marked-span" @click=${() => {
        ctx.errors.redact = null;
        tool.ask({ field: key, start: span.start, end: span.end, words, text });
      }}>${ctx.t('retention.redact_marked', { words })}</button></li>`;
  })}</ul>`;
}

/** A request's body with the digest of the text its offsets were counted in, when the page can make one. */
async function withDigest(body, text) {
  const digest = await textDigest(text);
  return digest ? { ...body, text_sha256: digest } : body;
}

function fieldBlock(ctx, tool, name, text) {
  return textBlock(ctx, tool, name, ctx.t(`field.${name}`), text, (spans) => ({ field: name, spans }), name);
}

function besideBlock(ctx, tool, item) {
  return textBlock(ctx, tool, item.key, item.label, item.text,
    (spans) => ({ target: item.target, id: item.id, field: item.field, spans }), item.field);
}

function photoBlock(ctx, tool, photo, index) {
  const { t } = ctx;
  const n = index + 1;
  const pending = tool.pending?.photo === photo.sha256;
  return html`<li><span>${t('photos.alt', { n })}</span>
    <button type="button" class="button" @click=${() => tool.ask({ photo: photo.sha256 })}>${
      t('retention.photo_remove', { n })}</button>
    ${pending ? confirmBox(ctx, tool, t('retention.photo_confirm', { n }), t('retention.photo_remove_yes', { n }),
    () => ctx.act('photo_remove', `photos/${photo.sha256}`, undefined, null, 'DELETE')) : nothing}</li>`;
}

/** The panel: legal hold, then each free-text field with words in it, then each photo. */
export function redactionPanel(ctx, tool) {
  const { t, detail } = ctx;
  const body = detail.body || {};
  const fields = REDACTABLE.filter((name) => typeof body[name] === 'string' && body[name]);
  const photos = detail.photos || [];
  const photoKey = photoKeys(photos);
  const beside = besideTexts(detail, t);
  return html`<section class="redaction" aria-labelledby="redaction-h">
    <h2 id="redaction-h" tabindex="-1">${t('retention.title')}</h2>
    ${holdBlock(ctx)}
    <h3>${t('retention.text_title')}</h3>
    ${fields.length || beside.length ? html`<p class="note">${t('retention.how')}</p>
      <p class="note" id="redact-keys">${t('retention.keys')}</p>` : nothing}
    ${fields.length ? repeat(fields, (name) => name, (name) => fieldBlock(ctx, tool, name, body[name])) : html`<p>${t('retention.no_text')}</p>`}
    ${beside.length ? html`<h3 id="redact-beside-h">${t('retention.beside_title')}</h3>
      <p class="note">${t('retention.beside_how')}</p>
      ${repeat(beside, (item) => item.key, (item) => besideBlock(ctx, tool, item))}` : nothing}
    <p class="error" id="error-redact" role=${ctx.errors.redact ? 'alert' : nothing}>${ctx.errors.redact || ''}</p>
    ${photos.length ? html`<h3>${t('retention.photos_title')}</h3>
      <ul class="desk-list">${repeat(photos, (photo, i) => photoKey[i], (photo, i) => photoBlock(ctx, tool, photo, i))}</ul>
      <p class="error" role=${ctx.errors.photo_remove ? 'alert' : nothing}>${ctx.errors.photo_remove || ''}</p>`
    : nothing}
  </section>`;
}
