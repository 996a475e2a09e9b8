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
// Keys that say one thing together: the start, whether the employee gave it, and the tap it replaced (src/report.js
// withStart). Taken all from this tab when it changed any of them, else all as stored: one tab giving a start while
// the other cleared it must not leave a given time said to be the tap.
const TOGETHER = [['started_at', 'start_given', 'tapped_at']];
// Times typed that are not one instant yet, by field: merged one field at a time, as the fields are.
const TYPED = 'typed_times';

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
    const grouped = TOGETHER.flat();
    out = takeUnchanged({ ...draft }, base, stored, draft, new Set([...PLACE, ...BY_ENTRY, ...grouped, 'photos', TYPED]));
    for (const key of BY_ENTRY) {
      if (isMap(base[key]) && isMap(stored[key]) && isMap(draft[key])) {
        out[key] = takeUnchanged({ ...draft[key] }, base[key], stored[key], draft[key]);
      }
    }
    for (const keys of TOGETHER) {
      const changed = (copy) => keys.some((key) => !same(copy[key], base[key]));
      if (!changed(draft) && changed(stored)) {
        for (const key of keys) {
          if (stored[key] === undefined) delete out[key];
          else out[key] = stored[key];
        }
      }
    }
    // Absent is none here (src/report.js withTyped drops the key): taken whole, one tab typing a time took back
    // the time the other had typed in another field, and the report went with the instant it had replaced.
    const typed = takeUnchanged({ ...draft[TYPED] }, base[TYPED] || {}, stored[TYPED] || {}, draft[TYPED] || {});
    if (Object.keys(typed).length) out[TYPED] = typed;
    else delete out[TYPED];
    out = withPhotos(out, base.photos || [], stored.photos || [], draft.photos || []);
  }
  return stored?.alert && !out.alert ? { ...out, alert: stored.alert } : out;
}

/**
 * The photos one by one (by their SHA-256): this tab's list, less those the other tab removed (their pictures
 * are already gone from the phone), plus those it added. A list taken whole kept a removed photo whose picture
 * was deleted, and the report then waited on a photo that no longer existed.
 */
function withPhotos(out, base, stored, draft) {
  const key = (photo) => photo.sha256;
  const inBase = new Set(base.map(key));
  const inStored = new Set(stored.map(key));
  const inDraft = new Set(draft.map(key));
  const photos = [...draft.filter((p) => inStored.has(key(p)) || !inBase.has(key(p))),
    ...stored.filter((p) => !inBase.has(key(p)) && !inDraft.has(key(p)))];
  return same(photos, draft) ? out : { ...out, photos };
}
