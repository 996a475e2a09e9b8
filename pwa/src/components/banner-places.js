/**
 * Where a banner that arrives on its own shows (src/shell.js), so it never moves what is on screen: a
 * button sliding from under a thumb mid-tap is a wrong tap. Above the screen ('flow') only from a screen
 * change on, when everything is drawn anew anyway; a banner arriving while a screen is up floats over its
 * bottom ('float') until the next screen change. Pure: the shell owns the page.
 */
export const BANNERS = ['unsaved', 'offline', 'ready', 'update', 'auth'];

/**
 * The next places ({kind: 'flow' | 'float'}) of the banners in `visible` (kinds, in any order), given the
 * current places: each keeps its place; a new one floats, or takes its place in the flow at a screen change,
 * where every floating one moves into the flow too.
 */
export function placeBanners(places, visible, { screenChanged = false } = {}) {
  const next = {};
  for (const kind of BANNERS.filter((k) => visible.includes(k))) {
    next[kind] = screenChanged ? 'flow' : places[kind] ?? 'float';
  }
  return next;
}
