/**
 * Home: "Agents here now" in one tap, the encounter in progress first (with the numbers to call),
 * a start that asks before a second encounter, and plainly what is only on this phone.
 */
import { html, nothing, render } from 'lit-html';
import { session } from '../api.js';
import { alertNeedsSignIn } from '../components/alert-notice.js';
import { alertWaitsForSite, locationAskable, position, raiseAlert, sendWaitingAlert, startDraft } from '../alert.js';
import { callButtons, contactsFor } from '../contacts.js';
import { refocus } from '../components/focus.js';
import { dateTime, plural, setTitle } from '../components/format.js';
import { storageKept, storageNote } from '../components/storage.js';
import { alertHash, currentVersion, deleteDraft, flushDrafts, getVersion, listDrafts, listUpdates, resumeHash,
  sitesByCode } from '../drafts.js';
import { getKv } from '../db.js';
import { formatNumber, keepResidentCard, language, pickText, t as translate } from '../i18n.js';
import { installNote, installNoteShown } from '../components/install-note.js';
import { alertAmendable, amendAlertAgency, goesOnItsOwn, listEverything, needsAttention } from '../outbox.js';
import { AGENCIES } from '../report.js';
import { heldForOthers } from '../owner.js';
import { refusalLines } from '../components/report-fields.js';
import { hasRefusal, loadRefusalWords } from '../refusals.js';
import { questionHash, waitingQuestions } from '../questions.js';

/** Where a draft stands, in words ("Step 3 of 14", "Report form"). */
function progress(draft, version, t) {
  if (draft.stage === 'report') return t('home.draft.at_report');
  if (draft.stage === 'review') return t('home.draft.at_review');
  const total = version?.steps?.length || 0;
  if (!total) return t('home.draft.at_report'); // its checklist is gone from this phone: it resumes at the report
  return t('step.count', { n: Math.min((draft.step_index || 0) + 1, total), total });
}

/** "12 min ago" in the app's language; under a minute, the catalog's "just now" (Intl says "this minute"). */
export function ago(iso, now = Date.now()) {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60000));
  const format = new Intl.RelativeTimeFormat(language(), { numeric: 'auto', style: 'short' });
  if (minutes < 1) return translate('home.continue.now');
  if (minutes < 60) return format.format(-minutes, 'minute');
  if (minutes < 48 * 60) return format.format(-Math.round(minutes / 60), 'hour');
  return format.format(-Math.round(minutes / 1440), 'day');
}

/** Home's hint under Start, the checklist's title in its own language (English, untranslated) for a screen reader. */
function startHint(title, t) {
  const { text, lang } = pickText(title);
  const [before, after] = t('home.start_hint', { title: '\0' }).split('\0');
  return html`<p class="hint">${before}<span lang=${lang}>${text}</span>${after}</p>`;
}

