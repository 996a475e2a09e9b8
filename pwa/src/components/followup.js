/**
 * A liaison's question under a report on "My reports", with the employee's answer: written
 * here (offline too), queued in the outbox as push kind `answer`, and shown as waiting or
 * sent until the server's receipt. A rejected answer can be written again (a new item that takes its place; the box
 * starts from the refused words), unless the server refused it for its question (answered already, from another phone
 * or before signing out; not one of the employee's): then it says so and offers no box.
 * The answer box is the report form's text field with the same marks and one-tap Remove
 * (components/sensitive-marks.js) for what the server refuses in an answer, and the same second look: a name the
 * door cannot tell is asked about (Remove, or keep it as an agent's or City staff member's) until the employee decides.
 * The question is shown as the liaison's desk shows it: a redaction's mark as a word of the phone's
 * language, form numbers kept on one line; the stored question is never changed.
 */
import { html, nothing } from 'lit-html';
import { joinFormNumbers } from '../form-numbers.js';
import { CATALOGS } from '../i18n.js';
import { answerStands } from '../outbox.js';
import { answerRewritable, answeredAt, refusedAsAnswered } from '../questions.js';
import { withMarks } from '../redacted-mark.js';
import vocabulary from '../rules/vocabulary.json' with { type: 'json' };
import { removeSpan, spansLeft } from '../sensitive.js';
import { dateTime } from './format.js';
import { refusalLines } from './report-fields.js';
import { sensitiveCheck } from './sensitive-marks.js';
import { textField } from './text-fields.js';

/** The words of one answer: from its body while queued, from its summary once the server holds it. */
const answerText = (record) => record.body?.text || record.summary?.text || '';

/** The state of one queued answer, in words. */
function answerState(record, t) {
  if (record.state === 'received') {
    return html`<span class="state state-received">${t('followup.state.sent', { time: dateTime(record.receipt?.received_at) })}</span>`;
  }
  if (record.state === 'sending') return html`<span class="state state-sending">${t('followup.state.sending')}</span>`;
  if (refusedAsAnswered(record)) {
    return html`<span class="state state-attention">${t('followup.state.not_stored')}</span>`;
  }
  if (record.state === 'rejected' || record.state === 'conflict') {
    // Refused for its question: no box to write again in (its words load with the other refusals; until then, the usual).
    const final = !answerRewritable(record) && 'refusal.answer.final' in CATALOGS.en;
    return html`<span class="state state-attention">${t(final ? 'refusal.answer.final' : 'followup.state.rejected')}</span>
      ${refusalLines(record).map((line) => html`<br><span class="note">${line}</span>`)}`;
  }
  return html`<span class="state state-queued">${t('followup.state.waiting')}</span>`;
}

/**
 * One question and its answers. `answers` are the outbox records answering it, oldest first;
 * `onAnswer(text)` queues a new answer; `error` is the form's message, if any. `typed` is the answer
 * being written (kept on the phone: a reload or a crash does not lose it), `onType(text)` keeps each keystroke;
 * `kept` the asked-about names the employee kept in it, `onKeep(span)` keeps one more;
 * `about` says which report it is about when the phone does not hold it (Other updates).
 * The question's words (`.question`) take focus when Home's badge opens My reports at it (src/screens/reports.js).
 */
export function followupView(update, answers, {
  t, onAnswer, error, typed = '', kept = [], onType = () => {}, onKeep = () => {}, about = nothing,
}) {
  const d = update.data || {};
  const id = `followup-${d.id || update.id}`;
  // The server's word that an answer stands (from another phone, or this one before it signed out) closes the form too.
  const standing = answers.some(answerStands);
  const answered = answeredAt(update);
  // Refused for its question: another answer would be refused the same.
  const closed = answers.some((a) => !answerStands(a) && !answerRewritable(a));
  const canAnswer = !standing && !answered && !closed;
  const submit = (event) => {
    event.preventDefault();
    const text = String(event.target.querySelector('textarea')?.value || '').trim();
    onAnswer(text, event.target);
  };
  // The one-tap Remove's button goes with its words: focus returns to the answer box, where the typing was.
  const remove = (span) => {
    onType(removeSpan(typed, span));
    document.getElementById(`input-${id}-text`)?.focus();
  };
  return html`<li class="update followup" id=${id}>${about}
    <p class="question" tabindex="-1"><strong id=${`${id}-q`}>${
      t('followup.question', { name: d.asked_by || t('followup.your_liaison') })}</strong>
      ${d.asked_at ? html`<span class="when">${dateTime(d.asked_at)}</span>` : nothing}<br>${withMarks(joinFormNumbers(d.question || ''), t('followup.redacted'))}</p>
    ${answers.map((a) => html`<p class="answer-item" tabindex="-1">${answerText(a)
      ? html`<strong>${t('followup.your_answer')}</strong> <span dir="auto">${answerText(a)}</span><br>` : nothing}
      ${answerState(a, t)}</p>`)}
    ${answered && !standing ? html`<p class="answer-item answered-elsewhere" tabindex="-1"><span class="state state-received">${
      t('followup.state.answered', { time: dateTime(answered) })}</span></p>` : nothing}
    ${canAnswer ? html`<form class="answer-form" @submit=${submit} aria-labelledby=${`${id}-q`}>
      ${textField({ name: `${id}-text`, label: t('followup.answer_label'), value: typed, hint: t('followup.answer_hint'),
        maxlength: vocabulary.answer_text_max, error, onInput: onType,
        check: sensitiveCheck({ name: `${id}-text`, text: typed, spans: spansLeft(typed, 'answer', kept), t, found: 'sensitive.found_send',
          onRemove: remove, onKeep }) })}
      <button type="submit" class="button primary">${t('followup.send')}</button>
    </form>` : nothing}
  </li>`;
}
