/**
 * One checklist step as the phone lays it out, as pure templates of their inputs (the step, a translator, the
 * values shown, the handlers): the phone's checklist screen (screens/checklist.js) and the trainer's preview
 * (desk/screens/checklist-editor.js) draw the same blocks, the preview with handlers that do nothing and its
 * photo button disabled, so what a trainer checks is what a phone shows.
 */
import { html, nothing } from 'lit-html';
import vocabulary from '../rules/vocabulary.json' with { type: 'json' };
import { callButtons, emergencyButton, emergencyCall } from '../contacts.js';
import { TEXT_FIELDS } from '../report.js';
import { isDocumentStep, paragraphs } from './encounter.js';
import { plural, timeOfDay } from './format.js';
import { photoButton } from './photo-field.js';
import { textField } from './text-fields.js';

const RESULTS = [
  ['done', 'step.done', 'primary'],
  ['skipped', 'step.skip', ''],
  ['not_applicable', 'step.not_applicable', ''],
];
const { agents_field: AGENTS_FIELD, emergency_call: EMERGENCY } = vocabulary;

/** The report field a step's box writes: the note's named field, or the agents' field; null for none. */
export function capturedField(step) {
  if (step.capture === 'note') return step.field || null;
  return step.capture === 'agents' ? AGENTS_FIELD : null;
}

/**
 * The call plan (contacts.js callPlan's shape) of a step shown with no site's numbers: everyone it calls, each
 * without a number, the emergency button apart. The trainer's preview shows whom a step calls; a phone, whom of
 * them it holds a number for.
 */
export function namedCalls(whoList) {
  const contacts = (whoList || []).filter((who) => who !== EMERGENCY).map((who) => ({ who, tel: '' }));
  return { emergency: emergencyCall(whoList), contacts, say: null };
}

/**
 * The step's calls: the emergency number first, apart and red; then `picker` (the phone's site picker, when the
 * step calls the site's people), the numbers of `plan`, and one line at most about what is missing. `level` is
 * the step heading's (the section's heading is one below). `onClick` sees every tap in the section.
 */
export function callBlock({ plan, t, picker = nothing, level = 1, onClick = nothing }) {
  const title = t('call.heading');
  return html`<section class="step-calls" aria-labelledby="step-calls-h" @click=${onClick}>
    ${level === 1 ? html`<h2 id="step-calls-h" class="step-calls-title">${title}</h2>`
      : html`<h3 id="step-calls-h" class="step-calls-title">${title}</h3>`}
    ${emergencyButton(plan.emergency, t)}
    ${picker}
    ${callButtons(plan.contacts, t)}
    ${plan.say === 'none' ? html`<p class="note">${t('call.none')}</p>` : nothing}
  </section>`;
}

/** The note box of report field `name`, saved in the report as typed; `check` is its never-collect check. */
export function noteBlock({ name, t, value = '', onInput = () => {}, check }) {
  return textField({ name, label: t(`field.${name}`), value, maxlength: TEXT_FIELDS[name], onInput,
    hint: t('step.saved_in_report'), check });
}

/**
 * The document step's "Take photo" (its main button), how many photos the report holds, a problem, and `status`
 * (where the photo stands with counsel). The count is said in the app's language (the preview shows none).
 */
export function photoBlock({ t, count = 0, busy = false, error = '', disabled = false, onFile = () => {}, status = nothing }) {
  return html`
    <div class="step-photo" id="field-photos">
      ${photoButton({ count, disabled: disabled || busy, primary: true, t, onFiles: ([file]) => onFile(file) })}
      <p class="photo-count" role="status">${busy ? t('photos.preparing')
        : count ? plural('photos.count', count) : t('photos.none')}</p>
      ${error ? html`<p class="error"><span aria-hidden="true">⚠ </span>${error}</p>` : nothing}
      ${status}
    </div>`;
}

/**
 * What a step offers in place, in the phone's order: its calls, the note box of the field it writes, the
 * document's photo. `calls`, `note` (given the field's name) and `photo` are the blocks' own inputs, less the
 * translator; a step without one of them leaves it out.
 */
export function inPlace({ step, t, level = 1, calls = {}, note = () => ({}), photo = {} }) {
  const name = capturedField(step);
  return html`
    ${step.call?.length ? callBlock({ plan: namedCalls(step.call), ...calls, t, level }) : nothing}
    ${name && TEXT_FIELDS[name] ? noteBlock({ name, ...note(name), t }) : nothing}
    ${step.capture === 'document_photo' ? photoBlock({ ...photo, t }) : nothing}`;
}

/**
 * One step as the phone shows it: the checklist title, the step heading with its time-critical mark, what the
 * step captures or calls (`inPlace`), the answer buttons and the guide. The trainer's preview renders this same
 * template (with `level: 2`, in the language it previews). `locked` while taps are ignored.
 */
export function stepView({ title, step, count, given, t, text, guide = (g) => paragraphs(text(g)), onAnswer, onPhotos,
  level = 1, inPlace: offered = nothing, locked = false }) {
  const heading = html`
    <span class="step-count">${count}</span>
    ${step.time_critical ? html`<span class="time-critical">${t('step.time_critical')}</span>` : nothing}
    <span class="step-text">${text(step.text)}</span>`;
  // On the document step "Take photo" is the main button; Done is one answer among three.
  const photoFirst = step.capture === 'document_photo';
  return html`
    <p class="checklist-title">${text(title)}</p>
    ${level === 1 ? html`<h1 class="step-heading">${heading}</h1>` : html`<h2 class="step-heading">${heading}</h2>`}
    ${given ? html`<p class="answered" role="status">${t('step.answered', { result: t(`result.${given.result}`), time: timeOfDay(given.at) })}</p>` : nothing}
    ${offered}
    <div class="answer-buttons">
      ${RESULTS.map(([result, key, kind]) => html`
        <button type="button" class="button big ${photoFirst ? '' : kind}" aria-pressed=${given?.result === result ? 'true' : 'false'}
          ?disabled=${locked} @click=${() => onAnswer(result)}>${t(key)}</button>`)}
    </div>
    ${step.guide ? html`
      <details class="guide">
        <summary>${t('step.show_guide')}</summary>
        <div class="guide-text">${guide(step.guide)}</div>
      </details>` : nothing}
    ${isDocumentStep(step) ? html`
      ${photoFirst ? nothing : html`<p><button type="button" class="button" @click=${onPhotos}>${t('step.add_photos')}</button></p>`}
      <p><a href="#/guide">${t('step.warrant_guide')}</a></p>` : nothing}`;
}
