/**
 * A screen's frame: the root a screen's `show(root, params, app)` is handed (src/router.js opens one per show).
 *
 * While its show is the latest, the frame is the app's root element itself: a screen shown again (the
 * language switched, the same route asked for again) renders over its own DOM, as lit-html keeps its parts
 * on the element, so typed text, focus and scroll stay where the user left them. Once another show begins,
 * the frame stands for a detached element instead: the screen left, wherever it was still awaiting
 * (departments, its rows, a second fetch, a poll tick, a live event), draws nothing the user sees, and
 * `root.isConnected` tells it (and setTitle) so.
 *
 * Why a Proxy rather than a new element per show: a screen keeps the one reference it was given for its
 * whole life, so only that reference can be turned away from the page, and a new element per show would
 * rebuild the screen's DOM on every re-show. Methods are called on the element itself (DOM methods refuse a
 * Proxy as `this`); the frame must not be handed to DOM methods as an argument (use an element inside it).
 */
export function openFrame(root) {
  let target = root;
  const view = new Proxy(root, {
    get(_, key) {
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(target, key, value, target),
    has: (_, key) => Reflect.has(target, key),
    deleteProperty: (_, key) => Reflect.deleteProperty(target, key),
  });
  return {
    view,
    /** Another show began: from now on this frame draws into an element that is not on the page. */
    leave() {
      target = document.createElement('div');
    },
  };
}
