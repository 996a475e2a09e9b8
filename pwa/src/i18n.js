/**
 * Message catalogs and the current language. Every user-facing string goes through t().
 * English is in the app's bundle (it is every key's fallback); each other language is a chunk
 * of its own, loaded when chosen, so a phone downloads only its own language's catalog
 * (pwa/build.mjs writes their URLs into __CATALOGS__). A key missing in a language falls back
 * to English, so a key just added in en.js never shows as a raw key.
 */
import en from './messages/en.js';
import { CODES, LANGUAGES, contentLanguage } from './languages.js';

export { LANGUAGES };
export const CATALOGS = { en: { ...en } };
// { app: {code: url}, desk: {code: url} }, written by the build; absent when the sources run as they are (node).
const BUILT = typeof __CATALOGS__ === 'object' ? __CATALOGS__ : null;
const OFFLINE_CACHE = 'el-catalogs';
const sources = [{ name: 'app', folder: './messages' }];
const loaded = new Set(['app:en']);

let current = 'en';
let rtl = false;

/** Add messages to the catalogs (the desk's English comes with its chunk). */
export function addMessages(more) {
  for (const [code, messages] of Object.entries(more)) CATALOGS[code] = { ...(CATALOGS[code] || {}), ...messages };
}

// The phone's sources whose chunks are kept for offline use (the desk works online), and the card for residents.
const KEPT = ['app', 'refusal', 'card'];

/** Keep a phone catalog chunk in Cache Storage: the service worker answers it offline (src/sw.js). */
async function keepOffline(url) {
  if (!globalThis.caches) return;
  try {
    const cache = await caches.open(OFFLINE_CACHE);
    if (!(await cache.match(url))) {
      // Only a script is kept: a captive portal answers 200 with its own page, which, kept, the service worker
      // would serve for this chunk from then on, online too (cache.add keeps any 200).
      const response = await fetch(url);
      if (!response.ok || !/javascript/.test(response.headers.get('content-type') || '')) return;
      await cache.put(url, response);
    }
    const built = new Set(KEPT.flatMap((name) => Object.values(BUILT[name] || {}))
      .map((u) => new URL(u, location.href).href));
    for (const request of await cache.keys()) if (!built.has(request.url)) await cache.delete(request); // older builds'
  } catch { /* no cache: the chunk is fetched again when online */ }
}

async function load(source, code) {
  const id = `${source.name}:${code}`;
  if (loaded.has(id)) return;
  const url = BUILT?.[source.name]?.[code];
  if (BUILT && !url) return; // the build has no such catalog: English per key
  // Unbuilt (node's tests): the source file beside this module. Not a literal, so esbuild leaves it alone.
  const module = await import(url || [source.folder, `${code}.js`].join('/'));
  addMessages({ [code]: module.default });
  loaded.add(id);
  if (url && KEPT.includes(source.name)) keepOffline(url);
}

const CARD_URL = BUILT?.card?.all;

/**
 * The card for residents' screen and texts (src/resident-card/card.js): a chunk of its own, out of the first load,
 * kept for offline use the first time it is fetched.
 */
export async function residentCard() {
  // Unbuilt (node's tests): the source file. Not a literal, so esbuild leaves it alone.
  const module = await import(CARD_URL || ['./resident-card', 'card.js'].join('/'));
  if (CARD_URL) keepOffline(CARD_URL);
  return module;
}

/** Fetch and keep the card for residents while the phone is online (after sign-in), so it shows with no signal. */
export function keepResidentCard() {
  if (CARD_URL && navigator.onLine) keepOffline(CARD_URL);
}

/**
 * Register another catalog source (the desk's, src/desk/messages/) and load the current
 * language from it; `folder` is relative to this module. `english`: the source's English is a
 * chunk of its own too (the refusal words, src/refusals.js), loaded first and not to be missed
 * (this rejects when it cannot be loaded); otherwise the caller brought it with its own chunk.
 */
export async function addCatalogSource(name, folder, { english = false } = {}) {
  if (!sources.some((s) => s.name === name)) sources.push({ name, folder });
  const source = sources.find((s) => s.name === name);
  if (english) await load(source, 'en');
  else loaded.add(`${name}:en`);
  if (current !== 'en') await load(source, current).catch(() => {});
}

/** Load a language's catalogs without switching to it (the trainer's preview shows a step in any language). */
export async function loadCatalog(code) {
  if (!CODES.includes(code)) return;
  await Promise.all(sources.map((source) => load(source, code))).catch(() => {});
}

/**
 * Set the language used by t(), on <html lang> and <html dir>; loads its catalog first.
 * Offline without the catalog (never opened in that language) the app stays in English.
 */
export async function setLanguage(code) {
  let wanted = CODES.includes(code) ? code : 'en';
  // Every source settled, not the first failure: offline, the refusal words' chunk may be missing while the
  // app's catalog is still loading, and deciding then would drop the language that is on its way.
  const loads = await Promise.allSettled(sources.map((source) => load(source, wanted)));
  if (loads.some((l) => l.status === 'rejected') && !CATALOGS[wanted]) wanted = 'en';
  current = wanted;
  const { dir } = LANGUAGES.find((l) => l.code === current);
  rtl = dir === 'rtl';
  if (globalThis.document) {
    document.documentElement.lang = current;
    document.documentElement.dir = dir;
  }
  return current;
}

/** The current language code. */
export function language() {
  return current;
}

let numbers = null;
/** Numbers as the current language writes them (Farsi digits, grouping), through Intl. */
export function formatNumber(value) {
  if (numbers?.lang !== current) numbers = { lang: current, format: new Intl.NumberFormat(current) };
  return numbers.format.format(value);
}

/**
 * Translate a key, filling {placeholders} from params (numbers through Intl). In a right-to-left language each
 * text filled in is isolated (U+2068…U+2069), so a name, title or time keeps the words and digits around it in
 * their places: "ادامه: Site A1، ۱۲ دقیقه پیش" would otherwise show the minutes before the site.
 */
export function t(key, params = {}) {
  const text = CATALOGS[current]?.[key] ?? CATALOGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name];
    if (value === undefined || value === null) return `{${name}}`;
    return typeof value === 'number' ? formatNumber(value) : rtl ? `\u2068${value}\u2069` : value;
  });
}

/** Whether the current catalog has this key itself (not through the English fallback). */
export function has(key) {
  return CATALOGS[current]?.[key] !== undefined;
}

/**
 * The current language's text from a {en, es, zh, …} object (checklist steps carry their
 * own), as {text, lang, fallback}: fallback when it is not in the current language.
 */
export function pickText(texts) {
  if (!texts) return { text: '', lang: current, fallback: false };
  for (const lang of [current, contentLanguage(current)]) if (texts[lang]) return { text: texts[lang], lang: current, fallback: false };
  if (texts.en) return { text: texts.en, lang: 'en', fallback: current !== 'en' };
  const [lang, text] = Object.entries(texts)[0] || ['en', ''];
  return { text, lang, fallback: true };
}

/** Pick the current language's text from a {en, es, …} object, else English. */
export function pick(texts) {
  return pickText(texts).text;
}
