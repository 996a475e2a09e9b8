/**
 * The report form: a short first screen with what a report needs (the core's encounter/form.py)
 * and Submit, then optional sections, one per screen, reached from a jump list, with a sticky
 * Submit bar. Every change is saved to IndexedDB at once (no debounce), and so is the screen the
 * user is on, so a reload, a crash, going offline or an app update resumes where it was.
 */
import { html, nothing, render } from 'lit-html';
import { checkboxGroup, radioGroup, selectField, yesNo } from '../components/choice-fields.js';
import { countField, dateTimeField, textField } from '../components/text-fields.js';
import { alertWaitsForSite, resendAlert, sendWaitingAlert } from '../alert.js';
import { alertNotSent, alertStanding, alertWaiting } from '../components/alert-notice.js';
import { dateTime, setTitle } from '../components/format.js';
import { focusFieldNext, focusRequestedField, openEncounter, requestedField } from '../components/encounter.js';
import { fieldsOf, missingOn, nextScreen, screenFor, shownErrors } from '../components/form-screens.js';
import { LeftFields, jumpList } from '../components/form-nav.js';
import { locationBlock } from '../components/location.js';
import { Thumbnails, photoField } from '../components/photo-field.js';
import { REQUIRED, SHORT, choices, clearServerError, fieldSpans, keepingSpan, kindOf, localErrors, sectionOf,
  serverErrors, withoutSpan } from '../components/report-fields.js';
import { sensitiveCheck } from '../components/sensitive-marks.js';
import { listSites, loadDraft, saveDraft } from '../drafts.js';
import { MAX_PHOTOS, TEXT_FIELDS, retyped, withTime, withTyped } from '../report.js';
import { addPhoto, forgetPhotos, photoUrl } from '../photos.js';

