/**
 * Translations an English edit may have left behind. A trainer who rewords a step's English
 * text and nothing else publishes a version whose Spanish (or Korean…) phones still give the
 * old instruction; the editor cannot know whether a translation still says the same, so it
 * names each one that is unchanged since the published version the draft started from while
 * the English text changed, for the trainer to check (the editor marks them, publishing lists them).
 */

const trimmed = (text, lang) => String(text?.[lang] ?? '').trim();

/**
 * The steps whose English text differs from the base version's and the languages whose text
 * did not change with it: [{index, id, languages}] in the draft's order. Steps are matched by
 * id (new steps have nothing to compare with); an empty translation is missing, not stale.
 * `languages`: the translations to check, in the order to name them.
 */
export function staleTranslations(steps, baseSteps, languages) {
  const base = new Map((baseSteps || []).map((s) => [s.id, s.text || {}]));
  const out = [];
  steps.forEach((step, index) => {
    const before = base.get(step.id);
    if (!before || trimmed(step.text, 'en') === trimmed(before, 'en')) return;
    const stale = languages.filter((lang) => trimmed(step.text, lang) && trimmed(step.text, lang) === trimmed(before, lang));
    if (stale.length) out.push({ index, id: step.id, languages: stale });
  });
  return out;
}
