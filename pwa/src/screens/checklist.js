/** One checklist step per screen: Done / Skip / Not applicable, each time-stamped on the device. */
import { html, nothing, render } from 'lit-html';
import { setTitle, timeOfDay } from '../components/format.js';
import { focusFieldNext, isDocumentStep, openEncounter, paragraphs } from '../components/encounter.js';
import { saveDraft } from '../drafts.js';
import { pickText, t as translate } from '../i18n.js';
import { localized } from '../components/localized.js';
import { answerStep } from '../report.js';

const RESULTS = [
  ['done', 'step.done', 'primary'],
  ['skipped', 'step.skip', ''],
  ['not_applicable', 'step.not_applicable', ''],
];

/** Render step `params.step` of the encounter `params.id`. */
export async function show(root, params, app) {
  const { t } = app;
  const opened = await openEncounter(root, params.id, t);
  if (!opened) return () => {};
  const { draft: loaded, version } = opened;
  if (!version) {
    // The checklist is missing from this phone (storage trimmed): the report can still be written.
    app.navigate(`#/encounter/${loaded.id}/report`);
    return () => {};
  }
  let draft = loaded;
  const total = version.steps.length;
  const n = Math.min(Math.max(Number(params.step) || 0, 0), total - 1);
  const step = version.steps[n];
  const base = `#/encounter/${draft.id}`;
  let busy = false;

  // Remember the screen the user is on: "Continue" on home comes back exactly here.
  if (draft.stage !== 'checklist' || draft.step_index !== n) {
    draft = { ...draft, stage: 'checklist', step_index: n };
    saveDraft(draft);
  }

  async function answer(result) {
    if (busy) return;
    busy = true;
    draft = answerStep(draft, version, step.id, result);
    await saveDraft(draft);
    app.navigate(n + 1 < total ? `${base}/step/${n + 1}` : `${base}/report`);
  }

  const count = t('step.count', { n: n + 1, total });
  setTitle(count);
  const given = draft.steps[step.id];
  render(html`
    ${stepView({ title: version.title, step, count, given, t, text: localized, guide: guideOf, onAnswer: answer,
    onPhotos: () => { focusFieldNext('photos'); app.navigate(`${base}/report`); } })}
    <div class="actions">
      <button type="button" class="button" @click=${() => app.navigate(n > 0 ? `${base}/step/${n - 1}` : '#/')}>${t('action.back')}</button>
      <a class="button quiet" href="${base}/report">${t('step.to_report')}</a>
    </div>`, root);
  return () => {};
}

/** A step's guide as paragraphs, in English marked as such when it has no translation. */
function guideOf(texts) {
  const { text, lang, fallback } = pickText(texts);
  return fallback ? html`<div lang=${lang} dir="ltr">${paragraphs(text)}</div><p><span class="fallback-mark">${translate('checklist.untranslated')}</span></p>` : paragraphs(text);
}

/**
 * One step as the phone shows it: the checklist title, the step heading with its
 * time-critical mark, the answer buttons and the guide. The trainer's preview renders
 * this same template (with `level: 2`, in the language it previews), so what a trainer
 * checks is what a phone will show.
 */
export function stepView({ title, step, count, given, t, text, guide = (g) => paragraphs(text(g)), onAnswer, onPhotos, level = 1 }) {
  const heading = html`
    <span class="step-count">${count}</span>
    ${step.time_critical ? html`<span class="time-critical">${t('step.time_critical')}</span>` : nothing}
    <span class="step-text">${text(step.text)}</span>`;
  return html`
    <p class="checklist-title">${text(title)}</p>
    ${level === 1 ? html`<h1 class="step-heading">${heading}</h1>` : html`<h2 class="step-heading">${heading}</h2>`}
    ${given ? html`<p class="answered" role="status">${t('step.answered', { result: t(`result.${given.result}`), time: timeOfDay(given.at) })}</p>` : nothing}
    <div class="answer-buttons">
      ${RESULTS.map(([result, key, kind]) => html`
        <button type="button" class="button big ${kind}" aria-pressed=${given?.result === result ? 'true' : 'false'}
          @click=${() => onAnswer(result)}>${t(key)}</button>`)}
    </div>
    ${step.guide ? html`
      <details class="guide">
        <summary>${t('step.show_guide')}</summary>
        <div class="guide-text">${guide(step.guide)}</div>
      </details>` : nothing}
    ${isDocumentStep(step) ? html`
      <p><button type="button" class="button" @click=${onPhotos}>${t('step.add_photos')}</button></p>
      <p><a href="#/guide">${t('step.warrant_guide')}</a></p>` : nothing}`;
}
