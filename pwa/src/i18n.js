/**
 * Message catalogs and the current language. Every user-facing string goes through t().
 * English and Spanish are complete; a key missing in another language falls back to English.
 */
import en from './messages/en.js';
import es from './messages/es.js';

export const CATALOGS = { en, es };
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
];

let current = 'en';

/**
 * Add messages to the catalogs: the desk screens bring their own (src/desk/messages/), loaded
 * with the desk chunk, so phones never download them.
 */
export function addMessages(more) {
  for (const [code, messages] of Object.entries(more)) CATALOGS[code] = { ...(CATALOGS[code] || {}), ...messages };
}

/** Set the language used by t() and on <html lang>. */
export function setLanguage(code) {
  current = CATALOGS[code] ? code : 'en';
  document.documentElement.lang = current;
  return current;
}

/** The current language code. */
export function language() {
  return current;
}

/** Translate a key, filling {placeholders} from params. */
export function t(key, params = {}) {
  const text = CATALOGS[current][key] ?? CATALOGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`));
}

/** Pick the current language's text from a {en, es, …} object (checklist steps carry their own). */
export function pick(texts) {
  if (!texts) return '';
  return texts[current] || texts.en || Object.values(texts)[0] || '';
}