/** Render the home screen. */
export async function show(root, params, app) {
  const { t } = app;
  const state = { confirmDelete: null, confirmStart: false, starting: false, alerting: false, pickSite: false,
    alertNotSaved: false, syncing: Boolean(app.engine.running) };
  let data = null;
  setTitle(t('home.title'), root);
  keepResidentCard(); // fetched while there is a signal, so the card for residents shows with none

  /** Everything Home shows, read afresh. */
  async function gather() {
    const [user, version, drafts, everything] = [(await session())?.user, await currentVersion(), await listDrafts(),
      await listEverything()];
    const reports = everything.filter((r) => r.kind !== 'answer' && r.kind !== 'alert');
    const waiting = (kind) => everything.filter((r) => r.kind === kind && goesOnItsOwn(r)).length;
    const versions = new Map();
    for (const d of drafts) versions.set(d.version_id, await getVersion(d.version_id));
    // A refused alert says why in the phone's words: loaded only when one is there to show.
    if (everything.some((r) => r.kind === 'alert' && hasRefusal(r))) await loadRefusalWords();
    return { user, version, drafts, everything, versions, sites: await sitesByCode(),
      unsent: reports.filter(goesOnItsOwn).length, answersWaiting: waiting('answer'), alertsWaiting: waiting('alert'),
      // Reports only: "open My reports to fix it" lists reports; a refused alert says so beside its encounter.
      attention: reports.filter(needsAttention).length,
      questions: waitingQuestions(await listUpdates(), everything),
      // The session needs a new sign-in: what waits goes only after one, not "when online".
      authProblem: Boolean(await getKv('auth_problem')),
      held: await heldForOthers(), installNote: await installNoteShown(), locationAskable: await locationAskable() };
  }

  // Reads overlap (sync-start and sync-end arrive while one is running): only the newest one is drawn,
  // so an older read finishing last never puts back what the phone held before a pull.
  let generation = 0;
  async function load() {
    const mine = ++generation;
    const next = await gather();
    if (mine === generation) data = next;
    return mine === generation;
  }

  async function start({ confirmed = false } = {}) {
    if (state.starting || !data.version) return;
    if (data.drafts.length && !confirmed) {
      // One encounter at a time: a second start is a decision, not a slip of the thumb.
      state.confirmStart = true;
      draw();
      root.querySelector('.confirm-start button')?.focus();
      return;
    }
    state.starting = true;
    const draft = await startDraft(data.version, { language: app.language() });
    app.navigate(`#/encounter/${draft.id}/step/0`);
  }

  /** "Agents here now": queue the alert (sent first, now or when back online) and open the checklist. */
  async function raise(site = null) {
    if (state.alerting) return;
    state.alerting = true;
    state.alertNotSaved = false;
    draw();
    let result;
    try {
      result = await raiseAlert({ version: data.version, language: app.language(), site });
    } catch {
      result = { notSaved: true };
    } finally {
      state.alerting = false;
    }
    if (result.notSaved) {
      // Nothing will go: the employee must know now, under stress, and call instead.
      state.alertNotSaved = true;
      await load();
      draw();
      root.querySelector('.alert-not-saved')?.focus();
      return;
    }
    if (result.needsSite) {
      state.pickSite = true;
      await load();
      draw();
      // Now, and again a task later: from the #/alert route this runs inside the show, where the router leaves
      // focus on a control the show drew (src/router.js); the second ask holds should anything move it meanwhile.
      const ask = () => root.querySelector('#alert-site')?.focus();
      ask();
      setTimeout(ask, 0);
      return;
    }
    if (!result.draft) {
      draw();
      return;
    }
    app.syncSoon('alert'); // not awaited: the checklist opens at once; offline, Background Sync takes over
    // The checklist, as the button says, even when the draft was left on the form or the review.
    app.navigate(alertHash(result.draft, await getVersion(result.draft.version_id)));
  }

  async function useLocation() {
    await position({ ask: true });
    await load();
    draw();
  }

  async function remove(id) {
    await deleteDraft(id);
    state.confirmDelete = null;
    await load();
    draw();
    root.querySelector('h1')?.focus();
  }

  /**
   * Ask whether to delete draft `id` (null: asked, and kept). The button pressed leaves the page with the question, so
   * focus goes to the way back ("Keep it"), then to the Delete of draft `of`, not to the top of the page.
   */
  function askDelete(id, of) {
    state.confirmDelete = id;
    draw();
    refocus(root.querySelector(id ? '.cards .keep' : `.delete[aria-describedby="draft-${of}"]`));
  }

  // The draft's alert went or is on its way (a refused one told nobody): deleting the draft leaves the liaison an
  // alert whose report never comes, which the employee hears before choosing.
  const alerted = (d) => Boolean(d.alert?.id) && data.everything.some((r) => r.id === d.alert.id && !needsAttention(r));

  const siteName = (code) => data.sites.get(code)?.name || code || '';

  function alertState(draft) {
    const record = draft?.alert && data.everything.find((r) => r.id === draft.alert.id);
    if (!record) return nothing;
    if (record.state === 'received') {
      return html`<p class="alert-state state-received">${t('home.alert.sent', { time: dateTime(record.receipt?.received_at) })}</p>`;
    }
    if (record.state === 'rejected' || record.state === 'conflict') {
      return html`<p class="alert-state error-box">${t('home.alert.refused')}${
        refusalLines(record).map((line) => html`<br>${line}`)}</p>`;
    }
    const agency = record.body?.agency;
    return html`${data.authProblem ? alertNeedsSignIn(t)
      : html`<p class="alert-state notice state-queued" role="status">${t('home.alert.waiting')}</p>`}
      ${agency ? html`<p class="note agency-added" tabindex="-1">${t('home.alert.agency_added', { agency: t(`agency.${agency}`) })}</p>`
      : !alertAmendable(record) ? nothing : html`
        <form class="alert-agency" @submit=${(event) => addAgency(event, draft, record)}>
          <label for="alert-agency">${t('home.alert.agency_label')}</label>
          <select id="alert-agency" name="agency" required>
            <option value="">${t('home.alert.choose_agency')}</option>
            ${AGENCIES.map((a) => html`<option value=${a}>${t(`agency.${a}`)}</option>`)}
          </select>
          <button type="submit" class="button">${t('home.alert.agency_add')}</button>
        </form>`}`;
  }

  /** The agency, added while the alert still waits; the report's agencies get it too, in the same transaction. */
  async function addAgency(event, draft, record) {
    event.preventDefault();
    const agency = new FormData(event.target).get('agency');
    if (!agency) return;
    await flushDrafts(); // a save still on its way must not take the agency back off the draft
    await amendAlertAgency(record.id, agency, draft.id);
    await load();
    draw();
    refocus(root.querySelector('.agency-added')); // the form, and the button pressed, went with the choice
  }

  /** An alert that waited for a site goes when Home opens on an encounter that names one by now (src/alert.js). */
  async function sendWaiting() {
    const draft = data.drafts[0];
    if (!alertWaitsForSite(draft) || state.alerting || !(await sendWaitingAlert(draft))) return;
    app.syncSoon('alert');
    await load();
    draw();
  }

  function sitePicker() {
    // Shown while the encounter's alert waits for a site (kept on the draft), not only right after the tap.
    if (!state.pickSite && !alertWaitsForSite(data.drafts[0])) return nothing;
    const sites = [...data.sites.values()].filter((s) => s.active !== false).sort((a, b) => a.name.localeCompare(b.name));
    const send = (event) => {
      event.preventDefault();
      const code = new FormData(event.target).get('site');
      if (code) {
        state.pickSite = false;
        raise(code);
      }
    };
    return html`<form class="alert-site card" @submit=${send}>
      <p class="warning-box">${t('home.alert.not_sent')}</p>
      <div class="field">
        <label for="alert-site">${t('home.alert.which_site')}</label>
        <select id="alert-site" name="site" required>
          <option value="">${t('home.alert.choose_site')}</option>
          ${sites.map((s) => html`<option value=${s.code}>${s.name}</option>`)}
        </select>
      </div>
      <button type="submit" class="button danger">${t('home.alert.send')}</button>
    </form>`;
  }

  function current() {
    const d = data.drafts[0];
    if (!d) return nothing;
    const version = data.versions.get(d.version_id);
    const where = d.fields?.site ? siteName(d.fields.site) : t('home.continue.no_site');
    return html`
      <section class="in-progress" aria-label=${t('home.current')}>
        <button type="button" class="button start continue" aria-describedby="current-progress"
          @click=${() => app.navigate(resumeHash(d))}>${t('home.continue', { site: where, ago: ago(d.started_at) })}</button>
        <p id="current-progress" class="hint">${progress(d, version, t)}</p>
        ${alertState(d)}
        ${callButtons(contactsFor(data.sites.get(d.fields?.site) || null), t)}
      </section>`;
  }

  function startControl() {
    const { version, drafts } = data;
    if (!version) {
      return html`<div class="notice" role="status">
        <p>${state.syncing ? t('home.no_checklist_loading') : t('home.no_checklist')}</p>
        <button type="button" class="button" ?disabled=${state.syncing} @click=${() => app.syncSoon('retry-checklist')}>${t('action.try_again')}</button>
      </div>`;
    }
    // Two templates, not one class that changes: a button restyled in place fades through a low-contrast mix.
    return html`
      ${drafts.length ? html`<button type="button" class="button start-another" @click=${() => start()}
        ?disabled=${state.starting}>${t('home.start')}</button>` : html`<button type="button" class="button start"
        @click=${() => start()} ?disabled=${state.starting}>${t('home.start')}</button>`}
      ${state.confirmStart ? html`<div class="confirm-start warning-box" role="alert">
        <p>${t('home.start.confirm', { site: siteName(drafts[0]?.fields?.site) || t('home.continue.no_site') })}</p>
        <div class="actions">
          <button type="button" class="button" @click=${() => start({ confirmed: true })}>${t('home.start.confirm_yes')}</button>
          <button type="button" class="button primary" @click=${() => app.navigate(resumeHash(drafts[0]))}>${t('home.start.confirm_no')}</button>
        </div>
      </div>` : nothing}
      ${drafts.length ? nothing : startHint(version.title, t)}`;
  }

  function draftItem(d) {
    const version = data.versions.get(d.version_id);
    const describedId = `draft-${d.id}`;
    return html`
      <li class="card">
        <p id=${describedId}><strong>${t('home.draft.started', { time: dateTime(d.started_at) })}</strong><br>
          ${d.fields?.site ? html`${siteName(d.fields.site)}<br>` : nothing}${progress(d, version, t)}</p>
        <div class="actions">
          <button type="button" class="button primary" aria-describedby=${describedId}
            @click=${() => app.navigate(resumeHash(d))}>${t('home.draft.continue')}</button>
          ${state.confirmDelete === d.id ? html`
            <p class="warning-box" role="alert">${t('home.draft.delete_confirm')}${alerted(d)
              ? html`<br>${t('home.draft.delete_alerted')}` : nothing}</p>
            <button type="button" class="button danger" @click=${() => remove(d.id)}>${t('home.draft.delete_yes')}</button>
            <button type="button" class="button keep" @click=${() => askDelete(null, d.id)}>${t('home.draft.delete_no')}</button>`
          : html`<button type="button" class="button quiet delete" aria-describedby=${describedId}
              @click=${() => askDelete(d.id, d.id)}>${t('home.draft.delete')}</button>`}
        </div>
      </li>`;
  }

  function onPhone(storage) {
    const { unsent, answersWaiting, alertsWaiting, attention, held } = data;
    const waits = unsent || answersWaiting || alertsWaiting;
    const nothingWaits = !waits && !attention; // a refused one has not reached it
    // Each line says "when you are online": after a new sign-in only, when the session needs one.
    const signIn = data.authProblem && waits;
    return html`
      <section aria-labelledby="phone-h">
        <h2 id="phone-h">${t('home.on_phone')}</h2>
        ${signIn ? html`<p class="error-box signin-to-send">${t('home.signin_to_send')}
          <a href="#/signin">${t('action.signin')}</a></p>` : nothing}
        ${alertsWaiting && !signIn ? html`<p class="notice">${plural('home.alerts_waiting', alertsWaiting)}</p>` : nothing}
        ${unsent && !signIn ? html`<p class="notice">${plural('home.unsent', unsent)}</p>` : nothing}
        ${answersWaiting && !signIn ? html`<p class="notice">${plural('home.answers_waiting', answersWaiting)}</p>` : nothing}
        <p>${nothingWaits ? html`${t('home.all_sent')} ` : nothing}<a href="#/reports">${t('nav.reports')}</a></p>
        ${attention ? html`<p class="error-box">${plural('home.attention', attention)}</p>` : nothing}
        ${held ? html`<p class="note">${plural('home.held', held)}</p>` : nothing}
        ${storage}
      </section>`;
  }

  function draw() {
    const { user, drafts, questions } = data;
    // Said once: inside the install note while it shows and the browser has not promised to keep the data.
    const storage = storageNote(app);
    const storageInNote = data.installNote && !storageKept();
    // The badge opens My reports at the oldest question still waiting, not at its top (src/questions.js).
    render(html`
      <h1 class="home-title">${t('home.title')}</h1>
      ${questions.length ? html`<p class="question-badge"><a href=${questionHash(questions[0].data.id)}>
        <span class="badge" aria-hidden="true">${formatNumber(questions.length)}</span> ${plural('home.questions', questions.length)}</a></p>`
        : nothing}
      <button type="button" class="button alert-now" @click=${() => raise()} ?disabled=${state.alerting || (!data.version && !drafts.length)}
        aria-describedby="alert-hint">${t('home.alert')}</button>
      <p id="alert-hint" class="hint">${t('home.alert.hint')}</p>
      ${state.alertNotSaved ? html`<p class="error-box alert-not-saved" role="alert" tabindex="-1">${t('home.alert.not_saved')}</p>`
        : nothing}
      ${sitePicker()}
      ${current()}
      ${startControl()}
      ${user ? html`<p class="who">${t('home.signed_in_as', { name: user.display_name || user.username })}
        ${user.department ? html`<br>${user.department.name}` : nothing}</p>` : nothing}
      ${installNote(t, data.installNote, async () => { await load(); draw(); }, storageInNote ? storage : nothing)}
      ${drafts.length ? html`
        <section aria-labelledby="drafts-h">
          <h2 id="drafts-h">${t('home.drafts')}</h2>
          <ul class="cards">${drafts.map(draftItem)}</ul>
        </section>` : nothing}
      ${onPhone(storageInNote ? nothing : storage)}
      <section aria-labelledby="more-h">
        <h2 id="more-h">${t('home.more')}</h2>
        <ul class="link-list">
          <li><a href="#/guide">${t('guide.title')}</a></li>
          <li><a href="#/card">${t('card.title')}</a></li>
          <li><a href="#/settings">${t('home.settings_link')}</a></li>
        </ul>
        ${data.locationAskable ? html`<p><button type="button" class="button quiet" @click=${useLocation}>${t('home.use_location')}</button>
          <br><span class="note">${t('home.use_location.hint')}</span></p>` : nothing}
      </section>`, root);
  }

  // Listen before the first read: a pull that ends while it runs (right after sign-in) must not leave
  // the screen showing what the phone held before it.
  let missed = false;
  const stop = app.on(async (event) => {
    if (event.type === 'sync-start') state.syncing = true;
    if (event.type === 'sync-end') state.syncing = false;
    if (['sync-start', 'sync-end', 'outbox-changed', 'storage', 'signed-in'].includes(event.type)) {
      if (!data) {
        missed = true;
        return;
      }
      if (await load()) draw();
    }
  });
  await load();
  draw();
  if (missed && await load()) draw();
  if (params.autostart && data.version) await start();
  if (params.alert) await raise();
  else await sendWaiting();
  return stop;
}
