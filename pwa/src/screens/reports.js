/** My reports: every submitted report and its state in words, news from the liaison, and "Send now". */
import { html, nothing, render } from 'lit-html';
import { getKv } from '../db.js';
import { followupView } from '../components/followup.js';
import { dateTime, plural, setTitle } from '../components/format.js';
import { focusFieldNext } from '../components/encounter.js';
import { serverErrors } from '../components/report-fields.js';
import { Thumbnails } from '../components/photo-field.js';
import { answerDrafts, listUpdates, saveAnswerDraft, sitesByCode } from '../drafts.js';
import { CATALOGS } from '../i18n.js';
import { goesOnItsOwn, listAnswers, listOutbox, needsAttention, reopenRejected, submitAnswer } from '../outbox.js';
import { currentOwner } from '../owner.js';
import { photoUrl } from '../photos.js';
import { answerRewritable, waitingQuestions } from '../questions.js';
import { hasRefusal, itemErrorText, loadRefusalWords } from '../refusals.js';
import { holdsFor, keptWith, spansLeft } from '../sensitive.js';

const updateTime = (u) => u.data?.at || u.data?.asked_at || u.data?.created_at || u.data?.changed_at || '';

/** Updates in the order they happened (a conversation reads top to bottom). */
function chronological(list) {
  return [...list].sort((a, b) => (updateTime(a) < updateTime(b) ? -1 : 1));
}

/** One update (status change or liaison message) in words, under `about` (which report) if given; data shape the server's. */
function updateItem(update, t, about = nothing) {
  const d = update.data || {};
  const when = dateTime(updateTime(update));
  const text = update.kind === 'report_status'
    ? t('reports.update.status', { status: t(`status.${d.status}`) === `status.${d.status}` ? (d.status || '') : t(`status.${d.status}`) })
    : t('reports.update.message', { text: d.text || d.question || d.body || d.message || '' });
  return html`<li class="update">${about}${when ? html`<span class="when">${when}</span> ` : nothing}${text}</li>`;
}

/**
 * Which report an update is about when this phone does not hold it (sent from another phone, or signed in
 * anew): its site and start, as the server sends them with the news; older news has neither, and says so.
 */
function aboutReport(update, sites, t) {
  const { site, started_at: started } = update.data || {};
  const when = dateTime(started);
  const text = site && when ? t('reports.about', { site: sites.get(site)?.name || site, time: when })
    : t('reports.about_unknown');
  return html`<p class="update-about"><strong>${text}</strong></p>`;
}

/** A report the server refused for never-collected data: which fields, and what kind, never the words. */
function needsChange(record, t) {
  const byField = new Map();
  for (const s of record.sensitive || []) byField.set(s.field, new Set([...(byField.get(s.field) || []), s.kind]));
  return html`<p class="state state-attention">${t('reports.state.needs_change')}</p>
    <p>${t('reports.needs_change')}</p>
    <ul class="reasons">
      ${[...byField].map(([field, kinds]) => html`<li><strong>${t(`field.${field}`)}${t('app.label_joiner')}</strong>${
        [...kinds].map((k) => t(`sensitive.kind.${k}`)).join(', ')}</li>`)}
    </ul>`;
}

// Why the server refused a photo for good, by its code (src/sync.js keeps the code; words in src/messages/refusal/).
const PHOTO_REASONS = { too_large: 'refusal.photo.too_large', unsupported_type: 'refusal.photo.unsupported_type' };

/**
 * The photos the server refused for good (src/outbox.js `photos_refused`): which one (its number in the report and
 * its thumbnail, which opens it: the bytes stay on this phone), why, and what to do. `url(hash)`: its object URL once
 * ready. Before the refusal words are loaded (offline, never loaded), the general line of a photo problem.
 */
function refusedPhotosView(record, t, url) {
  const refused = record.photos_refused || [];
  if (!refused.length) return nothing;
  if (!('refusal.photo.not_accepted' in CATALOGS.en)) {
    return html`<p class="photo-refused">${t('reports.photo_problem', { reason: t('reports.photo_problem.refused') })}</p>`;
  }
  return html`<ul class="photos-refused">${refused.map((p) => {
    const src = url(p.sha256);
    const alt = t('photos.alt', { n: p.n ?? '' });
    return html`<li class="photo-refused">
      ${src ? html`<a href=${src} target="_blank" rel="noopener"><img src=${src} alt=${alt} width="96" height="96"></a>` : nothing}
      <p><strong class="state state-attention">${t('refusal.photo.not_accepted', { n: p.n ?? '' })}</strong>
        ${t(PHOTO_REASONS[p.reason] || 'refusal.photo.refused')}<br>${t('refusal.photo.kept')}</p></li>`;
  })}</ul>`;
}

