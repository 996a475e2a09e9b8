/**
 * The app's languages, each named in its own script (the picker shows these names), with its
 * writing direction and the code the server's checklist texts and report `language` use.
 * Read by i18n.js, the build (one catalog chunk per language) and the catalog checks.
 *
 * Chinese: the UI has Traditional and Simplified catalogs; the server keeps one `zh` text per
 * checklist step and `zh` in a report's `language` (docs/decisions.md, "Languages").
 */
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr', content: 'en' },
  { code: 'es', name: 'Español', dir: 'ltr', content: 'es' },
  { code: 'ko', name: '한국어', dir: 'ltr', content: 'ko' },
  { code: 'zh-Hant', name: '中文（繁體）', dir: 'ltr', content: 'zh' },
  { code: 'zh-Hans', name: '中文（简体）', dir: 'ltr', content: 'zh' },
  { code: 'hy', name: 'Հայերեն', dir: 'ltr', content: 'hy' },
  { code: 'tl', name: 'Tagalog', dir: 'ltr', content: 'tl' },
  { code: 'fa', name: 'فارسی', dir: 'rtl', content: 'fa' },
  { code: 'ru', name: 'Русский', dir: 'ltr', content: 'ru' },
  { code: 'vi', name: 'Tiếng Việt', dir: 'ltr', content: 'vi' },
];

export const CODES = LANGUAGES.map((l) => l.code);

/** The app language for a browser language tag ('zh-TW' → 'zh-Hant', 'es-MX' → 'es'); null when none fits. */
export function matchLanguage(tag) {
  if (!tag) return null;
  const lower = String(tag).toLowerCase();
  const exact = CODES.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.startsWith('zh')) return /hant|tw|hk|mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  if (lower.startsWith('fil')) return 'tl';
  const base = lower.split('-')[0];
  return CODES.includes(base) ? base : null;
}

/** The server's language code for an app language (checklist texts, a report's `language`). */
export function contentLanguage(code) {
  return LANGUAGES.find((l) => l.code === code)?.content || 'en';
}
