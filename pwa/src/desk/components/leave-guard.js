/**
 * Asks before a screen with half-written text is left: a note, question or reason typed at the desk
 * lives only in its field until sent, and leaving the screen draws the next one over it.
 *
 * Routes are hash links, and a hashchange cannot be cancelled once it fires, so the guard catches the
 * click on an in-app link (Back, the desk's menu) before it navigates, and asks with the browser's own
 * confirm dialog (modal, keyboard- and screen-reader-operable). Reloading or closing the tab gets the
 * browser's "leave site?" prompt. The browser's Back button is not caught.
 */

/**
 * Guard leaving while `unsent()` answers true; `question` is the confirm text. Returns the function that
 * removes the guard (a screen calls it when it stops).
 */
export function guardLeaving(unsent, question) {
  const onClick = (event) => {
    // A route is `#/…`; a link to a place on the page (an editor's problem list: `#s3-text-es`) or the skip link
    // moves focus without leaving, and is never asked about.
    const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]:not(.skip-link)') : null;
    if (!link || event.defaultPrevented || link.getAttribute('href') === window.location.hash || !unsent()) return;
    if (!window.confirm(question())) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  const onUnload = (event) => {
    if (unsent()) event.preventDefault();
  };
  document.addEventListener('click', onClick, true);
  window.addEventListener('beforeunload', onUnload);
  return () => {
    document.removeEventListener('click', onClick, true);
    window.removeEventListener('beforeunload', onUnload);
  };
}
