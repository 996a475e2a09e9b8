/**
 * Drafts and the report body: pure functions, no storage.
 *
 * A draft is what the phone keeps while an encounter is being logged; the body is what
 * is pushed (kind "encounter", schema version 1). Only the fields the protocol needs
 * exist; nothing about anyone's immigration status. Every list and limit comes from the
 * core's vocabulary (encounter/vocabulary.py, exported to rules/vocabulary.json).
 */
import form from './rules/form.json' with { type: 'json' };
import vocabulary from './rules/vocabulary.json' with { type: 'json' };
import { contentLanguage } from './languages.js';
import { instantsOf, phoneZone } from './local-time.js';
import { uuid } from './uuid.js';

const { choices: CHOICES, ...VOCABULARY } = vocabulary;
export const AGENCIES = CHOICES.agencies;
export const DOCUMENT_TYPES = CHOICES.document_type;
export const AREA_TYPES = CHOICES.area_type;
export const REQUESTS = CHOICES.requested;
export const OUTCOMES = CHOICES.outcome;
/** Issue 12: the stated reason's categories, and the violations ledger's kinds of help and who or what helped. */
export const STATED_REASONS = CHOICES.stated_reason;
export const CITY_ASSISTANCE_KINDS = CHOICES.city_assistance_kinds;
export const CITY_ASSISTANCE_BY = CHOICES.city_assistance_by;
export const STEP_RESULTS = VOCABULARY.step_results;

/** Yes / no / not known questions, in the order the form asks them. */
export const YES_NO_FIELDS = VOCABULARY.yes_no_fields;
export const COUNT_FIELDS = VOCABULARY.count_fields;
/** The range a count may take: [lowest, highest]. */
export const COUNT_RANGE = VOCABULARY.count_range;
/** Free-text fields with their maximum lengths (the server's limits). */
export const TEXT_FIELDS = VOCABULARY.text_limits;
/** The most photos one report may carry (the server refuses more). */
export const MAX_PHOTOS = VOCABULARY.photos_max;

/** Return the current time as the RFC 3339 string the server expects. */
export function nowIso(now = new Date()) {
  return now.toISOString();
}

/** Start a draft on a checklist version; the encounter's clock starts now. */
export function newDraft(version, { now = new Date(), language = 'en', owner = null } = {}) {
  const fields = { site: '', area_type: '', document_type: '', outcome: null, agencies: [], requested: [],
    liaison_notified_at: null, stated_reason: null, city_assistance_kinds: [], city_assistance_by: [] };
  for (const name of YES_NO_FIELDS) fields[name] = null;
  for (const name of COUNT_FIELDS) fields[name] = null;
  for (const name of Object.keys(TEXT_FIELDS)) fields[name] = '';
  return {
    id: uuid(),
    owner,
    version_id: version.id,
    started_at: nowIso(now),
    created_at: nowIso(now),
    updated_at: nowIso(now),
    stage: 'checklist',
    step_index: 0,
    steps: {},
    fields,
    location: null,
    language,
  };
}

/** Record a step's answer, time-stamped now, and move to the next step. */
export function answerStep(draft, version, stepId, result, now = new Date()) {
  const steps = { ...draft.steps, [stepId]: { result, at: nowIso(now) } };
  const index = version.steps.findIndex((s) => s.id === stepId);
  const next = Math.min(index + 1, version.steps.length);
  return { ...draft, steps, step_index: next, stage: next >= version.steps.length ? 'report' : 'checklist' };
}

/**
 * The form's layout from the core (encounter/form.py): `required` (what the server refuses a report
 * without), `short` (the first screen's fields) and `sections` ([id, fields], one optional screen each).
 */
export const FORM = form;
export const REQUIRED_FIELDS = FORM.required;

/** The times the employee gives that cannot be before the encounter started (the core's NOT_BEFORE_START). */
export const NOT_BEFORE_START = FORM.not_before_start;

/** A time field's value on a draft: the end is kept beside started_at, the others among the fields. */
export function timeOf(draft, name) {
  return name === 'ended_at' ? draft.ended_at : draft.fields?.[name];
}

/**
 * The time fields of `draft` set before the minute the encounter started (the Start time the form shows),
 * as the core's `form.before_start` decides; the server refuses such a report, so the phone says so at the
 * field and never changes the time itself.
 */
export function timesBeforeStart(draft) {
  const start = Math.floor(Date.parse(draft.started_at) / 60000) * 60000;
  return NOT_BEFORE_START.filter((name) => {
    const value = timeOf(draft, name);
    return Boolean(value) && Date.parse(value) < start;
  });
}

const DAY = 86400000;

/**
 * Why the start the employee gave (reporting after the agents left) cannot stand, as the core's
 * `form.given_start_error` decides: 'future', 'too_old', or null (also for a start that is the Start tap).
 */
export function givenStartProblem(draft, now = Date.now()) {
  if (!draft.start_given) return null;
  const { oldest_days: oldest, ahead_minutes: ahead } = FORM.given_start;
  const start = Date.parse(draft.started_at);
  if (start > now + ahead * 60000) return 'future';
  const written = Math.min(Date.parse(draft.tapped_at) || now, now); // the tap, as the server measures it
  return start < written - oldest * DAY ? 'too_old' : null;
}

/**
 * The draft with the encounter's start given by the employee (`iso`), or back to the Start tap (`iso` null).
 * The tap is kept beside it (`tapped_at`), so clearing the field restores it.
 */
