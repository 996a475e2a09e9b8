/**
 * A filter changed on the screen shown (a search, a period, a department, a grouping, a quarter) is the same screen
 * with other figures, not a new one. The screen goes there with `app.navigate(hash, true)`: the router
 * (src/router.js) then leaves focus on the control used and the page where it was, instead of focusing the heading
 * at the top, and the screen says what it now shows in its polite live region. The screen is drawn again over its
 * own DOM (src/frame.js), so the control keeps focus only while it stays in the page: a control drawn only once
 * the figures are in would be gone while they load, and the router would give the heading the focus.
 *
 * Such a show draws nothing until its figures or rows are all in, then draws them at once over what the page
 * shows: drawing as each answer came first emptied the tables to "Loading…", the page shrank under the reader,
 * the browser scrolled it to its top, and the place they were reading was lost (the aggregate report drew once
 * already; analytics and the queue hold their draws while `refined`).
 */
import { html } from 'lit-html';

/**
 * Whether this show follows such a change: the focus is still on one of the screen's filter controls
 * (`controls`, a selector) inside `root`. Read it before the screen draws.
 */
export function refining(root, controls) {
  const active = document.activeElement;
  return Boolean(active?.closest(controls)) && root.contains(active);
}

/**
 * A pause between drawing the live region empty and putting the new words in it: a screen reader reads a live
 * region when its words change, so a summary the same as the last one (a grouping changed, the same count) would
 * otherwise say nothing.
 */
const cleared = () => new Promise((resolve) => { setTimeout(resolve, 50); });

/**
 * A show's last step, once its figures are all in: `draw()` them (the live region still empty), and when `refined`
 * (evaluated by the caller after its loads: a refused show says nothing), wait `cleared`, let `say()` put the
 * summary in the state the region is drawn from, and draw again.
 */
export async function drawThenSay(refined, draw, say) {
  draw();
  if (!refined) return;
  await cleared();
  say();
  draw();
}

/** The screen's polite live region: always in the page, so words put in it later are read out. */
export function announcement(text) {
  return html`<p class="liaison-sr" role="status" aria-live="polite">${text}</p>`;
}
