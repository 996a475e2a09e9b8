/**
 * One checklist step per screen: Done / Skip / Not applicable, each time-stamped on the device.
 *
 * A step can act in place (issue 11; the step's `capture` and `call` attributes, checked by the server
 * against the core's vocabulary): a note box writing one report field, the agents' names and badges,
 * "Take photo" as the main button of the document step (the photo joins the report's photos and is
 * shared with counsel at once when the encounter has an alert), and `tel:` buttons for the people the
 * step says to call. For 400 ms after a step appears its buttons take no tap (components/tap-guard.js).
 */
import { html, nothing, render } from 'lit-html';
import { alertWaitsForSite, resendAlert, sendWaitingAlert } from '../alert.js';
import { alertNotSent, alertStanding, alertWaiting } from '../components/alert-notice.js';
import { setTitle } from '../components/format.js';
import { focusFieldNext, openEncounter, paragraphs } from '../components/encounter.js';
import { clearServerError, fieldSpans, keepingSpan, withoutSpan } from '../components/report-fields.js';
import { selectField } from '../components/choice-fields.js';
import { sensitiveCheck } from '../components/sensitive-marks.js';
import { inPlace, stepView } from '../components/step-blocks.js';
import { GUARD_MS, tapGuard } from '../components/tap-guard.js';
import { callPlan, callsSite } from '../contacts.js';
import { counselAnswer, counselAnswerView, retryShares, shareDocumentNow, shareState, shareStateView } from '../counsel.js';
import { listSites, loadDraft, saveDraft } from '../drafts.js';
import { pickText, t as translate } from '../i18n.js';
import { localized } from '../components/localized.js';
import { addPhoto } from '../photos.js';
import { MAX_PHOTOS, answerStep } from '../report.js';

