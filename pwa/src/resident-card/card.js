/**
 * The card for residents' screen (BRIEF: "resident-facing resource cards in the City's wider set"; the checklist's
 * "hand out resource cards"): the employee picks the resident's language and shows the phone. The card says what
 * the City does not do and gives the department's help line for residents, in any language of the City's wider
 * set, offline too.
 *
 * This module and its texts are one chunk out of the phone's first load (pwa/build.mjs `lang-card-all`), kept for
 * offline use once signed in (src/i18n.js). It imports nothing: lit-html's `html` and `render` come from the
 * caller (src/screens/resident-card.js), so the chunk carries no second copy of them.
 *
 * Nothing is recorded: the chosen language is a hint of a resident's origin, which the City must never hold, so
 * it lives only in this screen's memory (not in a draft, the report, storage or a request).
 */
import TEXTS, { UI } from './texts.js';

export { TEXTS, UI };

/** The card's language to show first: the employee's own when the card has it, else English. Pure, for tests. */
export function firstLanguage(texts, appLanguage) {
  return texts[appLanguage] ? appLanguage : 'en';
}

/**
 * One card, in the language `code`: lit-html's `html`, the help line `tel` (E.164) or null, `number(tel)` it as
 * people read it. The phone shows one at a time; the desk prints them all (src/desk/screens/resident-cards.js), on
 * paper, where "take a photo of this screen" has no screen to speak of (`paper`).
 */
export function cardView(html, code, tel, number, id = 'resident-card-h', paper = false) {
  const words = TEXTS[code];
  return html`<section class="resident-card" lang=${code} dir=${words.dir || 'ltr'} aria-labelledby=${id} tabindex="-1">
    <h2 id=${id}>${words.title}</h2>
    <p>${words.who}</p>
    <p>${words.nothing_kept}</p>
    ${tel ? html`<p>${words.help}</p>
      <p class="resident-number"><a href=${`tel:${tel}`}><bdi dir="ltr">${number(tel)}</bdi></a></p>`
    : html`<p>${words.no_number}</p>`}
    ${paper ? '' : html`<p class="note">${words.photo}</p>`}
  </section>`;
}

/**
 * Draw the screen into `root`. `tel`: the help line (E.164) or null; `number(tel)`: it as people read it;
 * `t`: the app's words (the title, Back); `language`: the app's language; `back`: leave the screen.
 */
export function show(root, { html, render, t, language, tel, number, back }) {
  const ui = UI[language] || UI.en;
  let code = firstLanguage(TEXTS, language);

  const choose = (next) => {
    code = next;
    draw();
    root.querySelector('.resident-card').focus();
  };

  function draw() {
    render(html`
      <h1>${t('card.title')}</h1>
      <p class="note">${ui.intro}</p>
      <div role="group" aria-labelledby="card-languages-h">
        <h2 id="card-languages-h" class="label">${ui.language}</h2>
        <ul class="card-languages">${Object.entries(TEXTS).map(([key, words]) => html`
          <li><button type="button" class="button" lang=${key} dir=${words.dir || 'ltr'}
            aria-pressed=${key === code ? 'true' : 'false'} @click=${() => choose(key)}>${words.name}</button></li>`)}</ul>
      </div>
      ${cardView(html, code, tel, number)}
      <button type="button" class="button" @click=${back}>${t('action.back')}</button>`, root);
  }
  draw();
}
