/**
 * A checklist text (title, step, guide) in the current language, or in English marked as
 * such where the trainer has not translated it yet: the employee sees that the step exists
 * only in English rather than a silently different language.
 */
import { html, nothing } from 'lit-html';
import { LANGUAGES, language, pickText, t } from '../i18n.js';

/**
 * The text of `texts` ({en, es, zh, …}) in the current language, or marked English. Untranslated, the text is a
 * block of its own language and direction (`.untranslated`): an English step on a Farsi phone starts at the left,
 * as English does, and a screen reader reads it in English; its mark stays in the phone's language.
 */
export function localized(texts) {
  const { text, lang, fallback } = pickText(texts);
  if (!fallback) return text;
  const own = LANGUAGES.find((l) => l.code === language());
  return html`<span class="untranslated" lang=${lang} dir="auto">${text}${text ? html` <span class="fallback-mark"
    lang=${own.code} dir=${own.dir}>${t('checklist.untranslated')}</span>` : nothing}</span>`;
}
