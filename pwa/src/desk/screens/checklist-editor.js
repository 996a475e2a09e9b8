/**
 * Trainer: edit a checklist's draft and publish it as a new version.
 *
 * Steps are edited in order (add, remove, move up and down with buttons), each with its
 * text per language (English and Spanish required, the app's other languages optional),
 * the time-critical flag, whom its buttons call and what it records on the phone (every call
 * target and capture of the core's vocabulary, components/step-actions.js) and an optional guide.
 * The server validates (server/schemas/checklists.py): its field errors are shown next to the
 * fields they name. A preview pane renders the chosen step with the phone's own blocks
 * (components/step-blocks.js: the step, its call buttons, note box and photo button), their handlers idle.
 */
import { html, nothing, render } from 'lit-html';
import { keepFocus } from '../../components/focus.js';
import { dateTime, setTitle } from '../../components/format.js';
import { CATALOGS, LANGUAGES as APP_LANGUAGES, loadCatalog } from '../../i18n.js';
import { contentLanguage } from '../../languages.js';
import { inPlace, stepView } from '../../components/step-blocks.js';
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };
import { CALL_TARGETS, NOTE_FIELDS, STEP_CAPTURES, unknown, withCall, withCapture, withField } from '../components/step-actions.js';
import { get, problem, send } from '../api.js';
import { localErrors } from '../../field-errors.js';
import { checklistName } from '../components/liaison-filters.js';
import { staleTranslations } from '../components/stale-translations.js';
import { confirmDialog } from './checklists.js';
import { guardLeaving } from '../components/leave-guard.js';

// The languages a checklist text may carry, en and es required, and a step id's length: the core's vocabulary
// (encounter/vocabulary.py), which the server's checklist schema reads too.
const REQUIRED = vocabulary.required_languages;
const ALL = vocabulary.choices.language;
const OPTIONAL = ALL.filter((lang) => !REQUIRED.includes(lang));
const TRANSLATIONS = ALL.filter((lang) => lang !== 'en');
const ID_MAX = vocabulary.step_id_max;

let nextKey = 1;

/**
 * A step as the editor holds it: a local key (stable while steps move); `fixed` when a
 * published version already has its id (results are compared across versions by id, so
 * that id never changes); `idEdited` stops a new step's id following its English text.
 */
function editable(step, fixed, idEdited = fixed) {
  // What the step captures and whom it calls (issue 11: `capture`, `field`, `call`) live in `kept`, set by the
  // step's own controls (components/step-actions.js); anything else a step holds is carried along untouched.
  const { id, text, time_critical: critical, guide, ...kept } = step;
  return {
    key: nextKey++, id: id || '', fixed, idEdited,
    text: { ...(text || {}) }, time_critical: Boolean(critical), guide: { ...(guide || {}) }, kept,
  };
}

/** A step id from English text: lower-case words joined by single hyphens, at most 40 characters. */
export function slug(text) {
  const words = (text || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  let out = '';
  for (const word of words) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > ID_MAX) break;
    out = next;
  }
  return out || (words[0] || '').slice(0, ID_MAX);
}

/** Only the languages with text, trimmed (a blank optional language is left out; a blank required one is missing). */
function texts(values) {
  const out = {};
  for (const lang of ALL) {
    const value = (values?.[lang] || '').trim();
    if (value) out[lang] = value;
  }
  return out;
}

/** The draft as the API takes it ({title, steps}). */
function content(state) {
  return {
    title: texts(state.title),
    steps: state.steps.map((s) => {
      const guide = texts(s.guide);
      return { ...s.kept, id: s.id, text: texts(s.text), time_critical: s.time_critical,
        guide: Object.keys(guide).length ? guide : null };
    }),
  };
}

/** Flatten the server's nested field errors into [path, messages] pairs. */
function flatten(tree, path = [], out = []) {
  if (Array.isArray(tree) && tree.every((m) => typeof m === 'string')) out.push([path, tree]);
  else if (typeof tree === 'string') out.push([path, [tree]]);
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) flatten(value, [...path, key], out);
  }
  return out;
}

/** The element id of a field: `title-en`, `s<key>-text-es`, `s<key>-guide-ko`, `s<key>-id`. */
const fieldId = (key, part, lang) => (lang ? `s${key}-${part}-${lang}` : `s${key}-${part}`);