/** Render the report form of encounter `params.id`. */
export async function show(root, params, app) {
  const { t } = app;
  const opened = await openEncounter(root, params.id, t);
  if (!opened) return () => {};
  const { draft: loaded, version } = opened;
  let standing = await alertStanding(loaded); // "Alert waiting to be sent" until a sync-end finds it gone or refused
  const offQueued = app.on((event) => {
    if ((event.type === 'sync-end' || event.type === 'signed-in') && standing?.queued) alertStanding(draft).then((now) => { standing = now; if (alive) draw(); });
  });
  // A report the server sent back opens where its first refused field is (the reports screen's "Fix").
  const refused = Object.keys(serverErrors(loaded.rejected_errors, loaded.rejected_codes).fields)[0];
  const screen = screenFor(loaded, params.section, requestedField() || refused);
  // Remember the screen: "Continue" on home, and a reload, come back exactly here.
  let draft = loaded.stage === 'report' && loaded.section === screen ? loaded : { ...loaded, stage: 'report', section: screen };
  if (draft !== loaded) saveDraft(draft);
  const sites = await listSites();
  const base = `#/encounter/${draft.id}`;
  const title = screen === SHORT ? t('form.title') : t(`section.${screen}`);
  setTitle(title, root);

  /** Apply a change, save it at once, redraw. */
  function change(next, name) {
    draft = clearServerError(next, name);
    saveDraft(draft);
    draw();
  }
  const setField = (name) => (value) => {
    change({ ...draft, fields: { ...draft.fields, [name]: value } }, name);
    if (name === 'site' && alertWaitsForSite(draft)) sendAlert();
  };

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
  const setTop = (name) => (value) => change({ ...draft, [name]: value }, name);
  // A time field: an instant (or null) is applied and ends any time kept as typed; `{typed}` (not one instant) is
  // kept as typed, the field's instant untouched (src/report.js withTyped).
  const typed = (name) => draft.typed_times?.[name];
  const setTime = (name) => (value) => change(withTyped(value?.typed ? draft : withTime(draft, name, value), name,
    value?.typed), name);
  let alive = true;
  const thumbs = new Thumbnails(photoUrl);
  const photoState = { busy: false, error: '' };

  /** Downscale, hash and store each chosen image, then add its reference to the draft (same photo once). */
  async function addPhotos(files) {
    photoState.busy = true;
    photoState.error = '';
    draw();
    for (const file of files) {
      if ((draft.photos || []).length >= MAX_PHOTOS) {
        photoState.error = t('photos.too_many', { max: MAX_PHOTOS });
        break;
      }
      try {
        const ref = await addPhoto(file, draft.owner ?? null);
        if (!alive) {
          const fresh = await loadDraft(draft.id);
          if (fresh && !(fresh.photos || []).some((p) => p.sha256 === ref.sha256)) {
            await saveDraft({ ...fresh, photos: [...(fresh.photos || []), ref] });
          }
          continue;
        }
        if (!(draft.photos || []).some((p) => p.sha256 === ref.sha256)) {
          draft = { ...draft, photos: [...(draft.photos || []), ref] };
          saveDraft(draft);
        }
      } catch (error) {
        console.error('photo not added', error);
        photoState.error = t('photos.unreadable');
      }
    }
    photoState.busy = false;
    if (alive) draw();
  }

  async function removePhoto(hash) {
    change({ ...draft, photos: (draft.photos || []).filter((p) => p.sha256 !== hash) }, 'photos');
    await saveDraft(draft);
    await forgetPhotos([hash], draft.id);
  }

  /** The position can arrive after this screen was replaced (a language switch): save it to the stored draft. */
  async function setLocation(location) {
    if (alive) {
      setTop('location')(location);
      return;
    }
    const fresh = await loadDraft(draft.id);
    if (!fresh) return;
    await saveDraft({ ...fresh, location });
    app.emit({ type: 'route' });
  }

  function control(name, errors) {
    const error = errors[name];
    const value = draft.fields[name];
    const label = t(`field.${name}`);
    const hint = t(`field.${name}.hint`) === `field.${name}.hint` ? undefined : t(`field.${name}.hint`);
    switch (kindOf(name)) {
      case 'yesno': return yesNo({ name, legend: label, value, onChange: setField(name), error });
      case 'count': return countField({ name, label, value, hint, error, onInput: setField(name) });
      case 'text': return textField({ name, label, value, hint, error, maxlength: TEXT_FIELDS[name],
        onInput: setField(name), check: sensitiveCheck({ name, text: value || '', spans: fieldSpans(draft, name), t,
          onRemove: (span) => change(withoutSpan(draft, name, span), name),
          onKeep: (span) => change(keepingSpan(draft, name, span), `${name}:kept`) }) });
      case 'site': return selectField({ name, label, value, error, required: true, placeholder: t('form.choose_site'),
        hint: sites.length ? hint : t('form.no_sites'),
        options: sites.map((s) => ({ value: s.code, label: s.name })), onChange: setField(name) });
      case 'stated_reason':
      case 'outcome': return selectField({ name, label, value, error, placeholder: t('form.not_chosen'),
        options: choices(name), onChange: (v) => setField(name)(v || null) });
      case 'area_type':
      case 'document_type': return radioGroup({ name, legend: label, value, error, hint, required: REQUIRED.has(name),
        options: choices(name), onChange: setField(name) });
      case 'agencies':
      case 'city_assistance_kinds':
      case 'city_assistance_by':
      case 'requested': return checkboxGroup({ name, legend: label, values: value || [], error, hint,
        options: choices(name), onChange: setField(name) });
      case 'started_at': return dateTimeField({ name, label, value: draft.started_at, error, typed: typed(name),
        hint: draft.start_given ? t('field.started_at.hint_given', { tap: dateTime(draft.tapped_at) }) : t('field.started_at.hint'),
        onChange: setTime(name) });
      case 'ended_at': return dateTimeField({ name, label, value: draft.ended_at, error, typed: typed(name),
        onChange: setTime(name),
        hint: t('field.ended_at.hint', { start: dateTime(draft.started_at) }) });
      case 'liaison_notified_at': return dateTimeField({ name, label, value: draft.fields[name], error, typed: typed(name),
        hint: t('field.liaison_notified_at.hint'), onChange: setTime(name) });
      case 'photos': return photoField({ photos: draft.photos || [], thumbs, redraw: () => alive && draw(),
        onAdd: addPhotos, onRemove: removePhoto, busy: photoState.busy, error: photoState.error || error,
        max: MAX_PHOTOS });
      case 'location': return locationBlock({ location: draft.location, t, error, onChange: setLocation,
        redraw: () => alive && draw() });
      default: return nothing;
    }
  }

  /** The step the user left for this form (photos from a document step), else the last one. */
  function backStep() {
    const last = Math.max((version?.steps.length || 1) - 1, 0);
    return Math.min(draft.step_index ?? last, last);
  }

  const leaving = new LeftFields(() => alive && draw());

  /** Submit: to the review, unless a required field of this screen is empty (then say so here). */
  function submit() {
    const missing = missingOn(screen, localErrors(draft));
    if (!missing.length) {
      app.navigate(`${base}/review`);
      return;
    }
    draft = { ...draft, show_errors: true };
    saveDraft(draft);
    draw();
    const box = root.querySelector(`#field-${missing[0]}`);
    box?.querySelector('input, select, textarea')?.focus({ preventScroll: true });
    box?.scrollIntoView({ block: 'center' });
  }

  /** Times kept as typed, read in the zone the phone is in now (it may have changed since): saved when one resolves. */
  function keepZone() {
    const now = retyped(draft);
    if (now === draft) return;
    draft = now;
    saveDraft(draft);
  }

  /** The start the report carries, and the way to give an earlier one when reporting after the agents left. */
  function startLine() {
    const where = `${base}/report/${sectionOf('started_at')}`;
    return html`<p class="note start-line">${t('field.started_at')}${t('app.label_joiner')}${dateTime(draft.started_at)}
      <br><a href=${where} @click=${() => focusFieldNext('started_at')}>${t('form.give_start')}</a></p>`;
  }

  function draw() {
    keepZone();
    const server = serverErrors(draft.rejected_errors, draft.rejected_codes);
    const errors = shownErrors({ server: server.fields, local: localErrors(draft), left: leaving.left,
      showAll: draft.show_errors });
    const next = nextScreen(screen);
    render(html`
      <h1>${title}</h1>
      ${alertNotSent(draft, t)}
      ${alertWaiting(standing, t, draft, () => sendAlert(resendAlert))}
      <p class="note">${screen === SHORT ? t('form.autosave') : t('form.optional')}</p>
      ${screen === SHORT ? startLine() : nothing}
      ${draft.rejected_errors ? html`
        <div class="error-box" role="alert">
          <p><strong>${t(draft.rejected_reason === 'sensitive_text' ? 'form.rejected_sensitive' : 'form.rejected')}</strong></p>
          ${server.general.length ? html`<ul>${server.general.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
        </div>` : nothing}
      <form class="report-form" id="report-form" novalidate @focusout=${leaving.leave}
        @submit=${(e) => { e.preventDefault(); submit(); }}>
        ${fieldsOf(screen).map((name) => control(name, errors))}
      </form>
      ${screen !== SHORT && next ? html`<p><button type="button" class="button"
        @click=${() => app.navigate(`${base}/report/${next}`)}>${t('form.next', { section: t(`section.${next}`) })}</button></p>` : nothing}
      ${jumpList({ screen, draft, base, t })}
      <p><button type="button" class="button quiet"
        @click=${() => app.navigate(`${base}/step/${backStep()}`)}>${t('form.back_to_checklist')}</button></p>
      <div class="form-bar">
        <button type="submit" form="report-form" class="button primary">${t('form.submit')}</button>
      </div>`, root);
  }

  draw();
  focusRequestedField(root);
  return () => {
    alive = false;
    leaving.stop();
    thumbs.keepOnly();
    offQueued();
  };
}
