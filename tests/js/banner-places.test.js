/** Where banners that arrive on their own show (components/banner-places.js): never moving what is on screen. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { placeBanners } from '../../pwa/src/components/banner-places.js';

describe('banner places', () => {
  test('a banner arriving while a screen is up floats; one that stays keeps its place', () => {
    const places = placeBanners({ offline: 'flow' }, ['offline', 'update']);
    assert.deepEqual(places, { offline: 'flow', update: 'float' });
  });

  test('at a screen change every banner shown takes its place above the screen, floating or new', () => {
    assert.deepEqual(placeBanners({ offline: 'float' }, ['offline', 'ready'], { screenChanged: true }),
      { offline: 'flow', ready: 'flow' });
  });

  test('a banner no longer shown has no place; the order is always offline, ready, update, sign-in', () => {
    const places = placeBanners({ offline: 'flow', auth: 'float' }, ['auth', 'update']);
    assert.deepEqual(Object.keys(places), ['update', 'auth']);
    assert.equal(places.offline, undefined);
  });
});
