/**
 * A liaison's question under a report on "My reports", with the employee's answer: written
 * here (offline too), queued in the outbox as push kind `answer`, and shown as waiting or
 * sent until the server's receipt. A rejected answer can be written again (a new item).
 */
import { html, nothing } from 'lit-html';
import { answerStands } from '../outbox.js';
import { dateTime } from './format.js';
import { sensitiveWarning } from './report-fields.js';

/** Warn while typing when the answer looks like data that must never be collected (a warning, not a block). */
function warnWhileTyping(event) {
  const area = event.target;
  const warning = document.getElementById(area.dataset.warning);
  if (warning) warning.textContent = sensitiveWarning('answer', area.value);
}

/** The words of one answer: from its body while queued, from its summary once the server holds it. */
const answerText = (record) => record.body?.text || record.summary?.text || '';

/** The state of one queued answer, in words. */
function answerState(record, t) {
  if (record.state === 'received') {
    return html`<span class="state state-received">${t('followup.state.sent', { time: dateTime(record.receipt?.received_at) })}</span>`;
  }
  if (record.state === 'sending') return html`<span class="state state-sending">${t('followup.state.sending')}</span>`;
  if (record.state === 'rejected' || record.state === 'conflict') {
    return html`<span class="state state-attention">${t('followup.state.rejected')}</span>
      ${record.last_error ? html`<br><span class="note">${record.last_error}</span>` : nothing}`;
  }
  return html`<span class="state state-queued">${t('followup.state.waiting')}</span>`;
}

/**
 * One question and its answers. `answers` are the outbox records answering it, oldest first;
 * `onAnswer(text)` queues a new answer; `error` is the form's message, if any. `typed` is the answer
 * being written (kept on the phone: a reload or a crash does not lose it), `onType(text)` keeps each keystroke.
 * The question's words (`.question`) take focus when Home's badge opens My reports at it (src/screens/reports.js).
 */
export function followupView(update, answers, { t, onAnswer, error, typed = '', onType = () => {} }) {
  const d = update.data || {};
  const id = `followup-${d.id || update.id}`;
  const canAnswer = !answers.some(answerStands);
  const submit = (event) => {
    event.preventDefault();
    const text = String(new FormData(event.target).get('answer') || '').trim();
    onAnswer(text, event.target);
  };
  return html`<li class="update followup" id=${id}>
    <p class="question" tabindex="-1"><strong id=${`${id}-q`}>${
      t('followup.question', { name: d.asked_by || t('followup.your_liaison') })}</strong>
      ${d.asked_at ? html`<span class="when">${dateTime(d.asked_at)}</span>` : nothing}<br>${d.question || ''}</p>
    ${answers.map((a) => html`<p class="answer-item" tabindex="-1">${answerText(a)
      ? html`<strong>${t('followup.your_answer')}</strong> ${answerText(a)}<br>` : nothing}
      ${answerState(a, t)}</p>`)}
    ${canAnswer ? html`<form class="answer-form" @submit=${submit} aria-labelledby=${`${id}-q`}>
      <div class="field">
        <label for=${`${id}-text`}>${t('followup.answer_label')}</label>
        <p class="hint" id=${`${id}-hint`}>${t('followup.answer_hint')}</p>
        <textarea id=${`${id}-text`} name="answer" rows="3" maxlength="2000" data-warning=${`${id}-warn`}
          .value=${typed} @input=${(event) => { warnWhileTyping(event); onType(event.target.value); }} aria-describedby=${`${id}-hint ${id}-warn ${id}-error`}
          aria-invalid=${error ? 'true' : 'false'}></textarea>
        <p class="warning" id=${`${id}-warn`} role="status" aria-live="polite"></p>
        <span class="error" id=${`${id}-error`}>${error || ''}</span>
      </div>
      <button type="submit" class="button primary">${t('followup.send')}</button>
    </form>` : nothing}
  </li>`;
}
