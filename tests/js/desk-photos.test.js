/**
 * A report's photos on the desk (pwa/src/desk/components/liaison-photos.js): the open report is read again while
 * it is shown, and each read hands the loader the photos as the server now says they are. A photo said missing is
 * fetched once it arrived, one whose fetch failed is tried again, and one shown or removed is never fetched twice.
 */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { photoKeys, photoLoader } from '../../pwa/src/desk/components/liaison-photos.js';
import { SHA, answer, signIn } from './support.js';

const image = () => new Response(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
  { status: 200, headers: { 'Content-Type': 'image/png' } });

/** A fake server for /blobs: answers with `reply()` and counts what was asked. */
function server(reply) {
  const asked = [];
  globalThis.fetch = async (url) => { asked.push(String(url)); return reply(); };
  return asked;
}

/** Wait until `loader` says something other than 'loading' for the photo. */
async function settled(loader, sha = SHA) {
  for (let i = 0; i < 100 && loader.urls.get(sha) === 'loading'; i += 1) await new Promise((r) => setTimeout(r, 5));
  return loader.urls.get(sha);
}

test('a photo said missing is not asked for, and is fetched once a later read says it arrived', async () => {
  await signIn();
  const asked = server(image);
  const loader = photoLoader(() => {});
  loader.load([{ sha256: SHA, uploaded: false }]);
  loader.load([{ sha256: SHA, uploaded: false }]); // read again: still not arrived
  assert.equal(loader.urls.get(SHA), 'missing');
  assert.equal(asked.length, 0);

  loader.load([{ sha256: SHA, uploaded: true }]);
  assert.match(await settled(loader), /^blob:/);
  loader.load([{ sha256: SHA, uploaded: true }]); // shown: never fetched twice
  assert.equal(asked.length, 1);
  loader.revoke();
});

test('a photo whose fetch failed is tried again at the next read; a removed one is not', async () => {
  await signIn();
  let down = true;
  const asked = server(() => (down ? answer(503, { code: 503, message: 'down' }) : image()));
  const loader = photoLoader(() => {});
  loader.load([{ sha256: SHA, uploaded: true }]);
  assert.equal(await settled(loader), 'failed');
  down = false;
  loader.load([{ sha256: SHA, uploaded: true }]);
  assert.match(await settled(loader), /^blob:/);
  assert.equal(asked.length, 2);
  loader.revoke();

  const gone = 'b'.repeat(64);
  const removed = server(() => answer(410, { code: 410, message: 'removed' }));
  const other = photoLoader(() => {});
  other.load([{ sha256: gone, uploaded: true }]);
  assert.equal(await settled(other, gone), 'removed');
  other.load([{ sha256: gone, uploaded: true }]);
  assert.equal(removed.length, 1);
  other.revoke();
});

test('a photo that keeps failing is asked for three times in all, not at every read', async () => {
  await signIn();
  const asked = server(() => answer(503, { code: 503, message: 'down' }));
  const loader = photoLoader(() => {});
  for (let read = 0; read < 6; read += 1) {
    loader.load([{ sha256: SHA, uploaded: true }]);
    assert.equal(await settled(loader), 'failed');
  }
  assert.equal(asked.length, 3);
  loader.revoke();
});

test('a photo listed twice in a report gets a key of its own each time, so the keyed list draws both', () => {
  const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
  const keys = photoKeys([{ sha256: a }, { sha256: b }, { sha256: a }]);
  assert.equal(new Set(keys).size, 3);
  assert.deepEqual(photoKeys([{ sha256: a }, { sha256: b }]), keys.slice(0, 2), 'the first of each keeps its key');
});
