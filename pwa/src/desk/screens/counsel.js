/**
 * Counsel: the documents photographed during encounters still in progress, in counsel's scope
 * (docs/desk-api.md, Counsel), each with its site, time and pages, and the three answers.
 * Nothing else of a report is here: counsel reads no report. Every list, photo and answer is
 * audited by the server. The list refreshes every 20 s while the screen is open.
 */
import { html, nothing, render } from 'lit-html';
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };
import { dateTime, setTitle, timeOfDay } from '../../components/format.js';
import { joinFormNumbers } from '../../form-numbers.js';
import { get, problem, refused, send } from '../api.js';
import { departmentName } from '../components/liaison-filters.js';
import { doorField, doorTool, refusedSpans } from '../components/liaison-door.js';
import { photoLoader, photosView } from '../components/liaison-photos.js';

const POLL_MS = 20_000;
const VERDICTS = vocabulary.verdicts;
const NOTE_MAX = vocabulary.counsel_note_max;

/** Split documents into those awaiting an answer (oldest first) and those answered. */
export function byAnswer(documents) {
  return { awaiting: documents.filter((d) => !d.answer), answered: documents.filter((d) => d.answer) };
}

/** Render the counsel screen. */
export async function show(root, params, app) {
  const { t } = app;
  let state = { loading: true, documents: [], error: '', message: '', sending: null };
  let stopped = false;
  const photos = photoLoader(() => draw());
  // Counsel's note passes the same door as a liaison's (encounter/door.py): marked as typed, held until clean.
  const door = doorTool(() => draw());

  async function load() {
    try {
      const answer = await get('/counsel/documents', { state: 'all' });
      state = { ...state, loading: false, documents: answer.documents, error: '' };
      for (const doc of answer.documents) photos.load(doc.photos);
    } catch (error) {
      state = { ...state, loading: false, error: problem(error, t), forbidden: refused(error) };
    }
  }

  async function reply(doc, verdict) {
    if (state.sending) return;
    const control = `counsel:${doc.encounter_id}`;
    const body = { verdict, note: door.text(control, 'note').trim() || null };
    const held = door.hold(control, body);
    if (held) {
      state = { ...state, error: t(held), message: '' };
      draw();
      root.querySelector('.status-message')?.focus();
      return;
    }
    state = { ...state, sending: doc.encounter_id, error: '', message: '' };
    draw();
    try {
      await send(`/counsel/documents/${doc.encounter_id}/answer`, body, 'PUT');
      door.clear(control);
      state = { ...state, message: t('counsel.desk.sent', { site: doc.site.name, verdict: t(`counsel.verdict.${verdict}`) }) };
      await load();
    } catch (error) {
      const spans = refusedSpans(error);
      if (spans) door.refused(control, body, spans); // offsets only: the words are still in the field
      state = { ...state, error: spans ? t('liaison.door.not_sent') : problem(error, t) };
    }
    state = { ...state, sending: null };
    draw();
    root.querySelector('.status-message')?.focus();
  }

  const answerForm = (doc) => {
    const id = `note-${doc.encounter_id}`;
    return html`
      <fieldset class="counsel-reply">
        <legend>${doc.answer ? t('counsel.desk.change') : t('counsel.desk.reply')}</legend>
        <label for=${id}>${t('counsel.desk.note')}</label>
        <p class="hint" id="${id}-hint">${t('counsel.desk.note_hint', { max: NOTE_MAX })}</p>
        ${doorField({ door, t }, `counsel:${doc.encounter_id}`, 'note', { id, rows: 2, max: NOTE_MAX, describedBy: `${id}-hint` })}
        <div class="actions counsel-verdicts">
          ${VERDICTS.map((verdict) => html`
            <button type="button" class="button verdict-${verdict}" data-verdict=${verdict}
              ?disabled=${state.sending !== null} @click=${() => reply(doc, verdict)}>${t(`counsel.verdict.${verdict}`)}</button>`)}
        </div>
      </fieldset>`;
  };

  const documentView = (doc) => html`
    <li class="counsel-document" data-encounter=${doc.encounter_id}>
      <article aria-labelledby="doc-${doc.encounter_id}">
        <h3 id="doc-${doc.encounter_id}">${t('counsel.desk.where_when', { site: doc.site.name, time: timeOfDay(doc.occurred_at) })}</h3>
        <p class="hint">${departmentName(doc.department)} · ${t('counsel.desk.shared', { time: dateTime(doc.shared_at) })}</p>
        ${photosView(doc.photos, photos.urls, t)}
        ${doc.answer ? html`<p class="counsel-given"><strong>${t('counsel.desk.answered', {
    verdict: t(`counsel.verdict.${doc.answer.verdict}`), time: timeOfDay(doc.answer.answered_at) })}</strong>
          ${doc.answer.note ? html`<br>${t('counsel.desk.your_note', { note: joinFormNumbers(doc.answer.note) })}` : nothing}</p>` : nothing}
        ${answerForm(doc)}
      </article>
    </li>`;

  function draw() {
    if (stopped) return;
    setTitle(t('counsel.desk.title'), root);
    if (state.forbidden) {
      render(html`<h1>${t('counsel.desk.title')}</h1><p class="error-box" role="alert">${state.error}</p>`, root);
      return;
    }
    const { awaiting, answered } = byAnswer(state.documents);
    render(html`
      <h1>${t('counsel.desk.title')}</h1>
      <p class="hint">${t('counsel.desk.intro')}</p>
      <div class="status-message" tabindex="-1" role="status">
        ${state.error ? html`<p class="error">${state.error}</p>` : nothing}
        ${state.message ? html`<p>${state.message}</p>` : nothing}
      </div>
      <p><button type="button" class="button" @click=${async () => { await load(); draw(); }}>${t('counsel.desk.refresh')}</button></p>
      ${state.loading ? html`<p>${t('liaison.loading')}</p>` : html`
        <section aria-labelledby="counsel-awaiting">
          <h2 id="counsel-awaiting">${t('counsel.desk.awaiting', { count: awaiting.length })}</h2>
          ${awaiting.length ? html`<ul class="counsel-documents">${awaiting.map(documentView)}</ul>`
    : html`<p>${t('counsel.desk.none')}</p>`}
        </section>
        ${answered.length ? html`
          <section aria-labelledby="counsel-answered">
            <h2 id="counsel-answered">${t('counsel.desk.answered_title')}</h2>
            <ul class="counsel-documents">${answered.map(documentView)}</ul>
          </section>` : nothing}`}`, root);
  }

  draw();
  await load();
  draw();
  const poll = async () => {
    if (stopped || state.sending || document.visibilityState !== 'visible') return;
    await load();
    draw();
  };
  const timer = setInterval(poll, POLL_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    photos.revoke();
  };
}
