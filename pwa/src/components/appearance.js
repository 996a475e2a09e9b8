/**
 * Colours and text size (Settings). The theme follows the phone unless the user picks one;
 * both are stored on the phone and put on <html> as data-theme / data-text-size, which
 * styles.css reads. Applied before the first screen renders, so nothing flashes.
 */
import { getKv, setKv } from '../db.js';

export const THEMES = ['system', 'light', 'dark'];
export const TEXT_SIZES = ['normal', 'large', 'largest'];
const DARK = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
const current = { theme: 'system', textSize: 'normal' };

function apply() {
  const root = document.documentElement;
  const dark = current.theme === 'dark' || (current.theme === 'system' && DARK?.matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  if (current.textSize === 'normal') delete root.dataset.textSize;
  else root.dataset.textSize = current.textSize;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', dark ? '#0b2740' : '#0b3d6b');
}

/** Read the stored choices, apply them, and follow the phone's theme while set to 'system'. */
export async function restoreAppearance() {
  const [theme, textSize] = await Promise.all([getKv('theme'), getKv('text_size')]);
  if (THEMES.includes(theme)) current.theme = theme;
  if (TEXT_SIZES.includes(textSize)) current.textSize = textSize;
  DARK?.addEventListener?.('change', apply);
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
