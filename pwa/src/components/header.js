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
      <a class="brand" href="#/">${t('app.name')}</a>
      <div class="lang-switch">
        <select class="lang-select" aria-label=${t('settings.language')} @change=${(e) => app.switchLanguage(e.target.value)}>
          ${LANGUAGES.map((l) => html`<option value=${l.code} lang=${l.code} ?selected=${l.code === current}>${l.name}</option>`)}
        </select>
      </div>
    </div>
    <nav aria-label=${t('nav.label')}>
      <ul class="nav-list">
        ${navLinks(role).map(([href, key, isCurrent]) => html`
          <li><a href=${href} aria-current=${isCurrent(hash) ? 'page' : 'false'}>${t(key)}</a></li>`)}
      </ul>
    </nav>`;
}

/** Render the header into root and keep it current. */
export function startHeader(root, app) {
  // The role decides the links (and a desk layout); it changes only on sign-in and sign-out.
  const draw = async () => {
    role = (await session())?.user?.role || null;
    document.body.classList.toggle('desk', isDeskRole(role));
    render(view(app), root);
  };
  window.addEventListener('hashchange', draw);
  app.on((event) => {
    if (['language', 'route', 'signed-in', 'signed-out'].includes(event.type)) draw();
  });
  draw();
}
