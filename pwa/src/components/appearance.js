/**
 * Colours and text size (Settings). The theme follows the phone unless the user picks one;
 * both are stored on the phone and put on <html> as data-theme / data-text-size, which
 * styles.css reads. Applied before the first screen renders, so nothing flashes.
 *
 * The same goes for data-fold, the narrow-screen layout (the header folded behind "Menu", Start first):
 * set here, not by a media query, because a media query's em follows the browser's text size only,
 * and the app's own Text size must fold the header too (a 360 px phone at Largest is 18 root ems wide).
 */
import { getKv, setKv } from '../db.js';

export const THEMES = ['system', 'light', 'dark'];
export const TEXT_SIZES = ['normal', 'large', 'largest'];
const DARK = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
const current = { theme: 'system', textSize: 'normal' };
// Narrower than this many root ems (browser text size × app Text size), the screen takes the folded layout.
const FOLD_BELOW_EM = 22;

/** Put data-fold on <html> when the window is at most FOLD_BELOW_EM root ems wide (as `max-width: 22em` did). */
function fold() {
  const root = document.documentElement;
  const em = parseFloat(getComputedStyle(root).fontSize) || 16;
  root.toggleAttribute('data-fold', window.innerWidth <= FOLD_BELOW_EM * em);
}

function apply() {
  const root = document.documentElement;
  const dark = current.theme === 'dark' || (current.theme === 'system' && DARK?.matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  if (current.textSize === 'normal') delete root.dataset.textSize;
  else root.dataset.textSize = current.textSize;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', dark ? '#0b2740' : '#0b3d6b');
  fold();
}

/** Read the stored choices, apply them, and follow the phone's theme while set to 'system'. */
export async function restoreAppearance() {
  const [theme, textSize] = await Promise.all([getKv('theme'), getKv('text_size')]);
  if (THEMES.includes(theme)) current.theme = theme;
  if (TEXT_SIZES.includes(textSize)) current.textSize = textSize;
  DARK?.addEventListener?.('change', apply);
  window.addEventListener('resize', fold); // turned, zoomed, or the browser's text size changed
  apply();
}

/** The current choices: {theme, textSize}. */
export function appearance() {
  return { ...current };
}

/** Change and remember the theme or the text size. */
export async function setAppearance({ theme, textSize }) {
  if (THEMES.includes(theme)) current.theme = theme;
  if (TEXT_SIZES.includes(textSize)) current.textSize = textSize;
  apply(); // at once; storing it may take a moment
  if (THEMES.includes(theme)) await setKv('theme', theme);
  if (TEXT_SIZES.includes(textSize)) await setKv('text_size', textSize);
}