/** The state of one outbox record, in words. */
function stateView(record, t) {
  switch (record.state) {
    case 'queued': return html`<p class="state state-queued">${t('reports.state.queued')}</p>
      ${record.attempts ? html`<p class="note">${t('reports.state.retrying')}</p>` : nothing}`;
    case 'sending': return html`<p class="state state-sending">${t('reports.state.sending')}</p>`;
    case 'received': {
      if (record.photo_error === 'photo_lost') {
        return html`<p class="state state-attention">${t('reports.state.attention')}</p>
          <p>${plural('reports.state.received_photos', record.photos_pending || 0)}</p>
          <p>${t('reports.photo_problem', { reason: t('reports.photo_problem.lost') })}</p>`;
      }
      if (record.photos_pending > 0) {
        return html`<p class="state state-photos">${plural('reports.state.received_photos', record.photos_pending)}</p>
          <p class="note">${t('reports.photos_waiting')}</p>`;
      }
      return html`<p class="state state-received">${t('reports.state.received', {
        time: dateTime(record.receipt?.received_at), hash: (record.receipt?.sha256 || '').slice(0, 8) })}</p>`;
    }
    case 'conflict': return html`<p class="state state-attention">${t('reports.state.attention')}</p>
      <p>${t('reports.conflict')}</p>`;
    case 'rejected': {
      if (record.reason === 'sensitive_text') return needsChange(record, t);
      const { fields, general } = serverErrors(record.errors, record.error_codes, record.kind);
      const generic = itemErrorText(record, t);
      return html`<p class="state state-attention">${t('reports.state.attention')}</p>
        <p>${t('reports.rejected')}</p>
        <ul class="reasons">
          ${Object.entries(fields).map(([name, text]) => html`<li><strong>${t(`field.${name}`)}${t('app.label_joiner')}</strong>${text}</li>`)}
          ${general.map((text) => html`<li>${text}</li>`)}
          ${!general.length && !Object.keys(fields).length && generic ? html`<li>${generic}</li>` : nothing}
        </ul>`;
    }
    default: return html`<p class="state">${record.state}</p>`;
  }
}

/**
 * Home's badge opened My reports at question `id` (src/questions.js). Run after the router has focused the
 * heading and put the page at its top (a task later, as focusRequestedField in components/encounter.js):
 * the question's words come into view, under its report's title when both fit, and take focus. The words,
 * not the answer box: a screen reader reads who asked and what, a sighted user sees it outlined, and the
 * keyboard does not rise over the question the employee has yet to read.
 */
function landAtQuestion(root, id) {
  setTimeout(() => {
    const question = root.querySelector(`#followup-${id} .question`); // null once the screen has been left
    if (!question) return;
    question.closest('.card')?.scrollIntoView({ block: 'start' });
    if (question.getBoundingClientRect().bottom > window.innerHeight) question.scrollIntoView({ block: 'start' });
    question.focus({ preventScroll: true });
  }, 0);
}

