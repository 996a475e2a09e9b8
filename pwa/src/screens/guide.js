/** The warrant guide: judicial warrant vs ICE forms I-200/I-205 and I-138. Text from the catalogs. */
import { html, render } from 'lit-html';
import { setTitle } from '../components/format.js';
import { CATALOGS } from '../i18n.js';

// Where the user came from (a checklist step, usually), so "Back" returns there. Registered at
// import time, before the router's own listener, so it is current when the guide is shown.
let previous = null;
window.addEventListener('hashchange', (event) => {
  const from = new URL(event.oldURL).hash;
  if (!from.startsWith('#/guide')) previous = from;
});

const SECTIONS = [
  ['judicial', ['guide.judicial.1', 'guide.judicial.2'], 'allows'],
  ['administrative', ['guide.administrative.1', 'guide.administrative.2'], 'denies'],
  ['subpoena', ['guide.subpoena.1', 'guide.subpoena.2'], 'denies'],
  ['unsure', ['guide.unsure.1'], ''],
];

/**
 * The words to say to agents: every language's text quotes the English sentence (the English catalog's), which
 * is marked as English so a screen reader says it as agents will hear it.
 */
function sayPhrase(t) {
  const phrase = t('guide.say.phrase');
  const english = CATALOGS.en['guide.say.phrase'].replace(/^"|"$/g, '');
  const at = phrase.indexOf(english);
  if (at < 0) return phrase;
  return html`${phrase.slice(0, at)}<span lang="en">${english}</span>${phrase.slice(at + english.length)}`;
}

/** Render the guide. */
export async function show(root, params, app) {
  const { t } = app;
  setTitle(t('guide.title'), root);
  const back = previous && !previous.startsWith('#/signin') ? previous : '#/';
  render(html`
    <h1>${t('guide.title')}</h1>
    <p class="key-point">${t('guide.counsel')}</p>
    ${SECTIONS.map(([key, texts, kind]) => html`
      <section class="guide-card ${kind}" aria-labelledby="guide-${key}">
        <h2 id="guide-${key}">${t(`guide.${key}.title`)}</h2>
        ${texts.map((k) => html`<p>${t(k)}</p>`)}
      </section>`)}
    <section class="guide-card" aria-labelledby="guide-say">
      <h2 id="guide-say">${t('guide.say.title')}</h2>
      <p class="say">${sayPhrase(t)}</p>
      <p>${t('guide.say.1')}</p>
    </section>
    <p class="key-point">${t('guide.counsel')}</p>
    <button type="button" class="button" @click=${() => app.navigate(back)}>${t('action.back')}</button>`, root);
  return () => {};
}
