/**
 * Field messages in the desk's language. The server sends each field message twice: in English
 * (`errors`, what every client read before) and as a code with params (`error_codes`, the same keys,
 * one `{code, params}` per message in the same order; server/field_codes.py). The desk says a code it
 * knows with its own words (`desk.field_error.*`) and shows the server's English for one it does not,
 * so a new check on the server is visible at once, only untranslated until words are added here.
 */

// Codes said alike (null and required both mean "give a value").
const SAME = { null: 'required' };
// Codes whose words need no params, each a key `desk.field_error.<code>`.
const PLAIN = new Set(['required', 'type', 'unknown', 'one_of', 'blank', 'nul', 'pattern', 'slug', 'code_chars',
  'username', 'phone', 'taken', 'not_found', 'not_allowed', 'both_or_none', 'citywide', 'before_start']);

/** The bounds' part of a key: `_between`, `_min` or `_max` by which of min and max the params give. */
function bounds(params) {
  const min = params.min != null;
  const max = params.max != null;
  return min && max ? '_between' : min ? '_min' : max ? '_max' : null;
}

/**
 * The catalog key of one coded message ({code, params}), or null when the desk has no words for it.
 * "At least 1" of a text or a list is said as "required" and "choose at least one" (no plural to get wrong).
 */
export function fieldErrorKey(entry) {
  const code = entry?.code ? SAME[entry.code] || entry.code : null;
  const params = entry?.params || {};
  if (!code) return null;
  if (PLAIN.has(code)) return `desk.field_error.${code}`;
  if (code === 'duplicate') return params.step != null ? 'desk.field_error.duplicate_step' : 'desk.field_error.duplicate';
  if (code === 'length' && params.min === 1 && params.max == null) return 'desk.field_error.required';
  if (code === 'count' && params.min === 1 && params.max == null) return 'desk.field_error.count_one';
  const part = ['length', 'count', 'range'].includes(code) ? bounds(params) : null;
  if (!part || (code === 'count' && part !== '_between')) return null;
  return `desk.field_error.${code}${part}`;
}

/** One field message: the desk's words for its code, else the server's English as sent. */
export function fieldErrorText(message, entry, t) {
  const key = fieldErrorKey(entry);
  if (!key) return message;
  const params = entry.params || {};
  return t(key, { ...params, choices: Array.isArray(params.choices) ? params.choices.join(', ') : '' });
}

/**
 * The error body's `errors` in the desk's language: the same shape (fields, nested steps and languages,
 * lists of messages), each message replaced by its words when `error_codes` gives a code the desk knows.
 * Anything that is not a message (a refused move's allowed states, the door's spans) is left as sent.
 */
export function localErrors(body, t) {
  return merge(body?.errors, body?.error_codes, t);
}

function merge(messages, codes, t) {
  if (Array.isArray(messages)) {
    return messages.map((message, i) => (typeof message === 'string' && Array.isArray(codes)
      ? fieldErrorText(message, codes[i], t) : message));
  }
  if (messages && typeof messages === 'object') {
    return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, merge(value, codes?.[key], t)]));
  }
  return messages;
}
