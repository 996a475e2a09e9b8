/**
 * How the desk gets a liaison's attention for an alert or a new P1 report (issue 11): a beep made
 * with Web Audio (no sound file; a mute toggle kept on this browser), a system notification when the
 * tab is hidden (permission asked from a button, never on load), and Web Push so a closed desk still
 * hears of a P1 (VAPID key from the server; the service worker shows it, src/sw.js).
 */
import { ApiError } from '../api.js';
import { getKv, setKv } from '../db.js';
import { get, send } from './api.js';

let audio = null;

/** Whether the desk beeps (on unless muted on this browser). */
export async function soundOn() {
  return (await getKv('desk_sound')) !== false;
}

/** Mute or unmute the beep. */
export function setSound(on) {
  return setKv('desk_sound', Boolean(on));
}

/** Two short tones. Browsers allow sound once the page had a click; before that this is silent. */
export function beep() {
  try {
    const Context = globalThis.AudioContext || globalThis.webkitAudioContext;
    if (!Context) return false;
    audio ??= new Context();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
    const start = audio.currentTime + 0.02;
    [0, 0.25].forEach((offset) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.2);
    });
    return true;
  } catch {
    return false;
  }
}

/** 'unsupported' | 'default' | 'granted' | 'denied': the browser's notification permission. */
export function notificationPermission() {
  return 'Notification' in globalThis ? Notification.permission : 'unsupported';
}

/** Ask for permission to show notifications (from a button the user pressed). */
export async function askNotifications() {
  if (!('Notification' in globalThis)) return 'unsupported';
  return Notification.requestPermission();
}

/** Show a system notification when the desk tab is hidden (a visible tab has its own cues). */
export async function notifyWhenHidden({ title, body, url, tag }) {
  if (document.visibilityState !== 'hidden' || notificationPermission() !== 'granted') return false;
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    // Through the worker, so a click opens the desk the same way a Web Push notification does.
    if (registration) await registration.showNotification(title, { body, tag, data: { url } });
    else new Notification(title, { body, tag }); // eslint-disable-line no-new
    return true;
  } catch {
    return false;
  }
}

/** The VAPID key as the bytes PushManager wants. */
export function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

async function registration() {
  if (!('serviceWorker' in navigator) || !('PushManager' in globalThis)) return null;
  return (await navigator.serviceWorker.getRegistration()) || null;
}

/** 'unsupported' (browser) | 'unavailable' (server not configured) | 'on' | 'off'. */
export async function pushState() {
  const reg = await registration();
  if (!reg) return 'unsupported';
  if (await reg.pushManager.getSubscription()) return 'on';
  try {
    // {public_key: null} when the server has no VAPID keys (docs/desk-api.md); an older server answered 404.
    if (!(await get('/push-subscriptions/key'))?.public_key) return 'unavailable';
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return 'unavailable';
  }
  return 'off';
}

/**
 * Subscribe this browser to Web Push for the desk: the server's VAPID key, PushManager, then the
 * subscription to the server. `texts` ({alert, report, body}) are the notification words in the
 * desk's language, kept for the service worker (the push itself carries no names and no text).
 */
export async function subscribePush(texts) {
  const reg = await registration();
  if (!reg) return 'unsupported';
  let key;
  try {
    key = (await get('/push-subscriptions/key'))?.public_key;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return 'unavailable';
    throw error;
  }
  if (!key) return 'unavailable';
  if (notificationPermission() === 'default') await askNotifications();
  if (notificationPermission() !== 'granted') return 'denied';
  const subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  const { endpoint, keys } = subscription.toJSON();
  await setKv('push_texts', texts);
  await send('/push-subscriptions', { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
  return 'on';
}

/** Stop Web Push on this browser: the server forgets the endpoint, the browser drops the subscription. */
export async function unsubscribePush() {
  const reg = await registration();
  const subscription = await reg?.pushManager.getSubscription();
  if (!subscription) return 'off';
  try {
    await send('/push-subscriptions', { endpoint: subscription.endpoint }, 'DELETE');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  await subscription.unsubscribe();
  return 'off';
}
