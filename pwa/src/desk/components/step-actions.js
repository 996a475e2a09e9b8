/**
 * What a checklist step does in place on the phone (issue 11), as the trainer's editor sets it: whom its
 * buttons call (`call`) and what it records (`capture`, and for a note the report `field` it writes).
 *
 * Every choice comes from the core's vocabulary (rules/vocabulary.json, from encounter/vocabulary.py), in its
 * order: the server checks the same lists (server/checklists/content.py), so the editor offers nothing it
 * would refuse and nothing it accepts is left out. Pure, for tests.
 */
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };

export const CALL_TARGETS = vocabulary.call_targets;
export const STEP_CAPTURES = vocabulary.step_captures;
export const NOTE_FIELDS = vocabulary.note_fields;

/**
 * A step's call list with `who` ticked (`on`) or not, written in the vocabulary's order (the emergency number
 * first, as the phone shows it); undefined when nobody is left, since an empty list is refused. A name the
 * vocabulary does not have (a draft saved before it changed) stays, last, until the trainer unticks it: the
 * editor shows it and the server names it, nothing is dropped unseen.
 */
export function withCall(whoList, who, on) {
  const chosen = new Set(whoList || []);
  if (on) chosen.add(who);
  else chosen.delete(who);
  const next = [...CALL_TARGETS.filter((target) => chosen.has(target)), ...unknown(CALL_TARGETS, [...chosen])];
  return next.length ? next : undefined;
}

/** The values of `given` that `known` does not have, in their order (what the editor shows as not offered). */
export function unknown(known, given) {
  return (given || []).filter((value) => value && !known.includes(value));
}

/**
 * The step's in-place attributes with `capture` chosen ('' or null for none): a note keeps the field it
 * names (the trainer picks it next), anything else names no field, which the server would refuse.
 */
export function withCapture(step, capture) {
  const { capture: _c, field, ...rest } = step;
  if (!capture) return rest;
  return capture === 'note' ? { ...rest, capture, ...(field ? { field } : {}) } : { ...rest, capture };
}

/** The step's in-place attributes with the note's report field (`''` for none chosen yet). */
export function withField(step, field) {
  const { field: _f, ...rest } = step;
  return field ? { ...rest, field } : rest;
}
