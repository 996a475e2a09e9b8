/** Placeholder for the report-form screen (to be written). */
import { html, render } from 'lit-html';

/** Render the screen. */
export async function show(root, params, app) {
  render(html`<h1>report-form</h1>`, root);
}
