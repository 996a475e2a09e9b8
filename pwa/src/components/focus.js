/**
 * Where focus goes when the control that had it leaves the page (a Dismiss, "Got it", "Remove photo"):
 * the browser drops it on <body>, and the next Tab or swipe starts again from the top of the page.
 */

/** If focus fell to the page itself, put it on `target` (an element, or a selector for one), without scrolling. */
export function refocus(target) {
  if (document.activeElement !== document.body && document.activeElement !== null) return;
  const element = typeof target === 'string' ? document.querySelector(target) : target;
  element?.focus({ preventScroll: true });
}