export function withStart(draft, iso) {
  const tapped = draft.tapped_at || draft.started_at;
  // The tap's own minute picked again (the field shows minutes) is the tap, not a start given afterwards: it
  // would take the steps' timings from the trainers and have the desk say the start was given afterwards.
  const sameMinute = iso && Math.floor(Date.parse(iso) / 60000) === Math.floor(Date.parse(tapped) / 60000);
  if (!iso || sameMinute) return { ...draft, started_at: tapped, start_given: false, tapped_at: tapped };
  return { ...draft, started_at: iso, start_given: true, tapped_at: tapped };
}

/**
 * The draft keeping `typed`, a local time entered in time field `name` that is not one instant (two on the night
 * the clocks go back, none on the night they go forward: src/local-time.js), or no longer keeping one (`typed`
 * empty). The field's instant is left as it was; the form asks which, or says why, and the report waits.
 */
export function withTyped(draft, name, typed) {
  const { [name]: gone, ...kept } = draft.typed_times || {};
  if (typed) kept[name] = typed;
  const { typed_times: old, ...rest } = draft;
  return Object.keys(kept).length ? { ...rest, typed_times: kept } : rest;
}

/** The draft with time field `name` at instant `iso` (null: cleared): the start (withStart), the end, or a field. */
export function withTime(draft, name, iso) {
  if (name === 'started_at') return withStart(draft, iso);
  if (name === 'ended_at') return { ...draft, ended_at: iso };
  return { ...draft, fields: { ...draft.fields, [name]: iso } };
}

/**
 * The draft with its times kept as typed read again in `zone`, the phone's now: one that is a single instant there
 * (the phone changed zone since it was typed) becomes that instant, as typing it now would; the others stay kept,
 * said as what they are in this zone (happened twice, or never). The same draft when nothing changes.
 */
export function retyped(draft, zone = phoneZone()) {
  let next = draft;
  for (const [name, typed] of Object.entries(draft.typed_times || {})) {
    const found = instantsOf(typed, zone);
    if (found?.length === 1) next = withTyped(withTime(next, name, new Date(found[0]).toISOString()), name, null);
  }
  return next;
}

/** Return the problems that stop a draft from being submitted (field → message key). */
export function missingFields(draft) {
  const missing = {};
  for (const name of REQUIRED_FIELDS) {
    const value = draft.fields[name];
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) {
      missing[name] = 'error.required';
    }
  }
  return missing;
}

/** Build the report body the server validates, from a draft. */
export function buildBody(draft, now = new Date()) {
  const f = draft.fields;
  const body = {
    site: f.site,
    checklist_version_id: draft.version_id,
    area_type: f.area_type,
    started_at: draft.started_at,
    // Not given: left empty, and the desk says "Not given" (the submit time would read as a fact).
    ended_at: draft.ended_at || null,
    agencies: [...f.agencies],
    requested: [...f.requested],
    document_type: f.document_type,
    outcome: f.outcome,
    // Drafts saved before these fields existed lack them.
    stated_reason: f.stated_reason || null,
    city_assistance_kinds: [...(f.city_assistance_kinds || [])],
    city_assistance_by: [...(f.city_assistance_by || [])],
    steps: Object.entries(draft.steps).map(([step_id, s]) => ({ step_id, result: s.result, at: s.at })),
    // The server's code: both Chinese scripts are 'zh' (src/languages.js).
    language: contentLanguage(draft.language),
  };
  for (const name of YES_NO_FIELDS) body[name] = f[name];
  for (const name of COUNT_FIELDS) body[name] = f[name] === '' || f[name] == null ? null : Number(f[name]);
  for (const name of Object.keys(TEXT_FIELDS)) body[name] = (f[name] || '').trim();
  // When the employee told the department's liaison (trainers measure time to notification).
  body.liaison_notified_at = f.liaison_notified_at || null;
  if (draft.location) body.location = draft.location;
  if (draft.photos?.length) body.photos = draft.photos;
  // Only when given: a report started live is sent exactly as before (docs/sync-protocol.md).
  // With the Start tap, which bounds how old the given start may be: a report that waits weeks in the outbox still arrives.
  if (draft.start_given) Object.assign(body, { start_given: true, tapped_at: draft.tapped_at || null });
  return body;
}

/** A short summary kept on the phone after the server's receipt (the full body is then deleted). */
export function summarize(body) {
  return { site: body.site, started_at: body.started_at, agencies: body.agencies, document_type: body.document_type,
    area_type: body.area_type };
}

/**
 * The draft whose buildBody is `body` (its inverse), as it stands on the review screen:
 * how browser tests and benchmarks queue a known report through Submit's own path.
 */
export function draftFromBody(body, { id = uuid(), owner = null } = {}) {
  const fields = { site: body.site, area_type: body.area_type, document_type: body.document_type,
    outcome: body.outcome ?? null, agencies: [...(body.agencies || [])], requested: [...(body.requested || [])],
    stated_reason: body.stated_reason ?? null, city_assistance_kinds: [...(body.city_assistance_kinds || [])],
    city_assistance_by: [...(body.city_assistance_by || [])], liaison_notified_at: body.liaison_notified_at ?? null };
  for (const name of [...YES_NO_FIELDS, ...COUNT_FIELDS]) fields[name] = body[name] ?? null;
  for (const name of Object.keys(TEXT_FIELDS)) fields[name] = body[name] ?? '';
  const steps = Object.fromEntries((body.steps || []).map((s) => [s.step_id, { result: s.result, at: s.at }]));
  const draft = { id, owner, version_id: body.checklist_version_id, started_at: body.started_at,
    created_at: body.started_at, updated_at: body.started_at, ended_at: body.ended_at, stage: 'review',
    step_index: Object.keys(steps).length, steps, fields, location: body.location ?? null, language: body.language ?? 'en' };
  if (body.photos?.length) draft.photos = body.photos;
  if (body.start_given) Object.assign(draft, { start_given: true, tapped_at: body.tapped_at ?? body.started_at });
  return draft;
}
