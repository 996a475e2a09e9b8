/** Placeholder for the guide screen (to be written). */
import { html, render } from 'lit-html';

/** Render the screen. */
export async function show(root, params, app) {
  render(html`<h1>guide</h1>`, root);
}
