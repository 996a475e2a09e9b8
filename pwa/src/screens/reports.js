/** Placeholder for the reports screen (to be written). */
import { html, render } from 'lit-html';

/** Render the screen. */
export async function show(root, params, app) {
  render(html`<h1>reports</h1>`, root);
}
