/**
 * A report's photos on the desk: bytes fetched with the bearer token (an <img src> could not
 * send it) and shown through object URLs, revoked when the screen goes away.
 */
import { html } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { ApiError, call } from '../../api.js';

// Fetches of one photo, the first included: one that still fails (or is not found) is then left so until the report is opened again.
const RETRIES = 3;

/** Fetch each uploaded photo once; returns {urls: Map sha → url|'missing'|'failed', revoke()}. */
export function photoLoader(onChange) {
  const urls = new Map();
  const tries = new Map(); // sha → fetches asked, so a photo whose fetch keeps failing is not asked for every read
  let revoked = false;

  async function fetchOne(sha) {
    try {
      const url = URL.createObjectURL(await call(`/blobs/${sha}`, { as: 'blob', accept: 'image/*' }));
      if (revoked) URL.revokeObjectURL(url);
      return url;
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) return 'removed';
      return error instanceof ApiError && error.status === 404 ? 'missing' : 'failed';
    }
  }

  return {
    urls,
    /** Start fetching the photos not fetched yet. */
    load(photos) {
      for (const photo of photos || []) {
        // Fetched again: a photo said missing once the report says it arrived (the phone uploads photos after the
        // report, and the report screen reads the report again while open), and one whose fetch failed, a few times.
        const was = urls.get(photo.sha256);
        const fetched = tries.get(photo.sha256) || 0;
        const again = fetched < RETRIES && ((was === 'missing' && photo.uploaded === true) || was === 'failed');
        if (was && !again) continue;
        if (photo.uploaded === false) {
          urls.set(photo.sha256, 'missing');
          continue;
        }
        tries.set(photo.sha256, fetched + 1);
        urls.set(photo.sha256, 'loading');
        fetchOne(photo.sha256).then((url) => {
          if (revoked) return;
          urls.set(photo.sha256, url);
          onChange();
        });
      }
    },
    /** Free every object URL. */
    revoke() {
      revoked = true;
      for (const url of urls.values()) if (url.startsWith('blob:')) URL.revokeObjectURL(url);
    },
  };
}

/**
 * A key for each photo of a keyed list: its hash, and which time it comes (keys must be unique, and a report from
 * another client may list one photo twice).
 */
export function photoKeys(photos) {
  const times = new Map();
  return photos.map(({ sha256 }) => {
    times.set(sha256, (times.get(sha256) ?? 0) + 1);
    return `${sha256}:${times.get(sha256)}`;
  });
}

/** The photos as a list of thumbnails (each opens full size) or words for those not here. */
export function photosView(photos, urls, t) {
  if (!photos?.length) return html`<p>${t('photos.none')}</p>`;
  const keys = photoKeys(photos);
  return html`<ul class="desk-photos">${repeat(photos, (photo, i) => keys[i], (photo, i) => {
    const url = urls.get(photo.sha256);
    const alt = t('photos.alt', { n: i + 1 });
    if (url?.startsWith('blob:')) {
      return html`<li><a href=${url} target="_blank" rel="noopener"><img class="desk-photo" src=${url} alt=${alt}></a></li>`;
    }
    const key = { missing: 'liaison.photo.missing', failed: 'liaison.photo.failed', removed: 'liaison.photo.removed' }[url]
      || 'liaison.loading';
    return html`<li><span class="desk-photo-missing">${alt}: ${t(key)}</span></li>`;
  })}</ul>`;
}
