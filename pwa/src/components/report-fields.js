/**
 * The report's fields as the form and the review show them: sections, labels, option
 * lists, client-side checks, and the server's rejection reasons mapped back to fields.
 * Labels live in the catalogs under field.<name>; choices under <vocabulary>.<value>.
 */
import { AGENCIES, AREA_TYPES, CITY_ASSISTANCE_BY, CITY_ASSISTANCE_KINDS, COUNT_FIELDS, COUNT_RANGE, DOCUMENT_TYPES,
  FORM, OUTCOMES, REQUESTS, REQUIRED_FIELDS, STATED_REASONS, TEXT_FIELDS, YES_NO_FIELDS, givenStartProblem, missingFields,
  timesBeforeStart }
  from '../report.js';
import { formatNumber, t } from '../i18n.js';
import { itemErrorText, refusedErrors, tooLargeText } from '../refusals.js';
import { keptWith, removeSpan, spansLeft } from '../sensitive.js';
import { dateTime, plural } from './format.js';
import { typedProblem } from '../local-time.js';

/**
 * The form's screens in order, from the core (encounter/form.py): the short first screen with what a
 * report needs, then the optional sections, one per screen. Each names its fields.
 */
export const SHORT = 'short';
export const SECTIONS = [[SHORT, FORM.short], ...FORM.sections];

/** The screen (section id) a field is on. */
export function sectionOf(name) {
  return (SECTIONS.find(([, names]) => names.includes(name)) || [SHORT])[0];
}

// Issue 12's choice fields: the catalog prefix of their labels and their vocabulary.
const LABELS = { stated_reason: ['reason', STATED_REASONS], city_assistance_kinds: ['help', CITY_ASSISTANCE_KINDS],
  city_assistance_by: ['helper', CITY_ASSISTANCE_BY] };

/** Fields required before submitting (the core decides; the form marks them). */
export const REQUIRED = new Set(REQUIRED_FIELDS);

/** Option lists for the closed vocabularies: [{value, label, hint?}]. */
export function choices(name) {
  if (name === 'area_type') return AREA_TYPES.map((v) => ({ value: v, label: t(`area.${v}`), hint: t(`area.${v}.hint`) }));
  if (name === 'document_type') return DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`doc.${v}`), hint: t(`doc.${v}.hint`) }));
  if (name === 'agencies') return AGENCIES.map((v) => ({ value: v, label: t(`agency.${v}`) }));
  if (name === 'requested') return REQUESTS.map((v) => ({ value: v, label: t(`request.${v}`) }));
  if (name === 'outcome') return OUTCOMES.map((v) => ({ value: v, label: t(`outcome.${v}`) }));
  if (name in LABELS) return LABELS[name][1].map((v) => ({ value: v, label: t(`${LABELS[name][0]}.${v}`) }));
  return [];
}

/** What kind of control a field is. */
export function kindOf(name) {
  if (YES_NO_FIELDS.includes(name)) return 'yesno';
  if (COUNT_FIELDS.includes(name)) return 'count';
  if (name in TEXT_FIELDS) return 'text';
  return name;
}

/** A count as typed is fine when empty or a whole number within the server's range (the core's COUNT_RANGE). */
export function countOk(value) {
  if (value === null || value === undefined || value === '') return true;
  const [low, high] = COUNT_RANGE;
  return /^\d+$/.test(String(value)) && Number(value) >= low && Number(value) <= high;
}

/**
 * Problems the phone can see before sending: required fields, counts that are not whole numbers, a time before
 * the encounter started (said with the Start time the form shows; the time typed is kept for the employee to fix),
 * a start the employee gave that is still to come or older than the core allows, a time typed that did not
 * exist or happened twice (until one is chosen).
 */
