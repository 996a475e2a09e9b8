/**
 * Two tabs on one draft: what a save from this tab may write over what another tab stored meanwhile.
 *
 * A screen saves its whole copy of the draft, and that copy can be older than storage: another tab typed
 * in the notes, or raised "Agents here now", after this screen read it (src/router.js draws it again, but
 * a save can come first, such as a checklist screen noting the step it opened at). Written as it is, the
 * copy took back what the other tab had written, words included. So a save is merged, one answer or field
 * at a time, against `base`, the copy this tab last read or wrote: what this tab changed since is its own,
 * what it did not change is taken as stored. Where both tabs changed the same field the later save wins,
 * as it did before.
 */

// Where the employee is in the draft, not what it says: always this tab's own.
export const PLACE = new Set(['stage', 'step_index', 'section', 'show_errors', 'updated_at']);
// Maps merged one entry deeper: the report's fields, and the checklist's answers by step.
const BY_ENTRY = new Set(['fields', 'steps']);

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const isMap = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Take into `into` the entries of `stored` that `draft` left as they were in `base`. */
function takeUnchanged(into, base, stored, draft, skip = new Set()) {
  for (const key of new Set([...Object.keys(stored), ...Object.keys(draft)])) {
    if (skip.has(key) || !same(draft[key], base[key]) || same(stored[key], base[key])) continue;
    if (stored[key] === undefined) delete into[key];
    else into[key] = stored[key];
  }
  return into;
}

/**
 * The copy to store when this tab saves `draft` over `stored`, having last read or written `base`
 * (undefined: this tab never read it, and its copy is stored as it is). The alert's mark, once stored, is
 * never taken off: submitAlert (src/outbox.js) puts it on the stored draft alone, and no screen removes it.
 */
export function mergeDraft(base, stored, draft) {
  let out = draft;
  if (base && stored) {
    out = takeUnchanged({ ...draft }, base, stored, draft, new Set([...PLACE, ...BY_ENTRY]));
    for (const key of BY_ENTRY) {
      if (isMap(base[key]) && isMap(stored[key]) && isMap(draft[key])) {
        out[key] = takeUnchanged({ ...draft[key] }, base[key], stored[key], draft[key]);
      }
    }
  }
  return stored?.alert && !out.alert ? { ...out, alert: stored.alert } : out;
}
