/**
 * The card for residents: this loader is in the field chunk; the screen and its texts are a chunk of their own
 * (src/resident-card/card.js), out of the first load, kept for offline use once signed in with a signal.
 */
import { html, render } from 'lit-html';
import { setTitle } from '../components/format.js';
import { displayNumber, residentHelpLine } from '../contacts.js';
import { sitesByCode } from '../drafts.js';
import { residentCard } from '../i18n.js';

/** Render the card's screen, or say that the card is not on this phone yet (offline, never fetched). */
export async function show(root, params, app) {
  const { t } = app;
  setTitle(t('card.title'), root);
  const back = () => (history.length > 1 ? history.back() : app.navigate('#/'));
  let card;
  try {
    card = await residentCard();
  } catch {
    render(html`<h1>${t('card.title')}</h1><p class="warning-box" role="status">${t('card.unavailable')}</p>
      <button type="button" class="button" @click=${back}>${t('action.back')}</button>`, root);
    return () => {};
  }
  const tel = residentHelpLine([...(await sitesByCode()).values()]);
  card.show(root, { html, render, t, language: app.language(), tel, number: displayNumber, back });
  return () => {};
}
