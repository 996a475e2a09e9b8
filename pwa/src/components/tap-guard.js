/**
 * Ignore taps for a moment after a screen appears (issue 11): a second tap meant for the previous
 * step's "Done" lands on the next step's buttons, which have taken the same place. Pure, clock given.
 */
export const GUARD_MS = 400;

/** A guard opened at `shownAt` (ms): `accepts(now)` is false until `ms` have passed. */
export function tapGuard(shownAt, ms = GUARD_MS) {
  return { accepts: (now) => now - shownAt >= ms };
}