export function localErrors(draft) {
  const errors = {};
  for (const [name, key] of Object.entries(missingFields(draft))) errors[name] = t(key);
  for (const name of COUNT_FIELDS) if (!countOk(draft.fields[name])) errors[name] = t('error.whole_number');
  for (const name of timesBeforeStart(draft)) errors[name] = t('error.before_start', { start: dateTime(draft.started_at) });
  const start = givenStartProblem(draft);
  if (start) errors.started_at = t(`error.start_${start}`, { days: FORM.given_start.oldest_days });
  // A time typed that is not one instant (the nights the clocks change): never sent, never moved.
  // Said as it is in the zone the phone is in now (screens read such times again there first: report.js retyped).
  for (const [name, typed] of Object.entries(draft.typed_times || {})) {
    const problem = typedProblem(typed);
    if (problem) errors[name] = t(problem === 'missing' ? 'time.missing' : 'time.twice');
  }
  return errors;
}

/** Every string inside a marshmallow error value (lists, nested objects for list items). */
function messages(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(messages);
  if (value && typeof value === 'object') return Object.values(value).flatMap(messages);
  return [];
}

const FORM_FIELDS = new Set(SECTIONS.flatMap(([, names]) => names));

/**
 * A field's label for a line of reasons: the catalog's, else none (a key the form has no label for), joined to
 * the reason as the language joins a label (`app.label_joiner`: "：" in Chinese).
 */
function labelled(field, text) {
  const label = t(`field.${field}`);
  return label === `field.${field}` ? text : `${label}${t('app.label_joiner')}${text}`;
}

/**
 * The server's reasons for a rejection: {fields: {name: text}, general: [text]}, each in the phone's
 * words where `codes` (the result's `error_codes`) gives one it has words for (src/refusals.js), else
 * the server's English. Field errors sit under errors.body.<field>; anything else (the envelope, the
 * steps) is general. `kind` is the refused item's (encounter, alert, answer): "too large" is said for it.
 */
export function serverErrors(errors, codes, kind = 'encounter') {
  const fields = {};
  const general = [];
  for (const [key, value] of Object.entries(refusedErrors(errors, codes, t) || {})) {
    if (key === 'body' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [field, detail] of Object.entries(value)) {
        if (FORM_FIELDS.has(field)) fields[field] = messages(detail).join(' ');
        else general.push(labelled(field, messages(detail).join(' ')));
      }
    } else if (key === '_item' && messages(value).includes('too_large')) {
      general.push(tooLargeText(kind, t) ?? messages(value).join(' ')); // words not loaded: as recorded
    } else {
      general.push(messages(value).join(' '));
    }
  }
  return { fields, general };
}

/**
 * An outbox record's refusal as lines of words (an alert's or an answer's; a report's card lists its fields
 * itself): each field's reason, labelled, and the general ones; else its generic line, when it has one.
 */
export function refusalLines(record) {
  const { fields, general } = serverErrors(record.errors, record.error_codes, record.kind);
  const lines = [...Object.entries(fields).map(([name, text]) => labelled(name, text)), ...general];
  const generic = itemErrorText(record, t);
  return lines.length || !generic ? lines : [generic];
}

/** A draft with one field's server error removed (the user has changed that field). */
export function clearServerError(draft, name) {
  if (draft.rejected_sensitive?.some((x) => x.field === name)) {
    draft = { ...draft, rejected_sensitive: draft.rejected_sensitive.filter((x) => x.field !== name) };
  }
  const body = draft.rejected_errors?.body;
  if (!body || !(name in body)) return draft;
  const { [name]: dropped, ...rest } = body;
  return { ...draft, rejected_errors: { ...draft.rejected_errors, body: rest } };
}

