/** Placeholder for the review screen (to be written). */
import { html, render } from 'lit-html';

/** Render the screen. */
export async function show(root, params, app) {
  render(html`<h1>review</h1>`, root);
}
