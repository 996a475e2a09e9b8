/** Placeholder for the signin screen (to be written). */
import { html, render } from 'lit-html';

/** Render the screen. */
export async function show(root, params, app) {
  render(html`<h1>signin</h1>`, root);
}
