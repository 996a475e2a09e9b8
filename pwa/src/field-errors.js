/**
 * Field messages in the reader's language, for the desk and the phone alike. The server sends each
 * field message twice: in English (`errors`, what every client read before) and as a code with params
 * (`error_codes`, the same keys, one `{code, params}` per message in the same order; server/field_codes.py),
 * in an HTTP error and in a push's rejected item. This is the one table from a code to a catalog key;
 * each reader has its own words under its prefix (`desk.field_error.*` in the desk's catalogs, `refusal.*`
 * in the phone's refusal catalogs, src/refusals.js), written for whom reads them. A code without words
 * (under that prefix, or not loaded) shows the server's English as sent, so a new check on the server is
 * visible at once, only untranslated until words are added.
 */

export const DESK = 'desk.field_error';

// Codes said alike (null and required both mean "give a value").
const SAME = { null: 'required' };
// Codes whose key is `<prefix>.<code>` (their words may use the params or not).
const PLAIN = new Set(['required', 'type', 'unknown', 'one_of', 'blank', 'nul', 'pattern', 'slug', 'code_chars',
  'username', 'phone', 'taken', 'not_found', 'not_allowed', 'both_or_none', 'citywide',
  'before_start', 'inactive', 'never_collected', 'sensitive']);

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
  if (code === 'count' && params.min === 1 && params.max == null) return `${prefix}.count_one`;
  const part = ['length', 'count', 'range'].includes(code) ? bounds(params) : null;
  if (!part || (code === 'count' && part !== '_between')) return null;
  return `${prefix}.${code}${part}`;
}

/**
 * One field message: the reader's words for its code, else the server's English as sent. `t` answers a key
 * it has no words for with the key itself (src/i18n.js): that, too, is the English.
 */
export function fieldErrorText(message, entry, t, prefix = DESK) {
  const key = fieldErrorKey(entry, prefix);
  if (!key) return message;
  const params = entry.params || {};
  const text = t(key, { ...params, choices: Array.isArray(params.choices) ? params.choices.join(', ') : '' });
  return text === key ? message : text;
}

/**
 * The error body's `errors` in the reader's language: the same shape (fields, nested steps and languages,
 * lists of messages), each message replaced by its words when `error_codes` gives a code with words under
 * `prefix`. Anything that is not a message (a refused move's allowed states, the door's spans) is left as sent.
 */
export function localErrors(body, t, prefix = DESK) {
  return merge(body?.errors, body?.error_codes, t, prefix);
}

function merge(messages, codes, t, prefix) {
  if (Array.isArray(messages)) {
    return messages.map((message, i) => (typeof message === 'string' && Array.isArray(codes)
      ? fieldErrorText(message, codes[i], t, prefix) : message));
  }
  if (messages && typeof messages === 'object') {
    return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, merge(value, codes?.[key], t, prefix)]));
  }
  return messages;
}
