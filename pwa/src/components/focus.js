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

/** What makes a control the same one after a re-draw: lit reuses a list's nodes, so a node can take another's part. */
const identity = (control) => [control.id, control.getAttribute('name'), control.getAttribute('value'), control.textContent].join('\u0000');

/**
 * Keep focus through an action that re-draws the screen. The desk disables a control while its request is
 * out, and a focused control that is disabled drops focus on <body>. Call before the action; call what it
 * returns once the answer is drawn: focus goes back to the control used if it is still there (the same
 * words, name and value), else to `fallback` (an element, a selector, or a function giving one: the line that
 * says what happened, focusable with tabindex="-1"). Focus the user put elsewhere meanwhile stays where it is.
 */
export function keepFocus(root, fallback) {
  const control = root.contains(document.activeElement) ? document.activeElement : null;
  const was = control && identity(control);
  return () => {
    if (!control) return;
    const same = control.isConnected && !control.disabled && identity(control) === was;
    const other = typeof fallback === 'function' ? fallback() : fallback;
    const target = same ? control : typeof other === 'string' ? document.querySelector(other) : other;
    refocus(target);
    // The line that says what happened may be off screen (focus does not scroll, so the page does not jump).
    if (!same && document.activeElement === target) target.scrollIntoView?.({ block: 'nearest' });
  };
}
