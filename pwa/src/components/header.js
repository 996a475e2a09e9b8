/**
 * The header on every screen: app name, navigation and the language switch. It lives
 * outside the screens so it stays put while they change, and re-renders on route and
 * language changes. The picker names each language in its own script.
 */
import { html, render } from 'lit-html';
import { session } from '../api.js';
import { LANGUAGES } from '../i18n.js';
import { isDeskRole, navLinks } from '../roles.js';

let role = null;
let root = null;
// Whether the desk's chunk is in, and with it the words of the links to desk screens (src/desk/messages/).
let deskWords = false;
// On a narrow screen with large text the links and the language picker fold behind a Menu button (styles.css).
let open = false;

/** Move focus to the current screen's heading (the skip link: an in-page #anchor would change the route). */
function skipToContent(event) {
  event.preventDefault();
  const heading = document.querySelector('#app h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

function view(app) {
  const { t } = app;
  const hash = window.location.hash;
  const current = app.language();
  return html`
    <a class="skip-link" href="#/" @click=${skipToContent}>${t('nav.skip')}</a>
    <div class="header-top">
      <a class="brand" href="#/"><img class="brand-icon" src="/icons/icon.svg" alt="" width="32" height="32"><span
        class="brand-text">${t('app.name')}</span></a>
      <button type="button" class="menu-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="header-menu"
        @click=${() => { open = !open; root.classList.toggle('menu-open', open); render(view(app), root); }}>${t('nav.menu')}</button>
      <div class="lang-switch">
        <select class="lang-select" aria-label=${t('settings.language')} @change=${(e) => app.switchLanguage(e.target.value)}>
          ${LANGUAGES.map((l) => html`<option value=${l.code} lang=${l.code} ?selected=${l.code === current}>${l.name}</option>`)}
        </select>
      </div>
    </div>
    <nav aria-label=${t('nav.label')} id="header-menu">
      <ul class="nav-list">
        ${navLinks(role).filter(([href, key]) => (deskWords || !href.startsWith('#/desk/')) && t(key) !== key)
          .map(([href, key, isCurrent]) => html`
          <li><a href=${href} aria-current=${isCurrent(hash) ? 'page' : 'false'}>${t(key)}</a></li>`)}
      </ul>
    </nav>`;
}

/** Render the header into root and keep it current. */
export function startHeader(element, app) {
  root = element;
  // The role decides the links (and a desk layout); it changes only on sign-in and sign-out.
  const draw = async () => {
    role = (await session())?.user?.role || null;
    open = false;
    root.classList.toggle('menu-open', false);
    document.body.classList.toggle('desk', isDeskRole(role));
    render(view(app), root);
    // A desk role's links to desk screens are named in the desk's catalogs (src/desk/messages/): added once the
    // desk's chunk (which brings them, in the current language) is in, never as a raw key or in English first. The
    // rest of the header is drawn at once: on a slow or hanging network it never waits for that chunk, and offline
    // without it the links to the phone's own screens (a liaison's Report an encounter) and the language stay.
    if (isDeskRole(role) && !deskWords) {
      await import('../desk/desk.js').then(() => { deskWords = true; }, () => {});
      if (deskWords && root.isConnected) render(view(app), root);
    }
  };
  window.addEventListener('hashchange', draw);
  app.on((event) => {
    if (['language', 'route', 'signed-in', 'signed-out'].includes(event.type)) draw();
  });
  draw();
}
