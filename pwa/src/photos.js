/**
 * Photos of documents: downscaled and re-encoded on the phone, hashed, kept in IndexedDB
 * until the server has them. No DOM beyond a canvas, so the service worker can read them too.
 *
 * Stored as bytes (ArrayBuffer) plus type, never as a Blob (Blobs in IndexedDB are unreliable
 * on iOS), in the `photos` store keyed by the SHA-256 of the JPEG bytes. Re-encoding through a
 * canvas drops every EXIF field (position, camera, time) of the original.
 */
import { db } from './db.js';
import { hex } from './hex.js';
import { outboxReader, withOutbox } from './outbox.js';

export const MAX_EDGE = 1600;
export const QUALITY = 0.85;
const TYPE = 'image/jpeg';

/** The hex SHA-256 of some bytes. */
export async function sha256(bytes) {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

/** Width and height scaled so the long edge is at most `max` (never enlarged). */
export function fit(width, height, max = MAX_EDGE) {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Draw an image file downscaled onto a canvas and return JPEG bytes (EXIF gone). */
export async function toJpeg(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    bitmap = await createImageBitmap(file);
  }
  const { width, height } = fit(bitmap.width, bitmap.height);
  let blob;
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff'; // JPEG has no transparency: white, like paper
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    blob = await canvas.convertToBlob({ type: TYPE, quality: QUALITY });
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    blob = await new Promise((resolve, reject) => canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the image could not be encoded'))), TYPE, QUALITY));
  }
  bitmap.close?.();
  if (blob.type !== TYPE) throw new Error('this browser cannot encode JPEG');
  return blob.arrayBuffer();
}

/**
 * Prepare one chosen file and store it: returns the reference the report body carries,
 * {sha256, size, type}. Everything async (decode, encode, hash) happens before the transaction.
 */
export async function addPhoto(file, owner) {
  const bytes = await toJpeg(file);
  const hash = await sha256(bytes);
  const record = { sha256: hash, type: TYPE, size: bytes.byteLength, bytes, owner };
  await (await db()).put('photos', record);
  return { sha256: hash, size: record.size, type: TYPE };
}

/** One stored photo ({sha256, type, size, bytes, owner}) or undefined. */
export async function getPhoto(hash) {
  return (await db()).get('photos', hash);
}

/** The hashes of every photo whose bytes are on this phone. */
export async function storedHashes() {
  return (await db()).getAllKeys('photos');
}

/** An object URL showing a stored photo (the caller revokes it), or null when its bytes are gone. */
export async function photoUrl(hash) {
  const photo = await getPhoto(hash);
  return photo ? URL.createObjectURL(new Blob([photo.bytes], { type: photo.type })) : null;
}

/**
 * The photos this phone must keep (hex SHA-256s): every draft's, and those of outbox records the server
 * does not hold whole yet (unsent: their body's and draft's; received: the ones it still lacks or refused). The same
 * picture can be in two reports, so a photo the server confirmed for one may still be another's. Pure.
 */
export function photosInUse(drafts, outbox) {
  const used = new Set();
  const add = (photos) => { for (const photo of photos || []) used.add(photo.sha256); };
  for (const draft of drafts) add(draft.photos);
  for (const record of outbox) {
    if (record.state === 'received') {
      for (const hash of record.photos_missing || []) used.add(hash);
      add(record.photos_refused); // refused by the server for good: the phone's is the only copy (src/outbox.js)
    } else {
      add(record.body?.photos);
      add(record.draft?.photos);
    }
  }
  return used;
}

/**
 * Delete the bytes of these photos, except those still in use (``photosInUse``) by a draft other than
 * `exceptDraftId` or by the outbox: after the server confirmed holding them, or when a draft lets them go.
 */
export async function forgetPhotos(hashes, exceptDraftId = null) {
  if (!hashes.length) return;
  const tx = (await db()).transaction(withOutbox('drafts', 'photos'), 'readwrite');
  const [drafts, outbox] = await Promise.all([tx.objectStore('drafts').getAll(), outboxReader(tx).getAll()]);
  const used = photosInUse(drafts.filter((d) => d.id !== exceptDraftId), outbox);
  await Promise.all([...hashes.filter((h) => !used.has(h)).map((h) => tx.objectStore('photos').delete(h)), tx.done]);
}
