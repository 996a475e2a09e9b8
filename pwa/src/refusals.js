/**
 * What the server refused, in the employee's language. A push's rejected item carries its field
 * messages in English (`errors`) and as codes (`error_codes`, docs/sync-protocol.md); the outbox keeps
 * both, and a generic line as a catalog key (`last_error`, never the server's English `message`).
 * Each message is said in the phone's words for its code (`refusal.*`; the one table from codes to keys
 * is src/field-errors.js, the desk's too) and falls back to the server's English for a code without words.
 *
 * The words (src/messages/refusal/, English included, one chunk per language) and the code table are
 * loaded only when a screen has a refusal to show (`loadRefusalWords`): most phones never need them, and
 * the first load stays within its budget (none is precached). The words are then kept for offline use
 * like the app's catalog (src/i18n.js). Until they are loaded, or when they cannot be, the English as sent.
 */
import { CATALOGS, addCatalogSource } from './i18n.js';

export const PREFIX = 'refusal';

let loading = null;
let table = null; // src/field-errors.js, once loaded

/** Load the code table and the refusal words (English and the current language's); never rejects. */
export function loadRefusalWords() {
  loading ??= Promise.all([import('./field-errors.js'), addCatalogSource(PREFIX, './messages/refusal', { english: true })])
    .then(([module]) => { table = module; })
    .catch(() => { loading = null; }); // offline, never loaded: the English as sent; tried again next time
  return loading;
}

/** Whether an outbox record or a draft holds a refusal whose words a screen will need (a photo refused too). */
export function hasRefusal(record) {
  return Boolean(record && (record.state === 'rejected' || record.state === 'conflict' || record.rejected_errors
    || record.photos_refused?.length));
}

/** `errors` with each message in the phone's words where `codes` (the result's `error_codes`) allows, the envelope's too. */
export function refusedErrors(errors, codes, t) {
  return table && errors ? table.itemErrors(errors, codes, t, PREFIX) : errors;
}

// A single item the server refused as too large (src/sync.js, on a 413). What the employee can do differs by
// kind: a report's notes can be shortened; an alert holds only its site and time, so there is nothing to
// shorten and the call is what is left; an answer is written again, shorter.
const TOO_LARGE = { encounter: 'refusal.item.too_large_report', alert: 'refusal.item.too_large_alert',
  answer: 'refusal.item.too_large_answer' };

/** The line for an item of `kind` refused as too large, or null while its words are not loaded. */
export function tooLargeText(kind, t) {
  const key = TOO_LARGE[kind] ?? TOO_LARGE.encounter;
  return key in CATALOGS.en ? t(key) : null;
}

/**
 * A record's generic refusal line in words (its `last_error` key, src/outbox.js), or null: before the
 * words are loaded, and for a record from before the keys, which kept the server's English there.
 */
export function itemErrorText(record, t) {
  const key = record?.last_error;
  return typeof key === 'string' && key in CATALOGS.en ? t(key) : null;
}
