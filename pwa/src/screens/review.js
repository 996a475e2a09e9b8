/**
 * Review everything, fix what is missing, then submit: the draft moves to the outbox in one transaction.
 * Submit sits at the top when nothing blocks it (a minimal report is one tap from here); otherwise what
 * to fix is listed at the top and Submit waits at the bottom.
 */
import { html, nothing, render } from 'lit-html';
import { dateTime, setTitle, timeOfDay } from '../components/format.js';
import { focusFieldNext, openEncounter } from '../components/encounter.js';
import { SECTIONS, clearServerError, displayValue, draftSpans, keepingSpan, kindOf, localErrors, sectionOf,
  serverErrors, withoutSpan } from '../components/report-fields.js';
import { sensitiveCheck, spansMessage } from '../components/sensitive-marks.js';
import { flushDrafts, loadDraft, saveDraft, sitesByCode } from '../drafts.js';
import { localized } from '../components/localized.js';
import { TimePending, submitDraft } from '../submit.js';
import { retyped } from '../report.js';

/** Render the review of encounter `params.id`. */
export async function show(root, params, app) {
  const { t } = app;
  const opened = await openEncounter(root, params.id, t);
  if (!opened) return () => {};
  const { draft: loaded, version } = opened;
  const sites = await sitesByCode();
  const base = `#/encounter/${loaded.id}`;
  let draft = loaded;
  let busy = false;
  let failed = false;
  let tried = false;
  setTitle(t('review.title'), root);

  // What the server said last time is shown next to its fields, but only what the phone itself can
  // check blocks Submit: the server checks again, and some reasons (a site reactivated) pass by themselves.
  // Never-collected data blocks Submit too: each span is removed (or, where allowed, kept as an agent's name) first.
  const spanErrors = () => Object.fromEntries(Object.entries(draftSpans(draft)).map(([name, spans]) => [name,
    spansMessage(spans, t)]));
  const problems = () => ({ ...serverErrors(draft.rejected_errors, draft.rejected_codes).fields, ...spanErrors(), ...localErrors(draft) });
  const blocking = () => ({ ...spanErrors(), ...localErrors(draft) });

  /** Change the draft from the review itself (a span removed or kept), saved at once. */
  function change(next) {
    draft = next;
    saveDraft(draft);
    draw();
  }
  // Missing fields are errors from here on, in the review and back in the form.
  if (draft.stage !== 'review' || (Object.keys(localErrors(draft)).length && !draft.show_errors)) {
    draft = { ...draft, stage: 'review', show_errors: true };
    saveDraft(draft);
  }

  /** Open the form on the screen of field `name`, focused on it. */
  function goTo(name) {
    focusFieldNext(name);
    app.navigate(`${base}/report/${sectionOf(name)}`);
  }

  async function submit() {
    if (busy) return;
    if (Object.keys(blocking()).length) {
      tried = true;
      draw();
      root.querySelector('#review-errors')?.focus();
      return;
    }
    busy = true;
    failed = false;
    draw();
    await flushDrafts();
    try {
      await submitDraft({ ...draft, language: app.language() });
    } catch (error) {
      busy = false;
      if (error instanceof TimePending) { // another tab typed it: shown as what blocks Submit, as if typed here
        draft = { ...(await loadDraft(draft.id)), stage: 'review', show_errors: true };
        tried = true;
        draw();
        root.querySelector('#review-errors')?.focus();
        return;
      }
      // Not moved (storage full, the database gone): still a draft here, and Submit can be tapped again.
      console.error('report not submitted', error);
      failed = true;
      draw();
      root.querySelector('#submit-failed')?.focus();
      return;
    }
    app.emit({ type: 'outbox-changed' });
    app.syncSoon('submit');
    app.navigate('#/reports');
  }

  function stepList() {
    if (!version) return html`<p>${t('review.no_checklist')}</p>`;
    return html`
      <p class="note">${localized(version.title)}</p>
      <ol class="step-list">
        ${version.steps.map((step) => {
          const given = draft.steps[step.id];
          return html`<li>
            <span class="step-text">${localized(step.text)}</span>
            <span class="result ${given ? `result-${given.result}` : 'result-none'}">${given
              ? t('review.step_result', { result: t(`result.${given.result}`), time: timeOfDay(given.at) })
              : t('review.step_unanswered')}</span>
          </li>`;
        })}
      </ol>
      <button type="button" class="button" @click=${() => app.navigate(`${base}/step/0`)}>${t('review.change_checklist')}</button>`;
  }

  const submitButton = () => html`
    <button type="button" class="button primary big" ?disabled=${busy} @click=${submit}>${t('review.submit')}</button>`;

  /** A field's answer; free text in the direction of its own words (English typed on a Farsi phone). */
  const shown = (name, value = displayValue(name, draft, sites)) => (kindOf(name) === 'text'
    ? html`<span dir="auto">${value}</span>` : value);

  function draw() {
    // Times kept as typed are read in the zone the phone is in now (it may have changed since): saved when one resolves.
    const now = retyped(draft);
    if (now !== draft) {
      draft = now;
      saveDraft(draft);
    }
    const errors = problems();
    const names = Object.keys(errors);
    const server = serverErrors(draft.rejected_errors, draft.rejected_codes);
    const spans = draftSpans(draft);
    const ready = !Object.keys(blocking()).length;
    render(html`
      <h1>${t('review.title')}</h1>
      <p>${t('review.intro', { start: dateTime(draft.started_at) })}</p>
      ${names.length || server.general.length ? html`
        <div class="error-box" id="review-errors" tabindex="-1" role=${tried ? 'alert' : 'region'}
          aria-labelledby="review-errors-h">
          <h2 id="review-errors-h">${draft.rejected_errors ? t('review.rejected') : t('review.fix_first')}</h2>
          <ul>
            ${server.general.map((m) => html`<li>${m}</li>`)}
            ${names.map((name) => html`<li><a href="${base}/report/${sectionOf(name)}" @click=${(e) => { e.preventDefault(); goTo(name); }}>
              ${t(`field.${name}`)}${t('app.label_joiner')}${errors[name]}</a></li>`)}
          </ul>
        </div>` : nothing}
      ${failed ? html`<p class="error-box" id="submit-failed" tabindex="-1" role="alert">${t('review.submit_failed')}</p>` : nothing}
      ${ready ? html`
        <div class="actions review-top">${submitButton()}</div>
        <p class="note">${t('review.submit_note')}</p>` : nothing}
      <section aria-labelledby="review-checklist">
        <h2 id="review-checklist">${t('review.checklist')}</h2>
        ${stepList()}
      </section>
      ${SECTIONS.map(([section, fields]) => html`
        <section aria-labelledby="review-${section}">
          <h2 id="review-${section}">${t(`section.${section}`)}</h2>
          <dl class="summary">
            ${fields.map((name) => html`
              <div class=${errors[name] ? 'has-error' : ''}>
                <dt>${t(`field.${name}`)}</dt>
                <dd>${spans[name] ? nothing : shown(name)}
                  ${errors[name] && !spans[name] ? html`<span class="error">${errors[name]}</span>` : nothing}
                  ${spans[name] ? sensitiveCheck({ name, text: draft.fields[name], spans: spans[name], t,
                    onRemove: (span) => change(clearServerError(withoutSpan(draft, name, span), name)),
                    onKeep: (span) => change(keepingSpan(draft, name, span)) }) : nothing}</dd>
              </div>`)}
          </dl>
          <button type="button" class="button" @click=${() => app.navigate(`${base}/report/${section}`)}
            aria-describedby="review-${section}">${t('review.change')}</button>
        </section>`)}
      <div class="actions">
        <button type="button" class="button" @click=${() => app.navigate(`${base}/report`)}>${t('review.back')}</button>
        ${ready ? nothing : submitButton()}
      </div>
      ${ready ? nothing : html`<p class="note">${t('review.submit_note')}</p>`}`, root);
  }

  draw();
  return () => {};
}
