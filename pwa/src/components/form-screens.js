/**
 * The report form's screens as plain logic (no DOM): which screen opens, which comes next, how
 * much of each is answered, and which errors a screen shows. The screens and their fields come
 * from the core (encounter/form.py through report-fields.js). Unit tests: tests/js/form-screens.test.js.
 */
import { REQUIRED, SECTIONS, SHORT, sectionOf } from './report-fields.js';

/** Every screen's id, the short one first. */
export const SCREENS = SECTIONS.map(([id]) => id);

/**
 * The screen to open: the one the route names, else the screen of a field asked for (the review's
 * "fix this" links, the checklist's "Add photos"), else where the draft was left, else the short one.
 */
export function screenFor(draft, routeSection, requested) {
  if (SCREENS.includes(routeSection)) return routeSection;
  if (requested) return sectionOf(requested);
  if (SCREENS.includes(draft.section)) return draft.section;
  return SHORT;
}

/** The screen after `id` (undefined after the last one). */
export function nextScreen(id) {
  return SCREENS[SCREENS.indexOf(id) + 1];
}

/** The fields shown on screen `id`. */
export function fieldsOf(id) {
  return (SECTIONS.find(([name]) => name === id) || [id, []])[1];
}

/** Whether a field of the form holds an answer (yes, no, a count, a choice, text, a photo). */
export function answered(name, draft) {
  if (name === 'ended_at') return Boolean(draft.ended_at);
  if (name === 'started_at') return Boolean(draft.start_given); // the tap is the phone's, not an answer
  if (name === 'photos') return Boolean(draft.photos?.length);
  if (name === 'location') return Boolean(draft.location);
  const value = draft.fields[name];
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== undefined && value !== '';
}

/** How much of screen `id` is answered: {count, total}. */
export function progressOf(id, draft) {
  const names = fieldsOf(id);
  return { count: names.filter((name) => answered(name, draft)).length, total: names.length };
}

/**
 * The errors a screen shows, by field: the server's reasons; what the phone finds wrong with what
 * was typed (a count that is not a whole number) at once; a required field's "Required" only once
 * it has been left empty (`left`, the fields the user has been in) or the user tried to submit (`showAll`).
 */
export function shownErrors({ server = {}, local = {}, left = new Set(), showAll = false }) {
  const errors = { ...server };
  for (const [name, text] of Object.entries(local)) {
    if (!REQUIRED.has(name) || showAll || left.has(name)) errors[name] = text;
  }
  return errors;
}

/** The required fields still missing on screen `id`, in screen order. */
export function missingOn(id, local) {
  return fieldsOf(id).filter((name) => REQUIRED.has(name) && name in local);
}