/** Render step `params.step` of the encounter `params.id`. */
export async function show(root, params, app) {
  const { t } = app;
  const opened = await openEncounter(root, params.id, t);
  if (!opened) return () => {};
  const { draft: loaded, version } = opened;
  let standing = await alertStanding(loaded); // "Alert waiting to be sent" until a sync-end finds it gone or refused
  const offQueued = app.on((event) => {
    if ((event.type === 'sync-end' || event.type === 'signed-in') && standing?.queued) alertStanding(draft).then((now) => { standing = now; if (alive) draw(); });
  });
  if (!version) {
    // The checklist is missing from this phone (storage trimmed): the report can still be written.
    app.navigate(`#/encounter/${loaded.id}/report`);
    offQueued();
    return () => {};
  }
  let draft = loaded;
  const total = version.steps.length;
  const n = Math.min(Math.max(Number(params.step) || 0, 0), total - 1);
  const step = version.steps[n];
  const base = `#/encounter/${draft.id}`;
  const sites = step.call?.length ? await listSites() : [];
  const photo = { busy: false, error: '' };
  let answer = null;
  let shared = null; // where the document stands with counsel: 'pending', 'sent', 'refused' or null
  let alive = true;
  let busy = false;
  let locked = true;
  let guard = null; // opened when the step is first drawn: taps count from when it appears

  // Remember the screen the user is on: "Continue" on home comes back exactly here.
  if (draft.stage !== 'checklist' || draft.step_index !== n) {
    draft = { ...draft, stage: 'checklist', step_index: n };
    saveDraft(draft);
  }

  async function onAnswer(result) {
    if (busy || locked || !guard?.accepts(performance.now())) return;
    busy = true;
    draft = answerStep(draft, version, step.id, result);
    await saveDraft(draft);
    app.navigate(n + 1 < total ? `${base}/step/${n + 1}` : `${base}/report`);
  }

  /**
   * "Agents here now" waited for a site, and one was just chosen here (or the server refused it, and "Try again" was
   * tapped): it goes now, its mark kept (src/alert.js).
   */
  const sendAlert = (send = sendWaitingAlert) => send(draft).then((marked) => {
    if (!marked) return;
    draft = marked;
    standing = { queued: true };
    app.syncSoon('alert');
    if (alive) draw();
  });

  /** Apply a change to the draft's fields, save it at once (like the form), redraw. */
  function change(next) {
    draft = next;
    saveDraft(draft);
    draw();
  }

  /** Store a photo taken on the document step in the report's photos, then share it with counsel. */
  async function takePhoto(file) {
    if ((draft.photos || []).length >= MAX_PHOTOS) {
      photo.error = t('photos.too_many', { max: MAX_PHOTOS });
      draw();
      return;
    }
    photo.busy = true;
    photo.error = '';
    draw();
    try {
      const ref = await addPhoto(file, draft.owner ?? null);
      const current = alive ? draft : (await loadDraft(draft.id)) || draft;
      const next = (current.photos || []).some((p) => p.sha256 === ref.sha256) ? current
        : { ...current, photos: [...(current.photos || []), ref] };
      if (alive) draft = next;
      await saveDraft(next);
      await shareDocumentNow(next, ref).catch((error) => {
        console.error('photo not shared with counsel', error); // it is in the report all the same
      });
      shared = await shareState(draft.id);
    } catch (error) {
      console.error('photo not added', error);
      photo.error = t('photos.unreadable');
    }
    photo.busy = false;
    if (alive) draw();
    if (shared === 'pending') { // sending: say "sent" (or "refused") once the server has answered
      retryShares().then(async () => {
        shared = await shareState(draft.id);
        if (alive) draw();
      });
    }
  }

  /**
   * The report's site, chosen here when the step calls the site's own people (its lead): on a first encounter
   * nothing has chosen it yet, and "Call your site lead" offered no such button. The same list and the same
   * field as the report form's; the lead's button appears under it once chosen.
   */
  function sitePicker() {
    if (!callsSite(step.call) || !sites.length) return nothing;
    return selectField({ name: 'site', label: t('field.site'), value: draft.fields.site, required: true,
      placeholder: t('form.choose_site'), hint: t('call.choose_site_hint'),
      options: sites.map((s) => ({ value: s.code, label: s.name })),
      onChange: (code) => {
        change(clearServerError({ ...draft, fields: { ...draft.fields, site: code } }, 'site'));
        if (alertWaitsForSite(draft)) sendAlert();
      } });
  }

  /**
   * The step's blocks (components/step-blocks.js) over the live draft: the site picker when the step calls the
   * site's people, the numbers known (src/contacts.js), the note box with its never-collect check, the photo.
   */
  function offered() {
    return inPlace({ step, t,
      calls: { plan: callPlan(step.call, sites, draft.fields.site), picker: sitePicker(),
        // A stray second tap must not ring anyone either: links cannot be disabled, so their taps are dropped.
        onClick: (e) => { if (locked) e.preventDefault(); } },
      note: (name) => ({ value: draft.fields[name] || '',
        onInput: (text) => change({ ...draft, fields: { ...draft.fields, [name]: text } }),
        check: sensitiveCheck({ name, text: draft.fields[name] || '', spans: fieldSpans(draft, name), t,
          onRemove: (span) => change(withoutSpan(draft, name, span)),
          onKeep: (span) => change(keepingSpan(draft, name, span)) }) }),
      photo: { count: (draft.photos || []).length, busy: photo.busy, error: photo.error, disabled: locked,
        onFile: takePhoto, status: answer ? counselAnswerView(answer, t) : shareStateView(shared, t) } });
  }

  const count = t('step.count', { n: n + 1, total });
  setTitle(count, root);
  function draw() {
    render(html`
      ${alertNotSent(draft, t)}
      ${alertWaiting(standing, t, draft, () => sendAlert(resendAlert))}
      ${stepView({ title: version.title, step, count, given: draft.steps[step.id], t, text: localized, guide: guideOf,
        onAnswer, locked, inPlace: offered(),
        onPhotos: () => { focusFieldNext('photos'); app.navigate(`${base}/report`); } })}
      <div class="actions">
        <button type="button" class="button" ?disabled=${locked}
          @click=${() => app.navigate(n > 0 ? `${base}/step/${n - 1}` : '#/')}>${t('action.back')}</button>
        <a class="button quiet" href="${base}/report">${t('step.to_report')}</a>
      </div>
      <p><a href="#/card">${t('card.title')}</a></p>`, root);
  }
  draw();
  guard = tapGuard(performance.now());
  const unlock = setTimeout(() => {
    locked = false;
    if (alive) draw();
  }, GUARD_MS);
  let off = () => {};
  if (step.capture === 'document_photo') {
    const refresh = async () => {
      [answer, shared] = [await counselAnswer(draft.id), await shareState(draft.id)];
      if (alive) draw();
    };
    refresh();
    // Counsel's answer arrives with a pull (or a push notification that starts one).
    off = app.on((event) => { if (event.type === 'sync-end') refresh(); });
  }
  return () => {
    alive = false;
    clearTimeout(unlock);
    off();
    offQueued();
  };
}

/** A step's guide as paragraphs, in English marked as such when it has no translation. */
function guideOf(texts) {
  const { text, lang, fallback } = pickText(texts);
  return fallback ? html`<div lang=${lang} dir="ltr">${paragraphs(text)}</div><p><span class="fallback-mark">${translate('checklist.untranslated')}</span></p>` : paragraphs(text);
}