/** Render My reports; `params.question` (Home's badge): opened at that question while it still waits. */
export async function show(root, params, app) {
  const { t } = app;
  let data = null;
  // typed: the answers being written, follow-up id → {text, kept}; read once, then kept here as typed (and saved at once).
  const state = { syncing: Boolean(app.engine.running), lastError: null, answerErrors: {}, typed: await answerDrafts() };
  const thumbs = new Thumbnails(photoUrl); // of photos the server refused, kept on this phone
  const owner = await currentOwner();
  setTitle(t('reports.title'), root);

  let alive = false; // drawn and not yet left (a thumbnail ready after the screen is gone draws nothing)

  async function load() {
    const [records, updates, sites, lastSync, answers] = [await listOutbox(), await listUpdates(), await sitesByCode(),
      await getKv('last_sync_at'), await listAnswers()];
    // Refused reports and answers say why in the phone's words: loaded only when one is there to show.
    if ([...records, ...answers].some(hasRefusal)) await loadRefusalWords();
    data = { records, updates, sites, lastSync, answers };
  }

  /** Queue an answer to a liaison's question; it is sent like a report (now, or when back online). */
  async function answer(update, text, form) {
    const followupId = update.data?.id;
    if (!text) {
      state.answerErrors[followupId] = t('followup.error.empty');
      draw();
      return;
    }
    // Send waits for what the server refuses to go, and for the employee's call on each name asked about.
    const held = holdsFor(spansLeft(text, 'answer', state.typed.get(followupId)?.kept));
    if (held) {
      state.answerErrors[followupId] = t(held === 'ask' ? 'sensitive.answer_ask' : 'sensitive.answer_blocked');
      draw();
      return;
    }
    delete state.answerErrors[followupId];
    await submitAnswer({ followupId, reportId: update.data?.report_id, text, owner });
    state.typed.delete(followupId);
    form.reset();
    // The form goes with its Send button, which had focus: focus rests on the answer now shown in its place.
    await load();
    draw();
    root.querySelector(`#followup-${followupId} .answer-item:last-of-type`)?.focus();
    app.emit({ type: 'outbox-changed' });
    app.syncSoon('answer');
  }

  /** A status change in words, or a question with its answers and the answer form; `about`: which report, if needed. */
  function updateView(update, about = nothing) {
    if (update.kind !== 'message' || !update.data?.question) return updateItem(update, t, about);
    const mine = data.answers.filter((a) => a.summary?.followup_id === update.data.id)
      .sort((a, b) => (a.submitted_at < b.submitted_at ? -1 : 1));
    const id = update.data.id;
    // Nothing typed yet after a refusal the employee can put right: the box starts from the refused words, to change.
    const refused = mine.filter(answerRewritable).at(-1);
    const draft = () => state.typed.get(id) || { text: refused?.body?.text || refused?.summary?.text || '', kept: [] };
    const change = (next) => {
      state.typed.set(id, next);
      saveAnswerDraft(id, next, owner).catch((error) => console.error('answer not saved', error));
      draw(); // the marks and Remove under the box follow each keystroke
    };
    return followupView(update, mine, { t, about, error: state.answerErrors[id], typed: draft().text, kept: draft().kept,
      onAnswer: (text, form) => answer(update, text, form),
      onType: (text) => change({ ...draft(), text }),
      onKeep: (span) => change({ ...draft(), kept: keptWith(draft().kept, draft().text, span) }) });
  }

  async function fix(id) {
    const draft = await reopenRejected(id);
    if (!draft) return;
    // Walk the employee to the first field the server refused (its spans are marked there).
    const first = draft.rejected_sensitive?.[0]?.field;
    if (first) focusFieldNext(first);
    app.navigate(`#/encounter/${draft.id}/report`);
  }

  function recordItem(record) {
    const s = record.summary || {};
    const site = data.sites.get(s.site)?.name || s.site || t('review.empty');
    const mine = chronological(data.updates.filter((u) => u.data?.report_id === record.id));
    const titleId = `report-${record.id}`;
    return html`
      <li class="card report-${record.state}">
        <h2 class="card-title" id=${titleId}>${site}<br><span class="when">${dateTime(s.started_at)}</span></h2>
        ${s.document_type ? html`<p class="note">${t(`doc.${s.document_type}`)}</p>` : nothing}
        ${stateView(record, t)}
        ${refusedPhotosView(record, t, (hash) => thumbs.url(hash, () => alive && draw()))}
        ${record.state === 'rejected' ? html`
          <button type="button" class="button primary" aria-describedby=${titleId} @click=${() => fix(record.id)}>${
            t(record.reason === 'sensitive_text' ? 'reports.change' : 'reports.fix')}</button>` : nothing}
        ${mine.length ? html`<h3>${t('reports.updates')}</h3><ul class="updates">${mine.map((u) => updateView(u))}</ul>` : nothing}
      </li>`;
  }

  function draw() {
    const { records, updates, lastSync } = data;
    const unsent = records.filter(goesOnItsOwn).length; // a refused report says so on its card
    // An answer not yet sent is waiting, whatever the reports' state (issue 11); a refused one says so itself.
    const waitingAnswers = data.answers.filter((a) => a.state === 'queued' || a.state === 'sending').length;
    const ids = new Set(records.map((r) => r.id));
    const general = chronological(updates).filter((u) => !ids.has(u.data?.report_id) && (u.kind === 'report_status' || u.kind === 'message'));
    let syncText = lastSync ? t('reports.last_sync', { time: dateTime(lastSync, { seconds: true }) }) : t('reports.never_synced');
    if (state.syncing) syncText = t('reports.syncing');
    render(html`
      <h1>${t('reports.title')}</h1>
      ${unsent ? html`<p class="notice">${plural('home.unsent', unsent)}</p>`
        : records.some(needsAttention) ? nothing : html`<p>${t('home.all_sent')}</p>`}
      ${waitingAnswers ? html`<p class="notice answers-waiting">${plural('reports.answers_waiting', waitingAnswers)}</p>` : nothing}
      <div class="sync-bar">
        <button type="button" class="button primary" @click=${() => app.syncSoon('manual')}>${t('reports.send_now')}</button>
        <p role="status">${syncText}${!state.syncing && state.lastError ? html`<br>${t('reports.sync_failed')}` : nothing}</p>
      </div>
      ${records.length ? html`<ul class="cards">${records.map(recordItem)}</ul>` : html`<p>${t('reports.none')}</p>`}
      ${general.length ? html`
        <section aria-labelledby="updates-h">
          <h2 id="updates-h">${t('reports.other_updates')}</h2>
          <ul class="updates">${general.map((u) => updateView(u, aboutReport(u, data.sites, t)))}</ul>
        </section>` : nothing}`, root);
  }

  await load();
  draw();
  // Answered meanwhile (in another tab, or queued): nothing to land at, the screen opens at its top as #/reports does.
  if (params.question && waitingQuestions(data.updates, data.answers).some((q) => q.data.id === params.question)) {
    landAtQuestion(root, params.question);
  }
  // A sync event can arrive just before the user leaves (e.g. "Make the change"): once this screen
  // is gone, its late redraw must not paint My reports over the next screen.
  alive = true;
  const off = app.on(async (event) => {
    if (event.type === 'sync-start') state.syncing = true;
    if (event.type === 'sync-end') {
      state.syncing = false;
      state.lastError = event.ok ? null : (event.error || (event.auth ? 'auth' : 'failed'));
    }
    if (['outbox-changed', 'sync-end', 'sync-start'].includes(event.type)) {
      await load();
      if (alive) draw();
    }
  });
  return () => {
    alive = false;
    off();
    thumbs.keepOnly();
  };
}
