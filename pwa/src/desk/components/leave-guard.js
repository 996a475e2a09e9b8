/**
 * Asks before a screen with half-written text is left: a note, question or reason typed at the desk
 * lives only in its field until sent, and leaving the screen draws the next one over it.
 *
 * Routes are hash links, and a hashchange cannot be cancelled once it fires, so the guard catches the
 * click on an in-app link (Back, the desk's menu) before it navigates, and asks with the browser's own
 * confirm dialog (modal, keyboard- and screen-reader-operable). Reloading or closing the tab gets the
 * browser's "leave site?" prompt. The browser's Back button is caught only by a screen that asks with `{ back: true }`
 * and keeps its state across a re-show at its address (the checklist editor): the hash has changed by the time
 * anyone hears of it, so staying puts the screen's address back (one more history entry) and the screen is drawn
 * again from what it kept.
 */

/**
 * Guard leaving while `unsent()` answers true; `question` is the confirm text. Returns the function that
 * removes the guard (a screen calls it when it stops).
 */
export function guardLeaving(unsent, question, { back = false } = {}) {
  const here = window.location.hash;
  let agreed = false; // a link click the user already said yes to: its hashchange is not asked about twice
  const onClick = (event) => {
    // A route is `#/…`; a link to a place on the page (an editor's problem list: `#s3-text-es`) or the skip link
    // moves focus without leaving, and is never asked about.
    const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]:not(.skip-link)') : null;
    if (!link || event.defaultPrevented || link.getAttribute('href') === window.location.hash || !unsent()) return;
    if (!window.confirm(question())) {
      event.preventDefault();
      event.stopImmediatePropagation();
    } else {
      agreed = true;
    }
  };
  const onHashChange = () => {
    if (agreed || window.location.hash === here || !unsent()) return;
    if (!window.confirm(question())) window.location.hash = here;
    else agreed = true;
  };
  const onUnload = (event) => {
    if (unsent()) event.preventDefault();
  };
  document.addEventListener('click', onClick, true);
  window.addEventListener('beforeunload', onUnload);
  if (back) window.addEventListener('hashchange', onHashChange);
  return () => {
    document.removeEventListener('click', onClick, true);
    window.removeEventListener('beforeunload', onUnload);
    window.removeEventListener('hashchange', onHashChange);
  };
}
