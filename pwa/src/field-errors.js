/**
 * Field messages in the reader's language, for the desk and the phone alike. The server sends each
 * field message twice: in English (`errors`, what every client read before) and as a code with params
 * (`error_codes`, the same keys, one `{code, params}` per message in the same order; server/field_codes.py),
 * in an HTTP error and in a push's rejected item. This is the one table from a code to a catalog key;
 * each reader has its own words under its prefix (`desk.field_error.*` in the desk's catalogs, `refusal.*`
 * in the phone's refusal catalogs, src/refusals.js), written for whom reads them. A code without words
 * (under that prefix, or not loaded) shows the server's English as sent, so a new check on the server is
 * visible at once, only untranslated until words are added. Numbers in the words (limits, lengths, counts,
 * numeric choices) are written as the rest of the reader's screens write them: through `t`'s placeholders,
 * which write numbers with `formatNumber` (src/i18n.js), e.g. Farsi digits.
 */

export const DESK = 'desk.field_error';

// A closed list's choices (`one_of`) in the words its screen shows them, by the refused field's name: the catalog
// prefix of that list's words ("Use one of: Call 911, Call the site", not "emergency, site"). A choice without
// words there (a list not named here, a value the catalogs lack) is shown as sent.
const CHOICE_WORDS = {
  call: 'call', capture: 'trainer.editor.capture', field: 'field', role: 'admin.role', facility_type: 'liaison.facility',
  area_type: 'area', area_types: 'area', agency: 'agency', agencies: 'agency', document_type: 'doc',
  status: 'liaison.status', verdict: 'counsel.verdict', rows: 'liaison.dim', columns: 'liaison.dim',
};

// Codes said alike (null and required both mean "give a value").
const SAME = { null: 'required' };
// Codes whose key is `<prefix>.<code>` (their words may use the params or not).
const PLAIN = new Set(['required', 'type', 'unknown', 'one_of', 'blank', 'nul', 'pattern', 'slug', 'code_chars',
  'username', 'phone', 'taken', 'not_found', 'not_allowed', 'both_or_none', 'citywide',
  'before_start', 'future', 'too_old', 'inactive', 'never_collected', 'sensitive', 'uuid', 'years', 'answered']);

/** The bounds' part of a key: `_between`, `_min` or `_max` by which of min and max the params give. */
function bounds(params) {
  const min = params.min != null;
  const max = params.max != null;
  return min && max ? '_between' : min ? '_min' : max ? '_max' : null;
}

/**
 * The catalog key of one coded message ({code, params}) under `prefix`, or null when the code has none.
 * "At least 1" of a text or a list is said as "required" and "choose at least one" (no plural to get wrong).
 */
export function fieldErrorKey(entry, prefix = DESK) {
  const code = entry?.code ? SAME[entry.code] || entry.code : null;
  const params = entry?.params || {};
  if (!code) return null;
  if (PLAIN.has(code)) return `${prefix}.${code}`;
  if (code === 'duplicate') return params.step != null ? `${prefix}.duplicate_step` : `${prefix}.duplicate`;
  if (code === 'length' && params.min === 1 && params.max == null) return `${prefix}.required`;
  // An exact length: only a photo's hash has one (server/schemas/encounter.py), made by the app, never typed.
  if (code === 'length' && params.equal != null) return `${prefix}.length_equal`;
  if (code === 'count' && params.min === 1 && params.max == null) return `${prefix}.count_one`;
  const part = ['length', 'count', 'range'].includes(code) ? bounds(params) : null;
  return part ? `${prefix}.${code}${part}` : null;
}

/**
 * The key of a pushed item's envelope message (its id, kind, schema version, the body refused as a whole, a key
 * the envelope may not carry; docs/sync-protocol.md). Whatever the code, the employee can do one of two things,
 * so the words are per case: an id the server will not take (`taken`), else the app and the server disagreeing
 * on the form (the app out of date).
 */
export function envelopeErrorKey(entry, prefix = DESK) {
  if (!entry?.code) return null;
  return `${prefix}.${entry.code === 'taken' ? 'envelope_taken' : 'envelope'}`;
}

/**
 * One field message: the reader's words for its code, else the server's English as sent. `t` answers a key
 * it has no words for with the key itself (src/i18n.js): that, too, is the English.
 */
export function fieldErrorText(message, entry, t, prefix = DESK, keyOf = fieldErrorKey, name = null) {
  const key = keyOf(entry, prefix);
  if (!key) return message;
  const params = entry.params || {};
  const choices = Array.isArray(params.choices) ? params.choices.map((c) => choiceText(c, name, params, t)).join(', ') : '';
  const text = t(key, { ...params, choices });
  return text === key ? message : text;
}

/**
 * One choice of a closed list as the screen of field `name` says it (CHOICE_WORDS; its words may use the refusal's
 * params, as "Call {number}" the emergency number the server sends with it), else as sent; a number as `t`
 * writes any number: a key without words is its own text, placeholders filled (importing src/i18n.js here instead
 * splits the phone's chunks anew, into its first load).
 */
function choiceText(choice, name, params, t) {
  const key = CHOICE_WORDS[name] && typeof choice === 'string' ? `${CHOICE_WORDS[name]}.${choice}` : null;
  const words = key ? t(key, params) : key;
  return words && words !== key ? words : t('{c}', { c: choice });
}

/**
 * The error body's `errors` in the reader's language: the same shape (fields, nested steps and languages,
 * lists of messages), each message replaced by its words when `error_codes` gives a code with words under
 * `prefix`. Anything that is not a message (a refused move's allowed states, the door's spans) is left as sent.
 */
export function localErrors(body, t, prefix = DESK) {
  return merge(body?.errors, body?.error_codes, t, prefix, fieldErrorKey);
}

/**
 * A pushed item's `errors` (a push result's, docs/sync-protocol.md) in the reader's language: the body's field
 * messages by their codes, the envelope's (every other key, and a body refused as a whole) by
 * `envelopeErrorKey`. Envelope words are said once: an id and a kind refused together read alike.
 */
export function itemErrors(errors, codes, t, prefix) {
  const out = {};
  const said = new Set();
  for (const [key, value] of Object.entries(errors || {})) {
    const body = key === 'body' && value && typeof value === 'object' && !Array.isArray(value);
    const words = merge(value, codes?.[key], t, prefix, body ? fieldErrorKey : envelopeErrorKey, key);
    const line = JSON.stringify(words);
    if (!body && said.has(line)) continue;
    said.add(line);
    out[key] = words;
  }
  return out;
}

// `name`: the field the messages are about, the nearest key above them that is not a position ({"0": …}).
function merge(messages, codes, t, prefix, keyOf, name = null) {
  if (Array.isArray(messages)) {
    return messages.map((message, i) => (typeof message === 'string' && Array.isArray(codes)
      ? fieldErrorText(message, codes[i], t, prefix, keyOf, name) : message));
  }
  if (messages && typeof messages === 'object') {
    return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key,
      merge(value, codes?.[key], t, prefix, keyOf, /^\d+$/.test(key) ? name : key)]));
  }
  return messages;
}