/** A field's value in words, for the review. */
export function displayValue(name, draft, sites) {
  const f = draft.fields;
  const kind = kindOf(name);
  const none = t('review.empty');
  if (kind === 'yesno') return f[name] === true ? t('answer.yes') : f[name] === false ? t('answer.no') : t('answer.unknown');
  if (kind === 'count' || kind === 'text') {
    const value = f[name];
    if (value === '' || value == null) return none;
    // A count in the language's digits (۱۲ in Farsi); as typed when it is not a whole number (the form says why).
    return kind === 'count' && /^\d+$/.test(value) ? formatNumber(value) : String(value);
  }
  if (name === 'site') return f.site ? (sites.get(f.site)?.name || f.site) : none;
  if (name === 'area_type') return f.area_type ? t(`area.${f.area_type}`) : none;
  if (name === 'document_type') return f.document_type ? t(`doc.${f.document_type}`) : none;
  if (name === 'outcome') return f.outcome ? t(`outcome.${f.outcome}`) : none;
  if (name === 'agencies') return f.agencies.length ? f.agencies.map((v) => t(`agency.${v}`)).join(', ') : none;
  if (name === 'requested') return f.requested.length ? f.requested.map((v) => t(`request.${v}`)).join(', ') : none;
  if (name in LABELS) {
    const values = [f[name] || []].flat();
    return values.length ? values.map((v) => t(`${LABELS[name][0]}.${v}`)).join(', ') : none;
  }
  if (draft.typed_times?.[name]) return draft.typed_times[name].replace('T', ' '); // as typed: not yet one time
  if (name === 'started_at') return dateTime(draft.started_at);
  if (name === 'ended_at') return draft.ended_at ? dateTime(draft.ended_at) : t('review.empty');
  if (name === 'liaison_notified_at') return f.liaison_notified_at ? dateTime(f.liaison_notified_at) : t('review.not_yet');
  if (name === 'photos') return draft.photos?.length ? plural('review.photos', draft.photos.length) : t('photos.none');
  if (name === 'location') return draft.location ? t('location.attached', locationParams(draft.location)) : t('location.none');
  return none;
}

/** Placeholders for the location sentence. */
export function locationParams(location) {
  return { lat: location.lat.toFixed(5), lon: location.lon.toFixed(5), accuracy: Math.round(location.accuracy_m ?? 0) };
}

/** The server's spans of a field (body text was trimmed: shift to the draft's text), while still valid. */
function serverSpans(draft, name, text) {
  const lead = [...text].length - [...text.trimStart()].length;
  const size = [...text].length;
  return (draft.rejected_sensitive || []).filter((s) => s.field === name)
    .map((s) => ({ start: s.start + lead, end: s.end + lead, kind: s.kind, server: true }))
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= size);
}

/**
 * The spans the employee must act on in a text field before submit: what the server would
 * refuse, names the field allows but not yet kept, and what the server refused last time.
 */
export function fieldSpans(draft, name) {
  const text = draft.fields[name] || '';
  if (!text) return [];
  const local = spansLeft(text, name, draft.kept_spans?.[name]);
  const server = serverSpans(draft, name, text).filter((s) => !local.some((l) => l.start < s.end && s.start < l.end));
  return [...local, ...server].sort((a, b) => a.start - b.start);
}

/** Every text field of a draft with spans left: {name: spans}. */
export function draftSpans(draft) {
  const out = {};
  for (const name of Object.keys(TEXT_FIELDS)) {
    const spans = fieldSpans(draft, name);
    if (spans.length) out[name] = spans;
  }
  return out;
}

/** The draft with one span removed from a field's text (the caller saves it at once). */
export function withoutSpan(draft, name, span) {
  return { ...draft, fields: { ...draft.fields, [name]: removeSpan(draft.fields[name] || '', span) } };
}

/** The draft with an allowed span kept as an agent's (or staff member's) name; refused kinds cannot be kept. */
export function keepingSpan(draft, name, span) {
  if (!span.allowed) return draft;
  const kept = { ...(draft.kept_spans || {}), [name]: keptWith(draft.kept_spans?.[name], draft.fields[name] || '', span) };
  return { ...draft, kept_spans: kept };
}
