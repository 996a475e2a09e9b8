/**
 * A checklist text (title, step, guide) in the current language, or in English marked as
 * such where the trainer has not translated it yet: the employee sees that the step exists
 * only in English rather than a silently different language.
 */
import { html, nothing } from 'lit-html';
import { pickText, t } from '../i18n.js';

/** The text of `texts` ({en, es, zh, …}) in the current language, or marked English. */
export function localized(texts) {
  const { text, lang, fallback } = pickText(texts);
  if (!fallback) return text;
  return html`<span lang=${lang} dir="ltr">${text}</span>${text ? html` <span class="fallback-mark">${t('checklist.untranslated')}</span>` : nothing}`;
}