/**
 * Map a 422's errors onto the editor's fields: {fieldId: [messages]} and the messages no
 * field shows (whole-checklist rules), by the steps as they were sent; in the desk's language (`t`).
 */
function mapErrors(body, steps, t) {
  const fields = {};
  const general = [];
  const local = localErrors(body, t);
  const tree = local?.json ?? local ?? {};
  for (const [path, messages] of flatten(tree)) {
    const [top, index, part, lang] = path;
    const step = top === 'steps' && /^\d+$/.test(index ?? '') ? steps[Number(index)] : null;
    let id = null;
    if (top === 'title' && ALL.includes(index)) id = `title-${index}`;
    else if (step && (part === 'text' || part === 'guide')) id = fieldId(step.key, part, ALL.includes(lang) ? lang : 'en');
    else if (step && part === 'id') id = fieldId(step.key, 'id');
    else if (step && part === 'time_critical') id = fieldId(step.key, 'tc');
    else if (step && ['call', 'capture', 'field'].includes(part)) id = fieldId(step.key, part);
    if (id) fields[id] = [...(fields[id] || []), ...messages];
    else general.push(...messages.map((m) => (step ? { step: steps.indexOf(step), message: m } : { message: m })));
  }
  return { fields, general };
}

/** t() in one language (the preview's), falling back to English like the app does. */
function tIn(lang) {
  return (key, params = {}) => (CATALOGS[lang]?.[key] ?? CATALOGS.en[key] ?? key)
    .replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`));
}

/** pick() in one language: the phone's choice (its language, else English, else any). */
function pickIn(lang) {
  return (values) => (values ? values[lang] || values[contentLanguage(lang)] || values.en || Object.values(values)[0] || '' : '');
}

/**
 * Unsaved edits of the editor last stopped while its address stayed the same (the desk's language switched, which
 * draws the screen again): the next show at that address takes them up, so switching language loses no words.
 * Any change of address forgets them (leaving by a link asks first: components/leave-guard.js).
 */
let kept = null;

/** Render the editor of checklist `params.id`. */
export async function show(root, params, app) {
  const { t } = app;
  const checklistId = params.id;
  let alive = true;
  let state = {
    loading: true, checklist: null, exists: false, stale: false, base: null, updated: null, revision: null, conflict: false,
    title: {}, steps: [], published: new Set(), baseSteps: [], errors: {}, general: [], message: '', error: '', busy: false, dirty: false,
    preview: 0, previewLang: APP_LANGUAGES.some((l) => l.code === app.language()) ? app.language() : 'en',
  };
  const langName = (lang) => t(`trainer.lang.${lang}`);
  const hash = window.location.hash;
  const unsaved = kept?.hash === hash ? kept.state : null;
  kept = null;

  function set(changes, { dirty = true } = {}) {
    state = { ...state, ...(dirty ? { dirty: true, message: '' } : {}), ...changes };
    draw();
  }

  /** The server's bookkeeping of a draft, without its content. `revision` and `base` go back with every save and
   * publish: the server refuses (409) a copy older than the one it holds, so no trainer overwrites another's. */
  function bookkeeping(draft) {
    return { exists: draft.exists, stale: draft.stale, base: draft.base_version_id, updated: draft.updated_at,
      revision: draft.revision ?? null };
  }

  /** What the editor loaded, as save and publish send it back. */
  const loaded = () => ({ revision: state.revision, base_version_id: state.base });

  /** A refusal because someone else saved or published since this copy was loaded: the words stay, unsaved. */
  const conflicted = (error) => error.status === 409 && ['draft_changed', 'published_since'].includes(error.body?.reason);

  function adopt(draft, published = state.published) {
    // `published` after the spread: a save re-adopts with the ids of the base version, not an empty set.
    state = {
      ...state, published, ...bookkeeping(draft), loading: false, conflict: false, title: { ...(draft.title || {}) },
      steps: (draft.steps || []).map((s) => editable(s, published.has(s.id), true)), dirty: false,
      preview: Math.min(state.preview, Math.max((draft.steps || []).length - 1, 0)),
    };
  }

  async function load() {
    try {
      const [all, draft] = await Promise.all([get('/checklists'), get(`/checklists/${checklistId}/draft`)]);
      state = { ...state, checklist: all.find((c) => String(c.id) === String(checklistId)) || null };
      // Ids of the version the draft started from are fixed; a step new in this draft may still change its id.
      const base = draft.base_version_id ? await get(`/checklist-versions/${draft.base_version_id}`) : null;
      state = { ...state, baseSteps: base?.steps || [] };
      adopt(draft, new Set((base?.steps || []).map((s) => s.id)));
    } catch (error) {
      state = { ...state, loading: false, error: problem(error, t) };
    }
    draw();
  }

  // --- step edits -----------------------------------------------------------------------------

  function updateStep(key, change) {
    set({ steps: state.steps.map((s) => (s.key === key ? { ...s, ...change(s) } : s)) });
  }

  function uniqueId(base, key) {
    const taken = new Set(state.steps.filter((s) => s.key !== key).map((s) => s.id));
    let id = base || `step-${state.steps.length}`;
    for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, ID_MAX - String(n).length - 1)}-${n}`;
    return id;
  }

  function setText(key, part, lang, value) {
    updateStep(key, (s) => {
      const next = { [part]: { ...s[part], [lang]: value } };
      // A new step's id follows its English text until the trainer types an id of their own.
      if (part === 'text' && lang === 'en' && !s.idEdited) next.id = uniqueId(slug(value) || 'step', s.key);
      return next;
    });
  }

  function addStep() {
    const step = editable({ id: '', text: {}, time_critical: false }, false);
    step.id = uniqueId(`step-${state.steps.length + 1}`, step.key);
    set({ steps: [...state.steps, step], preview: state.steps.length });
    focusSoon(fieldId(step.key, 'text', 'en'));
  }

  function removeStep(key) {
    const index = state.steps.findIndex((s) => s.key === key);
    const steps = state.steps.filter((s) => s.key !== key);
    set({ steps, preview: Math.min(state.preview, Math.max(steps.length - 1, 0)), message: t('trainer.editor.removed', { n: index + 1 }) });
    const next = steps[Math.min(index, steps.length - 1)];
    focusSoon(next ? `s${next.key}-legend` : 'add-step');
  }

  function moveStep(key, delta) {
    const steps = [...state.steps];
    const from = steps.findIndex((s) => s.key === key);
    const to = from + delta;
    if (to < 0 || to >= steps.length) return;
    [steps[from], steps[to]] = [steps[to], steps[from]];
    set({ steps, preview: to, message: t('trainer.editor.moved', { n: to + 1 }) });
    // Focus follows the step it moved; at an end the other button is the one still useful.
    const button = delta < 0 && to === 0 ? 'down' : delta > 0 && to === steps.length - 1 ? 'up' : delta < 0 ? 'up' : 'down';
    focusSoon(fieldId(key, button));
  }

  function focusSoon(id) {
    setTimeout(() => root.querySelector(`#${id}`)?.focus(), 0);
  }

  // --- saving and publishing ------------------------------------------------------------------

  /** PUT the draft; true when the server took it, else its errors are shown next to the fields. */
  async function save({ announce = true } = {}) {
    const sent = state.steps;
    const body = content(state);
    const back = keepFocus(root, '.status-message');
    set({ busy: true, error: '', conflict: false }, { dirty: false });
    try {
      const draft = await send(`/checklists/${checklistId}/draft`, { ...body, ...loaded() }, 'PUT');
      if (JSON.stringify(content(state)) !== JSON.stringify(body)) {
        // Typed while the save was on its way: those words stay, still unsaved; only the server's bookkeeping is taken.
        state = { ...state, ...bookkeeping(draft), dirty: true };
      } else {
        // The server answers the saved draft in the order sent: each step keeps its local key and flags.
        adopt(draft);
        state = { ...state, steps: state.steps.map((s, i) => (sent[i] ? { ...s, key: sent[i].key, idEdited: sent[i].idEdited } : s)) };
      }
      state = {
        ...state, busy: false, errors: {}, general: [],
        message: announce ? t('trainer.editor.saved', { time: dateTime(draft.updated_at) }) : '',
      };
      draw();
      back();
      return true;
    } catch (error) {
      if (error.status === 422) {
        const { fields, general } = mapErrors(error.body, sent, t);
        state = { ...state, busy: false, errors: fields, general, message: '', error: t('trainer.editor.invalid') };
      } else {
        state = { ...state, busy: false, error: problem(error, t), conflict: conflicted(error) };
      }
      draw();
      root.querySelector('#editor-problems')?.focus();
      return false;
    }
  }

  /** The publish dialog's warning: each step whose English changed and which translations did not. */
  function staleWarning() {
    const stale = staleTranslations(state.steps, state.baseSteps, TRANSLATIONS);
    if (!stale.length) return [];
    return [t('trainer.publish.stale_translations'), html`<ul class="stale-translations">${stale.map((s) => html`<li>${
      t('trainer.editor.step', { n: s.index + 1 })}: ${s.languages.map(langName).join(', ')}</li>`)}</ul>`];
  }

  async function publish() {
    // No draft and no edit: the screen shows what phones run. Saving it only to be refused (nothing changed) left an
    // identical draft behind, listed as "being edited". (A retired version's content may be published again.)
    const running = state.checklist?.versions.find((v) => v.running);
    if (!state.dirty && !state.exists && running && running.id === state.base) {
      state = { ...state, message: '', errors: {}, general: [], conflict: false, error: t('desk.refusal.nothing_changed') };
      draw();
      root.querySelector('#editor-problems')?.focus();
      return;
    }
    const ok = await confirmDialog({
      title: t('trainer.publish.title'),
      text: [...staleWarning(), t('trainer.publish.phones'), t('trainer.publish.in_progress')],
      confirm: t('trainer.publish.confirm'),
      cancel: t('trainer.action.cancel'),
    });
    if (!ok) return;
    if ((state.dirty || !state.exists) && !(await save({ announce: false }))) return;
    set({ busy: true, error: '', conflict: false }, { dirty: false });
    try {
      const version = await send(`/checklists/${checklistId}/publish`, loaded());
      await load();
      state = { ...state, busy: false, message: t('trainer.publish.done', { number: version.number }) };
      draw();
      root.querySelector('.status-message')?.focus();
    } catch (error) {
      if (error.status === 422) {
        const { fields, general } = mapErrors(error.body, state.steps, t);
        state = { ...state, busy: false, errors: fields, general, error: t('trainer.editor.invalid') };
      } else {
        state = { ...state, busy: false, error: problem(error, t), conflict: conflicted(error) };
      }
      draw();
      root.querySelector('#editor-problems')?.focus();
    }
  }

  /** After a conflict: load the stored copy, once the trainer agrees their unsaved words are replaced. */
  async function reloadLatest() {
    const ok = await confirmDialog({
      title: t('trainer.reload.title'), text: t('trainer.reload.text'),
      confirm: t('trainer.reload.confirm'), cancel: t('trainer.action.cancel'), danger: true,
    });
    if (!ok) return;
    state = { ...state, errors: {}, general: [], error: '' };
    await load();
    if (!state.error) state = { ...state, message: t('trainer.reload.done') };
    draw();
    root.querySelector(state.error ? '#editor-problems' : '.status-message')?.focus();
  }

  async function discard() {
    const ok = await confirmDialog({
      title: t('trainer.discard.title'), text: t('trainer.discard.text'),
      confirm: t('trainer.discard.confirm'), cancel: t('trainer.action.cancel'), danger: true,
    });
    if (!ok) return;
    try {
      await send(`/checklists/${checklistId}/draft`, undefined, 'DELETE');
      await load();
      // The problems of a save refused before belong to the draft just discarded.
      state = { ...state, errors: {}, general: [], error: '', message: t('trainer.discard.done') };
    } catch (error) {
      state = { ...state, error: problem(error, t) };
    }
    draw();
    // Its button is gone with the draft: the keyboard goes to what the trainer is told, not the page's top.
    root.querySelector(state.error ? '#editor-problems' : '.status-message')?.focus();
  }

  // --- view -----------------------------------------------------------------------------------

  function errorOf(id) {
    const messages = state.errors[id];
    return messages?.length ? html`<span class="error" id="${id}-error">${messages.join(' ')}</span>` : nothing;
  }

  function textField({ id, label, value, onInput, required, lang, rows = 2, stale = false }) {
    const invalid = Boolean(state.errors[id]?.length);
    const described = [invalid && `${id}-error`, stale && `${id}-stale`].filter(Boolean).join(' ');
    return html`
      <div class="field ${invalid ? 'has-error' : ''}">
        <label for=${id}>${label}${required ? html` <span class="required">${t('trainer.editor.required')}</span>` : nothing}</label>
        ${errorOf(id)}
        ${stale ? html`<p class="warning" id="${id}-stale">${t('trainer.editor.translation_stale')}</p>` : nothing}
        <textarea id=${id} rows=${rows} lang=${lang} dir="auto" .value=${value || ''}
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${described || nothing}
          @input=${(e) => onInput(e.target.value)}></textarea>
      </div>`;
  }

  function languages({ prefix, values, onInput, labelKey, required = true, rows, stale = [] }) {
    // Open on what the trainer must see: an optional language's error, or its text left behind.
    const openOptional = OPTIONAL.some((lang) => state.errors[`${prefix}-${lang}`] || stale.includes(lang));
    const optionalFilled = OPTIONAL.filter((lang) => (values?.[lang] || '').trim()).length;
    const field = (lang, req) => textField({
      id: `${prefix}-${lang}`, label: t(labelKey, { language: langName(lang) }), value: values?.[lang], lang, rows,
      required: req, onInput: (value) => onInput(lang, value), stale: stale.includes(lang),
    });
    return html`
      ${REQUIRED.map((lang) => field(lang, required))}
      <details class="more-languages" ?open=${openOptional}>
        <summary>${t('trainer.editor.other_languages', { count: optionalFilled, total: OPTIONAL.length })}</summary>
        ${OPTIONAL.map((lang) => field(lang, false))}
      </details>`;
  }

  function stepEditor(step, index) {
    const { key } = step;
    const legend = t('trainer.editor.step', { n: index + 1 });
    const last = state.steps.length - 1;
    const idField = fieldId(key, 'id');
    const idInvalid = Boolean(state.errors[idField]?.length);
    const guideOpen = Object.values(step.guide).some((v) => (v || '').trim())
      || ALL.some((lang) => state.errors[fieldId(key, 'guide', lang)]);
    return html`
      <li class="step-editor ${state.preview === index ? 'previewed' : ''}" @focusin=${() => {
        if (state.preview !== index) { state = { ...state, preview: index }; draw(); }
      }}>
        <fieldset class="group">
          <legend id="s${key}-legend" tabindex="-1">${legend}</legend>
          <div class="step-tools" role="group" aria-label=${t('trainer.editor.tools', { n: index + 1 })}>
            <button type="button" class="button quiet" id=${fieldId(key, 'up')} ?disabled=${index === 0}
              @click=${() => moveStep(key, -1)}>${t('trainer.editor.up')}<span class="visually-hidden"> (${legend})</span></button>
            <button type="button" class="button quiet" id=${fieldId(key, 'down')} ?disabled=${index === last}
              @click=${() => moveStep(key, 1)}>${t('trainer.editor.down')}<span class="visually-hidden"> (${legend})</span></button>
            <button type="button" class="button quiet" @click=${() => removeStep(key)}>
              ${t('trainer.editor.remove')}<span class="visually-hidden"> (${legend})</span></button>
          </div>
          ${step.fixed ? html`<p class="hint">${t('trainer.editor.id_fixed', { id: step.id })}</p>` : html`
            <div class="field ${idInvalid ? 'has-error' : ''}">
              <label for=${idField}>${t('trainer.editor.id')}</label>
              <p class="hint" id="${idField}-hint">${t('trainer.editor.id_hint')}</p>
              ${errorOf(idField)}
              <input id=${idField} type="text" maxlength=${ID_MAX} .value=${step.id} spellcheck="false"
                aria-invalid=${idInvalid ? 'true' : 'false'}
                aria-describedby=${idInvalid ? `${idField}-error ${idField}-hint` : `${idField}-hint`}
                @input=${(e) => updateStep(key, () => ({ id: e.target.value.trim(), idEdited: true }))}>
            </div>`}
          ${languages({ prefix: `s${key}-text`, values: step.text, labelKey: 'trainer.editor.text_in',
            stale: staleTranslations([step], state.baseSteps, TRANSLATIONS)[0]?.languages,
            onInput: (lang, value) => setText(key, 'text', lang, value) })}
          <div class="option field">
            <input type="checkbox" id=${fieldId(key, 'tc')} .checked=${step.time_critical}
              @change=${(e) => updateStep(key, () => ({ time_critical: e.target.checked }))}>
            <label for=${fieldId(key, 'tc')}>${t('trainer.editor.time_critical')}</label>
            ${errorOf(fieldId(key, 'tc'))}
          </div>
          ${callsEditor(step)}
          ${captureEditor(step)}
          <details class="step-guide" ?open=${guideOpen}>
            <summary>${t('trainer.editor.guide')}</summary>
            <p class="hint">${t('trainer.editor.guide_hint')}</p>
            ${languages({ prefix: `s${key}-guide`, values: step.guide, labelKey: 'trainer.editor.guide_in', required: false, rows: 4,
              onInput: (lang, value) => setText(key, 'guide', lang, value) })}
          </details>
        </fieldset>
      </li>`;
  }

  /** A nested group's error, beside its legend; the group itself takes focus from the problem list. */
  function groupAttrs(id, hint) {
    const invalid = Boolean(state.errors[id]?.length);
    return { invalid, described: [invalid && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || nothing };
  }

  /**
   * Whom the step's buttons call: a checkbox per call target of the vocabulary, in its order (the emergency
   * number first), each named with the words of the phone's own button.
   */
  function callsEditor(step) {
    const { key } = step;
    const id = fieldId(key, 'call');
    const { invalid, described } = groupAttrs(id, true);
    const calls = step.kept.call || [];
    return html`
      <fieldset class="group step-actions ${invalid ? 'has-error' : ''}" id=${id} tabindex="-1" aria-describedby=${described}>
        <legend>${t('trainer.editor.calls')}</legend>
        <p class="hint" id="${id}-hint">${t('trainer.editor.calls_hint')}</p>
        ${errorOf(id)}
        <div class="step-choices">${[...CALL_TARGETS, ...unknown(CALL_TARGETS, calls)].map((who, i) => html`
          <div class="option">
            <input type="checkbox" id="${id}-${i}" .checked=${calls.includes(who)}
              @change=${(e) => {
                updateStep(key, (s) => ({ kept: { ...s.kept, call: withCall(s.kept.call, who, e.target.checked) } }));
                // A value the vocabulary lacks leaves with its box when unticked: focus stays in the group, not the page.
                if (!e.target.isConnected) root.querySelector(`#${id}`)?.focus();
              }}>
            <label for="${id}-${i}">${CALL_TARGETS.includes(who) ? t(`call.${who}`, { number: vocabulary.emergency_number })
              : t('trainer.editor.not_offered', { value: who })}</label>
          </div>`)}
        </div>
      </fieldset>`;
  }

  /**
   * What the step records on the phone: nothing or one capture of the vocabulary (a step shows one box or one
   * photo button), and for a note the report field it is saved in.
   */
  function captureEditor(step) {
    const { key } = step;
    const id = fieldId(key, 'capture');
    const noteId = fieldId(key, 'field');
    const { invalid, described } = groupAttrs(id, false);
    const note = groupAttrs(noteId, false);
    const capture = step.kept.capture || '';
    const choose = (value) => updateStep(key, (s) => ({ kept: withCapture(s.kept, value) }));
    return html`
      <fieldset class="group step-actions ${invalid ? 'has-error' : ''}" id=${id} tabindex="-1" aria-describedby=${described}>
        <legend>${t('trainer.editor.captures')}</legend>
        ${errorOf(id)}
        <div class="step-choices">${['', ...STEP_CAPTURES, ...unknown(STEP_CAPTURES, [capture])].map((value, i) => html`
          <div class="option">
            <input type="radio" name="${id}" id="${id}-${i}" .checked=${capture === value}
              @change=${() => choose(value)}>
            <label for="${id}-${i}">${!value || STEP_CAPTURES.includes(value) ? t(`trainer.editor.capture.${value || 'none'}`)
              : t('trainer.editor.not_offered', { value })}</label>
          </div>`)}
        </div>
        ${capture === 'note' || step.kept.field ? html`
          <div class="field ${note.invalid ? 'has-error' : ''}">
            <label for=${noteId}>${t('trainer.editor.note_field')}</label>
            ${errorOf(noteId)}
            <select id=${noteId} aria-invalid=${note.invalid ? 'true' : 'false'} aria-describedby=${note.described}
              @change=${(e) => updateStep(key, (s) => ({ kept: withField(s.kept, e.target.value) }))}>
              <option value="" ?selected=${!step.kept.field}>${t('trainer.editor.note_field_choose')}</option>
              ${NOTE_FIELDS.map((name) => html`<option value=${name} ?selected=${step.kept.field === name}>${t(`field.${name}`)}</option>`)}
              ${unknown(NOTE_FIELDS, [step.kept.field]).map((name) => html`<option value=${name} selected>${t('trainer.editor.not_offered', { value: name })}</option>`)}
            </select>
          </div>` : nothing}
      </fieldset>`;
  }

  function problems() {
    const listed = [
      ...state.general.map((g) => html`<li>${g.step !== undefined ? `${t('trainer.editor.step', { n: g.step + 1 })}: ` : ''}${g.message}</li>`),
      ...Object.entries(state.errors).map(([id, messages]) => html`
        <li><a href="#${id}" @click=${(e) => { e.preventDefault(); root.querySelector(`#${id}`)?.focus(); }}>${where(id)}</a>: ${messages.join(' ')}</li>`),
    ];
    if (!state.error) return html`<div id="editor-problems" tabindex="-1"></div>`;
    return html`
      <div id="editor-problems" class="error-box" role="alert" tabindex="-1">
        <p>${state.error}</p>
        ${listed.length ? html`<ul>${listed}</ul>` : nothing}
        ${state.conflict ? html`<p><button type="button" class="button" @click=${reloadLatest}>${t('trainer.reload.button')}</button></p>` : nothing}
      </div>`;
  }

  /** A field's name for the problem list ("Step 3, Spanish text"). */
  function where(id) {
    if (id.startsWith('title-')) return t('trainer.editor.title_in', { language: langName(id.slice(6)) });
    const [, key, part, lang] = /^s(\d+)-(\w+)(?:-(\w+))?$/.exec(id) || [];
    const index = state.steps.findIndex((s) => String(s.key) === key);
    const step = t('trainer.editor.step', { n: index + 1 });
    if (part === 'text') return `${step}, ${t('trainer.editor.text_in', { language: langName(lang) })}`;
    if (part === 'guide') return `${step}, ${t('trainer.editor.guide_in', { language: langName(lang) })}`;
    if (part === 'id') return `${step}, ${t('trainer.editor.id')}`;
    if (part === 'call') return `${step}, ${t('trainer.editor.calls')}`;
    if (part === 'capture') return `${step}, ${t('trainer.editor.captures')}`;
    if (part === 'field') return `${step}, ${t('trainer.editor.note_field')}`;
    return step;
  }

  function preview() {
    const cleaned = content(state);
    const total = cleaned.steps.length;
    if (!total) return html`<p>${t('trainer.preview.empty')}</p>`;
    const n = Math.min(state.preview, total - 1);
    const lang = state.previewLang;
    const pt = tIn(lang);
    return html`
      <div class="preview-controls">
        <div class="field">
          <label for="preview-step">${t('trainer.preview.step')}</label>
          <select id="preview-step" .value=${String(n)} @change=${(e) => set({ preview: Number(e.target.value) }, { dirty: false })}>
            ${cleaned.steps.map((s, i) => html`<option value=${i} ?selected=${i === n}>${i + 1}. ${pickIn(lang)(s.text).slice(0, 60)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="preview-lang">${t('trainer.preview.language')}</label>
          <select id="preview-lang" @change=${async (e) => { const lang = e.target.value; await loadCatalog(lang); set({ previewLang: lang }, { dirty: false }); }}>
            ${APP_LANGUAGES.map((l) => html`<option value=${l.code} ?selected=${l.code === lang}>${l.name}</option>`)}
          </select>
        </div>
      </div>
      <div class="phone-frame" lang=${lang} dir=${APP_LANGUAGES.find((l) => l.code === lang)?.dir || 'ltr'} @click=${(e) => { if (e.target.closest('a')) e.preventDefault(); }}>
        ${stepView({
          title: cleaned.title, step: cleaned.steps[n], count: pt('step.count', { n: n + 1, total }), t: pt,
          text: pickIn(lang), onAnswer: () => {}, onPhotos: () => {}, level: 2,
          // The phone's blocks with whom the step calls (no site's numbers here), the photo button disabled.
          inPlace: inPlace({ step: cleaned.steps[n], t: pt, level: 2, photo: { disabled: true } }),
        })}
      </div>`;
  }

  function view() {
    const name = state.checklist ? checklistName(state.checklist, t) : '';
    setTitle(t('trainer.editor.title'), root);
    const running = state.checklist?.versions.find((v) => v.running);  // the server says which
    const base = state.checklist?.versions.find((v) => v.id === state.base);
    return html`
      <p><a href="#/desk/checklists">${t('trainer.editor.back')}</a></p>
      <h1>${t('trainer.editor.title')}${name ? html` <span class="subtitle">${name}</span>` : nothing}</h1>
      ${state.loading ? html`<p class="loading">${t('trainer.loading')}</p>` : html`
        <p class="hint">
          ${state.exists ? t('trainer.editor.draft_saved_at', { time: dateTime(state.updated) }) : t('trainer.editor.no_draft')}
          ${base ? t('trainer.editor.based_on', { number: base.number }) : nothing}
          ${running ? t('trainer.editor.running', { number: running.number }) : nothing}
        </p>
        ${state.stale ? html`<p class="warning-box">${t('trainer.editor.stale')}</p>` : nothing}`}
      <div class="status-message" tabindex="-1" role="status">
        ${state.message ? html`<p class="notice">${state.message}</p>` : nothing}
      </div>
      ${problems()}
      ${state.loading || (!state.checklist && state.error) ? nothing : html`
      <div class="editor-layout">
        <form class="editor-form" novalidate @submit=${(e) => { e.preventDefault(); save(); }}>
          <fieldset class="group">
            <legend class="label">${t('trainer.editor.checklist_title')}</legend>
            ${languages({ prefix: 'title', values: state.title, labelKey: 'trainer.editor.title_in',
              onInput: (lang, value) => set({ title: { ...state.title, [lang]: value } }) })}
          </fieldset>
          <h2>${t('trainer.editor.steps', { count: state.steps.length })}</h2>
          <ol class="step-editors">${state.steps.map((step, index) => stepEditor(step, index))}</ol>
          <p><button type="button" class="button" id="add-step" @click=${addStep}>${t('trainer.editor.add')}</button></p>
          <p class="dirty-state" aria-live="polite">${state.dirty ? t('trainer.editor.unsaved') : ''}</p>
          <div class="actions editor-actions">
            <button type="submit" class="button" ?disabled=${state.busy}>${t('trainer.editor.save')}</button>
            <button type="button" class="button primary" ?disabled=${state.busy} @click=${publish}>${t('trainer.editor.publish')}</button>
            ${state.exists ? html`<button type="button" class="button quiet" ?disabled=${state.busy} @click=${discard}>${t('trainer.discard.button')}</button>` : nothing}
          </div>
        </form>
        <section class="preview-pane" aria-labelledby="preview-heading">
          <h2 id="preview-heading">${t('trainer.preview.title')}</h2>
          <p class="hint">${t('trainer.preview.hint')}</p>
          ${preview()}
        </section>
      </div>`}`;
  }

  function draw() {
    if (alive) render(view(), root);
  }

  // Unsaved edits are asked about before the editor is left by a link (the menu, "All checklists") or the tab
  // is closed (components/leave-guard.js).
  const unguard = guardLeaving(() => state.dirty, () => t('trainer.editor.leave_unsaved'), { back: true });
  if (unsaved) {
    // Drawn again in another language: the trainer's words, and what they were loaded from, as they were.
    state = { ...unsaved, busy: false, message: '' };
    draw();
  } else {
    draw();
    await load();
  }
  return () => {
    alive = false;
    unguard();
    if (state.dirty && window.location.hash === hash) kept = { hash, state };
  };
}
